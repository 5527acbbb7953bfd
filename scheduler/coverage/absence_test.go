package coverage

import (
	"slices"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure a guard on approved time off for part of a shift leaves exactly the
// absent part as a gap — whether the time off is given or only the shift's
// absences — that someone covering closes it, and that time off that is only
// requested or was declined leaves the guard on duty.
func TestCoverageAbsentPartIsTheGap(t *testing.T) {
	p := post(1, req(everyDay, "07:00", "07:00", 1))
	from, to := tm("12-07 07:00"), tm("12-08 07:00")
	leave := &scheduler.TimeOff{ID: 4, GuardID: 1, Start: tm("12-07 18:00"), End: tm("12-09 00:00"),
		Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffApproved}
	held := func() *scheduler.Shift { return shift(1, gid(1), "12-07 07:00", "12-08 07:00") }
	gaps := func(shifts []*scheduler.Shift, off []*scheduler.TimeOff) []string {
		rep := Compute(Input{From: from, To: to, Loc: hcm, Posts: []*scheduler.Post{p}, Shifts: shifts, TimeOff: off})
		return fmtIvs(rep.Posts[0].Gaps)
	}
	want := []string{"12-07 18:00–12-08 07:00 req 1 staffed 0 missing 1 extra 0"}

	if got := gaps([]*scheduler.Shift{held()}, []*scheduler.TimeOff{leave}); !slices.Equal(got, want) {
		t.Errorf("with the time off: gaps %v, want %v", got, want)
	}
	sh := held()
	sh.Absences = scheduler.ShiftAbsences(sh, []*scheduler.TimeOff{leave})
	if got := gaps([]*scheduler.Shift{sh}, nil); !slices.Equal(got, want) {
		t.Errorf("with the shift's absences: gaps %v, want %v", got, want)
	}
	if got := gaps([]*scheduler.Shift{sh}, []*scheduler.TimeOff{leave}); !slices.Equal(got, want) {
		t.Errorf("with both: gaps %v, want %v", got, want)
	}
	cover := shift(1, gid(2), "12-07 18:00", "12-08 07:00")
	if got := gaps([]*scheduler.Shift{sh, cover}, []*scheduler.TimeOff{leave}); len(got) != 0 {
		t.Errorf("with Bình covering: gaps %v, want none", got)
	}
	for _, status := range []string{scheduler.TimeOffRequested, scheduler.TimeOffDeclined} {
		asked := *leave
		asked.Status = status
		if got := gaps([]*scheduler.Shift{held()}, []*scheduler.TimeOff{&asked}); len(got) != 0 {
			t.Errorf("with %s time off: gaps %v, want none", status, got)
		}
	}
}

// Ensure staffing counts what the guards can actually give: a guard away on
// training for one week of four counts 0.25 away, and the verdict says so;
// a guard away for the whole window makes the post a guard shorter.
func TestStaffingTimeOff(t *testing.T) {
	in := demoOffice()
	in.From, in.To = tm("12-07 00:00"), tm("12-07 00:00").AddDate(0, 0, 28)
	in.TimeOff = []*scheduler.TimeOff{
		{GuardID: 1, Start: tm("12-07 00:00"), End: tm("12-14 00:00"), Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffApproved},
		{GuardID: 3, Start: tm("12-07 00:00"), End: tm("12-14 00:00"), Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffRequested},
	}
	got := Staffing(in)
	hq, rec := got.Posts[0], got.Posts[1]
	if hq.AwayGuards != 0.25 || rec.AwayGuards != 0 || got.Total.AwayGuards != 0.25 {
		t.Fatalf("away: headquarters %v, reception %v, total %v; want 0.25, 0, 0.25", hq.AwayGuards, rec.AwayGuards, got.Total.AwayGuards)
	}
	// 168 h a week take 3.24 guards of 51.85 h; 1.75 are there: 2 short, as without the training.
	for _, want := range []string{"has 2 eligible (1.75 after time off): 2 short."} {
		if !strings.Contains(hq.Verdict, want) {
			t.Errorf("verdict %q lacks %q", hq.Verdict, want)
		}
	}
	if want := "hiện có 2 (1,75 sau khi trừ người nghỉ): thiếu 2."; !strings.Contains(hq.VerdictVi, want) {
		t.Errorf("verdict %q lacks %q", hq.VerdictVi, want)
	}
	in.TimeOff[0].End = tm("12-21 00:00")
	if v := Staffing(in).Posts[0].Verdict; !strings.Contains(v, "has 2 eligible (1.5 after time off): 2 short.") {
		t.Errorf("two weeks away: %q", v)
	}
	in.TimeOff[0].End = in.To
	if v := Staffing(in).Posts[0].Verdict; !strings.Contains(v, "has 2 eligible (1 after time off): 3 short.") {
		t.Errorf("away the whole window: %q", v)
	}
	if !strings.HasSuffix(rec.Verdict, "has 1 eligible: enough.") {
		t.Errorf("reception: %q (a requested leave takes nobody away)", rec.Verdict)
	}
}
