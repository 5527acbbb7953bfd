package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Ensure a sweep's alerts are listed by status, can be acknowledged and
// resolved by a manager (not a viewer), and each change reaches the live
// stream as a Server-Sent Event.
func TestAlertsAndStream(t *testing.T) {
	en := newEnvWith(t, true)
	hq, _, an, _ := en.seedOffice()
	// Today 12:00–20:00 the headquarters has An; the rest of the week is empty: one gap stretch before and after.
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T12:00:00+07:00", "2026-12-01T20:00:00+07:00")))

	// Listen to the stream.
	req, _ := http.NewRequest("GET", en.srv.URL+"/api/v1/alerts/stream", nil)
	req.Header.Set("Authorization", "Bearer "+en.tokens["viewer"])
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	events := make(chan [2]string, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		var ev string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				events <- [2]string{ev, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	for i := 0; i < 100 && en.hub.Subscribers() == 0; i++ {
		time.Sleep(10 * time.Millisecond)
	}

	r := en.must(200, en.do("manager", "POST", "/api/v1/jobs/sweep/run", nil)).obj()
	if r["ok"] != true || r["name"] != "sweep" || num(r["result"].(map[string]any)["opened"]) != 2 {
		t.Fatalf("sweep: %v", r)
	}
	open := en.get("/api/v1/alerts?status=open").list()
	if len(open) != 2 {
		t.Fatalf("open alerts: %v", open)
	}
	first := open[1].(map[string]any) // newest first: the earlier stretch is the older alert
	if first["kind"] != "gap" || first["start"] != "2026-12-01T09:30:00+07:00" || first["end"] != "2026-12-01T12:00:00+07:00" ||
		first["severity"] != "critical" || num(first["missing"]) != 1 || !strings.Contains(first["message_vi"].(string), "Trụ sở HĐND, UBND tỉnh thiếu 1 người trực") {
		t.Fatalf("first alert: %v", first)
	}
	got := map[string]int{}
	deadline := time.After(5 * time.Second)
	for got["alert.opened"] < 2 {
		select {
		case ev := <-events:
			got[ev[0]]++
			var p map[string]any
			if err := json.Unmarshal([]byte(ev[1]), &p); err != nil || p["alert"] == nil {
				t.Fatalf("event data: %s", ev[1])
			}
		case <-deadline:
			t.Fatalf("stream events: %v", got)
		}
	}
	id := int64(num(first["id"]))
	if r := en.do("viewer", "POST", fmt.Sprintf("/api/v1/alerts/%d/ack", id), nil); r.Status != 403 {
		t.Fatalf("viewer ack: %d", r.Status)
	}
	a := en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/alerts/%d/ack", id), nil)).obj()
	if a["status"] != "acknowledged" || a["acknowledged_at"] != "2026-12-01T09:30:00+07:00" || a["acknowledged_by"] != "token:manager-token" {
		t.Fatalf("ack: %v", a)
	}
	a = en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/alerts/%d/resolve", id), nil)).obj()
	if a["status"] != "resolved" || a["resolved_by"] != "token:manager-token" {
		t.Fatalf("resolve: %v", a)
	}
	if r := en.do("manager", "POST", fmt.Sprintf("/api/v1/alerts/%d/resolve", id), nil); r.Status != 409 {
		t.Fatalf("resolve twice: %d", r.Status)
	}
	if r := en.do("manager", "POST", "/api/v1/alerts/999/ack", nil); r.Status != 404 {
		t.Fatalf("ack unknown: %d", r.Status)
	}
	for want := map[string]bool{"alert.acknowledged": true, "alert.resolved": true}; len(want) > 0; {
		select {
		case ev := <-events:
			delete(want, ev[0])
		case <-time.After(5 * time.Second):
			t.Fatalf("stream missed %v", want)
		}
	}
	// A hand-resolved alert is not reopened by the next sweep.
	r = en.must(200, en.do("manager", "POST", "/api/v1/jobs/sweep/run", nil)).obj()
	if res := r["result"].(map[string]any); num(res["opened"]) != 0 || num(res["resolved"]) != 0 {
		t.Fatalf("second sweep: %v", res)
	}
	if n := len(en.get("/api/v1/alerts?status=resolved").list()); n != 1 {
		t.Fatalf("resolved alerts: %d", n)
	}
	for _, q := range []string{"?status=closed", "?kind=fire", "?limit=0", "?post_id=x"} {
		if r := en.do("viewer", "GET", "/api/v1/alerts"+q, nil); r.Status != 400 {
			t.Errorf("alerts%s: %d", q, r.Status)
		}
	}
}

// Ensure jobs are listed with their schedules, run on demand, unknown ones
// are 404, and their settings validate and take effect.
func TestJobsAPI(t *testing.T) {
	en := newEnvWith(t, true)
	jobs := en.get("/api/v1/jobs").list()
	if len(jobs) != 7 { // … and incidents (issue 12)
		t.Fatalf("jobs: %v", jobs)
	}
	j0 := jobs[0].(map[string]any)
	if j0["name"] != "horizon" || j0["schedule"] != "10 0 * * *" || j0["next_run"] != "2026-12-02T00:10:00+07:00" || j0["last_run"] != nil {
		t.Fatalf("horizon: %v", j0)
	}
	if r := en.do("manager", "POST", "/api/v1/jobs/coffee/run", nil); r.Status != 404 || r.errField() != "name" {
		t.Fatalf("unknown job: %d %s", r.Status, r.Raw)
	}
	if r := en.do("viewer", "POST", "/api/v1/jobs/sweep/run", nil); r.Status != 403 {
		t.Fatalf("viewer runs a job: %d", r.Status)
	}
	r := en.must(200, en.do("manager", "POST", "/api/v1/jobs/horizon/run", nil)).obj()
	if r["ok"] != true || r["result"].(map[string]any)["until"] != "2027-02-01" {
		t.Fatalf("horizon run: %v", r)
	}
	j := en.get("/api/v1/jobs").list()[0].(map[string]any)
	if j["last_run"] != "2026-12-01T09:30:00+07:00" || j["last_error"] != "" {
		t.Fatalf("after a run: %v", j)
	}
	s := en.get("/api/v1/settings/jobs").obj()
	if num(s["horizon_days"]) != 62 || num(s["lookahead_hours"]) != 168 || num(s["notify_lead_hours"]) != 48 || num(s["backup_keep"]) != 14 {
		t.Fatalf("job settings: %v", s)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"schedules":{"sweep":"every five minutes"}}`, "schedules.sweep"},
		{`{"schedules":{"coffee":"@daily"}}`, "schedules.coffee"},
		{`{"horizon_days":0}`, "horizon_days"},
		{`{"reminder_lead_minutes":[0]}`, "reminder_lead_minutes"},
		{`{"backup_keep":-1}`, "backup_keep"},
	} {
		if r := en.do("admin", "PUT", "/api/v1/settings/jobs", tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("job settings %s: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	put := en.must(200, en.do("admin", "PUT", "/api/v1/settings/jobs", `{"schedules":{"digest":"0 7 * * 1-5","backup":"off"},"horizon_days":31}`)).obj()
	if put["schedules"].(map[string]any)["digest"] != "0 7 * * 1-5" || put["schedules"].(map[string]any)["sweep"] != "*/5 * * * *" || num(put["horizon_days"]) != 31 {
		t.Fatalf("put job settings: %v", put)
	}
	for _, x := range en.get("/api/v1/jobs").list() {
		j := x.(map[string]any)
		if j["name"] == "digest" && j["next_run"] != "2026-12-02T07:00:00+07:00" {
			t.Errorf("digest next run: %v", j)
		}
		if j["name"] == "backup" && (j["schedule"] != "off" || j["next_run"] != nil) {
			t.Errorf("backup off: %v", j)
		}
	}
	if r := en.do("manager", "PUT", "/api/v1/settings/jobs", `{}`); r.Status != 403 {
		t.Fatalf("manager changes job settings: %d", r.Status)
	}
}

// Ensure the notification settings keep passwords and secrets write-only,
// validate every field, and the test button queues a message.
func TestNotificationSettings(t *testing.T) {
	en := newEnvWith(t, true)
	body := `{"managers":[{"name":"Chánh Văn phòng","email":"quanly@vpubnd.example.vn"}],"escalation":[],"escalate_after_minutes":20,
		"smtp":{"host":"mail.example.vn","port":587,"username":"catruc","password":"mật-khẩu","from":"catruc <catruc@example.vn>","tls":"starttls"},
		"webhooks":[{"url":"https://hooks.example.vn/catruc","secret":"bí-mật","events":["alert.opened"]}]}`
	r := en.must(200, en.do("admin", "PUT", "/api/v1/settings/notifications", body))
	if strings.Contains(r.Raw2(), "mật-khẩu") || strings.Contains(r.Raw2(), "bí-mật") {
		t.Fatalf("a secret was returned: %s", r.Raw)
	}
	g := en.must(200, en.do("manager", "GET", "/api/v1/settings/notifications", nil))
	o := g.obj()
	if strings.Contains(g.Raw2(), "mật-khẩu") || strings.Contains(g.Raw2(), "bí-mật") || o["smtp_password_set"] != true ||
		len(o["webhooks_with_secret"].([]any)) != 1 || num(o["escalate_after_minutes"]) != 20 {
		t.Fatalf("GET settings: %s", g.Raw)
	}
	// The secrets are sealed in the database, and kept when a PUT leaves them out.
	var stored json.RawMessage
	if _, err := en.st.GetSetting(context.Background(), "notifications", &stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(stored), "mật-khẩu") || strings.Contains(string(stored), "bí-mật") || strings.Count(string(stored), "sealed:v1:") != 2 {
		t.Fatalf("secrets stored in clear: %s", stored)
	}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/notifications", g.Raw))
	ns, err := en.st.NotificationSettings(context.Background())
	if err != nil || ns.SMTP.Password != "mật-khẩu" || ns.Webhooks[0].Secret != "bí-mật" {
		t.Fatalf("secrets after a round trip: %+v %v", ns, err)
	}
	if r := en.do("viewer", "GET", "/api/v1/settings/notifications", nil); r.Status != 403 {
		t.Fatalf("viewer reads notification settings: %d", r.Status)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"managers":[{"name":"X","email":"x@"}]}`, "managers[0].email"},
		{`{"escalate_after_minutes":0}`, "escalate_after_minutes"},
		{`{"smtp":{"host":"mail.example.vn","from":"nobody"}}`, "smtp.from"},
		{`{"smtp":{"tls":"ssl3"}}`, "smtp.tls"},
		{`{"smtp":{"port":70000}}`, "smtp.port"},
		{`{"webhooks":[{"url":"ftp://x"}]}`, "webhooks[0].url"},
		{`{"webhooks":[{"url":"https://x.vn","events":["alert.exploded"]}]}`, "webhooks[0].events"},
	} {
		if r := en.do("admin", "PUT", "/api/v1/settings/notifications", tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("notification settings %s: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	r = en.must(202, en.do("admin", "POST", "/api/v1/settings/notifications/test", `{"email":"thu@example.vn"}`))
	if num(r.obj()["queued"]) != 1 {
		t.Fatalf("test send: %s", r.Raw)
	}
	ns2 := en.get2("manager", "/api/v1/notifications?status=pending").list()
	if len(ns2) != 1 || ns2[0].(map[string]any)["recipient"] != "thu@example.vn" || ns2[0].(map[string]any)["channel"] != "email" {
		t.Fatalf("pending notifications: %v", ns2)
	}
	if r := en.do("admin", "POST", "/api/v1/settings/notifications/test", `{"email":"nope"}`); r.Status != 400 || r.errField() != "email" {
		t.Fatalf("test to a bad address: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "GET", "/api/v1/notifications?status=lost", nil); r.Status != 400 {
		t.Fatalf("bad status: %d", r.Status)
	}
}

// get2 is GET as role, expecting 200.
func (en *env) get2(role, path string) resp {
	en.t.Helper()
	return en.must(200, en.do(role, "GET", path, nil))
}
