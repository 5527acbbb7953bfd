package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure a guard sets their preferences on /me: windows to avoid and to
// prefer (weekdays and times, rows added and removed) and the most nights a
// month; they are stored through the plans service and shown again; a bad
// time or a number out of range is refused next to its input, nothing saved.
func TestMePreferences(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := admAs(s, "an", guardPass)
	code, body, _ := b.get("/me")
	admWant(t, "me", code, http.StatusOK, body)
	contains(t, body, "Nguyện vọng khi xếp lịch", "Khoảng thời gian muốn tránh", "Khoảng thời gian muốn trực",
		`name="avoid-0-start"`, `name="prefer-0-start"`, "Số ca đêm tối đa mỗi tháng", "Lưu nguyện vọng")

	form := func(set map[string][]string) url.Values {
		f := url.Values{"avoid_rows": {"2"}, "prefer_rows": {"1"}, "action": {"save"},
			"avoid-0-days": {"6", "7"}, "avoid-0-start": {"22:00"}, "avoid-0-end": {"06:00"},
			"prefer-0-days": {"1", "2", "3", "4", "5"}, "prefer-0-start": {"07:00"}, "prefer-0-end": {"17:00"},
			"max_nights": {"4"}}
		for k, v := range set {
			f[k] = v
		}
		return f
	}
	// "Add a row" shows another blank row and saves nothing.
	code, body, _ = b.post("/me/preferences", form(map[string][]string{"action": {"addavoid"}}))
	admWant(t, "add row", code, http.StatusOK, body)
	contains(t, body, `name="avoid-1-start"`, `name="avoid_rows" value="2"`, `value="22:00"`)
	stored := func() *scheduler.Preferences {
		p, err := s.plans.Preferences(ctx, scheduler.Principal{Role: scheduler.RoleManager}, s.anID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := stored(); len(p.Avoid) != 0 {
		t.Fatalf("adding a row saved %+v", p)
	}
	for _, c := range []struct {
		set   map[string][]string
		input string
		msg   string
	}{
		{map[string][]string{"avoid-0-start": {"25:00"}}, "avoid-0-start", "HH:MM"},
		{map[string][]string{"prefer-0-end": {"sáng"}}, "prefer-0-end", "HH:MM"},
		{map[string][]string{"max_nights": {"40"}}, "max_nights", "phải từ 0 đến 31"},
		{map[string][]string{"max_nights": {"bốn"}}, "max_nights", "Hãy nhập một số nguyên."},
		{map[string][]string{"avoid-0-days": {"8"}}, "avoid-0-days", "Lựa chọn không hợp lệ."},
	} {
		code, body, _ := b.post("/me/preferences", form(c.set))
		admWant(t, c.input, code, http.StatusBadRequest, body)
		contains(t, body, c.msg, `id="`+c.input+`-err"`, "Chưa lưu: hãy sửa các mục được đánh dấu.")
		if p := stored(); len(p.Avoid) != 0 || p.MaxNightsPerMonth != 0 {
			t.Fatalf("%s: a refused form saved %+v", c.input, p)
		}
	}
	code, body, loc := b.post("/me/preferences", form(nil))
	admWant(t, "save", code, http.StatusSeeOther, body)
	if loc != "/me#prefs" {
		t.Fatalf("after saving: %q", loc)
	}
	p := stored()
	if len(p.Avoid) != 1 || p.Avoid[0].Start != "22:00" || p.Avoid[0].End != "06:00" || len(p.Avoid[0].Days) != 2 ||
		len(p.Prefer) != 1 || len(p.Prefer[0].Days) != 5 || p.MaxNightsPerMonth != 4 {
		t.Fatalf("stored: %+v", p)
	}
	_, body, _ = b.get("/me")
	contains(t, body, "Đã lưu nguyện vọng.", `id="avoid-0-d6" name="avoid-0-days" value="6" checked`,
		`id="avoid-0-start" name="avoid-0-start" value="22:00"`, `name="max_nights" type="number" min="0" max="31" inputmode="numeric" value="4"`,
		`name="avoid-1-start" value=""`)
	// Removing the avoid row keeps the rest.
	code, body, _ = b.post("/me/preferences", form(map[string][]string{"avoid-0-remove": {"1"}}))
	admWant(t, "remove", code, http.StatusSeeOther, body)
	if p := stored(); len(p.Avoid) != 0 || len(p.Prefer) != 1 || p.MaxNightsPerMonth != 4 {
		t.Fatalf("after removing: %+v", p)
	}
	if strings.Contains(body, "Internal") {
		t.Fatal(body)
	}
	// Only guards post here.
	m := admAs(s, "quanly", managerPass)
	if code, _, _ := m.post("/me/preferences", form(nil)); code != http.StatusForbidden {
		t.Errorf("a manager posts preferences on /me: %d", code)
	}
}
