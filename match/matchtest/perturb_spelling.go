package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A translitRule rewrites one romanisation into another the lists also
// use. at is 's' for the start of a word only, 'e' for its end, 0 anywhere.
type translitRule struct {
	from, to string
	at       byte
}

var translitRules = []translitRule{
	{"kh", "h", 0}, {"ks", "x", 0}, {"x", "ks", 0}, {"ph", "f", 0}, {"ts", "tz", 0}, {"tz", "ts", 0},
	{"iy", "ii", 0}, {"ii", "iy", 0}, {"iy", "y", 'e'}, {"y", "i", 0}, {"i", "y", 'e'},
	{"ou", "u", 0}, {"shch", "sch", 0}, {"sch", "sh", 0}, {"ck", "k", 0},
	{"mm", "m", 0}, {"ss", "s", 0}, {"ll", "l", 0}, {"v", "w", 's'}, {"w", "v", 's'},
	{"e", "ye", 's'}, {"ye", "e", 's'},
}

type translitSite struct {
	word int
	rule translitRule
}

// translitSites lists every rule that applies to a distinctive word of four
// or more Latin letters.
func translitSites(ws []string, pre, suf int) []translitSite {
	var out []translitSite
	for i := pre; i < len(ws)-suf; i++ {
		letters, _, ok := splitWord(ws[i])
		low := strings.ToLower(letters)
		if !ok || len(low) < 4 || !distinctive(low) || !latinOnly(low) {
			continue
		}
		for _, rl := range translitRules {
			if rl.at == 's' && strings.HasPrefix(low, rl.from) || rl.at == 'e' && strings.HasSuffix(low, rl.from) ||
				rl.at == 0 && strings.Contains(low, rl.from) {
				out = append(out, translitSite{i, rl})
			}
		}
	}
	return out
}

// translit respells one word by one rule, everywhere the rule applies in it.
func translit(r *rand.Rand, name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	sites := translitSites(ws, pre, suf)
	if len(sites) == 0 {
		return ""
	}
	s := sites[r.IntN(len(sites))]
	letters, tail, _ := splitWord(ws[s.word])
	low := strings.ToLower(letters)
	switch s.rule.at {
	case 's':
		low = s.rule.to + low[len(s.rule.from):]
	case 'e':
		low = low[:len(low)-len(s.rule.from)] + s.rule.to
	default:
		low = strings.ReplaceAll(low, s.rule.from, s.rule.to)
	}
	ws[s.word] = recase(low, letters) + tail
	return strings.Join(ws, " ")
}

// recase writes lower-case s in the case pattern of like: UPPER, Title
// (the first letter, after any quote) or lower.
func recase(s, like string) string {
	if isUpper(like) {
		return strings.ToUpper(s)
	}
	if i := strings.IndexFunc(like, unicode.IsLetter); i >= 0 && unicode.IsUpper([]rune(like[i:])[0]) {
		rs := []rune(s)
		if j := slices.IndexFunc(rs, unicode.IsLetter); j >= 0 {
			rs[j] = unicode.ToUpper(rs[j])
		}
		return string(rs)
	}
	return s
}

// stripMarks drops accents: Jesús -> Jesus.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Punctuation and spacing changes.
const (
	punctStrip  = iota // "Al-Qaida Co., Ltd." -> "Al Qaida Co Ltd"
	punctHyphen        // "Sky Link" -> "Sky-Link"
	punctJoin          // "Sky Link" -> "SkyLink"
	punctDots          // "LLC" -> "L.L.C."
	punctComma         // "Foo Ltd" -> "Foo, Ltd"
)

// punctuations lists the changes that apply to name.
func punctuations(name string) []int {
	var out []int
	if strings.ContainsAny(name, ".,'’()\"-/") {
		out = append(out, punctStrip)
	}
	ws := strings.Fields(name)
	if wordPairs(ws, false) != nil {
		out = append(out, punctHyphen)
	}
	if wordPairs(ws, true) != nil {
		out = append(out, punctJoin)
	}
	if acronyms(ws) != nil {
		out = append(out, punctDots)
	}
	if _, suf := formSpan(ws); suf > 0 && !strings.HasSuffix(ws[len(ws)-suf-1], ",") {
		out = append(out, punctComma)
	}
	return out
}

// wordPairs are the indexes i where ws[i] and ws[i+1] are both plain words
// that are not stop words and, to be joined, short: "Sea Star" -> "Seastar".
func wordPairs(ws []string, join bool) []int {
	plain := func(w string) bool {
		c := core(w)
		return latinOnly(w) && c == strings.ToLower(w) && !stopWords[c] && (!join || len(w) <= 6 && !formWords[c])
	}
	var out []int
	for i := 0; i+1 < len(ws); i++ {
		if plain(ws[i]) && plain(ws[i+1]) {
			out = append(out, i)
		}
	}
	return out
}

var stopWords = set("of", "the", "and", "for")

// acronyms are the indexes of upper-case words of two to four letters that
// are legal forms or, in a name not all in capitals, initialisms.
func acronyms(ws []string) []int {
	allCaps := isUpper(strings.Join(ws, " "))
	var out []int
	for i, w := range ws {
		if n := len(w); n >= 2 && n <= 4 && isUpper(w) && core(w) == strings.ToLower(w) && (!allCaps || formWords[core(w)]) {
			out = append(out, i)
		}
	}
	return out
}

var stripPunct = strings.NewReplacer(".", "", ",", "", "'", "", "’", "", "(", "", ")", "", "\"", "", "-", " ", "/", " ")

func punctuate(r *rand.Rand, name string) string {
	opts := punctuations(name)
	if len(opts) == 0 {
		return ""
	}
	ws := strings.Fields(name)
	switch opt := opts[r.IntN(len(opts))]; opt {
	case punctStrip:
		return strings.Join(strings.Fields(stripPunct.Replace(name)), " ")
	case punctHyphen, punctJoin:
		pairs := wordPairs(ws, opt == punctJoin)
		i := pairs[r.IntN(len(pairs))]
		sep := "-"
		if opt == punctJoin {
			sep = ""
		}
		ws[i] += sep + ws[i+1]
		return strings.Join(slices.Delete(ws, i+1, i+2), " ")
	case punctDots:
		as := acronyms(ws)
		i := as[r.IntN(len(as))]
		ws[i] = strings.Join(strings.Split(ws[i], ""), ".") + "."
	case punctComma:
		_, suf := formSpan(ws)
		ws[len(ws)-suf-1] += ","
	}
	return strings.Join(ws, " ")
}
