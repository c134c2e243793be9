package match

import (
	"runtime"
	"sync"
)

// Corpus is one list's entities with every name read for matching. Reading
// names is the costly part of building an index, so a list keeps its corpus
// and the index over all lists is assembled from the corpora when any list
// changes.
type Corpus struct {
	list     string
	entities []*Entity
	names    []preparedName
}

// preparedName is one name or alias of an entity, read for matching.
type preparedName struct {
	entity int32 // in the corpus
	name   string
	weak   bool
	words  []word
	joins  []uint32 // see joinKeys
}

// NewCorpus reads every name and alias of the entities of one list, on
// every core.
func NewCorpus(list string, entities []*Entity) *Corpus {
	c := &Corpus{list: list, entities: entities}
	parts := runtime.GOMAXPROCS(0)
	chunk := (len(entities) + parts - 1) / max(parts, 1)
	out := make([][]preparedName, parts)
	var wg sync.WaitGroup
	for part := 0; part < parts; part++ {
		lo, hi := part*chunk, min((part+1)*chunk, len(entities))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ei := lo; ei < hi; ei++ {
				for _, n := range entities[ei].Names() {
					if p := Prepare(n.Name); len(p.words) > 0 {
						out[part] = append(out[part], preparedName{entity: int32(ei), name: n.Name, weak: n.Weak, words: p.words, joins: joinKeys(p.words)})
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, part := range out {
		c.names = append(c.names, part...)
	}
	return c
}

// Entities returns the corpus's entities, in list order.
func (c *Corpus) Entities() []*Entity { return c.entities }
