package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads /metrics as role (a role of en.tokens or a raw secret) and
// parses the text format.
func (en *env) scrape(role string) (map[string]*dto.MetricFamily, string) {
	en.t.Helper()
	req, _ := http.NewRequest("GET", en.srv.URL+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+en.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		en.t.Fatalf("/metrics as %s: %d %s %s", role, res.StatusCode, res.Header.Get("Content-Type"), raw)
	}
	return parseMetrics(en.t, string(raw)), string(raw)
}

func parseMetrics(t *testing.T, text string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("metrics do not parse: %v\n%s", err, text)
	}
	return fams
}

// metricValue is the value of the series of name whose labels include want;
// ok false when there is none.
func metricValue(fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if got[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

func (en *env) mustMetric(fams map[string]*dto.MetricFamily, name string, labels map[string]string, want float64) {
	en.t.Helper()
	got, ok := metricValue(fams, name, labels)
	if !ok {
		en.t.Errorf("no series %s%v", name, labels)
		return
	}
	if got != want {
		en.t.Errorf("%s%v = %v, want %v", name, labels, got, want)
	}
}

// Ensure /metrics answers only admin and metrics tokens (401 without or
// with a bad token, 403 for the other roles, as JSON errors), and that a
// metrics token opens nothing else of the API.
func TestMetricsAuth(t *testing.T) {
	en := newEnv(t)
	secret, _, err := en.st.CreateToken(context.Background(), "prometheus", scheduler.RoleMetrics, nil)
	if err != nil {
		t.Fatal(err)
	}
	en.tokens["metrics"] = secret
	if r := en.do("", "GET", "/metrics", nil); r.Status != 401 || r.errCode() != "unauthorized" ||
		r.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("no token: %d %s", r.Status, r.Raw)
	}
	if r := en.do("ctr_not-a-token", "GET", "/metrics", nil); r.Status != 401 {
		t.Fatalf("bad token: %d %s", r.Status, r.Raw)
	}
	for _, role := range []string{"manager", "viewer"} {
		if r := en.do(role, "GET", "/metrics", nil); r.Status != 403 || r.errCode() != "forbidden" {
			t.Fatalf("%s: %d %s", role, r.Status, r.Raw)
		}
	}
	for _, role := range []string{"admin", "metrics"} {
		fams, _ := en.scrape(role)
		if f := fams["catruc_build_info"]; f == nil || f.GetHelp() == "" {
			t.Fatalf("%s: no catruc_build_info with its help", role)
		}
	}
	for _, p := range []string{"/api/v1/posts", "/api/v1/me", "/api/v1/audit"} {
		if r := en.do("metrics", "GET", p, nil); r.Status != 403 {
			t.Fatalf("metrics token on %s: %d %s", p, r.Status, r.Raw)
		}
	}
	if _, _, err := en.st.CreateToken(context.Background(), "bad-role", "root", nil); scheduler.ErrorCode(err) != scheduler.EINVALID {
		t.Fatalf("a token of an unknown role: %v", err)
	}
}

// Ensure each request is counted and timed under its route's pattern and
// status — never the URL, so neither ids nor a feed's secret reach a label —
// and the feed requests and their 304s are counted apart.
func TestMetricsRequestsByRoute(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", hq), nil))
	en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", hq), nil))
	en.must(404, en.do("viewer", "GET", "/api/v1/posts/999", nil))
	en.must(404, en.do("viewer", "GET", "/no/such/page/secret-xyz", nil))
	cal := en.must(201, en.do("manager", "POST", "/api/v1/calendars", map[string]any{"scope": "guard", "target_id": an})).obj()
	feed := en.srv.URL + strings.TrimPrefix(cal["url"].(string), "http://127.0.0.1:8080")
	secret := strings.TrimSuffix(feed[strings.LastIndex(feed, "/")+1:], ".ics")
	code, h, _ := feedGet(t, "GET", feed)
	if code != 200 {
		t.Fatalf("feed: %d", code)
	}
	if code, _, _ := feedGet(t, "GET", feed, "If-None-Match", h.Get("ETag")); code != 304 {
		t.Fatalf("feed again: %d", code)
	}

	fams, raw := en.scrape("admin")
	for _, tc := range []struct {
		route, status string
		want          float64
	}{
		{"/api/v1/posts/:id", "200", 2},
		{"/api/v1/posts/:id", "404", 1},
		{"/ical/:file", "200", 1},
		{"/ical/:file", "304", 1},
	} {
		l := map[string]string{"method": "GET", "route": tc.route, "status": tc.status}
		en.mustMetric(fams, "catruc_http_requests_total", l, tc.want)
		en.mustMetric(fams, "catruc_http_request_duration_seconds", l, tc.want)
	}
	en.mustMetric(fams, "catruc_http_requests_total", map[string]string{"method": "POST", "route": "/api/v1/posts", "status": "201"}, 2)
	en.mustMetric(fams, "catruc_feed_requests_total", nil, 2)
	en.mustMetric(fams, "catruc_feed_not_modified_total", nil, 1)
	for _, leak := range []string{secret, "secret-xyz", "/api/v1/posts/999", fmt.Sprintf("/api/v1/posts/%d\"", hq)} {
		if strings.Contains(raw, leak) {
			t.Errorf("the metrics show %q", leak)
		}
	}
	var routes []string
	for _, m := range fams["catruc_http_requests_total"].Metric {
		for _, l := range m.Label {
			if l.GetName() == "route" {
				routes = append(routes, l.GetValue())
			}
		}
	}
	sort.Strings(routes)
	for _, r := range routes {
		if r != "(no route)" && !strings.HasPrefix(r, "/") {
			t.Errorf("route label %q", r)
		}
	}
}

// Ensure the coverage series of each post tell the same percent and
// uncovered hours as GET /api/v1/coverage over the next 24 hours and 7 days,
// and move when the roster changes.
func TestMetricsCoverageMatchesAPI(t *testing.T) {
	en := newEnv(t)
	hq, police, an, duc := en.seedOffice()
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00")))
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-03T19:00:00+07:00", "2026-12-04T07:00:00+07:00")))
	check := func(when string) {
		t.Helper()
		fams, _ := en.scrape("admin")
		for _, w := range []struct {
			label string
			d     time.Duration
		}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}} {
			from := testNow.In(en.st.Location())
			q := fmt.Sprintf("/api/v1/coverage?from=%s&to=%s", qtime(from), qtime(from.Add(w.d)))
			rep := en.must(200, en.do("viewer", "GET", q, nil)).obj()
			posts := rep["posts"].([]any)
			if len(posts) != 2 {
				t.Fatalf("coverage: %v", rep)
			}
			for _, p := range posts {
				p := p.(map[string]any)
				id := int64(p["post_id"].(float64))
				code := map[int64]string{hq: "tru-so", police: "vong-gac"}[id]
				l := map[string]string{"post_id": fmt.Sprint(id), "post": code, "window": w.label}
				uncovered := p["required_hours"].(float64) - p["covered_hours"].(float64)
				en.mustMetric(fams, "catruc_post_coverage_percent", l, p["percent"].(float64))
				if got, _ := metricValue(fams, "catruc_post_uncovered_hours", l); fmt.Sprintf("%.2f", got) != fmt.Sprintf("%.2f", uncovered) {
					t.Errorf("%s: uncovered hours %v, the API %v", when, got, uncovered)
				}
			}
		}
	}
	check("first")
	fams, _ := en.scrape("admin")
	// 24 h from 09:30: the headquarters needs 24 guard-hours and has 07:00–19:00 of the first day: 9.5 h covered.
	en.mustMetric(fams, "catruc_post_uncovered_hours", map[string]string{"post": "tru-so", "window": "24h"}, 14.5)
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-01T19:00:00+07:00", "2026-12-02T07:00:00+07:00")))
	check("after a shift")
	fams, _ = en.scrape("admin")
	en.mustMetric(fams, "catruc_post_uncovered_hours", map[string]string{"post": "tru-so", "window": "24h"}, 2.5)
}

func qtime(t time.Time) string { return strings.ReplaceAll(t.Format(time.RFC3339), "+", "%2B") }

// Ensure the alert, outbox and job series read the database at scrape time:
// the alerts a sweep opens by kind and severity, the notifications queued
// and failed by channel with the oldest one's age, and each job's last run,
// last success and duration, a failed run keeping the success before it.
func TestMetricsAlertsOutboxJobs(t *testing.T) {
	en := newEnvWith(t, true)
	en.seedOffice()
	fams, _ := en.scrape("admin")
	en.mustMetric(fams, "catruc_outbox_pending", map[string]string{"channel": "email"}, 0)
	en.mustMetric(fams, "catruc_outbox_oldest_pending_age_seconds", nil, 0)
	if _, ok := metricValue(fams, "catruc_job_last_run_timestamp_seconds", map[string]string{"job": "sweep"}); ok {
		t.Fatal("a job that never ran has a last run")
	}

	r := en.must(200, en.do("manager", "POST", "/api/v1/jobs/sweep/run", nil)).obj()
	if r["ok"] != true {
		t.Fatalf("sweep: %v", r)
	}
	alerts := en.must(200, en.do("viewer", "GET", "/api/v1/alerts?status=open", nil)).list()
	want := map[[2]string]float64{}
	for _, a := range alerts {
		a := a.(map[string]any)
		want[[2]string{a["kind"].(string), a["severity"].(string)}]++
	}
	if len(alerts) == 0 {
		t.Fatal("the sweep opened no alert for an uncovered post")
	}
	ctx := context.Background()
	hooks := []*scheduler.Notification{
		{Channel: scheduler.ChannelWebhook, Recipient: "https://hook.example.vn/x", Type: scheduler.TypeTest, DedupeKey: "metrics-test-1"},
		{Channel: scheduler.ChannelWebhook, Recipient: "https://hook.example.vn/y", Type: scheduler.TypeTest, DedupeKey: "metrics-test-2"},
		{Channel: scheduler.ChannelWebhook, Recipient: "https://hook.example.vn/z", Type: scheduler.TypeTest, DedupeKey: "metrics-test-3"},
	}
	if _, err := en.st.Enqueue(ctx, hooks); err != nil {
		t.Fatal(err)
	}
	next := testNow.Add(time.Minute)
	if err := en.st.MarkAttempt(ctx, hooks[1].ID, "connection refused", &next); err != nil {
		t.Fatal(err)
	}
	if err := en.st.MarkAttempt(ctx, hooks[2].ID, "410 Gone", nil); err != nil {
		t.Fatal(err)
	}
	fams, _ = en.scrape("admin")
	for k, n := range want {
		en.mustMetric(fams, "catruc_alerts_active", map[string]string{"kind": k[0], "severity": k[1], "status": "open"}, n)
	}
	pendingEmail, _ := metricValue(fams, "catruc_outbox_pending", map[string]string{"channel": "email"})
	queued, err := en.st.FindNotifications(ctx, scheduler.NotifyPending, 1000)
	if err != nil {
		t.Fatal(err)
	}
	byChannel := map[string]float64{}
	for _, n := range queued {
		byChannel[n.Channel]++
	}
	if pendingEmail != byChannel["email"] {
		t.Errorf("pending email %v, the outbox holds %v", pendingEmail, byChannel["email"])
	}
	en.mustMetric(fams, "catruc_outbox_pending", map[string]string{"channel": "webhook"}, byChannel["webhook"])
	if byChannel["webhook"] != 2 {
		t.Errorf("pending webhooks: %v", byChannel)
	}
	en.mustMetric(fams, "catruc_outbox_retrying", map[string]string{"channel": "webhook"}, 1)
	en.mustMetric(fams, "catruc_outbox_failed", map[string]string{"channel": "webhook"}, 1)
	en.mustMetric(fams, "catruc_outbox_failed", map[string]string{"channel": "email"}, 0)
	// Seen 90 s later (another server's clock), the oldest pending notification is 90 s old.
	e, _ := api.New(api.Config{Store: en.st, Now: func() time.Time { return testNow.Add(90 * time.Second) },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	later := httptest.NewServer(e)
	defer later.Close()
	other := &env{t: t, st: en.st, srv: later, tokens: en.tokens}
	fams2, _ := other.scrape("admin")
	other.mustMetric(fams2, "catruc_outbox_oldest_pending_age_seconds", nil, 90)
	run := float64(testNow.Unix())
	en.mustMetric(fams, "catruc_job_last_run_timestamp_seconds", map[string]string{"job": "sweep"}, run)
	en.mustMetric(fams, "catruc_job_last_success_timestamp_seconds", map[string]string{"job": "sweep"}, run)
	en.mustMetric(fams, "catruc_job_last_run_failed", map[string]string{"job": "sweep"}, 0)
	if d, ok := metricValue(fams, "catruc_job_last_duration_seconds", map[string]string{"job": "sweep"}); !ok || d < 0 || d > 60 {
		t.Errorf("sweep duration %v %v", d, ok)
	}

	// A failed run moves the last run, not the last success.
	failedAt := testNow.Add(time.Hour)
	if err := en.st.RecordJobRun(ctx, scheduler.JobRun{Name: "sweep", LastRun: failedAt, DurationMS: 1500, Error: "smtp down"}); err != nil {
		t.Fatal(err)
	}
	fams, _ = en.scrape("admin")
	en.mustMetric(fams, "catruc_job_last_run_timestamp_seconds", map[string]string{"job": "sweep"}, float64(failedAt.Unix()))
	en.mustMetric(fams, "catruc_job_last_success_timestamp_seconds", map[string]string{"job": "sweep"}, run)
	en.mustMetric(fams, "catruc_job_last_duration_seconds", map[string]string{"job": "sweep"}, 1.5)
	en.mustMetric(fams, "catruc_job_last_run_failed", map[string]string{"job": "sweep"}, 1)
	en.mustMetric(fams, "catruc_db_busy_retries_total", nil, 0)
}
