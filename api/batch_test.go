package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// Batch limits in tests: the batch body limit is above the global one.
const (
	testBatchMaxItems  = 2500
	testBatchBodyLimit = 256 << 10
)

// newBatchAPI is the production handler over s with the test limits.
func newBatchAPI(t *testing.T, s Screener) *testAPI {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	h, err := New(zap.New(core), prometheus.NewRegistry(), s, Options{
		BodyLimit: testBodyLimit, BatchMaxItems: testBatchMaxItems, BatchBodyLimit: testBatchBodyLimit, Version: "test",
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	fake, _ := s.(*fakeScreener)
	return &testAPI{h: h, fake: fake, logs: logs}
}

// builtinRegistry is the real registry with only the built-in Kaspersky list.
func builtinRegistry(t *testing.T) *lists.Registry {
	t.Helper()
	r, err := lists.NewRegistry(zap.NewNop(), prometheus.NewRegistry(),
		lists.Settings{Matching: match.Config{Threshold: 0.85, Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

// clearNames are look-alikes and ordinary vendors no list names.
var clearNames = []string{"Microsoft Corporation", "Kaspi Bank", "Casper Sleep Inc.", "Sky Labs Limited",
	"Siemens AG", "Northwind Traders GmbH", "Lab Ltd"}

// vendorBatch is n items: every 7th "Kaspersky Lab", every 13th an empty
// name (unless it is a 7th), the rest clear; the expected status of each.
func vendorBatch(n int) (items []BatchItem, want []match.Status) {
	for i := range n {
		it := BatchItem{ID: fmt.Sprintf("vendor-%d", i)}
		switch {
		case i%7 == 0:
			it.Name = "Kaspersky Lab"
			want = append(want, match.PotentialMatch)
		case i%13 == 0:
			want = append(want, StatusError)
		default:
			it.Name = clearNames[i%len(clearNames)]
			want = append(want, match.Clear)
		}
		items = append(items, it)
	}
	return items, want
}

func TestBatchJSONRealRegistry(t *testing.T) {
	a := newBatchAPI(t, builtinRegistry(t))
	items, want := vendorBatch(2000)
	body, _ := json.Marshal(BatchRequest{Items: items})
	rec := a.do(t, http.MethodPost, "/v1/screen/batch", string(body), "X-Request-ID", "req-batch-1")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %.500s", rec.Code, rec.Body)
	}
	var got BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.RequestID != "req-batch-1" || got.ScreenedAt == "" || len(got.Lists) != 1 || got.Lists[0].ID != "kaspersky" {
		t.Errorf("request_id %q, screened_at %q, lists %+v", got.RequestID, got.ScreenedAt, got.Lists)
	}
	if len(got.Results) != len(items) {
		t.Fatalf("%d results for %d items", len(got.Results), len(items))
	}
	var summary BatchSummary
	for i, r := range got.Results {
		summary.Add(r)
		if r.ID != items[i].ID || r.Status != want[i] {
			t.Fatalf("result %d: id %q status %q, want %q %q", i, r.ID, r.Status, items[i].ID, want[i])
		}
		if r.Hits == nil || (r.Status == match.PotentialMatch) != (len(r.Hits) > 0) {
			t.Errorf("result %d: status %s with hits %v", i, r.Status, r.Hits)
		}
		if (r.Status == StatusError) != (r.Error != nil) {
			t.Errorf("result %d: status %s with error %+v", i, r.Status, r.Error)
		}
		if r.Error != nil && (r.Error.Code != codeInvalidRequest || !strings.Contains(r.Error.Message, "name is required")) {
			t.Errorf("result %d: error %+v", i, r.Error)
		}
	}
	if got.Summary != summary || summary.Items != 2000 || summary.PotentialMatch != 286 || summary.Errors == 0 {
		t.Errorf("summary %+v, counted %+v", got.Summary, summary)
	}

	// A batch item's hits are rendered exactly as /v1/screen renders them.
	one := a.do(t, http.MethodPost, "/v1/screen", `{"name": "Kaspersky Lab"}`)
	var single struct{ Hits []Hit }
	if err := json.Unmarshal(one.Body.Bytes(), &single); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(single.Hits, got.Results[0].Hits) {
		t.Errorf("batch hits differ from /v1/screen:\n%+v\n%+v", got.Results[0].Hits, single.Hits)
	}

	// Metrics count each item screened (errors are not screenings, as in
	// /v1/screen); the access log counts but never names.
	metrics := a.do(t, http.MethodGet, "/metrics", "").Body.String()
	for _, w := range []string{
		fmt.Sprintf(`rpscreen_screenings_total{status="potential_match"} %d`, summary.PotentialMatch+1),
		fmt.Sprintf(`rpscreen_screenings_total{status="clear"} %d`, summary.Clear),
		fmt.Sprintf(`rpscreen_screening_duration_seconds_count %d`, summary.PotentialMatch+summary.Clear+1),
		`rpscreen_http_requests_total{code="200",method="POST",route="/v1/screen/batch"} 1`,
	} {
		if !strings.Contains(metrics, w) {
			t.Errorf("/metrics lacks %s", w)
		}
	}
	entries := a.logs.FilterMessage("request").FilterField(zap.String("request_id", "req-batch-1")).All()
	if len(entries) != 1 {
		t.Fatalf("%d access log lines for the batch", len(entries))
	}
	f := entries[0].ContextMap()
	if f["items"] != int64(2000) || f["hits"] == nil || f["route"] != "/v1/screen/batch" {
		t.Errorf("access log fields %v", f)
	}
	for _, e := range a.logs.All() {
		if s := fmt.Sprint(e.Message, e.ContextMap()); strings.Contains(s, "Kaspersky Lab") || strings.Contains(s, "Siemens") {
			t.Errorf("log line names a screened party: %s", s)
		}
	}
}

func TestBatchSettingsReachEveryItem(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	rec := a.do(t, http.MethodPost, "/v1/screen/batch", `{"items": [{"id": "1", "name": "Kasperski", "country": "gb", "type": "Organization"},
		{"name": "Acme"}], "threshold": 0.7, "limit": 3, "lists": ["kaspersky"]}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	a.fake.mu.Lock()
	defer a.fake.mu.Unlock()
	if len(a.fake.queries) != 2 {
		t.Fatalf("%d queries", len(a.fake.queries))
	}
	q := a.fake.queries[0]
	if q.Country != "GB" || q.Type != match.Organization || *q.Threshold != 0.7 || *q.Limit != 3 || q.Lists[0] != "kaspersky" {
		t.Errorf("screener got %+v", q)
	}
	if q := a.fake.queries[1]; *q.Limit != 3 || q.Country != "" {
		t.Errorf("second item: %+v", q)
	}
}

func TestBatchItemItsOwnInternalError(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	rec := a.do(t, http.MethodPost, "/v1/screen/batch",
		`{"items": [{"id": "a", "name": "`+brokenName+`"}, {"id": "b", "name": "Kaspersky"}]}`, "X-Request-ID", "req-broken-batch")
	var got BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("status %d, %v: %s", rec.Code, err, rec.Body)
	}
	if e := got.Results[0].Error; got.Results[0].Status != StatusError || e == nil || e.Code != codeInternal || strings.Contains(e.Message, "shard") {
		t.Errorf("broken item: %+v", got.Results[0])
	}
	if got.Results[1].Status != match.PotentialMatch || got.Summary != (BatchSummary{Items: 2, PotentialMatch: 1, Errors: 1}) {
		t.Errorf("other item %+v, summary %+v", got.Results[1], got.Summary)
	}
	logged := a.logs.FilterMessage("internal error").All()
	if len(logged) != 1 || logged[0].ContextMap()["request_id"] != "req-broken-batch" {
		t.Errorf("internal error log entries = %v, want one with the request id", logged)
	}
}

func TestBatchRejectsBadRequests(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	many := `{"items": [` + strings.Repeat(`{"name": "a"},`, testBatchMaxItems) + `{"name": "a"}]}`
	tests := []struct {
		name, body, query string
		status            int
		want              []string
	}{
		{"bad JSON", `{"items": [}`, "", 400, []string{"not valid JSON", "line 1"}},
		{"empty body", ``, "", 400, []string{"empty"}},
		{"not an object", `[{"name": "Acme"}]`, "", 400, []string{"JSON object"}},
		{"no items field", `{"threshold": 0.9}`, "", 400, []string{"no items"}},
		{"no items", `{"items": []}`, "", 400, []string{"no items"}},
		{"items not an array", `{"items": {"name": "Acme"}}`, "", 400, []string{`"items"`, "array of objects"}},
		{"unknown field", `{"items": [{"name": "Acme"}], "treshold": 0.9}`, "", 400, []string{`"treshold"`, "items, threshold, limit, lists"}},
		{"item not an object", `{"items": [{"name": "Acme"}, "Acme"]}`, "", 400, []string{"items[1]", "JSON object"}},
		{"item with an unknown field", `{"items": [{"name": "Acme"}, {"nmae": "Acme"}]}`, "", 400, []string{"items[1]", `"nmae"`, "id, name, country, type"}},
		{"item name not a string", `{"items": [{"name": 42}]}`, "", 400, []string{"items[0]", `"name"`, "string", "number"}},
		{"item id a number", `{"items": [{"id": 17, "name": "Acme"}]}`, "", 400, []string{"items[0]", `"id"`, "string"}},
		{"threshold above 1", `{"items": [{"name": "Acme"}], "threshold": 1.5}`, "", 400, []string{"threshold", "between 0 and 1"}},
		{"limit 0", `{"items": [{"name": "Acme"}], "limit": 0}`, "", 400, []string{"limit", "between 1 and 100"}},
		{"limit 101", `{"items": [{"name": "Acme"}], "limit": 101}`, "", 400, []string{"limit", "between 1 and 100"}},
		{"unknown list", `{"items": [{"name": "Acme"}], "lists": ["kaspersky", "nope_list"]}`, "", 400, []string{"unknown list", "nope_list", "kaspersky"}},
		{"query parameters with JSON", `{"items": [{"name": "Acme"}]}`, "?threshold=0.9", 400, []string{"query parameters", "CSV"}},
		{"too many items", many, "", 413, []string{"2501 items", "limit is 2500", "batch_max_items"}},
		{"body over the batch limit", `{"items": [{"name": "` + strings.Repeat("a", testBatchBodyLimit) + `"}]}`, "", 413, []string{"larger than", fmt.Sprint(testBatchBodyLimit)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.do(t, http.MethodPost, "/v1/screen/batch"+tt.query, tt.body)
			code := codeInvalidRequest
			if tt.status == 413 {
				code = codePayloadTooLarge
			}
			msg := wantError(t, rec, tt.status, code)
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
					t.Errorf("message %q does not mention %q", msg, w)
				}
			}
		})
	}
}

// The batch route has its own, larger body limit; /v1/screen keeps its own.
func TestBatchBodyLimitIsPerRoute(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	items := make([]BatchItem, 1000)
	for i := range items {
		items[i] = BatchItem{ID: fmt.Sprint(i), Name: "Acme Trading Corporation"}
	}
	body, _ := json.Marshal(BatchRequest{Items: items})
	if len(body) <= testBodyLimit {
		t.Fatalf("body of %d bytes does not exceed the global limit", len(body))
	}
	if rec := a.do(t, http.MethodPost, "/v1/screen/batch", string(body)); rec.Code != http.StatusOK {
		t.Errorf("batch of %d bytes: status %d: %.300s", len(body), rec.Code, rec.Body)
	}
	single := `{"name": "` + strings.Repeat("a", testBodyLimit) + `"}`
	wantError(t, a.do(t, http.MethodPost, "/v1/screen", single), http.StatusRequestEntityTooLarge, codePayloadTooLarge)

	// A chunked batch body has no Content-Length: the limit bites on read.
	big := `{"items": [{"name": "` + strings.Repeat("a", 2*testBatchBodyLimit) + `"}]}`
	req := httptest.NewRequest(http.MethodPost, "/v1/screen/batch", strings.NewReader(big))
	req.ContentLength = -1
	msg := wantError(t, a.serve(req), http.StatusRequestEntityTooLarge, codePayloadTooLarge)
	if !strings.Contains(msg, fmt.Sprint(testBatchBodyLimit)) {
		t.Errorf("message %q does not give the batch limit", msg)
	}
}

func TestBatchRouteMethods(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	wantError(t, a.do(t, http.MethodGet, "/v1/screen/batch", ""), http.StatusMethodNotAllowed, codeMethodNotAllowed)
}
