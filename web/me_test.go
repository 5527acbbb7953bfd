package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// meShiftAt returns the id of the headquarters shift of guardID that starts at the given office time.
func (s *site) meShiftAt(guardID int64, start time.Time) int64 {
	s.t.Helper()
	end := start.Add(time.Minute)
	shs, err := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{GuardID: &guardID, From: &start, To: &end})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, sh := range shs {
		if sh.Start.Equal(start) {
			return sh.ID
		}
	}
	s.t.Fatalf("no shift of guard %d at %s", guardID, start)
	return 0
}

// guardNamed returns the id of the demo guard of that name.
func (s *site) guardNamed(name string) int64 {
	s.t.Helper()
	gs, err := s.st.FindGuards(context.Background(), scheduler.GuardFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, g := range gs {
		if g.Name == name {
			return g.ID
		}
	}
	s.t.Fatalf("no guard %q", name)
	return 0
}

// addGuardUser makes a guard login for a demo guard.
func (s *site) addGuardUser(login, pass string, guardID int64) {
	s.t.Helper()
	if err := s.st.CreateUser(context.Background(), &scheduler.User{Name: login, Role: scheduler.RoleGuard, GuardID: &guardID}, pass); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) at(day, hour int) time.Time {
	return time.Date(2026, 12, day, hour, 0, 0, 0, s.loc)
}

// Ensure the guard's page shows their next shifts with Vietnamese dates,
// who else is on duty, this month's hours and nights, and English on switch.
func TestMePageShowsShifts(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("an", guardPass)
	code, body, _ := b.get("/me")
	if code != http.StatusOK {
		t.Fatalf("/me: %d", code)
	}
	// An holds the 24-hour headquarters shifts from 07:00 every other day (2, 4, … 14 December).
	contains(t, body, "Lịch trực của tôi", "Nguyễn Văn An", "Thứ Tư, 02/12/2026", "Thứ Hai, 14/12/2026",
		"07:00 – 07:00", "Trụ sở HĐND, UBND tỉnh", "52 Hùng Vương, TP. Quảng Ngãi", "Cùng trực", "Phạm Quốc Bảo",
		"Tháng 12/2026")
	// Đức's days are not An's shifts.
	if strings.Contains(body, "Thứ Năm, 03/12/2026") {
		t.Error("a colleague's shift is listed as An's")
	}
	if strings.Contains(body, "Thứ Hai, 30/11/2026") || strings.Contains(body, "Thứ Ba, 15/12/2026") {
		t.Error("the list is not the next 14 days")
	}
	// December: 7 h of the shift that started on 30/11 at 07:00, then seven 24-hour shifts;
	// every one has 8 h between 22:00 and 06:00 (the 30/11 one has 6 h of it in December).
	// But An is on the demo's approved leave from 18:00 on 04/12 to 07:00 on 05/12 (DemoGapDays
	// ahead): that shift counts its 11 worked hours (07:00–18:00, no night), so 175 − 13 = 162 h
	// and 7 nights.
	contains(t, body, `data-me="hours">162<`, `data-me="nights">7<`, `data-me="shifts">8<`)

	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/me"}})
	_, body, _ = b.get("/me")
	contains(t, body, "My duty", "Wednesday 02/12/2026", "hours on duty", "night shifts", "Ask for time off")
}

// Ensure a night shift counts as one only with at least an hour between 22:00 and 06:00, and hours are the month's part.
func TestMeMonthNights(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	// A guard of the reception site with two extra December shifts: 21:30–22:30 (30 min of night) and 20:00–23:00 (1 h).
	bao := s.guardNamed("Phạm Quốc Bảo")
	posts, _ := s.st.FindPosts(ctx, scheduler.PostFilter{})
	var reception int64
	for _, p := range posts {
		if p.Code == "tiep-cong-dan" {
			reception = p.ID
		}
	}
	for _, sp := range [][2]time.Time{
		{time.Date(2026, 12, 19, 21, 30, 0, 0, s.loc), time.Date(2026, 12, 19, 22, 30, 0, 0, s.loc)},
		{time.Date(2026, 12, 20, 20, 0, 0, 0, s.loc), time.Date(2026, 12, 20, 23, 0, 0, 0, s.loc)},
	} {
		if err := s.st.CreateShift(ctx, &scheduler.Shift{PostID: reception, GuardID: &bao, Start: sp[0], End: sp[1]}); err != nil {
			t.Fatal(err)
		}
	}
	s.addGuardUser("bao", "mật-khẩu-bảo-123", bao)
	b := s.browser()
	b.login("bao", "mật-khẩu-bảo-123")
	_, body, _ := b.get("/me")
	// Weekdays of 1–14 December (10 × 10 h) + 1 h + 3 h; one night shift.
	contains(t, body, `data-me="hours">104<`, `data-me="nights">1<`, `data-me="shifts">12<`)
}

// Ensure a guard asks for time off: it is stored as requested for their own
// guard from the first day 00:00 to the day after the last, shown as
// "Chờ duyệt", and can be withdrawn while it waits; bad input is refused with
// 400 and stores nothing.
func TestMeTimeOff(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := s.browser()
	b.login("an", guardPass)
	b.get("/me")
	mine := func() []*scheduler.TimeOff {
		// The demo's own leave (approved, by the office) is not one of these requests.
		ts, err := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: &s.anID, Status: scheduler.TimeOffRequested})
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}

	// Refused: the last day before the first, a bad date, an unknown kind.
	for _, f := range []url.Values{
		{"kind": {"sick"}, "from": {"2026-12-06"}, "to": {"2026-12-05"}},
		{"kind": {"sick"}, "from": {"2026-12-06"}, "to": {"06/12/2026"}},
		{"kind": {"holiday"}, "from": {"2026-12-05"}, "to": {"2026-12-06"}},
	} {
		code, body, _ := b.post("/me/time-off", f)
		if code != http.StatusBadRequest {
			t.Errorf("%v: %d", f, code)
		}
		if !strings.Contains(body, `class="flash bad" role="alert"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%v: the form does not say what is wrong", f)
		}
		if n := len(mine()); n != 0 {
			t.Fatalf("%v: stored %d", f, n)
		}
	}
	_, body, _ := b.post("/me/time-off", url.Values{"kind": {"sick"}, "from": {"2026-12-06"}, "to": {"2026-12-05"}, "note": {"sốt"}})
	contains(t, body, "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", `value="2026-12-06"`, ">sốt</textarea>")

	code, _, loc := b.post("/me/time-off", url.Values{"kind": {"sick"}, "from": {"2026-12-05"}, "to": {"2026-12-06"}, "note": {"Sốt xuất huyết"}})
	if code != http.StatusSeeOther || loc != "/me#timeoff" {
		t.Fatalf("request: %d %s", code, loc)
	}
	ts := mine()
	if len(ts) != 1 {
		t.Fatalf("stored %d", len(ts))
	}
	got := ts[0]
	if got.Status != scheduler.TimeOffRequested || got.Kind != "sick" || got.Note != "Sốt xuất huyết" ||
		!got.Start.Equal(s.at(5, 0)) || !got.End.Equal(s.at(7, 0)) || got.RequestedBy != "user:an" {
		t.Fatalf("stored %+v", got)
	}
	_, body, _ = b.get("/me")
	contains(t, body, "Đã gửi yêu cầu nghỉ", "Ốm", "Chờ duyệt", "Thứ Bảy, 05/12/2026 – Chủ Nhật, 06/12/2026", "Sốt xuất huyết",
		`action="/me/time-off/`+strconv.FormatInt(got.ID, 10)+`/withdraw"`)

	// Someone else's time off and a decided one cannot be withdrawn.
	duc := s.guardNamed("Trần Minh Đức")
	other := &scheduler.TimeOff{GuardID: duc, Kind: "leave", Start: s.at(20, 0), End: s.at(22, 0), Status: scheduler.TimeOffRequested}
	decided := &scheduler.TimeOff{GuardID: s.anID, Kind: "training", Start: s.at(24, 0), End: s.at(25, 0), Status: scheduler.TimeOffApproved}
	for _, x := range []*scheduler.TimeOff{other, decided} {
		if err := s.st.CreateTimeOff(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	_, body, _ = b.get("/me")
	contains(t, body, "Tập huấn", "Đã duyệt")
	if strings.Contains(body, "/me/time-off/"+strconv.FormatInt(decided.ID, 10)+"/withdraw") {
		t.Error("a decided request offers a withdraw button")
	}
	if code, _, _ := b.post("/me/time-off/"+strconv.FormatInt(other.ID, 10)+"/withdraw", nil); code != http.StatusNotFound {
		t.Errorf("withdraw a colleague's: %d", code)
	}
	if code, _, _ := b.post("/me/time-off/"+strconv.FormatInt(decided.ID, 10)+"/withdraw", nil); code != http.StatusConflict {
		t.Errorf("withdraw a decided one: %d", code)
	}
	if code, _, _ := b.post("/me/time-off/abc/withdraw", nil); code != http.StatusNotFound {
		t.Errorf("withdraw a bad id: %d", code)
	}
	all, _ := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{})
	if len(all) != 4 { // the three of this test and the demo's own leave
		t.Fatalf("refused withdrawals deleted something: %d left", len(all))
	}

	if code, _, _ := b.post("/me/time-off/"+strconv.FormatInt(got.ID, 10)+"/withdraw", nil); code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", code)
	}
	if ts, _ := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &got.ID}); len(ts) != 0 {
		t.Fatal("the withdrawn request is still stored")
	}
	_, body, _ = b.get("/me")
	contains(t, body, "Đã rút yêu cầu nghỉ.")
	noRawKeys(t, body)
}

// Ensure a guard proposes a swap with a colleague's shift at their post, the
// colleague sees it addressed to them and accepts it (then a manager must
// approve), and swaps with a shift they may not hold, or not their own, are refused.
func TestMeSwap(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	duc := s.guardNamed("Trần Minh Đức")
	anShift := s.meShiftAt(s.anID, s.at(2, 7))
	ducShift := s.meShiftAt(duc, s.at(3, 7))
	ducLater := s.meShiftAt(duc, s.at(5, 7))
	police := s.meShiftAt(s.guardNamed("Thượng úy Võ Thành Nam"), s.at(2, 22))
	b := s.browser()
	b.login("an", guardPass)
	_, body, _ := b.get("/me")
	contains(t, body, `<option value="`+strconv.FormatInt(ducShift, 10)+`">Trần Minh Đức · T5 03/12 07:00–07:00 · Trụ sở HĐND, UBND tỉnh</option>`)
	if strings.Contains(body, `<option value="`+strconv.FormatInt(police, 10)+`"`) {
		t.Error("a police shift is offered for a swap")
	}
	count := func() int {
		rs, err := s.st.FindSwapRequests(ctx, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	for _, f := range []url.Values{
		{"shift_a": {strconv.FormatInt(anShift, 10)}, "shift_b": {strconv.FormatInt(police, 10)}},    // not his post
		{"shift_a": {strconv.FormatInt(ducLater, 10)}, "shift_b": {strconv.FormatInt(ducShift, 10)}}, // not his shift
		{"shift_a": {""}, "shift_b": {strconv.FormatInt(ducShift, 10)}},
		{"shift_a": {strconv.FormatInt(anShift, 10)}, "shift_b": {"999999"}},
	} {
		code, body, _ := b.post("/me/swaps", f)
		if code != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
			t.Errorf("%v: %d", f, code)
		}
		if n := count(); n != 0 {
			t.Fatalf("%v: stored %d", f, n)
		}
	}
	_, body, _ = b.post("/me/swaps", url.Values{"shift_a": {strconv.FormatInt(anShift, 10)}, "shift_b": {strconv.FormatInt(police, 10)}})
	contains(t, body, "Bạn không được phân công trực tại vọng gác của ca này.")

	code, _, loc := b.post("/me/swaps", url.Values{"shift_a": {strconv.FormatInt(anShift, 10)}, "shift_b": {strconv.FormatInt(ducShift, 10)},
		"note": {"Nhà có việc hiếu"}})
	if code != http.StatusSeeOther || loc != "/me#swaps" {
		t.Fatalf("propose: %d %s", code, loc)
	}
	rs, _ := s.st.FindSwapRequests(ctx, &s.anID, "")
	if len(rs) != 1 || rs[0].Status != scheduler.SwapProposed || rs[0].ShiftA != anShift || rs[0].ShiftB != ducShift ||
		rs[0].GuardB != duc || rs[0].Note != "Nhà có việc hiếu" {
		t.Fatalf("stored %+v", rs)
	}
	id := strconv.FormatInt(rs[0].ID, 10)
	_, body, _ = b.get("/me")
	contains(t, body, "Bạn đề nghị đổi với Trần Minh Đức", "Chờ đồng nghiệp đồng ý", "Ca của Trần Minh Đức: Thứ Năm, 03/12/2026 07:00–07:00")
	if strings.Contains(body, `action="/me/swaps/`+id+`/accept"`) {
		t.Error("the asking guard is offered to accept their own request")
	}
	// The asking guard cannot accept it for the colleague.
	if code, _, _ := b.post("/me/swaps/"+id+"/accept", nil); code != http.StatusForbidden {
		t.Errorf("self-accept: %d", code)
	}

	s.addGuardUser("duc", "mật-khẩu-đức-123", duc)
	d := s.browser()
	d.login("duc", "mật-khẩu-đức-123")
	_, body, _ = d.get("/me")
	contains(t, body, "Nguyễn Văn An đề nghị đổi với bạn", "Nhà có việc hiếu", `action="/me/swaps/`+id+`/accept#swap-requests"`, `action="/me/swaps/`+id+`/decline#swap-requests"`)
	if code, _, _ := d.post("/me/swaps/"+id+"/accept", nil); code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	rs, _ = s.st.FindSwapRequests(ctx, &s.anID, "")
	if rs[0].Status != scheduler.SwapAccepted || rs[0].AcceptedAt == nil {
		t.Fatalf("after accept: %+v", rs[0])
	}
	_, body, _ = d.get("/me")
	contains(t, body, "Bạn đã đồng ý đổi ca; chờ quản lý duyệt.", "Đồng nghiệp đã đồng ý – chờ quản lý duyệt")
	// A second accept (a double click) is told next to the requests (the
	// form's action names them as the anchor), not an error page.
	code, body, _ = d.post("/me/swaps/"+id+"/accept", nil)
	if code != http.StatusConflict {
		t.Errorf("second accept: %d", code)
	}
	contains(t, body, `<h3 id="swap-requests">`, `<p class="flash bad" role="alert">Đề nghị này đã được xử lý trước đó.</p>`)

	// A second request, declined by Đức.
	b.get("/me")
	b.post("/me/swaps", url.Values{"shift_a": {strconv.FormatInt(s.meShiftAt(s.anID, s.at(4, 7)), 10)}, "shift_b": {strconv.FormatInt(ducLater, 10)}})
	open, _ := s.st.FindSwapRequests(ctx, &duc, scheduler.SwapProposed)
	if len(open) != 1 {
		t.Fatalf("second request: %d", len(open))
	}
	d.get("/me")
	if code, _, _ := d.post("/me/swaps/"+strconv.FormatInt(open[0].ID, 10)+"/decline", nil); code != http.StatusSeeOther {
		t.Fatalf("decline: %d", code)
	}
	if rs, _ := s.st.FindSwapRequests(ctx, &duc, scheduler.SwapDeclined); len(rs) != 1 || rs[0].ID != open[0].ID {
		t.Fatalf("after decline: %+v", rs)
	}
	_, body, _ = b.get("/me")
	contains(t, body, "Đã từ chối")
	noRawKeys(t, body)

	// In English.
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/me"}})
	_, body, _ = b.get("/me")
	contains(t, body, "You asked Trần Minh Đức", "Accepted – waiting for a manager", "Declined", "Swap shifts",
		"Trần Minh Đức&#39;s shift: Thursday 03/12/2026 07:00–07:00")
	noRawKeys(t, body)
}

var rawKeyRE = regexp.MustCompile(`>[^<]*\b(me|kind|status|common)\.[a-z_.]+[^<]*<`)

// noRawKeys fails the test if the page shows a translation key instead of its words.
func noRawKeys(t *testing.T, body string) {
	t.Helper()
	if m := rawKeyRE.FindString(body); m != "" {
		t.Errorf("the page shows a translation key: %s", m)
	}
}

var webcalRE = regexp.MustCompile(`href="(webcal://lichtruc\.example\.vn/ical/[^"]+\.ics)"`)
var feedRE = regexp.MustCompile(`value="(https://lichtruc\.example\.vn(/ical/[^"]+\.ics))"`)
var qrRE = regexp.MustCompile(`<img class="qr" src="data:image/png;base64,([A-Za-z0-9+/=&#;]+)"`)

// Ensure a guard makes their calendar link: it is shown once as a webcal link,
// a QR code (a PNG in a data: URL) and a copyable https link whose feed
// answers; a new link replaces it and the old one stops working.
func TestMeCalendar(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := s.browser()
	b.login("an", guardPass)
	_, body, _ := b.get("/me")
	contains(t, body, "Tạo liên kết lịch", `action="/me/calendar#calendar"`)
	code, body, _ := b.post("/me/calendar", nil)
	if code != http.StatusOK {
		t.Fatalf("create: %d", code)
	}
	contains(t, body, "Liên kết lịch của bạn", "Liên kết chỉ hiện một lần", "Sao chép", `data-copy="#feed-url"`)
	wc, feed, qr := webcalRE.FindStringSubmatch(body), feedRE.FindStringSubmatch(body), qrRE.FindStringSubmatch(body)
	if wc == nil || feed == nil || qr == nil {
		t.Fatalf("the page lacks the webcal link, the https link or the QR code:\n%s", body)
	}
	if strings.TrimPrefix(wc[1], "webcal://") != strings.TrimPrefix(feed[1], "https://") {
		t.Errorf("webcal %s and https %s differ", wc[1], feed[1])
	}
	png, err := base64.StdEncoding.DecodeString(html.UnescapeString(qr[1]))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("the QR code is not a PNG: %v", err)
	}
	cals, _ := s.st.FindCalendars(ctx, scheduler.ScopeGuard, &s.anID)
	if len(cals) != 1 || cals[0].TargetID == nil || *cals[0].TargetID != s.anID {
		t.Fatalf("calendars: %+v", cals)
	}
	res, err := http.Get(s.srv.URL + feed[2])
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") ||
		!strings.Contains(buf.String(), "BEGIN:VCALENDAR") {
		t.Fatalf("feed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}

	// The page no longer shows the secret, offers a new link and tells of the fetch.
	_, body, _ = b.get("/me")
	if strings.Contains(body, feed[2]) {
		t.Error("the secret is shown again")
	}
	contains(t, body, "Tạo liên kết mới", "Ứng dụng lịch tải lần cuối", "Thứ Ba, 01/12/2026 09:30")
	// Creating again makes no second calendar, and says so in the calendar's section.
	code, body, _ = b.post("/me/calendar", nil)
	if code != http.StatusConflict {
		t.Errorf("second create: %d", code)
	}
	contains(t, body, `<p class="flash bad" role="alert">Bạn đã có liên kết lịch; hãy tạo liên kết mới nếu cần.</p>`)
	if cals, _ := s.st.FindCalendars(ctx, scheduler.ScopeGuard, &s.anID); len(cals) != 1 {
		t.Errorf("a second calendar was made: %d", len(cals))
	}

	// Another guard's calendar cannot be rotated from An's page.
	duc := s.guardNamed("Trần Minh Đức")
	ducCal := &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &duc}
	if _, err := s.st.CreateCalendar(ctx, ducCal); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := b.post("/me/calendar/"+strconv.FormatInt(ducCal.ID, 10)+"/rotate", nil); code != http.StatusNotFound {
		t.Errorf("rotate a colleague's calendar: %d", code)
	}

	code, body, _ = b.post("/me/calendar/"+strconv.FormatInt(cals[0].ID, 10)+"/rotate", nil)
	if code != http.StatusOK {
		t.Fatalf("rotate: %d", code)
	}
	contains(t, body, "Đã tạo liên kết mới; liên kết cũ không còn hoạt động.")
	noRawKeys(t, body)
	nfeed := feedRE.FindStringSubmatch(body)
	if nfeed == nil || nfeed[2] == feed[2] || qrRE.FindStringSubmatch(body) == nil {
		t.Fatal("no new link or QR code")
	}
	for path, want := range map[string]int{feed[2]: http.StatusNotFound, nfeed[2]: http.StatusOK} {
		res, err := http.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("after rotation %s: %d, want %d", path[:12], res.StatusCode, want)
		}
	}
}

// Ensure /me and its forms are for guards only: managers and viewers get 403 and nothing is stored.
func TestMeForbiddenToStaff(t *testing.T) {
	s := newSite(t)
	for _, u := range []struct{ name, pass string }{{"quanly", managerPass}, {"congan", viewerPass}} {
		b := s.browser()
		b.login(u.name, u.pass)
		code, body, _ := b.get("/me")
		if code != http.StatusForbidden || !strings.Contains(body, "Bạn không có quyền xem trang này") {
			t.Errorf("%s /me: %d", u.name, code)
		}
		if code, _, _ := b.post("/me/time-off", url.Values{"kind": {"leave"}, "from": {"2026-12-05"}, "to": {"2026-12-06"}}); code != http.StatusForbidden {
			t.Errorf("%s time off: %d", u.name, code)
		}
		if code, _, _ := b.post("/me/calendar", nil); code != http.StatusForbidden {
			t.Errorf("%s calendar: %d", u.name, code)
		}
	}
	ts, _ := s.st.FindTimeOff(context.Background(), scheduler.TimeOffFilter{Status: scheduler.TimeOffRequested})
	cals, _ := s.st.FindCalendars(context.Background(), "", nil)
	if len(ts) != 0 || len(cals) != 0 {
		t.Fatalf("stored %d time off, %d calendars", len(ts), len(cals))
	}
	// Anonymous visitors are sent to log in.
	if code, _, loc := s.browser().get("/me"); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("anonymous: %d %s", code, loc)
	}
}
