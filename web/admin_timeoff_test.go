package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"catruc/scheduler"
)

// admShiftAt is the id of the guard's scheduled shift starting at start.
func admShiftAt(t *testing.T, s *site, guardID int64, start time.Time) int64 {
	t.Helper()
	to := start.Add(time.Minute)
	ss, err := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{GuardID: &guardID, From: &start, To: &to,
		Status: scheduler.ShiftScheduled})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range ss {
		if sh.Start.Equal(start) {
			return sh.ID
		}
	}
	t.Fatalf("guard %d has no shift at %s", guardID, start)
	return 0
}

// Ensure a guard's request shows as pending, a manager approves it (its
// status changes to approved, decided by the manager, and it then shows as
// approved in the list) and declines another.
func TestAdminTimeOffApprove(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	an, duc := admGuard(t, s, "Nguyễn Văn An"), admGuard(t, s, "Trần Minh Đức")
	req := &scheduler.TimeOff{GuardID: an, Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffRequested,
		Start: time.Date(2026, 12, 14, 7, 0, 0, 0, s.loc), End: time.Date(2026, 12, 16, 17, 0, 0, 0, s.loc), Note: "Tập huấn nghiệp vụ tại Công an tỉnh"}
	other := &scheduler.TimeOff{GuardID: duc, Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffRequested,
		Start: time.Date(2026, 12, 20, 7, 0, 0, 0, s.loc), End: time.Date(2026, 12, 21, 7, 0, 0, 0, s.loc)}
	for _, x := range []*scheduler.TimeOff{req, other} {
		if err := s.st.CreateTimeOff(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/time-off")
	admWant(t, "page", code, 200, body)
	contains(t, body, "Đơn xin nghỉ chờ duyệt", "Nguyễn Văn An", "Tập huấn", "Tập huấn nghiệp vụ tại Công an tỉnh",
		"Thứ Hai, 14/12/2026 07:00", "/time-off/"+strconv.FormatInt(req.ID, 10)+"/approve")
	admLacks(t, body, `<span class="badge ok">Đã duyệt</span> <span class="muted">user:quanly</span>`)

	code, _, loc := b.post("/time-off/"+strconv.FormatInt(req.ID, 10)+"/approve", nil)
	if code != http.StatusSeeOther || loc != "/time-off" {
		t.Fatalf("approve: %d %s", code, loc)
	}
	got, _ := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &req.ID})
	if got[0].Status != scheduler.TimeOffApproved || got[0].DecidedBy != "user:quanly" {
		t.Fatalf("after approve: %+v", got[0])
	}
	code, _, _ = b.post("/time-off/"+strconv.FormatInt(other.ID, 10)+"/decline", nil)
	admWant(t, "decline", code, http.StatusSeeOther, "")
	if got, _ = s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &other.ID}); got[0].Status != scheduler.TimeOffDeclined {
		t.Fatalf("after decline: %+v", got[0])
	}
	_, body, _ = b.get("/time-off")
	contains(t, body, "Đã từ chối đơn xin nghỉ.", "Không có đơn nào chờ duyệt.", "Nghỉ sắp tới và gần đây",
		`<span class="badge ok">Đã duyệt</span> <span class="muted">user:quanly</span>`, `<span class="badge bad">Từ chối</span>`)
	// Deciding twice is refused without harm.
	code, _, _ = b.post("/time-off/"+strconv.FormatInt(req.ID, 10)+"/decline", nil)
	admWant(t, "decide again", code, http.StatusSeeOther, "")
	_, body, _ = b.get("/time-off")
	contains(t, body, "Đơn này đã được quyết định rồi.")
	if got, _ = s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &req.ID}); got[0].Status != scheduler.TimeOffApproved {
		t.Fatalf("changed: %+v", got[0])
	}
	// Delete.
	code, _, _ = b.post("/time-off/"+strconv.FormatInt(other.ID, 10)+"/delete", nil)
	admWant(t, "delete", code, http.StatusSeeOther, "")
	if got, _ = s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &other.ID}); len(got) != 0 {
		t.Fatalf("not deleted: %+v", got)
	}
}

// Ensure a manager records time off directly (approved at once), and that a
// bad entry is shown next to its field with nothing stored.
func TestAdminTimeOffRecord(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	duc := admGuard(t, s, "Trần Minh Đức")
	b := admAs(s, "quanly", managerPass)
	b.get("/time-off")
	form := url.Values{"guard_id": {strconv.FormatInt(duc, 10)}, "kind": {"sick"}, "start": {"2026-12-03T07:00"},
		"end": {"2026-12-05T07:00"}, "note": {"Sốt xuất huyết"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("end", "2026-12-02T07:00")
	code, body, _ := b.post("/time-off", bad)
	admWant(t, "end before start", code, http.StatusBadRequest, body)
	contains(t, body, `id="end-err"`, "Thời điểm kết thúc phải sau thời điểm bắt đầu", `value="Sốt xuất huyết"`)
	bad.Set("end", "")
	code, body, _ = b.post("/time-off", bad)
	admWant(t, "no end", code, http.StatusBadRequest, body)
	contains(t, body, `id="end-err"`, "Hãy nhập ngày và giờ.")
	bad.Set("end", "2026-12-05T07:00")
	bad.Set("guard_id", "")
	code, body, _ = b.post("/time-off", bad)
	admWant(t, "no guard", code, http.StatusBadRequest, body)
	contains(t, body, `id="guard_id-err"`)
	if ts, _ := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: &duc}); len(ts) != 0 {
		t.Fatalf("stored %+v", ts)
	}
	code, body, _ = b.post("/time-off", form)
	admWant(t, "record", code, http.StatusSeeOther, body)
	ts, _ := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: &duc})
	if len(ts) != 1 || ts[0].Status != scheduler.TimeOffApproved || ts[0].Kind != scheduler.TimeOffSick ||
		!ts[0].Start.Equal(time.Date(2026, 12, 3, 7, 0, 0, 0, s.loc)) || ts[0].Note != "Sốt xuất huyết" {
		t.Fatalf("stored %+v", ts)
	}
	_, body, _ = b.get("/time-off")
	contains(t, body, "Đã ghi nhận nghỉ.", "Trần Minh Đức", "Ốm", "Thứ Năm, 03/12/2026 07:00", "Đã duyệt")
}

// Ensure a swap both guards agreed on waits for the manager, and approving it
// swaps the guards of the two shifts; declining leaves them.
func TestAdminSwapApprove(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	an, duc := admGuard(t, s, "Nguyễn Văn An"), admGuard(t, s, "Trần Minh Đức")
	a := admShiftAt(t, s, an, time.Date(2026, 12, 2, 7, 0, 0, 0, s.loc))
	bID := admShiftAt(t, s, duc, time.Date(2026, 12, 3, 7, 0, 0, 0, s.loc))
	sw, err := s.st.ProposeSwap(ctx, an, a, bID, "Nhà có việc")
	if err != nil {
		t.Fatal(err)
	}
	b := admAs(s, "quanly", managerPass)
	_, body, _ := b.get("/time-off")
	contains(t, body, "Không có yêu cầu đổi ca nào chờ duyệt.") // proposed, not accepted yet
	if _, err := s.st.AcceptSwap(ctx, sw.ID, duc); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/time-off")
	contains(t, body, "Đổi ca chờ quản lý duyệt", "Nhà có việc", "Trụ sở HĐND, UBND tỉnh: Thứ Tư, 02/12/2026", "Thứ Năm, 03/12/2026")
	code, _, _ := b.post("/time-off/swaps/"+strconv.FormatInt(sw.ID, 10)+"/approve", nil)
	admWant(t, "approve swap", code, http.StatusSeeOther, "")
	sa, _ := s.st.FindShiftByID(ctx, a)
	sb, _ := s.st.FindShiftByID(ctx, bID)
	if *sa.GuardID != duc || *sb.GuardID != an {
		t.Fatalf("not swapped: %d %d", *sa.GuardID, *sb.GuardID)
	}
	_, body, _ = b.get("/time-off")
	contains(t, body, "Đã duyệt đổi ca; lịch trực đã cập nhật.", "Không có yêu cầu đổi ca nào chờ duyệt.")
	code, body, _ = b.post("/time-off/swaps/"+strconv.FormatInt(sw.ID, 10)+"/decline", nil)
	admWant(t, "decline decided swap", code, http.StatusConflict, body)
	contains(t, body, "Không đổi ca được.")
}

// Ensure guards and viewers may neither read nor change time off.
func TestAdminTimeOffRoles(t *testing.T) {
	s := newSite(t)
	an := admGuard(t, s, "Nguyễn Văn An")
	req := &scheduler.TimeOff{GuardID: an, Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffRequested,
		Start: time.Date(2026, 12, 14, 7, 0, 0, 0, s.loc), End: time.Date(2026, 12, 15, 7, 0, 0, 0, s.loc)}
	if err := s.st.CreateTimeOff(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(req.ID, 10)
	admForbidden(t, s, []string{"/time-off"}, map[string]url.Values{"/time-off/" + id + "/approve": nil,
		"/time-off/" + id + "/delete": nil, "/time-off": {"guard_id": {"1"}, "kind": {"leave"}}, "/time-off/swaps/1/approve": nil}, false)
	got, _ := s.st.FindTimeOff(context.Background(), scheduler.TimeOffFilter{ID: &req.ID})
	if len(got) != 1 || got[0].Status != scheduler.TimeOffRequested {
		t.Fatalf("changed: %+v", got)
	}
}
