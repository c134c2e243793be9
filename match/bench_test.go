package match_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// The synthetic lists are sized in names (primary names and aliases), which
// is what the index holds; they are built once per size and kept, so that
// -bench Search1M builds the 1M-name index once, not once per b.N.
const (
	benchSeed    = 2026
	benchQueries = 2000
)

var benchFixtures struct {
	sync.Mutex
	entities map[int][]*match.Entity
	indexes  map[int]*match.Index
}

// benchEntities returns the first synthetic entities that hold names names.
func benchEntities(b *testing.B, names int) []*match.Entity {
	b.Helper()
	benchFixtures.Lock()
	defer benchFixtures.Unlock()
	if es, ok := benchFixtures.entities[names]; ok {
		return es
	}
	all := matchtest.Entities(benchSeed, names) // every entity has a name: enough
	held, n := 0, 0
	for n < len(all) && held < names {
		held += 1 + len(all[n].Aliases)
		n++
	}
	es := all[:n:n]
	if benchFixtures.entities == nil {
		benchFixtures.entities = map[int][]*match.Entity{}
	}
	benchFixtures.entities[names] = es
	return es
}

func benchIndex(b *testing.B, names int) *match.Index {
	b.Helper()
	es := benchEntities(b, names)
	benchFixtures.Lock()
	defer benchFixtures.Unlock()
	if ix, ok := benchFixtures.indexes[names]; ok {
		return ix
	}
	ix := match.NewIndex(es)
	if benchFixtures.indexes == nil {
		benchFixtures.indexes = map[int]*match.Index{}
	}
	benchFixtures.indexes[names] = ix
	return ix
}

func BenchmarkIndexBuild50k(b *testing.B)  { benchIndexBuild(b, 50_000) }
func BenchmarkIndexBuild250k(b *testing.B) { benchIndexBuild(b, 250_000) }
func BenchmarkIndexBuild1M(b *testing.B)   { benchIndexBuild(b, 1_000_000) }

func benchIndexBuild(b *testing.B, names int) {
	es := benchEntities(b, names)
	b.ReportAllocs()
	for b.Loop() {
		match.NewIndex(es)
	}
	b.ReportMetric(float64(len(es)), "entities")
}

func BenchmarkSearch50k(b *testing.B)  { benchSearch(b, 50_000) }
func BenchmarkSearch250k(b *testing.B) { benchSearch(b, 250_000) }
func BenchmarkSearch1M(b *testing.B)   { benchSearch(b, 1_000_000) }

// benchSearch screens a mix of names near listed ones and clean names with
// the default threshold and limit. Queries are prepared beforehand: this
// measures the index, lists.BenchmarkScreenRealLists the whole screening.
// The index remembers recent query words' lookups: cold runs with that
// cache off, so every word is looked up as on its first sight; warm once
// every query has been screened.
func benchSearch(b *testing.B, names int) {
	ix := benchIndex(b, names)
	qs := make([]*match.Prepared, benchQueries)
	for i, n := range matchtest.Names(benchSeed, benchQueries) {
		qs[i] = match.Prepare(n)
	}
	opts := match.SearchOptions{Threshold: 0.85, Limit: 10}
	run := func(b *testing.B) {
		lat := make([]time.Duration, 0, 1024)
		matched := 0
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			start := time.Now()
			hits := ix.Search(qs[i%len(qs)], opts)
			lat = append(lat, time.Since(start))
			if len(hits) > 0 {
				matched++
			}
		}
		reportLatency(b, lat)
		b.ReportMetric(float64(matched)/float64(len(lat)), "matched/op")
	}
	b.Run("cold", func(b *testing.B) {
		ix.SetLookupCache(false)
		defer ix.SetLookupCache(true)
		run(b)
	})
	b.Run("warm", func(b *testing.B) {
		for _, q := range qs {
			ix.Search(q, opts)
		}
		run(b)
	})
}

// reportLatency adds the median and 99th percentile of the per-operation
// times, which ns/op (a mean) hides.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
}
