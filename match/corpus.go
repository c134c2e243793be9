package match

import (
	"runtime"
	"sync"
)

// Corpus is one list's entities with every name read for matching. Reading
// names is the costly part of building an index, so a list keeps its corpus
// and the index over all lists is assembled from the corpora when any list
// changes.
//
// A corpus holds each distinct word once: a million names have about three
// and a half million words but half a million distinct ones, and a word
// stored per name cost more memory than every other part of the index.
type Corpus struct {
	list      string
	entities  []*Entity
	names     []preparedName
	words     []word   // distinct, as the names spell them
	nameWords []int32  // per name, from its first: its words, in words
	joins     []uint32 // per entry of nameWords: see joinKeys
}

// preparedName is one name or alias of an entity, read for matching.
type preparedName struct {
	entity int32  // in the corpus
	first  uint32 // in the corpus's nameWords
	n      uint32 // words
	name   string
	weak   bool
}

// NewCorpus reads every name and alias of the entities of one list, on
// every core.
func NewCorpus(list string, entities []*Entity) *Corpus {
	parts := runtime.GOMAXPROCS(0)
	chunk := (len(entities) + parts - 1) / max(parts, 1)
	out := make([]*Corpus, 0, parts)
	for part := 0; part < parts; part++ {
		lo, hi := part*chunk, min((part+1)*chunk, len(entities))
		if lo >= hi {
			break
		}
		out = append(out, &Corpus{entities: entities[lo:hi]})
	}
	var wg sync.WaitGroup
	for part, c := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.read(int32(part * chunk))
		}()
	}
	wg.Wait()
	c := &Corpus{list: list, entities: entities}
	if len(out) == 1 {
		c.names, c.words, c.nameWords, c.joins = out[0].names, out[0].words, out[0].nameWords, out[0].joins
		return c
	}
	ids := make(map[word]int32)
	for _, part := range out {
		c.append(part, ids)
	}
	return c
}

// read prepares every name of c's entities, the first of which is entity
// first of the whole list.
func (c *Corpus) read(first int32) {
	ids := make(map[word]int32)
	for ei, e := range c.entities {
		for _, n := range e.Names() {
			p := Prepare(n.Name)
			if len(p.words) == 0 {
				continue
			}
			c.names = append(c.names, preparedName{entity: first + int32(ei), first: uint32(len(c.nameWords)), n: uint32(len(p.words)), name: n.Name, weak: n.Weak})
			for _, w := range p.words {
				c.nameWords = append(c.nameWords, c.intern(ids, w))
			}
			c.joins = append(c.joins, joinKeys(p.words)...)
		}
	}
}

// intern returns the id of w in c.words, adding it if it is new; ids maps
// c.words to their ids.
func (c *Corpus) intern(ids map[word]int32, w word) int32 {
	id, ok := ids[w]
	if !ok {
		id = int32(len(c.words))
		c.words = append(c.words, w)
		ids[w] = id
	}
	return id
}

// append adds the names of part, read apart, to c, with the words the two
// share stored once; ids maps c.words to their ids.
func (c *Corpus) append(part *Corpus, ids map[word]int32) {
	remap := make([]int32, len(part.words))
	for pid, w := range part.words {
		remap[pid] = c.intern(ids, w)
	}
	base := uint32(len(c.nameWords))
	for _, n := range part.names {
		n.first += base
		c.names = append(c.names, n)
	}
	for _, id := range part.nameWords {
		c.nameWords = append(c.nameWords, remap[id])
	}
	c.joins = append(c.joins, part.joins...)
}

// wordsOf returns the words of the corpus's name k, appended to dst.
func (c *Corpus) wordsOf(dst []word, k int) []word {
	n := &c.names[k]
	for _, id := range c.nameWords[n.first : n.first+n.n] {
		dst = append(dst, c.words[id])
	}
	return dst
}

// Entities returns the corpus's entities, in list order.
func (c *Corpus) Entities() []*Entity { return c.entities }
