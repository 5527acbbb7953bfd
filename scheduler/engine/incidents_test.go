package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/notify"
	"catruc/store"
	"catruc/store/storetest"
	"catruc/web"
)

// desk is a running catruc for the duty desk: store, engine, sender, and
// both doors on one server whose address the ack links use, with a fake clock.
type desk struct {
	t      *testing.T
	clk    *clock
	st     *store.Store
	eng    *engine.Engine
	hub    *engine.Hub
	sender *notify.Sender
	srv    *httptest.Server
	tokens map[string]string // role → API token
}

func openDesk(t *testing.T, at time.Time) *desk {
	ctx := context.Background()
	d := &desk{t: t, clk: &clock{t: at}, hub: engine.NewHub(), tokens: map[string]string{}}
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn, storetest.Options(dsn, store.WithClock(d.clk.now))...)
	if err != nil {
		t.Fatal(err)
	}
	d.st = st
	t.Cleanup(func() { st.Close() })
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	d.eng = engine.New(engine.Config{Store: st, Now: d.clk.now, Logger: logger, Hub: d.hub})
	d.sender = &notify.Sender{Outbox: st, Now: d.clk.now, Logger: logger}
	d.srv = httptest.NewUnstartedServer(nil)
	base := "http://" + d.srv.Listener.Addr().String()
	e, _ := api.New(api.Config{Store: st, Logger: logger, Now: d.clk.now, Engine: d.eng, Hub: d.hub, BaseURL: base})
	web.Register(e, web.Deps{Store: st, Engine: d.eng, Hub: d.hub, Logger: logger, Now: d.clk.now, BaseURL: base})
	d.srv.Config.Handler = e
	d.srv.Start()
	t.Cleanup(d.srv.Close)
	if _, err := st.LoadDemo(ctx, d.clk.now()); err != nil {
		t.Fatal(err)
	}
	return d
}

// token issues an API token of role (a guard's for guard id g).
func (d *desk) token(role string, g *int64) string {
	secret, _, err := d.st.CreateToken(context.Background(), "t-"+role, role, g)
	if err != nil {
		d.t.Fatal(err)
	}
	d.tokens[role] = secret
	return secret
}

func (d *desk) call(role, method, path string, body any) (int, []byte) {
	d.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req, _ := http.NewRequest(method, d.srv.URL+path, r)
	req.Header.Set("Authorization", "Bearer "+d.tokens[role])
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (d *desk) get(url string) (int, string) {
	d.t.Helper()
	res, err := http.Get(url)
	if err != nil {
		d.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// tap follows an acknowledge link as a phone does: the page, then the form
// its script sends at once (when the link is still good).
func (d *desk) tap(link string) (int, string) {
	d.t.Helper()
	code, page := d.get(link)
	if code != 200 || !strings.Contains(page, "data-autosubmit") {
		return code, page
	}
	res, err := http.PostForm(link, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (d *desk) flush() {
	d.t.Helper()
	if _, _, err := d.sender.Flush(context.Background()); err != nil {
		d.t.Fatal(err)
	}
}

func (d *desk) outbox(typ string) []*scheduler.Notification {
	ns, err := d.st.FindNotifications(context.Background(), "", 5000)
	if err != nil {
		d.t.Fatal(err)
	}
	var out []*scheduler.Notification
	for _, n := range ns {
		if n.Type == typ {
			out = append(out, n)
		}
	}
	return out
}

var ackLinkRE = regexp.MustCompile(`https?://[^\s]+/ack/[A-Za-z0-9_-]{43}`)

// ackLink is the acknowledge link of the newest email of type typ to addr.
func (d *desk) ackLink(typ, addr string) string {
	d.t.Helper()
	for _, n := range d.outbox(typ) { // newest first
		if n.Channel == scheduler.ChannelEmail && n.Recipient == addr {
			if l := ackLinkRE.FindString(n.BodyText); l != "" {
				return l
			}
		}
	}
	d.t.Fatalf("no %s email with an ack link to %s", typ, addr)
	return ""
}

const (
	platoonMail = "vinh.le@vpubnd.example.vn"
	fireMail    = "hoa.tran@vpubnd.example.vn"
)

// crowdDesk is the demo office at 02:00 with its reserve teams, managers,
// SMTP and a webhook, and the tokens of a guard on duty, a manager and a viewer.
func crowdDesk(t *testing.T) (*desk, *mailbox, *hook, *scheduler.Guard) {
	ctx := context.Background()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	d := openDesk(t, time.Date(2026, 12, 1, 2, 0, 0, 0, loc)) // Tuesday 02:00
	mb := startMailbox(t)
	hk := &hook{}
	hsrv := httptest.NewServer(hk)
	t.Cleanup(hsrv.Close)
	if _, err := d.st.SetNotificationSettings(ctx, scheduler.NotificationSettings{
		Managers:   []scheduler.Person{{Name: "Chánh Văn phòng", Email: manager}},
		Escalation: []scheduler.Person{{Name: "Phó Chủ tịch", Email: escalation}}, EscalateAfterMinutes: 30,
		SMTP:                 scheduler.SMTP{Host: mb.host, Port: mb.port, From: "catruc <catruc@vpubnd.example.vn>", TLS: "none"},
		Webhooks:             []scheduler.Webhook{{URL: hsrv.URL + "/sms", Secret: "bí-mật", Events: []string{"incident.callout", "incident.escalated"}}},
		AllowPrivateWebhooks: true, // the receiver listens on 127.0.0.1
	}, false); err != nil {
		t.Fatal(err)
	}
	// Who is on duty at 02:00: one headquarters guard of the 24/24 rotation.
	now := d.clk.now()
	end := now.Add(time.Second)
	shifts, _ := d.st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &now, To: &end})
	var onDuty *scheduler.Guard
	for _, sh := range shifts {
		if g, _ := d.st.FindGuardByID(ctx, *sh.GuardID); g.Unit == scheduler.UnitOffice {
			onDuty = g
		}
	}
	if onDuty == nil {
		t.Fatalf("no office guard on duty at 02:00 in %v", shifts)
	}
	d.token(scheduler.RoleGuard, &onDuty.ID)
	d.token(scheduler.RoleManager, nil)
	d.token(scheduler.RoleViewer, nil)
	d.token(scheduler.RoleAdmin, nil)
	// The demo's self-defence platoon holds both headquarters guards (one
	// is on duty: called once, as a guard) and a member reachable by phone only.
	if ts, err := d.st.FindTeams(ctx); err != nil || len(ts) != 3 || ts[0].Kind != scheduler.TeamSelfDefence {
		t.Fatalf("demo teams %v %v", ts, err)
	}
	return d, mb, hk, onDuty
}

// Ensure a crowd incident declared by the guard on duty at 02:00 calls out,
// in the request's own transaction, the police post, the guard on duty, the
// manager and the self-defence platoon — once each, not the fire team —
// with Vietnamese emails and webhooks carrying a one-tap acknowledge link;
// the link works once and says so the second time; the police post's
// silence escalates once after the plan's 10 minutes to the managers and
// the escalation contact and sends the callout again; the timeline lists
// every step in order with the response times; an unused link expires after
// 24 hours; and the live stream and the police feed show the incident.
func TestCrowdIncidentCallout(t *testing.T) {
	ctx := context.Background()
	d, mb, hk, onDuty := crowdDesk(t)
	events, stop := d.hub.Subscribe()
	defer stop()

	code, b := d.call(scheduler.RoleGuard, "POST", "/api/v1/incidents", map[string]any{"kind": "crowd", "post_id": 1,
		"title": "Khoảng 40 người dân tập trung trước cổng chính", "note": "Có băng rôn, đòi gặp lãnh đạo", "headcount": 40})
	if code != 201 {
		t.Fatalf("POST /incidents: %d %s", code, b)
	}
	var inc scheduler.Incident
	json.Unmarshal(b, &inc)
	type who struct{ name, kind, channel string }
	var got []who
	for _, r := range inc.Responders {
		got = append(got, who{r.Name, r.Kind, r.Channel})
		if r.NotifiedAt == nil || !r.NotifiedAt.Equal(d.clk.now()) || r.AckedAt != nil {
			t.Errorf("responder %s: notified %v acked %v, want notified now, not acked", r.Name, r.NotifiedAt, r.AckedAt)
		}
	}
	want := []who{
		{"Tiểu đội Cảnh sát bảo vệ mục tiêu Trụ sở UBND tỉnh (PK20)", "police_post", "email"},
		{onDuty.Name, "guard", "email"},
		{"Chánh Văn phòng", "manager", "email"},
		{"Lê Quang Vinh (trung đội trưởng)", "team_member", "email"},
		{"Ngô Thị Hạnh", "team_member", "webhook"},
		{"Đoàn Văn Sơn", "team_member", "email"},
		{"Trần Minh Đức", "team_member", "email"},
	}
	if len(got) != len(want) {
		t.Fatalf("responders %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("responder %d = %v, want %v", i, got[i], want[i])
		}
	}
	// In the outbox before anything ran: one email per address, one webhook per responder.
	callouts := d.outbox(scheduler.TypeIncidentCallout)
	perRecipient := map[string]int{}
	hooks := 0
	for _, n := range callouts {
		if n.Channel == scheduler.ChannelEmail {
			perRecipient[n.Recipient]++
		} else {
			hooks++
		}
		if !n.CreatedAt.Equal(inc.DeclaredAt) {
			t.Errorf("notification %d queued at %v, want with the incident at %v", n.ID, n.CreatedAt, inc.DeclaredAt)
		}
	}
	for _, addr := range []string{policeMail, onDuty.Email, manager, platoonMail, "son.doan@vpubnd.example.vn", "duc.tran@vpubnd.example.vn"} {
		if perRecipient[addr] != 1 {
			t.Errorf("%s has %d callout emails queued, want 1", addr, perRecipient[addr])
		}
	}
	if len(perRecipient) != 6 || hooks != 7 || perRecipient[fireMail] != 0 {
		t.Errorf("callout queued emails %v and %d webhooks, want 6 emails (not the fire team) and 7 webhooks", perRecipient, hooks)
	}
	for _, r := range inc.Responders {
		if r.Delivery != scheduler.DeliveryPending {
			t.Errorf("responder %s before the outbox ran: delivery %q, want pending", r.Name, r.Delivery)
		}
	}
	d.flush()
	// After the outbox ran, the incident shows each responder's messages delivered.
	after, err := d.st.FindIncidentByID(context.Background(), inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range after.Responders {
		if r.Delivery != scheduler.DeliverySent || r.DeliveryError != "" {
			t.Errorf("responder %s after the outbox ran: delivery %q %q, want sent", r.Name, r.Delivery, r.DeliveryError)
		}
	}
	subj := mb.subjects(policeMail)
	if len(subj) != 1 || subj[0] != "[SỰ CỐ] Khiếu kiện đông người tại Trụ sở HĐND, UBND tỉnh: Khoảng 40 người dân tập trung trước cổng chính" {
		t.Errorf("police post's subjects %q", subj)
	}
	if got := hk.ofType("incident.callout"); len(got) != 7 {
		t.Errorf("webhook got %d callouts, want 7 (bad signatures: %v)", len(got), hk.bad)
	} else {
		var data map[string]any
		for _, p := range got {
			if dt, _ := p["data"].(map[string]any); dt["responder"].(map[string]any)["name"] == "Ngô Thị Hạnh" {
				data = dt
			}
		}
		resp, _ := data["responder"].(map[string]any)
		if resp["name"] != "Ngô Thị Hạnh" || resp["phone"] != "0905 333 402" || !ackLinkRE.MatchString(data["ack_url"].(string)) {
			t.Errorf("webhook for the member without email: %v", data)
		}
	}
	select {
	case ev := <-events:
		if ev.Type != "incident.declared" || ev.Incident == nil || ev.Incident.ID != inc.ID {
			t.Errorf("live event %+v, want incident.declared", ev)
		}
	case <-time.After(5 * time.Second):
		t.Error("no incident.declared on the live stream")
	}

	// 02:03: the guard on duty taps the link; a second tap says it was done.
	d.clk.add(3 * time.Minute)
	link := d.ackLink(scheduler.TypeIncidentCallout, onDuty.Email)
	if code, page := d.tap(link); code != 200 || !strings.Contains(page, "Đã xác nhận. Cảm ơn đồng chí!") ||
		!strings.Contains(page, "Khoảng 40 người dân tập trung trước cổng chính") {
		t.Fatalf("ack page: %d %s", code, page)
	}
	if code, page := d.tap(link); code != 200 || !strings.Contains(page, "Tin này đã được xác nhận trước đó.") {
		t.Fatalf("second use: %d %s", code, page)
	}
	if code, _ := d.get(d.srv.URL + "/ack/" + strings.Repeat("x", 43)); code != 404 {
		t.Errorf("unknown link: %d, want 404", code)
	}

	// 02:09 nothing yet; 02:10 the police post has been silent for 10 minutes: one escalation.
	d.clk.add(6 * time.Minute)
	d.eng.Run(ctx, scheduler.JobIncidents)
	if n := len(d.outbox(scheduler.TypeIncidentEscalated)); n != 0 {
		t.Fatalf("escalated before the limit: %d notifications", n)
	}
	d.clk.add(time.Minute)
	res := d.eng.Run(ctx, scheduler.JobIncidents)
	if !res.OK || len(res.Result.(engine.IncidentsResult).Escalated) != 1 {
		t.Fatalf("incidents job at 02:10: %+v", res)
	}
	d.clk.add(time.Minute)
	d.eng.Run(ctx, scheduler.JobIncidents) // 02:11: not again
	d.flush()
	for addr, n := range map[string]int{policeMail: 2, manager: 2, escalation: 1, onDuty.Email: 1, platoonMail: 1} {
		if got := mb.subjects(addr); len(got) != n {
			t.Errorf("%s received %d emails %q, want %d", addr, len(got), got, n)
		}
	}
	if s := mb.subjects(escalation); len(s) == 1 && !strings.HasPrefix(s[0], "[CHUYỂN CẤP – CÔNG AN CHƯA XÁC NHẬN] Khiếu kiện đông người") {
		t.Errorf("escalation subject %q", s[0])
	}

	// 02:12: the police post acknowledges through the link of the second sending.
	d.clk.add(time.Minute)
	if code, page := d.tap(d.ackLink(scheduler.TypeIncidentEscalated, policeMail)); code != 200 || !strings.Contains(page, "Đã xác nhận") {
		t.Fatalf("police ack: %d %s", code, page)
	}
	// An update and the close, by the manager; a guard may not.
	if code, _ := d.call(scheduler.RoleGuard, "POST", "/api/v1/incidents/1/updates", map[string]any{"note": "x"}); code != 403 {
		t.Errorf("guard adds an update: %d, want 403", code)
	}
	if code, b := d.call(scheduler.RoleManager, "POST", "/api/v1/incidents/1/updates", map[string]any{"note": "Đã mời 5 đại diện vào phòng tiếp dân"}); code != 200 {
		t.Fatalf("update: %d %s", code, b)
	}
	d.clk.add(30 * time.Minute)
	if code, b := d.call(scheduler.RoleManager, "POST", "/api/v1/incidents/1/close", map[string]any{"outcome": "Người dân giải tán lúc 02:40"}); code != 200 {
		t.Fatalf("close: %d %s", code, b)
	}
	if code, _ := d.call(scheduler.RoleManager, "POST", "/api/v1/incidents/1/close", map[string]any{"outcome": "lần hai"}); code != 409 {
		t.Errorf("second close: %d, want 409", code)
	}

	code, b = d.call(scheduler.RoleViewer, "GET", "/api/v1/incidents/1", nil)
	if code != 200 {
		t.Fatalf("GET incident: %d %s", code, b)
	}
	inc = scheduler.Incident{}
	json.Unmarshal(b, &inc)
	var steps []string
	for i, e := range inc.Timeline {
		steps = append(steps, e.Kind+":"+e.Name)
		if i > 0 && e.At.Before(inc.Timeline[i-1].At) {
			t.Errorf("timeline out of order at %d: %v before %v", i, e.At, inc.Timeline[i-1].At)
		}
	}
	police := want[0].name
	wantSteps := []string{"declared:", "notified:" + police, "notified:" + onDuty.Name, "notified:Chánh Văn phòng",
		"notified:Lê Quang Vinh (trung đội trưởng)", "notified:Ngô Thị Hạnh", "notified:Đoàn Văn Sơn", "notified:Trần Minh Đức", "acknowledged:" + onDuty.Name, "escalated:",
		"notified:" + police, "notified:Chánh Văn phòng", "notified:Phó Chủ tịch", "acknowledged:" + police, "update:", "closed:"}
	if strings.Join(steps, "|") != strings.Join(wantSteps, "|") {
		t.Errorf("timeline\n got %v\nwant %v", steps, wantSteps)
	}
	rt := inc.ResponseTimes
	if rt.FirstAckSeconds == nil || *rt.FirstAckSeconds != 180 || rt.PoliceAckSeconds == nil || *rt.PoliceAckSeconds != 720 {
		t.Errorf("response times %+v, want 180 s and 720 s", rt)
	}
	if inc.Status != "closed" || inc.Outcome != "Người dân giải tán lúc 02:40" || inc.EscalatedAt == nil {
		t.Errorf("incident %+v", inc)
	}

	// The police post's feed carries the incident, closed.
	code, b = d.call(scheduler.RoleManager, "POST", "/api/v1/calendars", map[string]any{"scope": "police"})
	if code != 201 {
		t.Fatalf("police calendar: %d %s", code, b)
	}
	var cal scheduler.Calendar
	json.Unmarshal(b, &cal)
	code, feed := d.get(cal.URL)
	feed = strings.ReplaceAll(feed, "\r\n ", "")
	if code != 200 || !strings.Contains(feed, "SUMMARY:[SỰ CỐ] Khiếu kiện đông người: Khoảng 40 người dân tập trung trước cổng chính") ||
		!strings.Contains(feed, "Đã kết thúc: Người dân giải tán lúc 02:40") {
		t.Errorf("police feed: %d\n%s", code, feed)
	}

	// The platoon leader's link, never used, has expired a day later.
	d.clk.add(24 * time.Hour)
	if code, page := d.tap(d.ackLink(scheduler.TypeIncidentCallout, platoonMail)); code != 410 ||
		!strings.Contains(page, "Đường dẫn xác nhận đã hết hạn") {
		t.Errorf("expired link: %d %s", code, page)
	}
}
