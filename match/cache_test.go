package match_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// Searches that share an index, and so its remembered lookups, find what
// an index that looks every word up finds, however they interleave.
func TestCachedLookupsChangeNoHit(t *testing.T) {
	es := matchtest.Entities(3, 2000)
	cached, fresh := match.NewIndex(es), match.NewIndexWithoutCache(es)
	qs := matchtest.Names(3, 300)
	opts := match.SearchOptions{Threshold: 0.7, Limit: 20}
	want := make([][]match.Hit, len(qs))
	for i, q := range qs {
		want[i] = fresh.Search(match.Prepare(q), opts)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 8 {
		wg.Go(func() {
			for pass := range 3 {
				for k := range qs {
					i := (k*7 + w*31 + pass) % len(qs) // each worker in its own order
					if got := cached.Search(match.Prepare(qs[i]), opts); !reflect.DeepEqual(got, want[i]) {
						select {
						case errs <- fmt.Sprintf("%q: cached %v, looked up %v", qs[i], got, want[i]):
						default:
						}
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// The cache keeps a bounded number of lookups, and a word whose lookup it
// dropped is looked up again, to the same hits.
func TestLookupCacheStaysBounded(t *testing.T) {
	es := matchtest.Entities(5, 300)
	ix, fresh := match.NewIndex(es), match.NewIndexWithoutCache(es)
	opts := match.SearchOptions{Threshold: 0.5, Limit: 5}
	first := "kasperskiy"
	want := fresh.Search(match.Prepare(first), opts)
	ix.Search(match.Prepare(first), opts)
	for i := range match.MaxCacheLen + 5000 {
		ix.Search(match.Prepare(fmt.Sprintf("w%dq", i)), opts)
		if i%5000 == 0 && ix.CacheLen() > match.MaxCacheLen {
			t.Fatalf("after %d words the cache holds %d lookups, over %d", i, ix.CacheLen(), match.MaxCacheLen)
		}
	}
	if n := ix.CacheLen(); n > match.MaxCacheLen || n < match.MaxCacheLen/4 {
		t.Errorf("cache holds %d lookups; want at most %d and not nearly empty", n, match.MaxCacheLen)
	}
	if got := ix.Search(match.Prepare(first), opts); !reflect.DeepEqual(got, want) {
		t.Errorf("%q after eviction: %v, want %v", first, got, want)
	}
}
