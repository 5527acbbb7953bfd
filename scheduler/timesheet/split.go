package timesheet

import (
	"time"

	"catruc/scheduler"
)

// worked returns the stretches of shift s its guard worked: from the
// check-in to the check-out where they are recorded (the scheduled start or
// end standing in for a missing one), otherwise the scheduled hours; minus
// approved absences in both cases. Open and cancelled shifts have none.
func worked(s *scheduler.Shift) []scheduler.Interval {
	if s == nil || s.GuardID == nil || s.Status == scheduler.ShiftCancelled {
		return nil
	}
	if s.CheckInAt == nil && s.CheckOutAt == nil {
		return s.Worked()
	}
	start, end := s.Start, s.End
	if s.CheckInAt != nil {
		start = *s.CheckInAt
	}
	if s.CheckOutAt != nil {
		end = *s.CheckOutAt
	}
	if !end.After(start) {
		return nil
	}
	out := []scheduler.Interval{{Start: start, End: end}}
	for _, a := range s.Absences {
		out = subtract(out, a.Start, a.End)
	}
	return out
}

// subtract removes [a, b) from the intervals.
func subtract(in []scheduler.Interval, a, b time.Time) []scheduler.Interval {
	var out []scheduler.Interval
	for _, iv := range in {
		if !b.After(iv.Start) || !iv.End.After(a) {
			out = append(out, iv)
			continue
		}
		if a.After(iv.Start) {
			out = append(out, scheduler.Interval{Start: iv.Start, End: a})
		}
		if iv.End.After(b) {
			out = append(out, scheduler.Interval{Start: b, End: iv.End})
		}
	}
	return out
}

// segment is a stretch of work inside one civil day of the office zone,
// wholly inside or wholly outside the night window.
type segment struct {
	start, end time.Time
	date       string // YYYY-MM-DD in the office zone
	night      bool
}

// clock is the night window as minutes after midnight.
type clock struct {
	loc                  *time.Location
	nightStart, nightEnd int
}

// parseHM reads "HH:MM" as minutes after midnight.
func parseHM(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// night reports whether the instant t lies in the night window.
func (c clock) night(t time.Time) bool {
	lt := t.In(c.loc)
	m := lt.Hour()*60 + lt.Minute()
	if c.nightStart > c.nightEnd {
		return m >= c.nightStart || m < c.nightEnd
	}
	return m >= c.nightStart && m < c.nightEnd
}

// nextCut is the first instant after t where a day or the night window
// begins or ends.
func (c clock) nextCut(t time.Time) time.Time {
	lt := t.In(c.loc)
	y, m, d := lt.Date()
	best := time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)
	for _, min := range []int{c.nightStart, c.nightEnd} {
		if x := time.Date(y, m, d, 0, min, 0, 0, c.loc); x.After(t) && x.Before(best) {
			best = x
		}
	}
	return best
}

// split cuts the interval at midnight and at the night window's ends.
func (c clock) split(iv scheduler.Interval) []segment {
	var out []segment
	for t := iv.Start; t.Before(iv.End); {
		e := c.nextCut(t)
		if e.After(iv.End) {
			e = iv.End
		}
		out = append(out, segment{start: t, end: e, date: t.In(c.loc).Format(scheduler.DateLayout), night: c.night(t)})
		t = e
	}
	return out
}
