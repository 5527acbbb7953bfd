package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
)

// rosterPostID returns the id of the demo post with that code.
func rosterPostID(s *site, code string) int64 {
	s.t.Helper()
	ps, err := s.st.FindPosts(context.Background(), scheduler.PostFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, p := range ps {
		if p.Code == code {
			return p.ID
		}
	}
	s.t.Fatalf("no post %q", code)
	return 0
}

// rosterGuardID returns the id of the demo guard with that name.
func rosterGuardID(s *site, name string) int64 {
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

// rosterAt is a day of December 2026 at an hour of the office.
func rosterAt(s *site, day, hour int) time.Time {
	return time.Date(2026, 12, day, hour, 0, 0, 0, s.loc)
}

// rosterShift returns the scheduled shift of a post starting at start.
func rosterShift(s *site, postID int64, start time.Time) *scheduler.Shift {
	s.t.Helper()
	to := start.Add(time.Second)
	shs, err := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{PostID: &postID, From: &start, To: &to})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, sh := range shs {
		if sh.Start.Equal(start) {
			return sh
		}
	}
	s.t.Fatalf("no shift of post %d at %s", postID, start)
	return nil
}

// rosterCount is how many shifts the store holds (any status).
func rosterCount(s *site) int {
	s.t.Helper()
	shs, err := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	return len(shs)
}

// rosterOpen makes a shift open (as if its guard were taken off it).
func rosterOpen(s *site, sh *scheduler.Shift) *scheduler.Shift {
	s.t.Helper()
	out, err := s.st.UpdateShift(context.Background(), sh.ID, sh.Version, func(x *scheduler.Shift) error {
		x.GuardID = nil
		return nil
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// rosterCell returns the class and the inner HTML of a grid cell.
func rosterCell(t *testing.T, body string, postID int64, date string) (string, string) {
	t.Helper()
	re := regexp.MustCompile(`(?s)<td id="c-` + strconv.FormatInt(postID, 10) + `-` + date + `" class="([^"]*)">(.*?)</td>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no cell for post %d on %s", postID, date)
	}
	return m[1], m[2]
}

// lacks fails the test if body holds any of the strings.
func lacks(t *testing.T, body string, nots ...string) {
	t.Helper()
	for _, n := range nots {
		if strings.Contains(body, n) {
			t.Errorf("the page has %q", n)
		}
	}
}

func hasClass(class, c string) bool {
	for _, x := range strings.Fields(class) {
		if x == c {
			return true
		}
	}
	return false
}

// Ensure the month grid of December 2026 shows every active post (the police
// post too) over 31 days with weekdays, the headquarters' 24-hour shifts of
// Nguyễn Văn An and Trần Minh Đức, their labour-law breaches flagged, weekend
// marks, and the links to the other months, the week, the print and the cell editor.
func TestRosterMonthGrid(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	police := rosterPostID(s, "vong-gac-cong-an")
	b := s.browser()
	b.login("quanly", managerPass)
	code, body, _ := b.get("/roster?month=2026-12")
	if code != http.StatusOK {
		t.Fatalf("month: %d", code)
	}
	contains(t, body, "Lịch trực", "Tháng 12/2026", "Trụ sở HĐND, UBND tỉnh", "Trụ sở Tiếp công dân tỉnh",
		"Vọng gác Cảnh sát bảo vệ mục tiêu", `href="/roster?month=2026-11"`, `href="/roster?month=2027-01"`,
		`href="/roster/week?date=2026-12-01"`, `href="/roster/print?month=2026-12"`, `/static/roster.css`)
	if n := strings.Count(body, `<th scope="col" class="day`); n != 31 {
		t.Errorf("%d day columns, want 31", n)
	}
	contains(t, body, `<span class="wd">T5</span><span class="dn">03</span>`, `<span class="wd">CN</span><span class="dn">06</span>`)

	sh3 := rosterShift(s, hq, rosterAt(s, 3, 7))
	sh4 := rosterShift(s, hq, rosterAt(s, 4, 7))
	an, duc := rosterGuardID(s, "Nguyễn Văn An"), rosterGuardID(s, "Trần Minh Đức")
	if sh3.GuardID == nil || sh4.GuardID == nil || *sh3.GuardID == *sh4.GuardID {
		t.Fatalf("the demo's 24-hour shifts: %+v %+v", sh3, sh4)
	}
	class, cell := rosterCell(t, body, hq, "2026-12-03")
	if hasClass(class, "gap") || strings.Contains(cell, "Thiếu") {
		t.Errorf("03/12 shows a gap before anything changed: %q", class)
	}
	name3 := map[int64]string{an: "Nguyễn Văn An", duc: "Trần Minh Đức"}[*sh3.GuardID]
	contains(t, cell, `title="`+name3+`"`, "07:00–07:00", `href="/roster/cell?post=`+strconv.FormatInt(hq, 10)+`&amp;date=2026-12-03"`)
	// 24-hour shifts break the Labor Code: flagged on the cell, the rule in words.
	contains(t, cell, "⚠", "Ca trực quá dài")
	if !hasClass(class, "flagged") {
		t.Errorf("03/12 is not flagged: %q", class)
	}
	_, cell4 := rosterCell(t, body, hq, "2026-12-04")
	contains(t, cell4, `title="Nguyễn Văn An"`, `title="Trần Minh Đức"`, `<span class="who">An</span>`, `<span class="who">Đức</span>`)
	// Police officers by given name with their rank in the title; 8-hour shifts.
	_, pc := rosterCell(t, body, police, "2026-12-03")
	contains(t, pc, "06:00–14:00", "14:00–22:00", "22:00–06:00", `title="Thượng úy Võ Thành Nam"`)
	// Saturday 05/12 is a weekend; Friday 04/12 is not.
	if c, _ := rosterCell(t, body, hq, "2026-12-05"); !hasClass(c, "weekend") {
		t.Errorf("05/12 is not marked as a weekend: %q", c)
	}
	if c, _ := rosterCell(t, body, hq, "2026-12-04"); hasClass(c, "weekend") {
		t.Errorf("04/12 is marked as a weekend: %q", c)
	}
	contains(t, body, "Chú giải", "Cuối tuần (T7, CN)")
	// No month given: this month in the office zone.
	if code, def, _ := b.get("/roster"); code != 200 || !strings.Contains(def, "Tháng 12/2026") {
		t.Errorf("default month: %d", code)
	}
}

// Ensure opening the 03/12 headquarters shift makes its cell a gap ("Thiếu 1
// người" with the gap class, "Trống" in the cell); the editor shows the gap's
// exact times and ranked suggestions with a Pick button that preselects a
// guard; the check shows the breaches without writing anything; the save
// fills the open shift with the chosen guard (no duplicate shift), flashes
// the accepted breaches, and the gap leaves the grid.
func TestRosterGapCheckAndAssign(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	hqs := strconv.FormatInt(hq, 10)
	sh := rosterOpen(s, rosterShift(s, hq, rosterAt(s, 3, 7)))
	b := s.browser()
	b.login("quanly", managerPass)

	_, body, _ := b.get("/roster?month=2026-12")
	class, cell := rosterCell(t, body, hq, "2026-12-03")
	if !hasClass(class, "gap") {
		t.Errorf("03/12 lacks the gap class: %q", class)
	}
	contains(t, cell, "Thiếu 1 người", `<span class="who">Trống</span>`)
	contains(t, body, "ô thiếu người")

	cellURL := "/roster/cell?post=" + hqs + "&date=2026-12-03"
	code, body, _ := b.get(cellURL)
	if code != 200 {
		t.Fatalf("cell editor: %d", code)
	}
	contains(t, body, "Trụ sở HĐND, UBND tỉnh", "Thứ Năm, 03/12/2026", "Khoảng thiếu người",
		"03/12 07:00 – 04/12 07:00 — thiếu 1 người (cần 1, có 0)", "Người nên trực", "điểm",
		`value="2026-12-03T07:00"`, `value="2026-12-04T07:00"`, "Trống – chưa có người", "Hằng ngày: cả ngày từ 00:00, 1 người")
	an := s.anID
	duc := rosterGuardID(s, "Trần Minh Đức")
	// Both headquarters guards are free then; both are suggested with a Pick button.
	for _, id := range []int64{an, duc} {
		contains(t, body, `name="pick" value="`+strconv.FormatInt(id, 10)+`"`)
	}
	contains(t, body, ">Chọn</button>", "sẽ vi phạm")
	// Pick Đức: the assign form preselects him.
	code, body, _ = b.get(cellURL + "&start=2026-12-03T07:00&end=2026-12-04T07:00&pick=" + strconv.FormatInt(duc, 10))
	if code != 200 {
		t.Fatalf("pick: %d", code)
	}
	sel := regexp.MustCompile(`(?s)<select id="a-guard".*?</select>`).FindString(body)
	contains(t, sel, `<option value="`+strconv.FormatInt(duc, 10)+`" selected>Trần Minh Đức`)

	// Check giving it to An, who holds the shifts before and after it: 72 hours on end.
	before := rosterCount(s)
	form := url.Values{"action": {"assign"}, "post": {hqs}, "date": {"2026-12-03"}, "start": {"2026-12-03T07:00"},
		"end": {"2026-12-04T07:00"}, "guard": {strconv.FormatInt(an, 10)}, "note": {"Thay anh Đức ốm"}}
	code, body, _ = b.post("/roster/check", form)
	if code != 200 {
		t.Fatalf("check: %d", code)
	}
	contains(t, body, "Kiểm tra trước khi lưu", "Xếp Nguyễn Văn An trực Trụ sở HĐND, UBND tỉnh, 03/12 07:00 – 04/12 07:00.",
		"Thay đổi này sẽ vi phạm", "Ca trực quá dài: Nguyễn Văn An trực liên tục", "Bộ luật Lao động 2019, Điều",
		"Lưu (chấp nhận cảnh báo)", `action="/roster/shift"`, `name="note" value="Thay anh Đức ốm"`)
	lacks(t, body, "Không vi phạm quy định giờ làm nào.")
	if got, _ := s.st.FindShiftByID(context.Background(), sh.ID); got.GuardID != nil || got.Version != sh.Version {
		t.Fatalf("the check wrote the shift: %+v", got)
	}
	if n := rosterCount(s); n != before {
		t.Fatalf("the check wrote a shift: %d → %d", before, n)
	}

	// Save: the open shift gets An, no shift is added.
	code, _, loc := b.post("/roster/shift", form)
	if code != http.StatusSeeOther || loc != "/roster/cell?post="+hqs+"&date=2026-12-03" {
		t.Fatalf("save: %d %q", code, loc)
	}
	got, _ := s.st.FindShiftByID(context.Background(), sh.ID)
	if got.GuardID == nil || *got.GuardID != an || got.Note != "Thay anh Đức ốm" {
		t.Fatalf("saved shift: %+v", got)
	}
	if n := rosterCount(s); n != before {
		t.Errorf("the save added a shift instead of filling the open one: %d → %d", before, n)
	}
	_, body, _ = b.get(loc)
	contains(t, body, "Đã lưu lịch trực, chấp nhận các cảnh báo bên dưới.", "Cảnh báo đã chấp nhận",
		"Ca trực quá dài: Nguyễn Văn An", "Đủ người trực cả ngày.")
	// The accepted list is shown once.
	_, body, _ = b.get(loc)
	lacks(t, body, "Cảnh báo đã chấp nhận")

	_, body, _ = b.get("/roster?month=2026-12")
	class, cell = rosterCell(t, body, hq, "2026-12-03")
	if hasClass(class, "gap") || strings.Contains(cell, "Thiếu") || strings.Contains(cell, "Trống") {
		t.Errorf("the gap is still in the grid: %q %s", class, cell)
	}
	contains(t, cell, `title="Nguyễn Văn An"`)
}

// Ensure a new shift can be created on a day without one (reception on a
// Saturday), that a check of a change breaking nothing says so and still
// needs the save click, and that the save creates the shift.
func TestRosterCreateNoViolation(t *testing.T) {
	s := newSite(t)
	reception := rosterPostID(s, "tiep-cong-dan")
	bao := rosterGuardID(s, "Phạm Quốc Bảo")
	b := s.browser()
	b.login("quanly", managerPass)
	ps := strconv.FormatInt(reception, 10)
	code, body, _ := b.get("/roster/cell?post=" + ps + "&date=2026-12-05")
	if code != 200 {
		t.Fatalf("cell: %d", code)
	}
	contains(t, body, "Chưa có ca trực nào trong ngày này.", "Ngày này không cần người trực.", "Cuối tuần")
	before := rosterCount(s)
	form := url.Values{"action": {"assign"}, "post": {ps}, "date": {"2026-12-05"}, "start": {"2026-12-05T08:00"},
		"end": {"2026-12-05T12:00"}, "guard": {strconv.FormatInt(bao, 10)}, "note": {"Tiếp dân sáng thứ Bảy"}}
	code, body, _ = b.post("/roster/check", form)
	if code != 200 {
		t.Fatalf("check: %d", code)
	}
	contains(t, body, "Không vi phạm quy định giờ làm nào.", `<button type="submit" class="primary">Lưu</button>`)
	lacks(t, body, "Lưu (chấp nhận cảnh báo)")
	if n := rosterCount(s); n != before {
		t.Fatalf("the check wrote: %d → %d", before, n)
	}
	code, _, loc := b.post("/roster/shift", form)
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	if n := rosterCount(s); n != before+1 {
		t.Fatalf("no shift created: %d → %d", before, n)
	}
	sh := rosterShift(s, reception, time.Date(2026, 12, 5, 8, 0, 0, 0, s.loc))
	if sh.GuardID == nil || *sh.GuardID != bao || !sh.End.Equal(time.Date(2026, 12, 5, 12, 0, 0, 0, s.loc)) || sh.Note != "Tiếp dân sáng thứ Bảy" {
		t.Errorf("created: %+v", sh)
	}
	_, body, _ = b.get(loc)
	contains(t, body, "Đã lưu lịch trực.", "Phạm Quốc Bảo", "08:00 – 12:00", "Tiếp dân sáng thứ Bảy")
}

// Ensure a police shift can be given to another officer (check, then save
// with the shift's version), that the reassign select leaves out the current
// officer, and that making a shift open shows the gap.
func TestRosterReassignAndOpen(t *testing.T) {
	s := newSite(t)
	police := rosterPostID(s, "vong-gac-cong-an")
	sh := rosterShift(s, police, rosterAt(s, 3, 14))
	cur := *sh.GuardID
	b := s.browser()
	b.login("quanly", managerPass)
	code, body, _ := b.get("/roster/cell?post=" + strconv.FormatInt(police, 10) + "&date=2026-12-03")
	if code != 200 {
		t.Fatalf("cell: %d", code)
	}
	sel := regexp.MustCompile(`(?s)<select id="g-` + strconv.FormatInt(sh.ID, 10) + `".*?</select>`).FindString(body)
	if sel == "" {
		t.Fatal("no reassign select for the shift")
	}
	if strings.Contains(sel, `value="`+strconv.FormatInt(cur, 10)+`"`) {
		t.Errorf("the current officer is offered: %s", sel)
	}
	contains(t, sel, "cán bộ công an: không kiểm tra quy định lao động", `value="open"`)
	// Someone free at 14:00–22:00 on 03/12: an officer who is not on an overlapping shift.
	m := regexp.MustCompile(`<option value="(\d+)" selected>`).FindStringSubmatch(sel)
	if m == nil {
		t.Fatalf("no preselected officer: %s", sel)
	}
	to, _ := strconv.ParseInt(m[1], 10, 64)
	form := url.Values{"action": {"reassign"}, "shift": {strconv.FormatInt(sh.ID, 10)}, "version": {strconv.Itoa(sh.Version)},
		"date": {"2026-12-03"}, "guard": {m[1]}}
	code, body, _ = b.post("/roster/check", form)
	if code != 200 {
		t.Fatalf("check: %d %s", code, body)
	}
	contains(t, body, "Không vi phạm quy định giờ làm nào.", fmt.Sprintf(`action="/roster/shift/%d"`, sh.ID))
	if got, _ := s.st.FindShiftByID(context.Background(), sh.ID); *got.GuardID != cur {
		t.Fatal("the check wrote")
	}
	code, _, _ = b.post(fmt.Sprintf("/roster/shift/%d", sh.ID), form)
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	got, _ := s.st.FindShiftByID(context.Background(), sh.ID)
	if got.GuardID == nil || *got.GuardID != to || got.Version != sh.Version+1 {
		t.Fatalf("reassigned: %+v", got)
	}
	// Now make it open.
	form.Set("guard", "open")
	form.Set("version", strconv.Itoa(got.Version))
	code, body, _ = b.post("/roster/check", form)
	if code != 200 || !strings.Contains(body, "→ (trống)") {
		t.Fatalf("check open: %d", code)
	}
	if code, _, _ = b.post(fmt.Sprintf("/roster/shift/%d", sh.ID), form); code != http.StatusSeeOther {
		t.Fatalf("save open: %d", code)
	}
	if got, _ := s.st.FindShiftByID(context.Background(), sh.ID); got.GuardID != nil {
		t.Fatalf("not open: %+v", got)
	}
	_, body, _ = b.get("/roster?month=2026-12")
	class, cell := rosterCell(t, body, police, "2026-12-03")
	if !hasClass(class, "gap") {
		t.Errorf("no gap class: %q", class)
	}
	contains(t, cell, "Thiếu 1 người", "Trống")
}

// Ensure a form sent with a stale version (someone changed the shift in the
// meantime) answers 409 with the "someone changed it" message and changes
// nothing, for the check, the save and the cancel.
func TestRosterStaleVersion(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	sh := rosterShift(s, hq, rosterAt(s, 3, 7))
	b := s.browser()
	b.login("quanly", managerPass)
	b.get("/roster/cell?post=" + strconv.FormatInt(hq, 10) + "&date=2026-12-03")
	// Someone else edits the note meanwhile.
	changed, err := s.st.UpdateShift(context.Background(), sh.ID, sh.Version, func(x *scheduler.Shift) error {
		x.Note = "Đổi bởi người khác"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stale := url.Values{"action": {"reassign"}, "shift": {strconv.FormatInt(sh.ID, 10)},
		"version": {strconv.Itoa(sh.Version)}, "date": {"2026-12-03"}, "guard": {"open"}}
	for _, path := range []string{"/roster/check", fmt.Sprintf("/roster/shift/%d", sh.ID), fmt.Sprintf("/roster/shift/%d/cancel", sh.ID)} {
		code, body, _ := b.post(path, stale)
		if code != http.StatusConflict {
			t.Errorf("%s: %d, want 409", path, code)
		}
		contains(t, body, "Ca trực này vừa được người khác thay đổi")
		// The editor shows the shift as it is now, with its new version.
		contains(t, body, "Đổi bởi người khác", fmt.Sprintf(`name="version" value="%d"`, changed.Version))
	}
	got, _ := s.st.FindShiftByID(context.Background(), sh.ID)
	if got.Version != changed.Version || got.GuardID == nil || *got.GuardID != *sh.GuardID || got.Status != scheduler.ShiftScheduled {
		t.Errorf("the stale forms changed the shift: %+v", got)
	}
}

// Ensure a shift is cancelled (the store keeps it as cancelled, the grid then
// shows the gap), and that two shifts of the post swap their guards.
func TestRosterCancelAndSwap(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	hqs := strconv.FormatInt(hq, 10)
	a := rosterShift(s, hq, rosterAt(s, 3, 7))
	c := rosterShift(s, hq, rosterAt(s, 4, 7))
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/roster/cell?post=" + hqs + "&date=2026-12-03")
	contains(t, body, `action="/roster/swap"`, fmt.Sprintf(`<option value="%d">T6 04/12 07:00 – 05/12 07:00`, c.ID))
	code, _, loc := b.post("/roster/swap", url.Values{"a": {strconv.FormatInt(a.ID, 10)}, "b": {strconv.FormatInt(c.ID, 10)}, "date": {"2026-12-03"}})
	if code != http.StatusSeeOther || loc != "/roster/cell?post="+hqs+"&date=2026-12-03" {
		t.Fatalf("swap: %d %s", code, loc)
	}
	ga, _ := s.st.FindShiftByID(context.Background(), a.ID)
	gc, _ := s.st.FindShiftByID(context.Background(), c.ID)
	if *ga.GuardID != *c.GuardID || *gc.GuardID != *a.GuardID {
		t.Fatalf("not swapped: %+v %+v", ga, gc)
	}
	// Swapping with a shift that does not exist: 400 on the editor, nothing changes.
	code, body, _ = b.post("/roster/swap", url.Values{"a": {strconv.FormatInt(a.ID, 10)}, "b": {"999999"}, "date": {"2026-12-03"}})
	if code != http.StatusBadRequest {
		t.Errorf("swap with nothing: %d", code)
	}
	contains(t, body, "Không đổi được")

	code, _, _ = b.post(fmt.Sprintf("/roster/shift/%d/cancel", a.ID), url.Values{"version": {strconv.Itoa(ga.Version)}, "date": {"2026-12-03"}})
	if code != http.StatusSeeOther {
		t.Fatalf("cancel: %d", code)
	}
	if got, _ := s.st.FindShiftByID(context.Background(), a.ID); got.Status != scheduler.ShiftCancelled {
		t.Fatalf("not cancelled: %+v", got)
	}
	_, body, _ = b.get("/roster/cell?post=" + hqs + "&date=2026-12-03")
	contains(t, body, "Đã hủy ca trực.", "Đã hủy", "03/12 07:00 – 04/12 07:00 — thiếu 1 người")
	_, body, _ = b.get("/roster?month=2026-12")
	if class, cell := rosterCell(t, body, hq, "2026-12-03"); !hasClass(class, "gap") || !strings.Contains(cell, "Thiếu 1 người") {
		t.Errorf("the cancelled shift's day shows no gap: %q", class)
	}
}

// Ensure a labour rule set to block makes the check say the change cannot be
// saved (409, no save button) and the save answer 409 with the rule, writing nothing.
func TestRosterBlockingRule(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	r, _ := s.st.Rules(ctx)
	r.Enforcement[labour.RuleShiftLength] = labour.ModeBlock
	if _, err := s.st.SetRules(ctx, r); err != nil {
		t.Fatal(err)
	}
	hq := rosterPostID(s, "tru-so")
	sh := rosterOpen(s, rosterShift(s, hq, rosterAt(s, 3, 7)))
	b := s.browser()
	b.login("quanly", managerPass)
	b.get("/roster/cell?post=" + strconv.FormatInt(hq, 10) + "&date=2026-12-03")
	before := rosterCount(s)
	form := url.Values{"action": {"assign"}, "post": {strconv.FormatInt(hq, 10)}, "date": {"2026-12-03"},
		"start": {"2026-12-03T07:00"}, "end": {"2026-12-04T07:00"}, "guard": {strconv.FormatInt(s.anID, 10)}}
	code, body, _ := b.post("/roster/check", form)
	if code != http.StatusConflict {
		t.Errorf("check: %d, want 409", code)
	}
	contains(t, body, "CHẶN", "Ca trực quá dài")
	lacks(t, body, `action="/roster/shift"`)
	code, body, _ = b.post("/roster/shift", form)
	if code != http.StatusConflict {
		t.Errorf("save: %d, want 409", code)
	}
	contains(t, body, "Không lưu được vì vi phạm quy định đang đặt ở chế độ chặn", "Ca trực quá dài")
	if got, _ := s.st.FindShiftByID(ctx, sh.ID); got.GuardID != nil || rosterCount(s) != before {
		t.Errorf("the blocked change was written: %+v", got)
	}
}

// Ensure a viewer (the police post) sees the grid and the cell editor without
// any form, and gets 403 on every write; a guard may not open the roster.
func TestRosterViewerReadOnly(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	sh := rosterShift(s, hq, rosterAt(s, 3, 7))
	b := s.browser()
	b.login("congan", viewerPass)
	code, body, _ := b.get("/roster?month=2026-12")
	if code != 200 {
		t.Fatalf("viewer month: %d", code)
	}
	contains(t, body, "Trụ sở HĐND, UBND tỉnh", `title="Nguyễn Văn An"`)
	code, body, _ = b.get("/roster/cell?post=" + strconv.FormatInt(hq, 10) + "&date=2026-12-03")
	if code != 200 {
		t.Fatalf("viewer cell: %d", code)
	}
	contains(t, body, "Bạn chỉ có quyền xem.", "Các ca trong ngày", "Người nên trực")
	lacks(t, body, `action="/roster/check"`, `action="/roster/swap"`, "/cancel", ">Chọn</button>")
	before := rosterCount(s)
	for path, form := range map[string]url.Values{
		"/roster/check":                               {"action": {"reassign"}, "shift": {strconv.FormatInt(sh.ID, 10)}, "version": {"1"}, "guard": {"open"}},
		"/roster/shift":                               {"post": {strconv.FormatInt(hq, 10)}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-20T15:00"}, "guard": {"open"}},
		fmt.Sprintf("/roster/shift/%d", sh.ID):        {"version": {"1"}, "guard": {"open"}},
		fmt.Sprintf("/roster/shift/%d/cancel", sh.ID): {"version": {"1"}},
		"/roster/swap":                                {"a": {strconv.FormatInt(sh.ID, 10)}, "b": {strconv.FormatInt(sh.ID+1, 10)}},
	} {
		if code, _, _ := b.post(path, form); code != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d, want 403", path, code)
		}
	}
	if got, _ := s.st.FindShiftByID(context.Background(), sh.ID); got.Version != sh.Version || rosterCount(s) != before {
		t.Error("a viewer's post changed the roster")
	}
	g := s.browser()
	g.login("an", guardPass)
	if code, _, _ := g.get("/roster?month=2026-12"); code != http.StatusForbidden {
		t.Errorf("guard /roster: %d, want 403", code)
	}
}

// Ensure bad months, dates and ids give 400 or 404 pages (never 500), and a
// bad form re-renders the editor with a Vietnamese message and writes nothing.
func TestRosterBadInput(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	police := rosterGuardID(s, "Hạ sĩ Bùi Văn Tài")
	b := s.browser()
	b.login("quanly", managerPass)
	for path, want := range map[string]int{
		"/roster?month=2026-13":                        400,
		"/roster?month=tháng-12":                       400,
		"/roster?month=1800-01":                        400,
		"/roster/week?date=2026-02-30":                 400,
		"/roster/print?month=2026-1":                   400,
		"/roster/cell?post=abc&date=2026-12-03":        400,
		"/roster/cell?post=-1&date=2026-12-03":         400,
		"/roster/cell?post=99999&date=2026-12-03":      404,
		"/roster/cell?post=1&date=03-12-2026":          400,
		fmt.Sprintf("/roster/cell?post=%d&date=x", hq): 400,
	} {
		code, body, _ := b.get(path)
		if code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
		if want == 400 && !strings.Contains(body, "không hợp lệ") {
			t.Errorf("GET %s: no message", path)
		}
	}
	b.get("/roster/cell?post=" + strconv.FormatInt(hq, 10) + "&date=2026-12-03")
	before := rosterCount(s)
	for path, want := range map[string]int{
		"/roster/shift/999999":        404,
		"/roster/shift/abc":           404,
		"/roster/shift/999999/cancel": 404,
	} {
		if code, _, _ := b.post(path, url.Values{"version": {"1"}, "guard": {"open"}}); code != want {
			t.Errorf("POST %s: %d, want %d", path, code, want)
		}
	}
	if code, _, _ := b.post("/roster/check", url.Values{"action": {"delete-everything"}}); code != 400 {
		t.Errorf("bad action: %d", code)
	}
	if code, _, _ := b.post("/roster/check", url.Values{"action": {"reassign"}, "shift": {"x"}}); code != 400 {
		t.Errorf("bad shift id: %d", code)
	}
	hqs := strconv.FormatInt(hq, 10)
	cases := []struct {
		form url.Values
		want string
	}{
		{url.Values{"post": {hqs}, "start": {"2026-12-20T15:00"}, "end": {"2026-12-20T07:00"}, "guard": {"open"}}, "Giờ kết thúc phải sau giờ bắt đầu"},
		{url.Values{"post": {hqs}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-22T07:00"}, "guard": {"open"}}, "tối đa 24 giờ"},
		{url.Values{"post": {hqs}, "start": {"hôm nay"}, "end": {"2026-12-20T15:00"}, "guard": {"open"}}, "Giờ bắt đầu không hợp lệ"},
		{url.Values{"post": {hqs}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-20T15:00"}, "guard": {strconv.FormatInt(police, 10)}}, "không được trực ở vọng gác này"},
		{url.Values{"post": {hqs}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-20T15:00"}, "guard": {"99999"}}, "không được trực ở vọng gác này"},
		{url.Values{"post": {hqs}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-20T15:00"}, "guard": {"open"}, "note": {strings.Repeat("x", 1001)}}, "Ghi chú quá dài"},
	}
	for i, tc := range cases {
		for _, path := range []string{"/roster/check", "/roster/shift"} {
			tc.form.Set("action", "assign")
			code, body, _ := b.post(path, tc.form)
			if code != http.StatusBadRequest {
				t.Errorf("case %d %s: %d, want 400", i, path, code)
			}
			contains(t, body, tc.want, `aria-invalid="true"`)
		}
	}
	// A guard who already holds a shift then: 409 on the check, with the clash.
	busy := strconv.FormatInt(*rosterShift(s, hq, rosterAt(s, 3, 7)).GuardID, 10)
	code, body, _ := b.post("/roster/check", url.Values{"action": {"assign"}, "post": {hqs}, "start": {"2026-12-03T08:00"},
		"end": {"2026-12-03T12:00"}, "guard": {busy}})
	if code != http.StatusConflict {
		t.Errorf("overlap: %d", code)
	}
	contains(t, body, "Người này đã có ca trực trùng giờ: T5 03/12 07:00 – 04/12 07:00", "Không thể lưu:")
	lacks(t, body, `action="/roster/shift"`)
	if code, _, _ := b.post("/roster/shift", url.Values{"post": {hqs}, "start": {"2026-12-03T08:00"},
		"end": {"2026-12-03T12:00"}, "guard": {busy}}); code != http.StatusConflict {
		t.Errorf("overlap save: %d", code)
	}
	// Unknown post on a form: 404; missing version on a reassign: 400.
	if code, _, _ := b.post("/roster/shift", url.Values{"post": {"99999"}, "start": {"2026-12-20T07:00"}, "end": {"2026-12-20T15:00"}}); code != 404 {
		t.Errorf("unknown post: %d", code)
	}
	sh := rosterShift(s, hq, rosterAt(s, 3, 7))
	if code, body, _ := b.post(fmt.Sprintf("/roster/shift/%d", sh.ID), url.Values{"guard": {"open"}}); code != 400 || !strings.Contains(body, "Thiếu phiên bản") {
		t.Errorf("no version: %d", code)
	}
	if n := rosterCount(s); n != before {
		t.Errorf("bad input wrote shifts: %d → %d", before, n)
	}
}

// Ensure the print page is a standalone Vietnamese administrative document:
// the parent body above the office in capitals, the "Số:" line, the national
// motto, the place and date line (all from the office settings), the title, one column per day (31 for December), gaps as "TRỐNG", the legend,
// the approval block, a print button hidden in print, and a stylesheet that
// sets A4 landscape with 12 mm margins; it stays Vietnamese for an English user.
func TestRosterPrint(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	code, body, _ := b.get("/roster/print?month=2026-12")
	if code != 200 {
		t.Fatalf("print: %d", code)
	}
	contains(t, body, `<p class="parent-body">UBND TỈNH QUẢNG NGÃI</p>`, `<p class="agency-name">VĂN PHÒNG UBND TỈNH QUẢNG NGÃI</p>`,
		`<p class="doc-number">Số:`+strings.Repeat("\u00a0", 8)+`/LT-VP</p>`, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "<u>Độc lập - Tự do - Hạnh phúc</u>",
		"<em>Quảng Ngãi, ngày 01 tháng 12 năm 2026</em>", "LỊCH TRỰC BẢO VỆ THÁNG 12/2026", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
		"NGƯỜI LẬP", "CHÁNH VĂN PHÒNG", "(Ký, ghi rõ họ tên)", "data-print", "no-print", "In / Print",
		`href="/static/roster.css"`, "Ghi chú:", "TRỐNG", "An – Nguyễn Văn An", "Đức – Trần Minh Đức", "7h–7h", "22h–6h")
	lacks(t, body, `class="top"`, "<nav")
	if n := strings.Count(body, `<th scope="col" class="pday`); n != 31 {
		t.Errorf("%d day columns, want 31", n)
	}
	if n := strings.Count(body, `<col class="c-day">`); n != 31 {
		t.Errorf("%d day <col>s, want 31", n)
	}
	rows := regexp.MustCompile(`(?s)<tr>\s*<th scope="row" class="c-post">.*?</tr>`).FindAllString(body, -1)
	if len(rows) != 3 {
		t.Fatalf("%d post rows, want 3", len(rows))
	}
	for _, r := range rows {
		if n := strings.Count(r, "<td"); n != 31 {
			t.Errorf("a row has %d day cells, want 31", n)
		}
	}
	// The document's stylesheet: one A4 landscape page, a fixed table layout for 28–31 columns.
	res, err := http.Get(s.srv.URL + "/static/roster.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(res.Body)
	res.Body.Close()
	contains(t, string(css), "@page { size: A4 landscape; margin: 12mm; }", "table-layout: fixed", ".no-print { display: none !important; }")
	// February 2026 has 28 columns.
	_, feb, _ := b.get("/roster/print?month=2026-02")
	if n := strings.Count(feb, `<th scope="col" class="pday`); n != 28 {
		t.Errorf("February: %d columns, want 28", n)
	}
	contains(t, feb, "LỊCH TRỰC BẢO VỆ THÁNG 02/2026", "Dấu *: ngày nghỉ lễ", "17/02: Tết Nguyên đán")

	// Without a place, an office named with its province gives the place, else
	// dots to fill in; without a parent body the office stands alone; an
	// English user still gets Vietnamese.
	o, _ := s.st.Office(context.Background())
	o.Name, o.Place, o.ParentBody, o.DocNumberPrefix = "Văn phòng UBND tỉnh Bình Định", "", "", ""
	if _, err := s.st.SetOffice(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/roster"}})
	_, body, _ = b.get("/roster/print?month=2026-12")
	contains(t, body, "VĂN PHÒNG UBND TỈNH BÌNH ĐỊNH", "<em>Bình Định, ngày 01 tháng 12 năm 2026</em>",
		`<p class="doc-number">Số:`+strings.Repeat("\u00a0", 8)+`</p>`, `<span class="pwd">T3</span>`, "LỊCH TRỰC BẢO VỆ THÁNG 12/2026")
	lacks(t, body, `<span class="pwd">Tue</span>`, "SOCIALIST REPUBLIC", "parent-body", "QUẢNG NGÃI")
	o.Name = "Văn phòng UBND"
	if _, err := s.st.SetOffice(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/roster/print?month=2026-12")
	contains(t, body, "<em>……, ngày 01 tháng 12 năm 2026</em>")
}

// Ensure weekends and public holidays are marked with a class, the holiday's
// name as a tooltip and visually hidden text, and a legend: Tết 2026 on 16–20
// February, New Year's Day 2027.
func TestRosterHolidays(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	b := s.browser()
	b.login("quanly", managerPass)
	code, body, _ := b.get("/roster?month=2026-02")
	if code != 200 {
		t.Fatalf("February: %d", code)
	}
	if n := strings.Count(body, `<th scope="col" class="day`); n != 28 {
		t.Errorf("%d day columns, want 28", n)
	}
	for d := 16; d <= 20; d++ {
		date := fmt.Sprintf("2026-02-%02d", d)
		class, _ := rosterCell(t, body, hq, date)
		if !hasClass(class, "holiday") {
			t.Errorf("%s is not marked as a holiday: %q", date, class)
		}
	}
	for _, d := range []string{"2026-02-15", "2026-02-21"} {
		if class, _ := rosterCell(t, body, hq, d); hasClass(class, "holiday") {
			t.Errorf("%s is marked as a holiday", d)
		}
	}
	// Saturday 21 and Sunday 22 February are a weekend.
	if class, _ := rosterCell(t, body, hq, "2026-02-22"); !hasClass(class, "weekend") {
		t.Errorf("22/02 is not a weekend: %q", class)
	}
	th := regexp.MustCompile(`(?s)<th scope="col" class="day holiday" title="([^"]*)">.*?<span class="dn">17</span>.*?</th>`).FindStringSubmatch(body)
	if th == nil || !strings.Contains(th[1], "Tết") {
		t.Fatalf("17/02 has no holiday tooltip: %v", th)
	}
	contains(t, th[0], `<span class="roster-vh">Ngày lễ: `+th[1]+`</span>`)
	contains(t, body, "Ngày lễ (tên ngày lễ khi trỏ chuột)", "Ngày lễ: 16/02 ")
	_, body, _ = b.get("/roster?month=2027-01")
	if class, _ := rosterCell(t, body, hq, "2027-01-01"); !hasClass(class, "holiday") {
		t.Errorf("01/01/2027 is not a holiday: %q", class)
	}
	contains(t, body, "Tết Dương lịch", "Tháng 1/2027")
}

// Ensure the week view shows Monday to Sunday around the date with full names,
// times and the breached rules in words, and links to the weeks around it.
func TestRosterWeek(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	rosterOpen(s, rosterShift(s, hq, rosterAt(s, 3, 7)))
	b := s.browser()
	b.login("quanly", managerPass)
	code, body, _ := b.get("/roster/week?date=2026-12-03")
	if code != 200 {
		t.Fatalf("week: %d", code)
	}
	if n := strings.Count(body, `<th scope="col" class="day`); n != 7 {
		t.Errorf("%d day columns, want 7", n)
	}
	contains(t, body, "Tuần 30/11 – 06/12/2026", `<span class="wd">Thứ Hai</span> <span class="dn">30/11</span>`,
		`<span class="wd">Chủ Nhật</span> <span class="dn">06/12</span>`, `<span class="who">Nguyễn Văn An</span>`,
		`<span class="who">Thượng úy Võ Thành Nam</span>`, `href="/roster/week?date=2026-11-23"`, `href="/roster/week?date=2026-12-07"`,
		`href="/roster?month=2026-12"`, "Xem cả tháng")
	_, cell := rosterCell(t, body, hq, "2026-12-03")
	contains(t, cell, "Thiếu 1 người", "(07:00–24:00)", "Trống")
	_, cell = rosterCell(t, body, hq, "2026-12-02")
	contains(t, cell, `<span class="flag-text"> Vi phạm:`, "Ca trực quá dài")
	// A week across the new year.
	if code, body, _ := b.get("/roster/week?date=2027-01-01"); code != 200 || !strings.Contains(body, "Tuần 28/12 – 03/01/2027") {
		t.Errorf("new year's week: %d", code)
	}
}

// Ensure an English user sees the roster in English: month name, weekdays,
// "Open" and "Missing", the editor's words, and the check's "Save anyway".
func TestRosterEnglish(t *testing.T) {
	s := newSite(t)
	hq := rosterPostID(s, "tru-so")
	rosterOpen(s, rosterShift(s, hq, rosterAt(s, 3, 7)))
	b := s.browser()
	b.login("quanly", managerPass)
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/roster"}})
	_, body, _ := b.get("/roster?month=2026-12")
	contains(t, body, "Duty roster", "December 2026", `<span class="wd">Thu</span>`, "Week view", "Print version (A4 landscape)",
		"Legend", "Weekend (Sat, Sun)")
	_, cell := rosterCell(t, body, hq, "2026-12-03")
	contains(t, cell, "Missing 1", `<span class="who">Open</span>`)
	lacks(t, body, "Thiếu 1 người", "Tháng 12/2026")
	_, body, _ = b.get("/roster/cell?post=" + strconv.FormatInt(hq, 10) + "&date=2026-12-03")
	contains(t, body, "Thursday 03/12/2026", "Uncovered stretches", "missing 1 (needs 1, has 0)", "Who should take it", ">Pick</button>",
		"Assign a guard", "would break:")
	code, body, _ := b.post("/roster/check", url.Values{"action": {"assign"}, "post": {strconv.FormatInt(hq, 10)}, "date": {"2026-12-03"},
		"start": {"2026-12-03T07:00"}, "end": {"2026-12-04T07:00"}, "guard": {strconv.FormatInt(s.anID, 10)}})
	if code != 200 {
		t.Fatalf("check: %d", code)
	}
	contains(t, body, "Check before saving", "Save anyway", "Shift too long: Nguyễn Văn An works", "Labor Code 2019")
	lacks(t, body, "Lưu (chấp nhận cảnh báo)")
}
