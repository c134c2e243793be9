package match_test

import (
	"math/rand/v2"
	"testing"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// lookupIndex is a synthetic list with names in several scripts, and
// queries near and far from its names.
func lookupIndex(t *testing.T, entities, queries int, more ...*match.Entity) (*match.Index, []string) {
	t.Helper()
	es := matchtest.Entities(7, entities)
	es = append(es, more...)
	es = append(es,
		&match.Entity{ID: "x:1", Name: "Aerocaribbean Airlines"},
		&match.Entity{ID: "x:2", Name: "ТОВ Лабораторія Касперського"},
		&match.Entity{ID: "x:3", Name: "شركة الأمل للتجارة"},
		&match.Entity{ID: "x:4", Name: "北京 科技 有限公司"},
		&match.Entity{ID: "x:5", Name: "M. S. Trading 42 LLC"},
		&match.Entity{ID: "x:6", Name: "Kelly Grace Shipping Co., Ltd."},
	)
	qs := matchtest.Names(7, queries)
	r := rand.New(rand.NewPCG(7, 11))
	for _, e := range es[len(es)-6:] {
		for range 5 {
			q, _ := matchtest.Perturb(r, e.Name, e.Type)
			qs = append(qs, q)
		}
	}
	qs = append(qs, "Aero Caribbean", "Kelygrace Shipping", "Лабораторія Касперського", "الأمل", "科技 有限公司", "M S Trading", "Kasperskiy Laboratoriya")
	return match.NewIndex(es), qs
}

// The vocabulary lookup finds every word a query word meets, and no other:
// the deletion index, the bigram postings and their count lose nothing,
// whether a lookup reads every gram's postings or only the rarest.
func TestLookupFindsEveryWordMet(t *testing.T) {
	ix, qs := lookupIndex(t, 3000, 400)
	for _, ratio := range []int{0, 8, 1 << 30} {
		ix.SetGramReadRatio(ratio)
		for _, q := range qs {
			if qw, w, found := ix.LookupMismatch(q); qw != "" {
				t.Errorf("read ratio %d: query %q: word %q for %q: found %v, met %v", ratio, q, w, qw, found, !found)
			}
		}
	}
}

// No listed name scores above the bound that lets Search skip it.
func TestNameBoundHoldsEveryScore(t *testing.T) {
	ix, qs := lookupIndex(t, 1500, 300)
	for _, q := range qs {
		if name, bound, score, bad := ix.BoundViolation(q); bad {
			t.Errorf("query %q, listed %q: score %.6f over bound %.6f", q, name, score, bound)
		}
	}
}

// Search finds every hit that scoring every name finds. The listed names
// here are ones a fast path has missed: a listed word that two query words
// run together fold to ("SS&C" read as "ss c" against "SSK"), and a common
// first name beside rare surnames, which need not be read.
func TestSearchFindsWhatScoringEveryNameFinds(t *testing.T) {
	ix, qs := lookupIndex(t, 2000, 300, []*match.Entity{
		{ID: "y:1", Name: "AO “SSK”"},
		{ID: "y:2", Name: "Mohammad Javad ZARIF KHONSARI", Type: match.Individual},
		{ID: "y:3", Name: "Mohammad RAHIMI", Type: match.Individual},
		{ID: "y:4", Name: "Mohammed ALI", Type: match.Individual},
	}...)
	qs = append(qs, "SS&C Technologies", "Мохаммад Джавад ЗАРИФ ХОНСАРИ", "Zarif Khonsari", "Mohamad Rahimi", "K, Mohammed")
	for _, threshold := range []float64{0.7, 0.85} {
		opts := match.SearchOptions{Threshold: threshold, Limit: 100}
		for _, name := range qs {
			q := match.Prepare(name)
			fast, all := ix.Search(q, opts), ix.SearchExhaustive(q, opts)
			if got, want := matchtest.HitSet(fast), matchtest.HitSet(all); got != want {
				t.Errorf("threshold %.2f, query %q:\n fast path   %s\n every name  %s", threshold, name, got, want)
			}
		}
	}
}
