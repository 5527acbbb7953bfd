package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/store"
	"catruc/store/storetest"
)

// dutyClock is a clock the duty tests move.
type dutyClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *dutyClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *dutyClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// dutyEnv is the API with the engine on a real SQLite file, a movable clock,
// a guard post with two guards who may hold it, and a token per person.
type dutyEnv struct {
	*env
	clk      *dutyClock
	loc      *time.Location
	post     *scheduler.Post
	an, binh *scheduler.Guard
}

// at is the instant hh:mm on 1 December 2026 in the office zone.
func (d *dutyEnv) at(hh, mm int) time.Time { return time.Date(2026, 12, 1, hh, mm, 0, 0, d.loc) }

func newDutyEnv(t *testing.T) *dutyEnv {
	t.Helper()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	d := &dutyEnv{clk: &dutyClock{t: time.Date(2026, 12, 1, 6, 0, 0, 0, loc)}, loc: loc}
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(d.clk.now))...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub := engine.NewHub()
	cfg := api.Config{Store: st, Logger: log, Now: d.clk.now, Hub: hub,
		Engine: engine.New(engine.Config{Store: st, Now: d.clk.now, Logger: log, Hub: hub})}
	e, _ := api.New(cfg)
	srv := httptest.NewServer(contract(t, e))
	t.Cleanup(func() { srv.Close(); st.Close() })
	d.env = &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path, hub: hub}
	ctx := scheduler.WithActor(context.Background(), "test")
	d.post = &scheduler.Post{Code: "cong-chinh", Name: "Cổng chính Trụ sở", Kind: scheduler.PostKindGuard, Active: true,
		Requirements: []scheduler.Requirement{}}
	if err := st.CreatePost(ctx, d.post); err != nil {
		t.Fatal(err)
	}
	for _, g := range []**scheduler.Guard{&d.an, &d.binh} {
		name, mail := "Nguyễn Văn An", "an@example.vn"
		if g == &d.binh {
			name, mail = "Lê Thị Bình", "binh@example.vn"
		}
		*g = &scheduler.Guard{Name: name, Email: mail, Unit: scheduler.UnitOffice, PostIDs: []int64{d.post.ID}, Active: true}
		if err := st.CreateGuard(ctx, *g); err != nil {
			t.Fatal(err)
		}
	}
	for name, gid := range map[string]*int64{"manager": nil, "an": &d.an.ID, "binh": &d.binh.ID} {
		role := scheduler.RoleManager
		if gid != nil {
			role = scheduler.RoleGuard
		}
		secret, _, err := st.CreateToken(ctx, name+"-token", role, gid)
		if err != nil {
			t.Fatal(err)
		}
		d.tokens[name] = secret
	}
	return d
}

// shift creates a shift of g at the post from a to b and returns its id.
func (d *dutyEnv) shift(g *scheduler.Guard, a, b time.Time) int64 {
	d.t.Helper()
	sh := &scheduler.Shift{PostID: d.post.ID, GuardID: &g.ID, Start: a, End: b}
	if err := d.st.CreateShift(scheduler.WithActor(context.Background(), "test"), sh); err != nil {
		d.t.Fatal(err)
	}
	return sh.ID
}

// sweep runs the sweep at t and returns the no_show alerts.
func (d *dutyEnv) sweep(t time.Time) []*scheduler.Alert {
	d.t.Helper()
	d.clk.set(t)
	if r := d.do("manager", "POST", "/api/v1/jobs/sweep/run", nil); r.Status != 200 {
		d.t.Fatalf("sweep: %d %s", r.Status, r.Raw)
	}
	as, err := d.st.FindAlerts(context.Background(), scheduler.AlertFilter{Kind: scheduler.AlertNoShow})
	if err != nil {
		d.t.Fatal(err)
	}
	return as
}

// Ensure a shift not checked in 15 minutes after its start raises one
// critical no_show alert (to the managers and the guard, with who could
// replace them), that later sweeps do not raise a second, and that the
// guard's check-in resolves it.
func TestDutyNoShowRaisedOnceAndResolvedByCheckIn(t *testing.T) {
	d := newDutyEnv(t)
	id := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	if as := d.sweep(d.at(8, 14)); len(as) != 0 {
		t.Fatalf("14 minutes after the start: %d no_show alerts, want none", len(as))
	}
	as := d.sweep(d.at(8, 15))
	if len(as) != 1 {
		t.Fatalf("15 minutes after the start: %d no_show alerts, want 1", len(as))
	}
	// The managers' alert list shows it, filtered by its kind (as the
	// contract describes: the answer is validated against it).
	listed := d.do("manager", "GET", "/api/v1/alerts?kind=no_show&status=open", nil)
	if l := listed.list(); listed.Status != 200 || len(l) != 1 || l[0].(map[string]any)["kind"] != "no_show" {
		t.Fatalf("GET /alerts?kind=no_show: %d %s", listed.Status, listed.Raw)
	}
	a := as[0]
	if a.Severity != scheduler.SeverityCritical || a.Status != scheduler.AlertOpen || a.GuardID == nil || *a.GuardID != d.an.ID {
		t.Fatalf("alert = %+v, want an open critical alert about An", a)
	}
	if want := "Nguyễn Văn An chưa điểm danh nhận ca tại Cổng chính Trụ sở, ca từ Thứ Ba, 01/12/2026 08:00 đến Thứ Ba, 01/12/2026 16:00"; a.MessageVI != want {
		t.Errorf("message_vi = %q, want %q", a.MessageVI, want)
	}
	if len(a.Suggestions) != 1 || a.Suggestions[0].GuardID != d.binh.ID {
		t.Errorf("suggestions = %+v, want Lê Thị Bình", a.Suggestions)
	}
	ns, err := d.st.FindNotifications(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	told := false
	for _, n := range ns {
		if n.Recipient == "an@example.vn" && n.Type == scheduler.TypeAlertOpened {
			told = true
		}
	}
	if !told {
		t.Errorf("the guard was not notified of their no-show: %d notifications", len(ns))
	}
	if as := d.sweep(d.at(8, 20)); len(as) != 1 || !as[0].Active() {
		t.Fatalf("a second sweep: %d no_show alerts, want the one still open", len(as))
	}
	r := d.do("an", "POST", fmt.Sprintf("/api/v1/shifts/%d/check-in", id), nil)
	if r.Status != 200 || r.obj()["late_minutes"] != float64(20) || r.obj()["check_in_method"] != "app" || r.obj()["check_in_at"] == nil {
		t.Fatalf("check-in: %d %s", r.Status, r.Raw)
	}
	as = d.sweep(d.at(8, 25))
	if len(as) != 1 || as[0].Status != scheduler.AlertResolved || as[0].ResolvedBy != scheduler.SystemActor {
		t.Fatalf("after the check-in: %+v, want the alert resolved by the system", as[0])
	}
}

// Ensure a reassigned shift resolves the no-show of its former guard, that
// police posts are exempt, and shifts older than the duty desk raise none.
func TestDutyNoShowReassignedPoliceAndOld(t *testing.T) {
	d := newDutyEnv(t)
	chi := &scheduler.Guard{Name: "Trần Văn Chí", Unit: scheduler.UnitOffice, PostIDs: []int64{d.post.ID}, Active: true}
	if err := d.st.CreateGuard(context.Background(), chi); err != nil {
		t.Fatal(err)
	}
	old := d.shift(chi, d.at(5, 0), d.at(12, 0)) // started before the duty desk was installed (06:00)
	id := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	if as := d.sweep(d.at(9, 0)); len(as) != 1 || as[0].Key != fmt.Sprintf("no_show|%d|%d", id, d.an.ID) {
		t.Fatalf("got %d no_show alerts, want only that of shift %d (not the old %d)", len(as), id, old)
	}
	r := d.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", id), map[string]any{"guard_id": d.binh.ID},
		"If-Match", `"1"`)
	if r.Status != 200 {
		t.Fatalf("reassign: %d %s", r.Status, r.Raw)
	}
	as := d.sweep(d.at(9, 1))
	resolved := 0
	for _, a := range as {
		if a.GuardID != nil && *a.GuardID == d.an.ID && a.Status == scheduler.AlertResolved {
			resolved++
		}
	}
	if resolved != 1 {
		t.Errorf("An's no-show is not resolved by the reassignment: %+v", as)
	}
	// Police posts are exempt unless checkin_police says otherwise.
	if r := d.do("manager", "GET", "/api/v1/settings/duty", nil); r.obj()["checkin_grace_minutes"] != float64(15) ||
		r.obj()["checkin_police"] != false {
		t.Errorf("settings/duty = %s, want the defaults", r.Raw)
	}
	p := &scheduler.Post{ID: 0, Code: "pk20", Name: "Vọng gác PK20", Kind: scheduler.PostKindPolice, Active: true,
		Requirements: []scheduler.Requirement{}}
	if err := d.st.CreatePost(scheduler.WithActor(context.Background(), "t"), p); err != nil {
		t.Fatal(err)
	}
	g := &scheduler.Guard{Name: "Thượng úy Nam", Unit: scheduler.UnitPolice, PostIDs: []int64{p.ID}, Active: true}
	if err := d.st.CreateGuard(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	sh := &scheduler.Shift{PostID: p.ID, GuardID: &g.ID, Start: d.at(9, 0), End: d.at(17, 0)}
	if err := d.st.CreateShift(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	before := len(d.sweep(d.at(9, 30)))
	if r := d.do("manager", "PUT", "/api/v1/settings/duty", map[string]any{"checkin_grace_minutes": 15, "checkin_police": true}); r.Status != 403 {
		t.Errorf("a manager saved the duty settings: %d", r.Status)
	}
	secret, _, _ := d.st.CreateToken(context.Background(), "admin-token", scheduler.RoleAdmin, nil)
	d.tokens["admin"] = secret
	if r := d.do("admin", "PUT", "/api/v1/settings/duty", map[string]any{"checkin_grace_minutes": 0}); r.Status != 400 ||
		r.errField() != "checkin_grace_minutes" {
		t.Errorf("grace 0: %d %s, want 400 naming checkin_grace_minutes", r.Status, r.Raw)
	}
	if r := d.do("admin", "PUT", "/api/v1/settings/duty", map[string]any{"checkin_grace_minutes": 15, "checkin_police": true}); r.Status != 200 {
		t.Fatalf("settings: %d %s", r.Status, r.Raw)
	}
	if after := len(d.sweep(d.at(9, 31))); after != before+1 {
		t.Errorf("with checkin_police the police shift raises no no-show: %d alerts, want %d", after, before+1)
	}
}

// Ensure check-in and check-out refuse, by key and naming the field, what
// the rules forbid, and let a manager record a paper check-in.
func TestDutyCheckInRules(t *testing.T) {
	d := newDutyEnv(t)
	id := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	cancelled := d.shift(d.an, d.at(17, 0), d.at(20, 0))
	if r := d.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", cancelled), nil, "If-Match", `"1"`); r.Status != 200 {
		t.Fatalf("cancel: %d %s", r.Status, r.Raw)
	}
	in := func(id int64) string { return fmt.Sprintf("/api/v1/shifts/%d/check-in", id) }
	out := func(id int64) string { return fmt.Sprintf("/api/v1/shifts/%d/check-out", id) }
	steps := []struct {
		name       string
		now        time.Time
		who, path  string
		body       any
		status     int
		field, key string
	}{
		{"too early", d.at(7, 29), "an", in(id), nil, 409, "check_in_at", "duty.too_early"},
		{"not checked in", d.at(7, 40), "an", out(id), nil, 409, "check_in_at", "duty.not_checked_in"},
		{"another's shift", d.at(7, 40), "binh", in(id), nil, 403, "shift_id", "duty.not_your_shift"},
		{"a guard giving at", d.at(7, 40), "an", in(id), map[string]any{"at": "2026-12-01T07:35:00+07:00"}, 403, "at", "duty.at_manager_only"},
		{"unknown method", d.at(7, 40), "an", in(id), map[string]any{"method": "sms"}, 400, "method", "duty.method_unknown"},
		{"qr without code", d.at(7, 40), "an", in(id), map[string]any{"method": "qr"}, 400, "code", "duty.qr_needs_code"},
		{"a guard as manager", d.at(7, 40), "an", in(id), map[string]any{"method": "manager"}, 403, "method", "duty.method_guard"},
		{"bad json", d.at(7, 40), "an", in(id), `{"method": 3}`, 400, "method", ""},
		{"no such shift", d.at(7, 40), "an", in(999), nil, 404, "", ""},
		{"viewer", d.at(7, 40), "viewer", in(id), nil, 403, "", "policy.forbidden"},
		{"cancelled", d.at(17, 0), "an", in(cancelled), nil, 409, "status", "duty.cancelled"},
		{"in at 07:40", d.at(7, 40), "an", in(id), nil, 200, "", ""},
		{"twice", d.at(7, 41), "an", in(id), nil, 409, "check_in_at", "duty.already_in"},
		{"out", d.at(16, 5), "an", out(id), map[string]any{"handover_note": "Bình thường"}, 200, "", ""},
		{"out twice", d.at(16, 6), "an", out(id), nil, 409, "check_out_at", "duty.already_out"},
	}
	secret, _, _ := d.st.CreateToken(context.Background(), "viewer-token", scheduler.RoleViewer, nil)
	d.tokens["viewer"] = secret
	for _, s := range steps {
		d.clk.set(s.now)
		r := d.do(s.who, "POST", s.path, s.body)
		e, _ := r.obj()["error"].(map[string]any)
		if r.Status != s.status || r.errField() != s.field || (s.key != "" && e["key"] != s.key) {
			t.Errorf("%s: %d field %q key %v, want %d %q %q (%s)", s.name, r.Status, r.errField(), e["key"], s.status, s.field, s.key, r.Raw)
		}
	}
	// A manager records Bình's paper check-in at 15:58 for the evening shift.
	eve := d.shift(d.binh, d.at(16, 0), d.at(23, 0))
	d.clk.set(d.at(16, 30))
	r := d.do("manager", "POST", in(eve), map[string]any{"at": "2026-12-01T16:03:00+07:00"})
	if r.Status != 200 || r.obj()["check_in_method"] != "manager" || r.obj()["late_minutes"] != float64(3) {
		t.Fatalf("paper check-in: %d %s", r.Status, r.Raw)
	}
	if r := d.do("manager", "POST", in(eve), map[string]any{"at": "2026-12-01T17:00:00+07:00"}); r.Status != 400 || r.errField() != "at" {
		t.Errorf("a check-in in the future: %d %s, want 400 naming at", r.Status, r.Raw)
	}
}

// Ensure a handover written at check-out is listed, shown to the next guard
// of the post and acknowledged once, by them.
func TestDutyHandoverToNextGuard(t *testing.T) {
	d := newDutyEnv(t)
	day := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	eve := d.shift(d.binh, d.at(16, 0), d.at(23, 0))
	d.clk.set(d.at(7, 50))
	d.do("an", "POST", fmt.Sprintf("/api/v1/shifts/%d/check-in", day), nil)
	d.clk.set(d.at(15, 45))
	if r := d.do("binh", "POST", fmt.Sprintf("/api/v1/shifts/%d/check-in", eve), nil); r.Status != 200 {
		t.Fatalf("Bình's check-in: %d %s", r.Status, r.Raw)
	}
	d.clk.set(d.at(16, 2))
	r := d.do("an", "POST", fmt.Sprintf("/api/v1/shifts/%d/check-out", day), map[string]any{
		"handover_note": "Đoàn khách Sở Xây dựng còn họp ở phòng 302, dự kiến 17:00 ra về.",
		"checklist":     []map[string]any{{"item": "Chìa khóa", "ok": true, "note": "đủ 12 chìa"}, {"item": "Trang thiết bị", "ok": false, "note": "bộ đàm số 2 hết pin"}}})
	if r.Status != 200 || r.obj()["check_out_at"] == nil {
		t.Fatalf("check-out: %d %s", r.Status, r.Raw)
	}
	hs := d.do("viewer-less", "GET", "/api/v1/handovers", nil)
	if hs.Status != 401 {
		t.Errorf("handovers without a token: %d", hs.Status)
	}
	hs = d.do("manager", "GET", fmt.Sprintf("/api/v1/handovers?post_id=%d&from=2026-12-01&to=2026-12-02", d.post.ID), nil)
	if hs.Status != 200 || len(hs.list()) != 1 {
		t.Fatalf("handovers: %d %s", hs.Status, hs.Raw)
	}
	h := hs.list()[0].(map[string]any)
	if h["shift_id"] != float64(day) || h["guard_id"] != float64(d.an.ID) || h["note"] != "Đoàn khách Sở Xây dựng còn họp ở phòng 302, dự kiến 17:00 ra về." ||
		h["acknowledged_at"] != nil || h["acknowledged_by"] != "" || len(h["checklist"].([]any)) != 2 {
		t.Errorf("handover = %v", h)
	}
	if r := d.do("manager", "GET", "/api/v1/handovers?post_id=x", nil); r.Status != 400 || r.errField() != "post_id" {
		t.Errorf("post_id=x: %d %s", r.Status, r.Raw)
	}
	ack := fmt.Sprintf("/api/v1/handovers/%d/ack", day)
	if r := d.do("an", "POST", ack, nil); r.Status != 409 {
		t.Errorf("the outgoing guard acknowledged their own handover: %d %s", r.Status, r.Raw)
	}
	r = d.do("binh", "POST", ack, nil)
	if r.Status != 200 || r.obj()["acknowledged_by"] != "token:binh-token" || r.obj()["acknowledged_guard_id"] != float64(d.binh.ID) ||
		r.obj()["acknowledged_at"] == nil {
		t.Fatalf("ack: %d %s", r.Status, r.Raw)
	}
	if r := d.do("binh", "POST", ack, nil); r.Status != 409 || r.errField() != "acknowledged_at" {
		t.Errorf("a second ack: %d %s", r.Status, r.Raw)
	}
}

// Ensure the check-in by the post's code refuses a rotated code and a guard
// with no shift at the post, and checks in with method qr otherwise.
func TestDutyQRCheckIn(t *testing.T) {
	d := newDutyEnv(t)
	id := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	d.clk.set(d.at(7, 45))
	if r := d.do("an", "POST", fmt.Sprintf("/api/v1/posts/%d/checkin-code", d.post.ID), nil); r.Status != 403 {
		t.Errorf("a guard rotated the code: %d", r.Status)
	}
	r := d.do("manager", "POST", fmt.Sprintf("/api/v1/posts/%d/checkin-code", d.post.ID), nil)
	old, _ := r.obj()["code"].(string)
	if r.Status != 201 || old == "" {
		t.Fatalf("rotate: %d %s", r.Status, r.Raw)
	}
	code := d.do("manager", "POST", fmt.Sprintf("/api/v1/posts/%d/checkin-code", d.post.ID), nil).obj()["code"].(string)
	if r := d.do("an", "POST", "/api/v1/checkin/qr", map[string]any{"code": old}); r.Status != 400 || r.errField() != "code" {
		t.Errorf("a rotated code: %d %s, want 400 naming code", r.Status, r.Raw)
	}
	if r := d.do("binh", "POST", "/api/v1/checkin/qr", map[string]any{"code": code}); r.Status != 409 || r.errField() != "shift_id" {
		t.Errorf("a guard with no shift at the post: %d %s, want 409", r.Status, r.Raw)
	}
	if r := d.do("manager", "POST", "/api/v1/checkin/qr", map[string]any{"code": code}); r.Status != 403 {
		t.Errorf("a manager checked in by QR: %d %s", r.Status, r.Raw)
	}
	r = d.do("an", "POST", "/api/v1/checkin/qr", map[string]any{"code": code})
	if r.Status != 200 || r.obj()["id"] != float64(id) || r.obj()["check_in_method"] != "qr" || r.obj()["late_minutes"] != float64(0) {
		t.Fatalf("QR check-in: %d %s", r.Status, r.Raw)
	}
}

// Ensure the shift list, answered from a cache kept per roster version,
// shows a check-in and a check-out as soon as they are made.
func TestDutyCheckInShowsInCachedShiftList(t *testing.T) {
	d := newDutyEnv(t)
	id := d.shift(d.an, d.at(8, 0), d.at(16, 0))
	d.clk.set(d.at(7, 55))
	path := fmt.Sprintf("/api/v1/shifts?from=2026-12-01&to=2026-12-02&post_id=%d", d.post.ID)
	checkIn := func() any {
		t.Helper()
		for _, s := range d.must(200, d.do("manager", "GET", path, nil)).list() {
			if m := s.(map[string]any); int64(m["id"].(float64)) == id {
				return m["check_in_at"]
			}
		}
		t.Fatalf("shift %d not listed", id)
		return nil
	}
	if v := checkIn(); v != nil {
		t.Fatalf("before the check-in: check_in_at %v", v)
	}
	d.must(200, d.do("an", "POST", fmt.Sprintf("/api/v1/shifts/%d/check-in", id), nil))
	if v := checkIn(); v == nil {
		t.Fatalf("the list still shows no check-in after it was made")
	}
}
