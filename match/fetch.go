package match

import (
	"math"
	"math/bits"
)

// maxPickWords is the most fetchable query words whose every subset
// fetchWords weighs; a longer query fetches its heaviest words first.
const maxPickWords = 10

// fetchWords returns the query words S whose names candidates fetches
// (see candidates), and whether it must fetch the names carrying their
// initials too.
//
// The bound on a name that meets no word of S is
//
//	(A − Σ_S a) / (B − Σ_S b)
//
// with a = weight + partner and b = partner for each word of S, and A, B
// the sums with S empty. It is under the threshold t when Σ_S (a − t·b)
// exceeds A − t·B: a knapsack small enough, for the few words a name has,
// to solve by trying every subset, the cheapest being the one whose
// postings (and initials') are shortest.
func (s *search) fetchWords(ix *Index, threshold float64) (fetch []int, withInitials bool) {
	// Counting the words of S as met by listed initials is a weaker bound,
	// but it spares reading the names with those initials. With S empty
	// the two bounds are one, so a query that needs to fetch nothing
	// returns here.
	for k := 0; k <= len(s.order); k++ {
		if s.bound(s.order[:k], true) < threshold {
			return s.order[:k], false
		}
	}
	if len(s.order) <= maxPickWords {
		if pick, ok := s.cheapestFetch(ix, threshold); ok {
			return pick, true
		}
	}
	for k := 0; k <= len(s.order); k++ {
		if s.bound(s.order[:k], false) < threshold {
			return s.order[:k], true
		}
	}
	return s.order, true
}

// cheapestFetch tries every subset of s.order, each summed from the one
// without its lowest word, and returns the one whose postings are shortest
// among those that bring the bound under the threshold, if any does.
func (s *search) cheapestFetch(ix *Index, threshold float64) ([]int, bool) {
	s.gain, s.cost = s.gain[:0], s.cost[:0]
	var need float64 // A − t·B
	for i := range s.qw {
		need -= threshold * s.qw[i]
		if s.partner[i] > 0 {
			need += s.qw[i] + s.partner[i] - threshold*s.partner[i]
		}
	}
	for _, i := range s.order {
		s.gain = append(s.gain, s.qw[i]+s.partner[i]-threshold*s.partner[i])
		s.cost = append(s.cost, float64(s.fetchCost(ix, i)))
	}
	size := 1 << len(s.order)
	s.sumGain, s.sumCost = grown(s.sumGain, size), grown(s.sumCost, size)
	best, bestCost := -1, math.Inf(1)
	for set := 1; set < size; set++ {
		low := bits.TrailingZeros(uint(set))
		s.sumGain[set] = s.sumGain[set&(set-1)] + s.gain[low]
		s.sumCost[set] = s.sumCost[set&(set-1)] + s.cost[low]
		if s.sumGain[set] > need && s.sumCost[set] < bestCost {
			best, bestCost = set, s.sumCost[set]
		}
	}
	if best < 0 {
		return nil, false
	}
	s.pick = s.pick[:0]
	for p, i := range s.order {
		if best&(1<<p) != 0 {
			s.pick = append(s.pick, i)
		}
	}
	// The sums add in another order than bound: it has the last word.
	return s.pick, s.bound(s.pick, false) < threshold
}

// fetchCost is about how many postings fetching query word i reads: the
// names of the listed words it meets, and of its initial, whether or not
// they are light enough to be read (finding that out costs a search per
// word, more than the choice it informs).
func (s *search) fetchCost(ix *Index, i int) int {
	n := 0
	for _, m := range s.matches[s.mstart[i]:s.mstart[i+1]] {
		n += int(ix.postStart[m.id+1] - ix.postStart[m.id])
	}
	if w := &s.q.words[i]; fuzzy(w.kind) {
		if v, ok := ix.vocab.byText[w.text[:1]]; ok {
			n += int(ix.postStart[v+1] - ix.postStart[v])
		}
	}
	return n
}
