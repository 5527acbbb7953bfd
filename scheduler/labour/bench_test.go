package labour

import (
	"testing"
	"time"

	"catruc/scheduler"
)

// benchRoster is 25 posts held 24/24 by 4 guards each on the 8-hour
// three-shift cycle through 2026 and the load window around it: 100 guards,
// about 28,000 shifts.
func benchRoster(b *testing.B) (*time.Location, []*scheduler.Guard, []*scheduler.Shift) {
	loc := mustLoc(b, "Asia/Ho_Chi_Minh")
	var r roster
	var guards []*scheduler.Guard
	for p := int64(0); p < 25; p++ {
		ids := [4]int64{4*p + 1, 4*p + 2, 4*p + 3, 4*p + 4}
		for _, id := range ids {
			g := office(id, "Guard")
			g.PostIDs = []int64{p + 1, 100}
			guards = append(guards, g)
		}
		first := len(r.shifts)
		rota3x8(b, loc, ids, "2025-12-26", "2027-01-08", &r)
		for _, s := range r.shifts[first:] {
			s.PostID = p + 1
		}
	}
	return loc, guards, r.shifts
}

// Ensure checking a year of a realistic roster for 100 guards stays well
// under 100 ms.
func BenchmarkCheck100Guards365Days(b *testing.B) {
	loc, guards, shifts := benchRoster(b)
	from, to := at(b, loc, "2026-01-01 00:00"), at(b, loc, "2027-01-01 00:00")
	in := Input{Rules: Defaults(), Loc: loc, From: from, To: to, Guards: guards, Shifts: shifts}
	if n := len(Check(in)); n != 0 {
		b.Fatalf("%d violations in a lawful roster", n)
	}
	b.ResetTimer()
	for b.Loop() {
		Check(in)
	}
	b.ReportMetric(float64(len(shifts)), "shifts")
}

// Ensure suggesting a guard for one shift among 100, with a year of shifts
// loaded, is quick enough to run as a manager opens the form.
func BenchmarkSuggest100Guards(b *testing.B) {
	loc, guards, shifts := benchRoster(b)
	in := SuggestInput{
		Rules: Defaults(), Loc: loc, PostID: 100,
		Start: at(b, loc, "2026-07-15 09:00"), End: at(b, loc, "2026-07-15 13:00"),
		Guards: guards, Shifts: shifts,
	}
	if n := len(Suggest(in)); n == 0 {
		b.Fatal("no suggestion")
	}
	b.ResetTimer()
	for b.Loop() {
		Suggest(in)
	}
}

// Ensure CheckShift, run on every save, is cheap with a year of shifts loaded.
func BenchmarkCheckShift(b *testing.B) {
	loc, guards, shifts := benchRoster(b)
	id := int64(1)
	cand := &scheduler.Shift{PostID: 1, GuardID: &id, Start: at(b, loc, "2026-07-15 09:00"), End: at(b, loc, "2026-07-15 13:00"), Status: scheduler.ShiftScheduled}
	in := Input{Rules: Defaults(), Loc: loc, Guards: guards, Shifts: shifts}
	b.ResetTimer()
	for b.Loop() {
		CheckShift(in, cand)
	}
}
