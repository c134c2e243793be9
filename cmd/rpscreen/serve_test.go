package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// logSink is run's stderr in tests: it keeps the log and hands over the
// message and address of each entry that names one ("listening", "debug
// listener"). It reads one entry per line: serve's buffered log may write
// several at once.
type logSink struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	addrs chan [2]string // message, address
}

func newLogSink() *logSink { return &logSink{addrs: make(chan [2]string, 8)} }

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	for line := range bytes.Lines(p) {
		var entry struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal(line, &entry) == nil && entry.Addr != "" {
			select {
			case s.addrs <- [2]string{entry.Msg, entry.Addr}:
			default: // never block the logger
			}
		}
	}
	return len(p), nil
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// startServe runs `rpscreen serve` on a free loopback port until the test
// ends or stop is called, and returns the base URL. stop returns run's exit
// status.
func startServe(t *testing.T, getenv func(string) string, extra ...string) (base string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	sink := newLogSink()
	done := make(chan int, 1)
	args := append([]string{"rpscreen", "serve", "--addr", "127.0.0.1:0"}, extra...)
	go func() { done <- run(ctx, args, getenv, io.Discard, sink) }()

	var stopped bool
	var code int
	stop = func() int {
		if stopped {
			return code
		}
		stopped = true
		cancel()
		select {
		case code = <-done:
		case <-time.After(30 * time.Second): // a hang guard, not a timing assertion
			t.Fatalf("run did not return after its context was cancelled; log:\n%s", sink)
		}
		return code
	}
	t.Cleanup(func() { stop() })

	for {
		select {
		case a := <-sink.addrs:
			if a[0] == "listening" {
				return "http://" + a[1], stop
			}
		case c := <-done:
			stopped = true
			t.Fatalf("run returned %d before listening; log:\n%s", c, sink)
		case <-time.After(30 * time.Second):
			t.Fatalf("no \"listening\" log line; log:\n%s", sink)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func postJSON(t *testing.T, url, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// waitFor polls url until it answers want, for at most a few hundred tries.
func waitFor(t *testing.T, url string, want int) {
	t.Helper()
	var code int
	var body string
	for range 300 {
		code, body = get(t, url)
		if code == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("GET %s: %d %s, want %d", url, code, body, want)
}

// waitForListError polls /v1/lists until the list reports a last_error and
// the built-in list has loaded (lists load concurrently).
func waitForListError(t *testing.T, base, id string) {
	t.Helper()
	var body string
	for range 300 {
		var code int
		code, body = get(t, base+"/v1/lists")
		var doc struct {
			Lists []struct {
				ID        string  `json:"id"`
				LastError string  `json:"last_error"`
				LoadedAt  *string `json:"loaded_at"`
			} `json:"lists"`
		}
		if code == http.StatusOK && json.Unmarshal([]byte(body), &doc) == nil {
			failed, builtin := false, false
			for _, l := range doc.Lists {
				failed = failed || (l.ID == id && l.LastError != "")
				builtin = builtin || (l.ID == "kaspersky" && l.LoadedAt != nil)
			}
			if failed && builtin {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("list %s never reported an error on /v1/lists: %s", id, body)
}

type screenResponse struct {
	Status string `json:"status"`
	Query  struct {
		Name       string `json:"name"`
		Normalized string `json:"normalized"`
	} `json:"query"`
	Hits []struct {
		EntityID    string          `json:"entity_id"`
		List        string          `json:"list"`
		Name        string          `json:"name"`
		MatchedName string          `json:"matched_name"`
		Score       float64         `json:"score"`
		Relation    *string         `json:"relation"`
		Explanation json.RawMessage `json:"explanation"`
	} `json:"hits"`
}

func screenName(t *testing.T, base, name string) screenResponse {
	t.Helper()
	code, body := postJSON(t, base+"/v1/screen", fmt.Sprintf(`{"name":%q}`, name))
	if code != http.StatusOK {
		t.Fatalf("POST /v1/screen %q: %d %s", name, code, body)
	}
	var r screenResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return r
}

// TestServeEndToEnd runs the binary's own run() with the embedded default
// configuration, screens through HTTP and shuts down as on SIGTERM.
func TestServeEndToEnd(t *testing.T) {
	base, stop := startServe(t, env())

	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d %s", code, body)
	}
	waitFor(t, base+"/readyz", http.StatusOK)

	hit := screenName(t, base, "Kaspersky Labs Ltd")
	if hit.Status != "potential_match" {
		t.Errorf("Kaspersky Labs Ltd: status %q, want potential_match", hit.Status)
	}
	found := false
	for _, h := range hit.Hits {
		if h.EntityID == "kaspersky:kaspersky-labs-limited" {
			found = true
			if h.List != "kaspersky" || h.Score <= 0 || h.Score > 1 || len(h.Explanation) == 0 {
				t.Errorf("hit %+v: want list kaspersky, a score in (0,1] and an explanation", h)
			}
		}
	}
	if !found {
		t.Errorf("Kaspersky Labs Ltd: no hit on kaspersky:kaspersky-labs-limited in %+v", hit.Hits)
	}

	clear := screenName(t, base, "Microsoft Corporation")
	if clear.Status != "clear" || len(clear.Hits) != 0 {
		t.Errorf("Microsoft Corporation: status %q with %d hits, want clear", clear.Status, len(clear.Hits))
	}

	if code, body := get(t, base+"/v1/lists"); code != http.StatusOK || !strings.Contains(body, `"kaspersky"`) {
		t.Errorf("/v1/lists: %d %s", code, body)
	}

	code, metrics := get(t, base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, name := range []string{
		"rpscreen_http_requests_total",
		"rpscreen_list_entities",
		"rpscreen_build_info",
		"go_goroutines",             // Go collector
		"process_cpu_seconds_total", // process collector (Linux)
	} {
		if !strings.Contains(metrics, name) {
			t.Errorf("/metrics has no %s", name)
		}
	}

	if code := stop(); code != exitOK {
		t.Errorf("run returned %d after cancel, want 0", code)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// A configured list that cannot load keeps the service up: /healthz is 200,
// /readyz is 503 naming the list, and the built-in list still screens.
func TestServeSurvivesAListThatFailsToLoad(t *testing.T) {
	path := writeConfig(t, `
lists:
  - id: broken_list
    format: custom_csv
    path: /nonexistent/rpscreen-test/list.csv
`)
	base, stop := startServe(t, env(envConfig, path))

	if code, _ := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d, want 200", code)
	}
	// Wait until the load has been tried and reported on /v1/lists.
	waitForListError(t, base, "broken_list")
	code, body := get(t, base+"/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "broken_list") {
		t.Errorf("/readyz: %d %s, want 503 naming broken_list", code, body)
	}
	// The statuses are published as each list loads and the index over all
	// of them is built once they have: poll until it has been.
	var r screenResponse
	for range 300 {
		if r = screenName(t, base, "Kaspersky Lab"); r.Status == "potential_match" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if r.Status != "potential_match" {
		t.Errorf("built-in list not screened while another list failed: %+v", r)
	}
	if code := stop(); code != exitOK {
		t.Errorf("run returned %d, want 0", code)
	}
}

func TestServeRejectsBadConfiguration(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		getenv func(string) string
		want   string
	}{
		{"unknown flag", []string{"serve", "--bogus"}, env(), "bogus"},
		{"stray argument", []string{"serve", "extra"}, env(), "extra"},
		{"bad log format", []string{"serve", "--log-format", "xml"}, env(), "log.format"},
		{"missing config file", []string{"serve", "--config", "/nonexistent/rpscreen.yaml"}, env(), "rpscreen.yaml"},
		{"bad threshold in RPSCREEN_CONFIG", []string{"serve"}, env(envConfig, writeConfig(t, "matching:\n  threshold: 2\n")), "matching.threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), append([]string{"rpscreen"}, tt.args...), tt.getenv, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not name %q", stderr.String(), tt.want)
			}
		})
	}
}

func TestServeReportsAPortInUse(t *testing.T) {
	base, _ := startServe(t, env())
	addr := strings.TrimPrefix(base, "http://")
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"rpscreen", "serve", "--addr", addr}, env(), &stdout, &stderr)
	if code == exitOK || !strings.Contains(stderr.String(), "listen") {
		t.Errorf("exit %d, stderr %q: want a failure naming listen", code, stderr.String())
	}
}
