package timesheet

import (
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
)

var hcm = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a clock time in the office zone: at("2025-12-31 07:00").
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func shift(guard int64, from, to string) *scheduler.Shift {
	return &scheduler.Shift{ID: 1, PostID: 1, GuardID: ptr(guard), Start: at(from), End: at(to), Status: scheduler.ShiftScheduled}
}

func holidays(t *testing.T, years ...int) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, y := range years {
		hs, err := holiday.ForYear(y)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			out[h.Date] = true
		}
	}
	return out
}

// sheet computes the month for one office guard (rest day restDay) working the shifts.
func sheet(t *testing.T, month string, restDay int, weekly float64, shifts ...*scheduler.Shift) Line {
	t.Helper()
	y, m, err := ParseMonth(month)
	if err != nil {
		t.Fatal(err)
	}
	g := &scheduler.Guard{ID: 7, Name: "Nguyễn Văn An", Unit: scheduler.UnitOffice, RestDay: restDay, Active: true}
	s, err := Compute(Input{Year: y, Month: m, Loc: hcm, Guards: []*scheduler.Guard{g}, Shifts: shifts,
		Holidays: holidays(t, y-1, y), Pay: DefaultPay(), NightStart: "22:00", NightEnd: "06:00", WeeklyHours: weekly})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Guards) != 1 {
		t.Fatalf("guards = %d, want 1", len(s.Guards))
	}
	return s.Guards[0]
}

func day(t *testing.T, l Line, date string) Day {
	t.Helper()
	for _, d := range l.Days {
		if d.Date == date {
			return d
		}
	}
	t.Fatalf("no day %s", date)
	return Day{}
}

func wantTotals(t *testing.T, got, want Totals) {
	t.Helper()
	if got != want {
		t.Errorf("totals\n got %+v\nwant %+v", got, want)
	}
}

func wantDay(t *testing.T, got, want Day) {
	t.Helper()
	if got != want {
		t.Errorf("day\n got %+v\nwant %+v", got, want)
	}
}

// Ensure a 24-hour shift from 07:00 on 31/12/2025 (a Wednesday) gives
// December 17 hours (8 normal, 7 day overtime, 2 night overtime from 22:00)
// and January its 7 hours, all on the New Year holiday (6 of them at night).
func TestTwentyFourHourShiftAcrossMonthEnd(t *testing.T) {
	sh := shift(7, "2025-12-31 07:00", "2026-01-01 07:00")
	dec := sheet(t, "2025-12", 7, 48, sh)
	if len(dec.Days) != 31 {
		t.Fatalf("December has %d days", len(dec.Days))
	}
	wantDay(t, day(t, dec, "2025-12-31"), Day{Date: "2025-12-31", Hours: 17, NightHours: 2, OvertimeHours: 9, Kind: KindNormal})
	// 8 × 1.00 + 7 × 1.50 + 2 × (1.50 + 0.30 + 0.20 × 1.50) = 8 + 10.5 + 4.2
	wantTotals(t, dec.Totals, Totals{WorkedHours: 17, NightHours: 2, Overtime: Overtime{NormalDay: 9},
		NightOvertimeHours: 2, PayEquivalentHours: 22.7})
	if dec.YearToDate != (YearToDate{OvertimeHours: 9, CapHours: 200, Percent: 4.5}) {
		t.Errorf("ledger = %+v", dec.YearToDate)
	}

	jan := sheet(t, "2026-01", 7, 48, sh)
	wantDay(t, day(t, jan, "2026-01-01"), Day{Date: "2026-01-01", Hours: 7, NightHours: 6, OvertimeHours: 7, Kind: KindHoliday})
	// 6 × (3.00 + 0.30 + 0.20 × 3.00) + 1 × 3.00 = 23.4 + 3
	wantTotals(t, jan.Totals, Totals{WorkedHours: 7, NightHours: 6, Overtime: Overtime{Holiday: 7}, HolidayHours: 7,
		NightOvertimeHours: 6, PayEquivalentHours: 26.4})
	if jan.YearToDate.OvertimeHours != 7 {
		t.Errorf("January ledger counts %v h, want only January's 7", jan.YearToDate.OvertimeHours)
	}
}

// Ensure a night shift 22:00–06:00 on a working day is 8 normal night hours
// at 130 %, two on the first day and six on the next.
func TestNightShift(t *testing.T) {
	l := sheet(t, "2025-12", 7, 48, shift(7, "2025-12-02 22:00", "2025-12-03 06:00"))
	wantDay(t, day(t, l, "2025-12-02"), Day{Date: "2025-12-02", Hours: 2, NightHours: 2, Kind: KindNormal})
	wantDay(t, day(t, l, "2025-12-03"), Day{Date: "2025-12-03", Hours: 6, NightHours: 6, Kind: KindNormal})
	wantTotals(t, l.Totals, Totals{WorkedHours: 8, NightHours: 8, PayEquivalentHours: 10.4})
}

// Ensure work on the guard's weekly rest day, on Tết and on Giỗ Tổ Hùng
// Vương is overtime at 200 % and 300 %, and that the rest day follows the
// guard's setting.
func TestRestDayAndHolidays(t *testing.T) {
	cases := []struct {
		name, month    string
		restDay        int
		from, to, date string
		kind           string
		pay            float64
		over           Overtime
		holidayHours   float64
	}{
		{"Sunday rest day", "2025-12", 7, "2025-12-07 08:00", "2025-12-07 16:00", "2025-12-07", KindRestDay, 16, Overtime{RestDay: 8}, 0},
		{"Sunday for a guard resting on Monday", "2025-12", 1, "2025-12-07 08:00", "2025-12-07 16:00", "2025-12-07", KindNormal, 8, Overtime{}, 0},
		{"Monday rest day", "2025-12", 1, "2025-12-08 08:00", "2025-12-08 16:00", "2025-12-08", KindRestDay, 16, Overtime{RestDay: 8}, 0},
		{"Tết mùng 1", "2026-02", 7, "2026-02-17 08:00", "2026-02-17 16:00", "2026-02-17", KindHoliday, 24, Overtime{Holiday: 8}, 8},
		{"Hùng Kings day 2025 (Monday)", "2025-04", 7, "2025-04-07 08:00", "2025-04-07 16:00", "2025-04-07", KindHoliday, 24, Overtime{Holiday: 8}, 8},
		{"Hùng Kings day 2026 (a Sunday: holiday wins)", "2026-04", 7, "2026-04-26 08:00", "2026-04-26 16:00", "2026-04-26", KindHoliday, 24, Overtime{Holiday: 8}, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := sheet(t, c.month, c.restDay, 48, shift(7, c.from, c.to))
			ot := c.over.NormalDay + c.over.RestDay + c.over.Holiday
			wantDay(t, day(t, l, c.date), Day{Date: c.date, Hours: 8, OvertimeHours: ot, Kind: c.kind})
			wantTotals(t, l.Totals, Totals{WorkedHours: 8, Overtime: c.over, HolidayHours: c.holidayHours, PayEquivalentHours: c.pay})
		})
	}
}

// Ensure the hours beyond 48 in the ISO week Mon 30/3–Sun 5/4/2026 are
// overtime, each hour in the month of its day: six 10-hour days give 12 h of
// overtime, 4 h in March and 8 h in April. With a 40-hour week (a setting)
// the week's normal hours run out on Friday 3/4, so that April counts
// Saturday's 8 h too although March's days hold half the week.
func TestOvertimeInAWeekAcrossMonths(t *testing.T) {
	var tens, eights []*scheduler.Shift
	for _, d := range []string{"2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04"} {
		tens = append(tens, shift(7, d+" 07:00", d+" 17:00"))
		eights = append(eights, shift(7, d+" 07:00", d+" 15:00"))
	}
	mar := sheet(t, "2026-03", 7, 48, tens...)
	wantTotals(t, mar.Totals, Totals{WorkedHours: 20, Overtime: Overtime{NormalDay: 4}, PayEquivalentHours: 22})
	apr := sheet(t, "2026-04", 7, 48, tens...)
	wantTotals(t, apr.Totals, Totals{WorkedHours: 40, Overtime: Overtime{NormalDay: 8}, PayEquivalentHours: 44})
	if got := mar.Totals.WorkedHours + apr.Totals.WorkedHours - 48; got != mar.Totals.Overtime.NormalDay+apr.Totals.Overtime.NormalDay {
		t.Errorf("the week's hours beyond 48 (%v) are not its overtime", got)
	}
	if apr.YearToDate.OvertimeHours != 12 {
		t.Errorf("April's ledger = %v h, want 12 (4 in March + 8)", apr.YearToDate.OvertimeHours)
	}

	mar40 := sheet(t, "2026-03", 7, 40, eights...)
	wantTotals(t, mar40.Totals, Totals{WorkedHours: 16, PayEquivalentHours: 16})
	apr40 := sheet(t, "2026-04", 7, 40, eights...)
	wantDay(t, day(t, apr40, "2026-04-03"), Day{Date: "2026-04-03", Hours: 8, Kind: KindNormal})
	wantDay(t, day(t, apr40, "2026-04-04"), Day{Date: "2026-04-04", Hours: 8, OvertimeHours: 8, Kind: KindNormal})
	wantTotals(t, apr40.Totals, Totals{WorkedHours: 32, Overtime: Overtime{NormalDay: 8}, PayEquivalentHours: 36})
}

// Ensure the part of a shift on approved leave is not worked, and the day
// shows the leave.
func TestShiftPartlyOnLeave(t *testing.T) {
	sh := shift(7, "2025-12-10 07:00", "2025-12-10 19:00")
	off := &scheduler.TimeOff{ID: 3, GuardID: 7, Start: at("2025-12-10 13:00"), End: at("2025-12-11 00:00"),
		Kind: "leave", Status: scheduler.TimeOffApproved}
	sh.Absences = scheduler.ShiftAbsences(sh, []*scheduler.TimeOff{off})
	g := &scheduler.Guard{ID: 7, Name: "An", Unit: scheduler.UnitOffice, Active: true}
	s, err := Compute(Input{Year: 2025, Month: time.December, Loc: hcm, Guards: []*scheduler.Guard{g},
		Shifts: []*scheduler.Shift{sh}, TimeOff: []*scheduler.TimeOff{off}, Holidays: holidays(t, 2025),
		Pay: DefaultPay(), NightStart: "22:00", NightEnd: "06:00", WeeklyHours: 48})
	if err != nil {
		t.Fatal(err)
	}
	l := s.Guards[0]
	wantDay(t, day(t, l, "2025-12-10"), Day{Date: "2025-12-10", Hours: 6, Kind: KindNormal, Absence: "leave"})
	wantDay(t, day(t, l, "2025-12-11"), Day{Date: "2025-12-11", Kind: KindNormal})
	wantTotals(t, l.Totals, Totals{WorkedHours: 6, PayEquivalentHours: 6})
}

// Ensure check-in and check-out, where recorded, are the hours worked.
func TestCheckInOutHours(t *testing.T) {
	sh := shift(7, "2025-12-10 07:00", "2025-12-10 15:00")
	sh.CheckInAt, sh.CheckOutAt = ptr(at("2025-12-10 07:15")), ptr(at("2025-12-10 16:15"))
	l := sheet(t, "2025-12", 7, 48, sh)
	wantDay(t, day(t, l, "2025-12-10"), Day{Date: "2025-12-10", Hours: 9, OvertimeHours: 1, Kind: KindNormal})
	wantTotals(t, l.Totals, Totals{WorkedHours: 9, Overtime: Overtime{NormalDay: 1}, PayEquivalentHours: 9.5})
}

// Ensure police officers are listed apart with their hours but no pay, and
// the ledger warns from 80 % of the cap, which Cap300 raises.
func TestPoliceApartAndLedger(t *testing.T) {
	var shifts []*scheduler.Shift
	// 20 Sundays of 2025, 12/1 to 25/5, 8 h each: 160 h of rest-day overtime.
	for d := time.Date(2025, 1, 6, 0, 0, 0, 0, hcm); len(shifts) < 20; d = d.AddDate(0, 0, 7) {
		s := d.AddDate(0, 0, 6)
		shifts = append(shifts, &scheduler.Shift{ID: int64(len(shifts) + 1), GuardID: ptr(int64(7)), PostID: 1,
			Start: s.Add(8 * time.Hour), End: s.Add(16 * time.Hour), Status: scheduler.ShiftScheduled})
	}
	shifts = append(shifts, &scheduler.Shift{ID: 99, GuardID: ptr(int64(8)), PostID: 1,
		Start: at("2025-05-25 08:00"), End: at("2025-05-25 16:00"), Status: scheduler.ShiftScheduled})
	guards := []*scheduler.Guard{
		{ID: 7, Name: "An", Unit: scheduler.UnitOffice, Active: true},
		{ID: 8, Name: "Bình", Unit: scheduler.UnitPolice, Active: true},
		{ID: 9, Name: "Cũ", Unit: scheduler.UnitOffice, Active: false},
	}
	for _, c := range []struct {
		cap300  bool
		cap     float64
		percent float64
		warn    bool
	}{{false, 200, 80, true}, {true, 300, 53.3, false}} {
		pay := DefaultPay()
		pay.Cap300 = c.cap300
		s, err := Compute(Input{Year: 2025, Month: time.May, Loc: hcm, Guards: guards, Shifts: shifts,
			Holidays: holidays(t, 2024, 2025), Pay: pay, NightStart: "22:00", NightEnd: "06:00", WeeklyHours: 48})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Guards) != 1 || s.Guards[0].GuardID != 7 || len(s.Police) != 1 || s.Police[0].GuardID != 8 {
			t.Fatalf("guards %+v police %+v", s.Guards, s.Police)
		}
		want := YearToDate{OvertimeHours: 160, CapHours: c.cap, Percent: c.percent, Warning: c.warn}
		if got := s.Guards[0].YearToDate; got != want {
			t.Errorf("ledger = %+v, want %+v", got, want)
		}
		if p := s.Police[0].Totals; p.WorkedHours != 8 || p.Overtime.RestDay != 8 || p.PayEquivalentHours != 0 {
			t.Errorf("police totals = %+v", p)
		}
	}
}
