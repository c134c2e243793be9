package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Letters that carry no combining mark to strip but still have a plain
// Latin spelling in names.
var latinSpecial = map[rune]string{
	'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'æ': "ae", 'œ': "oe",
	'þ': "th", 'ı': "i", 'ŀ': "l", 'ħ': "h", 'ŧ': "t", 'ĸ': "k",
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '`', '´', 'ʻ', '‘':
		return true
	}
	return false
}

// Normalize returns the form of name the matcher compares: Unicode NFKC,
// lower case, Cyrillic and Greek romanised, accents removed, "&" spelled
// "and", apostrophes dropped (so INT'L is intl and a possessive 's goes),
// every other punctuation mark a space, and single spaces between words.
func Normalize(name string) string {
	s := strings.ToLower(splitGluedForms(norm.NFKC.String(name)))
	s = transliterate(s)
	s = norm.NFD.String(s)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	emitSpace := func() {
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case isApostrophe(r):
			// A possessive 's is dropped whole: Kaspersky's = Kaspersky.
			if i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWordRune(rs[i+2])) && i > 0 && isWordRune(rs[i-1]) {
				i++
			}
			continue
		case r == '&' || r == '+':
			emitSpace()
			b.WriteString("and")
			space = false
			emitSpace()
		case isWordRune(r):
			if t, ok := latinSpecial[r]; ok {
				b.WriteString(t)
			} else {
				b.WriteRune(r)
			}
			space = false
		default:
			emitSpace()
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// splitGluedForms parts a legal form written onto the end of a name in
// capitals, "SiemensAG" or "AcmeGmbH", from the name: a lower-case letter,
// then a capital that starts the rest of the word, which is a legal form.
func splitGluedForms(s string) string {
	for i := 1; i < len(s); i++ {
		if !isUpperASCII(s[i]) || !isLowerASCII(s[i-1]) || i < 3 || !isWordRune(rune(s[i-2])) || !isWordRune(rune(s[i-3])) {
			continue // a name of three letters or more before the form
		}
		end := i
		for end < len(s) && isWordRune(rune(s[end])) && s[end] < utf8.RuneSelf {
			end++
		}
		if end < len(s) && s[end] >= utf8.RuneSelf {
			continue // the word goes on in letters this does not read
		}
		if _, ok := legalForms[strings.ToLower(s[i:end])]; ok && end-i >= 2 {
			return s[:i] + " " + s[i:end] + splitGluedForms(s[end:])
		}
	}
	return s
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Tokens splits a name into normalised words. A run of single letters is
// one word, so "S.r.l.", "J.S.C." and "A B C" read as srl, jsc and abc.
func Tokens(name string) []string {
	fields := strings.Fields(Normalize(name))
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i
		for j < len(fields) && runeLen(fields[j]) == 1 && isLetterWord(fields[j]) {
			j++
		}
		if j-i >= 2 {
			if numeralBeforeForm(fields, i, j) {
				// "Partners V L.P.": the series numeral, then the form.
				out = append(out, fields[i])
				i++
			}
			if j-i >= 2 {
				out = append(out, strings.Join(fields[i:j], ""))
				i = j
				continue
			}
		}
		out = append(out, fields[i])
		i++
	}
	return out
}

// numeralBeforeForm reports whether the run of single letters
// fields[i:j] is a Roman numeral I, V or X after a word such as fund or
// partners, followed by a legal form spelt in initials: the V of
// "Partners V L.P.". After other words the letter is an initial, as
// spellNumbers reads it: the I of "Title I, S.A." stays in "isa".
func numeralBeforeForm(fields []string, i, j int) bool {
	if i == 0 || j-i < 3 || !isGenericToken(fields[i-1]) {
		return false
	}
	switch fields[i] {
	case "i", "v", "x":
		return isLegalToken(strings.Join(fields[i+1:j], ""))
	}
	return false
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

func isLetterWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
