package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"

	"github.com/chromedp/chromedp"
)

// Ensure a manager plans a week of the headquarters in a real browser: the
// form starts it, the page shows its progress and then the result without a
// reload (the preview with new shifts in green and cancelled ones struck in
// red, the unfilled hours with each guard's reason in Vietnamese); applying
// (after the confirm) shows the counts, and the roster month shows the
// plan's shifts. The form and the result pass axe-core.
func TestBrowserPlanApply(t *testing.T) {
	s := newSite(t)
	src := axeSource(t)
	hq := admPost(t, s, "tru-so")
	c := newChromeFor(t, s, 120*time.Second)
	if st := c.login("quanly", managerPass); st != 200 {
		t.Fatalf("login: %d", st)
	}
	if st := c.open("/plans"); st != 200 {
		t.Fatalf("/plans: %d", st)
	}
	for _, v := range c.axe(src) {
		t.Errorf("/plans: %s", v)
	}
	c.screenshot("plans-form")
	c.shot("plans-form")
	c.do("fill the form",
		chromedp.Click(chromedp.ID("mode-range")),
		chromedp.SetValue(chromedp.ID("from"), "2026-12-07"),
		chromedp.SetValue(chromedp.ID("to"), "2026-12-13"),
		chromedp.Click(chromedp.ID("keep-none")),
		chromedp.SetValue(chromedp.ID("time_limit_s"), "3"))
	if !eval[bool](c, `document.getElementById('post-`+strconv.FormatInt(hq.ID, 10)+`').checked`) {
		t.Fatal("the headquarters is not preselected")
	}
	if st := c.submit("start", chromedp.Click(chromedp.CSS(`form[action="/plans"] button[type="submit"]`))); st != 200 {
		t.Fatalf("start: %d", st)
	}
	page := c.path()
	id, err := strconv.ParseInt(strings.TrimPrefix(page, "/plans/"), 10, 64)
	if err != nil {
		t.Fatalf("after starting: %s", page)
	}
	// The page is replaced in place when the plan ends: a mark set now survives.
	c.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__stay = 1`))
	c.do("wait for the result", chromedp.WaitVisible(chromedp.CSS(`#plan-body .plan-summary`)))
	if !eval[bool](c, `window.__stay === 1`) {
		t.Error("the page reloaded to show the result")
	}
	p, err := s.plans.Get(context.Background(), scheduler.Principal{Role: scheduler.RoleManager}, id)
	if err != nil || p.Status != scheduler.PlanDone {
		t.Fatalf("plan: %+v %v", p, err)
	}
	if got := c.text(".plan-verdict"); got != p.Summary.VerdictVi {
		t.Errorf("verdict %q, want %q", got, p.Summary.VerdictVi)
	}
	added := eval[int](c, `document.querySelectorAll('table.plan-grid .pe-added').length`)
	removed := eval[int](c, `document.querySelectorAll('table.plan-grid .pe-removed s').length`)
	if added != len(p.Diff.Added) || removed != len(p.Diff.Removed) || added == 0 || removed == 0 {
		t.Errorf("the grid shows %d added and %d struck, the plan %d and %d", added, removed, len(p.Diff.Added), len(p.Diff.Removed))
	}
	if bg := eval[string](c, `getComputedStyle(document.querySelector('.pe-added')).backgroundColor`); bg != "rgb(227, 244, 232)" {
		t.Errorf("a new shift's colour: %s", bg)
	}
	if col := eval[string](c, `getComputedStyle(document.querySelector('.pe-removed')).color`); col != "rgb(179, 20, 26)" {
		t.Errorf("a cancelled shift's colour: %s", col)
	}
	reasons := c.text(".plan-unfilled")
	if !strings.Contains(reasons, "thiếu 1 người") || !strings.Contains(reasons, "Nguyễn Văn An") ||
		strings.Contains(reasons, "planner.") || strings.Contains(reasons, "at most") {
		t.Errorf("the unfilled hours: %.400s", reasons)
	}
	for _, v := range c.axe(src) {
		t.Errorf("%s: %s", page, v)
	}
	c.screenshot("plan-result")
	c.shot("plan-result")

	c.do("accept the confirm", chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`))
	if st := c.submit("apply", chromedp.Click(chromedp.CSS(`form[action$="/apply"] button[type="submit"]`))); st != 200 {
		t.Fatalf("apply: %d", st)
	}
	flash := c.text(".flash.ok")
	want := "Đã áp dụng: " + strconv.Itoa(len(p.Diff.Added)) + " ca mới, " + strconv.Itoa(len(p.Diff.Changed)) + " ca đổi người, " +
		strconv.Itoa(len(p.Diff.Removed)) + " ca hủy."
	if !strings.Contains(flash, want) {
		t.Errorf("after apply: %q, want %q", flash, want)
	}
	c.shot("plan-applied")
	if st := c.submit("see the month", chromedp.Click(chromedp.CSS(`a[href="/roster?month=2026-12"]`))); st != 200 {
		t.Fatalf("roster: %d", st)
	}
	cell := c.text(`td#c-` + strconv.FormatInt(hq.ID, 10) + `-2026-12-08`)
	for _, sh := range p.Diff.Added {
		if sh.Start.In(s.loc).Format("2006-01-02") == "2026-12-08" {
			if !strings.Contains(cell, sh.Start.In(s.loc).Format("15:04")+"–") {
				t.Errorf("the roster's 08/12 lacks the plan's shift at %s: %q", sh.Start.In(s.loc).Format("15:04"), cell)
			}
		}
	}
	if strings.Contains(cell, "07:00–07:00") {
		t.Errorf("the rotation's 24-hour shift is still on 08/12: %q", cell)
	}
	c.shot("plan-roster")
}
