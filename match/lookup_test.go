package match_test

import (
	"math/rand/v2"
	"testing"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// lookupIndex is a synthetic list with names in several scripts, and
// queries near and far from its names.
func lookupIndex(t *testing.T, entities, queries int) (*match.Index, []string) {
	t.Helper()
	es := matchtest.Entities(7, entities)
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
// the deletion index, the bigram postings and their count lose nothing.
func TestLookupFindsEveryWordMet(t *testing.T) {
	ix, qs := lookupIndex(t, 3000, 400)
	for _, q := range qs {
		if qw, w, found := ix.LookupMismatch(q); qw != "" {
			t.Errorf("query %q: word %q for %q: found %v, met %v", q, w, qw, found, !found)
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
