package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// testBodyLimit is small enough to test 413 and large enough for a
// 1001-character name.
const testBodyLimit = 8 << 10

// Names the fake screener treats specially.
const (
	panicName  = "Panic Trading Corp"
	brokenName = "Broken Trading Corp"
)

var kasperskyLabs = &match.Entity{
	ID:        "kaspersky:kaspersky-labs-limited",
	List:      "kaspersky",
	Source:    "ICTS Final Determination",
	Type:      match.Organization,
	Name:      "Kaspersky Labs Limited",
	Aliases:   []match.Alias{{Name: "Kaspersky Labs Ltd.", Kind: match.AKA}},
	Countries: []string{"GB"},
	Addresses: []string{"London, United Kingdom"},
	Programs:  []string{"ICTS"},
	LegalBasis: []match.LegalBasis{{
		Authority: "US Department of Commerce, BIS",
		Regime:    "ICTS Final Determination (15 CFR Part 791)",
		Citation:  "89 FR 52434",
	}},
	Relation: "subsidiary of Kaspersky Lab",
}

// fakeScreener validates like the real one, knows only the "kaspersky" list,
// and finds Kaspersky Labs for any name containing "kasper".
type fakeScreener struct {
	mu      sync.Mutex
	queries []match.Query
	ready   error
}

func (f *fakeScreener) Screen(_ context.Context, q match.Query) (match.Result, error) {
	if err := q.Validate(); err != nil {
		return match.Result{}, err
	}
	for _, id := range q.Lists {
		if id != "kaspersky" {
			return match.Result{}, fmt.Errorf("%w: %q is not configured", match.ErrUnknownList, id)
		}
	}
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()

	switch q.Name {
	case panicName:
		panic("fake screener exploded")
	case brokenName:
		return match.Result{}, errors.New("index shard 3 unreachable")
	}
	norm := strings.ToLower(q.Name)
	screened := []match.ListVersion{{ID: "kaspersky", Version: "sha256:0123abcd"}} // as Lists reports it
	if !strings.Contains(norm, "kasper") {
		return match.Result{Normalized: norm, Status: match.Clear, Lists: screened}, nil
	}
	hit := match.Hit{
		Entity:      kasperskyLabs,
		MatchedName: "Kaspersky Labs Ltd.",
		Score:       0.934567,
		Explanation: match.Explanation{Rule: "name", Summary: "2 of 2 distinctive words match"},
	}
	if strings.Contains(norm, "weak") {
		hit.Weak = true
		hit.Entity = &match.Entity{ID: "kaspersky:bare", List: "kaspersky", Name: "Bare Entry"}
	}
	return match.Result{Normalized: norm, Status: match.PotentialMatch, Hits: []match.Hit{hit}, Lists: screened}, nil
}

// ScreenBatch screens one item after the other through Screen.
func (f *fakeScreener) ScreenBatch(ctx context.Context, qs []match.Query, opts lists.BatchOptions) []lists.BatchResult {
	out := make([]lists.BatchResult, len(qs))
	for i, q := range qs {
		if err := ctx.Err(); err != nil {
			out[i].Err = err
			continue
		}
		out[i].Result, out[i].Err = f.Screen(ctx, q)
		if opts.Progress != nil {
			opts.Progress(i+1, len(qs))
		}
	}
	return out
}

func (f *fakeScreener) Entity(id string) (*match.Entity, error) {
	if id == kasperskyLabs.ID {
		return kasperskyLabs, nil
	}
	return nil, fmt.Errorf("entity %q: %w", id, match.ErrNotFound)
}

var loadedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func (f *fakeScreener) Lists() []lists.Status {
	return []lists.Status{
		{ID: "kaspersky", Format: "builtin", Source: "built-in", Entities: 2, Names: 5,
			LoadedAt: &loadedAt, Version: "sha256:0123abcd"},
		{ID: "ofac_sdn", Format: "ofac_csv", Source: "/data/ofac/sdn.csv",
			LastError: "open /data/ofac/sdn.csv: no such file or directory"},
	}
}

func (f *fakeScreener) Ready() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ready
}

func (f *fakeScreener) Refresh(ctx context.Context, id string) (lists.RefreshResult, error) {
	if err := ctx.Err(); err != nil {
		return lists.RefreshResult{}, err // a caller that stopped waiting, as the registry says it
	}
	if id != "kaspersky" {
		return lists.RefreshResult{}, fmt.Errorf("%w: %q", match.ErrUnknownList, id)
	}
	return lists.RefreshResult{List: id, Outcome: lists.OutcomeUnchanged, Entities: 2, Version: "sha256:0123abcd", Took: "1ms"}, nil
}

func (f *fakeScreener) lastQuery(t *testing.T) match.Query {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		t.Fatal("screener was never called")
	}
	return f.queries[len(f.queries)-1]
}

// testAPI is the production handler with a fake screener, a fresh registry
// and an observed logger.
type testAPI struct {
	h    http.Handler
	fake *fakeScreener
	logs *observer.ObservedLogs
}

func newTestAPI(t *testing.T) *testAPI {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	fake := &fakeScreener{}
	h, err := New(zap.New(core), prometheus.NewRegistry(), fake, Options{BodyLimit: testBodyLimit, Version: "test"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &testAPI{h: h, fake: fake, logs: logs}
}

// do sends one request; header pairs follow the body.
func (a *testAPI) do(t *testing.T, method, path, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return a.serve(req)
}

func (a *testAPI) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, req)
	return rec
}

// screenOK checks the service still answers a valid screening.
func (a *testAPI) screenOK(t *testing.T) {
	t.Helper()
	rec := a.do(t, http.MethodPost, "/v1/screen", `{"name":"Kaspersky Labs Ltd"}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("follow-up screening: status %d, body %s", rec.Code, rec.Body)
	}
}

// wantError checks status, content type and the JSON error shape, and
// returns the message.
func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) string {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body map[string]map[string]any
	dec := json.NewDecoder(rec.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("error body is not JSON: %v", err)
	}
	if len(body) != 1 || body["error"] == nil {
		t.Fatalf("error body = %v, want exactly {\"error\": {...}}", body)
	}
	e := body["error"]
	if len(e) != 2 {
		t.Errorf("error object has keys %v, want code and message", e)
	}
	if e["code"] != code {
		t.Errorf("error code = %v, want %q", e["code"], code)
	}
	msg, _ := e["message"].(string)
	if msg == "" {
		t.Error("error message is empty")
	}
	return msg
}

func TestNewRejectsBadArguments(t *testing.T) {
	log := zap.NewNop()
	fake := &fakeScreener{}
	tests := []struct {
		name string
		run  func() (http.Handler, error)
	}{
		{"nil logger", func() (http.Handler, error) { return New(nil, prometheus.NewRegistry(), fake, Options{}) }},
		{"nil registerer", func() (http.Handler, error) { return New(log, nil, fake, Options{}) }},
		{"nil screener", func() (http.Handler, error) { return New(log, prometheus.NewRegistry(), nil, Options{}) }},
		{"negative body limit", func() (http.Handler, error) {
			return New(log, prometheus.NewRegistry(), fake, Options{BodyLimit: -1})
		}},
		{"registerer without gatherer", func() (http.Handler, error) {
			reg := prometheus.WrapRegistererWith(prometheus.Labels{"x": "y"}, prometheus.NewRegistry())
			return New(log, reg, fake, Options{})
		}},
		{"metrics registered twice", func() (http.Handler, error) {
			reg := prometheus.NewRegistry()
			if _, err := New(log, reg, fake, Options{}); err != nil {
				return nil, fmt.Errorf("first New failed: %w", err)
			}
			return New(log, reg, fake, Options{})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if h, err := tt.run(); err == nil || h != nil {
				t.Fatalf("New = %v, %v; want nil handler and an error", h, err)
			}
		})
	}
}

func TestNewUsesExplicitGatherer(t *testing.T) {
	reg := prometheus.NewRegistry()
	wrapped := prometheus.WrapRegistererWith(prometheus.Labels{"instance": "a"}, reg)
	h, err := New(zap.NewNop(), wrapped, &fakeScreener{}, Options{Gatherer: reg})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `rpscreen_build_info{goversion=`) {
		t.Fatalf("GET /metrics = %d:\n%s", rec.Code, rec.Body)
	}
}
