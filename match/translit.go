package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	pinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// Cyrillic to Latin, close to the BGN/PCGN romanisations that OFAC, BIS and
// the UK use for Russian names. Variants the lists also use (ks/x, iy/y,
// kh/h ...) are folded later, in wordKey, so one table is enough.
var russian = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	// Other Cyrillic alphabets (Belarusian, Serbian, Macedonian, Kazakh ...).
	'ў': "u", 'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj",
	'ќ': "kj", 'ѕ': "dz", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ә': "a", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// ukrainian overrides the Russian values where the Ukrainian national
// romanisation (2010) differs: г is h, и is y, і is i.
var ukrainian = map[rune]string{
	'г': "h", 'ґ': "g", 'и': "y", 'і': "i", 'ї': "yi", 'є': "ye", 'щ': "shch",
}

// greek follows ELOT 743 / UN romanisation in its simple form.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o",
}

// isUkrainian reports whether lower-case s uses letters only Ukrainian has.
func isUkrainian(s string) bool {
	return strings.ContainsAny(s, "іїєґ")
}

// transliterate writes the Latin form of lower-case s. A Cyrillic word that
// is an English word written by sound becomes that word; runes it has no
// table for pass through unchanged.
func transliterate(s string) string {
	if !hasNonLatinLetters(s) {
		return s
	}
	uk := isUkrainian(s)
	var b strings.Builder
	b.Grow(len(s) * 2)
	wordStart := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isHan(r) {
			end := i + n
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if !isHan(r) {
					break
				}
				end += n
			}
			if b.Len() > 0 && !wordStart {
				b.WriteByte(' ')
			}
			b.WriteString(hanToPinyin(s[i:end]))
			b.WriteByte(' ')
			i, wordStart = end, true
			continue
		}
		if wordStart && r >= 0x400 && r <= 0x4ff {
			end := len(s)
			if k := strings.IndexFunc(s[i:], func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
				end = i + k
			}
			if en, ok := englishInRussian[s[i:end]]; ok {
				b.WriteString(en)
				i, wordStart = end, false
				continue
			}
		}
		wordStart = !unicode.IsLetter(r)
		i += n
		b.WriteString(romanize(r, uk))
	}
	return b.String()
}

// romanize writes one rune of a Cyrillic or Greek text in Latin letters.
func romanize(r rune, uk bool) string {
	if uk {
		if t, ok := ukrainian[r]; ok {
			return t
		}
	}
	if t, ok := russian[r]; ok {
		return t
	}
	if r >= 0x370 && r <= 0x3ff || r >= 0x1f00 && r <= 0x1fff {
		// Greek with tonos or dialytika: romanise the base letter.
		base := []rune(norm.NFD.String(string(r)))[0]
		if t, ok := greek[base]; ok {
			return t
		}
	}
	return string(r)
}

func hasNonLatinLetters(s string) bool {
	for _, r := range s {
		if r >= 0x370 && r <= 0x52f || r >= 0x1f00 && r <= 0x1fff || isHan(r) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool {
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

// pinyinArgs reads each character in its most common reading, without tones.
var pinyinArgs = pinyin.NewArgs()

// hanToPinyin writes Chinese characters in Hanyu Pinyin without tones, as
// the lists print Chinese names (go-pinyin reads them). A run of two to
// four characters is read as a person's name, the surname and then the
// given name run together ("习近平" is "xi jinping"); a longer one, a
// company's, a syllable a word, which scoring pairs with words the lists
// run together ("hua wei" and "Huawei"). Ü is written u, as passports do.
func hanToPinyin(s string) string {
	syl := pinyin.LazyPinyin(s, pinyinArgs)
	for i := range syl {
		syl[i] = strings.ReplaceAll(syl[i], "v", "u")
	}
	if n := utf8.RuneCountInString(s); n >= 2 && n <= 4 && len(syl) == n {
		return syl[0] + " " + strings.Join(syl[1:], "")
	}
	return strings.Join(syl, " ")
}
