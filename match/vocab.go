package match

import (
	"slices"
	"sync"
)

// vocabulary holds the distinct words of the indexed names, each once, and
// finds the words a query word may meet: the same word, a spelling variant
// or a typo. It indexes the padded bigrams ("^k", "ka", ..., "y$") of every
// word's text and of its folded key.
//
// Why no word is lost: one edit changes at most two bigrams of a padded word
// and a swap of neighbours at most three, so a word within k edits of a query
// word of g distinct bigrams shares at least g - 3k of them, and its length
// differs by at most k. Every word that shares that many is then checked
// with wordSimilarity itself.
type vocabulary struct {
	words    []word
	byText   map[string]int32 // legal forms under legalKey
	keyHead  map[string]int32 // folded key -> first word with it
	keyNext  []int32          // word -> next word with its key, or -1
	generics []int32          // generic words, few: compared one by one
	text     gramIndex        // distinctive words and patronymics
	key      gramIndex
	pool     sync.Pool // *counter
}

// gramIndex maps a bigram at a position to the words holding it there,
// ordered by length, so a lookup reads only the words where the bigram
// stands within the edit budget of where it stands in the query, and whose
// length is within the budget too.
type gramIndex struct {
	slot  map[uint32]int32 // bigram<<8 | position -> slot
	start []int32          // slot -> offset in ids; len(slots)+1 once built
	ids   []int32
	lens  []uint8 // the length each id is ordered by, capped at 255
	size  []uint8 // word id -> that length, for every word
}

func gramAt(g uint32, pos uint8) uint32 { return g<<8 | uint32(pos) }

func newVocabulary() *vocabulary {
	return &vocabulary{byText: map[string]int32{}}
}

// legalKey keeps legal forms apart from plain words of the same letters.
func legalKey(w *word) string {
	if w.kind == legal {
		return "\x00" + w.text
	}
	return w.text
}

// lookup returns the id of the word with w's text and kind class.
func (v *vocabulary) lookup(w *word) (int32, bool) {
	id, ok := v.byText[legalKey(w)]
	return id, ok
}

// add records a word once; it returns its id.
func (v *vocabulary) add(w word) int32 {
	k := legalKey(&w)
	if id, ok := v.byText[k]; ok {
		return id
	}
	id := int32(len(v.words))
	w.orig = w.text // the name's own spelling is read again for explanations
	v.words = append(v.words, w)
	v.byText[k] = id
	return id
}

// fuzzy reports whether a word of this kind is found by its bigrams; the
// others meet only their exact text.
func fuzzy(k wordKind) bool {
	return k == distinctive || k == generic || k == patronymic
}

// typoable reports whether a word is found through the bigram indexes.
// Generic words are few, and a generic word meets a distinctive one only
// by an equal key (wordSimilarity), which keyHead finds.
func typoable(k wordKind) bool {
	return k == distinctive || k == patronymic
}

// build indexes the keys and bigrams of every word added.
func (v *vocabulary) build() {
	v.keyHead = make(map[string]int32)
	v.keyNext = make([]int32, len(v.words))
	for i := len(v.words) - 1; i >= 0; i-- {
		w := &v.words[i]
		v.keyNext[i] = -1
		if !fuzzy(w.kind) {
			continue
		}
		if head, ok := v.keyHead[w.key]; ok {
			v.keyNext[i] = head
		}
		v.keyHead[w.key] = int32(i)
		if w.kind == generic {
			v.generics = append(v.generics, int32(i))
		}
	}
	v.text = buildGrams(v.words, func(w *word) string { return w.text })
	v.key = buildGrams(v.words, func(w *word) string { return w.key })
	v.pool.New = func() any { return &counter{n: make([]uint8, len(v.words))} }
}

func buildGrams(words []word, of func(*word) string) gramIndex {
	g := gramIndex{slot: map[uint32]int32{}, size: make([]uint8, len(words))}
	for i := range words {
		g.size[i] = uint8(min(len(of(&words[i])), 255))
	}
	var counts []int32
	var buf []uint32
	var pos []uint8
	for i := range words {
		if !typoable(words[i].kind) {
			continue
		}
		buf, pos = appendBigramsAt(buf[:0], pos[:0], of(&words[i]))
		for k, gr := range buf {
			gr = gramAt(gr, pos[k])
			s, ok := g.slot[gr]
			if !ok {
				s = int32(len(counts))
				g.slot[gr] = s
				counts = append(counts, 0)
			}
			counts[s]++
		}
	}
	g.start = make([]int32, len(counts)+1)
	for s, c := range counts {
		g.start[s+1] = g.start[s] + c
	}
	g.ids = make([]int32, g.start[len(counts)])
	g.lens = make([]uint8, len(g.ids))
	fill := slices.Clone(g.start[:len(counts)])
	for i := range words {
		if !typoable(words[i].kind) {
			continue
		}
		s := of(&words[i])
		buf, pos = appendBigramsAt(buf[:0], pos[:0], s)
		for k, gr := range buf {
			slot := g.slot[gramAt(gr, pos[k])]
			g.ids[fill[slot]] = int32(i)
			g.lens[fill[slot]] = uint8(min(len(s), 255))
			fill[slot]++
		}
	}
	for s := range counts {
		lo, hi := g.start[s], g.start[s+1]
		sortByLen(g.ids[lo:hi], g.lens[lo:hi])
	}
	return g
}

// sortByLen orders ids by length, stable within a length, by a counting
// sort: a posting is long and the lengths few.
func sortByLen(ids []int32, lens []uint8) {
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
// ..., "y$") and where each first stands; anyPos if it stands twice. A bigram an edit leaves in place moves by at most one position per
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

// counter counts shared bigrams per vocabulary word for one lookup; touched
// lists the words counted so it is cleared in time proportional to them.
type counter struct {
	n       []uint8
	touched []int32
	grams   []uint32
	pos     []uint8
}

// wordMatch is a vocabulary word a query word meets, and how well.
type wordMatch struct {
	id  int32
	sim float64
	how string
}

// similar appends every vocabulary word that q meets, as wordSimilarity
// scores it.
func (v *vocabulary) similar(q *word, out []wordMatch) []wordMatch {
	from := len(out)
	if id, ok := v.lookup(q); ok {
		out = append(out, wordMatch{id: id, sim: 1, how: howExact})
	}
	if !fuzzy(q.kind) {
		return out // numbers, initials and legal forms meet their exact text
	}
	if head, ok := v.keyHead[q.key]; ok {
		for id := head; id >= 0; id = v.keyNext[id] {
			out = v.meet(q, id, out, from) // spelling variants, of any kind
		}
	}
	if q.kind == generic {
		for _, id := range v.generics {
			out = v.meet(q, id, out, from)
		}
		return out
	}
	c := v.pool.Get().(*counter)
	out = v.gather(c, &v.text, q.text, q, out, from)
	out = v.gather(c, &v.key, q.key, q, out, from)
	v.pool.Put(c)
	return out
}

// gather counts, for the query string s, the bigrams every word in the
// length window shares with it, and appends the words that share enough
// and do meet q. Words already in out[from:] are skipped.
func (v *vocabulary) gather(c *counter, g *gramIndex, s string, q *word, out []wordMatch, from int) []wordMatch {
	k := allowedEdits(len(s))
	c.grams, c.pos = appendBigramsAt(c.grams[:0], c.pos[:0], s)
	lo, hi := max(len(s)-k, 0), min(len(s)+k, 255)
	for gi, gr := range c.grams {
		first, last := 0, anyPos-1 // a bigram twice in the query: anywhere
		if qp := int(c.pos[gi]); qp != anyPos {
			first, last = max(qp-k, 0), min(qp+k, anyPos-1)
		}
		last = min(last, hi) // no word in the window is longer
		for p := first; p <= last+1; p++ {
			at := uint8(p)
			if p == last+1 {
				at = anyPos // words holding the bigram twice
			}
			slot, ok := g.slot[gramAt(gr, at)]
			if !ok {
				continue
			}
			a, b := g.start[slot], g.start[slot+1]
			from, _ := slices.BinarySearch(g.lens[a:b], uint8(lo))
			for q := a + int32(from); q < b && int(g.lens[q]) <= hi; q++ {
				id := g.ids[q]
				if c.n[id] == 0 {
					c.touched = append(c.touched, id)
				}
				if c.n[id] < 255 {
					c.n[id]++
				}
			}
		}
	}
	least := min(max(len(c.grams)-3*k, 1), 255)
	for _, id := range c.touched {
		n := int(c.n[id])
		c.n[id] = 0
		if n < least {
			continue
		}
		// The budget is the shorter word's: a long query word does not
		// lend a short listed word its edits.
		l := int(g.size[id])
		kw := allowedEdits(min(l, len(s)))
		if l-len(s) > kw || len(s)-l > kw || n < min(max(len(c.grams)-3*kw, 1), 255) {
			continue
		}
		out = v.meet(q, id, out, from)
	}
	c.touched = c.touched[:0]
	return out
}

// meet appends word id if q meets it and out[from:] does not hold it yet;
// the exact word is there already when the vocabulary has it.
func (v *vocabulary) meet(q *word, id int32, out []wordMatch, from int) []wordMatch {
	w := &v.words[id]
	if w.text == q.text || hasMatch(out[from:], id) {
		return out
	}
	if sim, how := wordSimilarity(q, w); sim > 0 {
		out = append(out, wordMatch{id: id, sim: sim, how: how})
	}
	return out
}

func hasMatch(ms []wordMatch, id int32) bool {
	for i := range ms {
		if ms[i].id == id {
			return true
		}
	}
	return false
}

// splits calls fn with the words that q may be run together from, for
// each place q splits into two halves of two letters or more that are both
// words of the vocabulary, by spelling or by folded key: "aerocaribbean"
// is "aero" and "caribbean", "kelygrace" is "kelly" and "grace". fn gets
// the words of both halves.
func (v *vocabulary) splits(q *word, buf []int32, fn func(a, b []int32)) []int32 {
	for i := 2; i+2 <= len(q.text); i++ {
		buf = v.spelled(q.text[:i], buf[:0])
		na := len(buf)
		if na == 0 {
			continue
		}
		buf = v.spelled(q.text[i:], buf)
		if len(buf) > na {
			fn(buf[:na], buf[na:])
		}
	}
	return buf
}

// spelled appends the words spelled s, or folding to its key.
func (v *vocabulary) spelled(s string, out []int32) []int32 {
	if id, ok := v.byText[s]; ok {
		out = append(out, id)
	}
	if head, ok := v.keyHead[wordKey(s)]; ok {
		for id := head; id >= 0; id = v.keyNext[id] {
			if v.words[id].text != s {
				out = append(out, id)
			}
		}
	}
	return out
}
