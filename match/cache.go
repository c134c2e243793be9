package match

import (
	"cmp"
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Query words repeat: "trading", "company", common surnames and the names
// being screened again. An index remembers what its vocabulary lookups
// found for recent query words, so a repeated word costs one map read.
// Lookups are pure functions of the word and the index, so a remembered
// one is exactly what a new lookup would find.

// Cache bounds: shards keep concurrent searches from waiting on one lock;
// each shard keeps its current generation and the one before (at most
// 2 × cacheShards × cacheShardSize words), and a word found in the older
// one moves to the current one, so words in use stay.
const (
	cacheShards    = 16
	cacheShardSize = 2048
)

// lookup is what planning found for one query word. Its slices are
// shared: read only.
type lookup struct {
	matches []wordMatch
	halves  []int32 // see search.halves
	weight  float64
	partner float64
}

// lookupCache maps a query word's cacheKey to its lookup.
type lookupCache struct {
	seed   maphash.Seed
	shards [cacheShards]cacheShard
}

type cacheShard struct {
	mu       sync.RWMutex
	cur, old map[string]*lookup
}

func newLookupCache() *lookupCache {
	return &lookupCache{seed: maphash.MakeSeed()}
}

// cacheKey writes into buf what a lookup depends on: the word's kind,
// spelling and folded key.
func cacheKey(buf []byte, w *word) []byte {
	buf = append(buf[:0], byte(w.kind))
	buf = append(buf, w.text...)
	buf = append(buf, 0)
	return append(buf, w.key...)
}

func (c *lookupCache) shard(key []byte) *cacheShard {
	return &c.shards[maphash.Bytes(c.seed, key)%cacheShards]
}

// get returns the lookup remembered under key, if any. A nil cache
// remembers nothing.
func (c *lookupCache) get(key []byte) (*lookup, bool) {
	if c == nil {
		return nil, false
	}
	sh := c.shard(key)
	sh.mu.RLock()
	l, current := sh.cur[string(key)]
	if !current {
		l = sh.old[string(key)]
	}
	sh.mu.RUnlock()
	if l != nil && !current {
		sh.put(string(key), l) // in use: keep it past the next turnover
	}
	return l, l != nil
}

// put remembers a lookup under key.
func (c *lookupCache) put(key []byte, l *lookup) {
	if c != nil {
		c.shard(key).put(string(key), l)
	}
}

func (sh *cacheShard) put(key string, l *lookup) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if len(sh.cur) >= cacheShardSize {
		sh.old, sh.cur = sh.cur, nil
	}
	if sh.cur == nil {
		sh.cur = make(map[string]*lookup)
	}
	sh.cur[key] = l
}

// prewarm looks up every generic word of the vocabulary: "company" or
// "trading" is in most queries, and each is compared with every generic
// word there is, so the first queries need not pay for that. So are the
// names most listed parties share ("mohammad", "ali"), which queries
// screening people carry: on the real lists a name new to the index
// screens a sixth faster for it. The lookups are shared among the cores.
func (ix *Index) prewarm() {
	var common []int32
	for id := range ix.vocab.words {
		if k := ix.vocab.words[id].kind; (k == distinctive || k == patronymic) && len(ix.postings(int32(id))) >= prewarmFrom {
			common = append(common, int32(id))
		}
	}
	slices.SortFunc(common, func(a, b int32) int {
		return cmp.Or(cmp.Compare(len(ix.postings(b)), len(ix.postings(a))), cmp.Compare(a, b))
	})
	words := append(slices.Clone(ix.vocab.generics), common[:min(len(common), prewarmNames)]...)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			s := ix.scratch.Get().(*search)
			defer ix.scratch.Put(s)
			for i := int(next.Add(1) - 1); i < len(words); i = int(next.Add(1) - 1) {
				s.matches, s.halves, s.qw, s.partner = s.matches[:0], s.halves[:0], s.qw[:0], s.partner[:0]
				s.lookUp(ix, &ix.vocab.words[words[i]])
			}
		})
	}
	wg.Wait()
}

// The names prewarm looks up: the prewarmNames held by most listed names,
// of those held by prewarmFrom or more.
const (
	prewarmNames = 4000
	prewarmFrom  = 8
)
