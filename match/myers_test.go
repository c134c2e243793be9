package match

import (
	"strings"
	"testing"
)

// byteDistance is the Levenshtein distance over bytes, by the full table.
func byteDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			v := prev[j-1]
			if a[i-1] != b[j-1] {
				v++
			}
			cur[j] = min(v, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// The bit-parallel distance is the full table's, for every pattern it
// holds, and a pattern reused for another string forgets the last one.
func FuzzPatternDistance(f *testing.F) {
	for _, s := range [][2]string{{"kaspersky", "kasperski"}, {"shaistroy", "draistroy"}, {"", "abc"}, {"abc", ""}, {"ab", "ba"}, {"москва", "moskva"}, {strings.Repeat("ab", 32), strings.Repeat("ba", 33)}} {
		f.Add(s[0], s[1])
	}
	var p pattern
	f.Fuzz(func(t *testing.T, a, b string) {
		p.reset(a)
		d, ok := distance(&p, b)
		if ok != (len(a) > 0 && len(a) <= maxPattern) {
			t.Fatalf("pattern %q: holds it %v", a, ok)
		}
		if want := byteDistance(a, b); ok && d != want {
			t.Fatalf("distance(%q, %q) = %d, want %d", a, b, d, want)
		}
	})
}
