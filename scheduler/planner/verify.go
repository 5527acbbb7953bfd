package planner

import (
	"cmp"
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/solver"
)

// shiftOf is the planned shift of member e on day d for type t; planned
// shifts carry negative ids so that violations can name them.
func (su *setup) shiftOf(e, d, t int) *scheduler.Shift {
	gid := su.guards[e].ID
	sp := su.inst[d][t]
	return &scheduler.Shift{ID: -int64(1 + e*su.D() + d), PostID: su.types[t].post.ID, GuardID: &gid,
		Start: sp.s, End: sp.e, Status: scheduler.ShiftScheduled, Absences: []scheduler.Absence{}}
}

// plannedOf lists member e's planned shifts.
func (su *setup) plannedOf(o *outcome, e int) []*scheduler.Shift {
	var out []*scheduler.Shift
	for d, t := range o.roster[e] {
		if t != solver.Off {
			out = append(out, su.shiftOf(e, d, t))
		}
	}
	return out
}

// labourInput is the checker's input for one guard's record plus extra shifts.
func (su *setup) labourInput(g *scheduler.Guard, extra []*scheduler.Shift) labour.Input {
	shifts := append(slices.Clone(su.record[g.ID]), extra...)
	return labour.Input{Rules: su.rules, Loc: su.loc, From: su.days[0], To: su.days[su.D()].Add(24 * time.Hour),
		Guards: []*scheduler.Guard{g}, Shifts: shifts}
}

type vkey struct {
	rule       string
	start, end int64
}

// added are the violations the planned shifts add to the guard's record:
// new ones, or the same rule over the same period with a worse value.
func (su *setup) added(g *scheduler.Guard, planned []*scheduler.Shift, before map[vkey]float64) []scheduler.Violation {
	var out []scheduler.Violation
	for _, v := range labour.Check(su.labourInput(g, planned)) {
		was, ok := before[vkey{v.Rule, v.Start.UnixNano(), v.End.UnixNano()}]
		if ok && !worse(v.Rule, v.Value, was) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// baseline are the guard's violations without the plan.
func (su *setup) baseline(g *scheduler.Guard) map[vkey]float64 {
	out := map[vkey]float64{}
	for _, v := range labour.Check(su.labourInput(g, nil)) {
		out[vkey{v.Rule, v.Start.UnixNano(), v.End.UnixNano()}] = v.Value
	}
	return out
}

func worse(rule string, value, was float64) bool {
	const eps = 1e-9
	if rule == labour.RuleRestBetweenShifts || rule == labour.RuleWeeklyRest {
		return value < was-eps
	}
	return value > was+eps
}

// verify runs the labour checker over each guard's whole record with the
// plan and drops planned shifts until the plan adds no violation: for each
// violation added, the latest planned shift it names (or, naming none, the
// latest planned shift inside its period). This is the guarantee that no
// planned shift is unlawful, whatever the core's approximations missed.
func (su *setup) verify(o *outcome) {
	for e, g := range su.guards {
		if !o.md.checked[e] {
			continue
		}
		before := su.baseline(g)
		for {
			planned := su.plannedOf(o, e)
			if len(planned) == 0 {
				break
			}
			vs := su.added(g, planned, before)
			if len(vs) == 0 {
				break
			}
			for _, v := range vs {
				if d := su.culprit(o, e, v); d >= 0 {
					o.roster[e][d] = solver.Off
				}
			}
		}
	}
}

// culprit is the day of member e's planned shift to drop for violation v, or
// -1 when it is already dropped.
func (su *setup) culprit(o *outcome, e int, v scheduler.Violation) int {
	best := -1
	for _, id := range v.ShiftIDs {
		if id < 0 {
			d := int(-id-1) - e*su.D()
			if d >= 0 && d < su.D() && o.roster[e][d] != solver.Off {
				best = max(best, d)
			}
		}
	}
	if best >= 0 {
		return best
	}
	for d, t := range o.roster[e] {
		if t != solver.Off && su.inst[d][t].s.Before(v.End) && v.Start.Before(su.inst[d][t].e) {
			best = d
		}
	}
	if best < 0 {
		// The violation names no planned shift and none lies in its period
		// (a weekly total, say): drop the last planned shift of the guard.
		for d, t := range o.roster[e] {
			if t != solver.Off {
				best = d
			}
		}
	}
	return best
}

// staffed counts the planned shifts of each (day, type).
func staffed(o *outcome) [][]int {
	out := make([][]int, len(o.md.need))
	for d := range out {
		out[d] = make([]int, len(o.md.m.Shifts))
	}
	for e := range o.roster {
		for d, t := range o.roster[e] {
			if t != solver.Off {
				out[d][t]++
			}
		}
	}
	return out
}

// repair fills, by hand, every template instance still short with a guard
// who may lawfully take it (labour.CheckShift against the guard's record and
// plan adds nothing), the guard with the fewest planned minutes first; a
// guard takes at most one shift a day, as in the core.
func (su *setup) repair(o *outcome) {
	have := staffed(o)
	minutes := make([]int, len(su.guards))
	for e := range o.roster {
		for _, t := range o.roster[e] {
			if t != solver.Off {
				minutes[e] += su.types[t].minutes
			}
		}
	}
	order := make([]int, len(su.guards))
	for d := range o.md.need {
		for t := range su.types {
			for have[d][t] < o.md.need[d][t] {
				for i := range order {
					order[i] = i
				}
				slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(minutes[a], minutes[b]) })
				taken := false
				for _, e := range order {
					if o.roster[e][d] != solver.Off || !o.md.canWork(e, d, t) || !su.mayTake(o, e, d, t) {
						continue
					}
					o.roster[e][d] = t
					minutes[e] += su.types[t].minutes
					have[d][t]++
					taken = true
					break
				}
				if !taken {
					break
				}
			}
		}
	}
}

// mayTake reports whether member e may take type t on day d on top of the
// record and the plan: no overlap or short rest with a planned shift, and
// nothing the labour checker objects to.
func (su *setup) mayTake(o *outcome, e, d, t int) bool {
	cand := su.shiftOf(e, d, t)
	planned := su.plannedOf(o, e)
	gap := time.Duration(0)
	if o.md.checked[e] {
		gap = max(hoursDur(su.rules.MinRestHours), time.Nanosecond)
	}
	for _, p := range planned {
		if p.Start.Before(cand.End.Add(gap)) && cand.Start.Add(-gap).Before(p.End) {
			return false
		}
	}
	if !o.md.checked[e] {
		return true
	}
	return len(labour.CheckShift(su.labourInput(su.guards[e], planned), cand)) == 0
}

// shortfall is the person-minutes of the template needs the plan leaves unfilled.
func (su *setup) shortfall(o *outcome) int {
	have := staffed(o)
	n := 0
	for d := range o.md.need {
		for t, ty := range su.types {
			if k := o.md.need[d][t] - have[d][t]; k > 0 {
				n += k * ty.minutes
			}
		}
	}
	return n
}
