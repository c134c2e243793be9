package match

import (
	"sync"
)

// vocabulary holds the distinct words of the indexed names, each once, and
// finds the words a query word may meet: the same word, a spelling variant
// or a typo (see typos.go). Every word that may meet the query word is
// checked with wordSimilarity itself.
type vocabulary struct {
	words    []word
	byText   map[string]int32 // legal forms under legalKey
	keyHead  map[string]int32 // folded key -> first word with it
	keyNext  []int32          // word -> next word with its key, or -1
	generics []int32          // generic words, few: compared one by one
	places   []int32          // of those, the ones distinctive words meet by a typo
	// Typoable words: plain ones (ASCII) by deletions and, from longFrom
	// letters, by trigrams; the others, and every word for a query word in
	// another script, by bigrams.
	dels                deletionIndex
	longText, longKey   gramIndex
	plainText, plainKey gramIndex
	otherText, otherKey gramIndex
	longFrom            int        // the shortest length allowed two edits
	spell               []spelling // word -> its packed spelling, for typos
	readRatio           int        // see skipGramRatio; tests vary it
	pool                sync.Pool  // *counter
}

// parallelBuildFrom is the smallest vocabulary whose indexes are built in
// parallel.
const parallelBuildFrom = 10_000

func newVocabulary() *vocabulary {
	return &vocabulary{byText: map[string]int32{}, readRatio: skipGramRatio}
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
			if isTypoPlace(w) {
				v.places = append(v.places, int32(i))
			}
		}
	}
	v.longFrom = 1
	for allowedEdits(v.longFrom) < 2 && v.longFrom < 256 {
		v.longFrom++
	}
	plain := func(w *word) bool { return typoable(w.kind) && isASCII(w.text) }
	other := func(w *word) bool { return typoable(w.kind) && !isASCII(w.text) }
	text := func(w *word) string { return w.text }
	key := func(w *word) string { return w.key }
	longText := func(w *word) bool { return plain(w) && len(w.text) >= v.longFrom }
	longKey := func(w *word) bool { return plain(w) && len(w.key) >= v.longFrom }
	builds := []func(){
		func() {
			v.spell = make([]spelling, len(v.words))
			for i := range v.words {
				if plain(&v.words[i]) {
					v.spell[i] = spellingOf(&v.words[i])
				}
			}
		},
		func() { v.dels = buildDeletions(v.words, plain, v.longFrom) },
		func() { v.longText = buildGrams(v.words, text, longText, appendTrigramsAt) },
		func() { v.longKey = buildGrams(v.words, key, longKey, appendTrigramsAt) },
		func() { v.plainText = buildGrams(v.words, text, plain, appendBigramsAt) },
		func() { v.plainKey = buildGrams(v.words, key, plain, appendBigramsAt) },
		func() { v.otherText = buildGrams(v.words, text, other, appendBigramsAt) },
		func() { v.otherKey = buildGrams(v.words, key, other, appendBigramsAt) },
	}
	// The indexes are independent: a large vocabulary builds them on every
	// core, a small one sooner without starting goroutines.
	var wg sync.WaitGroup
	for _, build := range builds {
		if len(v.words) < parallelBuildFrom {
			build()
		} else {
			wg.Go(build)
		}
	}
	wg.Wait()
	v.pool.New = func() any { return &counter{n: make([]uint8, len(v.words))} }
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
		if !isTypoPlace(q) {
			return out
		}
		// A place name also meets the distinctive words misspelling it.
	} else if q.kind == distinctive {
		for _, id := range v.places {
			out = v.meet(q, id, out, from)
		}
	}
	c := v.pool.Get().(*counter)
	out = v.typos(c, q, out, from)
	v.pool.Put(c)
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
