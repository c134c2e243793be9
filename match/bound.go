package match

import (
	"math"
	"math/bits"
)

// Most candidate names share one word with the query and differ in the
// rest, so they are skipped before aligning when they cannot reach the
// threshold. An alignment pairs each word at most once; a pair adds its
// similarity (at most 1) times its words' weights to the matched side, and
// its words' weights to the total. A word met by nothing counts at least
// its weight in the total, but a legal form may count less (a form one
// name leaves out says little), and so may a number when the other name
// has another. So a name scores at most
//
//	sum over the words of both sides of (weight × best similarity it can have)
//	--------------------------------------------------------------------------
//	sum over the words of both sides of leastWeight
//
// where a word that can meet nothing on the other side counts 0 above, and
// a legal form or number that can counts in full above and at its least
// below: whatever it adds to the total, the bound holds.

// maxBoundWords is the longest query bounded: one bit per query word.
const maxBoundWords = 64

// boundSlack keeps rounding from skipping a name that scores exactly the
// threshold: the bound and the score add the same weights in other orders.
const boundSlack = 1e-9

// bounder is what nameBound reads, set up once per query by planBound.
type bounder struct {
	on    bool
	reach reachTable // vocabulary word -> what it meets
	qsum  float64    // leastWeight of the query words
	// capacity bounds the matched side of any score: every query word at
	// full weight, and the heaviest listed words each can pair with.
	capacity float64
	legal    uint64 // query legal forms
	initial  uint64 // query initials
	letters  uint64 // query words an initial can stand for
	// joins are the keyHash of each distinctive query word's key, and of
	// its spelling folded, which two listed neighbours run together may be.
	joins        []joinKey
	qbest, lbest []float64
}

// wordSlot is what nameBound reads of one word of one listed name, next
// to the name's other words: a candidate costs one read from memory, not
// one per word. Postings list names by their first slot, which says how
// many words the name has, so nameBound reads nothing else but, for a
// query whose words two listed neighbours may run together, the slots'
// join keys. Slots are 16 bytes: a name of four words is one cache line.
type wordSlot struct {
	weight float64
	id     int32 // vocabulary id
	kind   wordKind
	first  byte
	left   uint8 // words of the name from this one on, this one included
}

// buildSlots fills ix.slots from the words of every name, and the name
// each first slot starts.
func (ix *Index) buildSlots() {
	ix.slots = make([]wordSlot, len(ix.nameWords))
	ix.slotName = make([]int32, len(ix.nameWords))
	for id := range ix.names {
		n := &ix.names[id]
		for k, v := range ix.wordsOf(n) {
			p := int(n.first) + k
			w := &ix.vocab.words[v]
			ix.slots[p] = wordSlot{weight: ix.weights[v], id: v, kind: w.kind, first: w.text[0], left: n.n - uint8(k)}
			ix.slotName[p] = int32(id)
		}
	}
}

// planBound records, per vocabulary word the query met, which query words
// it meets; pairs that are not read from the vocabulary lookups (legal
// forms, initials, words run together) are added per name in nameBound.
func (s *search) planBound(ix *Index) {
	b, q := &s.b, s.q
	b.reach.reset(len(ix.vocab.words))
	b.on = len(q.words) <= maxBoundWords
	if !b.on {
		return
	}
	b.qsum, b.capacity, b.legal, b.initial, b.letters = 0, 0, 0, 0, 0
	b.joins = b.joins[:0]
	for i := range q.words {
		w := &q.words[i]
		b.qsum += leastWeight(w.kind, s.qw[i])
		b.capacity += s.qw[i] + s.partner[i]
		if w.kind == initial {
			b.capacity += ix.maxWeight // any word with its letter
		}
		bit := uint64(1) << i
		switch w.kind {
		case legal:
			b.legal |= bit
		case initial:
			b.initial |= bit
		case distinctive:
			// Only keys some two listed neighbours may have are kept: most
			// queries keep none, and nameBound reads no join key.
			joinable := false
			for _, h := range [2]uint32{keyHash(w.key), keyHash(wordKey(w.text))} {
				if ix.joinable(h) {
					b.joins = append(b.joins, joinKey{h, bit})
					joinable = true
				}
			}
			if joinable {
				b.capacity += 2 * ix.maxWeight // two listed words run together
			}
			fallthrough
		default:
			if w.kind != number {
				b.letters |= bit
			}
		}
		for _, m := range s.matches[s.mstart[i]:s.mstart[i+1]] {
			b.reach.add(m.id, bit, m.sim)
		}
		// A listed word may be two query neighbours run together.
		heaviest := 0.0
		for _, id := range s.joined[s.jstart[i]:s.jstart[i+1]] {
			b.reach.add(id, bit|bit<<1, 1)
			heaviest = max(heaviest, ix.weights[id])
		}
		b.capacity += heaviest
	}
	b.qbest = grown(b.qbest, len(q.words))
}

// grown returns buf with n zeros.
func grown(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// fetchLimit is the leastWeight of a listed name's words,
// nameDen, past which it cannot reach threshold: its score is at most
// capacity / (qsum + nameDen). Such names are not even fetched.
func (s *search) fetchLimit(threshold float64) float64 {
	b := &s.b
	if !b.on || threshold <= boundSlack {
		return math.Inf(1)
	}
	limit := b.capacity/(threshold-boundSlack) - b.qsum
	return limit + boundSlack*(1+math.Abs(limit))
}

// nameBound is the highest score the listed name whose first slot is at
// can reach against the planned query; 1 when the query is too long to
// bound.
func (s *search) nameBound(ix *Index, at int32) float64 {
	b := &s.b
	if !b.on {
		return 1
	}
	slots := ix.slots[at : at+int32(ix.slots[at].left)]
	var joins []uint32
	if len(b.joins) > 0 {
		joins = ix.slotJoin[at : at+int32(len(slots))]
	}
	clear(b.qbest)
	b.lbest = grown(b.lbest, len(slots))
	for j := range slots {
		w := &slots[j]
		v := w.id
		r := b.reach.get(v)
		switch w.kind {
		case legal:
			r = widen(r, b.legal)
		case initial:
			r = widen(r, b.letters&s.firstLetter(w.first))
		case number:
		default:
			if b.initial != 0 {
				r = widen(r, b.initial&s.firstLetter(w.first))
			}
		}
		if r.mask != 0 {
			b.lbest[j] = max(b.lbest[j], r.sim)
			b.markQuery(r.mask, r.sim)
		}
		if h := joinAt(joins, j); h != 0 {
			for _, jk := range b.joins {
				if jk.hash == h {
					b.lbest[j], b.lbest[j+1] = 1, 1
					b.markQuery(jk.bit, 1)
				}
			}
		}
	}
	num, den := 0.0, b.qsum
	for j := range slots {
		w := &slots[j]
		num += b.lbest[j] * w.weight
		den += leastWeight(w.kind, w.weight)
	}
	for i, best := range b.qbest {
		num += best * s.qw[i]
	}
	if den == 0 {
		return 1
	}
	return num / den
}

// joinAt is the join key of slot j, or 0 when joins were not read.
func joinAt(joins []uint32, j int) uint32 {
	if joins == nil {
		return 0
	}
	return joins[j]
}

// widen adds query words met at a similarity of up to 1.
func widen(r reach, mask uint64) reach {
	if mask != 0 {
		r.mask |= mask
		r.sim = 1
	}
	return r
}

// markQuery raises the best similarity the query words in mask can have.
func (b *bounder) markQuery(mask uint64, sim float64) {
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		b.qbest[i] = max(b.qbest[i], sim)
		mask &= mask - 1
	}
}

// firstLetter is the query words whose text starts with byte c.
func (s *search) firstLetter(c byte) uint64 {
	var mask uint64
	for i := range s.q.words {
		if s.q.words[i].text[0] == c {
			mask |= 1 << i
		}
	}
	return mask
}
