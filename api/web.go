package api

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// The web page for compliance officers: server-rendered HTML with a little
// plain JavaScript (the batch upload only), all embedded in the binary.
//
//go:embed web
var webFiles embed.FS

// Headers of every HTML page. No inline script or style is allowed, so an
// escaped name that slipped through could still not run.
const (
	htmlCSP            = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	staticCacheForever = "public, max-age=31536000, immutable"
)

// web renders the HTML pages. Names shown on them are commercial data: they
// are never logged (the access log has no query string).
type web struct {
	s         *server
	pages     map[string]*template.Template
	assets    map[string]asset  // by file name under web/static
	countries []countryOption   // for the country datalist
	country   map[string]string // ISO code -> English name
}

// asset is one embedded static file, served with a content-hash ETag.
type asset struct {
	body        []byte
	contentType string
	hash        string
}

// newWeb parses the embedded templates and indexes the static files. The
// files are part of the binary, so a parse error is a programming error.
func (s *server) newWeb() *web {
	w := &web{s: s, pages: map[string]*template.Template{}, assets: map[string]asset{}}
	w.countries, w.country = countryOptions()
	static, err := fs.Sub(webFiles, "web/static")
	if err != nil {
		panic(err)
	}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		w.assets[p] = asset{body: b, contentType: contentTypeOf(p), hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		panic(err)
	}
	funcs := template.FuncMap{"asset": w.assetHref, "countryName": w.countryName, "aliasKind": aliasKind}
	for _, page := range []string{"search", "entity", "batch", "lists", "error"} {
		w.pages[page] = template.Must(template.New("layout.html").Funcs(funcs).
			ParseFS(webFiles, "web/templates/layout.html", "web/templates/"+page+".html"))
	}
	return w
}

func contentTypeOf(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	}
	return "application/octet-stream"
}

// assetHref links a static file with its content hash, so it can be cached
// for good and still changes when the binary does.
func (w *web) assetHref(name string) string {
	a, ok := w.assets[name]
	if !ok {
		panic(fmt.Sprintf("web: no static file %q", name))
	}
	return "/static/" + name + "?v=" + a.hash
}

// static serves GET /static/*file from the embedded files only.
func (w *web) static(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	a, ok := w.assets[name]
	if !ok {
		w.s.noRoute(c)
		return
	}
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+a.hash+`"`)
	if c.Query("v") == a.hash {
		h.Set("Cache-Control", staticCacheForever)
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if c.GetHeader("If-None-Match") == `"`+a.hash+`"` {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.contentType, a.body)
}

// page is what every template gets: the layout's fields and the page's own.
type page struct {
	Title     string
	Nav       string // which header link is the current page
	RequestID string
	Data      any
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 rather than half a page.
func (w *web) render(c *gin.Context, status int, name string, p page) {
	p.RequestID = requestIDOf(c)
	var buf bytes.Buffer
	if err := w.pages[name].Execute(&buf, p); err != nil {
		w.s.log.Error("render page", zap.String("request_id", p.RequestID), zap.String("page", name), zap.Error(err))
		status, buf = http.StatusInternalServerError, bytes.Buffer{}
		buf.WriteString("<!doctype html><title>Internal error</title><p>Internal error; quote request id " +
			template.HTMLEscapeString(p.RequestID) + " when reporting it.")
	}
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", htmlCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store") // results are commercial data
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// renderError shows an error page: the status from the error table, and
// for a 500 the generic message, logged once with the request id.
func (w *web) renderError(c *gin.Context, err error) {
	status, _, msg := classify(err)
	title := http.StatusText(status)
	if status == http.StatusInternalServerError {
		w.s.log.Error("internal error", zap.String("request_id", requestIDOf(c)), zap.Error(err))
	}
	if status == http.StatusNotFound {
		title = "Not found"
	}
	w.render(c, status, "error", page{Title: title, Data: errorView{Status: status, Title: title, Message: msg}})
}

type errorView struct {
	Status  int
	Title   string
	Message string
}

// search handles GET /: the form, and the results when a name was given.
// A GET form keeps results bookmarkable and works without JavaScript.
func (w *web) search(c *gin.Context) {
	f := searchForm{
		Name:      c.Query("name"),
		Country:   strings.TrimSpace(c.Query("country")),
		Type:      c.Query("type"),
		Threshold: strings.TrimSpace(c.Query("threshold")),
	}
	_, asked := c.GetQuery("name")
	v := searchView{Form: f, Countries: w.countries, Types: entityTypes}
	if !asked {
		w.render(c, http.StatusOK, "search", page{Title: "Search", Nav: "search", Data: v})
		return
	}

	res, q, err := w.screen(c, f)
	if err != nil {
		if status, _, msg := classify(err); status == http.StatusBadRequest {
			v.Error, v.ErrorField = msg, errorField(msg)
			w.render(c, status, "search", page{Title: "Search", Nav: "search", Data: v})
			return
		}
		w.renderError(c, err)
		return
	}
	v.Result = w.resultView(c, q, res)
	w.render(c, http.StatusOK, "search", page{Title: f.Name + " – Search", Nav: "search", Data: v})
}

// screen turns the form into a query and screens it, as POST /v1/screen does.
func (w *web) screen(c *gin.Context, f searchForm) (match.Result, match.Query, error) {
	q := match.Query{Name: f.Name, Type: match.EntityType(f.Type), Country: strings.ToUpper(f.Country)}
	if f.Threshold != "" {
		t, err := strconv.ParseFloat(f.Threshold, 64)
		if err != nil {
			return match.Result{}, q, fmt.Errorf("%w: threshold must be a number between 0 and 1", match.ErrInvalidQuery)
		}
		q.Threshold = &t
	}
	if err := q.Validate(); err != nil {
		return match.Result{}, q, err
	}
	start := time.Now()
	res, err := w.s.screener.Screen(c.Request.Context(), q)
	if err != nil {
		return res, q, err
	}
	status := statusOf(res)
	w.s.metrics.screened(status, time.Since(start))
	c.Set(ctxHits, len(res.Hits))
	res.Status = status
	return res, q, nil
}

// errorField names the form field a validation message is about.
func errorField(msg string) string {
	for _, f := range []string{"threshold", "country", "type"} {
		if strings.Contains(msg, f) {
			return f
		}
	}
	return "name"
}

// entity handles GET /entities/:id: the whole record, for an officer
// checking a hit. Ids may hold '/' or ':'; links escape them.
func (w *web) entity(c *gin.Context) {
	e, err := w.s.screener.Entity(c.Param("id"))
	if err == nil && e == nil {
		err = fmt.Errorf("entity %q: screener returned no entity and no error", c.Param("id"))
	}
	if err != nil {
		if errors.Is(err, match.ErrNotFound) {
			w.render(c, http.StatusNotFound, "error", page{Title: "Not found", Data: errorView{Status: http.StatusNotFound,
				Title: "Entity not found", Message: fmt.Sprintf("No loaded list holds the entity %q.", c.Param("id"))}})
			return
		}
		w.renderError(c, err)
		return
	}
	v := entityView{Entity: e, JSONHref: "/v1/entities/" + url.PathEscape(e.ID)}
	if e.ParentID != "" {
		v.ParentHref = entityHref(e.ParentID)
		v.ParentName = e.ParentID
		if p, err := w.s.screener.Entity(e.ParentID); err == nil && p != nil {
			v.ParentName = p.Name
		}
	}
	w.render(c, http.StatusOK, "entity", page{Title: e.Name, Data: v})
}

// batch handles GET /batch; the page's script posts the file to
// POST /v1/screen/batch as text/csv.
func (w *web) batch(c *gin.Context) {
	w.render(c, http.StatusOK, "batch", page{Title: "Batch screening", Nav: "batch"})
}

// lists handles GET /lists: what is loaded, from where and when.
func (w *web) lists(c *gin.Context) {
	w.render(c, http.StatusOK, "lists", page{Title: "Lists", Nav: "lists", Data: listsView(w.s.screener.Lists())})
}
