package labour

import (
	"strings"
	"testing"

	"catruc/scheduler"
)

// absent gives s the absences that approved time off offs makes.
func absent(s *scheduler.Shift, offs ...*scheduler.TimeOff) *scheduler.Shift {
	for _, o := range offs {
		o.Status = scheduler.TimeOffApproved
	}
	s.Absences = scheduler.ShiftAbsences(s, offs)
	return s
}

// Ensure the labour rules count only the hours a guard actually works: the
// shifts inside a week of training break nothing, a 24 h shift left at 18:00
// is 11 h, and what remains of a shift is still judged.
func TestCheckCountsWorkedHoursOnly(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	g := []*scheduler.Guard{office(1, "Nguyễn Văn An")}
	// An holds 24 h shifts every other day from 07:00, Monday 7 to Sunday 13 December.
	shifts := func() []*scheduler.Shift {
		var r roster
		for _, d := range []string{"07", "09", "11", "13"} {
			s := at(t, loc, "2026-12-"+d+" 07:00")
			r.add(1, s, s.AddDate(0, 0, 1))
		}
		return r.shifts
	}
	check := func(ss []*scheduler.Shift) []string {
		return renderAll(Check(Input{Rules: Defaults(), Loc: loc, From: at(t, loc, "2026-12-07 00:00"),
			To: at(t, loc, "2026-12-14 00:00"), Guards: g, Shifts: ss}))
	}
	training := func(id int64, from, to string) *scheduler.TimeOff {
		return &scheduler.TimeOff{ID: id, GuardID: 1, Start: at(t, loc, from), End: at(t, loc, to), Kind: scheduler.TimeOffTraining}
	}

	t.Run("without time off every shift is too long", func(t *testing.T) {
		got := check(shifts())
		if n := len(only(Check(Input{Rules: Defaults(), Loc: loc, From: at(t, loc, "2026-12-07 00:00"),
			To: at(t, loc, "2026-12-14 00:00"), Guards: g, Shifts: shifts()}), RuleShiftLength)); n != 4 {
			t.Fatalf("%d shift_length breaches, want 4: %v", n, got)
		}
	})
	t.Run("a week of training: no breach at all", func(t *testing.T) {
		ss := shifts()
		off := training(1, "2026-12-07 00:00", "2026-12-14 12:00")
		for _, s := range ss {
			absent(s, off)
		}
		if got := check(ss); len(got) != 0 {
			t.Errorf("breaches inside a week of training: %v", got)
		}
	})
	t.Run("leave from 18:00: the shift counts 11 h", func(t *testing.T) {
		ss := shifts()
		absent(ss[0], &scheduler.TimeOff{ID: 2, GuardID: 1, Start: at(t, loc, "2026-12-07 18:00"),
			End: at(t, loc, "2026-12-08 12:00"), Kind: scheduler.TimeOffLeave})
		got := strings.Join(check(ss), "\n")
		if strings.Contains(got, "shift_length g1 [1]") {
			t.Errorf("shift 1 is still too long:\n%s", got)
		}
		if !strings.Contains(got, "shift_length g1 [2] 24.0/12") {
			t.Errorf("shift 2, untouched, is no longer reported:\n%s", got)
		}
		// 11 + 24 + 24 + 17 (to Sunday midnight) = 76 h in the week, not 89.
		if !strings.Contains(got, "weekly_hours g1 [1 2 3 4] 76.0/48") {
			t.Errorf("the week does not count 76 h:\n%s", got)
		}
		if strings.Contains(got, "daily_hours g1 [1]") {
			t.Errorf("Monday, 11 h worked, is reported:\n%s", got)
		}
	})
	t.Run("an absence in the middle: two stretches, no rest breach inside the shift", func(t *testing.T) {
		ss := shifts()[:1]
		absent(ss[0], &scheduler.TimeOff{ID: 3, GuardID: 1, Start: at(t, loc, "2026-12-07 10:00"),
			End: at(t, loc, "2026-12-07 14:00"), Kind: scheduler.TimeOffSick})
		got := check(ss)
		want := []string{
			"daily_hours g1 [1] 13.0/12 2026-12-07 00:00→2026-12-08 00:00", // 3 h + 10 h
			"shift_length g1 [1] 17.0/12 2026-12-07 14:00→2026-12-08 07:00",
		}
		equalLines(t, got, want)
	})
}

// Ensure CheckShift judges a candidate by its worked hours too, and that the
// shifts it is weighed against count theirs.
func TestCheckShiftWorkedHours(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	g := []*scheduler.Guard{office(1, "Nguyễn Văn An")}
	cand := shift(0, 1, at(t, loc, "2026-12-07 07:00"), at(t, loc, "2026-12-08 07:00"))
	in := Input{Rules: Defaults(), Loc: loc, Guards: g}
	if got := renderAll(CheckShift(in, cand)); len(got) != 2 {
		t.Fatalf("a 24 h candidate: %v, want daily_hours and shift_length", got)
	}
	absent(cand, &scheduler.TimeOff{ID: 1, GuardID: 1, Start: at(t, loc, "2026-12-07 18:00"),
		End: at(t, loc, "2026-12-09 00:00"), Kind: scheduler.TimeOffLeave})
	if got := renderAll(CheckShift(in, cand)); len(got) != 0 {
		t.Errorf("a candidate worked 11 h breaks %v", got)
	}
}

// Ensure Suggest weighs a guard's load by the hours worked: shifts inside
// time off add no hours, nights or recent duty.
func TestSuggestWorkedLoad(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	var r roster
	night := r.add(1, at(t, loc, "2026-12-08 19:00"), at(t, loc, "2026-12-09 07:00"))
	in := SuggestInput{Rules: Defaults(), Loc: loc, PostID: 1,
		Start: at(t, loc, "2026-12-09 10:00"), End: at(t, loc, "2026-12-09 18:00"),
		Guards: []*scheduler.Guard{office(1, "An")}, Shifts: r.shifts}
	before := Suggest(in)
	if len(before) != 1 || !strings.Contains(strings.Join(before[0].Reasons, "; "), "12 h this week") ||
		!strings.Contains(strings.Join(before[0].Reasons, "; "), "1 night this month") {
		t.Fatalf("before: %+v", before)
	}
	absent(night, &scheduler.TimeOff{ID: 1, GuardID: 1, Start: at(t, loc, "2026-12-08 00:00"),
		End: at(t, loc, "2026-12-09 08:00"), Kind: scheduler.TimeOffSick})
	after := Suggest(in)
	reasons := strings.Join(after[0].Reasons, "; ")
	for _, want := range []string{"0 h this week", "0 nights this month", "no earlier shift on record", "breaks no labour rule"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("reasons %q lack %q", reasons, want)
		}
	}
	if after[0].Score <= before[0].Score {
		t.Errorf("score %v after the time off, not above %v before", after[0].Score, before[0].Score)
	}
}
