// Package api is rpscreen's HTTP interface: routes, handlers, middleware
// (request id, recovery, metrics, access log, body limit) and the one table
// that maps domain errors to status codes. It is the only package that knows
// gin; it asks a Screener and renders what it finds.
package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// Screener is what the API needs from the matcher and the lists behind it.
type Screener interface {
	// Screen screens one name. Its errors wrap match.ErrInvalidQuery or
	// match.ErrUnknownList when the caller is at fault.
	Screen(ctx context.Context, q match.Query) (match.Result, error)
	// ScreenBatch screens many names in parallel and returns one result
	// per query, in order; each item's error is its own.
	ScreenBatch(ctx context.Context, qs []match.Query, opts lists.BatchOptions) []lists.BatchResult
	// Entity returns one listed entity, or an error wrapping match.ErrNotFound.
	Entity(id string) (*match.Entity, error)
	// Lists reports every configured list.
	Lists() []lists.Status
	// Ready is nil once every configured list has loaded at least once;
	// otherwise its message says which are missing.
	Ready() error
	// Refresh loads a list again from its source now and says what
	// happened; an unknown id is an error wrapping match.ErrUnknownList.
	Refresh(ctx context.Context, id string) (lists.RefreshResult, error)
}

// Defaults for the Options left zero.
const (
	DefaultBodyLimit      int64 = 1 << 20  // Options.BodyLimit
	DefaultBatchMaxItems        = 10_000   // Options.BatchMaxItems
	DefaultBatchBodyLimit int64 = 32 << 20 // Options.BatchBodyLimit
)

// Options tune the handler New builds.
type Options struct {
	// BodyLimit is the largest request body accepted, in bytes; 0 means
	// DefaultBodyLimit. Larger bodies get 413.
	BodyLimit int64
	// BatchMaxItems is the most items POST /v1/screen/batch takes; 0 means
	// DefaultBatchMaxItems. More get 413.
	BatchMaxItems int
	// BatchBodyLimit replaces BodyLimit on POST /v1/screen/batch; 0 means
	// DefaultBatchBodyLimit.
	BatchBodyLimit int64
	// Version is reported by rpscreen_build_info.
	Version string
	// AdminToken, when set, is the bearer token POST /v1/lists/{id}/refresh
	// requires: a refresh reloads a list, seconds of CPU at a million names,
	// and screening clients need not be able to ask for one.
	AdminToken string
	// Gatherer is what GET /metrics exposes. When nil, the Registerer passed
	// to New is used if it is also a Gatherer (a *prometheus.Registry is).
	Gatherer prometheus.Gatherer
}

// server holds what the handlers share.
type server struct {
	log       *zap.Logger
	screener  Screener
	metrics   *metrics
	bodyLimit int64
	// The batch route's own limits.
	batchMaxItems  int
	batchBodyLimit int64
	adminToken     string // see Options.AdminToken
	now            func() time.Time
}

// New builds the HTTP handler: every route of the public API behind the
// request-id, metrics, access-log, recovery and body-limit middleware. The
// metrics are registered on reg; /metrics serves opts.Gatherer (or reg).
func New(log *zap.Logger, reg prometheus.Registerer, s Screener, opts Options) (http.Handler, error) {
	if log == nil {
		return nil, errors.New("api: nil logger")
	}
	if reg == nil {
		return nil, errors.New("api: nil prometheus registerer")
	}
	if s == nil {
		return nil, errors.New("api: nil screener")
	}
	if opts.BodyLimit < 0 || opts.BatchBodyLimit < 0 || opts.BatchMaxItems < 0 {
		return nil, fmt.Errorf("api: body limit %d, batch body limit %d, batch max items %d: must not be negative",
			opts.BodyLimit, opts.BatchBodyLimit, opts.BatchMaxItems)
	}
	if opts.BodyLimit == 0 {
		opts.BodyLimit = DefaultBodyLimit
	}
	if opts.BatchBodyLimit == 0 {
		opts.BatchBodyLimit = DefaultBatchBodyLimit
	}
	if opts.BatchMaxItems == 0 {
		opts.BatchMaxItems = DefaultBatchMaxItems
	}
	gatherer := opts.Gatherer
	if gatherer == nil {
		g, ok := reg.(prometheus.Gatherer)
		if !ok {
			return nil, errors.New("api: Options.Gatherer is nil and the registerer is not a prometheus.Gatherer")
		}
		gatherer = g
	}
	m, err := newMetrics(reg, opts.Version)
	if err != nil {
		return nil, err
	}

	srv := &server{log: log, screener: s, metrics: m, bodyLimit: opts.BodyLimit,
		batchMaxItems: opts.BatchMaxItems, batchBodyLimit: opts.BatchBodyLimit, adminToken: opts.AdminToken, now: time.Now}
	return srv.routes(promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{})), nil
}

// routes builds the gin engine. The middleware order matters: the request id
// comes first so everything can log it; metrics and the access log wrap
// recovery so they see the 500 a panic becomes.
func (s *server) routes(metricsHandler http.Handler) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	// A strict API: no redirects for a trailing slash, a 404 instead.
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	// Entity ids may carry an escaped slash: match on the raw path and
	// unescape the parameter.
	e.UseRawPath = true
	e.UnescapePathValues = true
	_ = e.SetTrustedProxies(nil) // the API never uses the client IP

	e.Use(
		requestID(),
		s.metrics.middleware(),
		accessLog(s.log),
		recovery(s.log),
		bodyLimit(s.bodyLimit, map[string]int64{routeBatch: s.batchBodyLimit}),
	)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)

	e.POST("/v1/screen", s.screen)
	e.POST(routeBatch, s.screenBatch)
	e.GET("/v1/lists", s.lists)
	e.POST("/v1/lists/:id/refresh", adminOnly(s.adminToken), s.refresh)
	e.GET("/v1/entities/:id", s.entity)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", gin.WrapH(metricsHandler))

	// The web page for compliance officers (api/web.go).
	w := s.newWeb()
	e.GET("/", w.search)
	e.GET("/entities/:id", w.entity)
	e.GET("/batch", w.batch)
	e.GET("/lists", w.lists)
	e.GET("/static/*file", w.static)
	return e
}
