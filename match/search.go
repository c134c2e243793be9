package match

import (
	"math"
	"slices"
)

// search is one query's working state: what each query word met in the
// vocabulary, its weight, and buffers reused from query to query.
type search struct {
	q       *Prepared
	matches []wordMatch // every query word's, in order
	mstart  []int       // query word i: matches[mstart[i]:mstart[i+1]]
	qw      []float64   // query word weights
	partner []float64   // heaviest listed word each query word can meet
	order   []int
	pick    []int     // cheapestFetch's: the words fetched
	gain    []float64 // cheapestFetch's, per word of order
	cost    []float64
	sumGain []float64 // cheapestFetch's, per subset of order
	sumCost []float64
	cands   []int32  // candidates': names by their first slot
	ids     []int32  // named's
	touched uint8    // named's reads ahead, kept so that they are made
	seen    []uint64 // a bit per name's first slot, for unique
	split   []int32  // scratch for vocabulary.splits
	// joined[jstart[i]:jstart[i+1]] are the listed words query words i and
	// i+1 run together may be, spelt so or with the same key; none when
	// either is a legal form.
	joined  []int32
	jstart  []int
	halves  []int32 // words whose names may run two together as a query word
	lwords  []word
	listed  []word // listedWords'
	lw      []float64
	lids    []int32
	al      aligner
	aligned alignment     // scoreName's last, in al's buffers
	best    []pendingHit  // score's, by entity
	bestAt  map[int32]int // entity -> its place in best
	sim     simFunc       // s.similarity, bound once
	key     []byte        // the cache key of the word looked up
	b       bounder       // see bound.go
}

// plan looks every query word up in the vocabulary, or in the index's
// cache of recent lookups.
func (s *search) plan(ix *Index, q *Prepared) {
	s.q = q
	s.matches, s.mstart = s.matches[:0], append(s.mstart[:0], 0)
	s.qw, s.partner = s.qw[:0], s.partner[:0]
	s.halves = s.halves[:0]
	for i := range q.words {
		s.lookUp(ix, &q.words[i])
		s.mstart = append(s.mstart, len(s.matches))
	}
	s.joined, s.jstart = s.joined[:0], append(s.jstart[:0], 0)
	for i := range q.words {
		if i+1 < len(q.words) && q.words[i].kind != legal && q.words[i+1].kind != legal {
			s.joined = ix.vocab.spelled(q.words[i].text+q.words[i+1].text, s.joined)
		}
		s.jstart = append(s.jstart, len(s.joined))
	}
	if s.sim == nil {
		s.sim = s.similarity
	}
	s.planBound(ix)
}

// lookUp appends what w meets in the vocabulary, its weight and its
// heaviest partner. Only words of letters are remembered: the others are
// looked up by their exact text, which costs no more than the cache.
func (s *search) lookUp(ix *Index, w *word) {
	cached := fuzzy(w.kind)
	if cached {
		s.key = cacheKey(s.key, w)
		if l, ok := ix.lookups.get(s.key); ok {
			s.matches = append(s.matches, l.matches...)
			s.halves = append(s.halves, l.halves...)
			s.qw, s.partner = append(s.qw, l.weight), append(s.partner, l.partner)
			return
		}
	}
	from, hfrom := len(s.matches), len(s.halves)
	s.matches = ix.vocab.similar(w, s.matches)
	ms := s.matches[from:]
	weight, partner := ix.queryWeight(w, ms), ix.heaviestPartner(w, ms)
	s.qw, s.partner = append(s.qw, weight), append(s.partner, partner)
	if w.kind != legal {
		s.split = ix.vocab.splits(w, s.split, func(a, b []int32) {
			if ix.postingLen(b) < ix.postingLen(a) {
				a = b
			}
			s.halves = append(s.halves, a...)
		})
	}
	if cached {
		ix.lookups.put(s.key, &lookup{matches: slices.Clone(ms), halves: slices.Clone(s.halves[hfrom:]), weight: weight, partner: partner})
	}
}

// heaviestPartner bounds the weight of a listed word that w can meet.
func (ix *Index) heaviestPartner(w *word, ms []wordMatch) float64 {
	switch w.kind {
	case legal:
		return baseWeight[legal]
	case initial:
		return 1 // any word with its letter
	}
	h := 0.0
	if w.kind != number {
		h = baseWeight[initial] // a listed initial meets any word with its letter
	}
	for _, m := range ms {
		h = max(h, ix.weights[m.id])
	}
	return h
}

// similarity is wordSimilarity for query word i and the candidate's word j,
// answered from the vocabulary lookups where it would compare letters.
func (s *search) similarity(i, j int) (float64, string) {
	qw, lw := &s.q.words[i], &s.lwords[j]
	if !fuzzy(qw.kind) || !fuzzy(lw.kind) {
		return wordSimilarity(qw, lw) // no letters compared: cheap
	}
	id := s.lids[j]
	for _, m := range s.matches[s.mstart[i]:s.mstart[i+1]] {
		if m.id == id {
			return m.sim, m.how
		}
	}
	return 0, ""
}

// postingLen is how many names hold any of the words.
func (ix *Index) postingLen(ws []int32) int {
	n := 0
	for _, v := range ws {
		n += len(ix.postings(v))
	}
	return n
}

// scoreName scores one listed name against the planned query.
func (s *search) scoreName(ix *Index, q *Prepared, n *indexedName) float64 {
	ids := ix.wordsOf(n)
	s.lids = append(s.lids[:0], ids...)
	s.lwords, s.lw = s.lwords[:0], s.lw[:0]
	for _, v := range ids {
		s.lwords = append(s.lwords, ix.vocab.words[v])
		s.lw = append(s.lw, ix.weights[v])
	}
	s.aligned = s.al.align(q.words, s.lwords, s.qw, s.lw, s.sim)
	return s.aligned.score()
}

// candidates returns every name that could reach the threshold, and few
// others, each by its first slot (as postings list them).
//
// A name is fetched through the words it shares, exactly or nearly, with
// the query. Not every query word needs to fetch: if a name meets none of
// the heaviest query words S, its score is at most
//
//	sum over words w outside S of (weight(w) + partner(w))
//	------------------------------------------------------
//	weight of all query words + sum outside S of partner(w)
//
// where partner(w) bounds the weight of the listed word w can meet (a pair
// adds its weight to both sides of the score, which only raises it). Any S
// that brings that bound under the threshold will do, and fetchWords picks
// the one that reads the fewest postings; so "Iran" in "Bank Melli Iran"
// fetches nothing when "Melli" cannot be missed, and a common first name
// is not read when the rare surnames beside it are enough. A word of S may
// still meet a listed initial in a name it did not fetch: the bound counts
// that, and if it cannot get under the threshold, the names carrying those
// initials are fetched too. Legal forms and initials never fetch: they
// count as met in the bound.
//
// Bounded, it leaves out the names too heavy to reach the threshold
// (fetchLimit).
func (s *search) candidates(ix *Index, q *Prepared, threshold float64, bounded bool) []int32 {
	words := q.words
	s.order = s.order[:0]
	for i := range words {
		if k := words[i].kind; k != legal && k != initial && s.partner[i] > 0 {
			s.order = append(s.order, i)
		}
	}
	slices.SortStableFunc(s.order, func(a, b int) int {
		switch {
		case s.qw[a] > s.qw[b]:
			return -1
		case s.qw[a] < s.qw[b]:
			return 1
		}
		return 0
	})
	limit := math.Inf(1)
	if bounded {
		limit = s.fetchLimit(threshold)
	}
	fetch, withInitials := s.fetchWords(ix, threshold)
	out := s.cands[:0]
	for _, i := range fetch {
		for _, m := range s.matches[s.mstart[i]:s.mstart[i+1]] {
			out = append(out, ix.postingsUpTo(m.id, limit)...)
		}
		if withInitials && fuzzy(words[i].kind) {
			if v, ok := ix.vocab.byText[words[i].text[:1]]; ok {
				out = append(out, ix.postingsUpTo(v, limit)...)
			}
		}
	}
	// Words that one side runs together and the other splits.
	for _, v := range s.halves {
		out = append(out, ix.postingsUpTo(v, limit)...)
	}
	// And listed words that two query neighbours run together may be.
	for _, v := range s.joined {
		out = append(out, ix.postingsUpTo(v, limit)...)
	}
	s.cands = s.unique(out, len(ix.slots))
	return s.cands
}

// unique returns ids, first slots of an index of n, each once, in the
// order first met: they are bounded in any order, and only the few that
// pass are sorted (named). A bit set marks those met, and is cleared for
// the next query.
func (s *search) unique(ids []int32, n int) []int32 {
	if words := (n + 63) / 64; len(s.seen) != words {
		s.seen = make([]uint64, words)
	}
	out := ids[:0]
	for _, id := range ids {
		w, bit := id/64, uint64(1)<<(id%64)
		if s.seen[w]&bit == 0 {
			s.seen[w] |= bit
			out = append(out, id)
		}
	}
	for _, id := range out {
		s.seen[id/64] = 0
	}
	return out
}

// bound is the highest score a name can reach that meets none of the query
// words inS; withInitials: it may meet them as listed initials.
func (s *search) bound(inS []int, withInitials bool) float64 {
	var num, den float64
	for i := range s.qw {
		den += s.qw[i]
		if slices.Contains(inS, i) {
			if withInitials && fuzzy(s.q.words[i].kind) {
				num += simInitial * (s.qw[i] + baseWeight[initial])
			}
			continue
		}
		if s.partner[i] > 0 {
			num += s.qw[i] + s.partner[i]
			den += s.partner[i]
		}
	}
	if den == 0 {
		return 0
	}
	return num / den
}
