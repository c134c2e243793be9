package match

// vocabulary finds the distinct words of a list that a query word may meet:
// the same word, a spelling variant or a typo. It indexes the padded
// bigrams ("^k", "ka", ..., "y$") of every word's text and of its folded key.
//
// Why no word is lost: one edit changes at most two bigrams of a padded word
// and a swap of neighbours at most three, so a word within k edits of a query
// word of g distinct bigrams shares at least g - 3k of them. Every word that
// shares that many is then checked with wordSimilarity itself.
type vocabulary struct {
	words    []word
	byText   map[string]int32
	textGram map[uint32][]int32
	keyGram  map[uint32][]int32
}

func newVocabulary() *vocabulary {
	return &vocabulary{byText: map[string]int32{}, textGram: map[uint32][]int32{}, keyGram: map[uint32][]int32{}}
}

// add records a word once; it returns its id.
func (v *vocabulary) add(w word) int32 {
	if id, ok := v.byText[w.text]; ok {
		return id
	}
	id := int32(len(v.words))
	v.words = append(v.words, w)
	v.byText[w.text] = id
	if w.kind == distinctive || w.kind == generic || w.kind == patronymic {
		for _, g := range bigrams(w.text) {
			v.textGram[g] = append(v.textGram[g], id)
		}
		for _, g := range bigrams(w.key) {
			v.keyGram[g] = append(v.keyGram[g], id)
		}
	}
	return id
}

// bigrams returns the distinct padded byte bigrams of s.
func bigrams(s string) []uint32 {
	out := make([]uint32, 0, len(s)+1)
	prev := uint32('^')
	for i := 0; i <= len(s); i++ {
		next := uint32('$')
		if i < len(s) {
			next = uint32(s[i])
		}
		g := prev<<8 | next
		if !containsGram(out, g) {
			out = append(out, g)
		}
		prev = next
	}
	return out
}

func containsGram(gs []uint32, g uint32) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// similar calls fn with the id of every vocabulary word that q meets.
func (v *vocabulary) similar(q *word, fn func(id int32)) {
	if id, ok := v.byText[q.text]; ok {
		fn(id)
	}
	if q.kind == number || q.kind == initial || q.kind == legal {
		return // these meet only their exact text
	}
	counts := make(map[int32]uint16)
	v.gather(v.textGram, q.text, counts)
	v.gather(v.keyGram, q.key, counts)
	for id := range counts {
		w := &v.words[id]
		if w.text == q.text {
			continue
		}
		if sim, _ := wordSimilarity(q, w); sim > 0 {
			fn(id)
		}
	}
	// Two neighbouring words run together ("aerocaribbean"): split the
	// query word where both halves are words of the list.
	for i := 3; i+3 <= len(q.text); i++ {
		a, aok := v.byText[q.text[:i]]
		b, bok := v.byText[q.text[i:]]
		if aok && bok {
			fn(a)
			fn(b)
		}
	}
}

// gather adds to counts every word sharing enough bigrams with s to be
// within the edit budget of a word of its length; the need marks words that
// already reached it so they are counted once.
func (v *vocabulary) gather(index map[uint32][]int32, s string, counts map[int32]uint16) {
	grams := bigrams(s)
	need := len(grams) - 3*allowedEdits(len(s))
	if need < 1 {
		need = 1
	}
	local := make(map[int32]int, 64)
	for _, g := range grams {
		for _, id := range index[g] {
			local[id]++
		}
	}
	for id, n := range local {
		if n >= need {
			counts[id]++
		}
	}
}
