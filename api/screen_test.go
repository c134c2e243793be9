package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rpscreen/rpscreen/match"
	"go.uber.org/zap"
)

func TestScreenRejectsBadRequests(t *testing.T) {
	a := newTestAPI(t)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		// the message must name the problem: every fragment, case-insensitive
		want []string
	}{
		{"bad JSON", `{"name": "Acme",}`, 400, "invalid_request", []string{"not valid JSON", "line 1, column 17"}},
		{"bad JSON on a later line", "{\n\"name\": \"Acme\"\n\"limit\": 3}", 400, "invalid_request", []string{"not valid JSON", "line 3"}},
		{"truncated JSON", `{"name": "Acme"`, 400, "invalid_request", []string{"not valid JSON", "ends"}},
		{"empty body", ``, 400, "invalid_request", []string{"empty"}},
		{"body is an array", `["Acme"]`, 400, "invalid_request", []string{"JSON object"}},
		{"body is a string", `"Acme"`, 400, "invalid_request", []string{"JSON object"}},
		{"body is null", `null`, 400, "invalid_request", []string{"JSON object"}},
		{"trailing data", `{"name": "Acme"} {"name": "Other"}`, 400, "invalid_request", []string{"after the JSON object", "offset 17"}},
		{"trailing garbage", `{"name": "Acme"}x`, 400, "invalid_request", []string{"after the JSON object"}},
		{"unknown field", `{"name": "Acme", "nmae": "Acme"}`, 400, "invalid_request", []string{"unknown field", `"nmae"`, "name, type, country, lists, threshold, limit"}},
		{"missing name", `{"country": "GB"}`, 400, "invalid_request", []string{"name is required"}},
		{"empty name", `{"name": ""}`, 400, "invalid_request", []string{"name is required"}},
		{"whitespace-only name", `{"name": "  \t  "}`, 400, "invalid_request", []string{"name is required"}},
		{"punctuation-only name", `{"name": "---"}`, 400, "invalid_request", []string{"name"}},
		{"name of 1001 characters", `{"name": "` + strings.Repeat("é", 1001) + `"}`, 400, "invalid_request", []string{"name", "1000"}},
		{"invalid UTF-8 in the name", "{\"name\": \"Acme \xff\xfe Ltd\"}", 400, "invalid_request", []string{"UTF-8", "offset 15"}},
		{"invalid UTF-8 outside the name", "{\"name\": \"Acme\", \"country\": \"G\xc3\"}", 400, "invalid_request", []string{"UTF-8"}},
		{"name of the wrong type", `{"name": 42}`, 400, "invalid_request", []string{`"name"`, "string"}},
		{"lists of the wrong type", `{"name": "Acme", "lists": [1]}`, 400, "invalid_request", []string{`"lists"`, "array of list id strings"}},
		{"lists not an array", `{"name": "Acme", "lists": "kaspersky"}`, 400, "invalid_request", []string{`"lists"`, "array"}},
		{"threshold below 0", `{"name": "Acme", "threshold": -0.1}`, 400, "invalid_request", []string{"threshold", "between 0 and 1"}},
		{"threshold above 1", `{"name": "Acme", "threshold": 1.5}`, 400, "invalid_request", []string{"threshold", "between 0 and 1"}},
		{"threshold as a string", `{"name": "Acme", "threshold": "high"}`, 400, "invalid_request", []string{`"threshold"`, "a number between 0 and 1", "got string"}},
		{"limit 0", `{"name": "Acme", "limit": 0}`, 400, "invalid_request", []string{"limit", "between 1 and 100"}},
		{"limit 101", `{"name": "Acme", "limit": 101}`, 400, "invalid_request", []string{"limit", "between 1 and 100"}},
		{"limit not an integer", `{"name": "Acme", "limit": 2.5}`, 400, "invalid_request", []string{`"limit"`, "an integer", "got number 2.5"}},
		{"unknown list", `{"name": "Acme", "lists": ["kaspersky", "nope_list"]}`, 400, "invalid_request", []string{"unknown list", "nope_list"}},
		{"unknown type", `{"name": "Acme", "type": "spaceship"}`, 400, "invalid_request", []string{"type", "spaceship"}},
		{"bad country", `{"name": "Acme", "country": "GBR"}`, 400, "invalid_request", []string{"country", "GBR"}},
		{"body over the limit", `{"name": "` + strings.Repeat("a", testBodyLimit) + `"}`, 413, "payload_too_large", []string{"larger than", "8192 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.do(t, http.MethodPost, "/v1/screen", tt.body)
			msg := wantError(t, rec, tt.status, tt.code)
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
					t.Errorf("message %q does not mention %q", msg, w)
				}
			}
			a.screenOK(t)
		})
	}
}

// A chunked body has no Content-Length: the limit bites while reading.
func TestScreenChunkedBodyOverLimit(t *testing.T) {
	a := newTestAPI(t)
	body := `{"name": "` + strings.Repeat("a", 2*testBodyLimit) + `"}`
	req := httptest.NewRequest(http.MethodPost, "/v1/screen", strings.NewReader(body))
	req.ContentLength = -1
	msg := wantError(t, a.serve(req), http.StatusRequestEntityTooLarge, "payload_too_large")
	if !strings.Contains(msg, "8192") {
		t.Errorf("message %q does not give the limit", msg)
	}
	a.screenOK(t)
}

func TestScreenPotentialMatch(t *testing.T) {
	a := newTestAPI(t)
	// curl -d sends a form content type; the body is JSON all the same.
	rec := a.do(t, http.MethodPost, "/v1/screen",
		`{"name": "Kasperski Labs Ltd", "type": "organization", "country": "gb", "lists": ["kaspersky"], "threshold": 0.8, "limit": 5}`,
		"Content-Type", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}

	q := a.fake.lastQuery(t)
	if q.Country != "GB" || q.Type != match.Organization || *q.Threshold != 0.8 || *q.Limit != 5 ||
		!slices.Equal(q.Lists, []string{"kaspersky"}) {
		t.Errorf("screener got %+v", q)
	}

	var got map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "response", got, "request_id", "screened_at", "status", "query", "hits", "lists")
	if got["request_id"] != rec.Header().Get("X-Request-ID") || got["request_id"] == "" {
		t.Errorf("request_id = %v, header %q", got["request_id"], rec.Header().Get("X-Request-ID"))
	}
	at, err := time.Parse(time.RFC3339, got["screened_at"].(string))
	if err != nil || !strings.HasSuffix(got["screened_at"].(string), "Z") || time.Since(at) > time.Minute {
		t.Errorf("screened_at = %v (%v), want RFC 3339 UTC now", got["screened_at"], err)
	}
	if got["status"] != "potential_match" {
		t.Errorf("status = %v", got["status"])
	}
	wantJSON(t, "query", got["query"], `{"name": "Kasperski Labs Ltd", "normalized": "kasperski labs ltd"}`)
	wantJSON(t, "lists", got["lists"], `[{"id": "kaspersky", "version": "sha256:0123abcd"}]`)
	wantJSON(t, "hits", got["hits"], `[{
		"entity_id": "kaspersky:kaspersky-labs-limited", "list": "kaspersky",
		"source": "ICTS Final Determination", "name": "Kaspersky Labs Limited",
		"matched_name": "Kaspersky Labs Ltd.", "score": 0.9346, "type": "organization",
		"countries": ["GB"], "programs": ["ICTS"], "addresses": ["London, United Kingdom"],
		"legal_basis": [{"authority": "US Department of Commerce, BIS",
			"regime": "ICTS Final Determination (15 CFR Part 791)", "citation": "89 FR 52434"}],
		"relation": "subsidiary of Kaspersky Lab",
		"explanation": {"rule": "name", "summary": "2 of 2 distinctive words match"}}]`)
}

func TestScreenWeakAliasAndEmptyFields(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodPost, "/v1/screen", `{"name": "Kaspersky Weak"}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got struct{ Hits []map[string]any }
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Hits) != 1 {
		t.Fatalf("hits = %v", got.Hits)
	}
	h := got.Hits[0]
	if h["weak_alias"] != true {
		t.Errorf("weak_alias = %v, want true", h["weak_alias"])
	}
	if _, ok := h["source"]; ok {
		t.Errorf("source present though unset: %v", h["source"])
	}
	for _, k := range []string{"countries", "programs", "addresses", "legal_basis"} {
		if v, ok := h[k].([]any); !ok || len(v) != 0 {
			t.Errorf("%s = %#v, want []", k, h[k])
		}
	}
}

func TestScreenClear(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodPost, "/v1/screen", `{"name": "Acme Trading GmbH"}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	for _, want := range []string{`"status":"clear"`, `"hits":[]`,
		// every list that has loaded was screened; ofac_sdn never loaded
		`"lists":[{"id":"kaspersky","version":"sha256:0123abcd"}]`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	if _, ok := rec.Header()["X-Request-Id"]; !ok {
		t.Error("no X-Request-ID on the response")
	}
}

func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	sort.Strings(got)
	sort.Strings(keys)
	if !slices.Equal(got, keys) {
		t.Errorf("%s keys = %v, want %v", what, got, keys)
	}
}

// wantJSON compares a decoded value with the JSON text it should equal.
func wantJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation for %s: %v", what, err)
	}
	if !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("%s =\n%s\nwant\n%s", what, g, want)
	}
}

func TestRefreshList(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodPost, "/v1/lists/kaspersky/refresh", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var res map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res["list"] != "kaspersky" || res["outcome"] != "unchanged" {
		t.Errorf("refresh result = %v", res)
	}
	msg := wantError(t, a.do(t, http.MethodPost, "/v1/lists/nope/refresh", ""), http.StatusNotFound, "not_found")
	if !strings.Contains(msg, `"nope"`) {
		t.Errorf("message %q does not name the list", msg)
	}
	wantError(t, a.do(t, http.MethodGet, "/v1/lists/kaspersky/refresh", ""), http.StatusMethodNotAllowed, "method_not_allowed")
}

// A client that hangs up before its refresh ends is no internal error:
// the refresh runs on, and the log says the client left.
func TestRefreshWhoseClientLeft(t *testing.T) {
	a := newTestAPI(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a.serve(httptest.NewRequest(http.MethodPost, "/v1/lists/kaspersky/refresh", nil).WithContext(ctx))
	if n := a.logs.FilterMessage("internal error").Len(); n != 0 {
		t.Errorf("%d internal errors logged for a client that left", n)
	}
	if n := a.logs.FilterMessage("client left before the list refresh ended").Len(); n != 1 {
		t.Errorf("logged %d times that the client left, want once", n)
	}
}

// With an admin token set, a refresh needs it; screening does not.
func TestRefreshNeedsTheAdminTokenWhenSet(t *testing.T) {
	h, err := New(zap.NewNop(), prometheus.NewRegistry(), &fakeScreener{}, Options{AdminToken: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	a := &testAPI{h: h}
	for _, auth := range []string{"", "s3cret-token", "Bearer s3cret", "Bearer s3cret-token2", "Basic s3cret-token", "Bearer  s3cret-token", "Bearers3cret-token"} {
		rec := a.do(t, http.MethodPost, "/v1/lists/kaspersky/refresh", "", "Authorization", auth)
		msg := wantError(t, rec, http.StatusUnauthorized, "unauthorized")
		if !strings.Contains(msg, "Bearer") || strings.Contains(msg, "s3cret") {
			t.Errorf("Authorization %q: message %q should say how to send the token, and not the token", auth, msg)
		}
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: no WWW-Authenticate", auth)
		}
	}
	for _, auth := range []string{"Bearer s3cret-token", "bearer s3cret-token"} { // the scheme in any case
		if rec := a.do(t, http.MethodPost, "/v1/lists/kaspersky/refresh", "", "Authorization", auth); rec.Code != http.StatusOK {
			t.Errorf("Authorization %q: status %d: %s", auth, rec.Code, rec.Body)
		}
	}
	if rec := a.do(t, http.MethodPost, "/v1/screen", `{"name":"Kaspersky Lab"}`); rec.Code != http.StatusOK {
		t.Errorf("screening without a token: status %d: %s", rec.Code, rec.Body)
	}
}
