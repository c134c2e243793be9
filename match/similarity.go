package match

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// How two words met, as an explanation shows it.
const (
	howExact    = "exact"
	howVariant  = "spelling variant"
	howTypo     = "typo"
	howLegal    = "legal form"
	howInitial  = "initial"
	howJoined   = "joined words"
	howStem     = "brand stem"
	simVariant  = 0.96
	simJoined   = 0.97
	simInitial  = 0.8
	simOtherLaw = 0.6
)

// typoCost is what each edit costs, as a share of the longer word, and
// typoFixed what it costs whatever the length in a word that identifies
// the party: a typo in a short name leaves less of it. One typo in a
// five-letter name leaves 0.9 - typoFixed; in a generic word, 0.9.
const typoCost, typoFixed = 0.5, 0.06

// shortVariant is what two short words with one folded spelling score:
// in a word of shortWord letters or fewer, often an acronym, folding
// makes another word (WPP and VPP, Coty and Koti).
const shortVariant, shortWord = 0.84, 4

// firstLetterCost is taken off when two words differ in their first
// letter, which a typo rarely changes: Lear is not Elar, nor Emera Hemera.
const firstLetterCost = 0.05

// allowedEdits is how many typos a word of n letters may carry and still
// meet another: none in short words, where one edit makes another word.
func allowedEdits(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	case n <= 12:
		return 2
	}
	return 3
}

// wordSimilarity scores two words in [0,1] and says how they met. Zero
// means they did not.
func wordSimilarity(a, b *word) (float64, string) {
	if a.kind == legal || b.kind == legal {
		if a.kind != b.kind {
			return 0, ""
		}
		if a.form == b.form {
			return 1, howLegal
		}
		return simOtherLaw, howLegal
	}
	if a.text == b.text {
		return 1, howExact
	}
	if a.kind == number || b.kind == number {
		return 0, ""
	}
	if a.kind == initial || b.kind == initial {
		if a.kind != b.kind && a.text[0] == b.text[0] {
			return simInitial, howInitial
		}
		return 0, ""
	}
	if a.key == b.key {
		if max(len(a.text), len(b.text)) <= shortWord {
			return shortVariant, howVariant
		}
		return simVariant, howVariant
	}
	mixed := (a.kind == generic) != (b.kind == generic)
	if mixed && !placeTypo(a, b) && !placeTypo(b, a) {
		// A typo does not turn a generic word into a distinctive one: "banc"
		// is not "bank". vocabulary.similar looks up the pairs placeTypo
		// lets meet, which keeps the candidate bound in index.go exact.
		return 0, ""
	}
	sim, how := typoSimilarity(a.text, b.text, a.key, b.key, a.ascii && b.ascii, a.kind != generic || b.kind != generic)
	if mixed && sim > 0 {
		// A misspelt place: less sure than a misspelt name, and alone
		// ("Atlantia" for "Atlantic") not enough for a hit.
		sim = max(sim-placeTypoCost, 0)
	}
	return sim, how
}

// minPlaceTypo is the shortest place name a distinctive word may meet by a
// typo: "Bank of Chima" is the Bank of China, "Ruesia" Russia; shorter
// names (Oman, Omar) are other words one letter away.
const minPlaceTypo = 5

// placeTypoCost is taken off a typo between a distinctive word and a place.
const placeTypoCost = 0.05

// placeTypo reports whether a may be a misspelling of the place name b:
// a is a distinctive word, which no place name is, b a long place name, and
// a not b with letters added, a word made from it (Atlantica, Americana).
func placeTypo(a, b *word) bool {
	return a.kind == distinctive && isTypoPlace(b) && !strings.HasPrefix(a.text, b.text)
}

// isTypoPlace reports whether w is a place name that distinctive words may
// meet by a typo.
func isTypoPlace(w *word) bool {
	return w.kind == generic && len(w.text) >= minPlaceTypo && placeWords()[w.text]
}

// typoSimilarity compares two words letter by letter, on their spelling
// and on their folded keys, and keeps the closer.
func typoSimilarity(a, b, ak, bk string, ascii, identifying bool) (float64, string) {
	best := 0.0
	for k, p := range [2][2]string{{a, b}, {ak, bk}} {
		if k == 1 && ak == a && bk == b {
			break // the keys are the spellings: compared already
		}
		la, lb := len(p[0]), len(p[1])
		shorter, longer := min(la, lb), max(la, lb)
		allowed := allowedEdits(shorter)
		if longer-shorter > allowed {
			continue
		}
		var d int
		if ascii {
			d = bandedEditDistance(p[0], p[1], allowed)
		} else {
			d = boundedEditDistance(p[0], p[1], allowed)
		}
		if d > allowed {
			continue
		}
		sim := 1 - typoCost*float64(d)/float64(longer)
		if identifying {
			sim -= typoFixed * float64(d)
			if p[0][0] != p[1][0] {
				sim -= firstLetterCost
			}
		}
		if k == 1 {
			sim *= simVariant // a typo on top of a spelling variant
		}
		best = max(best, sim)
	}
	if best <= 0 {
		return 0, ""
	}
	return best, howTypo
}

// editDistance is the Levenshtein distance, except that one swap of two
// neighbouring letters (Aleskeeva for Alekseeva) counts as one edit.
func editDistance(a, b string) int {
	d := levenshtein.ComputeDistance(a, b)
	if d == 2 && len(a) == len(b) && isOneSwap(a, b) {
		return 1
	}
	return d
}

// maxBanded is the longest word boundedEditDistance compares itself.
const maxBanded = 64

// boundedEditDistance is editDistance when that is at most k, and some
// number above k otherwise. It is the hot path of every lookup: for short
// ASCII words it fills only the diagonal band of width k of the table, on
// the stack, and stops as soon as every cell of a row exceeds the bound.
func boundedEditDistance(a, b string, k int) int {
	if !isASCII(a) || !isASCII(b) {
		return editDistance(a, b)
	}
	return bandedEditDistance(a, b, k)
}

// bandedEditDistance is boundedEditDistance for ASCII words. Its rows are
// bytes: a distance within the band is at most maxBanded, and Go clears the
// rows on every call, which for rows of ints cost as much as the band.
func bandedEditDistance(a, b string, k int) int {
	if len(a) > maxBanded || len(b) > maxBanded {
		return editDistance(a, b)
	}
	kk := max(k, 2) // a swap is found as two edits, then counted as one
	if d := len(a) - len(b); d > kk || -d > kk {
		return kk + 1
	}
	over := uint8(min(kk+1, 255)) // past the band
	var prev, cur [maxBanded + 1]uint8
	for j := 0; j <= len(b); j++ {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-kk), min(len(b), i+kk)
		cur[0] = uint8(i)
		if lo > 1 {
			cur[lo-1] = over
		}
		rowMin := cur[0]
		if lo > 1 {
			rowMin = over
		}
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if a[i-1] != b[j-1] {
				v++
			}
			if x := prev[j] + 1; x < v && j < i+kk {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = over
		}
		if int(rowMin) > kk {
			return kk + 1
		}
		prev, cur = cur, prev
	}
	d := int(prev[len(b)])
	if d > kk {
		return kk + 1
	}
	if d == 2 && len(a) == len(b) && isOneSwap(a, b) {
		return 1
	}
	return d
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isOneSwap(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
