package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/rpscreen/rpscreen/match"
)

// hostile is a listed party whose every field tries to break out of the
// page; its id carries the '/' and '?' some lists put in ids.
var hostile = &match.Entity{
	ID:        "evil:12/34?x",
	List:      "evil",
	Type:      match.Organization,
	Name:      `<script>alert("name")</script> "Quoted" & 'Co'`,
	Aliases:   []match.Alias{{Name: `<img src=x onerror=alert(1)>`, Kind: match.FKA, Weak: true}},
	Countries: []string{"RU"},
	Programs:  []string{`<b>PROGRAM</b>`},
	LegalBasis: []match.LegalBasis{{
		Regime: `Regime <i>x</i>`, Citation: "1 FR 2", URL: `javascript:alert("url")`,
	}},
	Relation:  `subsidiary of <script>parent()</script>`,
	ParentID:  "evil:parent",
	Remarks:   `</td></tr><script>alert("remarks")</script>`,
	SourceURL: `https://example.org/list?a=1&b="2"`,
}

// hostileScreener answers every name with the hostile entity.
type hostileScreener struct{ fakeScreener }

func (h *hostileScreener) Screen(_ context.Context, q match.Query) (match.Result, error) {
	if err := q.Validate(); err != nil {
		return match.Result{}, err
	}
	return match.Result{Normalized: match.Normalize(q.Name), Status: match.PotentialMatch, Hits: []match.Hit{{
		Entity:      hostile,
		MatchedName: hostile.Aliases[0].Name,
		Score:       0.9,
		Explanation: match.Explanation{
			Rule:        "name",
			Summary:     `90% match: "<script>" = "script"`,
			Words:       []match.WordMatch{{Query: `<script>`, Listed: "script", Similarity: 1, Weight: 1, How: "exact"}},
			Adjustments: []string{`<u>adjusted</u>`},
		},
	}}}, nil
}

func (h *hostileScreener) Entity(id string) (*match.Entity, error) {
	if id == hostile.ID {
		return hostile, nil
	}
	return nil, fmt.Errorf("entity %q: %w", id, match.ErrNotFound)
}

func newWebTestAPI(t *testing.T, s Screener) (http.Handler, *observer.ObservedLogs) {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	h, err := New(zap.New(core), prometheus.NewRegistry(), s, Options{BodyLimit: testBodyLimit, Version: "test"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h, logs
}

func webGet(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// wantHTML checks the status, the content type and the security headers
// every HTML page carries.
func wantHTML(t *testing.T, rec *httptest.ResponseRecorder, status int) string {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body:\n%s", rec.Code, status, rec.Body)
	}
	h := rec.Header()
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	body := rec.Body.String()
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, `href="#main"`) {
		t.Error(`page has no <html lang="en"> or no skip link`)
	}
	return body
}

func TestWebEscapesListedNamesAndQueries(t *testing.T) {
	h, _ := newWebTestAPI(t, &hostileScreener{})
	query := `<script>alert('q')</script> "Acme"`
	body := wantHTML(t, webGet(t, h, "/?name="+url.QueryEscape(query)), http.StatusOK)
	for _, raw := range []string{"<script>alert", "<img src=x", "<b>PROGRAM", "<u>adjusted", "<i>x</i>", "<script>parent"} {
		if strings.Contains(body, raw) {
			t.Errorf("page contains %q unescaped", raw)
		}
	}
	for _, escaped := range []string{
		"&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; &#34;Acme&#34;", // the query, in the input and the banner
		"&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt; &#34;Quoted&#34; &amp; &#39;Co&#39;",
		"&lt;img src=x onerror=alert(1)&gt;",
		"&lt;b&gt;PROGRAM&lt;/b&gt;",
		"subsidiary of &lt;script&gt;parent()&lt;/script&gt;",
		`href="/entities/evil:12%2F34%3Fx"`,
		`<mark class="m-exact"`, // "script" highlighted inside the escaped name
	} {
		if !strings.Contains(body, escaped) {
			t.Errorf("page lacks %q", escaped)
		}
	}

	body = wantHTML(t, webGet(t, h, "/entities/evil:12%2F34%3Fx"), http.StatusOK)
	for _, raw := range []string{"<script>alert", "<img src=x", `href="javascript:`, "</td></tr><script>"} {
		if strings.Contains(body, raw) {
			t.Errorf("entity page contains %q unescaped", raw)
		}
	}
	for _, want := range []string{
		"&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(&#34;remarks&#34;)",
		`href="#ZgotmplZ"`, // html/template's mark for the refused javascript: URL
		`href="https://example.org/list?a=1&amp;b=%222%22"`,
		`href="/entities/evil:parent"`,
		"formerly known as",
		`href="/v1/entities/evil:12%2F34%3Fx"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("entity page lacks %q", want)
		}
	}
}

func TestWebSearchPage(t *testing.T) {
	a := newTestAPI(t)
	body := wantHTML(t, a.do(t, http.MethodGet, "/", ""), http.StatusOK)
	for _, want := range []string{
		`<form class="search" method="get" action="/"`,
		`<label for="q-name">`, `<label for="q-country">`, `<label for="q-type">`, `<label for="q-threshold">`,
		`<option value="GB">United Kingdom</option>`,
		`<option value="organization">`,
		`aria-current="page">Search`,
		`<link rel="stylesheet" href="/static/app.css?v=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	if strings.Contains(body, "result-heading") {
		t.Error("empty search page shows a result")
	}
}

func TestWebSearchResults(t *testing.T) {
	a := newTestAPI(t)
	body := wantHTML(t, a.do(t, http.MethodGet, "/?name=Kasperski+Labs+Ltd&country=gb&type=organization&threshold=0.8", ""), http.StatusOK)
	q := a.fake.lastQuery(t)
	if q.Name != "Kasperski Labs Ltd" || q.Country != "GB" || q.Type != match.Organization || q.Threshold == nil || *q.Threshold != 0.8 {
		t.Errorf("screener got %+v", q)
	}
	for _, want := range []string{
		"Potential match", "1 listed party scored",
		`href="/entities/kaspersky:kaspersky-labs-limited"`,
		`<span class="score-num">0.93</span>`, `value="0.9346"`,
		"matched alias", "Kaspersky Labs Ltd.",
		"2 of 2 distinctive words match",
		"subsidiary of Kaspersky Lab",
		"89 FR 52434",
		`value="Kasperski Labs Ltd"`, `<option value="organization" selected>`, `value="0.8"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}

	body = wantHTML(t, a.do(t, http.MethodGet, "/?name=Microsoft+Corporation", ""), http.StatusOK)
	if !strings.Contains(body, "Clear") || !strings.Contains(body, "No listed party scored") || strings.Contains(body, `class="hits"`) {
		t.Error("a clear result does not say Clear, or shows a hits table")
	}
}

func TestWebSearchShowsValidationErrorsInTheForm(t *testing.T) {
	a := newTestAPI(t)
	tests := []struct {
		query, field, want string
	}{
		{"/?name=", "q-name", "name is required"},
		{"/?name=---", "q-name", "name is required"},
		{"/?name=Acme&country=GBR", "q-country", "not an ISO 3166-1 alpha-2 code"},
		{"/?name=Acme&type=spaceship", "q-type", "spaceship"},
		{"/?name=Acme&threshold=high", "q-threshold", "threshold must be a number between 0 and 1"},
		{"/?name=Acme&threshold=1.5", "q-threshold", "threshold must be between 0 and 1"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			body := wantHTML(t, a.do(t, http.MethodGet, tt.query, ""), http.StatusBadRequest)
			if !strings.Contains(body, `role="alert" id="form-error"`) || !strings.Contains(body, tt.want) {
				t.Errorf("no inline error saying %q", tt.want)
			}
			i := strings.Index(body, `id="`+tt.field+`"`)
			if i < 0 || !strings.Contains(body[i:i+strings.Index(body[i:], ">")], `aria-invalid="true"`) {
				t.Errorf("field %s not marked aria-invalid", tt.field)
			}
			if strings.Contains(body, "result-heading") {
				t.Error("an invalid query shows a result")
			}
		})
	}
}

func TestWebEntityPage(t *testing.T) {
	a := newTestAPI(t)
	body := wantHTML(t, a.do(t, http.MethodGet, "/entities/kaspersky:kaspersky-labs-limited", ""), http.StatusOK)
	for _, want := range []string{
		"<h1 class=\"entity-name\">Kaspersky Labs Limited</h1>",
		"Kaspersky Labs Ltd.", "also known as",
		"US Department of Commerce, BIS", "89 FR 52434",
		"London, United Kingdom", "United Kingdom (GB)",
		"subsidiary of Kaspersky Lab",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("entity page lacks %q", want)
		}
	}

	body = wantHTML(t, a.do(t, http.MethodGet, "/entities/kaspersky:nope", ""), http.StatusNotFound)
	if !strings.Contains(body, "Entity not found") || !strings.Contains(body, "No loaded list holds the entity &#34;kaspersky:nope&#34;") {
		t.Error("404 page does not say what was not found")
	}
}

func TestWebListsAndBatchPages(t *testing.T) {
	a := newTestAPI(t)
	body := wantHTML(t, a.do(t, http.MethodGet, "/lists", ""), http.StatusOK)
	for _, want := range []string{"kaspersky", "sha256:0123abcd", "2026-01-02 03:04:05 UTC", "Loaded",
		"ofac_sdn", "Not loaded", "open /data/ofac/sdn.csv: no such file or directory"} {
		if !strings.Contains(body, want) {
			t.Errorf("lists page lacks %q", want)
		}
	}

	body = wantHTML(t, a.do(t, http.MethodGet, "/batch", ""), http.StatusOK)
	for _, want := range []string{`<script src="/static/batch.js?v=`, `<label for="b-file">`, `aria-live="polite"`,
		`data-endpoint="/v1/screen/batch"`, `id="batch-download"`} {
		if !strings.Contains(body, want) {
			t.Errorf("batch page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Error("batch page has an inline script, which the CSP forbids")
	}
}

func TestWebStaticFiles(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodGet, "/static/app.css", "")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") ||
		rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("app.css: %d %v", rec.Code, rec.Header())
	}
	etag := rec.Header().Get("ETag")
	hash := strings.Trim(etag, `"`)
	rec = a.do(t, http.MethodGet, "/static/app.css?v="+hash, "")
	if cc := rec.Header().Get("Cache-Control"); cc != staticCacheForever {
		t.Errorf("versioned app.css: Cache-Control %q", cc)
	}
	if rec = a.do(t, http.MethodGet, "/static/app.css", "", "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", rec.Code)
	}
	if rec = a.do(t, http.MethodGet, "/static/batch.js", ""); !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("batch.js: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, p := range []string{"/static/nope.css", "/static/../web.go", "/static/%2e%2e/web.go", "/static/"} {
		if rec = a.do(t, http.MethodGet, p, ""); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, rec.Code)
		}
	}
	// The JSON API is not a page: no page headers there.
	if rec = a.do(t, http.MethodGet, "/v1/lists", ""); rec.Header().Get("Content-Security-Policy") != "" {
		t.Error("/v1/lists carries the page CSP")
	}
}

// A failure the error table does not know is a generic 500 page, logged
// once with the request id.
func TestWebSearchInternalError(t *testing.T) {
	a := newTestAPI(t)
	rec := a.do(t, http.MethodGet, "/?name="+url.QueryEscape(brokenName), "")
	body := wantHTML(t, rec, http.StatusInternalServerError)
	if !strings.Contains(body, internalMessage) || strings.Contains(body, "shard") {
		t.Errorf("500 page does not hide the cause behind the generic message:\n%s", body)
	}
	logged := a.logs.FilterMessage("internal error").All()
	if len(logged) != 1 || logged[0].ContextMap()["request_id"] != rec.Header().Get("X-Request-ID") {
		t.Errorf("internal error logged %d times, want once with the request id: %+v", len(logged), logged)
	}
}

// Screened names are commercial data: the page must not log them.
func TestWebDoesNotLogNames(t *testing.T) {
	a := newTestAPI(t)
	a.do(t, http.MethodGet, "/?name=Kasperski+Secret+Vendor", "")
	a.do(t, http.MethodGet, "/?name=Secret+Vendor&country=XXX", "")
	for _, e := range a.logs.All() {
		if line := fmt.Sprint(e.Message, e.ContextMap()); strings.Contains(line, "Secret") {
			t.Errorf("log line carries the screened name: %s", line)
		}
	}
}

func TestHighlightMarksTheWordsThatMet(t *testing.T) {
	words := func(ws ...string) []match.WordMatch { // query, listed, how triples
		var out []match.WordMatch
		for i := 0; i+2 < len(ws); i += 3 {
			out = append(out, match.WordMatch{Query: ws[i], Listed: ws[i+1], How: ws[i+2], Similarity: 0.9})
		}
		return out
	}
	tests := []struct {
		name  string
		words []match.WordMatch
		want  string // marked words in [exact] or {variant}
	}{
		{"Kaspersky Labs Limited", words("kasperski", "kaspersky", "spelling variant", "labs", "labs", "exact", "ltd", "limited", "legal form"),
			"{Kaspersky} [Labs] {Limited}"},
		{"Kaspersky's Laboratory", words("kaspersky", "kaspersky", "exact"), "[Kaspersky's] Laboratory"},
		{"Kaspersky Lab Italia S.r.l.", words("srl", "srl", "exact", "lab", "lab", "exact"), "Kaspersky [Lab] Italia [S.r.l.]"},
		{"ЗАО «Лаборатория Касперского»", words("kasperskogo", "kasperskogo", "exact"), "ЗАО «Лаборатория [Касперского]»"},
		{"Aerocaribbean Airlines", words("aero caribbean", "aerocaribbean", "joined words"), "{Aerocaribbean} Airlines"},
		{"Aero Caribbean", words("aerocaribbean", "aero caribbean", "joined words"), "{Aero} {Caribbean}"},
		{"No Match Here", words("other", "other", "exact"), "No Match Here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, s := range highlight(tt.name, tt.words) {
				switch s.Mark {
				case "exact":
					b.WriteString("[" + s.Text + "]")
				case "variant":
					b.WriteString("{" + s.Text + "}")
				default:
					b.WriteString(s.Text)
				}
			}
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}
