package labour

import (
	"testing"
	"time"
)

// Ensure the day, ISO week, month and year holding an instant start at the
// first instant of their first local date and end at the first instant of
// the next period's, for every half hour of 2026 in zones with clock
// changes at 02:00 (Berlin), at midnight (Santiago, Havana), by 30 minutes
// (Lord Howe) and none (Ho Chi Minh City).
func TestPeriodsBruteForce(t *testing.T) {
	type date struct {
		y int
		m time.Month
		d int
	}
	dateOf := func(t time.Time, loc *time.Location) date {
		y, m, d := t.In(loc).Date()
		return date{y, m, d}
	}
	// add works on dates alone, in UTC, knowing nothing of zones.
	add := func(d date, years, months, days int) date {
		y, m, dd := time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC).AddDate(years, months, days).Date()
		return date{y, m, dd}
	}
	periods := []struct {
		name   string
		fn     periodFunc
		bounds func(d date) (first, next date)
	}{
		{"day", dayOf, func(d date) (date, date) { return d, add(d, 0, 0, 1) }},
		{"week", weekOf, func(d date) (date, date) {
			wd := int(time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC).Weekday()+6) % 7
			mon := add(d, 0, 0, -wd)
			return mon, add(mon, 0, 0, 7)
		}},
		{"month", monthOf, func(d date) (date, date) { f := date{d.y, d.m, 1}; return f, add(f, 0, 1, 0) }},
		{"year", yearOf, func(d date) (date, date) { f := date{d.y, 1, 1}; return f, date{d.y + 1, 1, 1} }},
	}
	for _, zone := range []string{"Europe/Berlin", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "Asia/Ho_Chi_Minh"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustLoc(t, zone)
			// firstOf reports whether x is the first instant of its local date.
			firstOf := func(x time.Time, want date) bool {
				return dateOf(x, loc) == want && dateOf(x.Add(-time.Nanosecond), loc) != want
			}
			for _, p := range periods {
				failures := 0
				for x := at(t, loc, "2026-01-01 00:00"); x.Year() < 2027 && failures < 5; x = x.Add(30 * time.Minute) {
					first, next := p.bounds(dateOf(x, loc))
					ps, pe := p.fn(x, loc)
					if !firstOf(ps, first) || !firstOf(pe, next) || x.Before(ps) || !x.Before(pe) {
						failures++
						t.Errorf("%s of %v: got [%v, %v), want from the first instant of %v to that of %v", p.name, x, ps, pe, first, next)
					}
				}
			}
		})
	}
}
