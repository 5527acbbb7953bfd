package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure the dashboard's "on duty now" leaves out a guard on approved sick
// leave, says the headquarters has nobody, and its coverage shows the gap.
func TestDashboardOnDutyAndGap(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/")
	duty := regexp.MustCompile(`(?s)<h2 id="onduty">.*?</table>`).FindString(body)
	if !strings.Contains(duty, "Trụ sở HĐND, UBND tỉnh") || strings.Contains(duty, "KHÔNG CÓ NGƯỜI TRỰC") {
		t.Fatalf("on duty before the sick leave:\n%s", duty)
	}
	hq := int64(1)
	from, to := testNow, testNow.Add(time.Second)
	cur, _ := s.st.FindShifts(context.Background(), scheduler.ShiftFilter{PostID: &hq, From: &from, To: &to})
	if len(cur) != 1 {
		t.Fatalf("headquarters shifts now: %d", len(cur))
	}
	g, _ := s.st.FindGuardByID(context.Background(), *cur[0].GuardID)
	if !strings.Contains(duty, g.Name) {
		t.Fatalf("%s is not shown on duty:\n%s", g.Name, duty)
	}
	if err := s.st.CreateTimeOff(context.Background(), &scheduler.TimeOff{GuardID: g.ID, Kind: "sick", Start: testNow.Add(-time.Hour),
		End: testNow.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/")
	duty = regexp.MustCompile(`(?s)<h2 id="onduty">.*?</table>`).FindString(body)
	// The guard is no longer shown on duty: only struck through, as away sick.
	if strings.Contains(duty, `<span class="shift">`+g.Name) || !strings.Contains(duty, "KHÔNG CÓ NGƯỜI TRỰC") ||
		!regexp.MustCompile(`<del>`+regexp.QuoteMeta(g.Name)+`[^<]*<span class="away-times">\([^)]*\)</span></del> <span class="away-kind">ốm</span>`).MatchString(duty) {
		t.Fatalf("on duty after the sick leave:\n%s", duty)
	}
	contains(t, body, "2 khoảng trống", `class="seg-gap"`) // the sick leave's, and the demo's uncovered night
}

// Ensure "on duty now" calls a post with nobody a gap only while the post
// needs someone: outside its hours it reads as such, not in red.
func TestDashboardOffHoursIsNotAGap(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	var reception *scheduler.Post
	ps, _ := s.st.FindPosts(ctx, scheduler.PostFilter{})
	for _, p := range ps {
		if strings.Contains(p.Name, "Tiếp công dân") {
			reception = p
		}
	}
	// The reception site needs its guard from 13:00 only today; its morning shift is cancelled.
	if _, err := s.st.UpdatePost(ctx, reception.ID, func(p *scheduler.Post) error {
		p.Requirements = []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5}, Start: "13:00", End: "17:00", Headcount: 1}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	now := testNow
	cur, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &reception.ID, Status: scheduler.ShiftScheduled, From: &now, To: &now})
	for _, sh := range cur {
		if _, err := s.st.UpdateShift(ctx, sh.ID, 0, func(x *scheduler.Shift) error { x.Status = scheduler.ShiftCancelled; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/")
	row := regexp.MustCompile(`(?s)<tr[^>]*>\s*<td>` + regexp.QuoteMeta(reception.Name) + `.*?</tr>`).FindString(body)
	if row == "" {
		t.Fatalf("no row for %s on the dashboard", reception.Name)
	}
	if strings.Contains(row, `class="gap"`) || strings.Contains(row, "KHÔNG CÓ NGƯỜI TRỰC") || !strings.Contains(row, "Ngoài giờ trực") {
		t.Errorf("the reception site outside its hours reads:\n%s\nwant 'Ngoài giờ trực', no gap", row)
	}
	// The headquarters without its guard now is a gap.
	hq := s.hqShiftNow()
	if _, err := s.st.UpdateShift(ctx, hq.ID, 0, func(x *scheduler.Shift) error { x.Status = scheduler.ShiftCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/")
	row = regexp.MustCompile(`(?s)<tr[^>]*>\s*<td>` + regexp.QuoteMeta(s.hqPost().Name) + `.*?</tr>`).FindString(body)
	if !strings.Contains(row, `class="gap"`) || !strings.Contains(row, "KHÔNG CÓ NGƯỜI TRỰC") {
		t.Errorf("the headquarters with nobody reads:\n%s\nwant a gap", row)
	}
}
