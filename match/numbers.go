package match

import "strconv"

// Numbers are written in words, in digits and in Roman numerals: "Brigade
// Forty-Four" is "Brigade 44", "Three Percenters" "3 Percenters" and
// "Fund IV" "Fund 4". Each reads as its digits, so that any spelling meets
// any other and a different number still differs.

var unitWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// romanNumerals are the numerals of two letters or more up to 39, as fund
// and trust series are numbered. A single I, V or X is more often an
// initial, and a numeral read as one only after a generic word.
var romanNumerals = func() map[string]int {
	m := map[string]int{}
	ones := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	for tens, t := range []string{"", "x", "xx", "xxx"} {
		for one, o := range ones {
			if s := t + o; len(s) >= 2 {
				m[s] = tens*10 + one
			}
		}
	}
	return m
}()

// spellNumbers rewrites the number words and Roman numerals of toks as
// digits, in place, and returns the shortened slice.
func spellNumbers(toks []string) []string {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if n, ok := romanNumerals[t]; ok && i > 0 && isGenericToken(toks[i-1]) {
			// After a word such as fund, trust or partners only: "Li Xi".
			out = append(out, strconv.Itoa(n))
			continue
		}
		if n, ok := singleNumerals[t]; ok && i > 0 && isGenericToken(toks[i-1]) && (i+1 == len(toks) || isLegalToken(toks[i+1])) {
			// A single I, V or X only where a series number stands, at the
			// end of the name or before its legal form: "Trust I",
			// "Partners V L.P.".
			out = append(out, strconv.Itoa(n))
			continue
		}
		if tens, ok := tensWords[t]; ok {
			if i+1 < len(toks) {
				if u, ok := unitWords[toks[i+1]]; ok && u > 0 && u < 10 {
					tens += u
					i++
				} else if d := toks[i+1]; len(d) == 1 && d[0] >= '1' && d[0] <= '9' {
					tens += int(d[0] - '0')
					i++
				}
			}
			out = append(out, strconv.Itoa(tens))
			continue
		}
		if u, ok := unitWords[t]; ok {
			out = append(out, strconv.Itoa(u))
			continue
		}
		out = append(out, t)
	}
	return out
}

var singleNumerals = map[string]int{"i": 1, "v": 5, "x": 10}

// isLegalToken reports whether t alone is a legal form.
func isLegalToken(t string) bool {
	_, ok := legalForms[t]
	return ok
}

func isGenericToken(t string) bool {
	if s, ok := synonyms[t]; ok {
		t = s
	}
	return genericWords[t]
}
