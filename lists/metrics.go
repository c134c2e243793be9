package lists

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics is where the registry registers its list gauges and counters.
type Metrics = prometheus.Registerer

type metrics struct {
	entities    *prometheus.GaugeVec
	lastSuccess *prometheus.GaugeVec
	failures    *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		entities: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "rpscreen_list_entities",
			Help: "Entities in the copy of each list being served.",
		}, []string{"list"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "rpscreen_list_last_success_timestamp_seconds",
			Help: "Unix time each list was last loaded or found current at its source.",
		}, []string{"list"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rpscreen_list_refresh_failures_total",
			Help: "Failed loads or refreshes of each list; the previous copy keeps serving.",
		}, []string{"list"}),
	}
	if reg != nil {
		reg.MustRegister(m.entities, m.lastSuccess, m.failures)
	}
	return m
}

func (m *metrics) loaded(list string, entities int, at time.Time) {
	m.entities.WithLabelValues(list).Set(float64(entities))
	m.lastSuccess.WithLabelValues(list).Set(float64(at.Unix()))
	m.failures.WithLabelValues(list).Add(0)
}

func (m *metrics) checked(list string, at time.Time) {
	m.lastSuccess.WithLabelValues(list).Set(float64(at.Unix()))
}

func (m *metrics) failed(list string) {
	m.failures.WithLabelValues(list).Inc()
}
