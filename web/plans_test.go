package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// planWait waits until plan id stops running and returns it.
func planWait(t *testing.T, s *site, id int64) *scheduler.Plan {
	t.Helper()
	who := scheduler.Principal{Role: scheduler.RoleManager}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		p, err := s.plans.Get(context.Background(), who, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != scheduler.PlanRunning {
			return p
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("plan %d still runs", id)
	return nil
}

// planIDFrom reads the plan's id from "/plans/N".
func planIDFrom(t *testing.T, loc string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/plans/"), 10, 64)
	if err != nil {
		t.Fatalf("not a plan's page: %q", loc)
	}
	return id
}

// planWeekForm is the form of a plan of the headquarters over 7–13/12/2026 (keep none).
func planWeekForm(hq int64) url.Values {
	return url.Values{"mode": {"range"}, "from": {"2026-12-07"}, "to": {"2026-12-13"},
		"post": {strconv.FormatInt(hq, 10)}, "keep": {"none"}, "time_limit_s": {"2"}}
}

// Ensure the plans form is for managers only, offers next month, the
// headquarters preselected and the three ways of keeping shifts with a line
// each, and refuses bad input next to the field, storing nothing.
func TestPlansForm(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	for _, who := range []struct{ name, pass string }{{"an", guardPass}, {"congan", viewerPass}} {
		b := admAs(s, who.name, who.pass)
		if code, _, _ := b.get("/plans"); code != http.StatusForbidden {
			t.Errorf("%s opens /plans: %d", who.name, code)
		}
		if _, body, _ := b.get("/"); strings.Contains(body, `href="/plans"`) {
			t.Errorf("%s sees the plans link", who.name)
		}
	}
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/plans")
	admWant(t, "form", code, http.StatusOK, body)
	contains(t, body, `<a href="/plans" aria-current="page">Lập lịch tự động</a>`, `name="month" type="month" value="2027-01"`,
		`id="post-`+strconv.FormatInt(hq.ID, 10)+`" name="post" value="`+strconv.FormatInt(hq.ID, 10)+`" checked`,
		"Giữ tất cả ca hiện có", "Giữ ca do quản lý xếp tay", "Xếp lại toàn bộ",
		"chỉ bổ sung người cho những giờ còn trống", `id="keep-all" name="keep" value="all" aria-describedby="keep-all-hint" checked`,
		`value="20"`, "Lập kế hoạch</button>", "Chưa có kế hoạch nào")

	// Without the CSRF token: refused, nothing started.
	f := planWeekForm(hq.ID)
	f.Set("_csrf", "giả")
	if code, _, _ := b.post("/plans", f); code != http.StatusForbidden {
		t.Errorf("a forged form: %d", code)
	}
	for _, c := range []struct {
		set   map[string]string
		del   string
		input string
		msg   string
	}{
		{nil, "post", "posts", "Hãy chọn ít nhất một vọng gác để lập kế hoạch."},
		{map[string]string{"mode": "month", "month": "2027-13"}, "", "month", "Hãy chọn tháng (tháng/năm)."},
		{map[string]string{"to": "2026-12-01"}, "", "to", "Ngày kết thúc phải sau ngày bắt đầu."},
		{map[string]string{"to": "2027-03-30"}, "", "to", "Một kế hoạch dài tối đa 62 ngày."},
		{map[string]string{"time_limit_s": "900"}, "", "time_limit_s", "phải từ 1 đến 600"},
		{map[string]string{"time_limit_s": "mười"}, "", "time_limit_s", "Hãy nhập một số nguyên."},
		{map[string]string{"from": "07/12/2026"}, "", "from", "ngày"},
	} {
		f := planWeekForm(hq.ID)
		for k, v := range c.set {
			f.Set(k, v)
		}
		if c.del != "" {
			f.Del(c.del)
		}
		code, body, _ := b.post("/plans", f)
		admWant(t, c.input, code, http.StatusBadRequest, body)
		contains(t, body, c.msg, `id="`+c.input+`-err"`)
		if c.input != "posts" {
			contains(t, body, `id="`+c.input+`" name="`+c.input+`"`)
		}
	}
	if ps, _ := s.plans.List(context.Background(), scheduler.Principal{Role: scheduler.RoleManager}); len(ps) != 0 {
		t.Fatalf("refused forms started %d plans", len(ps))
	}
}

// Ensure a manager plans a week of the headquarters with its two guards
// (keep none) from the form: the plan's page shows the summary (168 hours
// required, what stays uncovered, 0 breaches, two more guards needed), the
// preview grid with new shifts in green and the rotation's cancelled ones
// struck, the fairness table, and each unfilled stretch with every guard's
// reason in Vietnamese; applying writes it (the counts, links to the month),
// the rotation page says the plan took the days over, and a second apply is
// refused with the reason and a way to plan again.
func TestPlansPreviewApply(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hq := admPost(t, s, "tru-so")
	b := admAs(s, "quanly", managerPass)
	b.get("/plans")
	code, body, loc := b.post("/plans", planWeekForm(hq.ID))
	admWant(t, "start", code, http.StatusSeeOther, body)
	id := planIDFrom(t, loc)
	code, body, _ = b.get(loc)
	admWant(t, "page", code, http.StatusOK, body)
	contains(t, body, "Kế hoạch #"+strconv.FormatInt(id, 10), "07/12/2026 – 13/12/2026", "Trụ sở HĐND, UBND tỉnh", "Xếp lại toàn bộ")
	if strings.Contains(body, "Đang tính") {
		contains(t, body, `<noscript><meta http-equiv="refresh" content="3"></noscript>`, `data-plan-live="/plans/`,
			"Đang lập kế hoạch…", "Dừng và bỏ kế hoạch")
	}
	p := planWait(t, s, id)
	if p.Status != scheduler.PlanDone {
		t.Fatalf("plan: %s %s", p.Status, p.Error)
	}
	code, body, _ = b.get(loc)
	admWant(t, "result", code, http.StatusOK, body)
	admLacks(t, body, "noscript", "data-plan-live", "planner.", "at most", "on another shift")
	sum := p.Summary
	contains(t, body, "Đã xong – chờ áp dụng", "Tóm tắt", "Giờ cần trực</dt><dd>175 giờ" /* 7 × 24 h and the 7 h after the week the replaced 24 h shift held */, sum.VerdictVi,
		"Vi phạm giờ làm</dt><dd>0</dd>", "Cần thêm bảo vệ</dt><dd class=\"gap-text\">2</dd>",
		"Áp dụng</button>", "Bỏ</button>", `data-confirm="Ghi kế hoạch này vào lịch trực?`,
		"Lịch đề xuất", `class="pe pe-added"`, `class="pe pe-removed"`, "(ca mới)", "(ca bị hủy)",
		"Nguyễn Văn An", "Trần Minh Đức", "Chênh lệch (nhiều nhất − ít nhất)", "Nguyện vọng đáp ứng",
		"Giờ chưa phủ được", "thiếu 1 người")
	if sum.UncoveredHours <= 0 || sum.MoreGuardsNeeded != 2 || len(p.Unfilled) == 0 {
		t.Fatalf("summary: %+v, %d unfilled", sum, len(p.Unfilled))
	}
	// Every reason shows in Vietnamese, by its key.
	for _, u := range p.Unfilled {
		for _, r := range u.Reasons {
			if r.Key == "" {
				t.Errorf("a reason without a key: %+v", r)
			}
		}
	}
	if !strings.Contains(body, "Trực liên tục") && !strings.Contains(body, "Đang trực tại Trụ sở") &&
		!strings.Contains(body, "giờ trong ngày") && !strings.Contains(body, "nghỉ") {
		t.Errorf("no reason in Vietnamese")
	}
	if strings.Contains(body, "2026-12-") {
		t.Errorf("a date not in dd/mm/yyyy")
	}
	// The new shifts are named in the grid with their times; the list shows the plan.
	contains(t, body, "07:00–15:00", "07:00–07:00") // the plan starts its shifts at the rotation's handover
	_, list, _ := b.get("/plans")
	contains(t, list, `href="/plans/`+strconv.FormatInt(id, 10)+`"`, "Đã xong – chờ áp dụng")

	before, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq.ID, Status: scheduler.ShiftScheduled})
	code, body, loc2 := b.post(loc+"/apply", nil)
	admWant(t, "apply", code, http.StatusSeeOther, body)
	d := p.Diff
	code, body, _ = b.get(loc2)
	admWant(t, "applied", code, http.StatusOK, body)
	contains(t, body, "Đã áp dụng: "+strconv.Itoa(len(d.Added))+" ca mới, "+strconv.Itoa(len(d.Changed))+" ca đổi người, "+
		strconv.Itoa(len(d.Removed))+" ca hủy.", `href="/roster?month=2026-12"`, "tháng 12/2026")
	admLacks(t, body, "Áp dụng</button>")
	after, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq.ID, Status: scheduler.ShiftScheduled})
	if len(after) != len(before)+len(d.Added)-len(d.Removed) {
		t.Errorf("scheduled shifts: %d before, %d after, diff +%d −%d", len(before), len(after), len(d.Added), len(d.Removed))
	}
	from, to := p.From, p.To
	inWin, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq.ID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	for _, sh := range inWin {
		if sh.End.Sub(sh.Start) > 12*time.Hour && !sh.Start.Before(from) {
			t.Errorf("an unlawful shift after apply: %v–%v", sh.Start, sh.End)
		}
	}
	// The rotation that kept the headquarters says the plan took the days over.
	rs, _ := s.st.FindRotations(ctx, scheduler.RotationFilter{PostID: &hq.ID})
	_, body, _ = b.get("/rotations/" + strconv.FormatInt(rs[0].ID, 10))
	contains(t, body, "Ngày do kế hoạch xếp", "Từ 07/12/2026 đến 13/12/2026 do kế hoạch #"+strconv.FormatInt(id, 10)+" xếp")

	code, body, _ = b.post(loc+"/apply", nil)
	admWant(t, "apply twice", code, http.StatusConflict, body)
	contains(t, body, "Kế hoạch số "+strconv.FormatInt(id, 10)+" đã được áp dụng rồi.", "Lập kế hoạch lại</a>",
		`href="/plans?from=2026-12-07&amp;keep=none&amp;post=`+strconv.FormatInt(hq.ID, 10)+`&amp;to=2026-12-13"`)
	// The link fills the form again.
	_, body, _ = b.get("/plans?from=2026-12-07&keep=none&post=" + strconv.FormatInt(hq.ID, 10) + "&to=2026-12-13")
	contains(t, body, `id="mode-range" name="mode" value="range" checked`, `value="2026-12-13"`,
		`id="keep-none" name="keep" value="none" aria-describedby="keep-none-hint" checked`)
}

// Ensure a plan is discarded from its page (nothing written, a message on
// the list), and the roster changing after planning makes apply refuse.
func TestPlansDiscardAndConflict(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hq := admPost(t, s, "tru-so")
	b := admAs(s, "quanly", managerPass)
	b.get("/plans")
	_, _, loc := b.post("/plans", planWeekForm(hq.ID))
	id := planIDFrom(t, loc)
	planWait(t, s, id)
	b.get(loc)
	code, body, back := b.post(loc+"/discard", nil)
	admWant(t, "discard", code, http.StatusSeeOther, body)
	if back != "/plans" {
		t.Fatalf("after discarding: %q", back)
	}
	_, body, _ = b.get(back)
	contains(t, body, "Đã bỏ kế hoạch; lịch trực không thay đổi.", "Đã bỏ</span>")

	_, _, loc = b.post("/plans", planWeekForm(hq.ID))
	id = planIDFrom(t, loc)
	planWait(t, s, id)
	// A shift of the window is cancelled after planning.
	from := time.Date(2026, 12, 8, 0, 0, 0, 0, s.loc)
	to := from.Add(24 * time.Hour)
	shs, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq.ID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if len(shs) == 0 {
		t.Fatal("no shift to change")
	}
	code, body, _ = b.post("/roster/shift/"+strconv.FormatInt(shs[0].ID, 10)+"/cancel",
		url.Values{"version": {strconv.Itoa(shs[0].Version)}, "reason": {"thử"}, "back": {"/roster"}})
	if code >= 400 {
		t.Fatalf("cancel: %d %s", code, body)
	}
	b.get(loc)
	code, body, _ = b.post(loc+"/apply", nil)
	admWant(t, "stale apply", code, http.StatusConflict, body)
	contains(t, body, "đã thay đổi sau khi lập; hãy lập lại kế hoạch.", "Lập kế hoạch lại</a>")
}

// Ensure the plan's page stream sends progress in Vietnamese while the plan
// runs, then "done"; a finished plan answers "done" at once.
func TestPlansLive(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	b := admAs(s, "quanly", managerPass)
	b.get("/plans")
	f := planWeekForm(hq.ID)
	f.Set("time_limit_s", "3")
	_, _, loc := b.post("/plans", f)
	res, err := b.c.Get(s.srv.URL + loc + "/live")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Fatalf("content type %q", ct)
	}
	var events []string
	var progress string
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "event: ") {
			events = append(events, strings.TrimPrefix(l, "event: "))
		}
		if strings.HasPrefix(l, "data: ") && progress == "" && len(events) > 0 && events[len(events)-1] == "progress" {
			progress = l
		}
	}
	if len(events) < 2 || events[0] != "progress" || events[len(events)-1] != "done" {
		t.Fatalf("events: %v", events)
	}
	if !strings.Contains(progress, "giây") || !strings.Contains(progress, `"best":`) {
		t.Errorf("progress: %s", progress)
	}
	_, body, _ := b.get(loc + "/live")
	if !strings.HasPrefix(body, "event: done\n") {
		t.Errorf("a finished plan's stream: %q", body)
	}
	if code, _, _ := b.get("/plans/999/live"); code != http.StatusNotFound {
		t.Errorf("an unknown plan's stream: %d", code)
	}
	if code, _, _ := b.get("/plans/999"); code != http.StatusNotFound {
		t.Errorf("an unknown plan: %d", code)
	}
}
