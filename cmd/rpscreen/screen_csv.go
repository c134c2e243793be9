package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// chunkScreener screens one chunk of rows, locally or through a server;
// progress(done) says how many of the chunk are done so far.
type chunkScreener func(ctx context.Context, items []api.BatchItem, progress func(done int)) ([]api.BatchItemResult, []api.ListVersion, error)

// screenCSV screens every row of f.csvPath and writes the same CSV the API
// answers to f.out (stdout by default), with progress and a summary on
// stderr. Exit 1 when any row is a potential match; else 2 when any row
// could not be screened (its error column says why); else 0.
func screenCSV(ctx context.Context, f screenFlags, getenv func(string) string, stdout, stderr io.Writer) int {
	items, err := readCSVFile(f.csvPath)
	if err != nil {
		return usageError(stderr, "screen: "+err.Error())
	}

	var screenChunk chunkScreener
	if f.server != "" {
		srv, err := newRemote(f.server)
		if err != nil {
			return usageError(stderr, "screen: "+err.Error())
		}
		screenChunk = func(ctx context.Context, items []api.BatchItem, progress func(int)) ([]api.BatchItemResult, []api.ListVersion, error) {
			return srv.screenBatch(ctx, items, f, progress)
		}
	} else {
		registry, closeLog, msg := f.loadRegistry(ctx, getenv, stderr)
		if registry == nil {
			return usageError(stderr, msg)
		}
		defer closeLog()
		if err := knownLists(f.lists, registry.Lists()); err != nil {
			return usageError(stderr, "screen: "+err.Error())
		}
		screenChunk = localChunks(registry, f)
	}

	out, err := createOutput(f.out, stdout)
	if err != nil {
		return usageError(stderr, "screen: "+err.Error())
	}
	// Took is the screening time: the lists are loaded (or the server up).
	start := time.Now()
	prog := newProgress(stderr, len(items), isTerminal(stderr), time.Now)
	sum, screened, err := screenRows(ctx, items, screenChunk, api.NewBatchCSVWriter(out), prog)
	prog.finish()
	if err == nil {
		err = out.commit()
	} else {
		out.discard()
	}
	if err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted")
		}
		return usageError(stderr, "screen: "+err.Error())
	}

	fmt.Fprintf(stderr, "rpscreen: %d items screened in %s: %d potential %s, %d clear, %d %s%s\n",
		sum.Items, time.Since(start).Round(time.Millisecond), sum.PotentialMatch, plural(sum.PotentialMatch, "match", "matches"),
		sum.Clear, sum.Errors, plural(sum.Errors, "error", "errors"), out.where())
	fmt.Fprintf(stderr, "rpscreen: lists: %s\n", listVersions(screened))
	switch {
	case sum.PotentialMatch > 0:
		return exitMatch
	case sum.Errors > 0:
		return exitUsage
	}
	return exitOK
}

// readCSVFile reads the rows to screen; errors name the file and line.
func readCSVFile(path string) ([]api.BatchItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	items, err := api.ReadBatchCSV(f, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: no rows to screen after the header", path)
	}
	return items, nil
}

// screenRows screens the rows chunk by chunk, writing each chunk's results
// as it completes, so memory holds one chunk of results at a time.
func screenRows(ctx context.Context, items []api.BatchItem, screenChunk chunkScreener, w *api.BatchCSVWriter, prog *progress) (api.BatchSummary, []api.ListVersion, error) {
	var sum api.BatchSummary
	var screened []api.ListVersion
	if err := w.WriteHeader(); err != nil {
		return sum, nil, err
	}
	for start := 0; start < len(items); start += serverChunk {
		chunk := items[start:min(start+serverChunk, len(items))]
		results, lv, err := screenChunk(ctx, chunk, func(done int) { prog.set(start + done) })
		if err != nil {
			return sum, nil, fmt.Errorf("rows %d-%d: %w", start+1, start+len(chunk), err)
		}
		for i, r := range results {
			if err := w.Write(chunk[i], r); err != nil {
				return sum, nil, err
			}
			sum.Add(r)
		}
		if err := w.Flush(); err != nil {
			return sum, nil, fmt.Errorf("writing results: %w", err)
		}
		screened = lv
	}
	return sum, screened, nil
}

// localChunks screens chunks with the loaded registry. A row's invalid
// query is its own error (in the CSV); anything else stops the run.
func localChunks(registry *lists.Registry, f screenFlags) chunkScreener {
	return func(ctx context.Context, items []api.BatchItem, progress func(int)) ([]api.BatchItemResult, []api.ListVersion, error) {
		qs := make([]match.Query, len(items))
		for i, it := range items {
			qs[i] = it.Query(f.threshold, f.limit, f.lists)
		}
		found := registry.ScreenBatch(ctx, qs, lists.BatchOptions{Progress: func(done, _ int) { progress(done) }})
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		results := make([]api.BatchItemResult, len(found))
		for i, b := range found {
			if b.Err != nil && !errors.Is(b.Err, match.ErrInvalidQuery) {
				return nil, nil, fmt.Errorf("id %q: %w", items[i].ID, b.Err)
			}
			results[i] = api.NewBatchItemResult(items[i].ID, b.Result, b.Err)
		}
		return results, api.ScreenedLists(f.lists, registry.Lists()), nil
	}
}

// knownLists reports a --list id that is not configured.
func knownLists(requested []string, all []lists.Status) error {
	ids := make([]string, len(all))
	for i, st := range all {
		ids[i] = st.ID
	}
	for _, id := range requested {
		if !slices.Contains(ids, id) {
			return fmt.Errorf("%w: %q (loaded: %s)", match.ErrUnknownList, id, strings.Join(ids, ", "))
		}
	}
	return nil
}

func listVersions(lv []api.ListVersion) string {
	parts := make([]string, len(lv))
	for i, l := range lv {
		parts[i] = l.ID + " " + l.Version
	}
	return strings.Join(parts, ", ")
}

// output is where the CSV results go: stdout, or a file written beside its
// destination and renamed into place only when every row is written, so a
// failed run leaves any earlier results file as it was.
type output struct {
	io.Writer
	tmp  *os.File // nil for stdout
	path string
}

func createOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: stdout}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	return &output{Writer: tmp, tmp: tmp, path: path}, nil
}

func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	err := errors.Join(o.tmp.Chmod(0o644), o.tmp.Close())
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.path)
	}
	if err != nil {
		_ = os.Remove(o.tmp.Name())
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

func (o *output) discard() {
	if o.tmp != nil {
		_ = o.tmp.Close()
		_ = os.Remove(o.tmp.Name())
	}
}

func (o *output) where() string {
	if o.tmp == nil {
		return ""
	}
	return "; results in " + o.path
}
