package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeScreenServer answers like rpscreen: names with "Kasp" are potential
// matches, "Boom" is a 500, "Drop" loses the connection, /healthz is 200.
func fakeScreenServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var batches atomic.Int64
	mux := http.NewServeMux()
	status := func(name string) string {
		if strings.Contains(name, "Kasp") {
			return "potential_match"
		}
		return "clear"
	}
	mux.HandleFunc("POST /v1/screen", func(w http.ResponseWriter, r *http.Request) {
		var q struct{ Name string }
		if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		switch {
		case strings.Contains(q.Name, "Boom"):
			http.Error(w, `{"error":{"code":"internal"}}`, http.StatusInternalServerError)
		case strings.Contains(q.Name, "Drop"):
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		default:
			w.Write([]byte(`{"status":"` + status(q.Name) + `","hits":[]}`))
		}
	})
	mux.HandleFunc("POST /v1/screen/batch", func(w http.ResponseWriter, r *http.Request) {
		batches.Add(1)
		var q struct{ Items []struct{ ID, Name string } }
		if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		type result struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		}
		var out struct {
			Results []result `json:"results"`
		}
		for _, it := range q.Items {
			out.Results = append(out.Results, result{it.ID, status(it.Name)})
		}
		json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &batches
}

func writeNamesFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func runLoadtest(t *testing.T, args ...string) (int, loadReport, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), append([]string{"rpscreen", "loadtest", "--json", "--duration", "300ms"}, args...), env(), &stdout, &stderr)
	var rep loadReport
	if stdout.Len() > 0 {
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatalf("exit %d, stdout not a JSON report: %v\n%s\nstderr: %s", code, err, stdout.String(), stderr.String())
		}
	}
	return code, rep, stderr.String()
}

func TestLoadtestCountsMatchesAndErrors(t *testing.T) {
	srv, _ := fakeScreenServer(t)
	names := writeNamesFile(t, "names.txt", "Kaspersky Lab\nMicrosoft Corporation\n\n# a comment\nBoom Industries\nDrop Ltd\n")
	code, rep, stderr := runLoadtest(t, "--url", srv.URL, "--names", names, "--concurrency", "4")
	if code != exitMatch {
		t.Errorf("exit %d, want %d: requests failed (stderr %q)", code, exitMatch, stderr)
	}
	if rep.Requests < 8 || rep.Statuses["200"] == 0 || rep.Statuses["500"] == 0 || rep.Transport["connection closed"] == 0 {
		t.Fatalf("want 200s, 500s and closed connections counted: %+v", rep)
	}
	if rep.Errors != rep.Statuses["500"]+rep.Transport["connection closed"] {
		t.Errorf("errors %d, want the 500s plus the transport errors: %+v", rep.Errors, rep)
	}
	if rep.Matched == nil || *rep.Matched < 0.4 || *rep.Matched > 0.6 {
		t.Errorf("potential_match share %.2f, want about half of the 200s: %+v", loadShare(rep.Matched), rep)
	}
	if rep.Latency.P50 <= 0 || rep.Latency.P50 > rep.Latency.P99 || rep.Latency.P99 > rep.Latency.Max {
		t.Errorf("latency %+v: want 0 < p50 <= p99 <= max", rep.Latency)
	}
}

func TestLoadtestHealthzAndBatch(t *testing.T) {
	srv, batches := fakeScreenServer(t)
	code, rep, stderr := runLoadtest(t, "--url", srv.URL+"/", "--path", "/healthz", "--concurrency", "2")
	if code != exitOK || rep.Errors != 0 || rep.Statuses["200"] == 0 || rep.Method != http.MethodGet || rep.Matched != nil {
		t.Errorf("/healthz: exit %d, report %+v, stderr %q", code, rep, stderr)
	}
	names := writeNamesFile(t, "vendors.csv", "id,name,country\n1,Kaspersky Labs Ltd,GB\n2,\"Acme, Inc.\",US\n")
	code, rep, stderr = runLoadtest(t, "--url", srv.URL, "--names", names, "--batch", "3")
	if code != exitOK || rep.Errors != 0 || batches.Load() == 0 || rep.Screened != 3*rep.Statuses["200"] {
		t.Fatalf("batch: exit %d, report %+v, stderr %q", code, rep, stderr)
	}
	// One batch of the two names cycled: Kaspersky, Acme, Kaspersky.
	if got := loadShare(rep.Matched); got < 0.66 || got > 0.67 {
		t.Errorf("potential_match share %.3f, want 2/3", got)
	}
}

func TestLoadtestStopsEarlyOnAServerThatIsNotThere(t *testing.T) {
	srv, _ := fakeScreenServer(t)
	url := srv.URL
	srv.Close()
	code, _, stderr := runLoadtest(t, "--url", url, "--path", "/healthz")
	if code != exitMatch || !strings.Contains(stderr, "/healthz") {
		t.Errorf("exit %d, stderr %q: want 1 and a line naming the target", code, stderr)
	}
	srv2, _ := fakeScreenServer(t)
	code, _, stderr = runLoadtest(t, "--url", srv2.URL, "--path", "/nope")
	if code != exitMatch || !strings.Contains(stderr, "404") {
		t.Errorf("unknown route: exit %d, stderr %q: want 1 naming the 404", code, stderr)
	}
}

func TestLoadtestRejectsBadFlags(t *testing.T) {
	names := writeNamesFile(t, "n.txt", "ACME\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--url", "localhost:8080"}, "--url"},
		{[]string{"--path", "healthz"}, "--path"},
		{[]string{"--path", "/v1/screen/batch"}, "--batch N"},
		{[]string{"--duration", "0s"}, "--duration"},
		{[]string{"--duration", "soon"}, "duration"},
		{[]string{"--concurrency", "0"}, "--concurrency"},
		{[]string{"--concurrency", "5000"}, "--concurrency"},
		{[]string{"--batch", "-1"}, "--batch"},
		{[]string{"--names", names, "--synthetic"}, "choose one"},
		{[]string{"--path", "/healthz", "--synthetic"}, "/v1/screen only"},
		{[]string{"--names", filepath.Join(t.TempDir(), "missing.txt")}, "missing.txt"},
		{[]string{"--names", writeNamesFile(t, "x.csv", "id,company\n1,ACME\n")}, "name column"},
		{[]string{"--names", writeNamesFile(t, "empty.txt", "\n# none\n")}, "no names"},
		{[]string{"stray"}, "stray"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runLoadtest(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q: want 2 and one line naming %q", code, stderr, tt.want)
			}
		})
	}
}

func TestReadNames(t *testing.T) {
	tests := []struct {
		file, body string
		want       []string
	}{
		{"a.txt", "ACME, Inc.\n  Kaspersky Lab \r\n\n", []string{"ACME, Inc.", "Kaspersky Lab"}},
		{"b.csv", "\uFEFFName,country\n\"ACME, Inc.\",US\nKaspersky,RU\n", []string{"ACME, Inc.", "Kaspersky"}},
		{"c.txt", "id,name\n1,ACME\n", []string{"ACME"}},
	}
	for _, tt := range tests {
		got, err := readNames(writeNamesFile(t, tt.file, tt.body))
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q, %v; want %q", tt.file, got, err, tt.want)
		}
	}
}

func loadShare(f *float64) float64 {
	if f == nil {
		return -1
	}
	return *f
}

func TestTopStatusReadsOnlyWhatItNeeds(t *testing.T) {
	tests := []struct {
		body, want string
		bad        bool
	}{
		{body: `{"request_id":"a","status":"potential_match","hits":[{"x":1}]}`, want: "potential_match"},
		{body: `{"query":{"name":"x"},"status":"clear"}`, want: "clear"},
		{body: `{"status":"clear","hits":[` + "\xff", want: "clear"}, // stops before the hits
		{body: `{"hits":[]}`, want: ""},
		{body: `[]`, bad: true},
		{body: `not json`, bad: true},
		{body: `{"status":`, bad: true},
	}
	for _, tc := range tests {
		got, err := topStatus([]byte(tc.body))
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("topStatus(%q) = %q, %v; want %q, error %v", tc.body, got, err, tc.want, tc.bad)
		}
	}
}
