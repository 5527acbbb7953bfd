package api

import (
	"context"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/report"

	"github.com/prometheus/client_golang/prometheus"
)

// scrapeTimeout bounds the database reads of one scrape.
const scrapeTimeout = 10 * time.Second

var (
	descAlerts = prometheus.NewDesc("catruc_alerts_active",
		"Active alerts (open or acknowledged), by kind, severity and status.", []string{"kind", "severity", "status"}, nil)
	descOutboxPending = prometheus.NewDesc("catruc_outbox_pending",
		"Notifications waiting in the outbox to be delivered (the outbox's depth), by channel.", []string{"channel"}, nil)
	descOutboxRetrying = prometheus.NewDesc("catruc_outbox_retrying",
		"Pending notifications that have failed at least once and will be tried again, by channel.", []string{"channel"}, nil)
	descOutboxFailed = prometheus.NewDesc("catruc_outbox_failed",
		"Notifications given up after their last attempt (delivery failures), by channel.", []string{"channel"}, nil)
	descOutboxOldest = prometheus.NewDesc("catruc_outbox_oldest_pending_age_seconds",
		"Age of the oldest pending notification in seconds (0: none pending).", nil, nil)
	descJobLastRun = prometheus.NewDesc("catruc_job_last_run_timestamp_seconds",
		"When each job last ran (unix seconds), on whichever instance ran it.", []string{"job"}, nil)
	descJobLastSuccess = prometheus.NewDesc("catruc_job_last_success_timestamp_seconds",
		"When each job last ran without an error (unix seconds; absent: never).", []string{"job"}, nil)
	descJobDuration = prometheus.NewDesc("catruc_job_last_duration_seconds",
		"How long each job's last run took, in seconds.", []string{"job"}, nil)
	descJobFailed = prometheus.NewDesc("catruc_job_last_run_failed",
		"1 when each job's last run ended with an error, else 0.", []string{"job"}, nil)
	descBusyRetries = prometheus.NewDesc("catruc_db_busy_retries_total",
		"Times a write found the database busy and tried again, since start.", nil, nil)
	descBusyFailures = prometheus.NewDesc("catruc_db_busy_failures_total",
		"Writes that found the database busy through every try and failed (answered 503), since start.", nil, nil)

	descCoverage = prometheus.NewDesc("catruc_post_coverage_percent",
		"Percent of each active post's required guard-hours that the roster covers over the next window (24h or 7d), as GET /api/v1/coverage computes it.",
		[]string{"post_id", "post", "window"}, nil)
	descUncovered = prometheus.NewDesc("catruc_post_uncovered_hours",
		"Required guard-hours of each active post that nobody covers over the next window (24h or 7d).",
		[]string{"post_id", "post", "window"}, nil)
)

// opsCollector reads the alerts, the outbox and the job runs at each scrape.
type opsCollector struct {
	ops scheduler.OpsService
	now scheduler.Clock
	log *slog.Logger
}

func (o *opsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descAlerts, descOutboxPending, descOutboxRetrying, descOutboxFailed,
		descOutboxOldest, descJobLastRun, descJobLastSuccess, descJobDuration, descJobFailed, descBusyRetries,
		descBusyFailures} {
		ch <- d
	}
}

func (o *opsCollector) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(descBusyRetries, prometheus.CounterValue, float64(o.ops.BusyRetries()))
	ch <- prometheus.MustNewConstMetric(descBusyFailures, prometheus.CounterValue, float64(o.ops.BusyFailures()))
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	st, err := o.ops.OpsStats(ctx)
	if err != nil {
		o.log.Warn("metrics: reading the database failed", "err", err)
		ch <- prometheus.NewInvalidMetric(descAlerts, err)
		return
	}
	for _, a := range st.Alerts {
		ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.GaugeValue, float64(a.N), a.Kind, a.Severity, a.Status)
	}
	collectOutbox(ch, st, o.now())
	for _, j := range st.Jobs {
		ch <- prometheus.MustNewConstMetric(descJobLastRun, prometheus.GaugeValue, unixSeconds(j.LastRun), j.Name)
		if j.LastSuccess != nil {
			ch <- prometheus.MustNewConstMetric(descJobLastSuccess, prometheus.GaugeValue, unixSeconds(*j.LastSuccess), j.Name)
		}
		ch <- prometheus.MustNewConstMetric(descJobDuration, prometheus.GaugeValue, j.Duration.Seconds(), j.Name)
		failed := 0.0
		if j.Failed {
			failed = 1
		}
		ch <- prometheus.MustNewConstMetric(descJobFailed, prometheus.GaugeValue, failed, j.Name)
	}
}

// collectOutbox sends the outbox's series; every channel has each, zero
// included, so that alerting rules need not handle absent series.
func collectOutbox(ch chan<- prometheus.Metric, st scheduler.OpsStats, now time.Time) {
	type counts struct{ pending, retrying, failed int }
	by := map[string]*counts{scheduler.ChannelEmail: {}, scheduler.ChannelWebhook: {}}
	for _, c := range st.Outbox {
		n := by[c.Channel]
		if n == nil {
			n = &counts{}
			by[c.Channel] = n
		}
		switch c.Status {
		case scheduler.NotifyPending:
			n.pending += c.N
			n.retrying += c.Retrying
		case scheduler.NotifyFailed:
			n.failed += c.N
		}
	}
	for channel, n := range by {
		ch <- prometheus.MustNewConstMetric(descOutboxPending, prometheus.GaugeValue, float64(n.pending), channel)
		ch <- prometheus.MustNewConstMetric(descOutboxRetrying, prometheus.GaugeValue, float64(n.retrying), channel)
		ch <- prometheus.MustNewConstMetric(descOutboxFailed, prometheus.GaugeValue, float64(n.failed), channel)
	}
	age := 0.0
	if st.OldestPending != nil {
		age = math.Max(0, now.Sub(*st.OldestPending).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(descOutboxOldest, prometheus.GaugeValue, age)
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// coverageWindows are the windows the coverage series look ahead.
var coverageWindows = []struct {
	label string
	d     time.Duration
}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}}

// coverageCollector computes each active post's coverage of the next 24
// hours and 7 days with the coverage API's own code, once per roster
// version and minute: a scrape in between reads the figures kept.
type coverageCollector struct {
	s     *Server
	mu    sync.Mutex
	seq   int64
	at    time.Time // the minute the kept figures start at
	kept  []prometheus.Metric
	valid bool
}

// coverageRefresh is how far the windows move before a scrape computes
// them again at an unchanged roster version.
const coverageRefresh = time.Minute

func (cc *coverageCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descCoverage
	ch <- descUncovered
}

func (cc *coverageCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	ms, err := cc.figures(ctx)
	if err != nil {
		cc.s.log.Warn("metrics: computing coverage failed", "err", err)
		ch <- prometheus.NewInvalidMetric(descCoverage, err)
		return
	}
	for _, m := range ms {
		ch <- m
	}
}

// figures returns the kept series when the roster version and the minute
// are the same as when they were computed, else computes them again.
func (cc *coverageCollector) figures(ctx context.Context) ([]prometheus.Metric, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	seq, _, err := cc.s.store.RosterVersion(ctx)
	if err != nil {
		return nil, err
	}
	at := cc.s.now().Truncate(coverageRefresh)
	if cc.valid && seq == cc.seq && at.Equal(cc.at) {
		return cc.kept, nil
	}
	active := true
	posts, err := cc.s.store.FindPosts(ctx, scheduler.PostFilter{Active: &active})
	if err != nil {
		return nil, err
	}
	code := map[int64]string{}
	for _, p := range posts {
		code[p.ID] = p.Code
	}
	from := cc.s.now().In(cc.s.store.Location())
	var out []prometheus.Metric
	for _, w := range coverageWindows {
		rep, err := report.Coverage(ctx, cc.s.store, from, from.Add(w.d), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, coverageSeries(rep.Posts, code, w.label)...)
	}
	cc.seq, cc.at, cc.kept, cc.valid = seq, at, out, true
	return out, nil
}

// coverageSeries are the percent and the uncovered hours of each post over one window.
func coverageSeries(posts []coverage.PostCoverage, code map[int64]string, window string) []prometheus.Metric {
	var out []prometheus.Metric
	for _, p := range posts {
		id := strconv.FormatInt(p.PostID, 10)
		uncovered := math.Max(0, math.Round((p.RequiredHours-p.CoveredHours)*100)/100)
		out = append(out,
			prometheus.MustNewConstMetric(descCoverage, prometheus.GaugeValue, p.Percent, id, code[p.PostID], window),
			prometheus.MustNewConstMetric(descUncovered, prometheus.GaugeValue, uncovered, id, code[p.PostID], window))
	}
	return out
}
