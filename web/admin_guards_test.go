package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"catruc/scheduler"
)

// Ensure a manager adds a guard through the form (unit, skills, posts), sees
// them in the list, edits them, deactivates them and deletes them; the store
// holds what the form said.
func TestAdminGuardsCreateEditDelete(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hq, rec := admPost(t, s, "tru-so"), admPost(t, s, "tiep-cong-dan")
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/guards")
	admWant(t, "list", code, 200, body)
	contains(t, body, "Nguyễn Văn An", "Bảo vệ cơ quan", "0905 111 201", "Thượng úy Võ Thành Nam", "Công an", "Trụ sở HĐND, UBND tỉnh")
	code, body, _ = b.get("/guards/new")
	admWant(t, "new", code, 200, body)
	contains(t, body, `for="name"`, `for="post-`+strconv.FormatInt(hq.ID, 10)+`"`, "Vọng gác Cảnh sát bảo vệ mục tiêu")
	code, body, loc := b.post("/guards", url.Values{"name": {"Lê Thị Hoa"}, "phone": {"0905 111 299"}, "email": {"hoa.le@vpubnd.example.vn"},
		"unit": {"office"}, "skills": {"PCCC, sơ cứu, PCCC"}, "post_ids": {strconv.FormatInt(hq.ID, 10), strconv.FormatInt(rec.ID, 10)},
		"active": {"1"}})
	if code != http.StatusSeeOther || loc != "/guards" {
		t.Fatalf("create: %d %s %s", code, loc, body)
	}
	id := admGuard(t, s, "Lê Thị Hoa")
	g, _ := s.st.FindGuardByID(ctx, id)
	if g.Unit != scheduler.UnitOffice || g.Phone != "0905 111 299" || len(g.Skills) != 2 || g.Skills[1] != "sơ cứu" ||
		len(g.PostIDs) != 2 || !g.Active {
		t.Fatalf("stored %+v", g)
	}
	_, body, _ = b.get("/guards")
	contains(t, body, "Đã thêm bảo vệ.", "Lê Thị Hoa", "PCCC, sơ cứu", "Trụ sở HĐND, UBND tỉnh, Trụ sở Tiếp công dân tỉnh")

	sid := strconv.FormatInt(id, 10)
	code, body, _ = b.get("/guards/" + sid)
	admWant(t, "edit", code, 200, body)
	contains(t, body, `value="Lê Thị Hoa"`, `value="PCCC, sơ cứu"`)
	code, body, _ = b.post("/guards/"+sid, url.Values{"name": {"Lê Thị Hoa"}, "phone": {"0905 111 300"}, "unit": {"other"},
		"unit_other": {"Trung đội tự vệ"}, "skills": {""}, "post_ids": {strconv.FormatInt(rec.ID, 10)}, "active": {"1"}})
	admWant(t, "update", code, http.StatusSeeOther, body)
	g, _ = s.st.FindGuardByID(ctx, id)
	if g.Phone != "0905 111 300" || g.Unit != "Trung đội tự vệ" || len(g.Skills) != 0 || len(g.PostIDs) != 1 || g.PostIDs[0] != rec.ID || g.Email != "" {
		t.Fatalf("updated %+v", g)
	}
	_, body, _ = b.get("/guards/" + sid)
	contains(t, body, `value="Trung đội tự vệ"`, `<option value="other" selected>`)

	code, _, _ = b.post("/guards/"+sid+"/active", url.Values{"active": {"0"}})
	admWant(t, "deactivate", code, http.StatusSeeOther, "")
	if g, _ = s.st.FindGuardByID(ctx, id); g.Active {
		t.Fatal("still active")
	}
	_, body, _ = b.get("/guards")
	contains(t, body, "Đã ngừng sử dụng bảo vệ", "Dùng lại")

	code, _, _ = b.post("/guards/"+sid+"/delete", nil)
	admWant(t, "delete", code, http.StatusSeeOther, "")
	if _, err := s.st.FindGuardByID(ctx, id); scheduler.ErrorCode(err) != scheduler.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
}

// Ensure a guard with shifts cannot be deleted: the list comes back with 409
// and the store's reason, and the guard stays.
func TestAdminGuardDeleteRefused(t *testing.T) {
	s := newSite(t)
	an := admGuard(t, s, "Nguyễn Văn An")
	b := admAs(s, "quanly", managerPass)
	b.get("/guards")
	code, body, _ := b.post("/guards/"+strconv.FormatInt(an, 10)+"/delete", nil)
	admWant(t, "delete", code, http.StatusConflict, body)
	contains(t, body, "Không xóa được Nguyễn Văn An vì đã có lịch sử trực hoặc nghỉ", "instead of deleting", "Nguyễn Văn An")
	if _, err := s.st.FindGuardByID(context.Background(), an); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := b.post("/guards/9999/delete", nil); code != http.StatusNotFound {
		t.Errorf("unknown guard: %d", code)
	}
}

// Ensure invalid input is shown next to its field (400) and nothing is written.
func TestAdminGuardValidation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	before, _ := s.st.FindGuards(ctx, scheduler.GuardFilter{})
	b := admAs(s, "quanly", managerPass)
	b.get("/guards/new")
	cases := []struct {
		form  url.Values
		field string
		msg   string
	}{
		{url.Values{"name": {""}, "unit": {"office"}}, "name-err", "Mục này không được để trống."},
		{url.Values{"name": {"Lê Thị Hoa"}, "unit": {"office"}, "email": {"không-phải-thư"}}, "email-err", "không phải là địa chỉ email"},
		{url.Values{"name": {"Lê Thị Hoa"}, "unit": {"office"}, "phone": {"gọi tôi"}}, "phone-err", "không phải là số điện thoại"},
		{url.Values{"name": {"Lê Thị Hoa"}, "unit": {"other"}}, "unit_other-err", "Hãy ghi tên đơn vị."},
		{url.Values{"name": {"Lê Thị Hoa"}, "unit": {"office"}, "post_ids": {"999"}}, "post_ids-err", "Không có vọng gác này"},
	}
	for _, c := range cases {
		code, body, _ := b.post("/guards", c.form)
		admWant(t, c.field, code, http.StatusBadRequest, body)
		contains(t, body, `id="`+c.field+`"`, c.msg, "Chưa lưu: hãy sửa các mục được đánh dấu.", `value="`+c.form.Get("name")+`"`)
	}
	an := strconv.FormatInt(admGuard(t, s, "Nguyễn Văn An"), 10)
	code, body, _ := b.post("/guards/"+an, url.Values{"name": {""}, "unit": {"office"}, "active": {"1"}})
	admWant(t, "update", code, http.StatusBadRequest, body)
	contains(t, body, `id="name-err"`)
	after, _ := s.st.FindGuards(ctx, scheduler.GuardFilter{})
	if len(after) != len(before) {
		t.Fatalf("guards: %d before, %d after", len(before), len(after))
	}
	if g, _ := s.st.FindGuardByID(ctx, admGuard(t, s, "Nguyễn Văn An")); g.Name != "Nguyễn Văn An" {
		t.Fatalf("changed: %+v", g)
	}
}

// Ensure guards and viewers may neither read nor change the guards.
func TestAdminGuardRoles(t *testing.T) {
	s := newSite(t)
	an := strconv.FormatInt(admGuard(t, s, "Nguyễn Văn An"), 10)
	admForbidden(t, s, []string{"/guards", "/guards/new", "/guards/" + an},
		map[string]url.Values{"/guards": {"name": {"X"}, "unit": {"office"}}, "/guards/" + an + "/active": {"active": {"0"}},
			"/guards/" + an: {"name": {"X"}, "unit": {"office"}}, "/guards/" + an + "/delete": nil}, false)
	if g, _ := s.st.FindGuardByID(context.Background(), admGuard(t, s, "Nguyễn Văn An")); !g.Active || g.Name != "Nguyễn Văn An" {
		t.Fatalf("changed: %+v", g)
	}
}
