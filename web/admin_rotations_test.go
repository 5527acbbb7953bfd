package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// admFourGuards adds a post held 24/24 and four office guards allowed there.
func admFourGuards(t *testing.T, s *site) (*scheduler.Post, []int64) {
	t.Helper()
	ctx := context.Background()
	p := &scheduler.Post{Code: "cong-phu", Name: "Cổng phụ Trụ sở", Kind: scheduler.PostKindGuard, Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "00:00", Headcount: 1}}}
	if err := s.st.CreatePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, n := range []string{"Lê Văn Hùng", "Võ Thị Lan", "Đỗ Minh Tâm", "Hoàng Quốc Việt"} {
		g := &scheduler.Guard{Name: n, Unit: scheduler.UnitOffice, PostIDs: []int64{p.ID}, Active: true}
		if err := s.st.CreateGuard(ctx, g); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.ID)
	}
	return p, ids
}

func admRotationForm(postID int64, preset string, members []int64, action string) url.Values {
	f := url.Values{"post": {strconv.FormatInt(postID, 10)}, "name": {"Ba ca cổng phụ"}, "preset": {preset},
		"handover": {"06:00"}, "start_date": {"2026-12-02"}, "action": {action}}
	for _, m := range members {
		f.Add("member", strconv.FormatInt(m, 10))
	}
	f.Add("member", "") // an unused select
	return f
}

// Ensure a manager creates an 8h-3shift rotation of four guards through the
// form: the preview shows four weeks day by day (ca 1/2/3 with the guards'
// names) with no breach and writes nothing; saving stores the rotation;
// generating creates the shifts and shows the counts; generating again skips them.
func TestAdminRotationPreviewSaveGenerate(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	post, ids := admFourGuards(t, s)
	b := admAs(s, "quanly", managerPass)

	code, body, _ := b.get("/rotations/new")
	admWant(t, "choose post", code, 200, body)
	contains(t, body, "Cổng phụ Trụ sở", "Trụ sở HĐND, UBND tỉnh")
	code, body, _ = b.get("/rotations/new?post=" + strconv.FormatInt(post.ID, 10))
	admWant(t, "new rotation", code, 200, body)
	contains(t, body, "8h-3shift — cần 4 người", "24-24 — cần 2 người", "Ba ca 8 giờ (ca 1, ca 2, ca 3)",
		"Lê Văn Hùng", "Hoàng Quốc Việt", `for="member-3"`)

	code, body, _ = b.post("/rotations", admRotationForm(post.ID, scheduler.Preset8h3shift, ids, "preview"))
	admWant(t, "preview", code, 200, body)
	contains(t, body, "Không có vi phạm giờ làm theo Bộ luật Lao động.", "84 ca trực trong 4 tuần.",
		"06:00 – 14:00", "14:00 – 22:00", "22:00 – 06:00", "Thứ Tư, 02/12/2026", "Thứ Ba, 29/12/2026",
		"Lê Văn Hùng: 44 giờ/tuần", "Võ Thị Lan: 40 giờ/tuần", `value="Ba ca cổng phụ"`)
	admLacks(t, body, "Thứ Tư, 30/12/2026", "vi phạm giờ làm nếu lưu", "trùng ca")
	if n := strings.Count(body, `<th scope="row">`); n != 28 {
		t.Errorf("the preview has %d days, want 28", n)
	}
	if rs, _ := s.st.FindRotations(ctx, scheduler.RotationFilter{PostID: &post.ID}); len(rs) != 0 {
		t.Fatalf("the preview stored a rotation: %+v", rs)
	}

	code, body, loc := b.post("/rotations", admRotationForm(post.ID, scheduler.Preset8h3shift, ids, "save"))
	admWant(t, "save", code, http.StatusSeeOther, body)
	rs, err := s.st.FindRotations(ctx, scheduler.RotationFilter{PostID: &post.ID})
	if err != nil || len(rs) != 1 {
		t.Fatalf("stored rotations: %v %v", rs, err)
	}
	r := rs[0]
	if loc != "/rotations/"+strconv.FormatInt(r.ID, 10) || r.Preset != scheduler.Preset8h3shift || r.Handover != "06:00" ||
		r.StartDate != "2026-12-02" || len(r.Members) != 4 || r.Members[0] != ids[0] || r.Members[3] != ids[3] || r.GeneratedUntil != "" {
		t.Fatalf("stored %+v, redirected to %s", r, loc)
	}
	code, body, _ = b.get(loc)
	admWant(t, "rotation page", code, 200, body)
	contains(t, body, "Đã lưu ca luân phiên", "Ba ca cổng phụ", "Lê Văn Hùng, Võ Thị Lan, Đỗ Minh Tâm, Hoàng Quốc Việt", "chưa sinh",
		`name="until"`, `value="2027-02-01"`)

	code, body, _ = b.post(loc+"/generate", url.Values{"until": {"2026-12-31"}})
	admWant(t, "generate", code, 200, body)
	contains(t, body, "Kết quả sinh ca", "Đã tạo 90 ca", "Bỏ qua 0 ca", "0 ca không xếp được", "2026-12-31")
	shifts, err := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &post.ID, Status: scheduler.ShiftScheduled})
	if err != nil || len(shifts) != 90 {
		t.Fatalf("generated %d shifts (%v), want 90", len(shifts), err)
	}
	for _, sh := range shifts {
		if sh.RotationID == nil || *sh.RotationID != r.ID || sh.GuardID == nil || sh.End.Sub(sh.Start).Hours() != 8 {
			t.Fatalf("generated shift %+v", sh)
		}
	}
	if got, _ := s.st.FindRotationByID(ctx, r.ID); got.GeneratedUntil != "2026-12-31" {
		t.Errorf("generated until %q", got.GeneratedUntil)
	}
	code, body, _ = b.post(loc+"/generate", url.Values{"until": {"2026-12-31"}})
	admWant(t, "generate again", code, 200, body)
	contains(t, body, "Đã tạo 0 ca", "Bỏ qua 90 ca")
	code, body, _ = b.get("/rotations")
	admWant(t, "list", code, 200, body)
	contains(t, body, "Ba ca cổng phụ", "Cổng phụ Trụ sở", "8h-3shift", "31/12/2026", "Trực 24/24 trụ sở", "Nguyễn Văn An, Trần Minh Đức")
}

// Ensure the preview of today's practice, two guards alternating 24-hour
// shifts at the headquarters, names the breaches it would cause (in the
// user's language) and the clashes with the shifts they already have.
func TestAdminRotationPreviewShowsBreaches(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	an, duc := admGuard(t, s, "Nguyễn Văn An"), admGuard(t, s, "Trần Minh Đức")
	b := admAs(s, "quanly", managerPass)
	f := admRotationForm(hq.ID, scheduler.Preset2424, []int64{an, duc}, "preview")
	code, body, _ := b.post("/rotations", f)
	admWant(t, "preview", code, 200, body)
	contains(t, body, "vi phạm giờ làm nếu lưu như thế này", "Ca liên tục quá dài", "Nguyễn Văn An trực liên tục 25,0 giờ từ 06:00 Thứ Tư 02/12/2026", "Xem thêm",
		"Nguyễn Văn An", "trùng ca", "ca trùng với ca khác của cùng người")
	contains(t, body, "(Bộ luật Lao động 2019, Điều 105, 107)")
	admLacks(t, body, "Không có vi phạm giờ làm", "Labor Code")
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/rotations"}})
	_, body, _ = b.post("/rotations", f)
	contains(t, body, "breaches of the working-time rules if saved like this", "Shift too long", "Nguyễn Văn An works 25.0 h without a break", "more breaches",
		"(Labor Code 2019, Arts. 105, 107)")
}

// Ensure a wrong rotation is refused with the message next to its field and nothing stored.
func TestAdminRotationValidation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	post, ids := admFourGuards(t, s)
	b := admAs(s, "quanly", managerPass)
	b.get("/rotations/new?post=" + strconv.FormatInt(post.ID, 10))
	for _, action := range []string{"preview", "save"} {
		code, body, _ := b.post("/rotations", admRotationForm(post.ID, scheduler.Preset8h3shift, ids[:2], action))
		admWant(t, action+" with 2 members", code, http.StatusBadRequest, body)
		contains(t, body, `id="members-err"`, "cần đúng 4 người, không phải 2", "Chưa lưu: hãy sửa các mục được đánh dấu.")
		f := admRotationForm(post.ID, scheduler.Preset8h3shift, ids, action)
		f.Set("name", "  ")
		code, body, _ = b.post("/rotations", f)
		admWant(t, action+" without a name", code, http.StatusBadRequest, body)
		contains(t, body, `id="name-err"`, "Mục này không được để trống.")
	}
	// A guard not allowed at the post.
	f := admRotationForm(post.ID, scheduler.Preset8h3shift, append(ids[:3:3], admGuard(t, s, "Phạm Quốc Bảo")), "save")
	code, body, _ := b.post("/rotations", f)
	admWant(t, "save with an ineligible guard", code, http.StatusBadRequest, body)
	contains(t, body, `id="members-err"`, "Bảo vệ Phạm Quốc Bảo chưa được phân công trực tại vọng gác")
	if rs, _ := s.st.FindRotations(ctx, scheduler.RotationFilter{PostID: &post.ID}); len(rs) != 0 {
		t.Fatalf("stored %+v", rs)
	}
	if code, body, _ := b.get("/rotations/999"); code != http.StatusNotFound {
		t.Errorf("unknown rotation: %d %s", code, body)
	}
	code, body, _ = b.post("/rotations/1/generate", url.Values{"until": {"2031-01-01"}})
	admWant(t, "generate too far", code, http.StatusBadRequest, body)
	contains(t, body, `id="until-err"`, "Chỉ sinh ca được tối đa 731 ngày tới (đến hết ngày 01/12/2028).")
}

// Ensure changing the members of the demo rotation from a date re-plans the
// shifts from that date on and shows what it did; deactivating cancels its
// shifts; deleting removes it.
func TestAdminRotationChangeStopDelete(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hqID := admPost(t, s, "tru-so").ID
	rs, _ := s.st.FindRotations(ctx, scheduler.RotationFilter{PostID: &hqID})
	if len(rs) != 1 {
		t.Fatalf("demo rotations of the headquarters: %d", len(rs))
	}
	r := rs[0]
	id := strconv.FormatInt(r.ID, 10)
	an, duc := admGuard(t, s, "Nguyễn Văn An"), admGuard(t, s, "Trần Minh Đức")
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/rotations/" + id + "/edit")
	admWant(t, "edit", code, 200, body)
	contains(t, body, "Đổi người hoặc kiểu ca", `name="effective_from"`, `value="2026-12-01"`, "Không đổi được vì đã sinh ca")
	f := url.Values{"name": {r.Name}, "preset": {scheduler.Preset2424}, "handover": {"07:00"}, "effective_from": {"2026-12-10"},
		"member": {strconv.FormatInt(duc, 10), strconv.FormatInt(an, 10), ""}, "action": {"preview"}}
	code, body, _ = b.post("/rotations/"+id, f)
	admWant(t, "preview change", code, 200, body)
	contains(t, body, "Thứ Năm, 10/12/2026", "Trần Minh Đức")
	admLacks(t, body, "trùng ca") // its own shifts from that day are re-planned, not clashes
	f.Set("action", "save")
	code, body, _ = b.post("/rotations/"+id, f)
	admWant(t, "apply change", code, 200, body)
	contains(t, body, "Đã áp dụng thay đổi", "Xếp lại", "Từ 10/12/2026: Trần Minh Đức, Nguyễn Văn An")
	got, _ := s.st.FindRotationByID(ctx, r.ID)
	if len(got.MemberPeriods) != 2 || got.MemberPeriods[1].From != "2026-12-10" || got.Members[0] != duc {
		t.Fatalf("periods %+v", got.MemberPeriods)
	}
	hq := admPost(t, s, "tru-so")
	from := time.Date(2026, 12, 10, 12, 0, 0, 0, s.loc)
	to := from.Add(time.Hour)
	sh, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq.ID, From: &from, To: &to, Status: scheduler.ShiftScheduled})
	if len(sh) == 0 || *sh[len(sh)-1].GuardID != duc {
		t.Fatalf("shift on 10/12 not re-planned: %+v", sh)
	}

	code, body, _ = b.post("/rotations/"+id+"/active", url.Values{"active": {"0"}, "effective_from": {"2026-12-20"}})
	admWant(t, "deactivate", code, 200, body)
	contains(t, body, "Đã ngừng ca luân phiên", "Hủy", "Dùng lại ca luân phiên")
	if got, _ := s.st.FindRotationByID(ctx, r.ID); got.Active {
		t.Fatal("still active")
	}
	code, body, _ = b.post("/rotations/"+id+"/generate", url.Values{"until": {"2027-01-31"}})
	admWant(t, "generate inactive", code, http.StatusConflict, body)
	contains(t, body, "Ca luân phiên đang ngừng")

	code, _, loc := b.post("/rotations/"+id+"/delete", nil)
	if code != http.StatusSeeOther || loc != "/rotations" {
		t.Fatalf("delete: %d %s", code, loc)
	}
	if _, err := s.st.FindRotationByID(ctx, r.ID); scheduler.ErrorCode(err) != scheduler.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
	_, body, _ = b.get("/rotations")
	contains(t, body, "Đã xóa ca luân phiên", "Tiếp công dân ngày làm việc", "Ca 3×8 của Tiểu đội PK20")
	admLacks(t, body, r.Name)
}

// Ensure guards may not open the rotations, and viewers may neither read nor change them.
func TestAdminRotationRoles(t *testing.T) {
	s := newSite(t)
	admForbidden(t, s, []string{"/rotations", "/rotations/new", "/rotations/1", "/rotations/1/edit"},
		map[string]url.Values{"/rotations": {"post": {"1"}, "name": {"x"}}, "/rotations/1/generate": {"until": {"2026-12-31"}},
			"/rotations/1/delete": nil, "/rotations/1/active": {"active": {"0"}}}, false)
	if r, _ := s.st.FindRotationByID(context.Background(), 1); r == nil || !r.Active || r.GeneratedUntil == "" {
		t.Fatalf("the rotation changed: %+v", r)
	}
}
