package match

import "strconv"

// summarize writes the one-line explanation from the structured one:
//
//	95% match with listed name "KHAMENEI, Ali": "khaemnei"~"khamenei" (typo, 0.88), "ali"="ali"; unmatched: "x" (query side)
//
// Every hit gets one, so it appends to one buffer rather than formatting
// each part with fmt: quoting is fmt's %q (strconv.Quote), numbers its
// %.0f and %.2f.
func summarize(ex *Explanation, score float64, matched string) string {
	var stack [256]byte // most summaries fit; longer ones grow on the heap
	b := strconv.AppendFloat(stack[:0], score*100, 'f', 0, 64)
	b = append(b, "% match with listed name "...)
	b = appendQuoted(b, matched)
	b = append(b, ": "...)
	for i, w := range ex.Words {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendQuoted(b, w.Query)
		if w.How == howExact || w.How == howLegal && w.Similarity == 1 {
			b = append(b, '=')
			b = appendQuoted(b, w.Listed)
			continue
		}
		b = append(b, '~')
		b = appendQuoted(b, w.Listed)
		b = append(b, " ("...)
		b = append(b, w.How...)
		b = append(b, ", "...)
		b = strconv.AppendFloat(b, w.Similarity, 'f', 2, 64)
		b = append(b, ')')
	}
	sep := "; unmatched: "
	for _, u := range ex.Unmatched {
		if u.Kind == "distinctive" || u.Kind == "number" || u.Weight >= unmatchedListed {
			b = append(b, sep...)
			sep = ", "
			b = appendQuoted(b, u.Word)
			b = append(b, " ("...)
			b = append(b, u.Side...)
			b = append(b, " side)"...)
		}
	}
	for _, adj := range ex.Adjustments {
		b = append(b, "; "...)
		b = append(b, adj...)
	}
	return string(b)
}

// appendQuoted is strconv.AppendQuote, which decodes every rune to decide
// how to write it: a string of printable ASCII with no quote or backslash,
// as most listed names are, is written as it stands.
func appendQuoted(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
