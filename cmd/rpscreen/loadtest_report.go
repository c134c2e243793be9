package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// errBadBody is a 200 response whose body is not a screening result.
var errBadBody = errors.New("bad response body")

// loadTally is one worker's record; workers never share one.
type loadTally struct {
	lat       []time.Duration // every response, whatever its status
	statuses  map[int]int
	transport map[string]int
	matched   int // names reported potential_match in 200 responses
	ok        int // 200 responses
}

func newLoadTally() *loadTally {
	return &loadTally{lat: make([]time.Duration, 0, 4096), statuses: map[int]int{}, transport: map[string]int{}}
}

func (t *loadTally) add(took time.Duration, status, matched int, err error) {
	if err != nil {
		t.transport[failureKind(err)]++
		return
	}
	t.lat = append(t.lat, took)
	t.statuses[status]++
	if status == 200 {
		t.ok++
		t.matched += matched
	}
}

// failureKind names a failed request in a few words for the report.
func failureKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, errBadBody):
		return "bad response body"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	}
	return "other"
}

// loadReport is what a run saw; --json prints it as it is.
type loadReport struct {
	Method      string         `json:"method"`
	URL         string         `json:"url"`
	Names       string         `json:"names,omitempty"`
	PerRequest  int            `json:"names_per_request,omitempty"`
	Concurrency int            `json:"concurrency"`
	Seconds     float64        `json:"duration_seconds"`
	Requests    int            `json:"requests"`
	PerSecond   float64        `json:"requests_per_second"`
	Errors      int            `json:"errors"`
	Statuses    map[string]int `json:"responses_by_status"`
	Transport   map[string]int `json:"transport_errors"`
	Latency     loadLatency    `json:"latency_ms"`
	// Screened counts the names in 200 responses; Matched is the share of
	// them the server called potential_match.
	Screened       int      `json:"names_screened,omitempty"`
	NamesPerSecond float64  `json:"names_per_second,omitempty"`
	Matched        *float64 `json:"potential_match_share,omitempty"`
}

type loadLatency struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	P999 float64 `json:"p99_9"`
	Max  float64 `json:"max"`
}

func newLoadReport(p *loadPlan, took time.Duration, concurrency int, tallies []*loadTally) *loadReport {
	r := &loadReport{Method: p.method, URL: p.target, Names: p.source, Concurrency: concurrency,
		Seconds: took.Seconds(), Statuses: map[string]int{}, Transport: map[string]int{}}
	var lat []time.Duration
	matched, ok := 0, 0
	for _, t := range tallies {
		lat = append(lat, t.lat...)
		for code, n := range t.statuses {
			r.Statuses[strconv.Itoa(code)] += n
			r.Requests += n
			if code < 200 || code > 299 {
				r.Errors += n
			}
		}
		for kind, n := range t.transport {
			r.Transport[kind] += n
			r.Requests += n
			r.Errors += n
		}
		matched, ok = matched+t.matched, ok+t.ok
	}
	r.PerSecond = float64(r.Requests) / took.Seconds()
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		ms := func(q float64) float64 { return float64(lat[int(q*float64(n-1))]) / float64(time.Millisecond) }
		r.Latency = loadLatency{P50: ms(0.5), P90: ms(0.9), P99: ms(0.99), P999: ms(0.999), Max: ms(1)}
	}
	if p.screens {
		r.PerRequest = p.perRequest
		r.Screened = ok * p.perRequest
		r.NamesPerSecond = float64(r.Screened) / took.Seconds()
		if r.Screened > 0 {
			share := float64(matched) / float64(r.Screened)
			r.Matched = &share
		}
	}
	return r
}

func (r *loadReport) writeText(w io.Writer) error {
	b := new(strings.Builder)
	fmt.Fprintf(b, "target       %s %s\n", r.Method, r.URL)
	if r.Names != "" {
		fmt.Fprintf(b, "names        %s, %d per request\n", r.Names, r.PerRequest)
	}
	fmt.Fprintf(b, "run          %.1fs at concurrency %d\n", r.Seconds, r.Concurrency)
	fmt.Fprintf(b, "requests     %d (%.1f/s)\n", r.Requests, r.PerSecond)
	if r.Screened > 0 {
		fmt.Fprintf(b, "screened     %d names (%.1f/s)\n", r.Screened, r.NamesPerSecond)
	}
	fmt.Fprintf(b, "errors       %d\n", r.Errors)
	for _, code := range slices.Sorted(maps.Keys(r.Statuses)) {
		fmt.Fprintf(b, "  HTTP %s   %d\n", code, r.Statuses[code])
	}
	for _, kind := range slices.Sorted(maps.Keys(r.Transport)) {
		fmt.Fprintf(b, "  %s   %d\n", kind, r.Transport[kind])
	}
	l := r.Latency
	fmt.Fprintf(b, "latency ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n", l.P50, l.P90, l.P99, l.P999, l.Max)
	if r.Matched != nil {
		fmt.Fprintf(b, "potential_match  %.1f%% of names screened\n", 100**r.Matched)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// readNames reads the names to screen: a CSV file with a name column
// (detected by its header), or else one name per line. Blank lines and
// lines starting with # are skipped.
func readNames(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--names: %w", err)
	}
	raw = []byte(strings.TrimPrefix(string(raw), "\uFEFF"))
	first, _, _ := strings.Cut(string(raw), "\n")
	header, herr := csv.NewReader(strings.NewReader(first)).Read()
	col := -1
	if herr == nil {
		col = slices.IndexFunc(header, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), "name") })
	}
	var names []string
	switch {
	case col >= 0:
		rd := csv.NewReader(strings.NewReader(string(raw)))
		rd.FieldsPerRecord = -1
		rows, err := rd.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("--names %s: %w", path, err)
		}
		for _, row := range rows[1:] {
			if col < len(row) {
				names = append(names, strings.TrimSpace(row[col]))
			}
		}
	case strings.EqualFold(filepath.Ext(path), ".csv"):
		return nil, fmt.Errorf("--names %s: a CSV file needs a header with a name column", path)
	default:
		sc := bufio.NewScanner(strings.NewReader(string(raw)))
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); !strings.HasPrefix(line, "#") {
				names = append(names, line)
			}
		}
	}
	names = slices.DeleteFunc(names, func(s string) bool { return s == "" })
	if len(names) == 0 {
		return nil, fmt.Errorf("--names %s: no names", path)
	}
	return names, nil
}
