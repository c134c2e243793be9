package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The web page, driven in headless Chromium against the real server (run on
// 127.0.0.1:0 with the embedded default config: the built-in list, no
// network). It skips when no Chromium is installed, unless
// RPSCREEN_REQUIRE_BROWSER=1; .ci/run installs Chromium and sets it.
// Screenshots land in $RPSCREEN_ARTIFACTS (default: rpscreen-artifacts in
// the temporary directory).

// findChromium returns the browser to drive, or skips (fails when a browser
// is required).
func findChromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("RPSCREEN_CHROMIUM"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	msg := "no Chromium found (set RPSCREEN_CHROMIUM, or apt-get install chromium): the browser test of the web page did not run"
	if os.Getenv("RPSCREEN_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + ", and RPSCREEN_REQUIRE_BROWSER=1")
	}
	t.Skip(msg)
	return ""
}

func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("RPSCREEN_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "rpscreen-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artefacts directory: %v", err)
	}
	return dir
}

// browser is one headless Chromium tab with a bound on every step.
type browser struct {
	t         *testing.T
	ctx       context.Context
	artifacts string

	mu     sync.Mutex
	errors []string // console errors, exceptions, CSP violations
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	execPath := findChromium(t)
	userData := t.TempDir() // made before the browser starts, so removed after it stops

	// Bounds the whole browser session, start included.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1366, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// Cleanups run last-in first-out: the tab, the browser, then the bound.
	t.Cleanup(cancel)
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancelTab)

	b := &browser{t: t, ctx: tabCtx, artifacts: artifactsDir(t)}
	if err := chromedp.Do(tabCtx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", execPath, err)
	}
	err := chromedp.Listen(tabCtx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				msg = "console.error"
			}
		case *cdplog.EventEntryAdded:
			// Network entries are the 4xx answers the test asks for; a
			// blocked script or style (CSP) is a "security" entry.
			if ev.Entry.Level == cdplog.EntryLevelError && ev.Entry.Source != cdplog.EntrySourceNetwork {
				msg = fmt.Sprintf("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		}
		if msg != "" {
			b.mu.Lock()
			b.errors = append(b.errors, msg)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("listen to the browser: %v", err)
	}
	return b
}

// do runs one step within its own time bound.
func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// evalJS evaluates a JavaScript expression within a time bound.
func evalJS[T any](b *browser, step, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	return v
}

// screenshot saves the whole page as a PNG artefact.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	b.save(name, png)
}

func (b *browser) save(name string, png []byte) {
	b.t.Helper()
	path := filepath.Join(b.artifacts, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	b.t.Logf("screenshot: %s (%d KB)", path, len(png)/1024)
}

// viewportScreenshot saves what the screen shows now as a PNG artefact.
func (b *browser) viewportScreenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	b.save(name, png)
}

// download clicks a download link and returns the file's suggested name
// and content, as the browser saved it.
func (b *browser) download(link string) (name, content string) {
	b.t.Helper()
	dir := b.t.TempDir()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	begin := chromedp.Events(ctx, cdpbrowser.DownloadWillBegin)
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior:      cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName,
				DownloadPath:  dir,
				EventsEnabled: new(true),
			})
			return err
		}),
		chromedp.Click(chromedp.CSS(link)),
	)
	if err != nil {
		b.t.Fatalf("download %s: %v", link, err)
	}
	for ev, err := range begin {
		if err != nil {
			b.t.Fatalf("download %s: %v", link, err)
		}
		name = ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("download %s: %v", link, err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			b.t.Fatalf("download %s was cancelled", link)
		}
		if ev.State != cdpbrowser.DownloadProgressStateCompleted {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, ev.GUID))
		if err != nil {
			b.t.Fatalf("download %s: %v", link, err)
		}
		return name, string(body)
	}
	b.t.Fatalf("download %s did not complete", link)
	return "", ""
}

// renderedHit is a row of the results table as the browser shows it.
type renderedHit struct {
	Href     string   `json:"href"`
	Name     string   `json:"name"`
	Score    string   `json:"score"`
	Meter    float64  `json:"meter"`
	Exact    []string `json:"exact"`
	Variants []string `json:"variants"`
	Display  string   `json:"display"`
}

const readHits = `[...document.querySelectorAll("table.hits > tbody > tr")].map(tr => ({
	href: tr.querySelector("a.entity-link").getAttribute("href"),
	name: tr.querySelector("a.entity-link").textContent.trim(),
	score: tr.querySelector(".score-num").textContent.trim(),
	meter: tr.querySelector("meter").value,
	exact: [...tr.querySelectorAll(".c-name mark.m-exact")].map(m => m.textContent),
	variants: [...tr.querySelectorAll(".c-name mark.m-variant")].map(m => m.textContent),
	display: getComputedStyle(tr).display,
}))`

func TestWebPageInBrowser(t *testing.T) {
	b := newBrowser(t)
	base, _ := startServe(t, env())
	waitFor(t, base+"/readyz", http.StatusOK)
	const entityHref = "/entities/kaspersky:kaspersky-labs-limited"

	// Search by keyboard: type the name and press Enter.
	b.do("open the search page",
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q-name")),
	)
	b.do("search by keyboard",
		chromedp.SendKeys(chromedp.CSS("#q-name"), "Kasperski Labs Ltd"),
		chromedp.SendKeys(chromedp.CSS("#q-name"), kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("table.hits")),
	)
	if loc := evalJS[string](b, "location", "location.search"); !strings.Contains(loc, "name=Kasperski+Labs+Ltd") {
		t.Errorf("results URL %q is not a bookmarkable GET of the name", loc)
	}
	if h := evalJS[string](b, "banner", `document.querySelector("#result-heading").textContent`); !strings.Contains(h, "Potential match") {
		t.Errorf("result banner %q, want Potential match", h)
	}
	hits := evalJS[[]renderedHit](b, "read the hits", readHits)
	var found *renderedHit
	for i := range hits {
		if hits[i].Href == entityHref {
			found = &hits[i]
		}
	}
	switch {
	case found == nil:
		t.Fatalf("no hit links to %s; hits: %+v", entityHref, hits)
	case found.Name != "Kaspersky Labs Limited":
		t.Errorf("hit name %q", found.Name)
	case found.Score == "" || found.Meter < 0.85 || found.Meter > 1:
		t.Errorf("hit score %q, meter %v: want a score shown as text and a bar", found.Score, found.Meter)
	case !contains(found.Exact, "Labs") || !contains(found.Variants, "Kaspersky"):
		t.Errorf("highlighted words: exact %q, variants %q; want Labs exact and Kaspersky a variant", found.Exact, found.Variants)
	case found.Display != "table-row":
		t.Errorf("at 1366px the hits are %q, want table rows", found.Display)
	}
	b.screenshot("search-laptop.png")

	// Keyboard: the first Tab reaches the skip link.
	b.do("tab to the skip link", chromedp.Navigate(base+"/?name=Kasperski+Labs+Ltd"), chromedp.KeyEvent(kb.Tab))
	if cls := evalJS[string](b, "focus", "document.activeElement.className"); cls != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", cls)
	}

	// A phone: the table becomes stacked cards.
	b.do("phone width",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("table.hits")),
	)
	hits = evalJS[[]renderedHit](b, "read the hits on a phone", readHits)
	if len(hits) == 0 || hits[0].Display != "block" {
		t.Errorf("at 390px the hits are not stacked cards: %+v", hits)
	}
	if w := evalJS[int](b, "page width", "document.documentElement.scrollWidth"); w > 390 {
		t.Errorf("at 390px the page is %dpx wide: it scrolls sideways", w)
	}
	b.screenshot("search-phone-full.png")
	b.do("scroll to the results", chromedp.Evaluate[chromedp.Void](
		`window.scrollTo(0, document.querySelector(".result").getBoundingClientRect().top + window.scrollY - 8)`))
	b.viewportScreenshot("search-phone.png")

	// The entity detail view, from the hit's link.
	b.do("open the entity",
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/?name=Kasperski+Labs+Ltd"),
		chromedp.WaitVisible(chromedp.CSS(`a.entity-link[href="`+entityHref+`"]`)),
		chromedp.Click(chromedp.CSS(`a.entity-link[href="`+entityHref+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("h1.entity-name")),
	)
	text := evalJS[string](b, "entity page", "document.body.innerText")
	for _, want := range []string{"Kaspersky Labs Limited", "Kaspersky Labs Ltd.", "also known as", "89 FR 52363",
		"2 Kingdom Street", "United Kingdom (GB)", "Entity List (15 CFR Part 744, Supp. No. 4)"} {
		if !strings.Contains(text, want) {
			t.Errorf("entity page lacks %q", want)
		}
	}
	b.screenshot("entity-laptop.png")

	// Batch: upload a CSV file, see the preview and get a download link.
	csvPath := filepath.Join(t.TempDir(), "vendors.csv")
	csv := "id,name,country,type\nv-1,Kasperski Labs Ltd,GB,organization\nv-2,Microsoft Corporation,US,\nv-3,Kaspersky Lab Italia S.r.l.,IT,\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	b.do("upload a CSV file",
		chromedp.Navigate(base+"/batch"),
		chromedp.WaitVisible(chromedp.CSS("#b-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#b-file"), []string{csvPath}),
		chromedp.Click(chromedp.CSS("#b-submit")),
		chromedp.WaitVisible(chromedp.CSS("#batch-download")),
	)
	if msg := evalJS[string](b, "batch error", `document.querySelector("#batch-error").textContent`); msg != "" {
		t.Fatalf("batch page shows an error: %s", msg)
	}
	preview := evalJS[string](b, "batch preview", `document.querySelector("#batch-preview").innerText`)
	if !strings.Contains(preview, "Kaspersky Labs Limited") || !strings.Contains(preview, "v-1") || strings.Contains(preview, "Microsoft") {
		t.Errorf("batch preview does not show the Kaspersky hit (and only the hits):\n%s", preview)
	}
	summary := evalJS[string](b, "batch summary", `document.querySelector("#batch-summary").textContent`)
	if !strings.Contains(summary, "3 rows screened: 1 potential match, 2 clear") {
		t.Errorf("batch summary %q, want 3 rows: 1 potential match, 2 clear", summary)
	}
	if status := evalJS[string](b, "batch status", `document.querySelector("#batch-status").textContent`); !strings.Contains(status, "Screened vendors.csv in") {
		t.Errorf("batch status (aria-live) %q does not say the file was screened", status)
	}
	b.screenshot("batch-laptop.png")
	name, download := b.download("#batch-download")
	if name != "vendors-screened.csv" {
		t.Errorf("download is named %q, want vendors-screened.csv", name)
	}
	if !strings.HasPrefix(download, "id,name,country,type,status,hits,top_score") || !strings.Contains(download, "kaspersky:kaspersky-labs-limited") {
		t.Errorf("downloaded CSV:\n%s", download)
	}

	// A file the API refuses: its JSON error is shown, and no stale result.
	badPath := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(badPath, []byte("vendor,company\nv-1,Acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.do("upload a file the API refuses",
		chromedp.SetUploadFiles(chromedp.CSS("#b-file"), []string{badPath}),
		chromedp.Click(chromedp.CSS("#b-submit")),
		chromedp.WaitVisible(chromedp.CSS("#batch-error")),
	)
	if msg := evalJS[string](b, "batch error", `document.querySelector("#batch-error").textContent`); !strings.Contains(msg, "invalid_request") || !strings.Contains(msg, "unknown columns") {
		t.Errorf("batch error %q does not give the API's code and message", msg)
	}
	if evalJS[bool](b, "stale result", `!document.querySelector("#batch-result").hidden`) {
		t.Error("the previous result still shows after a refused file")
	}

	// The lists page.
	b.do("open the lists page", chromedp.Navigate(base+"/lists"), chromedp.WaitVisible(chromedp.CSS("table.lists")))
	text = evalJS[string](b, "lists page", `document.querySelector("table.lists").innerText`)
	if !strings.Contains(text, "kaspersky") || !strings.Contains(text, "Loaded") || !strings.Contains(text, "built-in") {
		t.Errorf("lists page:\n%s", text)
	}
	b.screenshot("lists-laptop.png")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("browser reported an error: %s", e)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
