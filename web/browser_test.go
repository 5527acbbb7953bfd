package web_test

// Browser tests: a headless Chromium drives the pages as people do (see
// browser_helpers_test.go for when they run and the screenshots they write).

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"

	"github.com/chromedp/chromedp"
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
	if st := c.open("/settings"); st == 200 {
		c.screenshot("settings")
	} else {
		t.Logf("no settings page yet (%d): no settings screenshot", st)
	}
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
		t.Skipf("TODO: /roster?month=2026-12 answers %d: the roster grid (web/roster*.go) is not there yet", st)
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
		t.Skipf("TODO: the cell editor has no check form for shift %d (%s); got %d", sh.ID, form, n)
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
	if h := eval[float64](c, `document.querySelector('form[action="/me/time-off"] button').getBoundingClientRect().height`); h < 40 {
		t.Errorf("the submit button is %.0f px high", h)
	}
	c.do("fill the time-off form",
		chromedp.SetValue(chromedp.ID("to-kind"), "training"),
		chromedp.SetValue(chromedp.ID("to-from"), "2026-12-09"),
		chromedp.SetValue(chromedp.ID("to-to"), "2026-12-11"),
		chromedp.SendKeys(chromedp.ID("to-note"), "Tập huấn PCCC tại Công an tỉnh"))
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`form[action="/me/time-off"] button[type="submit"]`))); st != 200 {
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
	if st := c.submit("create the link", chromedp.Click(chromedp.CSS(`form[action="/me/calendar"] button[type="submit"]`))); st != 200 {
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
		chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action="/me/time-off"] input[name="_csrf"]').remove()`))
	if n := eval[int](c, `document.querySelectorAll('form[action="/me/time-off"] input[name="_csrf"]').length`); n != 0 {
		t.Fatalf("the token is still there")
	}
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`form[action="/me/time-off"] button[type="submit"]`))); st != 403 {
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
	if st := c.submit("send", chromedp.Click(chromedp.CSS(`form[action="/me/time-off"] button[type="submit"]`))); st != 200 {
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
		t.Skipf("TODO: /roster/print?month=2026-12 answers %d: the print page (web/roster*.go) is not there yet", st)
	}
	c.screenshot("print")
	pdf, err := chromedp.Run(c.ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFLandscape(),
		chromedp.PDFMargin(12/25.4), // the print's @page margin, 12 mm
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
	))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if n := len(pdfPageRE.FindAll(pdf, -1)); n != 1 {
		t.Errorf("the print takes %d pages, want 1", n)
	}
	m := mediaBoxRE.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("the PDF has no MediaBox")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if w < 840 || w > 843 || h < 594 || h > 596 {
		t.Errorf("the page is %.1f × %.1f pt, want A4 landscape 841.9 × 595.3", w, h)
	}
}
