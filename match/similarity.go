package match

import (
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
		return simVariant, howVariant
	}
	if (a.kind == generic) != (b.kind == generic) {
		// A typo does not turn a generic word into a distinctive one: "banc"
		// is not "bank". This also keeps the candidate bound in index.go exact.
		return 0, ""
	}
	return typoSimilarity(a.text, b.text, a.key, b.key)
}

// typoSimilarity compares two words letter by letter, on their spelling
// and on their folded keys, and keeps the closer.
func typoSimilarity(a, b, ak, bk string) (float64, string) {
	best := 0.0
	for k, p := range [2][2]string{{a, b}, {ak, bk}} {
		la, lb := len(p[0]), len(p[1])
		shorter, longer := min(la, lb), max(la, lb)
		allowed := allowedEdits(shorter)
		if longer-shorter > allowed {
			continue
		}
		d := editDistance(p[0], p[1])
		if d > allowed {
			continue
		}
		sim := 1 - float64(d)/float64(longer)
		if k == 1 {
			sim *= simVariant // a typo on top of a spelling variant
		}
		best = max(best, sim)
	}
	if best == 0 {
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

func isOneSwap(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
