package api

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	a := newTestAPI(t)
	a.do(t, http.MethodPost, "/v1/screen", `{"name": "Zzyzx Unique Corp"}`, "X-Request-ID", "req-metrics-42")
	a.do(t, http.MethodPost, "/v1/screen", `{"name": "Zzyzx Unique Corp Kaspersky"}`)
	a.do(t, http.MethodPost, "/v1/screen", `{"name": "Zzyzx Unique Corp", "limit": 0}`)
	a.do(t, http.MethodGet, "/v1/entities/kaspersky:kaspersky-labs-limited", "")
	a.do(t, http.MethodGet, "/v1/entities/kaspersky:nobody", "")
	a.do(t, http.MethodGet, "/Zzyzx-Unique-Corp", "")
	a.do(t, "BREW", "/v1/lists", "")

	rec := a.do(t, http.MethodGet, "/metrics", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		// every contract metric this package owns
		"# TYPE rpscreen_http_requests_total counter",
		"# TYPE rpscreen_http_request_duration_seconds histogram",
		"# TYPE rpscreen_screenings_total counter",
		"# TYPE rpscreen_screening_duration_seconds histogram",
		"# TYPE rpscreen_build_info gauge",
		// values and labels
		`rpscreen_build_info{goversion="` + runtime.Version() + `",version="test"} 1`,
		`rpscreen_screenings_total{status="clear"} 1`,
		`rpscreen_screenings_total{status="potential_match"} 1`,
		`rpscreen_screening_duration_seconds_count 2`,
		`rpscreen_screening_duration_seconds_bucket{le="0.0001"}`,
		`rpscreen_http_requests_total{code="200",method="POST",route="/v1/screen"} 2`,
		`rpscreen_http_requests_total{code="400",method="POST",route="/v1/screen"} 1`,
		`rpscreen_http_requests_total{code="200",method="GET",route="/v1/entities/:id"} 1`,
		`rpscreen_http_requests_total{code="404",method="GET",route="/v1/entities/:id"} 1`,
		`rpscreen_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`rpscreen_http_requests_total{code="405",method="other",route="unmatched"} 1`,
		`rpscreen_http_request_duration_seconds_count{method="GET",route="/v1/entities/:id"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, leak := range []string{"zzyzx", "kaspersky-labs-limited", "nobody", "req-metrics-42", "brew"} {
		if strings.Contains(strings.ToLower(body), leak) {
			t.Errorf("/metrics mentions %q", leak)
		}
	}
}
