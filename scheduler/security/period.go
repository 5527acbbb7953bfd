package security

import (
	"fmt"
	"time"

	"catruc/scheduler"
)

// MaxDays bounds the period of a report (a year and a month's slack).
const MaxDays = 400

// LastHalfYear is the last full half-year before now (in loc): 1 January to
// 1 July of this year when now is in the second half, else 1 July to
// 1 January of last year. The end is exclusive.
func LastHalfYear(now time.Time, loc *time.Location) (time.Time, time.Time) {
	now = now.In(loc)
	y := now.Year()
	if now.Month() >= time.July {
		return scheduler.DateStart(y, time.January, 1, loc), scheduler.DateStart(y, time.July, 1, loc)
	}
	return scheduler.DateStart(y-1, time.July, 1, loc), scheduler.DateStart(y, time.January, 1, loc)
}

// Period settles the report's period [from, to) from what was asked: with
// neither, the last full half-year; with one, six months from or to it. It
// refuses to before from and a period over MaxDays (on "to").
func Period(from, to *time.Time, now time.Time, loc *time.Location) (time.Time, time.Time, error) {
	var f, t time.Time
	switch {
	case from == nil && to == nil:
		f, t = LastHalfYear(now, loc)
	case to == nil:
		f = *from
		t = f.In(loc).AddDate(0, 6, 0)
	case from == nil:
		t = *to
		f = t.In(loc).AddDate(0, -6, 0)
	default:
		f, t = *from, *to
	}
	if !t.After(f) {
		return f, t, scheduler.E(scheduler.EINVALID, "to", "api.to_before_from")
	}
	if t.Sub(f) > MaxDays*24*time.Hour {
		return f, t, scheduler.E(scheduler.EINVALID, "to", "api.window_too_long", "days", MaxDays)
	}
	return f.In(loc), t.In(loc), nil
}

// PeriodVI names the period as the report's title does: "6 tháng đầu năm
// 2026", "6 tháng cuối năm 2025", "năm 2025", or "từ ngày 05/01/2026 đến
// ngày 20/03/2026" (the last day included).
func PeriodVI(from, to time.Time, loc *time.Location) string {
	f, t := from.In(loc), to.In(loc)
	midnight := func(x time.Time) bool { return x.Equal(scheduler.DayStart(x, loc)) }
	if midnight(f) && midnight(t) && f.Day() == 1 && t.Day() == 1 {
		switch {
		case f.Month() == time.January && t.Year() == f.Year() && t.Month() == time.July:
			return fmt.Sprintf("6 tháng đầu năm %d", f.Year())
		case f.Month() == time.July && t.Year() == f.Year()+1 && t.Month() == time.January:
			return fmt.Sprintf("6 tháng cuối năm %d", f.Year())
		case f.Month() == time.January && t.Year() == f.Year()+1 && t.Month() == time.January:
			return fmt.Sprintf("năm %d", f.Year())
		}
	}
	last := t.Add(-time.Nanosecond)
	return fmt.Sprintf("từ ngày %s đến ngày %s", f.Format("02/01/2006"), last.Format("02/01/2006"))
}
