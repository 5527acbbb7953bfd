package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"

	"github.com/chromedp/chromedp"
)

// Ensure a manager sets up a rotation in a real browser, as people do: picks
// the post, fills the form (pattern as radio buttons, members as selects),
// previews four weeks, saves, and generates the shifts with the default end
// (today + 62 days: 2 December 2026 to 1 February 2027, 3 shifts a day), all
// with plain forms.
func TestAdminBrowserRotation(t *testing.T) {
	s := newSite(t)
	post, ids := admFourGuards(t, s)
	c := newChrome(t, s)
	if st := c.login("quanly", managerPass); st != 200 {
		t.Fatalf("login: %d", st)
	}
	if st := c.open("/rotations/new"); st != 200 {
		t.Fatalf("new: %d", st)
	}
	c.do("choose the post", chromedp.SetValue(chromedp.ID("post"), strconv.FormatInt(post.ID, 10)))
	if st := c.submit("continue", chromedp.Click(chromedp.CSS(`form[action="/rotations/new"] button[type="submit"]`))); st != 200 {
		t.Fatalf("continue: %d", st)
	}
	c.do("fill the form",
		chromedp.SendKeys(chromedp.ID("name"), "Ba ca cổng phụ"),
		chromedp.Click(chromedp.ID("preset-8h-3shift")),
		chromedp.SetValue(chromedp.ID("member-0"), strconv.FormatInt(ids[0], 10)),
		chromedp.SetValue(chromedp.ID("member-1"), strconv.FormatInt(ids[1], 10)),
		chromedp.SetValue(chromedp.ID("member-2"), strconv.FormatInt(ids[2], 10)),
		chromedp.SetValue(chromedp.ID("member-3"), strconv.FormatInt(ids[3], 10)))
	if st := c.submit("preview", chromedp.Click(chromedp.CSS(`button[value="preview"]`))); st != 200 {
		t.Fatalf("preview: %d", st)
	}
	if got := c.text("#preview"); !strings.Contains(got, "Thứ Tư, 02/12/2026") {
		t.Errorf("preview heading: %q", got)
	}
	if got := c.text(".adm-ok"); got != "Không có vi phạm giờ làm theo Bộ luật Lao động." {
		t.Errorf("preview verdict: %q", got)
	}
	if n := eval[int](c, `document.querySelectorAll("table.adm-preview tbody tr").length`); n != 28 {
		t.Errorf("preview days: %d", n)
	}
	// The form keeps what was chosen.
	if v := eval[string](c, `document.getElementById("member-3").value`); v != strconv.FormatInt(ids[3], 10) {
		t.Errorf("member 4 after preview: %q", v)
	}
	c.screenshot("admin-rotation-preview")
	if st := c.submit("save", chromedp.Click(chromedp.CSS(`button[value="save"]`))); st != 200 || !strings.HasPrefix(c.path(), "/rotations/") {
		t.Fatalf("save: %d %s", st, c.path())
	}
	if st := c.submit("generate", chromedp.Click(chromedp.CSS(`form[action$="/generate"] button[type="submit"]`))); st != 200 {
		t.Fatalf("generate: %d", st)
	}
	if got := c.text(".adm-result"); !strings.Contains(got, "Đã tạo 186 ca") {
		t.Errorf("result: %q", got)
	}
	shifts, _ := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{PostID: &post.ID})
	if len(shifts) != 186 {
		t.Errorf("stored %d shifts", len(shifts))
	}
}
