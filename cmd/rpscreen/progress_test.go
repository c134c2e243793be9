package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step on every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

func TestProgressBarOnATerminal(t *testing.T) {
	var w bytes.Buffer
	p := newProgress(&w, 1000, true, fakeClock(50*time.Millisecond))
	for done := 1; done <= 1000; done++ {
		p.set(done)
	}
	p.finish()
	out := w.String()
	draws := strings.Split(out, "\r")[1:]
	// 1000 readings 50 ms apart, redrawn at most every 100 ms, plus the last.
	if len(draws) < 400 || len(draws) > 502 {
		t.Errorf("%d redraws", len(draws))
	}
	if first := draws[0]; !strings.HasPrefix(first, "[------------------------------] 1/1000   0%") || !strings.HasSuffix(first, "\x1b[K") {
		t.Errorf("first draw %q", first)
	}
	// Half way: 500 items in 25 s (one clock reading per item).
	var half string
	for _, d := range draws {
		if strings.Contains(d, " 500/1000 ") || strings.Contains(d, " 501/1000 ") {
			half = d
		}
	}
	if !strings.HasPrefix(half, "[###############---------------] 50") || !strings.Contains(half, " 50%  20/s  ETA 25s") {
		t.Errorf("half-way draw %q", half)
	}
	if last := draws[len(draws)-1]; !strings.HasPrefix(last, "[##############################] 1000/1000 100%") ||
		!strings.Contains(last, "ETA 0s") || !strings.HasSuffix(last, "\n") {
		t.Errorf("last draw %q", last)
	}
}

func TestProgressLinesElsewhere(t *testing.T) {
	var w bytes.Buffer
	p := newProgress(&w, 2000, false, fakeClock(time.Millisecond))
	for done := 0; done <= 2000; done += 100 {
		p.set(done)
	}
	p.finish()
	lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
	if len(lines) != 10 || lines[0] != "rpscreen: 200 of 2000 items screened (10%)" ||
		lines[9] != "rpscreen: 2000 of 2000 items screened (100%)" {
		t.Errorf("lines:\n%s", w.String())
	}
	// Chunks that jump several tenths give one line.
	w.Reset()
	p = newProgress(&w, 3000, false, fakeClock(time.Millisecond))
	p.set(1000)
	p.set(3000)
	if got := w.String(); got != "rpscreen: 1000 of 3000 items screened (30%)\nrpscreen: 3000 of 3000 items screened (100%)\n" {
		t.Errorf("chunked lines: %q", got)
	}
}

func TestProgressQuietForShortFiles(t *testing.T) {
	var w bytes.Buffer
	p := newProgress(&w, 999, false, fakeClock(time.Second))
	for done := 1; done <= 999; done++ {
		p.set(done)
	}
	p.finish()
	if w.Len() != 0 {
		t.Errorf("wrote %q for a short file", w.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
}
