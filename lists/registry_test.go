package lists

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

func newBuiltinRegistry(t *testing.T) *Registry {
	t.Helper()
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{Matching: match.Config{Threshold: 0.85, Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

// Every form of the listed Kaspersky entities a vendor master or a payment
// may carry must be found, on the right entity, at the default threshold.
func TestScreenFindsKasperskyForms(t *testing.T) {
	r := newBuiltinRegistry(t)
	tests := []struct{ name, want string }{
		{"AO Kaspersky Lab", "ao-kaspersky-lab"},
		{"Kaspersky Lab ZAO", "ao-kaspersky-lab"},
		{"ZAO Kaspersky Lab", "ao-kaspersky-lab"},
		{"CJSC Kaspersky Lab", "ao-kaspersky-lab"},
		{"Kaspersky Lab JSC", "ao-kaspersky-lab"},
		{"Kaspersky Laboratory", "ao-kaspersky-lab"},
		{"Kasperskiy Laboratoriya", "ao-kaspersky-lab"},
		{"Kaspresky Lab", "ao-kaspersky-lab"},
		{"KASPERSKY LAB, AO", "ao-kaspersky-lab"},
		{"ЗАО «Лаборатория Касперского»", "ao-kaspersky-lab"},
		{"АО Лаборатория Касперского", "ao-kaspersky-lab"},
		{"Лаборатория Касперского", "ao-kaspersky-lab"},
		{"Aktsionernoye Obshchestvo Laboratoriya Kasperskogo", "ao-kaspersky-lab"},
		{"OOO Kaspersky Group", "ooo-kaspersky-group"},
		{"Kaspersky Group LLC", "ooo-kaspersky-group"},
		{"Kaspersky Group GmbH", "ooo-kaspersky-group"},
		{"Kasperski Group Ltd", "ooo-kaspersky-group"},
		{"ООО Группа Компаний Касперского", "ooo-kaspersky-group"},
		{"Kaspersky Labs Limited", "kaspersky-labs-limited"},
		{"Kasperski Labs Ltd", "kaspersky-labs-limited"},
		{"KASPERSKY LABS LTD.", "kaspersky-labs-limited"},
		{"Kaspersky Lab, Inc.", "kaspersky-lab-inc"},
		{"Kaspersky Lab Incorporated", "kaspersky-lab-inc"},
		{"Kaspersky Labs GmbH", "kaspersky-labs-gmbh"},
		{"Kaspersky Government Security Solutions Inc", "kaspersky-government-security-solutions-inc"},
		{"ТОВ «Лабораторія Касперського – Україна»", "kaspersky-lab-ukraine-llc"},
		{"Kaspersky Lab Ukraine", "kaspersky-lab-ukraine-llc"},
		{"Andrei Tikhonov", "tikhonov-andrei-gennadyevich"},
		{"Daniil Borschev", "borshchev-daniil-sergeyevich"},
		{"Marina Alekseeva", "aleskeeva-marina-mikhaylovna"},
		{"Mikhail Yuryevich Gerber", "gerber-mikhail-yuyevich"},
		{"Denis Zenkin", "zenkin-denis-vladimirovich"},
		// Companies of the group that no list names are reached by the ICTS
		// group rule on Kaspersky Lab, Inc.
		{"Kaspersky Lab Italia S.r.l.", "kaspersky-lab-inc"},
		{"Kaspersky Labs Japan KK", "kaspersky-lab-inc"},
		{"Касперский Казахстан ТОО", "kaspersky-lab-inc"},
		{"KasperskyLab Middle East FZ-LLC", "kaspersky-lab-inc"},
	}
	for _, tt := range tests {
		res, err := r.Screen(context.Background(), match.Query{Name: tt.name})
		if err != nil {
			t.Fatalf("Screen(%q): %v", tt.name, err)
		}
		if res.Status != match.PotentialMatch {
			t.Errorf("Screen(%q) = clear, want a hit on %s", tt.name, tt.want)
			continue
		}
		found := false
		for _, h := range res.Hits {
			if h.Entity.ID == BuiltinListID+":"+tt.want {
				found = true
				if h.Explanation.Summary == "" {
					t.Errorf("Screen(%q): hit on %s has no explanation", tt.name, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("Screen(%q): no hit on %s; top hit %s %.2f", tt.name, tt.want, res.Hits[0].Entity.ID, res.Hits[0].Score)
		}
	}
}

// Names that resemble Kaspersky but are other companies must stay clear.
func TestScreenClearsLookAlikes(t *testing.T) {
	r := newBuiltinRegistry(t)
	for _, name := range []string{
		"Kaspi Bank", "Kaspi.kz JSC", "Kasper Holdings", "Kasper Holdings Ltd", "Casper Sleep Inc.",
		"Lab Ltd", "Sky Labs Limited", "Microsoft Corporation", "Kaspersen Shipping AS",
		"Group LLC", "Laboratory Corporation of America", "Sberbank", "Andrei Ivanov Consulting",
		"Caspian Sea Group", "Kasparov Chess Foundation",
	} {
		res, err := r.Screen(context.Background(), match.Query{Name: name})
		if err != nil {
			t.Fatalf("Screen(%q): %v", name, err)
		}
		if res.Status != match.Clear {
			t.Errorf("Screen(%q) = %s, top hit %s at %.2f (%s)", name, res.Status, res.Hits[0].Entity.ID, res.Hits[0].Score, res.Hits[0].Explanation.Summary)
		}
	}
}

func TestScreenQualifiers(t *testing.T) {
	r := newBuiltinRegistry(t)
	ctx := context.Background()
	// "Kaspersky Labs" is an alias of two listed entities: both come back.
	res, _ := r.Screen(ctx, match.Query{Name: "Kaspersky Labs"})
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.Entity.ID] = true
	}
	if !ids["kaspersky:ao-kaspersky-lab"] || !ids["kaspersky:kaspersky-labs-limited"] {
		t.Errorf("Kaspersky Labs: want both AO Kaspersky Lab and Kaspersky Labs Limited, got %v", ids)
	}
	// A type filter drops the other kinds of party.
	res, _ = r.Screen(ctx, match.Query{Name: "Kaspersky Lab", Type: match.Individual})
	if res.Status != match.Clear {
		t.Errorf("Kaspersky Lab as an individual: want clear, got %d hits", len(res.Hits))
	}
	// A country the listing does not carry lowers the score and says so.
	gb, _ := r.Screen(ctx, match.Query{Name: "Kaspersky Labs Limited", Country: "GB"})
	fr, _ := r.Screen(ctx, match.Query{Name: "Kaspersky Labs Limited", Country: "FR", Threshold: ptr(0.5)})
	if gb.Hits[0].Score <= fr.Hits[0].Score || len(fr.Hits[0].Explanation.Adjustments) == 0 {
		t.Errorf("country qualifier: GB %.3f vs FR %.3f %v", gb.Hits[0].Score, fr.Hits[0].Score, fr.Hits[0].Explanation.Adjustments)
	}
	// Limit and threshold are honoured.
	res, _ = r.Screen(ctx, match.Query{Name: "Kaspersky", Limit: ptr(2), Threshold: ptr(0.5)})
	if len(res.Hits) != 2 {
		t.Errorf("limit 2: got %d hits", len(res.Hits))
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("hits not sorted by score: %v", res.Hits)
		}
	}
}

// A list named twice in one query is screened once: no duplicate hits.
func TestScreenListNamedTwice(t *testing.T) {
	other := filepath.Join(t.TempDir(), "other.csv")
	if err := os.WriteFile(other, []byte(inhouse(2)), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{
		Matching: match.Config{Threshold: 0.85, Limit: 10},
		Lists:    []Config{{ID: "other", Format: "custom_csv", Path: other}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := r.Screen(context.Background(), match.Query{Name: "Kaspersky Labs Limited", Lists: []string{"kaspersky", "other", "kaspersky"}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if seen[h.Entity.ID] {
			t.Errorf("duplicate hit %s when a list is named twice", h.Entity.ID)
		}
		seen[h.Entity.ID] = true
	}
	if len(seen) == 0 {
		t.Error("no hits")
	}
}

func TestScreenRejectsBadQueries(t *testing.T) {
	r := newBuiltinRegistry(t)
	for _, q := range []match.Query{
		{Name: ""}, {Name: "   "}, {Name: "x", Threshold: ptr(1.5)}, {Name: "x", Limit: ptr(0)},
		{Name: "x", Type: "company"}, {Name: "\xff"},
	} {
		if _, err := r.Screen(context.Background(), q); !errors.Is(err, match.ErrInvalidQuery) {
			t.Errorf("Screen(%+v) error = %v, want ErrInvalidQuery", q, err)
		}
	}
	if _, err := r.Screen(context.Background(), match.Query{Name: "x", Lists: []string{"nope"}}); !errors.Is(err, match.ErrUnknownList) {
		t.Errorf("unknown list: error = %v, want ErrUnknownList", err)
	}
}

func TestEntityLookupAndStatus(t *testing.T) {
	r := newBuiltinRegistry(t)
	e, err := r.Entity("kaspersky:kaspersky-labs-limited")
	if err != nil || e.Name != "Kaspersky Labs Limited" {
		t.Fatalf("Entity: %v %v", e, err)
	}
	if _, err := r.Entity("kaspersky:nope"); !errors.Is(err, match.ErrNotFound) {
		t.Errorf("unknown entity: %v", err)
	}
	if err := r.Ready(); err != nil {
		t.Errorf("Ready after load: %v", err)
	}
	st := r.Lists()
	if len(st) != 1 || st[0].ID != BuiltinListID || st[0].Entities == 0 || st[0].LoadedAt == nil || st[0].Version == "" {
		t.Errorf("Lists() = %+v", st)
	}
}

func ptr[T any](v T) *T { return &v }
