package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Ensure the post form edits the post's shift templates: with none, it shows
// the defaults the planner would use (three 8-hour shifts for a 24/24 post);
// two 12-hour rows are saved; a bad row is refused next to its input with
// nothing saved; removing every row goes back to the defaults.
func TestAdminPostTemplates(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	id := strconv.FormatInt(hq.ID, 10)
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/posts/" + id)
	admWant(t, "edit", code, http.StatusOK, body)
	contains(t, body, "Mẫu ca trực (dùng khi lập lịch tự động)",
		// The headquarters is held by a rotation handing over at 07:00: the
		// default shifts start there.
		"Mẫu mặc định: Ca sáng từ 07:00 (8 giờ); Ca chiều từ 15:00 (8 giờ); Ca đêm từ 23:00 (8 giờ). Các ca bắt đầu từ giờ giao ca 07:00 của lịch xoay vòng",
		`name="tpl-0-name"`, `name="tpl_rows" value="1"`)

	form := func(set map[string]string) url.Values {
		f := url.Values{"name": {hq.Name}, "code": {hq.Code}, "kind": {"guard"}, "active": {"1"}, "rows": {"1"},
			"req-0-days": {"1", "2", "3", "4", "5", "6", "7"}, "req-0-start": {"00:00"}, "req-0-end": {"00:00"},
			"req-0-headcount": {"1"}, "action": {"save"}, "tpl_rows": {"3"},
			"tpl-0-name": {"Ca ngày"}, "tpl-0-start": {"07:00"}, "tpl-0-hours": {"12"},
			"tpl-1-name": {"Ca đêm"}, "tpl-1-start": {"19:00"}, "tpl-1-hours": {"12"}}
		for k, v := range set {
			f.Set(k, v)
		}
		return f
	}
	// "Add a template" shows one more blank row and saves nothing.
	code, body, _ = b.post("/posts/"+id, form(map[string]string{"action": "addtpl"}))
	admWant(t, "add row", code, http.StatusOK, body)
	contains(t, body, `value="Ca ngày"`, `name="tpl-3-name"`)
	if p := admPost(t, s, "tru-so"); len(p.ShiftTemplates) != 0 {
		t.Fatalf("adding a row saved %+v", p.ShiftTemplates)
	}

	for _, c := range []struct {
		set   map[string]string
		input string
		msg   string
	}{
		{map[string]string{"tpl-1-hours": "mười"}, "tpl-1-hours", "Hãy nhập một số (ví dụ 12 hoặc 12,5)."},
		{map[string]string{"tpl-1-hours": "25"}, "tpl-1-hours", ""},
		{map[string]string{"tpl-0-start": "7 giờ"}, "tpl-0-start", ""},
		{map[string]string{"tpl-0-name": ""}, "tpl-0-name", ""},
	} {
		code, body, _ := b.post("/posts/"+id, form(c.set))
		admWant(t, c.input, code, http.StatusBadRequest, body)
		contains(t, body, "Chưa lưu: hãy sửa các mục được đánh dấu.", `id="`+c.input+`" name="`+c.input)
		i := strings.Index(body, `id="`+c.input+`"`)
		j := strings.Index(body, `id="`+c.input+`-err"`)
		if i < 0 || j < i || j-i > 600 {
			t.Errorf("%s: no message next to the input (%d, %d)", c.input, i, j)
		}
		if c.msg != "" {
			contains(t, body, c.msg)
		}
		admLacks(t, body, "plan.template", "must be")
		if p := admPost(t, s, "tru-so"); len(p.ShiftTemplates) != 0 {
			t.Fatalf("%s: a refused form saved %+v", c.input, p.ShiftTemplates)
		}
	}

	code, body, loc := b.post("/posts/"+id, form(nil))
	admWant(t, "save", code, http.StatusSeeOther, body)
	if loc != "/posts" {
		t.Fatalf("after saving: %q", loc)
	}
	p := admPost(t, s, "tru-so")
	if len(p.ShiftTemplates) != 2 || p.ShiftTemplates[0].Name != "Ca ngày" || p.ShiftTemplates[0].Start != "07:00" ||
		p.ShiftTemplates[1].Hours != 12 || p.ShiftTemplates[1].Name != "Ca đêm" {
		t.Fatalf("saved templates: %+v", p.ShiftTemplates)
	}
	_, body, _ = b.get("/posts/" + id)
	contains(t, body, `value="Ca ngày"`, `value="19:00"`, `name="tpl_rows" value="3"`)

	// Removing both rows: the post gives no templates; the planner uses the defaults.
	code, body, _ = b.post("/posts/"+id, form(map[string]string{"tpl-0-remove": "1", "tpl-1-remove": "1"}))
	admWant(t, "remove", code, http.StatusSeeOther, body)
	if p := admPost(t, s, "tru-so"); len(p.ShiftTemplates) != 0 || len(p.Templates()) != 3 {
		t.Fatalf("after removing: %+v / %+v", p.ShiftTemplates, p.Templates())
	}
}

// Ensure the staffing verdict offers a manager the planner for a short post
// (the post and the report's days preselected), and a viewer no such link.
func TestStaffingLinksToPlans(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/staffing?from=2026-12-07&to=2027-01-03")
	admWant(t, "staffing", code, http.StatusOK, body)
	want := "/plans?from=2026-12-07&amp;post=" + strconv.FormatInt(hq.ID, 10) + "&amp;to=2027-01-03"
	contains(t, body, `href="`+want+`"`, "Lập lịch tự động</a>", "Lập lịch tự động cho các vọng gác thiếu người")
	v := admAs(s, "congan", viewerPass)
	_, body, _ = v.get("/staffing?from=2026-12-07&to=2027-01-03")
	admLacks(t, body, "/plans?")
}
