package match

// Helpers that let the external tests (which use matchtest, itself an
// importer of match) look inside a search.

// BoundViolation returns a listed name whose score against query exceeds
// a bound Search puts on it (nameBound, or the capacity fetchLimit reads),
// or ok false when every name keeps to both.
func (ix *Index) BoundViolation(query string) (name string, bound, score float64, ok bool) {
	q := Prepare(query)
	s := ix.scratch.Get().(*search)
	defer ix.scratch.Put(s)
	s.plan(ix, q)
	for i := range ix.names {
		n := &ix.names[i]
		score := s.scoreName(ix, q, n)
		if n.n == 0 {
			continue // no words, no slots, no postings
		}
		for _, bound := range []float64{s.nameBound(ix, int32(n.first)), s.b.capacity / (s.b.qsum + ix.nameDen[i])} {
			if score > bound+boundSlack {
				return n.listed.name, bound, score, true
			}
		}
	}
	return "", 0, 0, false
}

// LookupMismatch compares the words the vocabulary finds for each letter
// word of query with those wordSimilarity meets it with, found by comparing
// it with them all. It returns a word found by one and not the other.
func (ix *Index) LookupMismatch(query string) (queryWord, word string, found bool) {
	q := Prepare(query)
	for i := range q.words {
		w := &q.words[i]
		if !fuzzy(w.kind) {
			continue
		}
		got := map[int32]bool{}
		for _, m := range ix.vocab.similar(w, nil) {
			got[m.id] = true
		}
		for id := range ix.vocab.words {
			v := &ix.vocab.words[id]
			sim, _ := wordSimilarity(w, v)
			if want := fuzzy(v.kind) && sim > 0; want != got[int32(id)] {
				return w.text, v.text, got[int32(id)]
			}
		}
	}
	return "", "", false
}

// SetGramReadRatio sets how much longer than the words counted a gram's
// postings may be and still be read by a typo lookup: 0 reads only the
// rarest grams a word must hold one of, a large ratio every gram.
func (ix *Index) SetGramReadRatio(r int) { ix.vocab.readRatio = r }

// NewIndexWithoutCache is NewIndex with no cache of lookups: every query
// word is looked up in the vocabulary.
func NewIndexWithoutCache(entities []*Entity) *Index {
	ix := NewIndex(entities)
	ix.SetLookupCache(false)
	return ix
}

// SetLookupCache empties the index's cache of lookups and turns it on or
// off. Searches must not run meanwhile.
func (ix *Index) SetLookupCache(on bool) {
	ix.lookups = nil
	if on {
		ix.lookups = newLookupCache()
	}
}

// CacheLen reports how many lookups the index remembers.
func (ix *Index) CacheLen() int {
	n := 0
	for i := range ix.lookups.shards {
		sh := &ix.lookups.shards[i]
		sh.mu.RLock()
		n += len(sh.cur) + len(sh.old)
		sh.mu.RUnlock()
	}
	return n
}

// MaxCacheLen is the most lookups an index remembers.
const MaxCacheLen = 2 * cacheShards * cacheShardSize
