package planner

import (
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/solver"
)

// requests turns the guard's wishes into weighted off-requests, one per
// (day, type) it may work, the weights summed:
//   - requested time off: wRequestedOff per shift overlapping it;
//   - "avoid" stretches: wAvoid per shift overlapping one;
//   - "prefer" stretches: on a day that has some, wPrefer per shift not
//     inside one (a guard who prefers mornings still works, but mornings);
//   - last Tết: whoever worked a day of it pays wTet on this Tết's shifts, so
//     that others come first;
//   - weekends and holidays are spread by history: a weekend shift costs
//     wWeekendPerDay × (1 + the guard's weekend days of the 8 weeks before the
//     window), a holiday shift wHolidayPerDay × (1 + holiday days of the 400
//     days before) — who did more is asked less.
func (su *setup) requests(g *scheduler.Guard, mem *solver.Member, un []bool) {
	S := len(su.types)
	past := su.startDays(su.record[g.ID])
	weekends, holidays := su.history(past)
	tetBefore := su.workedLastTet(past)
	for d := 0; d < su.D(); d++ {
		date := su.dateKey(su.days[d])
		wd := scheduler.ISOWeekday(su.days[d].In(su.loc))
		hol := holiday.Contains(su.in.Holidays, date)
		tet := su.isTet(date)
		for t := range su.types {
			if mem.MaxShifts[t] == 0 || un[d*S+t] {
				continue
			}
			sp := su.inst[d][t]
			w := 0
			for _, o := range su.requested[g.ID] {
				if o.Start.Before(sp.e) && sp.s.Before(o.End) {
					w += wRequestedOff
					break
				}
			}
			w += su.prefCost(g.ID, d, sp)
			if tet && tetBefore {
				w += wTet
			}
			if wd >= 6 {
				w += wWeekendPerDay * (1 + weekends)
			}
			if hol {
				w += wHolidayPerDay * (1 + holidays)
			}
			if w > 0 {
				mem.OffRequests = append(mem.OffRequests, solver.Request{Day: d, Shift: t, Weight: w})
			}
		}
	}
}

// prefCost is the cost of the guard's preferences for a shift sp on day d.
func (su *setup) prefCost(gid int64, d int, sp span) int {
	p, ok := su.prefs[gid]
	if !ok {
		return 0
	}
	w := 0
	if su.avoids(p, sp) {
		w += wAvoid
	}
	if in, any := su.inPrefer(p, d, sp); any && !in {
		w += wPrefer
	}
	return w
}

// stretches are the instants of pw on day d (and the day before, for a
// stretch crossing midnight).
func (su *setup) stretch(pw scheduler.PrefWindow, day time.Time) (span, bool) {
	if len(pw.Days) > 0 && !slices.Contains(pw.Days, scheduler.ISOWeekday(day.In(su.loc))) {
		return span{}, false
	}
	s, err1 := scheduler.ParseClock(pw.Start)
	e, err2 := scheduler.ParseClock(pw.End)
	if err1 != nil || err2 != nil {
		return span{}, false
	}
	if e <= s {
		e += 24 * 60
	}
	t := day.In(su.loc)
	return span{time.Date(t.Year(), t.Month(), t.Day(), 0, s, 0, 0, su.loc), time.Date(t.Year(), t.Month(), t.Day(), 0, e, 0, 0, su.loc)}, true
}

// avoids reports whether sp overlaps one of the guard's "avoid" stretches
// (of its own day or of the day before, crossing midnight).
func (su *setup) avoids(p scheduler.Preferences, sp span) bool {
	for _, pw := range p.Avoid {
		for _, day := range su.aroundDays(sp) {
			if st, ok := su.stretch(pw, day); ok && overlap(st, sp) > 0 {
				return true
			}
		}
	}
	return false
}

// inPrefer reports whether sp lies inside one of the guard's "prefer"
// stretches, and whether its day has any.
func (su *setup) inPrefer(p scheduler.Preferences, d int, sp span) (in, any bool) {
	for _, pw := range p.Prefer {
		for _, day := range su.aroundDays(sp) {
			st, ok := su.stretch(pw, day)
			if !ok {
				continue
			}
			if day.Equal(su.days[d]) {
				any = true
			}
			if !sp.s.Before(st.s) && !sp.e.After(st.e) {
				in = true
			}
		}
	}
	return in, any
}

// aroundDays are the office midnights of sp's start day and the day before.
func (su *setup) aroundDays(sp span) []time.Time {
	d := scheduler.DayStart(sp.s, su.loc)
	t := d.In(su.loc)
	return []time.Time{scheduler.DateStart(t.Year(), t.Month(), t.Day()-1, su.loc), d}
}

// history counts the guard's weekend days of the 8 weeks and holiday days of
// the 400 days before the window (by the days its shifts start).
func (su *setup) history(past map[string]bool) (weekends, holidays int) {
	from := su.days[0]
	w8 := su.dateKey(from.AddDate(0, 0, -56))
	y := su.dateKey(from.AddDate(0, 0, -400))
	start := su.dateKey(from)
	for _, k := range sortedKeys(past) {
		if k >= start {
			continue
		}
		if k >= w8 {
			if t, err := time.ParseInLocation(scheduler.DateLayout, k, su.loc); err == nil && scheduler.ISOWeekday(t) >= 6 {
				weekends++
			}
		}
		if k >= y && holiday.Contains(su.in.Holidays, k) {
			holidays++
		}
	}
	return weekends, holidays
}

// isTet reports whether date is a Tết holiday.
func (su *setup) isTet(date string) bool {
	for _, h := range su.in.Holidays {
		if h.Date == date && h.Kind == holiday.KindTet {
			return true
		}
	}
	return false
}

// workedLastTet reports whether the guard worked a day of the last Tết
// before the window (the Tết days within 30 days of the latest one).
func (su *setup) workedLastTet(past map[string]bool) bool {
	start := su.dateKey(su.days[0])
	latest := ""
	for _, h := range su.in.Holidays {
		if h.Kind == holiday.KindTet && h.Date < start && h.Date > latest {
			latest = h.Date
		}
	}
	if latest == "" {
		return false
	}
	lt, err := time.Parse(scheduler.DateLayout, latest)
	if err != nil {
		return false
	}
	edge := lt.AddDate(0, 0, -30).Format(scheduler.DateLayout)
	for _, h := range su.in.Holidays {
		if h.Kind == holiday.KindTet && h.Date <= latest && h.Date >= edge && past[h.Date] {
			return true
		}
	}
	return false
}
