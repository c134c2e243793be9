package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rpscreen/rpscreen/match/matchtest"
)

const loadtestUsage = "rpscreen loadtest [--url URL] [--path /v1/screen|/healthz] [--duration 20s] [--concurrency 16] [--names FILE | --synthetic] [--batch N] [--timeout 10s] [--json]"

// Bounds on loadtest settings: enough to saturate a server, not a typo away
// from a runaway client.
const (
	maxLoadConcurrency = 1024
	maxLoadBatch       = 10_000
	syntheticQueries   = 10_000
	syntheticSeed      = 1 // the synth default, so synthetic names are near a synthetic list
)

// loadtestFlags are the settings of one load test run.
type loadtestFlags struct {
	url, path, names   string
	duration, timeout  time.Duration
	concurrency, batch int
	synthetic, json    bool
}

func (f *loadtestFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.url, "url", "http://127.0.0.1:8080", "base `URL` of a running rpscreen")
	fs.StringVar(&f.path, "path", "/v1/screen", "route to drive: /v1/screen (POST names) or a GET route such as /healthz")
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "how long to send requests")
	fs.IntVar(&f.concurrency, "concurrency", 16, fmt.Sprintf("requests in flight at once, 1..%d", maxLoadConcurrency))
	fs.StringVar(&f.names, "names", "", "names to screen: one per line, or a CSV `file` with a name column")
	fs.BoolVar(&f.synthetic, "synthetic", false, "screen generated names (the default for /v1/screen without --names)")
	fs.IntVar(&f.batch, "batch", 0, fmt.Sprintf("send N names per POST /v1/screen/batch instead of one per POST /v1/screen, 1..%d", maxLoadBatch))
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.BoolVar(&f.json, "json", false, "print the report as JSON")
}

// validate reports the first bad setting in words a user can act on.
func (f *loadtestFlags) validate() error {
	u, err := url.Parse(f.url)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return fmt.Errorf("--url %q: want an http(s) URL such as http://127.0.0.1:8080", f.url)
	case !strings.HasPrefix(f.path, "/"):
		return fmt.Errorf("--path %q: must start with /", f.path)
	case f.path == "/v1/screen/batch":
		return errors.New("--path /v1/screen/batch: use --path /v1/screen --batch N")
	case f.duration <= 0:
		return fmt.Errorf("--duration %s: must be positive", f.duration)
	case f.timeout <= 0:
		return fmt.Errorf("--timeout %s: must be positive", f.timeout)
	case f.concurrency < 1 || f.concurrency > maxLoadConcurrency:
		return fmt.Errorf("--concurrency %d: must be between 1 and %d", f.concurrency, maxLoadConcurrency)
	case f.batch < 0 || f.batch > maxLoadBatch:
		return fmt.Errorf("--batch %d: must be between 1 and %d (0: one name per request)", f.batch, maxLoadBatch)
	case f.names != "" && f.synthetic:
		return errors.New("--names and --synthetic: choose one source of names")
	case !f.screens() && (f.names != "" || f.synthetic || f.batch > 0):
		return fmt.Errorf("--names, --synthetic and --batch apply to --path /v1/screen only, not %s", f.path)
	}
	return nil
}

func (f *loadtestFlags) screens() bool { return f.path == "/v1/screen" }

// loadtest drives a running server for a bounded time and reports what it
// saw. Exit 0: every request succeeded; 1: some failed or the server could
// not be reached; 2: usage error.
func loadtest(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	var f loadtestFlags
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	f.register(fs)
	rest, code, ok := parseFlags(fs, loadtestUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("loadtest: unexpected argument %q (see rpscreen loadtest -h)", rest[0]))
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, "loadtest: "+err.Error())
	}
	plan, err := newLoadPlan(f)
	if err != nil {
		return usageError(stderr, "loadtest: "+err.Error())
	}
	// One request first: a server that is not there, or a wrong route,
	// fails in a line, not in a flood of errors.
	probe := plan.conn(f.timeout)
	status, _, err := plan.do(ctx, probe, 0, new(bytes.Buffer))
	probe.close()
	if err == nil && (status == http.StatusNotFound || status == http.StatusMethodNotAllowed) {
		err = fmt.Errorf("HTTP %d: no such route on this server", status)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rpscreen: loadtest: %s %s: %v\n", plan.method, plan.target, err)
		return exitMatch
	}
	rep := plan.run(ctx, f.timeout, f.duration, f.concurrency)
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.writeText(stdout)
	}
	if err != nil {
		return usageError(stderr, "writing the report: "+err.Error())
	}
	if rep.Errors > 0 {
		return exitMatch
	}
	return exitOK
}

// loadPlan is what every worker sends: the requests are encoded once.
type loadPlan struct {
	method, target, source string
	url                    *url.URL
	requests               [][]byte // whole HTTP requests, sent in turn
	perRequest             int      // names per request
	screens                bool
}

func newLoadPlan(f loadtestFlags) (*loadPlan, error) {
	p, bodies, err := planBodies(f)
	if err != nil {
		return nil, err
	}
	if p.url, err = url.Parse(p.target); err != nil {
		return nil, err
	}
	if len(bodies) == 0 {
		bodies = [][]byte{nil} // a GET
	}
	for _, body := range bodies {
		req, err := encodeRequest(p.method, p.target, body)
		if err != nil {
			return nil, err
		}
		p.requests = append(p.requests, req)
	}
	return p, nil
}

// conn is a new connection to the plan's server.
func (p *loadPlan) conn(timeout time.Duration) *loadConn { return newLoadConn(p.url, timeout) }

// planBodies returns the plan, but its requests, and the body of each
// request; none for a GET.
func planBodies(f loadtestFlags) (p *loadPlan, bodies [][]byte, err error) {
	p = &loadPlan{method: http.MethodGet, target: strings.TrimRight(f.url, "/") + f.path}
	if !f.screens() {
		return p, nil, nil
	}
	p.method, p.screens, p.perRequest = http.MethodPost, true, 1
	var names []string
	if f.names != "" {
		if names, err = readNames(f.names); err != nil {
			return nil, nil, err
		}
		p.source = fmt.Sprintf("%d names from %s", len(names), f.names)
	} else {
		names = matchtest.Names(syntheticSeed, syntheticQueries)
		p.source = fmt.Sprintf("%d synthetic names", len(names))
	}
	if f.batch == 0 {
		for _, n := range names {
			b, _ := json.Marshal(struct {
				Name string `json:"name"`
			}{n})
			bodies = append(bodies, b)
		}
		return p, bodies, nil
	}
	type item struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	p.target, p.perRequest = p.target+"/batch", f.batch
	for start := 0; start < len(names) || len(bodies) == 0; start += f.batch {
		items := make([]item, f.batch)
		for i := range items {
			items[i] = item{ID: fmt.Sprint(start + i), Name: names[(start+i)%len(names)]}
		}
		b, _ := json.Marshal(struct {
			Items []item `json:"items"`
		}{items})
		bodies = append(bodies, b)
	}
	return p, bodies, nil
}

// screenOutcome is the part of a batch response the report counts.
type screenOutcome struct {
	Results []struct {
		Status string `json:"status"`
	} `json:"results"`
}

// do sends request i and returns the response status and how many names
// came back potential matches; err is a failure to get a response.
func (p *loadPlan) do(ctx context.Context, conn *loadConn, i int, buf *bytes.Buffer) (status, matched int, err error) {
	status, err = conn.roundTrip(ctx, p.requests[i%len(p.requests)], buf)
	if err != nil {
		return 0, 0, err
	}
	if !p.screens || status != http.StatusOK {
		return status, 0, nil
	}
	if p.perRequest == 1 {
		screening, err := topStatus(buf.Bytes())
		if err != nil {
			return 0, 0, fmt.Errorf("%w: %v", errBadBody, err)
		}
		if screening == "potential_match" {
			matched++
		}
		return status, matched, nil
	}
	var out screenOutcome
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errBadBody, err)
	}
	for _, r := range out.Results {
		if r.Status == "potential_match" {
			matched++
		}
	}
	return status, matched, nil
}

// topStatus reads a single screening's status, which the response puts
// before its hits, and stops there: the load generator shares the machine
// with the server it measures, and decoding every hit would slow both.
func topStatus(body []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil {
		return "", err
	} else if t != json.Delim('{') {
		return "", fmt.Errorf("got %v, want an object", t)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return "", err
		}
		if key == "status" {
			var status string
			err := dec.Decode(&status)
			return status, err
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", err
		}
	}
	return "", nil
}

// run sends requests from concurrency workers until duration has passed or
// ctx ends, each worker keeping its own tally, merged at the end.
func (p *loadPlan) run(ctx context.Context, timeout, duration time.Duration, concurrency int) *loadReport {
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	tallies := make([]*loadTally, concurrency)
	var wg sync.WaitGroup
	var next atomic.Int64 // the requests go out in order, whichever worker is free
	// A dial or read fails at the deadline a moment before ctx says so.
	deadline, _ := ctx.Deadline()
	over := func() bool { return ctx.Err() != nil || !time.Now().Before(deadline) }
	start := time.Now()
	for w := range tallies {
		t := newLoadTally()
		tallies[w] = t
		wg.Go(func() {
			conn, buf := p.conn(timeout), new(bytes.Buffer)
			defer conn.close()
			for !over() {
				i := int(next.Add(1) - 1)
				begin := time.Now()
				status, matched, err := p.do(ctx, conn, i, buf)
				took := time.Since(begin)
				if err != nil && over() {
					return // cut off by the end of the run: not the server's fault
				}
				t.add(took, status, matched, err)
			}
		})
	}
	wg.Wait()
	return newLoadReport(p, time.Since(start), concurrency, tallies)
}
