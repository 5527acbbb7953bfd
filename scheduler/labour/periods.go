package labour

import (
	"time"

	"catruc/scheduler"
)

// A period function returns the calendar period of loc that contains t, as
// the half-open range [start, end).
type periodFunc func(t time.Time, loc *time.Location) (start, end time.Time)

// midnight returns the first instant of the date y-m-d in loc (the month
// and day may be out of range, as for time.Date). Where a clock change
// skips midnight (America/Santiago in September: 23:59 → 01:00), time.Date
// gives an instant of the day before; the day starts when the change
// happens instead. scheduler.DayStart has that flaw, hence this function.
func midnight(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		if ty, tm, td := t.Date(); ty != y || tm != m || td != d {
			// Normalised back into the previous day: the day starts at the
			// end of the zone period that instant belongs to.
			if _, end := t.ZoneBounds(); !end.IsZero() {
				t = end
			}
		}
	}
	return t
}

func dayOf(t time.Time, loc *time.Location) (time.Time, time.Time) {
	y, m, d := t.In(loc).Date()
	return midnight(y, m, d, loc), midnight(y, m, d+1, loc)
}

// weekOf is the ISO week: Monday 00:00 to the next Monday 00:00.
func weekOf(t time.Time, loc *time.Location) (time.Time, time.Time) {
	t = t.In(loc)
	y, m, d := t.Date()
	d -= scheduler.ISOWeekday(t) - 1
	return midnight(y, m, d, loc), midnight(y, m, d+7, loc)
}

func monthOf(t time.Time, loc *time.Location) (time.Time, time.Time) {
	y, m, _ := t.In(loc).Date()
	return midnight(y, m, 1, loc), midnight(y, m+1, 1, loc)
}

func yearOf(t time.Time, loc *time.Location) (time.Time, time.Time) {
	y := t.In(loc).Year()
	return midnight(y, 1, 1, loc), midnight(y+1, 1, 1, loc)
}

// splitter cuts intervals at the boundaries of one kind of period, caching
// the current period because consecutive pieces mostly fall in it.
type splitter struct {
	loc        *time.Location
	period     periodFunc
	start, end time.Time // the cached period; zero before the first call
}

func (s *splitter) bounds(t time.Time) (time.Time, time.Time) {
	if !s.end.IsZero() && !t.Before(s.start) && t.Before(s.end) {
		return s.start, s.end
	}
	ps, pe := s.period(t, s.loc)
	// A zone whose midnight does not exist may give a period that does not
	// quite contain t; never let that stall the walk.
	if ps.After(t) {
		ps = t
	}
	if !pe.After(t) {
		pe = t.Add(time.Minute)
	}
	s.start, s.end = ps, pe
	return ps, pe
}

// split calls fn for each piece [a, b) of [from, to) that lies in one period
// [ps, pe), in order. An empty interval gives one empty piece, so that what
// it stands for is still attributed to a period.
func (s *splitter) split(from, to time.Time, fn func(ps, pe, a, b time.Time)) {
	t := from
	for {
		ps, pe := s.bounds(t)
		b := to
		if pe.Before(b) {
			b = pe
		}
		fn(ps, pe, t, b)
		if !b.Before(to) {
			return
		}
		t = b
	}
}

// LoadWindow returns the range [start, end) of shifts that Check needs to
// judge every period overlapping [from, to) completely: overtime_year counts
// the overtime of whole ISO weeks from the week holding 1 January of from's
// year to the week holding 31 December of the year of to's last instant,
// and three more days on each side let the rest before the first shift
// (at most 48 h by Validate) and a stretch of duty crossing the edge be seen.
// Load the shifts that overlap the returned range.
func LoadWindow(from, to time.Time, loc *time.Location) (time.Time, time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	last := from
	if to.After(from) {
		last = to.Add(-time.Nanosecond)
	}
	ys, _ := yearOf(from, loc)
	_, ye := yearOf(last, loc)
	start, _ := weekOf(ys, loc)
	_, end := weekOf(ye.Add(-time.Nanosecond), loc)
	const margin = 3 * 24 * time.Hour
	return start.Add(-margin), end.Add(margin)
}
