package planner

import (
	"strconv"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/solver"
)

// Weights of the objective. An uncovered hour dominates everything; an
// overstaffed hour is nearly as bad; then requested time off, then the
// guards' wishes and the fair share of hours.
const (
	wUnderHour     = 10000 // per person-hour short
	wOverHour      = 5000  // per person-hour over
	wRequestedOff  = 3000  // per shift inside requested (not yet approved) time off
	wTet           = 300   // per Tết shift of a guard who worked last Tết
	wAvoid         = 40    // per shift overlapping an "avoid" stretch
	wPrefer        = 20    // per shift outside the "prefer" stretches of its day
	wWeekendPerDay = 3     // per weekend shift, times 1 + the guard's weekend days of the last 8 weeks
	wHolidayPerDay = 5     // per holiday shift, times 1 + the guard's holiday days of the last 400 days
	fairWeight     = 10    // per hour away from the fair share
)

// model is the solver model of a plan and what maps it back.
type model struct {
	m       *solver.Model
	need    [][]int
	checked []bool // per member: the labour rules apply to the guard
	unavail [][]bool
}

// buildModel makes the solver model; caps adds the fairness caps (nights).
func (su *setup) buildModel(need [][]int, caps bool) *model {
	D, S := su.D(), len(su.types)
	m := &solver.Model{Days: D, FirstWeekday: scheduler.ISOWeekday(su.days[0].In(su.loc)) - 1}
	for _, ty := range su.types {
		m.Shifts = append(m.Shifts, solver.ShiftType{ID: strconv.FormatInt(ty.post.ID, 10) + "/" + ty.tpl.Name, Minutes: ty.minutes})
	}
	m.Forbidden = su.forbidden()
	m.Cover = make([][]solver.Cover, D)
	for d := range m.Cover {
		m.Cover[d] = make([]solver.Cover, S)
		for t, ty := range su.types {
			if need[d][t] > 0 {
				m.Cover[d][t] = solver.Cover{Requirement: need[d][t], Under: wUnderHour * ty.minutes / 60, Over: wOverHour * ty.minutes / 60}
			} else {
				m.Cover[d][t] = solver.Cover{Over: wOverHour * ty.minutes / 60}
			}
		}
	}
	md := &model{m: m, need: need}
	for _, g := range su.guards {
		mem, un := su.member(g)
		m.Staff = append(m.Staff, mem)
		md.checked = append(md.checked, su.checks(g))
		md.unavail = append(md.unavail, un)
	}
	targets := su.targets(md)
	nightCap := su.nightCaps(md)
	for e := range m.Staff {
		m.Staff[e].TargetMinutes = targets[e]
		if caps && nightCap[e] >= 0 {
			if nights := su.nightTypes(md, e); len(nights) > 0 {
				m.Staff[e].Groups = append(m.Staff[e].Groups, solver.GroupLimit{Types: nights, Max: nightCap[e]})
			}
		}
	}
	return md
}

// checks reports whether the labour rules bind guard g (police officers
// only when the office checks them).
func (su *setup) checks(g *scheduler.Guard) bool {
	return g.Unit != scheduler.UnitPolice || su.rules.CheckPolice
}

// forbidden: type b may not follow type a the next day when the rest between
// them is shorter than MinRestHours (or they touch), or when together they
// pass MaxDailyHours in the day between — on any day of the window.
func (su *setup) forbidden() [][]bool {
	S := len(su.types)
	f := make([][]bool, S)
	rest := hoursDur(su.rules.MinRestHours)
	daily := hoursDur(su.rules.MaxDailyHours)
	for a := range f {
		f[a] = make([]bool, S)
		for b := range f[a] {
			for d := 0; d+1 < su.D() && !f[a][b]; d++ {
				x, y := su.inst[d][a], su.inst[d+1][b]
				if y.s.Sub(x.e) < max(rest, time.Nanosecond) {
					f[a][b] = true
				}
				day := span{su.days[d+1], su.days[d+2]}
				if daily > 0 && overlap(x, day)+overlap(y, day) > daily {
					f[a][b] = true
				}
			}
		}
	}
	return f
}

func hoursDur(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// overlap is how long a and b share.
func overlap(a, b span) time.Duration {
	s, e := a.s, a.e
	if b.s.After(s) {
		s = b.s
	}
	if b.e.Before(e) {
		e = b.e
	}
	if e.After(s) {
		return e.Sub(s)
	}
	return 0
}

// member is guard g as a solver member; un[d*S+t] marks the instances the
// guard may not work.
func (su *setup) member(g *scheduler.Guard) (solver.Member, []bool) {
	D, S := su.D(), len(su.types)
	mem := solver.Member{ID: strconv.FormatInt(g.ID, 10), MaxShifts: make([]int, S), MaxMinutes: D * 24 * 60,
		MaxWeekends: -1, FairWeight: fairWeight}
	un := make([]bool, D*S)
	checked := su.checks(g)
	for t, ty := range su.types {
		if allowed(g, ty.post) && (!checked || su.lawfulLength(ty)) {
			mem.MaxShifts[t] = D
		}
	}
	busy := worked(su.record[g.ID])
	for d := 0; d < D; d++ {
		for t := range su.types {
			if mem.MaxShifts[t] == 0 {
				continue
			}
			if (su.types[t].lead && d > 0) || su.blocked(g, busy, su.inst[d][t], checked) {
				un[d*S+t] = true
				mem.Unavailable = append(mem.Unavailable, solver.DayShift{Day: d, Shift: t})
			}
		}
	}
	if checked {
		mem.Windows = su.weekWindows(g, busy, &mem, un)
	}
	su.requests(g, &mem, un)
	return mem, un
}

// lawfulLength: a template no longer than a shift and a day may be.
func (su *setup) lawfulLength(ty stype) bool {
	m := time.Duration(ty.minutes) * time.Minute
	if su.rules.MaxShiftHours > 0 && m > hoursDur(su.rules.MaxShiftHours) {
		return false
	}
	return true
}

// blocked reports whether the guard may not work instance sp whatever the
// plan does: approved time off, a shift outside the plan that overlaps it,
// is too close (rest) or shares a day too full with it.
func (su *setup) blocked(g *scheduler.Guard, busy []span, sp span, checked bool) bool {
	for _, o := range su.approved[g.ID] {
		if o.Start.Before(sp.e) && sp.s.Before(o.End) {
			return true
		}
	}
	gap := time.Duration(0)
	if checked {
		gap = max(hoursDur(su.rules.MinRestHours), time.Nanosecond)
	}
	for _, b := range busy {
		if b.s.Before(sp.e.Add(gap)) && sp.s.Add(-gap).Before(b.e) {
			return true
		}
	}
	if !checked || su.rules.MaxDailyHours <= 0 {
		return false
	}
	daily := hoursDur(su.rules.MaxDailyHours)
	for _, day := range su.daysOf(sp) {
		sum := overlap(sp, day)
		for _, b := range busy {
			sum += overlap(b, day)
		}
		if sum > daily {
			return true
		}
	}
	return false
}

// daysOf are the calendar days (office zone) sp touches.
func (su *setup) daysOf(sp span) []span {
	var out []span
	for d := scheduler.DayStart(sp.s, su.loc); d.Before(sp.e); {
		t := d.In(su.loc)
		next := scheduler.DateStart(t.Year(), t.Month(), t.Day()+1, su.loc)
		out = append(out, span{d, next})
		d = next
	}
	return out
}
