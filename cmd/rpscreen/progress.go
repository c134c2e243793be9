package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// How progress is shown.
const (
	redrawEvery      = 100 * time.Millisecond // a terminal bar is redrawn at most this often
	progressBarWidth = 30
	progressLinesMin = 1000 // elsewhere, a line per tenth for files at least this long
)

// progress reports a long screening on stderr. On a terminal it redraws a
// bar in place (count, percent, rate, ETA); elsewhere (a log file, a CI job)
// it writes a line at each tenth, and nothing for short files. It is not
// safe for concurrent use; ScreenBatch calls its callback one at a time.
type progress struct {
	w      io.Writer
	tty    bool
	total  int
	done   int
	start  time.Time
	now    func() time.Time
	drawn  time.Time // last redraw; zero before the first
	tenths int       // tenths reported so far, when not a terminal
}

func newProgress(w io.Writer, total int, tty bool, now func() time.Time) *progress {
	return &progress{w: w, tty: tty, total: total, start: now(), now: now}
}

// set records that done items of the total are screened.
func (p *progress) set(done int) {
	p.done = done
	if p.total <= 0 {
		return
	}
	if p.tty {
		if t := p.now(); p.drawn.IsZero() || t.Sub(p.drawn) >= redrawEvery {
			p.drawn = t
			fmt.Fprint(p.w, p.bar(t))
		}
		return
	}
	if p.total < progressLinesMin {
		return
	}
	if tenths := done * 10 / p.total; tenths > p.tenths {
		p.tenths = tenths
		fmt.Fprintf(p.w, "rpscreen: %d of %d items screened (%d%%)\n", done, p.total, tenths*10)
	}
}

// finish draws the bar a last time and ends its line.
func (p *progress) finish() {
	if p.tty && !p.drawn.IsZero() {
		fmt.Fprintln(p.w, p.bar(p.now()))
	}
}

// bar is one redraw: carriage return, the bar, and an erase to the end of
// the line for when the new line is shorter.
func (p *progress) bar(t time.Time) string {
	filled := p.done * progressBarWidth / p.total
	elapsed := t.Sub(p.start)
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed.Seconds()
	}
	eta := "?"
	switch {
	case p.done >= p.total:
		eta = "0s"
	case rate > 0:
		eta = time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("\r[%s%s] %d/%d %3d%%  %.0f/s  ETA %s\x1b[K",
		strings.Repeat("#", filled), strings.Repeat("-", progressBarWidth-filled),
		p.done, p.total, p.done*100/p.total, rate, eta)
}

// isTerminal says whether w is a terminal (a character device: good enough
// to decide whether to redraw a bar, with no dependency).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
