package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// typoWords are the indexes of the distinctive words of 5+ letters.
func typoWords(ws []string, pre, suf int) []int {
	var out []int
	for i := pre; i < len(ws)-suf; i++ {
		letters, _, ok := splitWord(ws[i])
		if ok && len([]rune(letters)) >= 5 && distinctive(strings.ToLower(letters)) {
			out = append(out, i)
		}
	}
	return out
}

// typo makes one edit, never to the first letter, in a distinctive word of
// five letters or more: a substitution by a neighbouring key, a deletion, an
// insertion or a swap of two neighbouring letters.
func typo(r *rand.Rand, name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	idx := typoWords(ws, pre, suf)
	if len(idx) == 0 {
		return ""
	}
	i := idx[r.IntN(len(idx))]
	letters, tail, _ := splitWord(ws[i])
	ws[i] = string(editWord(r, []rune(letters))) + tail
	return strings.Join(ws, " ")
}

func editWord(r *rand.Rand, w []rune) []rune {
	n := len(w)
	for range 8 {
		switch op := r.IntN(4); op {
		case 0: // substitution
			i := 1 + r.IntN(n-1)
			if c := nearKey(r, w, i); c != w[i] {
				return slices.Concat(w[:i], []rune{c}, w[i+1:])
			}
		case 1: // deletion
			i := 1 + r.IntN(n-1)
			return slices.Concat(w[:i], w[i+1:])
		case 2: // insertion
			i := 1 + r.IntN(n)
			return slices.Concat(w[:i], []rune{nearKey(r, w, i-1)}, w[i:])
		default: // neighbours swapped
			i := 1 + r.IntN(n-2)
			if w[i] != w[i+1] {
				return slices.Concat(w[:i], []rune{w[i+1], w[i]}, w[i+2:])
			}
		}
	}
	return slices.Concat(w[:1], w[2:]) // every try hit a double letter
}

// keyboard lists the keys around each key of a QWERTY keyboard.
var keyboard = map[rune]string{
	'q': "wa", 'w': "qeas", 'e': "wrsd", 'r': "etdf", 't': "ryfg", 'y': "tugh", 'u': "yihj",
	'i': "uojk", 'o': "ipkl", 'p': "ol", 'a': "qwsz", 's': "awedxz", 'd': "serfcx",
	'f': "drtgvc", 'g': "ftyhbv", 'h': "gyujnb", 'j': "huikmn", 'k': "jiolm", 'l': "kop",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// nearKey returns a key next to w[i] on the keyboard, in w[i]'s case; for
// letters off the Latin keyboard, another letter of the word.
func nearKey(r *rand.Rand, w []rune, i int) rune {
	c := w[i]
	if near, ok := keyboard[unicode.ToLower(c)]; ok {
		k := rune(near[r.IntN(len(near))])
		if unicode.IsUpper(c) {
			k = unicode.ToUpper(k)
		}
		return k
	}
	return w[r.IntN(len(w))]
}

// ampersand spells "&" as "and" or "and" as "&"; "" when there is neither.
func ampersand(name string) string {
	if strings.Contains(name, "&") {
		parts := strings.Split(name, "&")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		and := " and "
		if isUpper(name) {
			and = " AND "
		}
		return strings.Join(parts, and)
	}
	ws := strings.Fields(name)
	for i := 1; i < len(ws)-1; i++ {
		if strings.EqualFold(ws[i], "and") {
			ws[i] = "&"
			return strings.Join(ws, " ")
		}
	}
	return ""
}
