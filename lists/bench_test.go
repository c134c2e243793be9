package lists

import (
	"context"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"gopkg.in/yaml.v3"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// benchRealLists are the lists configs/shared-data.yaml serves, with their
// paths made relative to this package. It skips when the data is absent.
func benchRealLists(b *testing.B) []Config {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "configs", "shared-data.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var doc struct {
		Lists []Config `yaml:"lists"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		b.Fatalf("configs/shared-data.yaml: %v", err)
	}
	for i := range doc.Lists {
		p := filepath.Join("..", doc.Lists[i].Path) // the config is relative to the repository root
		if _, err := os.Stat(p); err != nil {
			b.Skipf("shared data not found at %s: the real-list benchmarks need ../shared/data beside the repository", p)
		}
		doc.Lists[i].Path = p
	}
	return doc.Lists
}

func benchRegistry(b *testing.B, cfgs []Config) *Registry {
	b.Helper()
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{
		Matching: match.Config{Threshold: 0.85, Limit: 10}, Lists: cfgs,
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkLoadRealLists reads, parses and indexes every real list, as
// serve does at startup.
func BenchmarkLoadRealLists(b *testing.B) {
	cfgs := benchRealLists(b)
	b.ReportAllocs()
	var r *Registry
	for b.Loop() {
		r = benchRegistry(b, cfgs)
	}
	entities, names := 0, 0
	for _, s := range r.Lists() {
		entities, names = entities+s.Entities, names+s.Names
	}
	b.ReportMetric(float64(entities), "entities")
	b.ReportMetric(float64(names), "names")
}

var benchScreen struct {
	once    sync.Once
	reg     *Registry
	queries []string
}

// BenchmarkScreenRealLists screens, through Registry.Screen, a mix of
// listed names changed as real input differs (matchtest.Perturb) and clean
// company names from the negatives file, one at a time. The index
// remembers recent query words' lookups, so it is measured three ways:
// cold, on a new index for every pass over the queries (each name is new
// to it; words that names share are looked up once per pass); unseen, on
// an index that has screened the other half of the queries first, as a
// running server has, and times only names it has not seen; and warm,
// once every query has been screened.
func BenchmarkScreenRealLists(b *testing.B) {
	cfgs, clean := benchRealLists(b), benchCleanNames(b) // either skips when absent
	benchScreen.once.Do(func() {
		benchScreen.reg = benchRegistry(b, cfgs)
		benchScreen.queries = benchScreenQueries(b, cfgs, clean)
	})
	if benchScreen.reg == nil {
		b.Fatal("real lists did not load in an earlier run")
	}
	qs := benchScreen.queries
	half := len(qs) / 2
	b.Run("cold", func(b *testing.B) { benchScreenQueriesOnce(b, nil, qs) })
	b.Run("unseen", func(b *testing.B) { benchScreenQueriesOnce(b, qs[:half], qs[half:]) })
	b.Run("warm", func(b *testing.B) { benchScreenQueriesOnce(b, qs, qs) })
}

// benchScreenQueriesOnce times screening qs, in turn, on an index that has
// screened seen first, and again after each pass over qs.
func benchScreenQueriesOnce(b *testing.B, seen, qs []string) {
	r := benchScreen.reg
	ctx := context.Background()
	fresh := func() {
		r.indexMu.Lock()
		r.rebuild(nil, nil)
		r.indexMu.Unlock()
		for _, q := range seen {
			if _, err := r.Screen(ctx, match.Query{Name: q}); err != nil {
				b.Fatalf("%q: %v", q, err)
			}
		}
	}
	fresh()
	lat := make([]time.Duration, 0, b.N)
	matched := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i > 0 && i%len(qs) == 0 && len(seen) < len(qs) {
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		start := time.Now()
		res, err := r.Screen(ctx, match.Query{Name: qs[i%len(qs)]})
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatalf("%q: %v", qs[i%len(qs)], err)
		}
		if res.Status == match.PotentialMatch {
			matched++
		}
	}
	slices.Sort(lat)
	at := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
	b.ReportMetric(float64(matched)/float64(len(lat)), "matched/op")
}

// benchScreenQueries returns 1,000 perturbed listed names and 1,000 clean
// company names, shuffled.
func benchScreenQueries(b *testing.B, cfgs []Config, clean []string) []string {
	b.Helper()
	r := rand.New(rand.NewPCG(5, 2026))
	var listed []*match.Entity
	for _, c := range cfgs {
		loaded, err := parsers[c.Format](c.ID, c.Path)
		if err != nil {
			b.Fatal(err)
		}
		listed = append(listed, loaded.Entities...)
	}
	var qs []string
	for len(qs) < 1000 {
		e := listed[r.IntN(len(listed))]
		names := e.Names()
		if q, _ := matchtest.Perturb(r, names[r.IntN(len(names))].Name, e.Type); len(match.Tokens(q)) > 0 {
			qs = append(qs, q)
		}
	}
	for range 1000 {
		qs = append(qs, clean[r.IntN(len(clean))])
	}
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// benchCleanNames reads the name column of the negatives file: real
// companies that no list names.
func benchCleanNames(b *testing.B) []string {
	b.Helper()
	p := sharedListFile(b, "negatives/company_names.derived.csv")
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	header, err := rd.Read()
	if err != nil {
		b.Fatalf("%s: %v", p, err)
	}
	col := slices.Index(header, "name")
	if col < 0 {
		b.Fatalf("%s: no name column in %v", p, header)
	}
	var out []string
	for {
		row, err := rd.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			b.Fatalf("%s: %v", p, err)
		}
		if col < len(row) && len(match.Tokens(row[col])) > 0 {
			out = append(out, row[col])
		}
	}
}
