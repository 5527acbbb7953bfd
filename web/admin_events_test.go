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

// Ensure a manager adds an event with the form (kind in Vietnamese, posts,
// extra headcount, the police flag), edits it and cancels it; the list shows
// each state and the store holds it.
func TestAdminEventsCreateEditCancel(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hq, police := admPost(t, s, "tru-so"), admPost(t, s, "vong-gac-cong-an")
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/events/new")
	admWant(t, "new", code, 200, body)
	contains(t, body, "Đón đoàn khách", "Hội nghị", "Khiếu kiện đông người", "Diễn tập", ">Lễ<", "Báo công an",
		"Báo trước cho vọng gác công an", `for="notify_police"`)
	form := url.Values{"title": {"Đón đoàn công tác của Bộ Công an"}, "kind": {"delegation"}, "start": {"2026-12-08T08:00"},
		"end": {"2026-12-08T11:30"}, "post_ids": {strconv.FormatInt(hq.ID, 10), strconv.FormatInt(police.ID, 10)},
		"extra_headcount": {"2"}, "notify_police": {"1"}, "note": {"Khách A, đón tại sảnh chính"}}
	code, body, loc := b.post("/events", form)
	if code != http.StatusSeeOther || loc != "/events" {
		t.Fatalf("create: %d %s %s", code, loc, body)
	}
	es, _ := s.st.FindEvents(ctx, scheduler.EventFilter{})
	if len(es) != 1 {
		t.Fatalf("events: %+v", es)
	}
	e := es[0]
	if e.Title != "Đón đoàn công tác của Bộ Công an" || e.Kind != "delegation" || !e.NotifyPolice || e.ExtraHeadcount != 2 ||
		len(e.PostIDs) != 2 || !e.Start.Equal(time.Date(2026, 12, 8, 8, 0, 0, 0, s.loc)) || e.Status != scheduler.ShiftScheduled {
		t.Fatalf("stored %+v", e)
	}
	_, body, _ = b.get("/events")
	contains(t, body, "Đã thêm sự kiện.", "Sắp tới", "Đón đoàn công tác của Bộ Công an", "Đón đoàn khách", "Thứ Ba, 08/12/2026",
		"08:00 – 11:30", "Trụ sở HĐND, UBND tỉnh, Vọng gác Cảnh sát bảo vệ mục tiêu", "+2", "Báo công an", "Đã lên lịch")

	id := strconv.FormatInt(e.ID, 10)
	code, body, _ = b.get("/events/" + id)
	admWant(t, "edit", code, 200, body)
	contains(t, body, `value="2026-12-08T08:00"`, `<option value="delegation" selected>`, "Khách A, đón tại sảnh chính")
	form.Set("kind", "crowd")
	form.Set("title", "Khiếu kiện đông người tại cổng chính")
	form.Del("notify_police")
	code, body, _ = b.post("/events/"+id, form)
	admWant(t, "update", code, http.StatusSeeOther, body)
	got, _ := s.st.FindEventByID(ctx, e.ID)
	if got.Kind != "crowd" || got.NotifyPolice || got.Title != "Khiếu kiện đông người tại cổng chính" || got.Version != e.Version+1 {
		t.Fatalf("updated %+v", got)
	}
	code, _, _ = b.post("/events/"+id+"/cancel", nil)
	admWant(t, "cancel", code, http.StatusSeeOther, "")
	if got, _ = s.st.FindEventByID(ctx, e.ID); got.Status != scheduler.ShiftCancelled {
		t.Fatalf("not cancelled: %+v", got)
	}
	_, body, _ = b.get("/events")
	contains(t, body, "Đã hủy sự kiện.", "Khiếu kiện đông người tại cổng chính", "Đã hủy")
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/events"}})
	_, body, _ = b.get("/events")
	contains(t, body, "Crowd of complainants", "Cancelled", "Upcoming")
}

// Ensure a bad event is shown next to its field (400) and nothing is stored.
func TestAdminEventValidation(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	b := admAs(s, "quanly", managerPass)
	b.get("/events/new")
	base := url.Values{"title": {"Hội nghị tổng kết năm"}, "kind": {"conference"}, "start": {"2026-12-28T08:00"},
		"end": {"2026-12-28T11:00"}, "extra_headcount": {"1"}}
	cases := []struct{ key, val, field, msg string }{
		{"end", "2026-12-28T07:00", "end-err", "Thời điểm kết thúc phải sau thời điểm bắt đầu"},
		{"start", "28/12/2026", "start-err", "Hãy nhập ngày và giờ."},
		{"title", "", "title-err", "Mục này không được để trống."},
		{"kind", "party", "kind-err", "Loại không hợp lệ"},
		{"extra_headcount", "50", "extra_headcount-err", "Số người tăng thêm phải từ 0 đến 20."},
		{"post_ids", "999", "post_ids-err", "Không có vọng gác này"},
	}
	for _, c := range cases {
		f := url.Values{}
		for k, v := range base {
			f[k] = v
		}
		f.Set(c.key, c.val)
		code, body, _ := b.post("/events", f)
		admWant(t, c.field, code, http.StatusBadRequest, body)
		contains(t, body, `id="`+c.field+`"`, c.msg, "Chưa lưu: hãy sửa các mục được đánh dấu.")
	}
	if es, _ := s.st.FindEvents(ctx, scheduler.EventFilter{}); len(es) != 0 {
		t.Fatalf("stored %+v", es)
	}
	if code, _, _ := b.get("/events/77"); code != http.StatusNotFound {
		t.Errorf("unknown event: %d", code)
	}
}

// Ensure viewers read the events but may not change them, and guards may not even read them.
func TestAdminEventRoles(t *testing.T) {
	s := newSite(t)
	e := &scheduler.Event{Title: "Diễn tập phòng cháy", Kind: "drill", Start: time.Date(2026, 12, 9, 14, 0, 0, 0, s.loc),
		End: time.Date(2026, 12, 9, 16, 0, 0, 0, s.loc), NotifyPolice: true}
	if err := s.st.CreateEvent(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(e.ID, 10)
	admForbidden(t, s, []string{"/events"}, map[string]url.Values{"/events": {"title": {"X"}}, "/events/" + id: {"title": {"X"}},
		"/events/" + id + "/cancel": nil}, true)
	v := admAs(s, "congan", viewerPass)
	code, body, _ := v.get("/events")
	admWant(t, "viewer list", code, 200, body)
	contains(t, body, "Diễn tập phòng cháy", "Diễn tập", "Báo công an")
	admLacks(t, body, "/events/new", "/events/"+id+"/cancel")
	for _, p := range []string{"/events/new", "/events/" + id} {
		if code, _, _ := v.get(p); code != http.StatusForbidden {
			t.Errorf("viewer GET %s: %d", p, code)
		}
	}
	if got, _ := s.st.FindEventByID(context.Background(), e.ID); got.Status != scheduler.ShiftScheduled || got.Title != e.Title {
		t.Fatalf("changed: %+v", got)
	}
}
