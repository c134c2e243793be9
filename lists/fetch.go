package lists

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// FetchConfig says how lists configured by url are downloaded and kept.
type FetchConfig struct {
	// CacheDir keeps the last good copy of every downloaded list, so a
	// restart without network serves it.
	CacheDir  string        `yaml:"cache_dir"`
	Timeout   time.Duration `yaml:"timeout"`   // per attempt
	MaxBytes  int64         `yaml:"max_bytes"` // per file
	Retries   int           `yaml:"retries"`   // further attempts after a failure
	Backoff   time.Duration `yaml:"backoff"`   // before the first retry; doubles
	UserAgent string        `yaml:"user_agent"`
}

// Validate reports the first out-of-range setting.
func (c FetchConfig) Validate() error {
	switch {
	case c.CacheDir == "":
		return errors.New("fetch.cache_dir: must be set")
	case c.Timeout <= 0:
		return errors.New("fetch.timeout: must be positive")
	case c.MaxBytes <= 0:
		return errors.New("fetch.max_bytes: must be positive")
	case c.Retries < 0 || c.Retries > 10:
		return errors.New("fetch.retries: must be between 0 and 10")
	case c.Backoff < 0:
		return errors.New("fetch.backoff: must not be negative")
	}
	return nil
}

// cacheMeta is what a conditional GET needs to ask "has it changed?".
type cacheMeta struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
}

// download is a fetched list: its main file and any companion files,
// waiting for the list to parse and pass the sanity check. Only then does it
// replace the cached copy.
type download struct {
	dir     string               // the list's cache directory
	main    string               // the main file's name in dir
	staging string               // a directory of new files; "" when nothing changed
	metas   map[string]cacheMeta // new cache metadata by file name
}

type fetcher struct {
	cfg    FetchConfig
	client *http.Client
	sleep  func(context.Context, time.Duration) error
}

func newFetcher(cfg FetchConfig) *fetcher {
	return &fetcher{cfg: cfg, client: &http.Client{Timeout: cfg.Timeout}, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// fileName is the cache name of a downloaded file: its URL's base name,
// lower case, as the loaders expect ("SDN.CSV" is kept as sdn.csv).
func fileName(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		if b := path.Base(u.Path); b != "/" && b != "." && b != "" {
			return strings.ToLower(b)
		}
	}
	return "list"
}

// companionURL is the URL of a companion file published beside rawURL,
// written in the case the main file's name uses.
func companionURL(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	base := path.Base(u.Path)
	if base == strings.ToUpper(base) {
		name = strings.ToUpper(name)
	}
	u.Path = path.Join(path.Dir(u.Path), name)
	return u.String()
}

// fetch downloads a list's main file and its companions (which may be
// absent), asking only for copies newer than the cached ones. A download
// whose files all answered 304 has no staging directory.
func (f *fetcher) fetch(ctx context.Context, listID, rawURL string, companions []string) (*download, error) {
	d := &download{dir: filepath.Join(f.cfg.CacheDir, listID), main: fileName(rawURL), metas: map[string]cacheMeta{}}
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache dir: %w", err)
	}
	staging, err := os.MkdirTemp(d.dir, ".staging-")
	if err != nil {
		return nil, fmt.Errorf("cache dir: %w", err)
	}
	changed := false
	files := []struct {
		url, name string
		optional  bool
	}{{rawURL, d.main, false}}
	for _, c := range companions {
		files = append(files, struct {
			url, name string
			optional  bool
		}{companionURL(rawURL, c), c, true})
	}
	for _, file := range files {
		got, err := f.fetchFile(ctx, file.url, filepath.Join(d.dir, file.name), filepath.Join(staging, file.name))
		if err != nil {
			if file.optional && errors.Is(err, errNotFound) {
				continue
			}
			_ = os.RemoveAll(staging)
			return nil, err
		}
		if got != nil {
			changed = true
			d.metas[file.name] = *got
		}
	}
	if !changed {
		_ = os.RemoveAll(staging)
		return d, nil
	}
	// Files that did not change are linked in, so the staging directory
	// holds the complete new copy the loader reads.
	entries, _ := os.ReadDir(d.dir)
	for _, e := range entries {
		src, dst := filepath.Join(d.dir, e.Name()), filepath.Join(staging, e.Name())
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), ".meta.json") && !fileExists(dst) {
			if err := os.Link(src, dst); err != nil {
				_ = os.RemoveAll(staging)
				return nil, fmt.Errorf("cache: %w", err)
			}
		}
	}
	d.staging = staging
	return d, nil
}

var errNotFound = errors.New("not found")

// fetchFile gets one file into staged, retrying server and network failures
// with backoff. It returns nil metadata when the cached copy is current.
func (f *fetcher) fetchFile(ctx context.Context, rawURL, cached, staged string) (*cacheMeta, error) {
	var old cacheMeta
	if b, err := os.ReadFile(cached + ".meta.json"); err == nil && fileExists(cached) {
		_ = json.Unmarshal(b, &old) // a bad meta file only costs a full download
	}
	wait := f.cfg.Backoff
	var lastErr error
	for attempt := 0; attempt <= f.cfg.Retries; attempt++ {
		if attempt > 0 {
			if err := f.sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("get %s: %w (after: %v)", rawURL, err, lastErr)
			}
			wait *= 2
		}
		meta, retry, err := f.get(ctx, rawURL, old, staged)
		if err == nil {
			return meta, nil
		}
		lastErr = err
		if !retry {
			break
		}
	}
	return nil, lastErr
}

// get makes one attempt. It reports whether a failure is worth retrying.
func (f *fetcher) get(ctx context.Context, rawURL string, old cacheMeta, staged string) (*cacheMeta, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, false, fmt.Errorf("get %s: %w", rawURL, err)
	}
	if f.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", f.cfg.UserAgent)
	}
	if old.URL == rawURL {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, fmt.Errorf("get %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && old.URL == rawURL:
		return nil, false, nil
	case resp.StatusCode == http.StatusNotFound:
		return nil, false, fmt.Errorf("get %s: %s: %w", rawURL, resp.Status, errNotFound)
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, true, fmt.Errorf("get %s: %s", rawURL, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("get %s: %s", rawURL, resp.Status)
	}
	if err := f.save(resp.Body, staged); err != nil {
		_ = os.Remove(staged)
		return nil, ctx.Err() == nil, fmt.Errorf("get %s: %w", rawURL, err)
	}
	return &cacheMeta{URL: rawURL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), FetchedAt: time.Now().UTC()}, false, nil
}

func (f *fetcher) save(body io.Reader, dst string) error {
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(body, f.cfg.MaxBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if n > f.cfg.MaxBytes {
		return fmt.Errorf("larger than fetch.max_bytes (%d bytes)", f.cfg.MaxBytes)
	}
	return nil
}

// readPath is the main file the list is parsed from: in the staging
// directory when something changed, else the cached copy.
func (d *download) readPath() string {
	if d.staging != "" {
		return filepath.Join(d.staging, d.main)
	}
	return filepath.Join(d.dir, d.main)
}

// changed reports whether the server had anything newer than the cache.
func (d *download) changed() bool { return d.staging != "" }

// commit makes the staged files the cached copy, once they have parsed.
func (d *download) commit() error {
	if d.staging == "" {
		return nil
	}
	for name, meta := range d.metas {
		if err := os.Rename(filepath.Join(d.staging, name), filepath.Join(d.dir, name)); err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		b, err := json.Marshal(meta)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(d.dir, name+".meta.json"), b, 0o644); err != nil {
			return fmt.Errorf("cache: %w", err)
		}
	}
	d.discard()
	return nil
}

// discard drops a staged download that failed to parse or was committed.
func (d *download) discard() {
	if d.staging != "" {
		_ = os.RemoveAll(d.staging)
		d.staging = ""
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
