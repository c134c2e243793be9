package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// apiServer runs the production handler over the built-in list, counting
// requests by path.
type apiServer struct {
	URL  string
	mu   sync.Mutex
	hits map[string]int
}

func startAPI(t *testing.T, opts api.Options) *apiServer {
	t.Helper()
	registry, err := lists.NewRegistry(zap.NewNop(), prometheus.NewRegistry(),
		lists.Settings{Matching: match.Config{Threshold: 0.85, Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if err := registry.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	h, err := api.New(zap.NewNop(), prometheus.NewRegistry(), registry, opts)
	if err != nil {
		t.Fatal(err)
	}
	s := &apiServer{hits: map[string]int{}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

func (s *apiServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// --server answers what the local lists answer, byte for byte.
func TestScreenServerMatchesLocal(t *testing.T) {
	srv := startAPI(t, api.Options{})
	screenedAt := regexp.MustCompile(`"screened_at": "[^"]*"`)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"tables", []string{"Kasperski Labs Ltd", "Microsoft Corporation", "Kaspersky Lab Italia S.r.l."}, exitMatch},
		{"clear", []string{"Microsoft Corporation"}, exitOK},
		{"JSON", []string{"--json", "--limit", "2", "Kaspersky Lab", "Kaspi Bank"}, exitMatch},
		{"flags", []string{"--type", "organization", "--country", "gb", "--threshold", "0.8", "--list", "kaspersky", "Kasperski Labs"}, exitMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, local, stderr := runScreen(t, env(), tt.args...)
			if code != tt.code {
				t.Fatalf("local: exit %d, want %d; %s", code, tt.code, stderr)
			}
			code, remote, stderr := runScreen(t, env(), append([]string{"--server", srv.URL + "/"}, tt.args...)...)
			if code != tt.code || stderr != "" {
				t.Fatalf("--server: exit %d, want %d; stderr %s", code, tt.code, stderr)
			}
			local, remote = screenedAt.ReplaceAllString(local, ""), screenedAt.ReplaceAllString(remote, "")
			if local != remote {
				t.Errorf("--server output differs from local:\n%s\n---\n%s", remote, local)
			}
		})
	}
	if n := srv.count("/v1/screen"); n != 7 {
		t.Errorf("%d requests to /v1/screen, want one per name (7)", n)
	}
}

func TestScreenServerCSVMatchesLocal(t *testing.T) {
	srv := startAPI(t, api.Options{})
	var b strings.Builder
	b.WriteString("type,name,id,country\n")
	for i := range 2500 {
		switch {
		case i%7 == 0:
			fmt.Fprintf(&b, "organization,Kaspersky Lab,v%d,RU\n", i)
		case i%13 == 0:
			fmt.Fprintf(&b, ",,v%d,\n", i)
		default:
			fmt.Fprintf(&b, ",Northwind Traders %d,v%d,\n", i, i)
		}
	}
	in := writeFile(t, "vendors.csv", b.String())
	code, local, stderr := runScreen(t, env(), "--csv", in, "--limit", "3")
	if code != exitMatch {
		t.Fatalf("local: exit %d; %s", code, stderr)
	}
	code, remote, stderr := runScreen(t, env(), "--csv", in, "--limit", "3", "--server", srv.URL)
	if code != exitMatch || !strings.Contains(stderr, "2500 items screened in ") {
		t.Fatalf("--server: exit %d; %s", code, stderr)
	}
	if local != remote {
		t.Errorf("--server CSV differs from local")
	}
	if n := srv.count("/v1/screen/batch"); n != 3 {
		t.Errorf("%d batch requests for 2,500 rows, want 3 chunks of at most 1,000", n)
	}
}

func TestScreenServerErrors(t *testing.T) {
	srv := startAPI(t, api.Options{BatchMaxItems: 500})
	in := writeFile(t, "vendors.csv", "id,name\n"+strings.Repeat("1,Acme\n", 600))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"batch over the server's limit", []string{"--csv", in}, []string{"rows 1-600", "413", "batch_max_items"}},
		{"unknown list", []string{"--list", "nope", "Acme"}, []string{"NAME 1", "400", "nope"}},
		{"unknown route", []string{"Acme"}, []string{"404"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := srv.URL
			if tt.name == "unknown route" {
				base += "/prefix"
			}
			code, stdout, stderr := runScreen(t, env(), append([]string{"--server", base}, tt.args...)...)
			if code != exitUsage || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
		})
	}
}
