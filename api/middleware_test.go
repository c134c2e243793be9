package api

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest/observer"
)

func TestRequestID(t *testing.T) {
	a := newTestAPI(t)
	generated := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name     string
		incoming string
		want     string // empty: a generated id
	}{
		{"honoured", "erp-7f3a/batch 12", "erp-7f3a/batch 12"},
		{"128 characters honoured", strings.Repeat("x", 128), strings.Repeat("x", 128)},
		{"absent", "", ""},
		{"too long", strings.Repeat("x", 129), ""},
		{"control character", "abc\x01def", ""},
		{"non-ASCII", "café", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr []string
			if tt.incoming != "" {
				hdr = []string{"X-Request-ID", tt.incoming}
			}
			rec := a.do(t, http.MethodGet, "/healthz", "", hdr...)
			got := rec.Header().Get("X-Request-ID")
			switch {
			case tt.want != "" && got != tt.want:
				t.Errorf("X-Request-ID = %q, want %q", got, tt.want)
			case tt.want == "" && !generated.MatchString(got):
				t.Errorf("X-Request-ID = %q, want 32 generated hex digits", got)
			}
		})
	}
	t.Run("generated ids differ", func(t *testing.T) {
		one := a.do(t, http.MethodGet, "/healthz", "").Header().Get("X-Request-ID")
		two := a.do(t, http.MethodGet, "/healthz", "").Header().Get("X-Request-ID")
		if one == two {
			t.Errorf("two requests got the same id %q", one)
		}
	})
}

func TestPanicBecomes500AndServiceRecovers(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodPost, "/v1/screen", `{"name": "`+panicName+`"}`, "X-Request-ID", "req-panic-1")
	msg := wantError(t, rec, http.StatusInternalServerError, "internal")
	if strings.Contains(msg, "exploded") {
		t.Errorf("panic value leaked to the client: %q", msg)
	}
	panics := a.logs.FilterMessage("panic").All()
	if len(panics) != 1 {
		t.Fatalf("%d panic log entries, want 1", len(panics))
	}
	f := panics[0].ContextMap()
	if f["request_id"] != "req-panic-1" || !strings.Contains(f["stack"].(string), "fakeScreener") {
		t.Errorf("panic log fields = %v", f)
	}
	a.screenOK(t)
}

func TestUnknownErrorIs500LoggedOnce(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodPost, "/v1/screen", `{"name": "`+brokenName+`"}`, "X-Request-ID", "req-broken-1")
	msg := wantError(t, rec, http.StatusInternalServerError, "internal")
	if strings.Contains(msg, "shard") {
		t.Errorf("internal error leaked to the client: %q", msg)
	}
	logged := a.logs.FilterMessage("internal error").All()
	if len(logged) != 1 || logged[0].ContextMap()["request_id"] != "req-broken-1" {
		t.Fatalf("internal error log entries = %v, want one with the request id", logged)
	}
	a.screenOK(t)
}

func TestUnknownRouteAndMethod(t *testing.T) {
	a := newTestAPI(t)
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{http.MethodGet, "/nope", 404, "not_found", ""},
		{http.MethodGet, "/v1/lists/", 404, "not_found", ""},
		{http.MethodPost, "/v2/screen", 404, "not_found", ""},
		{http.MethodGet, "/v1/screen", 405, "method_not_allowed", "POST"},
		{http.MethodDelete, "/v1/lists", 405, "method_not_allowed", "GET"},
		{"BREW", "/v1/screen", 405, "method_not_allowed", "POST"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := a.do(t, tt.method, tt.path, "")
			wantError(t, rec, tt.status, tt.code)
			if got := rec.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			a.screenOK(t)
		})
	}
}

func TestAccessLog(t *testing.T) {
	a := newTestAPI(t)
	const secret = "Zzyzx Unique Corp"
	requests := []struct {
		method, path, body, route string
		hits                      bool
	}{
		{http.MethodPost, "/v1/screen", `{"name": "` + secret + `"}`, "/v1/screen", true},
		{http.MethodPost, "/v1/screen", `{"name": "` + secret + ` Kaspersky"}`, "/v1/screen", true},
		{http.MethodPost, "/v1/screen", `{"name": "` + secret + `", "limit": 0}`, "/v1/screen", false},
		{http.MethodGet, "/v1/lists?name=Zzyzx+Unique+Corp", "", "/v1/lists", false},
		{http.MethodGet, "/v1/entities/kaspersky:kaspersky-labs-limited", "", "/v1/entities/:id", false},
		{http.MethodGet, "/Zzyzx-Unique-Corp", "", "unmatched", false},
	}
	for _, r := range requests {
		a.do(t, r.method, r.path, r.body)
	}

	entries := a.logs.FilterMessage("request").All()
	if len(entries) != len(requests) || a.logs.Len() != len(requests) {
		t.Fatalf("%d request lines of %d log entries, want %d and nothing else", len(entries), a.logs.Len(), len(requests))
	}
	for i, e := range entries {
		f := e.ContextMap()
		for _, k := range []string{"request_id", "method", "route", "status", "duration", "bytes"} {
			if _, ok := f[k]; !ok {
				t.Errorf("line %d lacks %s: %v", i, k, f)
			}
		}
		if f["route"] != requests[i].route {
			t.Errorf("line %d route = %v, want %s", i, f["route"], requests[i].route)
		}
		if _, ok := f["hits"]; ok != requests[i].hits {
			t.Errorf("line %d hits present = %v, want %v", i, ok, requests[i].hits)
		}
	}
	if f := entries[1].ContextMap(); f["hits"] != int64(1) || f["status"] != int64(200) || f["bytes"].(int64) <= 0 {
		t.Errorf("screening line = %v, want hits 1, status 200, bytes > 0", f)
	}
	assertNoLogMentions(t, a.logs, "zzyzx")
}

func assertNoLogMentions(t *testing.T, logs *observer.ObservedLogs, word string) {
	t.Helper()
	for _, e := range logs.All() {
		line := strings.ToLower(e.Message)
		for k, v := range e.ContextMap() {
			line += " " + k + "=" + strings.ToLower(toString(v))
		}
		if strings.Contains(line, word) {
			t.Errorf("log line mentions %q: %s", word, line)
		}
	}
}

func toString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case error:
		return v.Error()
	case []byte:
		return string(v)
	}
	return ""
}

func TestListsEntitiesAndProbes(t *testing.T) {
	a := newTestAPI(t)
	tests := []struct {
		name, path string
		ready      error
		status     int
		code       string   // the error code, for a 4xx or 5xx
		want       []string // fragments of the body
	}{
		{"lists", "/v1/lists", nil, 200, "", []string{`{"lists":[{"id":"kaspersky","format":"builtin","source":"built-in",` +
			`"entities":2,"names":5,"loaded_at":"2026-01-02T03:04:05Z","version":"sha256:0123abcd","last_error":""},` +
			`{"id":"ofac_sdn"`, `"loaded_at":null`}},
		{"entity", "/v1/entities/kaspersky:kaspersky-labs-limited", nil, 200, "", []string{
			`"id":"kaspersky:kaspersky-labs-limited"`, `"aliases":[{"name":"Kaspersky Labs Ltd.","kind":"aka"}]`, `"legal_basis":[`}},
		{"entity escaped", "/v1/entities/kaspersky%3Akaspersky-labs-limited", nil, 200, "", []string{`"name":"Kaspersky Labs Limited"`}},
		{"unknown entity", "/v1/entities/kaspersky:nobody", nil, 404, "not_found", []string{`kaspersky:nobody`}},
		{"healthz", "/healthz", errors.New("lists not loaded: ofac_sdn"), 200, "", []string{`{"status":"ok"}`}},
		{"readyz ready", "/readyz", nil, 200, "", []string{`{"status":"ready"}`}},
		{"readyz not ready", "/readyz", errors.New("lists not loaded: ofac_sdn"), 503, "not_ready", []string{`ofac_sdn`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.fake.mu.Lock()
			a.fake.ready = tt.ready
			a.fake.mu.Unlock()
			rec := a.do(t, http.MethodGet, tt.path, "")
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.code != "" {
				wantError(t, a.do(t, http.MethodGet, tt.path, ""), tt.status, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("body lacks %s:\n%s", w, rec.Body)
				}
			}
		})
	}
}
