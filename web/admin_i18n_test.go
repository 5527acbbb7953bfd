package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"catruc/scheduler"
)

// A word missing from the messages shows as its key; a bad format as "%!".
var admMissing = regexp.MustCompile(`adm\.[a-z]|%!`)

// Ensure every page of the manager's area, and the pages that follow its
// actions (preview, generate, errors), is complete in Vietnamese and in
// English: no untranslated key, no broken format, the Vietnamese intact.
func TestAdminPagesBothLanguages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	an := admGuard(t, s, "Nguyễn Văn An")
	if err := s.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: an, Kind: scheduler.TimeOffSick, Status: scheduler.TimeOffRequested,
		Start: time.Date(2026, 12, 4, 7, 0, 0, 0, s.loc), End: time.Date(2026, 12, 5, 7, 0, 0, 0, s.loc)}); err != nil {
		t.Fatal(err)
	}
	if err := s.st.CreateEvent(ctx, &scheduler.Event{Title: "Lễ chào cờ", Kind: "ceremony", Start: time.Date(2026, 12, 7, 7, 0, 0, 0, s.loc),
		End: time.Date(2026, 12, 7, 8, 0, 0, 0, s.loc)}); err != nil {
		t.Fatal(err)
	}
	hq := strconv.FormatInt(admPost(t, s, "tru-so").ID, 10)
	pages := []string{"/rotations", "/rotations/new", "/rotations/new?post=" + hq, "/rotations/1", "/rotations/1/edit",
		"/guards", "/guards/new", "/guards/" + strconv.FormatInt(an, 10), "/posts", "/posts/new", "/posts/" + hq, "/time-off",
		"/events", "/events/new", "/events/1", "/violations", "/staffing", "/settings"}
	b := admAdmin(t, s)
	for _, lang := range []string{"vi", "en"} {
		b.post("/lang", url.Values{"lang": {lang}, "back": {"/"}})
		for _, p := range pages {
			code, body, _ := b.get(p)
			admWant(t, lang+" "+p, code, 200, body)
			if m := admMissing.FindString(body); m != "" {
				t.Errorf("%s %s shows %q", lang, p, m)
			}
			contains(t, body, "Văn phòng UBND tỉnh") // the office name, in the header
		}
		posts := []struct {
			path string
			form url.Values
		}{
			{"/rotations", url.Values{"post": {hq}, "name": {"Thử"}, "preset": {"24-24"}, "handover": {"07:00"}, "start_date": {"2026-12-02"},
				"member": {strconv.FormatInt(an, 10), strconv.FormatInt(admGuard(t, s, "Trần Minh Đức"), 10)}, "action": {"preview"}}},
			{"/rotations", url.Values{"post": {hq}, "name": {""}, "preset": {"24-24"}, "handover": {"7h"}, "action": {"save"}}},
			{"/rotations/1/generate", url.Values{"until": {"2026-12-20"}}},
			{"/rotations/1/generate", url.Values{"until": {"hôm qua"}}},
			{"/guards", url.Values{"name": {""}, "unit": {"other"}}},
			{"/posts", url.Values{"name": {""}, "code": {"x"}, "kind": {"guard"}, "rows": {"1"}, "req-0-days": {"1"}}},
			{"/time-off", url.Values{"guard_id": {""}, "kind": {"leave"}}},
			{"/events", url.Values{"title": {""}, "kind": {"drill"}}},
			{"/settings/rules", url.Values{"max_shift_hours": {"x"}}},
			{"/settings/notifications", url.Values{"mgr_rows": {"1"}, "mgr-0-email": {"x"}, "escalate_after_minutes": {"30"}}},
		}
		for _, p := range posts {
			_, body, _ := b.post(p.path, p.form)
			if m := admMissing.FindString(body); m != "" {
				t.Errorf("%s POST %s shows %q", lang, p.path, m)
			}
		}
	}
}
