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
