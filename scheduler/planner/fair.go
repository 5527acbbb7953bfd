package planner

import (
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/solver"
)

// canWork reports whether member e may work type t on day d.
func (md *model) canWork(e, d, t int) bool {
	S := len(md.m.Shifts)
	return md.m.Staff[e].MaxShifts[t] > 0 && !md.unavail[e][d*S+t]
}

// targets are the fair shares of the minutes to plan: each post's minutes
// shared among the guards allowed at it in proportion to the days they are
// free to work it.
func (su *setup) targets(md *model) []int {
	out := make([]float64, len(su.guards))
	for _, p := range su.in.Posts {
		total := 0
		avail := make([]int, len(su.guards))
		sum := 0
		for d := 0; d < su.D(); d++ {
			for t, ty := range su.types {
				if ty.post.ID != p.ID {
					continue
				}
				total += md.need[d][t] * ty.minutes
			}
			for e := range su.guards {
				for t, ty := range su.types {
					if ty.post.ID == p.ID && md.canWork(e, d, t) {
						avail[e]++
						sum++
						break
					}
				}
			}
		}
		if sum == 0 {
			continue
		}
		for e := range out {
			out[e] += float64(total) * float64(avail[e]) / float64(sum)
		}
	}
	res := make([]int, len(out))
	for e, v := range out {
		res[e] = int(v + 0.5)
	}
	return res
}

// nightTypes are the night types guard e may work.
func (su *setup) nightTypes(md *model, e int) []int {
	var out []int
	for t, ty := range su.types {
		if ty.night && md.m.Staff[e].MaxShifts[t] > 0 {
			out = append(out, t)
		}
	}
	return out
}

// nightCaps bound each guard's nights: the nights to plan shared evenly
// among the guards who can work nights (rounded up), lowered to the guard's
// wish of max_nights_per_month over the window's length; -1 for no cap.
func (su *setup) nightCaps(md *model) []int {
	out := make([]int, len(su.guards))
	total, n := 0, 0
	for d := 0; d < su.D(); d++ {
		for t, ty := range su.types {
			if ty.night {
				total += md.need[d][t]
			}
		}
	}
	for e := range su.guards {
		out[e] = -1
		if len(su.nightTypes(md, e)) > 0 {
			n++
		}
	}
	if total == 0 || n == 0 {
		return out
	}
	fair := (total + n - 1) / n
	for e, g := range su.guards {
		if len(su.nightTypes(md, e)) == 0 {
			continue
		}
		out[e] = fair
		if w := su.prefs[g.ID].MaxNightsPerMonth; w > 0 {
			out[e] = min(fair, (w*su.D()+29)/30)
		}
	}
	return out
}

// weekWindows bound each ISO week the window touches: at most MaxWeeklyHours
// less what the guard works that week outside the plan, and a day off (the
// weekly rest) unless the part of the week before the window already holds
// one. A week already full makes all its days unavailable.
func (su *setup) weekWindows(g *scheduler.Guard, busy []span, mem *solver.Member, un []bool) []solver.Window {
	var out []solver.Window
	S := len(su.types)
	first := su.days[0].In(su.loc)
	ws := scheduler.DateStart(first.Year(), first.Month(), first.Day()-(scheduler.ISOWeekday(first)-1), su.loc)
	for a := -(scheduler.ISOWeekday(first) - 1); a < su.D(); a += 7 {
		t := ws.In(su.loc)
		we := scheduler.DateStart(t.Year(), t.Month(), t.Day()+7, su.loc)
		outside := time.Duration(0)
		for _, b := range busy {
			outside += overlap(b, span{ws, we})
		}
		w := solver.Window{From: a, To: a + 7}
		if su.rules.MaxWeeklyHours > 0 {
			left := hoursDur(su.rules.MaxWeeklyHours) - outside
			if left <= 0 {
				for d := max(a, 0); d < min(a+7, su.D()); d++ {
					for t := range su.types {
						if mem.MaxShifts[t] > 0 && !un[d*S+t] {
							un[d*S+t] = true
							mem.Unavailable = append(mem.Unavailable, solver.DayShift{Day: d, Shift: t})
						}
					}
				}
				ws = we
				continue
			}
			w.MaxMinutes = int(left / time.Minute)
		}
		inside := min(a+7, su.D()) - max(a, 0)
		if su.rules.MinWeeklyRestHours > 0 && inside >= 2 && !su.restBefore(busy, ws) {
			w.MinOff = 1
		}
		if w.MaxMinutes > 0 || w.MinOff > 0 {
			out = append(out, w)
		}
		ws = we
	}
	return out
}

// restBefore reports whether the part of the week from ws to the window's
// start already holds the weekly rest.
func (su *setup) restBefore(busy []span, ws time.Time) bool {
	from := su.days[0]
	if !ws.Before(from) {
		return false
	}
	need := hoursDur(su.rules.MinWeeklyRestHours)
	cur := ws
	for _, b := range busy {
		if !b.e.After(ws) || !b.s.Before(from) {
			continue
		}
		if b.s.Sub(cur) >= need {
			return true
		}
		if b.e.After(cur) {
			cur = b.e
		}
	}
	// The rest running into the window is not enough by itself: the plan may
	// start a shift at once; only a stretch wholly before it counts.
	return false
}

// dateKey is the office date of t.
func (su *setup) dateKey(t time.Time) string { return t.In(su.loc).Format(scheduler.DateLayout) }

// startDays are the office dates on which the guard's shifts start.
func (su *setup) startDays(shifts []*scheduler.Shift) map[string]bool {
	out := map[string]bool{}
	for _, s := range shifts {
		if s.GuardID != nil && len(s.Worked()) > 0 {
			out[su.dateKey(s.Start)] = true
		}
	}
	return out
}

// sortedKeys lists a set's keys in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
