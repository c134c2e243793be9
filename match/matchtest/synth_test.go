package matchtest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestEntitiesDeterministicAndPrefixStable(t *testing.T) {
	a, b := Entities(7, 2000), Entities(7, 2000)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Entities(7, 2000) differs between two calls")
	}
	if small := Entities(7, 500); !reflect.DeepEqual(small, a[:500]) {
		t.Error("Entities(7, 500) is not the first 500 of Entities(7, 2000)")
	}
	other := Entities(8, 2000)
	same := 0
	for i := range a {
		if a[i].Name == other[i].Name {
			same++
		}
	}
	if same > 100 {
		t.Errorf("seeds 7 and 8 share %d of 2000 names", same)
	}
}

func TestEntitiesAreValidListRecords(t *testing.T) {
	const n = 20000
	es := Entities(1, n)
	if len(es) != n {
		t.Fatalf("len = %d, want %d", len(es), n)
	}
	ids := make(map[string]bool, n)
	types := map[match.EntityType]int{}
	names, withAliases := 0, 0
	for _, e := range es {
		if ids[e.ID] || !strings.HasPrefix(e.ID, SyntheticList+":") || e.List != SyntheticList {
			t.Fatalf("entity %+v: id repeated or not on the synthetic list", e)
		}
		ids[e.ID] = true
		types[e.Type]++
		if len(e.Aliases) > 0 {
			withAliases++
		}
		for _, a := range e.Names() {
			names++
			// custom_csv separates aliases with ";"; every name must screen.
			if strings.ContainsAny(a.Name, ";\n") || len(match.Tokens(a.Name)) == 0 {
				t.Fatalf("entity %s: name %q cannot be listed", e.ID, a.Name)
			}
		}
		for _, c := range e.Countries {
			if len(c) != 2 || strings.ToUpper(c) != c {
				t.Fatalf("entity %s: country %q", e.ID, c)
			}
		}
	}
	for typ, want := range map[match.EntityType]float64{match.Organization: 0.70, match.Individual: 0.25, match.Vessel: 0.05} {
		if got := float64(types[typ]) / n; got < want-0.03 || got > want+0.03 {
			t.Errorf("%s: %.1f%% of entities, want about %.0f%%", typ, 100*got, 100*want)
		}
	}
	if share := float64(withAliases) / n; share < 0.2 || share > 0.5 {
		t.Errorf("%.0f%% of entities have aliases, want a third or so", 100*share)
	}
	t.Logf("%d entities, %d names, types %v", n, names, types)
}

// A real list's vocabulary keeps growing with its size: ten times the
// entities must bring several times the distinct words, and not one word
// per name (names share generic words, legal forms and common given names).
func TestEntitiesVocabularyGrows(t *testing.T) {
	distinct := func(n int) int {
		words := map[string]bool{}
		for _, e := range Entities(3, n) {
			for _, a := range e.Names() {
				for _, w := range match.Tokens(a.Name) {
					words[w] = true
				}
			}
		}
		return len(words)
	}
	small, large := distinct(5000), distinct(50000)
	t.Logf("distinct words: %d at 5k entities, %d at 50k", small, large)
	if large < 5*small || large > 10*small {
		t.Errorf("vocabulary grew %.1fx for 10x the entities, want 5x..10x", float64(large)/float64(small))
	}
	if large < 25000 || large > 60000 {
		t.Errorf("%d distinct words at 50k entities, want 25k..60k", large)
	}
}

func TestNames(t *testing.T) {
	const n = 2000
	qs := Names(5, n)
	if len(qs) != n || !reflect.DeepEqual(qs, Names(5, n)) {
		t.Fatalf("Names(5, %d): %d names or not deterministic", n, len(qs))
	}
	// A near name keeps a rare word of a listed name, perhaps with a typo
	// (one letter replaced); a clean one shares common words only.
	freq := map[string]int{}
	for _, e := range Entities(5, n) {
		for _, a := range e.Names() {
			for _, w := range match.Tokens(a.Name) {
				freq[w]++
			}
		}
	}
	rare := map[string]bool{}
	for w, f := range freq {
		if f <= 3 && len(w) >= 4 {
			for i := range len(w) {
				rare[w[:i]+"?"+w[i+1:]] = true
			}
		}
	}
	near := 0
	for _, q := range qs {
		if err := (match.Query{Name: q}).Validate(); err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
	words:
		for _, w := range match.Tokens(q) {
			for i := range len(w) {
				if rare[w[:i]+"?"+w[i+1:]] {
					near++
					break words
				}
			}
		}
	}
	if share := float64(near) / n; share < 0.35 || share > 0.65 {
		t.Errorf("%.0f%% of names are near listed ones, want about half", 100*share)
	}
}
