package lists

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// batchQueries is a vendor file in miniature: every 7th name is listed,
// every 11th is empty, the rest are clear.
func batchQueries(n int) []match.Query {
	qs := make([]match.Query, n)
	for i := range qs {
		switch {
		case i%11 == 10:
			qs[i] = match.Query{Name: ""}
		case i%7 == 0:
			qs[i] = match.Query{Name: "Kaspersky Lab"}
		default:
			qs[i] = match.Query{Name: fmt.Sprintf("Northwind Traders %d GmbH", i)}
		}
	}
	return qs
}

func TestScreenBatchKeepsOrderAndItemErrors(t *testing.T) {
	r := newBuiltinRegistry(t)
	qs := batchQueries(500)
	for _, workers := range []int{0, 1, 3, 64} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			got := r.ScreenBatch(context.Background(), qs, BatchOptions{Workers: workers})
			if len(got) != len(qs) {
				t.Fatalf("%d results for %d queries", len(got), len(qs))
			}
			for i, br := range got {
				switch {
				case i%11 == 10:
					if !errors.Is(br.Err, match.ErrInvalidQuery) {
						t.Errorf("item %d (empty name): err %v, want ErrInvalidQuery", i, br.Err)
					}
				case i%7 == 0:
					if br.Err != nil || br.Result.Status != match.PotentialMatch || br.Result.Hits[0].Entity.ID != "kaspersky:ao-kaspersky-lab" {
						t.Errorf("item %d (Kaspersky Lab): %+v, err %v", i, br.Result, br.Err)
					}
				default:
					if br.Err != nil || br.Result.Status != match.Clear {
						t.Errorf("item %d (%s): status %s, err %v, want clear", i, qs[i].Name, br.Result.Status, br.Err)
					}
				}
			}
		})
	}
}

// The batch answers what Screen answers, item by item.
func TestScreenBatchAgreesWithScreen(t *testing.T) {
	r := newBuiltinRegistry(t)
	qs := []match.Query{
		{Name: "Kasperski Labs Ltd"},
		{Name: "Kaspersky Lab", Type: match.Individual},
		{Name: "Kaspi Bank"},
		{Name: "Kaspersky Lab", Lists: []string{"nope"}},
	}
	got := r.ScreenBatch(context.Background(), qs, BatchOptions{})
	for i, q := range qs {
		want, wantErr := r.Screen(context.Background(), q)
		if (wantErr == nil) != (got[i].Err == nil) || (wantErr != nil && wantErr.Error() != got[i].Err.Error()) {
			t.Errorf("item %d: err %v, Screen says %v", i, got[i].Err, wantErr)
		}
		if got[i].Result.Status != want.Status || len(got[i].Result.Hits) != len(want.Hits) {
			t.Errorf("item %d: %s with %d hits, Screen says %s with %d", i,
				got[i].Result.Status, len(got[i].Result.Hits), want.Status, len(want.Hits))
		}
	}
	if !errors.Is(got[3].Err, match.ErrUnknownList) {
		t.Errorf("unknown list: err %v", got[3].Err)
	}
}

func TestScreenBatchProgress(t *testing.T) {
	r := newBuiltinRegistry(t)
	qs := batchQueries(300)
	var mu sync.Mutex
	var seen []int
	r.ScreenBatch(context.Background(), qs, BatchOptions{Workers: 4, Progress: func(done, total int) {
		if total != len(qs) {
			t.Errorf("total %d, want %d", total, len(qs))
		}
		mu.Lock()
		seen = append(seen, done)
		mu.Unlock()
	}})
	if len(seen) != len(qs) {
		t.Fatalf("%d progress calls, want %d", len(seen), len(qs))
	}
	for i, d := range seen {
		if d != i+1 {
			t.Fatalf("progress call %d said done=%d: calls must count up by one", i, d)
		}
	}
}

func TestScreenBatchCancelled(t *testing.T) {
	r := newBuiltinRegistry(t)
	qs := batchQueries(1000)
	ctx, cancel := context.WithCancel(context.Background())
	got := r.ScreenBatch(ctx, qs, BatchOptions{Workers: 2, Progress: func(done, _ int) {
		if done == 100 {
			cancel()
		}
	}})
	defer cancel()
	if len(got) != len(qs) {
		t.Fatalf("%d results for %d queries", len(got), len(qs))
	}
	cancelled := 0
	for _, br := range got {
		if errors.Is(br.Err, context.Canceled) {
			cancelled++
		}
	}
	// The two workers may each finish the item they had started.
	if cancelled < len(qs)-100-2 {
		t.Errorf("%d items cancelled, want at least %d", cancelled, len(qs)-102)
	}
	// The 100 items done before the cancel are screened, though not
	// necessarily the first 100: two workers finish out of order.
	if screened := len(qs) - cancelled; screened < 100 {
		t.Errorf("%d items screened, want at least the 100 done before the cancel", screened)
	}
}

func TestScreenBatchAlreadyCancelled(t *testing.T) {
	r := newBuiltinRegistry(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, br := range r.ScreenBatch(ctx, batchQueries(20), BatchOptions{}) {
		if !errors.Is(br.Err, context.Canceled) {
			t.Errorf("item %d: err %v, want context.Canceled", i, br.Err)
		}
	}
}

func TestScreenBatchEmpty(t *testing.T) {
	r := newBuiltinRegistry(t)
	if got := r.ScreenBatch(context.Background(), nil, BatchOptions{}); len(got) != 0 {
		t.Errorf("%d results for no queries", len(got))
	}
}

func BenchmarkScreenBatch1000(b *testing.B) {
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{Matching: match.Config{Threshold: 0.85, Limit: 10}})
	if err != nil {
		b.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		b.Fatal(err)
	}
	qs := batchQueries(1000)
	b.ReportAllocs()
	for b.Loop() {
		r.ScreenBatch(context.Background(), qs, BatchOptions{})
	}
}
