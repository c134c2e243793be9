package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// benchScreener answers every name with the same hit, without remembering
// queries, so that the benchmark measures the HTTP path alone.
type benchScreener struct{ fakeScreener }

func (b *benchScreener) Screen(_ context.Context, q match.Query) (match.Result, error) {
	if err := q.Validate(); err != nil {
		return match.Result{}, err
	}
	hit := match.Hit{
		Entity: kasperskyLabs, MatchedName: "Kaspersky Labs Ltd.", Score: 0.934567,
		Explanation: match.Explanation{Rule: "name", Summary: `93% match with listed name "Kaspersky Labs Ltd.": "kaspersky"="kaspersky", "labs"="labs"`,
			Words: []match.WordMatch{{Query: "kaspersky", Listed: "kaspersky", Similarity: 1, Weight: 2, How: "exact"}, {Query: "labs", Listed: "labs", Similarity: 1, Weight: 0.3, How: "exact"}}},
	}
	return match.Result{Normalized: strings.ToLower(q.Name), Status: match.PotentialMatch, Hits: []match.Hit{hit}}, nil
}

// BenchmarkScreenRoute is POST /v1/screen through every middleware, with a
// screener that costs nothing: what the service adds to each screening.
func BenchmarkScreenRoute(b *testing.B) {
	h, err := New(zap.NewNop(), prometheus.NewRegistry(), &benchScreener{}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/screen", strings.NewReader(`{"name":"Kaspersky Labs Ltd","country":"gb"}`))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
