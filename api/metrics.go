package api

import (
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rpscreen/rpscreen/match"
)

// metrics are the API's Prometheus series. Labels carry only bounded values:
// method, route template, status code and screening outcome; never a name
// or a request id.
type metrics struct {
	requests          *prometheus.CounterVec
	requestDuration   *prometheus.HistogramVec
	screenings        *prometheus.CounterVec
	screeningDuration prometheus.Histogram
	buildInfo         *prometheus.GaugeVec
}

// screeningBuckets span a cached sub-millisecond match to a slow second.
var screeningBuckets = []float64{
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
}

func newMetrics(reg prometheus.Registerer, version string) (*metrics, error) {
	if version == "" {
		version = "dev"
	}
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rpscreen_http_requests_total",
			Help: "HTTP requests handled, by method, route template and status code.",
		}, []string{"method", "route", "code"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rpscreen_http_request_duration_seconds",
			Help:    "Time to handle an HTTP request, by method and route template.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
		screenings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rpscreen_screenings_total",
			Help: "Names screened, by outcome.",
		}, []string{"status"}),
		screeningDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "rpscreen_screening_duration_seconds",
			Help:    "Time spent matching one name.",
			Buckets: screeningBuckets,
		}),
		buildInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "rpscreen_build_info",
			Help: "Always 1; the labels say which build is running.",
		}, []string{"version", "goversion"}),
	}
	for _, c := range []prometheus.Collector{
		m.requests, m.requestDuration, m.screenings, m.screeningDuration, m.buildInfo,
	} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("api: register metrics: %w", err)
		}
	}
	m.buildInfo.WithLabelValues(version, runtime.Version()).Set(1)
	// Both outcomes exist from the start, so rate() works before the first hit.
	m.screenings.WithLabelValues(string(match.Clear))
	m.screenings.WithLabelValues(string(match.PotentialMatch))
	return m, nil
}

// middleware counts and times every request, routed or not.
func (m *metrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		method, route := methodLabel(c.Request.Method), routeLabel(c)
		m.requests.WithLabelValues(method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.requestDuration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	}
}

// screened records one name screened and how long matching took.
func (m *metrics) screened(status match.Status, took time.Duration) {
	m.screenings.WithLabelValues(string(status)).Inc()
	m.screeningDuration.Observe(took.Seconds())
}
