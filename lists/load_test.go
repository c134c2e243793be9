package lists

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// inhouse writes an in-house list of n companies in the custom_csv layout.
func inhouse(n int) string {
	var b strings.Builder
	b.WriteString("id,name,aliases,type,countries,program,remarks\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "v%d,Zenith Vendor %d Holdings,,organization,DE,internal,\n", i, i)
	}
	b.WriteString("blocked,Qwertyuiop Trading LLC,Qwerty Trading,organization,RU,internal,blocked by compliance\n")
	return b.String()
}

// listServer serves one list file with an ETag, and can be told to fail,
// or to hold each answer until gate is closed.
type listServer struct {
	mu       sync.Mutex
	body     string
	status   int
	gate     chan struct{}
	requests atomic.Int32
	notMod   atomic.Int32
}

func (s *listServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.mu.Lock()
	body, status, gate := s.body, s.status, s.gate
	s.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if status != 0 {
		http.Error(w, "unavailable", status)
		return
	}
	etag := fmt.Sprintf("%q", fmt.Sprint(len(body), body[:min(len(body), 40)], strings.Count(body, "\n")))
	if r.Header.Get("If-None-Match") == etag {
		s.notMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	fmt.Fprint(w, body)
}

func (s *listServer) set(body string, status int) {
	s.mu.Lock()
	s.body, s.status = body, status
	s.mu.Unlock()
}

func newURLRegistry(t *testing.T, url, cacheDir string) *Registry {
	t.Helper()
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{
		Matching: match.Config{Threshold: 0.85, Limit: 10},
		Lists:    []Config{{ID: "inhouse", Format: "custom_csv", URL: url}},
		Fetch:    FetchConfig{CacheDir: cacheDir, Timeout: 5 * time.Second, MaxBytes: 1 << 20, Retries: 2, Backoff: time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func screenOne(t *testing.T, r *Registry, name string) []match.Hit {
	t.Helper()
	res, err := r.Screen(context.Background(), match.Query{Name: name, Lists: []string{"inhouse"}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

func TestURLListRefreshKeepsGoodCopy(t *testing.T) {
	srv := &listServer{body: inhouse(10)}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx := context.Background()
	r := newURLRegistry(t, ts.URL+"/lists/inhouse.csv", t.TempDir())
	if err := r.Load(ctx); err != nil {
		t.Fatalf("first load: %v", err)
	}
	if hits := screenOne(t, r, "Qwertyuiop Trading"); len(hits) == 0 {
		t.Fatal("listed company not found after load")
	}

	// Nothing changed: a conditional GET, and the copy stays.
	res, _ := r.Refresh(ctx, "inhouse")
	if res.Outcome != OutcomeUnchanged || srv.notMod.Load() != 1 {
		t.Errorf("unchanged source: outcome %s, 304s %d", res.Outcome, srv.notMod.Load())
	}

	for _, bad := range []struct{ what, body string }{
		{"truncated mid-record", inhouse(10)[:120]},
		{"not the layout", "<html>maintenance</html>\n"},
		{"shrunk by half", inhouse(4)},
		{"header only", "id,name,aliases,type,countries,program,remarks\n"},
	} {
		srv.set(bad.body, 0)
		res, _ := r.Refresh(ctx, "inhouse")
		if res.Outcome != OutcomeFailed || res.Error == "" {
			t.Errorf("%s: outcome %s, error %q; want failed", bad.what, res.Outcome, res.Error)
		}
		if hits := screenOne(t, r, "Qwertyuiop Trading"); len(hits) == 0 {
			t.Errorf("%s: the previous copy stopped serving", bad.what)
		}
		if st := r.Lists()[1]; st.Entities != 11 || st.LastError == "" {
			t.Errorf("%s: status %+v", bad.what, st)
		}
	}

	// The server fails: retried, then reported; the old copy serves.
	srv.set("", http.StatusServiceUnavailable)
	before := srv.requests.Load()
	res, _ = r.Refresh(ctx, "inhouse")
	if res.Outcome != OutcomeFailed || srv.requests.Load()-before != 3 {
		t.Errorf("503: outcome %s after %d requests, want failed after 3", res.Outcome, srv.requests.Load()-before)
	}

	// A good new copy replaces it.
	srv.set(inhouse(12), 0)
	res, _ = r.Refresh(ctx, "inhouse")
	if res.Outcome != OutcomeLoaded || res.Entities != 13 {
		t.Errorf("good copy: %+v", res)
	}
	if st := r.Lists()[1]; st.LastError != "" {
		t.Errorf("error not cleared after a good load: %q", st.LastError)
	}
}

func TestURLListServesCacheWithoutNetwork(t *testing.T) {
	srv := &listServer{body: inhouse(5)}
	ts := httptest.NewServer(srv)
	cache := t.TempDir()
	url := ts.URL + "/inhouse.csv"
	if err := newURLRegistry(t, url, cache).Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts.Close() // the network is gone

	r := newURLRegistry(t, url, cache)
	if err := r.Load(context.Background()); err != nil {
		t.Fatalf("restart without network: %v", err)
	}
	if err := r.Ready(); err != nil {
		t.Errorf("not ready on the cached copy: %v", err)
	}
	st := r.Lists()[1]
	if st.Entities != 6 || !strings.Contains(st.LastError, "cached copy") {
		t.Errorf("status = %+v, want 6 entities and an error saying the cache serves", st)
	}
	if _, err := os.Stat(filepath.Join(cache, "inhouse", "inhouse.csv")); err != nil {
		t.Errorf("cache file: %v", err)
	}
}

func TestPathListFailureDoesNotBlockOthers(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte(inhouse(3)), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{
		Matching: match.Config{Threshold: 0.85, Limit: 10},
		Lists: []Config{
			{ID: "missing", Format: "custom_csv", Path: filepath.Join(dir, "nope.csv")},
			{ID: "good", Format: "custom_csv", Path: good},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Load(context.Background()); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Load error = %v, want one naming the missing list", err)
	}
	if err := r.Ready(); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Ready = %v, want not ready naming the missing list", err)
	}
	res, err := r.Screen(context.Background(), match.Query{Name: "Qwertyuiop Trading LLC", Lists: []string{"good"}})
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("good list not screened: %v %v", res, err)
	}
}

// servedRegistry is a registry of one in-house list served over HTTP,
// loaded from body; the server lives as long as the test.
func servedRegistry(t *testing.T, body string) (*Registry, *listServer) {
	t.Helper()
	srv := &listServer{body: body}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	r := newURLRegistry(t, ts.URL+"/inhouse.csv", t.TempDir())
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r, srv
}

// Screening while lists are swapped must never see a half-built index.
func TestSwapIsAtomicUnderLoad(t *testing.T) {
	r, srv := servedRegistry(t, inhouse(50))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if hits := screenOne(t, r, "Qwertyuiop Trading LLC"); len(hits) == 0 {
					t.Error("a screening saw no list during a swap")
					return
				}
			}
		}()
	}
	for i := 1; i <= 20; i++ {
		srv.set(inhouse(50+i), 0)
		if res, _ := r.Refresh(context.Background(), "inhouse"); res.Outcome != OutcomeLoaded {
			t.Errorf("refresh %d: %+v", i, res)
		}
	}
	cancel()
	wg.Wait()
}

// A screening reports the version of each list it ran against, from the
// index that screened it: while refreshes swap copies of a list, each
// answer's hits are those of the version it names, and a batch runs
// against one version throughout.
func TestScreeningReportsTheVersionItRan(t *testing.T) {
	r, srv := servedRegistry(t, inhouse(50))
	// Version -> how many vendors that copy lists: vendor 60 is listed
	// from the tenth copy on.
	vendors := map[string]int{}
	versionOf := func(body string) string {
		sum := sha256.Sum256([]byte(body))
		return "sha256:" + hex.EncodeToString(sum[:])[:12]
	}
	for n := 50; n <= 70; n++ {
		vendors[versionOf(inhouse(n))] = n
	}
	check := func(res match.Result) {
		if len(res.Lists) != 1 || res.Lists[0].ID != "inhouse" {
			t.Errorf("lists %+v, want inhouse alone", res.Lists)
			return
		}
		n, ok := vendors[res.Lists[0].Version]
		if !ok {
			t.Errorf("version %q is no copy served", res.Lists[0].Version)
			return
		}
		found := slices.ContainsFunc(res.Hits, func(h match.Hit) bool { return h.Entity.ID == "inhouse:v60" })
		if found != (n >= 60) {
			t.Errorf("copy of %d vendors (%s): vendor 60 found %v", n, res.Lists[0].Version, found)
		}
	}
	q := match.Query{Name: "Zenith Vendor 60 Holdings", Lists: []string{"inhouse", "inhouse"}}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		for ctx.Err() == nil {
			res, err := r.Screen(context.Background(), q)
			if err != nil {
				t.Error(err)
				return
			}
			check(res)
		}
	})
	wg.Go(func() {
		batch := slices.Repeat([]match.Query{q}, 200)
		for ctx.Err() == nil {
			out := r.ScreenBatch(context.Background(), batch, BatchOptions{Workers: 2})
			for _, o := range out {
				if o.Err != nil {
					t.Error(o.Err)
					return
				}
				check(o.Result)
				if !slices.Equal(o.Result.Lists, out[0].Result.Lists) {
					t.Errorf("one batch ran against %+v and %+v", out[0].Result.Lists, o.Result.Lists)
					return
				}
			}
		}
	})
	for n := 51; n <= 70; n++ {
		srv.set(inhouse(n), 0)
		if res, _ := r.Refresh(context.Background(), "inhouse"); res.Outcome != OutcomeLoaded || res.Version != versionOf(inhouse(n)) {
			t.Errorf("refresh to %d vendors: %+v", n, res)
		}
	}
	cancel()
	wg.Wait()
}

// Refreshes asked for while one runs share the one after it: a burst of
// calls reaches the source twice, every caller gets the answer of a
// refresh that started after it asked, and a caller that stops waiting
// does not stop the refresh.
func TestRefreshesArrivingTogetherShareOne(t *testing.T) {
	r, srv := servedRegistry(t, inhouse(10))
	gate := make(chan struct{})
	srv.mu.Lock()
	srv.gate = gate
	srv.mu.Unlock()
	before := srv.requests.Load()

	first := make(chan RefreshResult)
	go func() {
		res, _ := r.Refresh(context.Background(), "inhouse")
		first <- res
	}()
	for srv.requests.Load() == before { // the first refresh is at the source
		time.Sleep(time.Millisecond)
	}
	srv.set(inhouse(12), 0) // changed after the first refresh read it
	gone, stop := context.WithCancel(context.Background())
	stop()
	if _, err := r.Refresh(gone, "inhouse"); !errors.Is(err, context.Canceled) {
		t.Errorf("a caller that stopped waiting: %v, want context.Canceled", err)
	}
	var wg sync.WaitGroup
	results := make([]RefreshResult, 20)
	for i := range results {
		wg.Go(func() {
			res, err := r.Refresh(context.Background(), "inhouse")
			if err != nil {
				t.Error(err)
			}
			results[i] = res
		})
	}
	time.Sleep(200 * time.Millisecond) // let every caller join before the gate opens
	close(gate)
	wg.Wait()
	if res := <-first; res.Outcome != OutcomeUnchanged {
		t.Errorf("first refresh: %+v, want unchanged", res)
	}
	for i, res := range results {
		if res.Outcome != OutcomeLoaded || res.Entities != 13 {
			t.Errorf("caller %d: %+v, want the 13-entity copy loaded", i, res)
		}
	}
	if n := srv.requests.Load() - before; n != 2 {
		t.Errorf("the source was asked %d times, want 2", n)
	}
}

// A refresh that panics fails, and the copy serving stays: it runs on its
// own goroutine, where nothing else would recover it.
func TestRefreshThatPanicsFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inhouse.csv")
	if err := os.WriteFile(path, []byte(inhouse(3)), 0o644); err != nil {
		t.Fatal(err)
	}
	custom, loads := parsers["custom_csv"], 0 // no test here runs in parallel
	parsers["custom_csv"] = func(id, p string) (Loaded, error) {
		if loads++; loads > 1 {
			panic("parser exploded")
		}
		return custom(id, p)
	}
	defer func() { parsers["custom_csv"] = custom }()
	r, err := NewRegistry(zap.NewNop(), prometheus.NewRegistry(), Settings{
		Matching: match.Config{Threshold: 0.85, Limit: 10},
		Lists:    []Config{{ID: "inhouse", Format: "custom_csv", Path: path}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(inhouse(4)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := r.Refresh(context.Background(), "inhouse")
	if err != nil || res.Outcome != OutcomeFailed || !strings.Contains(res.Error, "parser exploded") {
		t.Errorf("refresh = %+v, %v; want failed, saying it panicked", res, err)
	}
	if hits := screenOne(t, r, "Qwertyuiop Trading"); len(hits) == 0 {
		t.Error("the copy serving stopped serving")
	}
}
