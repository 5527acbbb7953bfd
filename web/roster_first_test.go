package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"catruc/scheduler"
	"catruc/store"
)

// firstCells reads the month grid's cells: "post-date" → class and content.
func firstCells(t *testing.T, body string) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for _, m := range regexp.MustCompile(`(?s)<td id="c-(\d+-\d{4}-\d{2}-\d{2})" class="([^"]*)">(.*?)</td>`).FindAllStringSubmatch(body, -1) {
		out[m[1]] = [2]string{m[2], m[3]}
	}
	if len(out) == 0 {
		t.Fatal("no cells on the page")
	}
	return out
}

func firstHasClass(class, c string) bool {
	for _, x := range strings.Fields(class) {
		if x == c {
			return true
		}
	}
	return false
}

// Ensure the demo's roster, once the horizon job has kept its rotations
// generated (as `serve` does at start), shows in the month of the demo's
// start exactly one gap, the uncovered headquarters night DemoGapDays ahead
// (04/12 18:00 → 05/12 07:00), and no other red cell; that the days before a
// post's first shift read "chưa có lịch" / "no roster yet" and are not gaps
// (November before the demo; the reception site before its first weekday
// shift, the headquarters before its 07:00 handover on 30/11); and that once
// a shift is made earlier, the days from it on are gaps again.
func TestRosterNoRosterYet(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if r := s.eng.Run(ctx, scheduler.JobHorizon); !r.OK {
		t.Fatalf("horizon: %+v", r)
	}
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/roster?month=2026-12")
	cells := firstCells(t, body)
	gaps := map[string]bool{}
	for k, c := range cells {
		if firstHasClass(c[0], "gap") {
			gaps[k] = true
		}
		if strings.Contains(c[1], "chưa có lịch") {
			t.Errorf("December cell %s reads no roster yet", k)
		}
	}
	if len(gaps) != 2 || !gaps["1-2026-12-04"] || !gaps["1-2026-12-05"] || store.DemoGapDays != 3 {
		t.Errorf("December's gap cells: %v, want only the uncovered night of 04/12", gaps)
	}
	contains(t, cells["1-2026-12-04"][1], "18:00–24:00")
	contains(t, cells["1-2026-12-05"][1], "00:00–07:00")

	_, body, _ = b.get("/roster?month=2026-11")
	cells = firstCells(t, body)
	for k, c := range cells {
		date := k[strings.Index(k, "-")+1:]
		if firstHasClass(c[0], "gap") || strings.Contains(c[1], "Thiếu") {
			t.Errorf("November cell %s is a gap: %q", k, c[0])
		}
		// The demo begins on 30/11 (yesterday) for the headquarters and the
		// police post, on 01/12 for the reception site.
		wantNone := date < "2026-11-30" || strings.HasPrefix(k, "2-")
		if got := strings.Contains(c[1], `<span class="muted no-roster">chưa có lịch</span>`); got != wantNone {
			t.Errorf("November cell %s: no roster yet = %v, want %v", k, got, wantNone)
		}
	}
	contains(t, body, "chưa có lịch</span>: ngày trước ca trực đầu tiên, chưa lập lịch")
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/roster"}})
	_, body, _ = b.get("/roster?month=2026-11")
	contains(t, body, `<span class="muted no-roster">no roster yet</span>`)

	// A shift made on 02/11 moves the headquarters' roster back: from then on,
	// what nobody holds is a gap again.
	hq := int64(1)
	an := s.anID
	if err := s.st.CreateShift(ctx, &scheduler.Shift{PostID: hq, GuardID: &an, Start: s.at(2, 7).AddDate(0, -1, 0),
		End: s.at(2, 19).AddDate(0, -1, 0), Status: scheduler.ShiftScheduled}); err != nil {
		t.Fatal(err)
	}
	b.post("/lang", url.Values{"lang": {"vi"}, "back": {"/roster"}})
	_, body, _ = b.get("/roster?month=2026-11")
	cells = firstCells(t, body)
	for _, k := range []string{"1-2026-11-01"} {
		if !strings.Contains(cells[k][1], "chưa có lịch") || firstHasClass(cells[k][0], "gap") {
			t.Errorf("%s, before the new first shift: %q", k, cells[k])
		}
	}
	for _, k := range []string{"1-2026-11-02", "1-2026-11-03", "1-2026-11-29"} {
		if !firstHasClass(cells[k][0], "gap") || strings.Contains(cells[k][1], "chưa có lịch") {
			t.Errorf("%s is not a gap once the roster began earlier: %q", k, cells[k])
		}
	}
	// On its first day, only what follows the first shift is a gap.
	contains(t, cells["1-2026-11-02"][1], "(19:00–24:00)")
}
