package lists

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// Outcomes of a load or refresh.
const (
	OutcomeLoaded    = "loaded"    // a new copy is serving
	OutcomeUnchanged = "unchanged" // the source has nothing newer
	OutcomeFailed    = "failed"    // the previous copy, if any, keeps serving
)

// RefreshResult says what one load or refresh of a list did.
type RefreshResult struct {
	List     string `json:"list"`
	Outcome  string `json:"outcome"`
	Entities int    `json:"entities"` // in the copy serving afterwards
	Version  string `json:"version"`
	Error    string `json:"error,omitempty"`
	Took     string `json:"took"`
}

// Load loads every list once, several at a time. A list that fails is
// reported on Lists and Ready while the others load. It returns the failures
// joined, for callers (the CLI) that cannot work without them.
func (r *Registry) Load(ctx context.Context) error {
	r.indexMu.Lock()
	r.bulk = true
	r.indexMu.Unlock()
	defer func() {
		r.indexMu.Lock()
		r.bulk = false
		start := time.Now()
		r.rebuild(nil, nil)
		r.indexMu.Unlock()
		ents, names := r.index.Load().ix.Len()
		r.log.Info("index built", zap.Int("entities", ents), zap.Int("names", names), zap.Duration("took", time.Since(start)))
	}()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	for _, id := range r.order {
		wg.Add(1)
		sem <- struct{}{}
		go func(l *list) {
			defer func() { <-sem; wg.Done() }()
			if res := r.refresh(ctx, l); res.Outcome == OutcomeFailed {
				mu.Lock()
				errs = append(errs, fmt.Errorf("list %s: %s", l.cfg.ID, res.Error))
				mu.Unlock()
			}
		}(r.lists[id])
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Refresh loads the list again now, from its source. A call that arrives
// while a refresh of the list runs waits for the one after it, which every
// call arriving meanwhile shares: each caller's refresh starts after it
// asked, and a burst of calls (a retry loop, a misconfigured cron) loads
// the list twice, not once per call. The refresh runs to its end if the
// caller stops waiting, who gets ctx's error; the only other error is an
// unknown list.
func (r *Registry) Refresh(ctx context.Context, id string) (RefreshResult, error) {
	l, ok := r.lists[id]
	if !ok {
		return RefreshResult{}, fmt.Errorf("%w: %q", match.ErrUnknownList, id)
	}
	l.nextMu.Lock()
	call := l.next
	if call == nil {
		call = &refreshCall{done: make(chan struct{})}
		l.next = call
		go r.runShared(context.WithoutCancel(ctx), l, call)
	}
	l.nextMu.Unlock()
	select {
	case <-call.done:
		return call.res, nil
	case <-ctx.Done():
		return RefreshResult{}, ctx.Err()
	}
}

// refreshCall is one refresh that callers of Refresh share.
type refreshCall struct {
	done chan struct{}
	res  RefreshResult
}

// runShared runs call once the refresh running ends; from the moment it
// starts, callers wait for the next one. It runs on its own goroutine,
// where no HTTP middleware would recover a panic: one becomes the
// refresh's failure, and the previous copy keeps serving.
func (r *Registry) runShared(ctx context.Context, l *list, call *refreshCall) {
	defer close(call.done)
	l.loading.Lock()
	defer l.loading.Unlock()
	l.nextMu.Lock()
	l.next = nil
	l.nextMu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("panic while refreshing a list", zap.String("list", l.cfg.ID),
				zap.Any("panic", v), zap.ByteString("stack", debug.Stack()))
			call.res = RefreshResult{List: l.cfg.ID, Outcome: OutcomeFailed, Error: fmt.Sprintf("refresh panicked: %v", v)}
		}
	}()
	call.res = r.refreshLocked(ctx, l)
}

// Run refreshes every list that has a refresh interval until ctx ends.
func (r *Registry) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, id := range r.order {
		l := r.lists[id]
		if l.cfg.Refresh <= 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(l.cfg.Refresh)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					r.refresh(ctx, l)
				}
			}
		}()
	}
	wg.Wait()
}

func (r *Registry) refresh(ctx context.Context, l *list) RefreshResult {
	l.loading.Lock()
	defer l.loading.Unlock()
	return r.refreshLocked(ctx, l)
}

// refreshLocked loads l from its source; the caller holds l.loading.
func (r *Registry) refreshLocked(ctx context.Context, l *list) RefreshResult {
	start := time.Now()
	outcome, warning, err := r.loadFromSource(ctx, l)
	res := RefreshResult{List: l.cfg.ID, Outcome: outcome, Took: time.Since(start).Round(time.Millisecond).String()}
	if s := l.serving.Load(); s != nil {
		res.Entities, res.Version = len(s.entities), s.version
	}
	switch {
	case err != nil:
		res.Outcome, res.Error = OutcomeFailed, err.Error()
		l.setErr(err.Error())
		r.metrics.failed(l.cfg.ID)
		r.log.Error("list load failed", zap.String("list", l.cfg.ID), zap.Error(err),
			zap.Bool("previous_copy_serving", l.serving.Load() != nil))
	case warning != nil:
		res.Error = warning.Error()
		l.setErr(warning.Error())
		r.metrics.failed(l.cfg.ID)
		r.log.Warn("list loaded from cache", zap.String("list", l.cfg.ID), zap.Error(warning))
	default:
		l.setErr("")
	}
	if outcome == OutcomeUnchanged && err == nil {
		// The source was checked and is current: the list is as fresh as a
		// new load, which is what the staleness alert watches.
		r.metrics.checked(l.cfg.ID, time.Now())
	}
	if outcome == OutcomeLoaded {
		s := l.serving.Load()
		r.metrics.loaded(l.cfg.ID, len(s.entities), s.loadedAt)
		r.log.Info("list loaded", zap.String("list", l.cfg.ID), zap.String("source", l.cfg.Source()),
			zap.String("version", s.version), zap.String("published", s.published),
			zap.Int("entities", len(s.entities)), zap.Int("names", s.names), zap.Duration("took", time.Since(start)))
	}
	return res
}

// loadFromSource reads the list's source and, if it gives a new good copy,
// swaps it in. warning is set when a copy was loaded but not the newest
// (the download failed and the cached copy serves).
func (r *Registry) loadFromSource(ctx context.Context, l *list) (outcome string, warning, err error) {
	c := l.cfg
	switch {
	case c.ID == BuiltinListID:
		es, err := Builtin()
		if err != nil {
			return OutcomeFailed, nil, err
		}
		outcome, err := r.install(l, Loaded{Entities: es}, BuiltinVersion())
		return outcome, nil, err
	case c.Path != "":
		outcome, err := r.loadFile(l, c.Path)
		return outcome, nil, err
	}
	d, ferr := r.fetcher.fetch(ctx, c.ID, c.URL, companions(c.Format, fileName(c.URL)))
	if ferr != nil {
		if l.serving.Load() == nil {
			if cached := filepath.Join(r.fetcher.cfg.CacheDir, c.ID, fileName(c.URL)); fileExists(cached) {
				outcome, err := r.loadFile(l, cached)
				if err != nil {
					return OutcomeFailed, nil, fmt.Errorf("download failed (%v), and so did the cached copy: %w", ferr, err)
				}
				return outcome, fmt.Errorf("download failed, serving the cached copy: %w", ferr), nil
			}
		}
		return OutcomeFailed, nil, ferr
	}
	if !d.changed() && l.serving.Load() != nil {
		return OutcomeUnchanged, nil, nil
	}
	outcome, err = r.loadFile(l, d.readPath())
	if err != nil {
		d.discard()
		return OutcomeFailed, nil, err
	}
	if err := d.commit(); err != nil {
		return outcome, err, nil // serving the new copy; the cache keeps the old
	}
	return outcome, nil, nil
}

// loadFile parses a list file (and its companions) and installs it.
func (r *Registry) loadFile(l *list, path string) (string, error) {
	version, err := contentHash(path, companions(l.cfg.Format, filepath.Base(path)))
	if err != nil {
		return OutcomeFailed, err
	}
	if s := l.serving.Load(); s != nil && s.version == version {
		return OutcomeUnchanged, nil
	}
	parse, err := parserFor(l.cfg.Format)
	if err != nil {
		return OutcomeFailed, err
	}
	loaded, err := parse(l.cfg.ID, path)
	if err != nil {
		return OutcomeFailed, err
	}
	return r.install(l, loaded, version)
}

// install checks a parsed copy and, if it is sane, makes it the one serving.
func (r *Registry) install(l *list, loaded Loaded, version string) (string, error) {
	prev := l.serving.Load()
	n := len(loaded.Entities)
	if n == 0 {
		return OutcomeFailed, errors.New("the new copy holds no entities; keeping the previous one")
	}
	if prev != nil && float64(n) < float64(len(prev.entities))*(1-l.cfg.maxShrink()) {
		return OutcomeFailed, fmt.Errorf("the new copy holds %d entities against %d serving, a loss of more than max_shrink %.0f%%; keeping the previous one",
			n, len(prev.entities), l.cfg.maxShrink()*100)
	}
	snap := &snapshot{
		entities:  make(map[string]*match.Entity, n),
		loadedAt:  time.Now().UTC(),
		version:   version,
		published: loaded.Published,
	}
	dups := 0
	for _, e := range loaded.Entities {
		if _, taken := snap.entities[e.ID]; taken {
			// Keep both records of a list that repeats an id: screening
			// must see every name it publishes.
			dups++
			e.ID = fmt.Sprintf("%s~%d", e.ID, dups)
		}
		snap.entities[e.ID] = e
		snap.names += 1 + len(e.Aliases)
	}
	if dups > 0 {
		r.log.Warn("list repeats entity ids", zap.String("list", l.cfg.ID), zap.Int("repeated", dups))
	}
	snap.corpus = match.NewCorpus(l.cfg.ID, loaded.Entities)
	r.indexMu.Lock()
	defer r.indexMu.Unlock()
	if r.bulk {
		l.serving.Store(snap) // Load builds the index once every list is in
	} else {
		r.rebuild(l, snap)
	}
	return OutcomeLoaded, nil
}

// contentHash identifies a copy of a list by the bytes of its files.
func contentHash(path string, companionNames []string) (string, error) {
	h := sha256.New()
	files := []string{path}
	for _, c := range companionNames {
		if p := filepath.Join(filepath.Dir(path), c); fileExists(p) {
			files = append(files, p)
		}
	}
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("read %s: %w", p, err)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:12], nil
}
