// Package timesheet computes the monthly timesheet for pay (bảng chấm công)
// and the yearly overtime ledger from the roster: pure logic over shifts,
// time off, holidays and settings that the caller loads (see Load).
//
// The rules, decided here once for the API, the pages and the exports:
//
//   - Hours are the hours actually worked: from check-in to check-out where
//     recorded (the scheduled start or end standing in for a missing one),
//     otherwise the scheduled hours; approved absences are taken out of both.
//     Open and cancelled shifts count nothing.
//   - Work is cut at midnight and at the night window (the labour rules'
//     night_start/night_end, default 22:00–06:00) in the office zone; each
//     part belongs to its civil day, so a shift crossing the end of a month
//     gives each month its own part.
//   - A day is a "holiday" (a public holiday, computed or added), else a
//     "rest_day" (the guard's weekly rest day, ISO weekday 1..7, default 7 =
//     Sunday), else "normal".
//   - Every hour worked on a rest day or a holiday is overtime at that day's
//     rate. On a normal day, hours are taken in time order: the first 8 of
//     the day are normal work as long as the ISO week (Monday–Sunday) has
//     not yet had its normal hours (the labour rules' max_weekly_hours,
//     default 48); the rest is overtime at the normal-day rate. The week is
//     the ISO week even where it spans two months (the hours of the previous
//     month's days in it count), and each overtime hour belongs to the month
//     of the day it is worked on.
//   - pay_equivalent_hours is Σ hours × rate / 100: normal work 100, at night
//     100 + night_bonus (130); overtime at its day's rate R (150/200/300), at
//     night R + night_bonus + night_overtime_bonus × R / 100 (210/270/390 by
//     default, Decree 145/2020 Art. 57). The holiday's own paid day is not in
//     it (it is paid with the monthly wage); holiday_hours are the hours
//     worked on holidays, all of them also overtime.holiday.
//   - The ledger counts the overtime of the year from 1 January to the end
//     of the month against 200 h (300 h with Pay.Cap300) and warns from 80 %.
//   - Officers of the police squad are listed apart, with their hours but no
//     pay-equivalent hours and no ledger: the office does not pay them.
package timesheet

import (
	"fmt"
	"math"
	"sort"
	"time"

	"catruc/scheduler"
)

// Kinds of day.
const (
	KindNormal  = "normal"
	KindRestDay = "rest_day"
	KindHoliday = "holiday"
)

// DailyHours is the normal hours of a working day (Labor Code 2019 Art. 105).
const DailyHours = 8

// Day is one day of a guard's timesheet. Hours are decimal hours rounded to
// the hundredth.
type Day struct {
	Date          string  `json:"date"` // YYYY-MM-DD
	Hours         float64 `json:"hours"`
	NightHours    float64 `json:"night_hours"`
	OvertimeHours float64 `json:"overtime_hours"`
	Kind          string  `json:"kind"`    // normal, rest_day or holiday
	Absence       string  `json:"absence"` // kind of approved time off that day ("" none)
}

// Overtime is the month's overtime hours by kind of day.
type Overtime struct {
	NormalDay float64 `json:"normal_day"`
	RestDay   float64 `json:"rest_day"`
	Holiday   float64 `json:"holiday"`
}

// Totals are a guard's month.
type Totals struct {
	WorkedHours        float64  `json:"worked_hours"`
	NightHours         float64  `json:"night_hours"`
	Overtime           Overtime `json:"overtime"`
	HolidayHours       float64  `json:"holiday_hours"`
	NightOvertimeHours float64  `json:"night_overtime_hours"`
	PayEquivalentHours float64  `json:"pay_equivalent_hours"`
}

// YearToDate is the overtime ledger: the year's overtime up to the end of
// the month against the cap; Warning from CapWarnFraction of it.
type YearToDate struct {
	OvertimeHours float64 `json:"overtime_hours"`
	CapHours      float64 `json:"cap_hours"`
	Percent       float64 `json:"percent"` // of the cap, rounded to a tenth
	Warning       bool    `json:"warning"`
}

// Line is one guard's timesheet for the month.
type Line struct {
	GuardID    int64      `json:"guard_id"`
	Name       string     `json:"name"`
	Unit       string     `json:"unit"`
	RestDay    int        `json:"rest_day"`
	Days       []Day      `json:"days"`
	Totals     Totals     `json:"totals"`
	YearToDate YearToDate `json:"year_to_date"`
}

// Sheet is the month's timesheet: the office's guards, and the police
// officers apart.
type Sheet struct {
	Month      string `json:"month"` // YYYY-MM
	Pay        Pay    `json:"rates"`
	NightStart string `json:"night_start"`
	NightEnd   string `json:"night_end"`
	Guards     []Line `json:"guards"`
	Police     []Line `json:"police"`
}

// Input is what Compute reads.
type Input struct {
	Year  int
	Month time.Month
	Loc   *time.Location
	// Guards to list; those neither active nor with hours in the month are left out.
	Guards []*scheduler.Guard
	// Shifts from Window's start to the month's end, with their absences.
	Shifts []*scheduler.Shift
	// TimeOff that is approved, for the days' absence marks.
	TimeOff  []*scheduler.TimeOff
	Holidays map[string]bool // YYYY-MM-DD
	Pay      Pay
	// NightStart and NightEnd are "HH:MM"; WeeklyHours the normal hours of an ISO week.
	NightStart, NightEnd string
	WeeklyHours          float64
}

// Window is what Compute needs loaded for a month: from the Monday of the ISO
// week holding 1 January (the ledger and the first week's normal hours) to
// the first day of the next month.
func Window(year int, month time.Month, loc *time.Location) (from, to time.Time) {
	jan1 := time.Date(year, time.January, 1, 0, 0, 0, 0, loc)
	back := (int(jan1.Weekday()) + 6) % 7 // days since Monday
	return time.Date(year, time.January, 1-back, 0, 0, 0, 0, loc), time.Date(year, month+1, 1, 0, 0, 0, 0, loc)
}

// Compute builds the month's timesheet.
func Compute(in Input) (Sheet, error) {
	ns, ok1 := parseHM(in.NightStart)
	ne, ok2 := parseHM(in.NightEnd)
	if !ok1 || !ok2 || ns == ne {
		return Sheet{}, scheduler.E(scheduler.EINVALID, "night_start", "rules.night_same")
	}
	c := clock{loc: in.Loc, nightStart: ns, nightEnd: ne}
	sheet := Sheet{Month: time.Date(in.Year, in.Month, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Pay: in.Pay,
		NightStart: in.NightStart, NightEnd: in.NightEnd, Guards: []Line{}, Police: []Line{}}
	byGuard := map[int64][]*scheduler.Shift{}
	for _, s := range in.Shifts {
		if s.GuardID != nil {
			byGuard[*s.GuardID] = append(byGuard[*s.GuardID], s)
		}
	}
	for _, g := range in.Guards {
		l := in.line(c, g, byGuard[g.ID])
		if !g.Active && l.Totals.WorkedHours == 0 {
			continue
		}
		if g.Unit == scheduler.UnitPolice {
			l.Totals.PayEquivalentHours, l.YearToDate = 0, YearToDate{}
			sheet.Police = append(sheet.Police, l)
		} else {
			sheet.Guards = append(sheet.Guards, l)
		}
	}
	return sheet, nil
}

// acc accumulates a day's work.
type acc struct {
	worked, night, overtime, nightOvertime time.Duration
	pay                                    float64 // hours × rate / 100
}

// line computes one guard's month.
func (in Input) line(c clock, g *scheduler.Guard, shifts []*scheduler.Shift) Line {
	restDay := g.RestDay
	if restDay < 1 || restDay > 7 {
		restDay = scheduler.DefaultRestDay
	}
	days := in.classify(c, restDay, segmentsOf(c, shifts))
	first := time.Date(in.Year, in.Month, 1, 0, 0, 0, 0, time.UTC)
	l := Line{GuardID: g.ID, Name: g.Name, Unit: g.Unit, RestDay: restDay, Days: []Day{}}
	var t acc
	var ot [3]time.Duration // by kind
	var holiday time.Duration
	for d := first; d.Month() == in.Month; d = d.AddDate(0, 0, 1) {
		date := d.Format(scheduler.DateLayout)
		kind := in.kindOf(date, restDay)
		a := days[date]
		l.Days = append(l.Days, Day{Date: date, Hours: hours(a.worked), NightHours: hours(a.night),
			OvertimeHours: hours(a.overtime), Kind: kind, Absence: in.absence(g.ID, date)})
		t.worked += a.worked
		t.night += a.night
		t.nightOvertime += a.nightOvertime
		t.pay += a.pay
		ot[kindIndex(kind)] += a.overtime
		if kind == KindHoliday {
			holiday += a.worked
		}
	}
	l.Totals = Totals{WorkedHours: hours(t.worked), NightHours: hours(t.night),
		Overtime:     Overtime{NormalDay: hours(ot[0]), RestDay: hours(ot[1]), Holiday: hours(ot[2])},
		HolidayHours: hours(holiday), NightOvertimeHours: hours(t.nightOvertime), PayEquivalentHours: round2(t.pay)}
	l.YearToDate = in.ledger(days)
	return l
}

// ledger sums the overtime of the year's days up to the month's end.
func (in Input) ledger(days map[string]acc) YearToDate {
	jan1 := time.Date(in.Year, time.January, 1, 0, 0, 0, 0, time.UTC).Format(scheduler.DateLayout)
	var ot time.Duration
	for date, a := range days {
		if date >= jan1 {
			ot += a.overtime
		}
	}
	y := YearToDate{OvertimeHours: hours(ot), CapHours: in.Pay.Cap()}
	y.Percent = math.Round(y.OvertimeHours/y.CapHours*1000) / 10
	y.Warning = y.OvertimeHours >= CapWarnFraction*y.CapHours
	return y
}

// segmentsOf cuts the guard's worked hours into segments in time order.
func segmentsOf(c clock, shifts []*scheduler.Shift) []segment {
	var segs []segment
	for _, s := range shifts {
		for _, iv := range worked(s) {
			segs = append(segs, c.split(iv)...)
		}
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].start.Before(segs[j].start) })
	return segs
}

// classify walks the segments in time order and splits each into normal
// work and overtime, pricing both; it returns the days by date.
func (in Input) classify(c clock, restDay int, segs []segment) map[string]acc {
	days := map[string]acc{}
	dayNormal := map[string]time.Duration{}
	var week string
	var weekNormal time.Duration
	daily, weekly := time.Duration(DailyHours)*time.Hour, time.Duration(in.WeeklyHours*float64(time.Hour))
	for _, sg := range segs {
		dur := sg.end.Sub(sg.start)
		kind := in.kindOf(sg.date, restDay)
		if w := isoWeek(sg.date); w != week {
			week, weekNormal = w, 0
		}
		normal := time.Duration(0)
		if kind == KindNormal {
			normal = min(dur, max(0, daily-dayNormal[sg.date]), max(0, weekly-weekNormal))
			dayNormal[sg.date] += normal
			weekNormal += normal
		}
		over := dur - normal
		a := days[sg.date]
		a.worked += dur
		a.overtime += over
		rate := in.overtimeRate(kind)
		if sg.night {
			a.night += dur
			a.nightOvertime += over
			a.pay += hoursF(normal)*(100+in.Pay.NightBonus)/100 +
				hoursF(over)*(rate+in.Pay.NightBonus+in.Pay.NightOvertimeBonus*rate/100)/100
		} else {
			a.pay += hoursF(normal) + hoursF(over)*rate/100
		}
		days[sg.date] = a
	}
	return days
}

func (in Input) overtimeRate(kind string) float64 {
	switch kind {
	case KindRestDay:
		return in.Pay.OvertimeRestDay
	case KindHoliday:
		return in.Pay.OvertimeHoliday
	}
	return in.Pay.OvertimeNormalDay
}

// kindOf is the kind of the date for a guard resting on ISO weekday restDay.
func (in Input) kindOf(date string, restDay int) string {
	if in.Holidays[date] {
		return KindHoliday
	}
	d, _ := time.Parse(scheduler.DateLayout, date)
	if (int(d.Weekday())+6)%7+1 == restDay {
		return KindRestDay
	}
	return KindNormal
}

// absence is the kind of the guard's approved time off on the date, or "".
func (in Input) absence(guardID int64, date string) string {
	d, _ := time.ParseInLocation(scheduler.DateLayout, date, in.Loc)
	y, m, dd := d.Date()
	end := time.Date(y, m, dd+1, 0, 0, 0, 0, in.Loc)
	for _, t := range in.TimeOff {
		if t.GuardID == guardID && t.Status == scheduler.TimeOffApproved && scheduler.Overlaps(t.Start, t.End, d, end) {
			return t.Kind
		}
	}
	return ""
}

func kindIndex(kind string) int {
	switch kind {
	case KindRestDay:
		return 1
	case KindHoliday:
		return 2
	}
	return 0
}

// isoWeek names the ISO week of a date, e.g. "2025-W01".
func isoWeek(date string) string {
	d, _ := time.Parse(scheduler.DateLayout, date)
	y, w := d.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

func hoursF(d time.Duration) float64 { return d.Hours() }
func hours(d time.Duration) float64  { return round2(d.Hours()) }
func round2(h float64) float64       { return math.Round(h*100) / 100 }
