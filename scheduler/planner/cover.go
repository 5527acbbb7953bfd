package planner

import (
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
)

// profile is a post's headcount still to be placed, piecewise constant over
// consecutive segments.
type profile []coverage.Segment

// requirementProfiles are, per post, the requirement over the window (events
// included) minus the staff already there: kept shifts and shifts outside
// the plan that reach into the window (the night before, say).
func (su *setup) requirementProfiles() map[int64]profile {
	from, to := su.days[0], su.coverEnd
	out := map[int64]profile{}
	for _, p := range su.in.Posts {
		out[p.ID] = profile(coverage.Required(p, su.in.Events, from, to, su.loc))
	}
	for _, s := range su.staffing() {
		for _, w := range s.Worked() {
			pr := out[s.PostID].split(w.Start, w.End)
			pr.add(w.Start, w.End, -1)
			out[s.PostID] = pr
		}
	}
	return out
}

// staffing are the shifts that hold the planned posts without the plan.
func (su *setup) staffing() []*scheduler.Shift {
	var out []*scheduler.Shift
	for _, shifts := range su.record {
		for _, s := range shifts {
			if su.posts[s.PostID] != nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// add changes the headcount over [s, e) by h (splitting segments as needed).
func (pr profile) add(s, e time.Time, h int) {
	for i := range pr {
		g := &pr[i]
		if !g.End.After(s) || !g.Start.Before(e) {
			continue
		}
		if g.Start.Before(s) || g.End.After(e) {
			continue // handled by split below
		}
		g.Headcount += h
	}
}

// split makes s and e segment boundaries, so that add touches whole segments.
func (pr profile) split(s, e time.Time) profile {
	out := make(profile, 0, len(pr)+2)
	for _, g := range pr {
		for _, cut := range []time.Time{s, e} {
			if cut.After(g.Start) && cut.Before(g.End) {
				out = append(out, coverage.Segment{Start: g.Start, End: cut, Headcount: g.Headcount})
				g.Start = cut
			}
		}
		out = append(out, g)
	}
	return out
}

// minMax is the least and the most headcount over [s, e) (clipped to the
// profile); ok is false when they do not meet.
func (pr profile) minMax(s, e time.Time) (lo, hi int, ok bool) {
	for _, g := range pr {
		if !g.End.After(s) || !g.Start.Before(e) {
			continue
		}
		if !ok {
			lo, hi, ok = g.Headcount, g.Headcount, true
			continue
		}
		lo, hi = min(lo, g.Headcount), max(hi, g.Headcount)
	}
	return lo, hi, ok
}

// needs is the headcount each template instance should get: templates tile
// the requirement, first by the least headcount over each instance (so that
// the around-the-clock shifts take the base), then by the most (so that
// every required hour is asked for), each pass taking what earlier instances
// took off.
func (su *setup) needs() [][]int {
	profs := su.requirementProfiles()
	su.addLeads(profs)
	need := make([][]int, su.D())
	for d := range need {
		need[d] = make([]int, len(su.types))
	}
	for pass := 0; pass < 2; pass++ {
		for d := range need {
			for t, ty := range su.types {
				sp := su.inst[d][t]
				pr := profs[ty.post.ID].split(sp.s, sp.e)
				profs[ty.post.ID] = pr
				lo, hi, ok := pr.minMax(sp.s, sp.e)
				n := lo
				if pass == 1 {
					n = hi
				}
				if !ok || n <= 0 {
					continue
				}
				need[d][t] += n
				pr.add(sp.s, sp.e, -n)
			}
		}
	}
	return need
}

// addLeads adds, for each template that crosses midnight, a lead type: the
// part of its instance of the evening before the window that lies inside the
// window (a night shift's 00:00–06:00 on the first day), when the post needs
// someone there that nobody holds — a post planned from its first day, with
// no shift the night before, would otherwise start the window uncovered.
// Lead types are laid on the first day only (member forbids the others).
func (su *setup) addLeads(profs map[int64]profile) {
	first := su.days[0]
	for _, ty := range slices.Clone(su.types) {
		tail := ty.start + ty.minutes - 24*60
		if ty.lead || tail <= 0 {
			continue
		}
		end := first.Add(time.Duration(tail) * time.Minute)
		if _, hi, ok := profs[ty.post.ID].minMax(first, end); !ok || hi <= 0 {
			continue
		}
		lead := ty
		lead.start, lead.minutes, lead.lead = 0, tail, true
		su.types = append(su.types, lead)
		for d := range su.inst {
			s := su.at(d, 0)
			su.inst[d] = append(su.inst[d], span{s, s.Add(time.Duration(tail) * time.Minute)})
		}
	}
}
