package match

import (
	"maps"
	"slices"
)

// gramIndex maps a bigram at a position to the words holding it there,
// ordered by length, so a lookup reads only the words where the bigram
// stands within the edit budget of where it stands in the query, and whose
// length is within the budget too.
//
// Why no word is lost: an edit changes at most two bigrams of a padded
// word and a swap of neighbours at most three, so a word within k edits of
// a query word of g distinct bigrams shares at least g - 3k of them, each
// within k positions of where it stands, and its length differs by at
// most k.
type gramIndex struct {
	runs  map[uint32][2]int32 // gram -> its slots [from, to), by position
	pos   []uint8             // slot -> position
	start []int32             // slot -> offset in ids; len(slots)+1 once built
	ids   []int32
	lens  []uint8 // the length each id is ordered by, capped at 255
	size  []uint8 // word id -> that length, for every word
}

func gramAt(g uint32, pos uint8) uint32 { return g<<8 | uint32(pos) }

// gramsFunc appends the distinct positional grams of a string.
type gramsFunc func(grams []uint32, pos []uint8, s string) ([]uint32, []uint8)

// buildGrams indexes the grams of the string of(w) of every word keep
// accepts. A gram's slots, one per position, are numbered in a run, so that
// a lookup reads the gram once, whatever the positions its window spans.
func buildGrams(words []word, of func(*word) string, keep func(*word) bool, gramsOf gramsFunc) gramIndex {
	g := gramIndex{runs: map[uint32][2]int32{}, size: make([]uint8, len(words))}
	for i := range words {
		g.size[i] = uint8(min(len(of(&words[i])), 255))
	}
	slotOf := map[uint32]int32{} // gramAt -> count, then slot
	var buf []uint32
	var pos []uint8
	for i := range words {
		if !keep(&words[i]) {
			continue
		}
		buf, pos = gramsOf(buf[:0], pos[:0], of(&words[i]))
		for k, gr := range buf {
			slotOf[gramAt(gr, pos[k])]++
		}
	}
	keys := slices.Sorted(maps.Keys(slotOf))
	counts := make([]int32, len(keys))
	g.pos = make([]uint8, len(keys))
	for s, key := range keys {
		counts[s], g.pos[s] = slotOf[key], uint8(key)
		slotOf[key] = int32(s)
		run, ok := g.runs[key>>8]
		if !ok {
			run[0] = int32(s)
		}
		run[1] = int32(s) + 1
		g.runs[key>>8] = run
	}
	g.start = make([]int32, len(counts)+1)
	for s, c := range counts {
		g.start[s+1] = g.start[s] + c
	}
	g.ids = make([]int32, g.start[len(counts)])
	g.lens = make([]uint8, len(g.ids))
	fill := slices.Clone(g.start[:len(counts)])
	for i := range words {
		if !keep(&words[i]) {
			continue
		}
		buf, pos = gramsOf(buf[:0], pos[:0], of(&words[i]))
		for k, gr := range buf {
			slot := slotOf[gramAt(gr, pos[k])]
			g.ids[fill[slot]] = int32(i)
			g.lens[fill[slot]] = g.size[i]
			fill[slot]++
		}
	}
	for s := range counts {
		lo, hi := g.start[s], g.start[s+1]
		sortByLen(g.ids[lo:hi], g.lens[lo:hi])
	}
	return g
}

// sortByLen orders ids by length, stable within a length: a short posting
// by insertion, a long one by a counting sort, the lengths being few.
func sortByLen(ids []int32, lens []uint8) {
	if len(ids) < 64 {
		for i := 1; i < len(ids); i++ {
			for j := i; j > 0 && lens[j] < lens[j-1]; j-- {
				ids[j], ids[j-1] = ids[j-1], ids[j]
				lens[j], lens[j-1] = lens[j-1], lens[j]
			}
		}
		return
	}
	var count [257]int32
	for _, l := range lens {
		count[int(l)+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	outIDs := make([]int32, len(ids))
	outLens := make([]uint8, len(lens))
	for k, l := range lens {
		p := count[l]
		count[l]++
		outIDs[p], outLens[p] = ids[k], l
	}
	copy(ids, outIDs)
	copy(lens, outLens)
}

// anyPos marks a bigram that stands twice in a word (or past position
// 254): it is counted wherever it stands in the other word.
const anyPos = 255

// appendBigramsAt appends the distinct padded bigrams of s ("^k", "ka",
// ..., "y$") and where each first stands; anyPos if it stands twice. A
// bigram an edit leaves in place moves by at most one position per
// inserted or deleted letter, so within k edits it is at most k away.
func appendBigramsAt(grams []uint32, pos []uint8, s string) ([]uint32, []uint8) {
	from := len(grams)
	prev := uint32('^')
	for i := 0; i <= len(s); i++ {
		next := uint32('$')
		if i < len(s) {
			next = uint32(s[i])
		}
		g := prev<<8 | next
		if k := slices.Index(grams[from:], g); k >= 0 {
			pos[from+k] = anyPos
		} else {
			grams = append(grams, g)
			pos = append(pos, uint8(min(i, anyPos)))
		}
		prev = next
	}
	return grams, pos
}

// appendTrigramsAt is appendBigramsAt for the trigrams of s padded with two
// marks at either end ("^^k", "^ka", ..., "y$$"), so that every letter
// stands in three: an edit changes at most three, and far fewer words share
// a trigram than a bigram.
func appendTrigramsAt(grams []uint32, pos []uint8, s string) ([]uint32, []uint8) {
	from := len(grams)
	at := func(i int) uint32 {
		switch {
		case i < 2:
			return '^'
		case i-2 < len(s):
			return uint32(s[i-2])
		}
		return '$'
	}
	for i := 0; i <= len(s)+1; i++ {
		g := at(i)<<16 | at(i+1)<<8 | at(i+2)
		if k := slices.Index(grams[from:], g); k >= 0 {
			pos[from+k] = anyPos
		} else {
			grams = append(grams, g)
			pos = append(pos, uint8(min(i, anyPos)))
		}
	}
	return grams, pos
}

// queryGrams are the bigrams or trigrams (size) of one query string (a
// word's spelling or its folded key) and the edit budget its length
// allows.
type queryGrams struct {
	s     string
	k     int
	size  int
	grams []uint32
	pos   []uint8
}

func (qg *queryGrams) set(s string, size int) {
	qg.s, qg.k, qg.size = s, allowedEdits(len(s)), size
	gramsOf := appendBigramsAt
	if size == 3 {
		gramsOf = appendTrigramsAt
	}
	qg.grams, qg.pos = gramsOf(qg.grams[:0], qg.pos[:0], s)
}

// window is where a word's copy of query bigram gi counts: positions
// first..last, or anywhere for a bigram the word holds twice.
func (qg *queryGrams) window(gi int) (first, last int) {
	first, last = 0, anyPos-1 // a bigram twice in the query: anywhere
	if qp := int(qg.pos[gi]); qp != anyPos {
		first, last = max(qp-qg.k, 0), min(qp+qg.k, anyPos-1)
	}
	return first, min(last, len(qg.s)+qg.k+qg.size-2) // no word in the window is longer
}

// least is the fewest grams a word of any length must share to pass:
// passes's count, or when tight, gather's.
func (qg *queryGrams) least(tight bool) int {
	if tight {
		return max(len(qg.grams)-qg.size*qg.k, 1)
	}
	return min(max(len(qg.grams)-3*qg.k, 1), 255)
}

// passes is the count of shared bigrams that a word of length l needs to
// be compared at all: the budget is the shorter word's, since a long query
// word does not lend a short listed word its edits.
func (qg *queryGrams) passes(l, n int) bool {
	kw := allowedEdits(min(l, len(qg.s)))
	if l-len(qg.s) > kw || len(qg.s)-l > kw {
		return false
	}
	least := min(max(len(qg.grams)-3*qg.k, 1), 255)
	return n >= least && n >= min(max(len(qg.grams)-3*kw, 1), 255)
}
