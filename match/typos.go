package match

import (
	"cmp"
	"slices"
)

// Typos are looked up so that few words are left to confirm. For a plain
// (ASCII) query word, a word within one edit (a swap of neighbours counting
// as one) comes from the deletion index. A word further away has a budget
// of two edits or more, so both words are long: it comes from the trigram
// postings of long words, where it shares all but 3k of the query word's
// trigrams, since an insertion, deletion or substitution of a plain letter
// changes at most three. Words in other scripts (where an edit is a letter
// of several bytes), and every word for a query word in another script,
// are counted by bigrams as the gramIndex comment says.
//
// Typo matches are listed in the order a scan of the bigram postings meets
// them: by the query's spelling first, then by its key; within each, by
// query bigram, by where the word holds it, by length, then by id. Only
// the words whose shared bigrams pass that scan's count are kept. The
// query's weight is the first most similar word's, so the order is part of
// the score; it does not depend on how a word was found.

// counter is the scratch of one lookup: bigram counts per vocabulary word
// (touched lists the words counted, so they are cleared in time
// proportional to them) and the words found so far.
type counter struct {
	n       []uint8
	touched []int32
	text    queryGrams // the query word's spelling, by bigrams
	key     queryGrams // and its folded key
	text3   queryGrams // the same by trigrams, for long plain words
	key3    queryGrams
	ptext   pattern // the query word's spelling and key, for mayMeetByTypo
	pkey    pattern
	wgrams  []uint32 // one listed string's bigrams, for scanRank
	wpos    []uint8
	hashes  []uint32
	cands   []int32
	found   []typo
	// The postings of each query gram, for gather.
	spans    [][2]int32
	byRarity []gramPostings
}

// typo is a word met, with where the scan meets it.
type typo struct {
	order uint64
	m     wordMatch
}

// typos appends the typoable words q meets by a typo and out[from:] does not
// hold yet, in scan order.
func (v *vocabulary) typos(c *counter, q *word, out []wordMatch, from int) []wordMatch {
	c.text.set(q.text, 2)
	c.key.set(q.key, 2)
	c.cands = c.cands[:0]
	if isASCII(q.text) {
		c.cands = v.dels.lookup(c, q, v.longFrom)
		c.text3.set(q.text, 3)
		c.key3.set(q.key, 3)
		v.gather(c, &v.longText, &c.text3, v.longFrom, true)
		v.gather(c, &v.longKey, &c.key3, v.longFrom, true)
	} else {
		v.gather(c, &v.plainText, &c.text, 0, false)
		v.gather(c, &v.plainKey, &c.key, 0, false)
	}
	v.gather(c, &v.otherText, &c.text, 0, false)
	v.gather(c, &v.otherKey, &c.key, 0, false)
	if q.ascii {
		c.ptext.reset(q.text)
		c.pkey.reset(q.key)
	}
	c.found = c.found[:0]
	for _, id := range c.cands {
		// Each word once: gather leaves every count at zero.
		if c.n[id] != 0 {
			continue
		}
		c.n[id] = 1
		c.touched = append(c.touched, id)
		if q.ascii && !mayMeetByTypo(&c.ptext, &c.pkey, &v.spell[id]) {
			continue // most candidates: too far, by the bits alone
		}
		w := &v.words[id]
		if w.text == q.text || hasMatch(out[from:], id) {
			continue
		}
		sim, how := wordSimilarity(q, w)
		if sim == 0 {
			continue
		}
		rank, ok := c.scanRank(&c.text, w.text)
		order := uint64(rank)<<32 | uint64(id)
		if !ok {
			rank, ok = c.scanRank(&c.key, w.key)
			order = 1<<63 | uint64(rank)<<32 | uint64(id)
		}
		if ok {
			c.found = append(c.found, typo{order: order, m: wordMatch{id: id, sim: sim, how: how}})
		}
	}
	for _, id := range c.touched {
		c.n[id] = 0
	}
	c.touched = c.touched[:0]
	slices.SortFunc(c.found, func(a, b typo) int { return cmp.Compare(a.order, b.order) })
	for _, t := range c.found {
		out = append(out, t.m)
	}
	return out
}

// gather appends to c.cands the words of g, of minLen letters or more,
// whose grams shared with the query string may pass the count: the scan's
// (see gramIndex), or when tight, the size×k grams a plain word within k
// edits may lose, for the long words only the trigram postings look up.
//
// A word must share least of the query's g grams whatever its length, so
// it holds one of any g-least+1 of them: the rarest are read first, and
// only the words they hold are counted. The common grams left ("^^s", a
// first letter, or "oy$" of every -stroy) are read only while that costs
// less than comparing the words counted so far (see skipGramRatio); a
// word then passes if its count and the grams not read reach the count.
func (v *vocabulary) gather(c *counter, g *gramIndex, qg *queryGrams, minLen int, tight bool) {
	s := qg.s
	if len(s) < minLen {
		return // a shorter word is the deletion index's
	}
	c.postings(g, qg, minLen)
	admit := len(qg.grams) - qg.least(tight) + 1
	unread := 0
	for j, r := range c.byRarity {
		if j >= admit && r.size > v.readRatio*len(c.touched) {
			unread = len(c.byRarity) - j
			break
		}
		for _, span := range c.spans[r.from:r.to] {
			for _, id := range g.ids[span[0]:span[1]] {
				n := c.n[id]
				if n == 0 {
					if j >= admit {
						continue // in none of the rarest: too few
					}
					c.touched = append(c.touched, id)
				}
				if n < 255 {
					c.n[id] = n + 1
				}
			}
		}
	}
	for _, id := range c.touched {
		n, l := int(c.n[id])+unread, int(g.size[id])
		c.n[id] = 0
		if tight {
			kw := allowedEdits(min(l, len(s)))
			if l-len(s) > kw || len(s)-l > kw || n < len(qg.grams)-qg.size*kw {
				continue
			}
		} else if !qg.passes(l, min(n, 255)) {
			continue
		}
		c.cands = append(c.cands, id)
	}
	c.touched = c.touched[:0]
}

// skipGramRatio is how many times longer than the list of words counted a
// gram's postings may be and still be read: reading a posting is one
// sequential load and a count, comparing a word a read from memory.
const skipGramRatio = 8

// gramPostings are one query gram's spans of postings: c.spans[from:to],
// size entries in all.
type gramPostings struct{ from, to, size int }

// postings sets c.spans to the postings of each gram of qg in g within its
// window and of a length within the edit budget, and c.byRarity to the
// grams by their postings' size.
func (c *counter) postings(g *gramIndex, qg *queryGrams, minLen int) {
	lo, hi := max(len(qg.s)-qg.k, minLen), min(len(qg.s)+qg.k, 255)
	c.spans, c.byRarity = c.spans[:0], c.byRarity[:0]
	for gi, gr := range qg.grams {
		r := gramPostings{from: len(c.spans)}
		if run, ok := g.runs[gr]; ok {
			// The positions in the window, then the words holding the gram twice.
			first, last := qg.window(gi)
			at := g.pos[run[0]:run[1]]
			i, _ := slices.BinarySearch(at, uint8(first))
			for ; i < len(at); i++ {
				if at[i] != anyPos && int(at[i]) > last {
					if at[len(at)-1] != anyPos {
						break
					}
					i = len(at) - 1
				}
				slot := run[0] + int32(i)
				a, b := g.start[slot], g.start[slot+1]
				lens := g.lens[a:b]
				from, _ := slices.BinarySearch(lens, uint8(lo))
				to := len(lens)
				if hi < 255 {
					to, _ = slices.BinarySearch(lens, uint8(hi+1))
				}
				if from < to {
					c.spans = append(c.spans, [2]int32{a + int32(from), a + int32(to)})
					r.size += to - from
				}
			}
		}
		r.to = len(c.spans)
		c.byRarity = append(c.byRarity, r)
	}
	slices.SortFunc(c.byRarity, func(a, b gramPostings) int { return cmp.Compare(a.size, b.size) })
}

// scanRank reports whether the scan of query string qg's postings passes
// listed string w on to be compared, and where it meets it: by the first
// query bigram w holds within its window, then where w holds it, then by
// w's length.
func (c *counter) scanRank(qg *queryGrams, w string) (uint32, bool) {
	l := min(len(w), 255)
	c.wgrams, c.wpos = appendBigramsAt(c.wgrams[:0], c.wpos[:0], w)
	n, rank := 0, uint32(0)
	for gi, gr := range qg.grams {
		k := slices.Index(c.wgrams, gr)
		if k < 0 {
			continue
		}
		if p := int(c.wpos[k]); p != anyPos {
			if first, last := qg.window(gi); p < first || p > last {
				continue
			}
		}
		if n == 0 {
			rank = uint32(gi)<<16 | uint32(c.wpos[k])<<8 | uint32(l)
		}
		n = min(n+1, 255)
	}
	return rank, qg.passes(l, n)
}
