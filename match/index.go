package match

import (
	"cmp"
	"slices"
	"sync"
)

// SearchOptions are the per-query settings, defaults already applied.
type SearchOptions struct {
	Threshold float64
	Limit     int
	Type      EntityType // empty: any
	Country   string     // empty: none given
	Lists     []string   // list ids (Entity.List); empty: every list
}

// indexedName is one listed name or alias. Its words are vocabulary ids in
// Index.nameWords, so a word used by many names is stored once.
type indexedName struct {
	listed *preparedName // the corpus's: its spelling and weakness
	entity int32
	first  uint32 // in nameWords
	n      uint8
}

// Index holds the entities of every list, read once for screening. It is
// immutable once built and safe for concurrent searches.
type Index struct {
	entities  []*Entity
	names     []indexedName
	nameWords []int32
	slots     []wordSlot // per word of nameWords: see nameBound
	slotJoin  []uint32   // per word of nameWords: see joinKeys
	slotName  []int32    // per word of nameWords: the name it is in
	nameDen   []float64  // name id -> leastWeight of its words
	joinSeen  []uint64   // a bit set by keyHash of every joinKeys key
	maxWeight float64    // the heaviest word
	vocab     *vocabulary
	corpora   []*Corpus // whose names are, in turn, the index's
	corpusEnd []int32   // per corpus: the name id after its last
	weights   []float64 // vocabulary id -> weight
	postStart []int32   // vocabulary id -> offset in post
	post      []int32   // name ids, by word
	postDen   []float32 // per entry of post: its nameDen, rounded down
	groups    []int32   // entities carrying a group rule
	lookups   *lookupCache
	scratch   sync.Pool // *search
}

// NewIndex reads and indexes the entities of one or more lists.
func NewIndex(entities []*Entity) *Index {
	return Merge(NewCorpus("", entities))
}

// Merge builds the index over the corpora of several lists.
func Merge(corpora ...*Corpus) *Index {
	ix := &Index{vocab: newVocabulary(), lookups: newLookupCache()}
	var joins []uint32 // per word of nameWords: see joinKeys
	total := 0
	for _, c := range corpora {
		total += len(c.names)
	}
	ix.names = make([]indexedName, 0, total)
	for _, c := range corpora {
		base := int32(len(ix.entities))
		for ei, e := range c.entities {
			if e.Group != nil && len(e.Group.Stems) > 0 {
				ix.groups = append(ix.groups, base+int32(ei))
			}
		}
		ix.entities = append(ix.entities, c.entities...)
		vocab := make([]int32, len(c.words)) // c.words -> vocabulary id
		for id := range c.words {
			vocab[id] = ix.vocab.add(c.words[id])
		}
		for k := range c.names {
			n := &c.names[k]
			words := c.nameWords[n.first : n.first+min(n.n, 255)]
			ix.names = append(ix.names, indexedName{listed: n, entity: base + n.entity, first: uint32(len(ix.nameWords)), n: uint8(len(words))})
			for _, id := range words {
				ix.nameWords = append(ix.nameWords, vocab[id])
			}
			joins = append(joins, c.joins[n.first:n.first+uint32(len(words))]...)
			joins[len(joins)-1] = 0 // nothing past a name cut at 255 words
		}
		ix.corpora = append(ix.corpora, c)
		ix.corpusEnd = append(ix.corpusEnd, int32(len(ix.names)))
	}
	ix.vocab.build()
	ix.buildPostings()
	ix.buildSlots()
	ix.slotJoin = joins
	ix.buildJoinSeen(joins)
	ix.scratch.New = func() any { return &search{} }
	ix.prewarm()
	return ix
}

// wordWeight is the weight of a word as the index counts it: its base
// weight, lowered for a word that many listed parties carry.
func (ix *Index) wordWeight(w *word) float64 {
	if id, ok := ix.vocab.lookup(w); ok {
		return ix.weights[id]
	}
	return baseWeight[w.kind]
}

// queryWeight weighs a query word: as the listed word it is, or else as the
// listed word it comes closest to, so a typo in a common word stays light.
func (ix *Index) queryWeight(w *word, ms []wordMatch) float64 {
	best, weight := 0.0, baseWeight[w.kind]
	for _, m := range ms {
		if m.sim > best {
			best, weight = m.sim, ix.weights[m.id]
		}
	}
	return weight
}

// Search returns the entities whose names meet the query at or above the
// threshold, best first, at most Limit.
func (ix *Index) Search(q *Prepared, opts SearchOptions) []Hit {
	s := ix.scratch.Get().(*search)
	defer ix.scratch.Put(s)
	s.plan(ix, q)
	// The group rule reads the best score among the candidates, which a
	// skipped name would lower: only without a group's brand in the query
	// are names skipped that cannot reach the threshold.
	bounded := !ix.brandInQuery(q)
	return ix.score(s, q, opts, s.named(ix, s.candidates(ix, q, opts.Threshold, bounded), opts.Threshold, bounded))
}

// named returns, in order, the names whose first slots are at, but those
// nameBound says cannot reach the threshold when bounded. The order is
// the names' (a name met first keeps a tie for its entity in score).
func (s *search) named(ix *Index, at []int32, threshold float64, bounded bool) []int32 {
	ids := s.ids[:0]
	if bounded {
		// nameBound waits on memory for each name's first slot. Reading them
		// all first, loads that do not wait on one another, overlaps those
		// waits; nameBound then finds them in the cache.
		var words uint8
		for _, a := range at {
			words += ix.slots[a].left
		}
		s.touched = words
	}
	for _, a := range at {
		if bounded && s.nameBound(ix, a) < threshold-boundSlack {
			continue
		}
		ids = append(ids, ix.slotName[a])
	}
	slices.Sort(ids)
	s.ids = ids
	return ids
}

// SearchExhaustive scores every name instead of the candidates. It is the
// reference the fast path is tested against; Search returns the same hits.
func (ix *Index) SearchExhaustive(q *Prepared, opts SearchOptions) []Hit {
	s := ix.scratch.Get().(*search)
	defer ix.scratch.Put(s)
	s.plan(ix, q)
	all := make([]int32, len(ix.names))
	for i := range all {
		all[i] = int32(i)
	}
	return ix.score(s, q, opts, all)
}

// score scores the names ids.
//
// A hit's explanation costs more than its score, and a query such as
// "FU YUAN YU 7896" meets hundreds of listed vessels of which Limit are
// returned: the best name of each entity is kept by score, and only those
// returned are explained.
func (ix *Index) score(s *search, q *Prepared, opts SearchOptions, ids []int32) []Hit {
	best := s.best[:0] // by entity, in the order first met
	if s.bestAt == nil {
		s.bestAt = make(map[int32]int)
	}
	clear(s.bestAt)
	scoreOf := func(entity int32) float64 {
		if k, ok := s.bestAt[entity]; ok {
			return best[k].score
		}
		return 0
	}
	keep := func(p pendingHit) {
		if k, ok := s.bestAt[p.entity]; ok {
			best[k] = p
			return
		}
		s.bestAt[p.entity] = len(best)
		best = append(best, p)
	}
	bestScore := 0.0
	for _, id := range ids {
		n := &ix.names[id]
		e := ix.entities[n.entity]
		if opts.Type != "" && e.Type != "" && e.Type != opts.Type {
			continue
		}
		if len(opts.Lists) > 0 && !slices.Contains(opts.Lists, e.List) {
			continue
		}
		score := s.scoreName(ix, q, n)
		bestScore = max(bestScore, score)
		if score < opts.Threshold || score <= scoreOf(n.entity) {
			continue
		}
		a := ix.fullAlignment(s, q, id)
		score = qualify(nil, a.score(), q, e, n.listed.weak, opts)
		if score < opts.Threshold || score <= scoreOf(n.entity) {
			continue
		}
		keep(pendingHit{score: score, entity: n.entity, name: id})
	}
	var groupHits []Hit
	for _, gi := range ix.groups {
		e := ix.entities[gi]
		if len(opts.Lists) > 0 && !slices.Contains(opts.Lists, e.List) {
			continue
		}
		if h, ok := ix.groupHit(q, gi, bestScore, opts); ok && h.Score > scoreOf(gi) {
			keep(pendingHit{score: h.Score, entity: gi, name: -1 - int32(len(groupHits))})
			groupHits = append(groupHits, h)
		}
	}
	slices.SortFunc(best, func(a, b pendingHit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ix.entities[a.entity].ID, ix.entities[b.entity].ID))
	})
	best = best[:min(len(best), opts.Limit)]
	hits := make([]Hit, 0, len(best))
	for _, p := range best {
		if p.name < 0 {
			hits = append(hits, groupHits[-1-p.name])
			continue
		}
		s.scoreName(ix, q, &ix.names[p.name]) // s.aligned is another name's by now
		hits = append(hits, ix.hit(s, q, p.name, opts))
	}
	s.best = best
	return hits
}

// pendingHit is an entity's best name so far, its hit not built yet; name
// is -1-k for the k-th group hit.
type pendingHit struct {
	score  float64
	entity int32
	name   int32
}

// brandInQuery reports whether the query carries the brand of any group
// rule.
func (ix *Index) brandInQuery(q *Prepared) bool {
	for _, gi := range ix.groups {
		if _, sim := brandIn(q, ix.entities[gi].Group.Stems); sim > 0 {
			return true
		}
	}
	return false
}

// hit explains the name id, which scoreName has just scored, with its
// words as the list spells them. Those are the vocabulary's words but for
// their spelling, so scoreName's alignment is theirs; a name of more words
// than the index keeps is aligned again in full.
func (ix *Index) hit(s *search, q *Prepared, id int32, opts SearchOptions) Hit {
	n := &ix.names[id]
	e := ix.entities[n.entity]
	a := ix.fullAlignment(s, q, id)
	ex := a.explain(q.words, ix.listedWords(s, id), s.qw, s.lw)
	score := qualify(&ex, a.score(), q, e, n.listed.weak, opts)
	ex.Summary = summarize(&ex, score, n.listed.name)
	return Hit{Entity: e, MatchedName: n.listed.name, Weak: n.listed.weak, Score: score, Relation: e.Relation, Explanation: ex}
}

// fullAlignment is the alignment scoreName made of name id, which must be
// the name it scored last, or else of every word of it when the index cut
// it at 255 words.
func (ix *Index) fullAlignment(s *search, q *Prepared, id int32) alignment {
	if ix.names[id].listed.n <= uint32(ix.names[id].n) {
		return s.aligned
	}
	l := ix.listedWords(s, id)
	s.lw = s.lw[:0]
	for j := range l {
		s.lw = append(s.lw, ix.wordWeight(&l[j]))
	}
	return s.al.align(q.words, l, s.qw, s.lw, func(i, j int) (float64, string) { return wordSimilarity(&q.words[i], &l[j]) })
}

// listedWords returns the words of name id as the list spells them, in
// s.listed.
func (ix *Index) listedWords(s *search, id int32) []word {
	c, _ := slices.BinarySearch(ix.corpusEnd, id+1) // the first corpus ending past id
	k := int(id)
	if c > 0 {
		k -= int(ix.corpusEnd[c-1])
	}
	s.listed = ix.corpora[c].wordsOf(s.listed[:0], k)
	return s.listed
}

// SortHits orders hits by score, then by entity id so equal scores come out
// the same way every time, within one list or across several.
func SortHits(hits []Hit) {
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
}

// Compare scores a query against one name as if that name were listed,
// with this index's word weights: the score Search would give it, before
// qualifiers. Evaluations use it to score labelled name pairs.
func (ix *Index) Compare(query, listed string) (float64, Explanation) {
	q, l := Prepare(query), Prepare(listed)
	qw := make([]float64, len(q.words))
	var ms []wordMatch
	for i := range q.words {
		ms = ix.vocab.similar(&q.words[i], ms[:0])
		qw[i] = ix.queryWeight(&q.words[i], ms)
	}
	lw := make([]float64, len(l.words))
	for j := range l.words {
		lw[j] = ix.wordWeight(&l.words[j])
	}
	var al aligner
	a := al.align(q.words, l.words, qw, lw, func(i, j int) (float64, string) { return wordSimilarity(&q.words[i], &l.words[j]) })
	score := a.score()
	ex := a.explain(q.words, l.words, qw, lw)
	ex.Summary = summarize(&ex, score, listed)
	return score, ex
}

// Len reports how many entities and names the index holds.
func (ix *Index) Len() (entities, names int) { return len(ix.entities), len(ix.names) }
