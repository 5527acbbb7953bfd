package web_test

// Browser tests: a headless Chromium drives the pages as people do (see
// browser_helpers_test.go for when they run and the screenshots they write).

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// gapColour is the --gap colour of app.css, as getComputedStyle reports it.
const gapColour = "rgb(179, 20, 26)"

// hqPost returns the headquarters post of the demo office.
func (s *site) hqPost() *scheduler.Post {
	s.t.Helper()
	ps, err := s.st.FindPosts(context.Background(), scheduler.PostFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, p := range ps {
		if p.Code == "tru-so" {
			return p
		}
	}
	s.t.Fatal("no headquarters post")
	return nil
}

// hqShiftNow returns the headquarters shift running at the test clock (1 December 07:00 → 2 December 07:00).
func (s *site) hqShiftNow() *scheduler.Shift {
	s.t.Helper()
	hq := s.hqPost()
	from, to := testNow, testNow.Add(time.Second)
	shs, err := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{PostID: &hq.ID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil || len(shs) != 1 {
		s.t.Fatalf("headquarters shift now: %v %d", err, len(shs))
	}
	sh := shs[0]
	if !sh.Start.Equal(s.at(1, 7)) || !sh.End.Equal(s.at(2, 7)) || sh.GuardID == nil {
		s.t.Fatalf("headquarters shift now: %+v", sh)
	}
	return sh
}

// Ensure a manager logs in through the login form (typing the name and the
// password, clicking the button) and lands on the dashboard.
func TestBrowserLogin(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	if st := c.open("/"); st != 200 || c.path() != "/login?next=%2F" {
		t.Fatalf("anonymous /: %d %s", st, c.path())
	}
	c.screenshot("login")
	c.do("type the credentials",
		chromedp.SendKeys(chromedp.ID("username"), "quanly"),
		chromedp.SendKeys(chromedp.ID("password"), managerPass))
	st := c.submit("log in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if st != 200 || c.path() != "/" {
		t.Fatalf("after login: %d %s", st, c.path())
	}
	if h1 := c.text("h1"); !strings.Contains(h1, "Tình hình trực") {
		t.Errorf("dashboard heading: %q", h1)
	}
	if who := c.text(".account .who"); !strings.Contains(who, "quanly") || !strings.Contains(who, "Quản lý") {
		t.Errorf("account: %q", who)
	}
	// A wrong password keeps the visitor on the login form, with the reason.
	d := newChrome(t, s)
	if st := d.login("quanly", "sai-mật-khẩu"); st != 401 || !strings.HasPrefix(d.path(), "/login") {
		t.Fatalf("wrong password: %d %s", st, d.path())
	}
	if msg := d.text(".flash.bad"); msg != "Sai tên đăng nhập hoặc mật khẩu." {
		t.Errorf("wrong password message: %q", msg)
	}
	// The settings page, for the screenshots.
	if st := c.open("/settings"); st != 200 {
		t.Fatalf("/settings answers %d", st)
	}
	c.screenshot("settings")
}

// covGap reads, in the dashboard's coverage card, the gap text of a post's row and its colour.
const covGapJS = `(() => {
  const row = [...document.querySelectorAll('.cov-row')].find(r => r.textContent.includes(%q));
  if (!row) return {found: false};
  const el = [...row.querySelectorAll('.gap, .gap-text')].find(e => /khoảng trống|Thiếu/.test(e.textContent));
  if (!el) return {found: true, text: "", color: ""};
  return {found: true, text: el.textContent.trim(), color: getComputedStyle(el).color,
    gapVar: getComputedStyle(document.documentElement).getPropertyValue('--gap').trim(),
    bar: row.querySelectorAll('svg.bar rect.seg-gap').length};
})()`

type covGap struct {
	Found  bool   `json:"found"`
	Text   string `json:"text"`
	Color  string `json:"color"`
	GapVar string `json:"gapVar"`
	Bar    int    `json:"bar"`
}

// Ensure the dashboard shows the headquarters' gaps in red (and in words):
// the demo's uncovered night, and a second once the guard on duty is put on
// sick leave.
func TestBrowserDashboardGap(t *testing.T) {
	s := newSite(t)
	hq := s.hqPost()
	c := newChrome(t, s)
	if st := c.login("quanly", managerPass); st != 200 {
		t.Fatalf("login: %d", st)
	}
	js := strings.Replace(covGapJS, "%q", `"`+hq.Name+`"`, 1)
	before := eval[covGap](c, js)
	if !before.Found || before.Text != "1 khoảng trống" || before.Bar != 1 {
		t.Fatalf("before the sick leave: %+v, want the demo's uncovered night", before)
	}

	sh := s.hqShiftNow()
	off := &scheduler.TimeOff{GuardID: *sh.GuardID, Kind: scheduler.TimeOffSick, Start: sh.Start, End: sh.End,
		Status: scheduler.TimeOffApproved, Note: "Sốt cao"}
	if err := s.st.CreateTimeOff(context.Background(), off); err != nil {
		t.Fatal(err)
	}
	if st := c.open("/"); st != 200 {
		t.Fatalf("dashboard: %d", st)
	}
	got := eval[covGap](c, js)
	if !got.Found || got.Text != "2 khoảng trống" {
		t.Fatalf("the headquarters row does not show both gaps: %+v", got)
	}
	if got.Color != gapColour || got.GapVar != "#b3141a" {
		t.Errorf("the gap is not red: colour %q, --gap %q", got.Color, got.GapVar)
	}
	if got.Bar != 2 {
		t.Errorf("the coverage bar has %d red segments, want 2", got.Bar)
	}
	// The other guard posts stay covered.
	if other := eval[covGap](c, strings.Replace(covGapJS, "%q", `"Trụ sở Tiếp công dân tỉnh"`, 1)); !other.Found || other.Text != "" {
		t.Errorf("the reception site: %+v", other)
	}
	c.screenshot("dashboard")
}

// Ensure assigning the first suggested guard from the roster grid's cell
// editor (check, then save) closes the headquarters' gap in the grid.
func TestBrowserRosterAssign(t *testing.T) {
	s := newSite(t)
	hq := s.hqPost()
	sh := s.hqShiftNow()
	if _, err := s.st.UpdateShift(context.Background(), sh.ID, sh.Version, func(x *scheduler.Shift) error {
		x.GuardID = nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/roster?month=2026-12"); st != 200 {
		t.Fatalf("/roster?month=2026-12 answers %d", st)
	}
	cellHref := "/roster/cell?post=" + strconv.FormatInt(hq.ID, 10) + "&date=2026-12-01"
	cellSel := `a.cell[href="` + cellHref + `"]`
	gapOf := func() string {
		return eval[string](c, `(() => { const a = document.querySelector('`+cellSel+`');
			if (!a) return "no cell";
			const td = a.closest('td');
			const m = td.querySelector('.missing, .gap-text');
			return (td.classList.contains('gap') ? 'gap ' : '') + (m ? m.textContent.trim() : ''); })()`)
	}
	if g := gapOf(); !strings.HasPrefix(g, "gap ") || !strings.Contains(g, "Thiếu") {
		t.Fatalf("the open shift's cell shows no gap: %q", g)
	}
	c.screenshot("roster-month")
	if st := c.submit("open the cell", chromedp.Click(chromedp.CSS(cellSel))); st != 200 || c.path() != cellHref {
		t.Fatalf("cell editor: %d %s", st, c.path())
	}
	// The open shift's form: its guard <select> lists the suggestions first; pick the first.
	form := `form[action="/roster/check"]:has(input[name="shift"][value="` + strconv.FormatInt(sh.ID, 10) + `"])`
	if n := eval[int](c, `document.querySelectorAll('`+form+`').length`); n != 1 {
		t.Fatalf("the cell editor has no check form for shift %d (%s); got %d", sh.ID, form, n)
	}
	first := eval[string](c, `(() => { const s = document.querySelector('`+form+` select[name="guard"]');
		const o = s && [...s.options].find(o => o.value && o.value !== 'open'); return o ? o.value + '|' + o.textContent : ''; })()`)
	id, name, _ := strings.Cut(first, "|")
	if id == "" {
		t.Fatal("no suggested guard in the form")
	}
	c.do("pick the first suggestion", chromedp.SetValue(chromedp.CSS(form+` select[name="guard"]`), id))
	c.screenshot("roster-cell")
	if st := c.submit("check", chromedp.Click(chromedp.CSS(form+` button[type="submit"]`))); st != 200 {
		t.Fatalf("check: %d", st)
	}
	save := `form[action="/roster/shift/` + strconv.FormatInt(sh.ID, 10) + `"]`
	if n := eval[int](c, `document.querySelectorAll('`+save+`').length`); n != 1 {
		t.Fatalf("no save form after the check (%s)", save)
	}
	if st := c.submit("save", chromedp.Click(chromedp.CSS(save+` button[type="submit"]`))); st != 200 {
		t.Fatalf("save: %d", st)
	}
	got, err := s.st.FindShiftByID(context.Background(), sh.ID)
	if err != nil || got.GuardID == nil || strconv.FormatInt(*got.GuardID, 10) != id {
		t.Fatalf("saved shift: %+v %v (picked %s %q)", got, err, id, name)
	}
	c.open("/roster?month=2026-12")
	if g := gapOf(); strings.HasPrefix(g, "gap ") || strings.Contains(g, "Thiếu") {
		t.Errorf("the cell still shows a gap: %q", g)
	}
}

// Ensure a guard logs in to their own page and cannot open the settings (403 page).
func TestBrowserGuardForbidden(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	if st := c.login("an", guardPass); st != 200 || c.path() != "/me" {
		t.Fatalf("guard login: %d %s", st, c.path())
	}
	if h1 := c.text("h1"); !strings.Contains(h1, "Lịch trực của tôi") || !strings.Contains(h1, "Nguyễn Văn An") {
		t.Errorf("/me heading: %q", h1)
	}
	for _, p := range []string{"/settings", "/roster?month=2026-12", "/dashboard"} {
		if st := c.open(p); st != 403 {
			t.Errorf("guard opens %s: %d", p, st)
		}
		if body := c.text("main"); !strings.Contains(body, "Bạn không có quyền xem trang này") {
			t.Errorf("%s: the page says %q", p, body)
		}
	}
	// Their menu offers only their page.
	if links := eval[[]string](c, `[...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href'))`); len(links) != 1 || links[0] != "/me" {
		t.Errorf("guard's menu: %v", links)
	}
}

// Ensure the guard's page works on a 360×740 phone: nothing wider than the
// screen, and the time-off form sends a request that shows as pending.
func TestBrowserMePhone(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.viewport(360, 740, true)
	c.login("an", guardPass)
	if c.path() != "/me" {
		t.Fatalf("landed on %s", c.path())
	}
	wide := eval[[]string](c, `[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)`)
	if sw := eval[int](c, `document.documentElement.scrollWidth`); sw > 360 || len(wide) > 0 {
		t.Errorf("the page is wider than the phone: %d px; %v", sw, wide)
	}
	// Buttons are big enough to tap.
	if h := eval[float64](c, `document.querySelector('#timeoff-form button').getBoundingClientRect().height`); h < 40 {
		t.Errorf("the submit button is %.0f px high", h)
	}
	c.do("fill the time-off form",
		chromedp.SetValue(chromedp.ID("to-kind"), "training"),
		chromedp.SetValue(chromedp.ID("to-from"), "2026-12-09"),
		chromedp.SetValue(chromedp.ID("to-to"), "2026-12-11"),
		chromedp.SendKeys(chromedp.ID("to-note"), "Tập huấn PCCC tại Công an tỉnh"))
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`#timeoff-form button[type="submit"]`))); st != 200 {
		t.Fatalf("send: %d", st)
	}
	if msg := c.text(".flash.ok"); !strings.Contains(msg, "Đã gửi yêu cầu nghỉ") {
		t.Errorf("flash: %q", msg)
	}
	// The request, beside the demo's approved leave of An.
	item := eval[string](c, `[...document.querySelectorAll('#timeoff .me-list li')].map(li => li.innerText).find(t => t.includes('Chờ duyệt')) || ''`)
	for _, want := range []string{"Tập huấn", "Chờ duyệt", "Thứ Tư, 09/12/2026 – Thứ Sáu, 11/12/2026", "Tập huấn PCCC tại Công an tỉnh"} {
		if !strings.Contains(item, want) {
			t.Errorf("the request shows %q, lacking %q", item, want)
		}
	}
	ts, _ := s.st.FindTimeOff(context.Background(), scheduler.TimeOffFilter{GuardID: &s.anID, Status: scheduler.TimeOffRequested})
	if len(ts) != 1 || ts[0].Kind != "training" || !ts[0].Start.Equal(s.at(9, 0)) || !ts[0].End.Equal(s.at(12, 0)) {
		t.Fatalf("stored: %+v", ts)
	}
	c.viewport(390, 844, true)
	c.open("/me")
	c.screenshot("me-phone")
}

// Ensure a guard on a phone makes their calendar link with one tap and sees it
// as a QR code that loads (a data: image the CSP allows) and a link to copy.
func TestBrowserCalendarQR(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.viewport(390, 844, true)
	c.login("an", guardPass)
	if st := c.submit("create the link", chromedp.Click(chromedp.CSS(`form[action^="/me/calendar"] button[type="submit"]`))); st != 200 {
		t.Fatalf("create: %d", st)
	}
	if h1 := c.text("h1"); h1 != "Liên kết lịch của bạn" {
		t.Errorf("heading: %q", h1)
	}
	img := eval[map[string]any](c, `(() => { const i = document.querySelector('img.qr');
		return {complete: i.complete, width: i.naturalWidth, src: i.src.slice(0, 22), shown: i.getBoundingClientRect().width}; })()`)
	if img["complete"] != true || img["width"] != float64(320) || img["src"] != "data:image/png;base64," {
		t.Errorf("the QR code does not load: %v", img)
	}
	if w, _ := img["shown"].(float64); w < 200 || w > 390 {
		t.Errorf("the QR code is %v px wide on the phone", img["shown"])
	}
	link := eval[string](c, `document.getElementById('feed-url').value`)
	if !strings.HasPrefix(link, "https://lichtruc.example.vn/ical/cal_") || !strings.HasSuffix(link, ".ics") {
		t.Errorf("link: %q", link)
	}
	if href := eval[string](c, `document.querySelector('a[href^="webcal:"]').getAttribute('href')`); href != "webcal://"+strings.TrimPrefix(link, "https://") {
		t.Errorf("webcal link: %q", href)
	}
	c.screenshot("me-calendar")
	c.do("copy", chromedp.Click(chromedp.CSS(`button[data-copy="#feed-url"]`)))
	if b := c.text(`button[data-copy="#feed-url"]`); b != "Đã sao chép" {
		t.Errorf("copy button says %q", b)
	}
}

// Ensure a form sent without its CSRF token is refused with the 403 page and changes nothing.
func TestBrowserCSRF(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.login("an", guardPass)
	c.do("fill the form without its token",
		chromedp.SetValue(chromedp.ID("to-from"), "2026-12-09"),
		chromedp.SetValue(chromedp.ID("to-to"), "2026-12-09"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#timeoff-form input[name="_csrf"]').remove()`))
	if n := eval[int](c, `document.querySelectorAll('#timeoff-form input[name="_csrf"]').length`); n != 0 {
		t.Fatalf("the token is still there")
	}
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`#timeoff-form button[type="submit"]`))); st != 403 {
		t.Fatalf("without a token: %d", st)
	}
	if body := c.text("main"); !strings.Contains(body, "Biểu mẫu đã hết hạn hoặc không hợp lệ") {
		t.Errorf("the 403 page says %q", body)
	}
	if ts, _ := s.st.FindTimeOff(context.Background(), scheduler.TimeOffFilter{Status: scheduler.TimeOffRequested}); len(ts) != 0 {
		t.Fatalf("stored %d", len(ts))
	}
	// With its token the same form works.
	c.open("/me")
	c.do("fill the form",
		chromedp.SetValue(chromedp.ID("to-from"), "2026-12-09"),
		chromedp.SetValue(chromedp.ID("to-to"), "2026-12-09"))
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`#timeoff-form button[type="submit"]`))); st != 200 {
		t.Fatalf("with the token: %d", st)
	}
	if ts, _ := s.st.FindTimeOff(context.Background(), scheduler.TimeOffFilter{Status: scheduler.TimeOffRequested}); len(ts) != 1 {
		t.Fatalf("stored %d", len(ts))
	}
}

// Ensure Vietnamese renders intact: the pages are UTF-8 and their text holds the names exactly.
func TestBrowserVietnamese(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if cs := eval[string](c, `document.characterSet`); cs != "UTF-8" {
		t.Errorf("charset: %q", cs)
	}
	if text := eval[string](c, `document.body.innerText`); !strings.Contains(text, "Trụ sở HĐND, UBND tỉnh") ||
		!strings.Contains(text, "Tình hình trực") || strings.Contains(text, "Ã") || strings.Contains(text, "�") {
		t.Errorf("dashboard text: %q", text)
	}
	g := newChrome(t, s)
	g.login("an", guardPass)
	text := eval[string](g, `document.body.innerText`)
	for _, want := range []string{"Nguyễn Văn An", "Trụ sở HĐND, UBND tỉnh", "Thứ Tư, 02/12/2026", "Xin nghỉ", "Đổi ca"} {
		if !strings.Contains(text, want) {
			t.Errorf("/me lacks %q", want)
		}
	}
	if title := eval[string](g, `document.title`); title != "Lịch trực của tôi – catruc" {
		t.Errorf("title: %q", title)
	}
	if l := eval[string](g, `document.documentElement.lang`); l != "vi" {
		t.Errorf("lang: %q", l)
	}
}

var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)
var mediaBoxRE = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)

// Ensure the printable month fits one landscape A4 sheet.
func TestBrowserPrintA4(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/roster/print?month=2026-12"); st != 200 {
		t.Fatalf("/roster/print?month=2026-12 answers %d", st)
	}
	c.screenshot("print")
	n, w, h := c.printA4(true)
	if n != 1 {
		t.Errorf("the print takes %d pages, want 1", n)
	}
	if w < 840 || w > 843 || h < 594 || h > 596 {
		t.Errorf("the page is %.1f × %.1f pt, want A4 landscape 841.9 × 595.3", w, h)
	}
}

// Ensure axe-core (WCAG 2.1 A and AA) finds nothing wrong on any page: the
// login, every manager's page, the print and the guard's own page.
func TestBrowserAccessibility(t *testing.T) {
	s := newSite(t)
	src := axeSource(t)
	if res := s.eng.Run(context.Background(), "sweep"); !res.OK { // alerts on the dashboard and /alerts
		t.Fatalf("sweep: %+v", res)
	}
	c := newChromeFor(t, s, 120*time.Second)
	who := ""
	for _, p := range s.tour() {
		if p.user != who {
			if _, err := chromedp.Call(c.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
				t.Fatalf("log out: %v", err)
			}
			if p.user != "" {
				pass := map[string]string{"quanly": managerPass, "an": guardPass}[p.user]
				if st := c.login(p.user, pass); st != 200 {
					t.Fatalf("login %s: %d", p.user, st)
				}
			}
			who = p.user
		}
		if st := c.open(p.path); st != 200 {
			t.Errorf("%s (%s): %d", p.name, p.path, st)
			continue
		}
		for _, v := range c.axe(src) {
			t.Errorf("%s (%s): %s", p.name, p.path, v)
		}
	}
}

// overflowJS lists what sticks out of the page's width, and how wide the page scrolls.
const overflowJS = `(() => {
  const vw = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    // Inside a box that scrolls on its own, an element may be wider.
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
    }
    return r.right > vw + 1;
  }).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '')).slice(0, 8);
  return {vw: vw, scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, wide: wide};
})()`

type overflow struct {
	VW          int      `json:"vw"`
	ScrollWidth int      `json:"scrollWidth"`
	BodyWidth   int      `json:"bodyWidth"`
	Wide        []string `json:"wide"`
}

// Ensure the dashboard fits a 390 px phone: the page does not scroll
// sideways, and the "on duty now" table shows every post within the screen.
func TestBrowserDashboardPhone(t *testing.T) {
	s := newSite(t)
	if res := s.eng.Run(context.Background(), "sweep"); !res.OK {
		t.Fatalf("sweep: %+v", res)
	}
	c := newChrome(t, s)
	c.viewport(390, 844, true)
	if st := c.login("quanly", managerPass); st != 200 {
		t.Fatalf("login: %d", st)
	}
	c.shot("dashboard-phone")
	if o := eval[overflow](c, overflowJS); o.ScrollWidth > 390 || o.BodyWidth > 390 || len(o.Wide) > 0 {
		t.Errorf("the dashboard is wider than the phone: %+v", o)
	}
	duty := eval[map[string]float64](c, `(() => { const t = document.querySelector('[aria-labelledby="onduty"] table').getBoundingClientRect();
		return {left: t.left, right: t.right, rows: document.querySelectorAll('[aria-labelledby="onduty"] tbody tr').length}; })()`)
	if duty["left"] < 0 || duty["right"] > 390 || duty["rows"] < 3 {
		t.Errorf("the on-duty table: %v", duty)
	}
}

// Ensure the month grid scrolls inside its own box, and only there: the page
// is no wider than the window (no scrolling into blank space), at a desk and
// on a phone.
func TestBrowserRosterMonthBox(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	if st := c.login("quanly", managerPass); st != 200 {
		t.Fatalf("login: %d", st)
	}
	for _, vp := range []struct {
		w, h  int64
		phone bool
	}{{1280, 900, false}, {390, 844, true}} {
		c.viewport(vp.w, vp.h, vp.phone)
		if st := c.open("/roster?month=2026-12"); st != 200 {
			t.Fatalf("/roster: %d", st)
		}
		c.shot(fmt.Sprintf("roster-month-%d", vp.w))
		if o := eval[overflow](c, overflowJS); o.ScrollWidth > int(vp.w) || o.BodyWidth > int(vp.w) || len(o.Wide) > 0 {
			t.Errorf("%d px: the page is wider than the window: %+v", vp.w, o)
		}
		box := eval[map[string]any](c, `(() => { const w = document.querySelector('.roster-wrap'), s = getComputedStyle(w);
			return {overflowX: s.overflowX, overflowY: s.overflowY, maxHeight: s.maxHeight, maxWidth: s.maxWidth,
				scrolls: w.scrollWidth > w.clientWidth, right: w.getBoundingClientRect().right}; })()`)
		if box["overflowX"] != "auto" || box["overflowY"] != "auto" || box["maxHeight"] == "none" || box["maxWidth"] == "none" {
			t.Errorf("%d px: the grid's box: %v", vp.w, box)
		}
		if r, _ := box["right"].(float64); r > float64(vp.w) {
			t.Errorf("%d px: the grid's box ends at %v", vp.w, r)
		}
		if vp.w < 900 && box["scrolls"] != true {
			t.Errorf("%d px: the grid does not scroll in its box: %v", vp.w, box)
		}
	}
}

// focusJS describes the focused element: its link, whether its focus ring is
// drawn and where it is against the sticky post column and the grid's box.
const focusJS = `(() => {
  const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
  const wrap = a.closest('.roster-wrap'), post = document.querySelector('table.roster tbody .post-col');
  return {href: a.getAttribute('href') || '', inGrid: !!a.closest('table.roster'), focusVisible: a.matches(':focus-visible'),
    outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor, offset: parseFloat(s.outlineOffset),
    left: r.left, right: r.right, postRight: post ? post.getBoundingClientRect().right : 0,
    boxRight: wrap ? wrap.getBoundingClientRect().right : 0};
})()`

type focusState struct {
	Href         string  `json:"href"`
	InGrid       bool    `json:"inGrid"`
	FocusVisible bool    `json:"focusVisible"`
	Outline      string  `json:"outline"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineColor string  `json:"outlineColor"`
	Offset       float64 `json:"offset"`
	Left         float64 `json:"left"`
	Right        float64 `json:"right"`
	PostRight    float64 `json:"postRight"`
	BoxRight     float64 `json:"boxRight"`
}

var rgbRE = regexp.MustCompile(`rgba?\((\d+), (\d+), (\d+)`)

// contrastOnWhite is the WCAG contrast ratio of a CSS rgb() colour against white.
func contrastOnWhite(css string) float64 {
	m := rgbRE.FindStringSubmatch(css)
	if m == nil {
		return 0
	}
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseFloat(m[i+1], 64)
		v /= 255
		if v <= 0.03928 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		lum += w * v
	}
	return 1.05 / (lum + 0.05)
}

// Ensure the month grid is one Tab stop that the arrow keys walk (day
// headers and cells, Home and End), with a focus ring of at least 3:1 that
// the sticky post column never hides, and that Enter opens the cell.
func TestBrowserRosterKeyboard(t *testing.T) {
	s := newSite(t)
	hq := strconv.FormatInt(s.hqPost().ID, 10)
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/roster?month=2026-12"); st != 200 {
		t.Fatalf("/roster: %d", st)
	}
	stops := eval[map[string]int](c, `({grid: [...document.querySelectorAll('table.roster a')].filter(a => a.tabIndex >= 0).length,
		links: document.querySelectorAll('table.roster a').length,
		box: document.querySelector('.roster-wrap').hasAttribute('tabindex') ? 1 : 0})`)
	if stops["grid"] != 1 || stops["box"] != 0 || stops["links"] < 100 {
		t.Fatalf("tab stops in the grid: %v", stops)
	}
	cell := func(post, date string) string { return "/roster/cell?post=" + post + "&date=" + date }
	press := func(what, key string, want string, mods ...chromedp.Modifier) focusState {
		t.Helper()
		c.do(what, chromedp.KeyEvent(key, chromedp.KeyModifiers(mods...)))
		f := eval[focusState](c, focusJS)
		if want != "" && f.Href != want {
			t.Fatalf("%s: focus on %q, want %q", what, f.Href, want)
		}
		return f
	}
	// Tab from the month picker's button enters the grid on today's cell of the first post.
	c.do("focus the picker's button", chromedp.Focus(chromedp.CSS(`form.roster-pick button`)))
	f := press("Tab into the grid", kb.Tab, cell(hq, "2026-12-01"))
	checkRing := func(what string, f focusState) {
		t.Helper()
		if !f.FocusVisible || f.Outline != "solid" || f.OutlineWidth < 3 || contrastOnWhite(f.OutlineColor) < 3 {
			t.Errorf("%s: the focus ring: %+v (contrast %.2f on white)", what, f, contrastOnWhite(f.OutlineColor))
		}
		if f.Left < f.PostRight-0.5 || f.Right > f.BoxRight+0.5 {
			t.Errorf("%s: the focused cell is hidden (cell %.0f–%.0f, post column ends at %.0f, box at %.0f)",
				what, f.Left, f.Right, f.PostRight, f.BoxRight)
		}
	}
	checkRing("today", f)
	press("right", kb.ArrowRight, cell(hq, "2026-12-02"))
	second := eval[string](c, `document.querySelectorAll('table.roster tbody tr')[1].querySelector('a.cell').getAttribute('href')`)
	press("down", kb.ArrowDown, strings.Replace(second, "2026-12-01", "2026-12-02", 1))
	f = press("up twice: the day's header", kb.ArrowUp+kb.ArrowUp, "")
	if !f.InGrid || !strings.Contains(f.Href, "/roster/week?date=2026-12-02") {
		t.Errorf("up twice: %+v", f)
	}
	press("down", kb.ArrowDown, cell(hq, "2026-12-02"))
	f = press("End", kb.End, cell(hq, "2026-12-31"))
	checkRing("the month's last day", f)
	// Walking back left day by day, each cell comes out from under the sticky column.
	for d := 30; d >= 12; d-- {
		date := fmt.Sprintf("2026-12-%02d", d)
		checkRing("left to "+date, press("left", kb.ArrowLeft, cell(hq, date)))
	}
	f = press("Home", kb.Home, cell(hq, "2026-12-01"))
	checkRing("back to the first day", f)
	f = press("End", kb.End, cell(hq, "2026-12-31"))
	for d := 30; d >= 12; d-- {
		f = press("left", kb.ArrowLeft, cell(hq, fmt.Sprintf("2026-12-%02d", d)))
	}
	// Tab leaves the grid; Shift+Tab comes back to the same cell.
	if f = press("Tab out", kb.Tab, ""); f.InGrid {
		t.Errorf("Tab stays in the grid: %+v", f)
	}
	press("Shift+Tab back", kb.Tab, cell(hq, "2026-12-12"), chromedp.ModifierShift)
	c.shot("roster-keyboard")
	if st := c.submit("Enter opens the cell", chromedp.KeyEvent(kb.Enter)); st != 200 || c.path() != cell(hq, "2026-12-12") {
		t.Errorf("Enter: %d %s", st, c.path())
	}
}

// Ensure a guard whose time-off request is refused, on a phone, lands on the
// form's message (its anchor), not at the top of the long page.
func TestBrowserMeRefusedForm(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.viewport(390, 844, true)
	c.login("an", guardPass)
	c.do("fill the form with the days the wrong way round",
		chromedp.SetValue(chromedp.ID("to-kind"), "sick"),
		chromedp.SetValue(chromedp.ID("to-from"), "2026-12-09"),
		chromedp.SetValue(chromedp.ID("to-to"), "2026-12-08"))
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`#timeoff-form button[type="submit"]`))); st != 400 {
		t.Fatalf("send: %d", st)
	}
	if p := c.path(); p != "/me/time-off#timeoff-form" {
		t.Errorf("landed on %s", p)
	}
	msg := eval[map[string]any](c, `(() => { const e = document.getElementById('timeoff-error'); const r = e.getBoundingClientRect();
		return {text: e.textContent, top: r.top, bottom: r.bottom, vh: window.innerHeight, scrolled: window.scrollY}; })()`)
	top, _ := msg["top"].(float64)
	bottom, _ := msg["bottom"].(float64)
	vh, _ := msg["vh"].(float64)
	if msg["text"] != "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." || top < 0 || bottom > vh || msg["scrolled"] == float64(0) {
		t.Errorf("the message is not in view: %v", msg)
	}
	c.shot("me-refused")
}
