package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/store"
	"catruc/store/storetest"
	"catruc/web"
)

// dutySite is the demo office loaded on Tuesday 1 December 2026 at 06:40
// with a clock the test moves, and logins for the manager and three guards:
// An (yesterday's headquarters guard, still checked in), Đức (today's) and
// Bảo (the reception guard).
type dutySite struct {
	*site
	mu  sync.Mutex
	now time.Time
	ids map[string]int64 // guard ids by login
}

func (d *dutySite) clock() time.Time { d.mu.Lock(); defer d.mu.Unlock(); return d.now }
func (d *dutySite) set(hh, mm int) {
	d.mu.Lock()
	d.now = time.Date(2026, 12, 1, hh, mm, 0, 0, d.loc)
	d.mu.Unlock()
}

func newDutySite(t *testing.T) *dutySite {
	t.Helper()
	ctx := context.Background()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	d := &dutySite{now: time.Date(2026, 12, 1, 6, 40, 0, 0, loc), ids: map[string]int64{}}
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn, storetest.Options(dsn, store.WithClock(d.clock))...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDemo(ctx, d.clock()); err != nil {
		t.Fatal(err)
	}
	d.site = &site{t: t, st: st, loc: loc}
	gs, _ := st.FindGuards(ctx, scheduler.GuardFilter{})
	for _, g := range gs {
		switch g.Name {
		case "Nguyễn Văn An":
			d.ids["an"] = g.ID
		case "Trần Minh Đức":
			d.ids["duc"] = g.ID
		case "Phạm Quốc Bảo":
			d.ids["bao"] = g.ID
		}
	}
	if err := st.CreateUser(ctx, &scheduler.User{Name: "quanly", Role: "manager"}, managerPass); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"an", "duc", "bao"} {
		id := d.ids[n]
		if err := st.CreateUser(ctx, &scheduler.User{Name: n, Role: "guard", GuardID: &id}, guardPass); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	d.hub = engine.NewHub()
	d.eng = engine.New(engine.Config{Store: st, Now: d.clock, Logger: log, Hub: d.hub})
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: d.clock, Engine: d.eng, Hub: d.hub})
	web.Register(e, web.Deps{Store: st, Engine: d.eng, Hub: d.hub, Logger: log, Now: d.clock, BaseURL: "https://lichtruc.example.vn"})
	d.srv = httptest.NewServer(e)
	t.Cleanup(func() { d.srv.Close(); st.Close() })
	return d
}

// as is a browser logged in as name.
func (d *dutySite) as(name string) *browser {
	b := d.browser()
	pass := guardPass
	if name == "quanly" {
		pass = managerPass
	}
	b.login(name, pass)
	return b
}

// hqShift is the headquarters shift of a guard that starts at day's 07:00 (day 0: 1 December).
func (d *dutySite) hqShift(guard string, day int) *scheduler.Shift {
	d.t.Helper()
	gid := d.ids[guard]
	from := time.Date(2026, 12, 1+day, 7, 0, 0, 0, d.loc)
	to := from.Add(time.Minute)
	ss, err := d.st.FindShifts(context.Background(), scheduler.ShiftFilter{GuardID: &gid, From: &from, To: &to})
	if err != nil || len(ss) != 1 {
		d.t.Fatalf("no shift of %s at %s: %v %d", guard, from, err, len(ss))
	}
	return ss[0]
}

// Ensure the handover passes on the phones: the outgoing guard checks out
// with the handover from /me, the incoming one (checked in by the big
// button) sees it there and acknowledges it with "Đã đọc", and the day's
// duty log prints the check-ins, the lateness and the handover.
func TestDutyPhoneHandover(t *testing.T) {
	d := newDutySite(t)
	an, duc := d.as("an"), d.as("duc")
	_, body, _ := an.get("/me")
	contains(t, body, `data-duty="check-out"`, "GIAO CA", "Đã nhận ca lúc 06:52", "Chìa khóa", "Khách còn trong cơ quan")

	d.set(6, 45)
	_, body, _ = duc.get("/me")
	contains(t, body, `data-duty="check-in"`, "ĐIỂM DANH NHẬN CA", "Ca trực 01/12 07:00 – 02/12 07:00", "Trụ sở HĐND, UBND tỉnh", "Ca trước chưa ghi sổ giao ca.")
	ducShift := d.hqShift("duc", 0)
	if code, _, loc := duc.post("/me/check-in", url.Values{"shift_id": {strconv.FormatInt(ducShift.ID, 10)}}); code != http.StatusSeeOther || loc != "/me#duty" {
		t.Fatalf("check-in: %d %s", code, loc)
	}
	_, body, _ = duc.get("/me")
	contains(t, body, "Đã điểm danh nhận ca.", "Đã nhận ca lúc 06:45")
	if code, body, _ := duc.post("/me/check-in", url.Values{"shift_id": {strconv.FormatInt(ducShift.ID, 10)}}); code != http.StatusConflict {
		t.Errorf("a second check-in: %d", code)
	} else {
		contains(t, body, "Ca trực này đã điểm danh nhận ca lúc 06:45 01/12/2026.")
	}

	d.set(7, 3)
	anShift := d.hqShift("an", -1)
	code, _, _ := an.post("/me/check-out", url.Values{"shift_id": {strconv.FormatInt(anShift.ID, 10)},
		"note":   {"Cổng phụ đã khóa. Đoàn khách Sở Xây dựng hẹn 08:00 đến làm việc."},
		"item_0": {"Chìa khóa"}, "ok_0": {"1"}, "item_1": {"Trang thiết bị"}, "remark_1": {"bộ đàm số 2 hết pin"}})
	if code != http.StatusSeeOther {
		t.Fatalf("check-out: %d", code)
	}
	d.set(7, 4)
	_, body, _ = duc.get("/me")
	contains(t, body, "Nguyễn Văn An bàn giao lúc 07:03", "Cổng phụ đã khóa. Đoàn khách Sở Xây dựng hẹn 08:00 đến làm việc.",
		"<strong>Chìa khóa</strong>: đủ, bình thường", "<strong>Trang thiết bị</strong>: cần lưu ý — bộ đàm số 2 hết pin", `data-duty="ack"`)
	if code, _, _ := duc.post("/me/handover/"+strconv.FormatInt(anShift.ID, 10)+"/ack", nil); code != http.StatusSeeOther {
		t.Fatalf("ack: %d", code)
	}
	_, body, _ = duc.get("/me")
	contains(t, body, "Đã xác nhận đọc sổ giao ca.", "Đã xác nhận đọc lúc 07:04")
	if code, body, _ := an.post("/me/handover/"+strconv.FormatInt(anShift.ID, 10)+"/ack", nil); code != http.StatusConflict {
		t.Errorf("An acknowledged his own handover: %d", code)
	} else {
		contains(t, body, "Sổ giao ca này dành cho người nhận ca tiếp theo tại vọng gác.")
	}

	mgr := d.as("quanly")
	_, body, _ = mgr.get("/posts/1/log?date=2026-11-30")
	contains(t, body, "SỔ TRỰC BẢO VỆ", "Trụ sở HĐND, UBND tỉnh – ngày 30/11/2026", "Nguyễn Văn An", "06:52 30/11 (ứng dụng)",
		"07:03 01/12", "Cổng phụ đã khóa.", "Trần Minh Đức, 07:04 01/12", "III. Sự cố", "Không có sự cố nào được ghi nhận trong ngày.")
	_, body, _ = mgr.get("/posts/3/log?date=2026-11-30")
	contains(t, body, "Vọng gác Cảnh sát bảo vệ mục tiêu – ngày 30/11/2026", "(mã QR)", "Đoàn công tác của Sở Xây dựng", "Đúng giờ")
	// An incident declared at the post that day is in the log's section III.
	if _, err := d.st.DeclareIncident(context.Background(), scheduler.IncidentInput{Kind: "crowd", PostID: 1,
		Title: "Khoảng 30 người dân tập trung trước cổng chính", Note: "Đã báo Cảnh sát bảo vệ."}, scheduler.CalloutOptions{}); err != nil {
		t.Fatal(err)
	}
	_, body, _ = mgr.get("/posts/1/log?date=2026-12-01")
	contains(t, body, "III. Sự cố", "07:04", "Khiếu kiện đông người", "Khoảng 30 người dân tập trung trước cổng chính", "Đã báo Cảnh sát bảo vệ.", "Đang xử lý")
	if code, _, _ := mgr.get("/posts/1/log?date=30-11-2026"); code != http.StatusBadRequest {
		t.Errorf("a bad date: %d", code)
	}
	if code, _, _ := an.get("/posts/1/log"); code != http.StatusForbidden {
		t.Errorf("a guard opened the duty log: %d", code)
	}
}

var sheetCodeRE = regexp.MustCompile(`https://lichtruc\.example\.vn/checkin/([A-Za-z0-9_-]+)`)

// Ensure the post's check-in sheet prints a QR of a new code, that the page
// a scanned code opens checks the guard in with method qr, and that it
// refuses, in Vietnamese, a rotated code and a guard with no shift at the
// post; the code never logs anyone in.
func TestDutyQRSheet(t *testing.T) {
	d := newDutySite(t)
	mgr := d.as("quanly")
	_, body, _ := mgr.get("/posts/1/checkin-sheet")
	contains(t, body, "Vọng gác này chưa có tờ điểm danh.", "Tạo mã mới và in tờ điểm danh")
	sheet := func() string {
		code, body, _ := mgr.post("/posts/1/checkin-sheet", nil)
		m := sheetCodeRE.FindStringSubmatch(body)
		if code != http.StatusOK || m == nil {
			t.Fatalf("sheet: %d", code)
		}
		contains(t, body, "ĐIỂM DANH NHẬN CA", "Trụ sở HĐND, UBND tỉnh", `src="data:image/png;base64,`)
		return m[1]
	}
	old := sheet()
	mgr.get("/posts/1/checkin-sheet")
	code := sheet()
	_, body, _ = mgr.get("/posts/1/checkin-sheet")
	contains(t, body, "Mã hiện tại được tạo lúc 06:40 01/12/2026.")

	anon := d.browser()
	if c, _, loc := anon.get("/checkin/" + code); c != http.StatusSeeOther || loc != "/login?next=%2Fcheckin%2F"+code {
		t.Errorf("a scan without login: %d %s, want the login page", c, loc)
	}
	d.set(6, 45)
	duc := d.as("duc")
	c, body, _ := duc.get("/checkin/" + old)
	if c != http.StatusBadRequest {
		t.Errorf("a rotated code: %d", c)
	}
	contains(t, body, "Mã QR này không còn hiệu lực (tờ điểm danh đã được thay mới).")
	bao := d.as("bao")
	bao.get("/checkin/" + code)
	c, body, _ = bao.post("/checkin/"+code, nil)
	if c != http.StatusConflict {
		t.Errorf("a guard with no shift at the post: %d", c)
	}
	contains(t, body, "Bạn không có ca trực nào tại «Trụ sở HĐND, UBND tỉnh» lúc này")
	_, body, _ = duc.get("/checkin/" + code)
	contains(t, body, `data-checkin="post">Trụ sở HĐND, UBND tỉnh`, `data-checkin="confirm"`)
	c, body, _ = duc.post("/checkin/"+code, nil)
	if c != http.StatusOK {
		t.Fatalf("QR check-in: %d", c)
	}
	contains(t, body, "Đã điểm danh nhận ca lúc 06:45.")
	if sh := d.hqShift("duc", 0); sh.CheckInMethod != scheduler.CheckInQR || sh.CheckInAt == nil {
		t.Errorf("shift after the QR check-in: %+v", sh)
	}
}
