package timesheet

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
)

// Store is what the timesheet reads; store.Store implements it.
type Store interface {
	FindGuards(ctx context.Context, f scheduler.GuardFilter) ([]*scheduler.Guard, error)
	FindShifts(ctx context.Context, f scheduler.ShiftFilter) ([]*scheduler.Shift, error)
	FindTimeOff(ctx context.Context, f scheduler.TimeOffFilter) ([]*scheduler.TimeOff, error)
	Holidays(ctx context.Context, year int) ([]holiday.Holiday, error)
	Rules(ctx context.Context) (labour.Rules, error)
	PaySettings(ctx context.Context) (Pay, error)
	Location() *time.Location
}

// PayStore keeps the pay settings.
type PayStore interface {
	PaySettings(ctx context.Context) (Pay, error)
	// SetPaySettings validates and stores them (EINVALID naming the field).
	SetPaySettings(ctx context.Context, p Pay) (Pay, error)
}

// ParseMonth reads "YYYY-MM"; EINVALID (field month) otherwise or outside
// the years the holidays are known for.
func ParseMonth(s string) (int, time.Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, 0, scheduler.E(scheduler.EINVALID, "month", "timesheet.bad_month", "value", s)
	}
	if t.Year() <= holiday.FirstYear || t.Year() > holiday.LastYear {
		return 0, 0, scheduler.E(scheduler.EINVALID, "month", "timesheet.month_range",
			"min", holiday.FirstYear+1, "max", holiday.LastYear)
	}
	return t.Year(), t.Month(), nil
}

// Load reads what the month needs and computes its timesheet; guardID,
// when given, keeps that guard alone (ENOTFOUND if there is none).
func Load(ctx context.Context, st Store, year int, month time.Month, guardID *int64) (Sheet, error) {
	loc := st.Location()
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{ID: guardID})
	if err != nil {
		return Sheet{}, err
	}
	if guardID != nil && len(guards) == 0 {
		return Sheet{}, scheduler.NotFound("guard", *guardID)
	}
	from, to := Window(year, month, loc)
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: guardID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return Sheet{}, err
	}
	off, err := st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: guardID, Status: scheduler.TimeOffApproved, From: &from, To: &to})
	if err != nil {
		return Sheet{}, err
	}
	days := map[string]bool{}
	for y := from.Year(); y <= year; y++ {
		hs, err := st.Holidays(ctx, y)
		if err != nil {
			return Sheet{}, err
		}
		for _, h := range hs {
			days[h.Date] = true
		}
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return Sheet{}, err
	}
	pay, err := st.PaySettings(ctx)
	if err != nil {
		return Sheet{}, err
	}
	return Compute(Input{Year: year, Month: month, Loc: loc, Guards: guards, Shifts: clip(shifts, from, to),
		TimeOff: off, Holidays: days, Pay: pay, NightStart: rules.NightStart, NightEnd: rules.NightEnd,
		WeeklyHours: rules.MaxWeeklyHours})
}

// clip cuts the shifts to [from, to), so that a shift running past the
// month's end counts only its part in the month (copies; the store's stay).
func clip(shifts []*scheduler.Shift, from, to time.Time) []*scheduler.Shift {
	out := make([]*scheduler.Shift, 0, len(shifts))
	for _, s := range shifts {
		c := *s
		if c.Start.Before(from) {
			c.Start = from
		}
		if c.End.After(to) {
			c.End = to
		}
		if c.CheckInAt != nil && c.CheckInAt.Before(from) {
			t := from
			c.CheckInAt = &t
		}
		if c.CheckOutAt != nil && c.CheckOutAt.After(to) {
			t := to
			c.CheckOutAt = &t
		}
		out = append(out, &c)
	}
	return out
}
