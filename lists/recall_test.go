package lists

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// perturb changes a listed name the way real data does: a typo in its
// longest word and a swapped or dropped legal form, so that the result may
// share no exact word with the listed name.
func perturb(r *rand.Rand, name string) string {
	words := strings.Fields(strings.ToLower(name))
	long := 0
	for i, w := range words {
		if len(w) > len(words[long]) {
			long = i
		}
	}
	if w := words[long]; len(w) >= 5 {
		i := 1 + r.IntN(len(w)-2)
		switch r.IntN(3) {
		case 0: // substitution
			words[long] = w[:i] + string(rune('a'+r.IntN(26))) + w[i+1:]
		case 1: // deletion
			words[long] = w[:i] + w[i+1:]
		default: // swap of neighbours
			words[long] = w[:i] + string(w[i+1]) + string(w[i]) + w[i+2:]
		}
	}
	forms := []string{"llc", "ltd", "gmbh", "jsc", "ooo", "co ltd", "inc", ""}
	last := len(words) - 1
	if last > 0 && len(words[last]) <= 5 {
		words[last] = forms[r.IntN(len(forms))]
	} else {
		words = append(words, forms[r.IntN(len(forms))])
	}
	return strings.Join(words, " ")
}

// The candidate index must find every hit that scoring every name finds,
// on real lists, for names that share no exact word with the listed one.
func TestCandidatesLoseNoRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("full-size recall check skipped in -short mode")
	}
	for _, tc := range []struct{ list, format, path string }{
		{"us_csl", "csl_csv", "us_csl/consolidated.derived.csv"},
		{"uk", "uk_csv", "uk/UK-Sanctions-List.derived.csv"},
	} {
		t.Run(tc.list, func(t *testing.T) {
			loaded, err := parsers[tc.format](tc.list, sharedListFile(t, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			ix := match.NewIndex(loaded.Entities)
			r := rand.New(rand.NewPCG(1, 2))
			opts := match.SearchOptions{Threshold: 0.7, Limit: 100}
			checked, found := 0, 0
			for checked < 2*recallNames {
				e := loaded.Entities[r.IntN(len(loaded.Entities))]
				name := perturb(r, e.Name) // a typo and a changed legal form
				if checked%2 == 1 {
					// Cyrillic, transliteration, word order, punctuation, and pairs of them.
					name, _ = matchtest.Perturb(r, e.Name, e.Type)
				}
				q := match.Prepare(name)
				fast, all := ix.Search(q, opts), ix.SearchExhaustive(q, opts)
				if got, want := matchtest.HitSet(fast), matchtest.HitSet(all); got != want {
					t.Errorf("query %q (from %q):\n fast path %s\n every name %s", q.Normalized(), e.Name, got, want)
				}
				checked++
				if len(all) > 0 {
					found++
				}
			}
			t.Logf("%d perturbed names, %d with hits, fast path = exhaustive on all", checked, found)
		})
	}
}

// recallNames is how many names each perturbation makes per list.
const recallNames = 80
