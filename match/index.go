package match

import (
	"fmt"
	"slices"
	"sort"
)

// SearchOptions are the per-query settings, defaults already applied.
type SearchOptions struct {
	Threshold float64
	Limit     int
	Type      EntityType // empty: any
	Country   string     // empty: none given
}

// Qualifier effects: a mismatch lowers a score rather than hiding the hit,
// because list countries are often incomplete.
const (
	countryMismatch = 0.9
	weakAlias       = 0.95
)

// indexedName is one listed name or alias, read for matching.
type indexedName struct {
	entity int32
	name   string
	weak   bool
	words  []word
}

// Index holds one list's entities, read once for screening. It is immutable
// after NewIndex and safe for concurrent searches.
type Index struct {
	entities []*Entity
	names    []indexedName
	vocab    *vocabulary
	postings [][]int32 // vocabulary word id -> names holding it
	groups   []int32   // entities carrying a group rule
}

// NewIndex reads every name and alias of the entities.
func NewIndex(entities []*Entity) *Index {
	ix := &Index{entities: entities, vocab: newVocabulary()}
	for ei, e := range entities {
		if e.Group != nil && len(e.Group.Stems) > 0 {
			ix.groups = append(ix.groups, int32(ei))
		}
		for _, n := range e.Names() {
			p := Prepare(n.Name)
			if len(p.words) == 0 {
				continue
			}
			id := int32(len(ix.names))
			ix.names = append(ix.names, indexedName{entity: int32(ei), name: n.Name, weak: n.Weak, words: p.words})
			for _, w := range p.words {
				if w.kind == legal {
					continue
				}
				vid := ix.vocab.add(w)
				if int(vid) == len(ix.postings) {
					ix.postings = append(ix.postings, nil)
				}
				if post := ix.postings[vid]; len(post) == 0 || post[len(post)-1] != id {
					ix.postings[vid] = append(post, id)
				}
			}
		}
	}
	return ix
}

// weight is how much a word counts. The first version uses the kind of the
// word alone; the list's own word frequencies refine it.
func (ix *Index) weight(w *word) float64 {
	return baseWeight[w.kind]
}

// wideCandidates reports whether a listed name that meets none of the
// query's identifying words (distinctive words, numbers, patronymics) with
// an identifying word of its own could still reach the threshold. Such a
// name gains at most twice the weight of each generic or legal query word
// (generic words only meet generic words, one to one), and an initial only
// its own weight on both sides (score.go), whichever side the initial is on;
// every identifying query word w met by no full word keeps its weight in the
// total:
//
//	score <= (a + i) / (D + a + i/2)
//	a = 2(G + L) + 2I      generic, legal and initial words of the query
//	i = 2 * initial * n    the query's n identifying words met by initials
//	D                      the weight of the query's identifying words
//
// When that bound is under the threshold, the identifying words alone fetch
// every candidate that can reach it. Otherwise (a query of generic words
// only, a low threshold) generic words and initials fetch candidates too.
func (ix *Index) wideCandidates(q *Prepared, threshold float64) bool {
	var a, d, i float64
	for k := range q.words {
		w := &q.words[k]
		switch {
		case w.kind == generic || w.kind == legal || w.kind == initial:
			a += 2 * ix.weight(w)
		default:
			d += ix.weight(w)
			i += 2 * baseWeight[initial]
		}
	}
	return d == 0 || (a+i)/(d+a+i/2) >= threshold
}

// candidates returns the names sharing at least one word, exactly or with
// a spelling variant or typo, with the query: every name that could reach
// the threshold.
func (ix *Index) candidates(q *Prepared, threshold float64) []int32 {
	wide := ix.wideCandidates(q, threshold)
	seen := make(map[int32]bool)
	var out []int32
	addWord := func(vid int32) {
		for _, id := range ix.postings[vid] {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for i := range q.words {
		qw := &q.words[i]
		if qw.kind == legal || qw.kind == generic && !wide {
			continue
		}
		ix.vocab.similar(qw, addWord)
		if wide && identifying(qw) {
			// Names that carry this word as an initial only.
			if vid, ok := ix.vocab.byText[qw.text[:1]]; ok {
				addWord(vid)
			}
		}
	}
	// Two query words that a listed name runs together.
	for i := 0; i+1 < len(q.words); i++ {
		if vid, ok := ix.vocab.byText[q.words[i].text+q.words[i+1].text]; ok {
			addWord(vid)
		}
	}
	return out
}

// Search returns the entities whose names meet the query at or above the
// threshold, best first, at most Limit.
func (ix *Index) Search(q *Prepared, opts SearchOptions) []Hit {
	return ix.score(q, opts, ix.candidates(q, opts.Threshold))
}

// SearchExhaustive scores every name on the list instead of the candidates.
// It is the reference the fast path is tested against; Search returns the
// same hits.
func (ix *Index) SearchExhaustive(q *Prepared, opts SearchOptions) []Hit {
	all := make([]int32, len(ix.names))
	for i := range all {
		all[i] = int32(i)
	}
	return ix.score(q, opts, all)
}

func (ix *Index) score(q *Prepared, opts SearchOptions, ids []int32) []Hit {
	best := make(map[int32]Hit)
	bestScore := 0.0
	for _, id := range ids {
		n := &ix.names[id]
		e := ix.entities[n.entity]
		if opts.Type != "" && e.Type != "" && e.Type != opts.Type {
			continue
		}
		a := align(q.words, n.words, ix.weight)
		score := a.score()
		bestScore = max(bestScore, score)
		if score < opts.Threshold || score <= best[n.entity].Score {
			continue
		}
		ex := a.explain(q.words, n.words, ix.weight)
		score = qualify(&ex, score, e, n.weak, opts)
		if score < opts.Threshold || score <= best[n.entity].Score {
			continue
		}
		ex.Summary = summarize(&ex, score, n.name)
		best[n.entity] = Hit{Entity: e, MatchedName: n.name, Weak: n.weak, Score: score, Relation: e.Relation, Explanation: ex}
	}
	for _, gi := range ix.groups {
		if h, ok := ix.groupHit(q, gi, bestScore, opts); ok && h.Score > best[gi].Score {
			best[gi] = h
		}
	}
	hits := make([]Hit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	SortHits(hits)
	if len(hits) > opts.Limit {
		hits = hits[:opts.Limit]
	}
	return hits
}

// SortHits orders hits by score, then by entity id so equal scores come out
// the same way every time, within one list or across several.
func SortHits(hits []Hit) {
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Entity.ID < hits[j].Entity.ID
	})
}

// qualify applies what the query says beyond the name: a country the listing
// does not carry, or an alias the list itself calls weak, lowers the score.
func qualify(ex *Explanation, score float64, e *Entity, weak bool, opts SearchOptions) float64 {
	if opts.Country != "" && len(e.Countries) > 0 {
		if slices.Contains(e.Countries, opts.Country) {
			ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("country %s is a listed country", opts.Country))
		} else {
			score *= countryMismatch
			ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("country %s is not among the listed countries %v: score x%.2f", opts.Country, e.Countries, countryMismatch))
		}
	}
	if weak {
		score *= weakAlias
		ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("matched a weak alias (the list calls it low quality): score x%.2f", weakAlias))
	}
	return score
}

// Len reports how many entities and names the index holds.
func (ix *Index) Len() (entities, names int) { return len(ix.entities), len(ix.names) }

// Compare scores a query against one name as if that name were listed,
// with this index's word weights: the score Search would give it, before
// qualifiers. Evaluations use it to score labelled name pairs.
func (ix *Index) Compare(query, listed string) (float64, Explanation) {
	q, l := Prepare(query), Prepare(listed)
	a := align(q.words, l.words, ix.weight)
	score := a.score()
	ex := a.explain(q.words, l.words, ix.weight)
	ex.Summary = summarize(&ex, score, listed)
	return score, ex
}
