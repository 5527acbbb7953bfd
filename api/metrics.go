package api

import (
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics is what GET /metrics tells, in Prometheus's text format, from the
// server's own registry (never the process-wide default one): the requests
// counted by the observe middleware, and the collectors that read the
// database at scrape time (metrics_db.go).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec   // by method, route and status
	latency  *prometheus.HistogramVec // seconds, by method, route and status
	feeds    prometheus.Counter       // calendar feed requests (GET and HEAD /ical/:file)
	feeds304 prometheus.Counter       // of which answered 304 Not Modified
	handler  http.Handler
}

// feedRoute is the calendar feeds' route: its one parameter is the secret,
// which labels never carry (they carry the route, not the URL).
const feedRoute = "/ical/:file"

// noRoute labels requests that matched no route.
const noRoute = "(no route)"

// newMetrics registers every series on a fresh registry.
func newMetrics(s *Server, version string) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "catruc_http_requests_total",
		Help: "HTTP requests answered, by method, route (the route's pattern, never the URL) and status."},
		[]string{"method", "route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "catruc_http_request_duration_seconds",
		Help:    "Time from a request's arrival to the end of its answer, by method, route and status (live streams: their whole life).",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}},
		[]string{"method", "route", "status"})
	m.feeds = prometheus.NewCounter(prometheus.CounterOpts{Name: "catruc_feed_requests_total",
		Help: "Calendar feed requests (GET and HEAD /ical/…)."})
	m.feeds304 = prometheus.NewCounter(prometheus.CounterOpts{Name: "catruc_feed_not_modified_total",
		Help: "Calendar feed requests answered 304 Not Modified; divided by catruc_feed_requests_total: the 304 ratio."})
	build := prometheus.NewGauge(prometheus.GaugeOpts{Name: "catruc_build_info",
		Help:        "Always 1; the labels tell the running version and Go version.",
		ConstLabels: prometheus.Labels{"version": version, "goversion": runtime.Version()}})
	build.Set(1)
	m.reg.MustRegister(m.requests, m.latency, m.feeds, m.feeds304, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if ops, ok := s.store.(scheduler.OpsService); ok {
		m.reg.MustRegister(&opsCollector{ops: ops, now: s.now, log: s.log})
	}
	m.reg.MustRegister(&coverageCollector{s: s})
	// A series that cannot be read is left out and logged; the others are served.
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, ErrorHandling: promhttp.ContinueOnError,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)})
	return m
}

// observe counts each request by its route and status and times it. It
// runs outside accessLog, which has turned any error into the answer by
// the time it returns.
func (m *metrics) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route := c.Path()
		if route == "" {
			route = noRoute
		}
		status := c.Response().Status
		if err != nil { // not answered yet: Echo's error handler will
			status = http.StatusInternalServerError
			if he, ok := err.(*echo.HTTPError); ok {
				status = he.Code
			}
		}
		labels := []string{c.Request().Method, route, strconv.Itoa(status)}
		m.requests.WithLabelValues(labels...).Inc()
		m.latency.WithLabelValues(labels...).Observe(time.Since(start).Seconds())
		if route == feedRoute {
			m.feeds.Inc()
			if status == http.StatusNotModified {
				m.feeds304.Inc()
			}
		}
		return err
	}
}

// Handler serves the metrics without any check: the API's GET /metrics
// puts it behind a token; `serve --metrics-addr` serves it on a listener of
// its own, for the operator's network only.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler }

// GET /metrics — Prometheus's text format; a token of role admin or metrics.
func (s *Server) getMetrics(c echo.Context) error {
	s.metrics.handler.ServeHTTP(c.Response(), c.Request())
	return nil
}
