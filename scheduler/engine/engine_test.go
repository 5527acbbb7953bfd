package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/notify"
	"catruc/store"
	"catruc/store/storetest"

	"github.com/emersion/go-smtp"
)

// clock is a fake clock the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// mailbox is a real SMTP server (go-smtp) on loopback that keeps what it receives.
type mailbox struct {
	mu   sync.Mutex
	msgs []*mail.Message
	to   [][]string
	host string
	port int
}

func (m *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{m: m}, nil }

type session struct {
	m  *mailbox
	to []string
}

func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(msg.Body)
	msg.Body = strings.NewReader(string(body))
	s.m.mu.Lock()
	s.m.msgs = append(s.m.msgs, msg)
	s.m.to = append(s.m.to, s.to)
	s.m.mu.Unlock()
	return nil
}
func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }

func startMailbox(t *testing.T) *mailbox {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &mailbox{host: "127.0.0.1", port: l.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(m)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return m
}

// subjects returns the decoded subjects of the messages sent to addr.
func (m *mailbox) subjects(addr string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	dec := new(mime.WordDecoder)
	for i, msg := range m.msgs {
		for _, to := range m.to[i] {
			if to == addr {
				s, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
				out = append(out, s)
			}
		}
	}
	return out
}

// hook is a webhook receiver that can be down; it verifies each signature.
type hook struct {
	mu       sync.Mutex
	down     bool
	got      []map[string]any
	attempts int
	bad      []string
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.attempts++
	if h.down {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	if err := notify.Verify("bí-mật", r.Header.Get("X-Catruc-Timestamp"), r.Header.Get("X-Catruc-Signature"), body, time.Now(), 10*365*24*time.Hour); err != nil {
		h.bad = append(h.bad, err.Error())
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var p map[string]any
	json.Unmarshal(body, &p)
	h.got = append(h.got, p)
}

func (h *hook) ofType(typ string) []map[string]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []map[string]any
	for _, p := range h.got {
		if p["type"] == typ {
			out = append(out, p)
		}
	}
	return out
}

func (h *hook) setDown(d bool) { h.mu.Lock(); h.down = d; h.mu.Unlock() }

// office is a running catruc: store, engine, sender, API — reopenable.
type office struct {
	t      *testing.T
	path   string
	clk    *clock
	st     *store.Store
	eng    *engine.Engine
	sender *notify.Sender
	api    *httptest.Server
	token  string
}

func (o *office) open() {
	ctx := context.Background()
	st, err := store.Open(ctx, o.path, storetest.Options(o.path, store.WithClock(o.clk.now))...)
	if err != nil {
		o.t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	o.st = st
	o.eng = engine.New(engine.Config{Store: st, Now: o.clk.now, Logger: logger, Hub: engine.NewHub()})
	o.sender = &notify.Sender{Outbox: st, Now: o.clk.now, Logger: logger}
	e, _ := api.New(api.Config{Store: st, Logger: logger, Now: o.clk.now, Engine: o.eng})
	o.api = httptest.NewServer(e)
}

func (o *office) close() {
	o.api.Close()
	o.st.Close()
}

func (o *office) run(name string) engine.Result {
	o.t.Helper()
	r := o.eng.Run(context.Background(), name)
	if !r.OK {
		o.t.Fatalf("job %s: %s", name, r.Error)
	}
	return r
}

func (o *office) flush() {
	o.t.Helper()
	if _, _, err := o.sender.Flush(context.Background()); err != nil {
		o.t.Fatal(err)
	}
}

func (o *office) call(method, path, body string) (int, []byte) {
	o.t.Helper()
	req, _ := http.NewRequest(method, o.api.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+o.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (o *office) notifications(typ, channel string) []*scheduler.Notification {
	ns, err := o.st.FindNotifications(context.Background(), "", 5000)
	if err != nil {
		o.t.Fatal(err)
	}
	var out []*scheduler.Notification
	for _, n := range ns {
		if n.Type == typ && (channel == "" || n.Channel == channel) {
			out = append(out, n)
		}
	}
	return out
}

func (o *office) gapAlerts(status string) []*scheduler.Alert {
	as, err := o.st.FindAlerts(context.Background(), scheduler.AlertFilter{Kind: scheduler.AlertGap, Status: status})
	if err != nil {
		o.t.Fatal(err)
	}
	return as
}

// resolvedBreachesOf returns the resolved labour-rule alerts of a guard.
func (o *office) resolvedBreachesOf(guard int64) []*scheduler.Alert {
	as, err := o.st.FindAlerts(context.Background(), scheduler.AlertFilter{Kind: scheduler.AlertViolation, Status: scheduler.AlertResolved})
	if err != nil {
		o.t.Fatal(err)
	}
	var out []*scheduler.Alert
	for _, a := range as {
		if a.GuardID != nil && *a.GuardID == guard {
			out = append(out, a)
		}
	}
	return out
}

const (
	manager    = "quanly@vpubnd.example.vn"
	escalation = "chanhvanphong@vpubnd.example.vn"
	policeMail = "tieudoi.pk20@congan.example.vn"
)

// Ensure, driving the engine with a fake clock through a day of the demo
// office: a guard going on sick leave makes the next sweep open one alert and
// send one email and one signed webhook; a second sweep sends nothing new;
// with the webhook down the notification is retried and delivered once it is
// back, across a restart that loses nothing; an unacknowledged critical gap
// is escalated after 30 minutes; assigning a replacement resolves the alert
// with one resolution notice; an event with notify_police gives exactly one
// notice to the police contact at the lead time; the jobs show in GET /api/v1/jobs.
func TestEngineThroughADay(t *testing.T) {
	ctx := context.Background()
	mb := startMailbox(t)
	hk := &hook{}
	hsrv := httptest.NewServer(hk)
	defer hsrv.Close()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	clk := &clock{t: time.Date(2026, 12, 1, 6, 0, 0, 0, loc)} // Tuesday 06:00
	o := &office{t: t, path: storetest.DSN(t), clk: clk}
	o.open()
	defer func() { o.close() }()
	if _, err := o.st.LoadDemo(ctx, clk.now()); err != nil {
		t.Fatal(err)
	}
	secret, _, err := o.st.CreateToken(ctx, "admin", scheduler.RoleAdmin, nil)
	if err != nil {
		t.Fatal(err)
	}
	o.token = secret
	// A reserve guard for the headquarters, and who is told what.
	reserve := &scheduler.Guard{Name: "Lê Văn Cường", Unit: "office", Email: "cuong.le@vpubnd.example.vn", PostIDs: []int64{1}, Active: true}
	if err := o.st.CreateGuard(ctx, reserve); err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.SetNotificationSettings(ctx, scheduler.NotificationSettings{
		Managers:   []scheduler.Person{{Name: "Chánh Văn phòng", Email: manager}},
		Escalation: []scheduler.Person{{Name: "Phó Chủ tịch", Email: escalation}}, EscalateAfterMinutes: 30,
		SMTP:                 scheduler.SMTP{Host: mb.host, Port: mb.port, From: "catruc <catruc@vpubnd.example.vn>", TLS: "none"},
		Webhooks:             []scheduler.Webhook{{URL: hsrv.URL + "/catruc", Secret: "bí-mật", Events: []string{"alert.opened", "alert.updated", "alert.escalated", "alert.resolved", "event.notice"}}},
		AllowPrivateWebhooks: true, // the test receiver listens on 127.0.0.1
	}, false); err != nil {
		t.Fatal(err)
	}

	// Baseline: the demo roster has one gap, the night store.DemoGapDays ahead
	// (Friday 18:00 to Saturday's 07:00 handover), besides the 24-24 breaches.
	o.run(scheduler.JobSweep)
	demoGap := o.gapAlerts("")
	if len(demoGap) != 1 || !demoGap[0].Start.Equal(time.Date(2026, 12, 1+store.DemoGapDays, 18, 0, 0, 0, loc)) ||
		!demoGap[0].End.Equal(time.Date(2026, 12, 2+store.DemoGapDays, 7, 0, 0, 0, loc)) || demoGap[0].PostID == nil || *demoGap[0].PostID != 1 {
		t.Fatalf("gap alerts on the demo roster: %+v, want its one uncovered night", demoGap)
	}
	o.flush()
	baseEmails := len(mb.subjects(manager))
	openedBefore := len(o.notifications(scheduler.TypeAlertOpened, ""))
	baseHooks := map[int64]bool{} // the webhooks of the demo's own gap
	for _, n := range o.notifications(scheduler.TypeAlertOpened, scheduler.ChannelWebhook) {
		baseHooks[n.ID] = true
	}

	// 06:10: the guard of today's 07:00 headquarters shift calls in sick.
	clk.add(10 * time.Minute)
	from, to := clk.now(), clk.now().Add(2*time.Hour)
	hq := int64(1)
	shifts, _ := o.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq, From: &from, To: &to, Status: scheduler.ShiftScheduled})
	var sick *scheduler.Shift
	for _, sh := range shifts {
		if sh.Start.Equal(time.Date(2026, 12, 1, 7, 0, 0, 0, loc)) {
			sick = sh
		}
	}
	if sick == nil {
		t.Fatalf("no 07:00 headquarters shift in %v", shifts)
	}
	if err := o.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: *sick.GuardID, Kind: "sick",
		Start: clk.now(), End: time.Date(2026, 12, 2, 12, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	hk.setDown(true) // the webhook receiver is down for now
	res := o.run(scheduler.JobSweep).Result.(engine.SweepResult)
	// The hours the guard is away are not worked: the breaches of the sick guard's shift resolve.
	if res.Opened != 1 || res.Resolved != len(o.resolvedBreachesOf(*sick.GuardID)) || res.Updated != 0 {
		t.Fatalf("sweep after sick leave: %+v", res)
	}
	var open []*scheduler.Alert
	for _, a := range o.gapAlerts(scheduler.AlertOpen) {
		if a.ID != demoGap[0].ID {
			open = append(open, a)
		}
	}
	if len(open) != 1 {
		t.Fatalf("new open gap alerts: %d", len(open))
	}
	alert := open[0]
	if !alert.Start.Equal(sick.Start) || !alert.End.Equal(sick.End) || alert.Missing != 1 || alert.Severity != scheduler.SeverityCritical {
		t.Fatalf("alert %+v, want the shift %v – %v, critical", alert, sick.Start, sick.End)
	}
	if len(alert.Suggestions) == 0 || alert.Suggestions[0].GuardID != reserve.ID {
		t.Fatalf("suggestions: %+v", alert.Suggestions)
	}
	opened := o.notifications(scheduler.TypeAlertOpened, "")[:len(o.notifications(scheduler.TypeAlertOpened, ""))-openedBefore]
	if len(opened) != 2 {
		t.Fatalf("notifications of the new alert: %d, want one email and one webhook", len(opened))
	}
	o.flush()
	subs := mb.subjects(manager)
	// The gap's email first, then one "resolved" per breach of the sick guard's shift that ended.
	if len(subs) != baseEmails+1+res.Resolved || !strings.Contains(subs[baseEmails], "Trụ sở HĐND, UBND tỉnh thiếu 1 người trực") {
		t.Fatalf("manager emails: %q", subs[baseEmails:])
	}
	wh := o.notifications(scheduler.TypeAlertOpened, scheduler.ChannelWebhook)
	var gapHook *scheduler.Notification
	for _, n := range wh {
		if strings.Contains(n.Subject, "thiếu 1 người") && !baseHooks[n.ID] {
			gapHook = n
		}
	}
	if gapHook == nil || gapHook.Status != scheduler.NotifyPending || gapHook.Attempts != 1 || !strings.Contains(gapHook.LastError, "503") {
		t.Fatalf("webhook while down: %+v", gapHook)
	}

	// A second sweep sends nothing new.
	clk.add(5 * time.Minute)
	res = o.run(scheduler.JobSweep).Result.(engine.SweepResult)
	if res.Opened+res.Updated+res.Resolved+res.Escalated+res.Queued != 0 {
		t.Fatalf("second sweep: %+v", res)
	}

	// The process stops and starts again; nothing is lost.
	o.close()
	o.open()
	hk.setDown(false)
	clk.add(notify.Backoff(1))
	o.flush()
	delivered := 0
	for _, p := range hk.ofType("alert.opened") {
		if p["id"] == gapHook.WebhookID() {
			delivered++
			alertData := p["data"].(map[string]any)["alert"].(map[string]any)
			if alertData["kind"] != "gap" || alertData["message_vi"] != alert.MessageVI {
				t.Fatalf("webhook data: %v", alertData)
			}
		}
	}
	if delivered != 1 || len(hk.bad) > 0 {
		t.Fatalf("deliveries of the gap alert after the restart: %d (bad signatures %v)", delivered, hk.bad)
	}
	for _, n := range o.notifications(scheduler.TypeAlertOpened, scheduler.ChannelWebhook) {
		if n.ID == gapHook.ID && (n.Status != scheduler.NotifySent || n.Attempts != 2) {
			t.Fatalf("gap webhook after delivery: %+v", n)
		}
	}
	// Flushing again sends nothing twice.
	hk.mu.Lock()
	before := hk.attempts
	hk.mu.Unlock()
	o.flush()
	hk.mu.Lock()
	after := hk.attempts
	hk.mu.Unlock()
	if after != before {
		t.Fatalf("a second flush made %d more webhook calls", after-before)
	}

	// 06:45: nobody acknowledged the critical gap for 30 minutes: escalated once.
	clk.t = time.Date(2026, 12, 1, 6, 45, 0, 0, loc)
	res = o.run(scheduler.JobSweep).Result.(engine.SweepResult)
	if res.Escalated != 1 {
		t.Fatalf("escalation sweep: %+v", res)
	}
	o.run(scheduler.JobSweep)
	o.flush()
	if subs := mb.subjects(escalation); len(subs) != 1 || !strings.Contains(subs[0], "CHUYỂN CẤP") {
		t.Fatalf("escalation emails: %q", subs)
	}

	// 06:50: the manager assigns the reserve guard; the alert resolves by itself.
	clk.add(5 * time.Minute)
	code, body := o.call("PATCH", "/api/v1/shifts/"+itoa(sick.ID), `{"guard_id":`+itoa(reserve.ID)+`}`)
	if code != 200 {
		t.Fatalf("reassign: %d %s", code, body)
	}
	res = o.run(scheduler.JobSweep).Result.(engine.SweepResult)
	if res.Resolved < 1 {
		t.Fatalf("sweep after the replacement: %+v", res)
	}
	if a := o.gapAlerts(scheduler.AlertResolved); len(a) != 1 || a[0].ID != alert.ID || a[0].ResolvedBy != scheduler.SystemActor {
		t.Fatalf("resolved alerts: %+v", a)
	}
	resolvedEmails := 0
	for _, n := range o.notifications(scheduler.TypeAlertResolved, scheduler.ChannelEmail) {
		if strings.Contains(n.Subject, "đủ người trực") {
			resolvedEmails++
		}
	}
	if resolvedEmails != 1 {
		t.Fatalf("resolution notices: %d", resolvedEmails)
	}
	o.flush()
	// The reserve guard hears of the new shift.
	if subs := mb.subjects("cuong.le@vpubnd.example.vn"); len(subs) != 1 || !strings.Contains(subs[0], "Thay đổi lịch trực") {
		t.Fatalf("the replacement's email: %q", subs)
	}

	// An event with notify_police on Thursday 09:00: announced once, 48 h ahead.
	ev := &scheduler.Event{Title: "Đón đoàn khách Trung ương", Kind: "delegation", Start: time.Date(2026, 12, 3, 9, 0, 0, 0, loc),
		End: time.Date(2026, 12, 3, 11, 0, 0, 0, loc), PostIDs: []int64{1, 3}, ExtraHeadcount: 1, NotifyPolice: true}
	if err := o.st.CreateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobPoliceNotice) // 06:50 Tuesday: more than 48 h ahead
	if subs := mb.subjects(policeMail); len(subs) != 0 {
		t.Fatalf("notice before the lead time: %q", subs)
	}
	clk.t = time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	o.run(scheduler.JobPoliceNotice)
	o.run(scheduler.JobPoliceNotice)
	o.flush()
	subs = mb.subjects(policeMail)
	if len(subs) != 1 || !strings.Contains(subs[0], "Đón đoàn khách Trung ương") {
		t.Fatalf("police notices: %q", subs)
	}
	if got := hk.ofType("event.notice"); len(got) != 1 {
		t.Fatalf("event.notice webhooks: %d", len(got))
	}
	// A change is announced again, once.
	if _, err := o.st.UpdateEvent(ctx, ev.ID, func(e *scheduler.Event) error { e.End = e.End.Add(time.Hour); return nil }); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobPoliceNotice)
	o.run(scheduler.JobPoliceNotice)
	o.flush()
	if subs := mb.subjects(policeMail); len(subs) != 2 || !strings.Contains(subs[1], "THAY ĐỔI") {
		t.Fatalf("police notices after the change: %q", subs)
	}

	// GET /api/v1/jobs shows the runs.
	code, body = o.call("GET", "/api/v1/jobs", "")
	var jobs []map[string]any
	json.Unmarshal(body, &jobs)
	if code != 200 || len(jobs) != len(scheduler.JobNames) {
		t.Fatalf("jobs: %d %s", code, body)
	}
	for _, j := range jobs {
		if j["name"] == "sweep" {
			if j["last_run"] != "2026-12-01T06:50:00+07:00" || j["last_error"] != "" || j["schedule"] != "*/5 * * * *" ||
				j["next_run"] != "2026-12-01T09:05:00+07:00" || j["running"] != false {
				t.Fatalf("sweep status: %v", j)
			}
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// shiftAt returns the scheduled shift of a post starting at start.
func (o *office) shiftAt(post int64, start time.Time) *scheduler.Shift {
	o.t.Helper()
	to := start.Add(time.Minute)
	ss, err := o.st.FindShifts(context.Background(), scheduler.ShiftFilter{PostID: &post, From: &start, To: &to, Status: scheduler.ShiftScheduled})
	if err != nil {
		o.t.Fatal(err)
	}
	for _, s := range ss {
		if s.Start.Equal(start) {
			return s
		}
	}
	o.t.Fatalf("no shift of post %d at %v", post, start)
	return nil
}

func (o *office) guardEmail(id int64) string {
	g, err := o.st.FindGuardByID(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	return g.Email
}

// bodyTo returns the decoded text of the last message to addr.
func (m *mailbox) bodyTo(addr string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.msgs) - 1; i >= 0; i-- {
		for _, to := range m.to[i] {
			if to == addr {
				b, _ := io.ReadAll(m.msgs[i].Body)
				m.msgs[i].Body = strings.NewReader(string(b))
				return decodeParts(string(b))
			}
		}
	}
	return ""
}

func (o *office) guardName(id int64) string {
	g, err := o.st.FindGuardByID(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	return g.Name
}
