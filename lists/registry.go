package lists

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// snapshot is one fully built copy of a list. It is never changed after it
// is published, so a request that holds one sees a consistent index.
type snapshot struct {
	corpus    *match.Corpus
	entities  map[string]*match.Entity
	names     int
	loadedAt  time.Time
	version   string // content hash
	published string // the publisher's date, where the file has one
}

// list is one configured list: the copy it serves and what happened last.
type list struct {
	cfg     Config
	serving atomic.Pointer[snapshot]
	loading sync.Mutex // one load or refresh of a list at a time

	nextMu sync.Mutex
	next   *refreshCall // the refresh callers wait for while one runs: see Refresh

	mu      sync.Mutex // guards lastErr
	lastErr string
}

// Registry holds every loaded list and screens queries against them. It is
// safe for concurrent use; a list is replaced only by a complete new copy.
type Registry struct {
	log      *zap.Logger
	metrics  *metrics
	defaults match.Config
	fetcher  *fetcher
	order    []string // list ids, built-in first, in configuration order
	lists    map[string]*list

	// index covers every serving list, so a query looks its words up once
	// and word weights count every list. It is rebuilt, under indexMu,
	// whenever a list changes, and swapped together with the list.
	index   atomic.Pointer[servedIndex]
	indexMu sync.Mutex
	bulk    bool // Load is installing lists and builds the index once at the end

	statuses atomic.Pointer[statusCache] // what Lists last built
}

// servedIndex is an index and the version of each list it was built from,
// swapped in as one: a screening reports the versions it ran against, even
// when a refresh lands while it runs.
type servedIndex struct {
	ix    *match.Index
	lists []match.ListVersion // every list in ix, in configured order
}

// screened is the lists a screening on sv ran against (see
// match.SelectLists); none before any index serves.
func (sv *servedIndex) screened(requested []string) []match.ListVersion {
	if sv == nil {
		return match.SelectLists(nil, requested)
	}
	return match.SelectLists(sv.lists, requested)
}

// statusCache is the statuses Lists built, and the state of each list
// they were built from.
type statusCache struct {
	from []listState
	out  []Status
}

// listState is all of a list's status that changes.
type listState struct {
	serving *snapshot
	lastErr string
}

// Settings configure a Registry.
type Settings struct {
	Matching match.Config
	Lists    []Config
	Fetch    FetchConfig // used by lists configured with a url
}

// NewRegistry checks the settings and prepares the lists; nothing is loaded
// until Load.
func NewRegistry(log *zap.Logger, m Metrics, s Settings) (*Registry, error) {
	if err := s.Matching.Validate(); err != nil {
		return nil, err
	}
	if err := ValidateAll(s.Lists); err != nil {
		return nil, err
	}
	r := &Registry{log: log, metrics: newMetrics(m), defaults: s.Matching, lists: map[string]*list{}}
	for _, c := range s.Lists {
		if c.URL != "" && r.fetcher == nil {
			if err := s.Fetch.Validate(); err != nil {
				return nil, err
			}
			r.fetcher = newFetcher(s.Fetch)
		}
	}
	builtin := Config{ID: BuiltinListID, Format: "builtin", Path: "built-in"}
	for _, c := range append([]Config{builtin}, s.Lists...) {
		r.order = append(r.order, c.ID)
		r.lists[c.ID] = &list{cfg: c}
	}
	return r, nil
}

func (l *list) setErr(s string) {
	l.mu.Lock()
	l.lastErr = s
	l.mu.Unlock()
}

func (l *list) state() listState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return listState{serving: l.serving.Load(), lastErr: l.lastErr}
}

func (l *list) status(at listState) Status {
	st := Status{ID: l.cfg.ID, Format: l.cfg.Format, Source: l.cfg.Source(), LastError: at.lastErr}
	if s := at.serving; s != nil {
		loaded := s.loadedAt
		st.Entities, st.Names, st.LoadedAt, st.Version, st.Published = len(s.entities), s.names, &loaded, s.version, s.published
	}
	return st
}

// Lists reports every configured list, built-in first. Every screening
// response names the lists it ran against, so the statuses are built again
// only when a list has changed since the last call, and the slice is
// shared: callers must not change it.
func (r *Registry) Lists() []Status {
	if c := r.statuses.Load(); c != nil {
		same := true
		for i, id := range r.order {
			if r.lists[id].state() != c.from[i] {
				same = false
				break
			}
		}
		if same {
			return c.out
		}
	}
	c := &statusCache{from: make([]listState, len(r.order)), out: make([]Status, len(r.order))}
	for i, id := range r.order {
		l := r.lists[id]
		c.from[i] = l.state()
		c.out[i] = l.status(c.from[i])
	}
	r.statuses.Store(c)
	return c.out
}

// Ready is nil once every list has loaded at least once.
func (r *Registry) Ready() error {
	var missing []string
	for _, id := range r.order {
		if r.lists[id].serving.Load() == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("lists not loaded yet: %s", strings.Join(missing, ", "))
	}
	if r.index.Load() == nil {
		return errors.New("lists loaded, index not built yet")
	}
	return nil
}

// Entity returns the entity with the given id from whichever list holds it.
func (r *Registry) Entity(id string) (*match.Entity, error) {
	listID, _, ok := strings.Cut(id, ":")
	if l, known := r.lists[listID]; ok && known {
		if s := l.serving.Load(); s != nil {
			if e, found := s.entities[id]; found {
				return e, nil
			}
		}
	}
	return nil, fmt.Errorf("entity %q: %w", id, match.ErrNotFound)
}

// Screen screens one name against the requested lists (all when none).
func (r *Registry) Screen(ctx context.Context, q match.Query) (match.Result, error) {
	return r.screenOn(ctx, r.index.Load(), q)
}

// screenOn screens one name on sv, the index serving when it began.
func (r *Registry) screenOn(ctx context.Context, sv *servedIndex, q match.Query) (match.Result, error) {
	prepared, err := q.Prepare()
	if err != nil {
		return match.Result{}, err
	}
	ids := q.Lists
	if len(ids) == 0 {
		ids = r.order
	}
	for _, id := range ids {
		if _, ok := r.lists[id]; !ok {
			return match.Result{}, fmt.Errorf("%w: %q (loaded: %s)", match.ErrUnknownList, id, strings.Join(r.order, ", "))
		}
	}
	opts := match.SearchOptions{Threshold: r.defaults.Threshold, Limit: r.defaults.Limit, Type: q.Type, Country: q.Country}
	if q.Threshold != nil {
		opts.Threshold = *q.Threshold
	}
	if q.Limit != nil {
		opts.Limit = *q.Limit
	}
	if len(q.Lists) > 0 {
		opts.Lists = q.Lists // a list named twice is screened once all the same
	}
	if err := ctx.Err(); err != nil {
		return match.Result{}, err
	}
	var hits []match.Hit
	if sv != nil {
		hits = sv.ix.Search(prepared, opts)
	}
	res := match.Result{Normalized: prepared.Normalized(), Status: match.Clear, Hits: hits, Lists: sv.screened(q.Lists)}
	if len(hits) > 0 {
		res.Status = match.PotentialMatch
	}
	return res, nil
}

// Compare scores a query against one name with the word weights of the
// loaded lists, as Screen would score that name were it listed.
func (r *Registry) Compare(query, listed string) (float64, match.Explanation) {
	if sv := r.index.Load(); sv != nil {
		return sv.ix.Compare(query, listed)
	}
	return match.NewIndex(nil).Compare(query, listed)
}

// rebuild builds the index over every serving list, with next serving for
// l when l is not nil, and swaps it in together with next. Callers hold
// indexMu.
func (r *Registry) rebuild(l *list, next *snapshot) {
	corpora := make([]*match.Corpus, 0, len(r.order))
	var versions []match.ListVersion
	for _, id := range r.order {
		s := r.lists[id].serving.Load()
		if r.lists[id] == l {
			s = next
		}
		if s != nil {
			corpora = append(corpora, s.corpus)
			versions = append(versions, match.ListVersion{ID: id, Version: s.version})
		}
	}
	ix := match.Merge(corpora...)
	if l != nil {
		l.serving.Store(next)
	}
	r.index.Store(&servedIndex{ix: ix, lists: slices.Clip(versions)}) // shared: an append copies
	// What the new index replaced, and what building it left, are garbage
	// now: at a million names about as much again as the index. Go would
	// keep that memory and return it to the system slowly; a refresh would
	// leave the process at twice its size for minutes.
	debug.FreeOSMemory()
}

// Entities returns the entities of a loaded list in list order, or nil when
// the list is unknown or not loaded yet. Callers must not change them.
func (r *Registry) Entities(listID string) []*match.Entity {
	if l, ok := r.lists[listID]; ok {
		if s := l.serving.Load(); s != nil {
			return s.corpus.Entities()
		}
	}
	return nil
}
