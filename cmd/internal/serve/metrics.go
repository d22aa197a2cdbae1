package serve

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus series of one server, on a registry of its
// own (never the global default registry).
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec   // crawler fetches by site and status
	articles   *prometheus.CounterVec   // by site and outcome
	errors     *prometheus.CounterVec   // by site and kind
	runs       *prometheus.CounterVec   // by site, kind and state
	skipped    *prometheus.CounterVec   // runs not started: site busy
	duration   *prometheus.HistogramVec // by site and kind
	lastOK     *prometheus.GaugeVec     // unix time of the last successful run, by site and kind
	inProgress *prometheus.GaugeVec     // runs in progress by site
	drift      *prometheus.GaugeVec     // 1 when the last crawl of the site drifted off its profile
	api        *prometheus.CounterVec   // HTTP API requests by handler and code
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_requests_total",
			Help: "Pages fetched by the crawler, by site and status (HTTP code, or error/robots)."}, []string{"site", "status"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_articles_total",
			Help: "Articles handled by runs, by site and outcome (stored, updated, unchanged, duplicate, rejected)."}, []string{"site", "outcome"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_errors_total",
			Help: "Failed pages and failed runs, by site and kind."}, []string{"site", "kind"}),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_runs_total",
			Help: "Finished runs by site, kind (crawl, refresh) and state (ok, failed, interrupted)."}, []string{"site", "kind", "state"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_runs_skipped_total",
			Help: "Runs not started because a run of the site was in progress."}, []string{"site", "kind"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "unionnews_run_duration_seconds",
			Help:    "Duration of finished runs, by site and kind.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600}}, []string{"site", "kind"}),
		lastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "unionnews_last_success_timestamp_seconds",
			Help: "Unix time the last successful run of the site ended, by site and kind."}, []string{"site", "kind"}),
		inProgress: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "unionnews_runs_in_progress",
			Help: "Runs in progress by site (0 or 1)."}, []string{"site"}),
		drift: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "unionnews_site_drift",
			Help: "1 when the last crawl of the site fell off its profile (drift alarm), else 0."}, []string{"site"}),
		api: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "unionnews_http_requests_total",
			Help: "Requests to the serve HTTP API and page, by handler and code."}, []string{"handler", "code"}),
	}
	m.reg.MustRegister(m.requests, m.articles, m.errors, m.runs, m.skipped, m.duration, m.lastOK, m.inProgress, m.drift, m.api,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe records a finished run.
func (m *metrics) observe(r Run) {
	m.inProgress.WithLabelValues(r.Site).Dec()
	m.runs.WithLabelValues(r.Site, r.Kind, r.State).Inc()
	m.duration.WithLabelValues(r.Site, r.Kind).Observe(r.Duration().Seconds())
	if r.State == StateOK {
		m.lastOK.WithLabelValues(r.Site, r.Kind).Set(float64(r.Finished.Unix()))
	}
	res := r.Result
	for outcome, n := range map[string]int{"stored": res.Stored, "updated": res.Updated, "unchanged": res.Unchanged,
		"duplicate": res.Duplicates, "rejected": res.Rejected} {
		m.articles.WithLabelValues(r.Site, outcome).Add(float64(n))
	}
	for status, n := range res.Requests {
		m.requests.WithLabelValues(r.Site, status).Add(float64(n))
	}
	for kind, n := range res.ErrorKinds {
		m.errors.WithLabelValues(r.Site, kind).Add(float64(n))
	}
	if r.State == StateFailed {
		m.errors.WithLabelValues(r.Site, "run").Inc()
	}
	if r.Kind == KindCrawl && r.State != StateInterrupted {
		d := 0.0
		if res.Drift != "" {
			d = 1
		}
		m.drift.WithLabelValues(r.Site).Set(d)
	}
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// instrument counts the requests of one named handler.
func (m *metrics) instrument(name string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		m.api.WithLabelValues(name, strconv.Itoa(sw.code)).Inc()
	})
}

// statusWriter remembers the status code; it passes Flush through for
// streamed responses.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
