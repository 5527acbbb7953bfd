package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure a manager creates a post with the requirements editor (days as
// checkboxes, start, end, headcount; the blank row ignored), edits it to add
// an overnight row and remove one, and sees the requirements in words.
func TestAdminPostsCreateEdit(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/posts")
	admWant(t, "list", code, 200, body)
	contains(t, body, "Trụ sở HĐND, UBND tỉnh", "T2–CN, cả ngày, 1 người", "T2–T6, 07:00–17:00, 1 người",
		"Tiểu đội Cảnh sát bảo vệ mục tiêu Trụ sở UBND tỉnh (PK20)")
	code, body, _ = b.get("/posts/new")
	admWant(t, "new", code, 200, body)
	contains(t, body, `name="req-0-days"`, `for="req-0-d7"`, ">CN<", "giờ kết thúc nhỏ hơn giờ bắt đầu là qua đêm")

	form := url.Values{"name": {"Kho lưu trữ"}, "code": {"kho-luu-tru"}, "kind": {"guard"}, "site": {"Tầng hầm nhà B"},
		"contact_name": {"Phòng Hành chính"}, "contact_phone": {"0255 3822 010"}, "active": {"1"}, "rows": {"2"},
		"req-0-days": {"1", "2", "3", "4", "5"}, "req-0-start": {"07:00"}, "req-0-end": {"17:00"}, "req-0-headcount": {"1"},
		"req-1-headcount": {"1"}, "action": {"save"}}
	code, body, loc := b.post("/posts", form)
	if code != http.StatusSeeOther || loc != "/posts" {
		t.Fatalf("create: %d %s %s", code, loc, body)
	}
	p := admPost(t, s, "kho-luu-tru")
	if p.Name != "Kho lưu trữ" || p.Site != "Tầng hầm nhà B" || p.Contact.Phone != "0255 3822 010" || len(p.Requirements) != 1 ||
		p.Requirements[0].Start != "07:00" || len(p.Requirements[0].Days) != 5 || !p.Active {
		t.Fatalf("stored %+v", p)
	}
	_, body, _ = b.get("/posts")
	contains(t, body, "Đã lưu.", "Kho lưu trữ", "Phòng Hành chính")

	id := strconv.FormatInt(p.ID, 10)
	code, body, _ = b.get("/posts/" + id)
	admWant(t, "edit", code, 200, body)
	contains(t, body, `value="Kho lưu trữ"`, `id="req-0-d1" name="req-0-days" value="1" checked`, `name="req-1-start" value=""`, `name="rows" value="2"`)
	// Ask for more rows: the form comes back with what was typed and two blank rows, nothing saved.
	code, body, _ = b.post("/posts/"+id, url.Values{"name": {"Kho lưu trữ tỉnh"}, "code": {"kho-luu-tru"}, "kind": {"guard"}, "rows": {"2"},
		"req-0-days": {"1", "2", "3", "4", "5"}, "req-0-start": {"07:00"}, "req-0-end": {"17:00"}, "req-0-headcount": {"1"}, "action": {"addrow"}})
	admWant(t, "add rows", code, 200, body)
	contains(t, body, `name="rows" value="3"`, `value="Kho lưu trữ tỉnh"`, `name="req-2-start"`)
	if got := admPost(t, s, "kho-luu-tru"); got.Name != "Kho lưu trữ" {
		t.Fatalf("add rows saved: %+v", got)
	}
	code, body, _ = b.post("/posts/"+id, url.Values{"name": {"Kho lưu trữ"}, "code": {"kho-luu-tru"}, "kind": {"guard"}, "active": {"1"},
		"rows": {"2"}, "req-0-days": {"1", "2", "3", "4", "5"}, "req-0-start": {"07:00"}, "req-0-end": {"17:00"}, "req-0-headcount": {"1"},
		"req-0-remove": {"1"}, "req-1-days": {"6", "7"}, "req-1-start": {"22:00"}, "req-1-end": {"06:00"}, "req-1-headcount": {"2"},
		"action": {"save"}})
	admWant(t, "update", code, http.StatusSeeOther, body)
	p = admPost(t, s, "kho-luu-tru")
	if len(p.Requirements) != 1 || p.Requirements[0].Start != "22:00" || p.Requirements[0].Headcount != 2 || p.Contact.Phone != "" {
		t.Fatalf("updated %+v", p.Requirements)
	}
	_, body, _ = b.get("/posts")
	contains(t, body, "T7, CN, 22:00–06:00 (qua đêm), 2 người")

	// A post with history cannot be deleted; a fresh one can.
	hq := strconv.FormatInt(admPost(t, s, "tru-so").ID, 10)
	code, body, _ = b.post("/posts/"+hq+"/delete", nil)
	admWant(t, "delete headquarters", code, http.StatusConflict, body)
	contains(t, body, "Không xóa được Trụ sở HĐND, UBND tỉnh")
	code, _, _ = b.post("/posts/"+id+"/delete", nil)
	admWant(t, "delete", code, http.StatusSeeOther, "")
	if _, err := s.st.FindPostByID(ctx, p.ID); scheduler.ErrorCode(err) != scheduler.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
}

// Ensure a bad requirement row or field is shown next to it (400) and nothing is written.
func TestAdminPostValidation(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	id := strconv.FormatInt(hq.ID, 10)
	b := admAs(s, "quanly", managerPass)
	b.get("/posts/" + id)
	base := func() url.Values {
		return url.Values{"name": {hq.Name}, "code": {hq.Code}, "kind": {"guard"}, "active": {"1"}, "rows": {"2"},
			"req-0-days": {"1", "2", "3", "4", "5", "6", "7"}, "req-0-start": {"00:00"}, "req-0-end": {"00:00"}, "req-0-headcount": {"1"},
			"action": {"save"}}
	}
	cases := []struct {
		set   map[string]string
		field string
		msg   string
	}{
		{map[string]string{"req-1-days": "1", "req-1-start": "25:00", "req-1-end": "06:00", "req-1-headcount": "1"}, "req-1-start", "Giờ phải có dạng HH:MM"},
		{map[string]string{"req-1-start": "08:00", "req-1-end": "12:00", "req-1-headcount": "1"}, "req-1-days", "Hãy chọn ít nhất một ngày trong tuần."},
		{map[string]string{"req-0-headcount": "0"}, "req-0-headcount", "Số người phải từ 1 đến 20"},
		{map[string]string{"req-0-headcount": "một"}, "req-0-headcount", "Hãy nhập một số nguyên."},
		{map[string]string{"code": "Trụ Sở"}, "code", "Mã «Trụ Sở» không hợp lệ: chỉ dùng chữ thường không dấu"},
		{map[string]string{"contact_email": "không"}, "contact_email", "không phải là địa chỉ email"},
	}
	for _, c := range cases {
		f := base()
		for k, v := range c.set {
			f.Set(k, v)
		}
		code, body, _ := b.post("/posts/"+id, f)
		admWant(t, c.field, code, http.StatusBadRequest, body)
		contains(t, body, c.msg, "Chưa lưu: hãy sửa các mục được đánh dấu.")
		// The message sits in the field's cell or next to its input.
		i := strings.Index(body, `id="`+c.field)
		j := strings.Index(body, c.msg)
		if i < 0 || j < i || j-i > 2000 {
			t.Errorf("%s: the message is not next to the field (%d, %d)", c.field, i, j)
		}
	}
	after := admPost(t, s, "tru-so")
	if len(after.Requirements) != 1 || after.Requirements[0].Headcount != 1 || after.Contact.Email != hq.Contact.Email {
		t.Fatalf("changed: %+v", after)
	}
	code, body, _ := b.post("/posts", url.Values{"name": {"Cổng sau"}, "code": {"tru-so"}, "kind": {"guard"}, "rows": {"0"}})
	admWant(t, "duplicate code", code, http.StatusConflict, body)
	contains(t, body, `id="code-err"`, "Mã «tru-so» đã được dùng cho vọng gác Trụ sở HĐND, UBND tỉnh")
}

// Ensure guards and viewers may neither read nor change the posts.
func TestAdminPostRoles(t *testing.T) {
	s := newSite(t)
	admForbidden(t, s, []string{"/posts", "/posts/new", "/posts/1"},
		map[string]url.Values{"/posts": {"name": {"X"}, "code": {"x"}, "kind": {"guard"}}, "/posts/1": {"name": {"X"}, "code": {"x"}},
			"/posts/1/delete": nil}, false)
	if p := admPost(t, s, "tru-so"); p.Name != "Trụ sở HĐND, UBND tỉnh" {
		t.Fatalf("changed: %+v", p)
	}
}
