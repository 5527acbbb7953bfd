package planner

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/labour"
)

// rosterShifts are the shifts that hold the planned posts in the window
// with the plan: those outside it reaching in, and the plan's own (kept ones
// as they are, with their absences).
func (su *setup) rosterShifts(shifts []scheduler.PlanShift) []*scheduler.Shift {
	byID := map[int64]*scheduler.Shift{}
	for _, s := range su.kept {
		byID[s.ID] = s
	}
	var out []*scheduler.Shift
	for _, s := range su.staffing() {
		if !s.Start.Before(su.days[0]) && s.Start.Before(su.days[su.D()]) {
			continue // a kept shift: it comes with the plan's shifts
		}
		out = append(out, s)
	}
	for _, ps := range shifts {
		if s, ok := byID[ps.ShiftID]; ok && ps.Kept && s.GuardID != nil && *s.GuardID == ps.GuardID && s.Start.Equal(ps.Start) {
			out = append(out, s)
			continue
		}
		gid := ps.GuardID
		out = append(out, &scheduler.Shift{ID: ps.ShiftID, PostID: ps.PostID, GuardID: &gid, Start: ps.Start, End: ps.End,
			Status: scheduler.ShiftScheduled, Absences: scheduler.ShiftAbsences(&scheduler.Shift{GuardID: &gid, Start: ps.Start, End: ps.End, Status: scheduler.ShiftScheduled}, su.approved[gid])})
	}
	return out
}

// coverageOf is the coverage report of the posts with the plan.
func (su *setup) coverageOf(shifts []scheduler.PlanShift) coverage.Report {
	var offs []*scheduler.TimeOff
	for _, os := range su.approved {
		offs = append(offs, os...)
	}
	return coverage.Compute(coverage.Input{From: su.days[0], To: su.coverEnd, Loc: su.loc, Posts: su.in.Posts,
		Events: su.in.Events, Shifts: su.rosterShifts(shifts), TimeOff: offs})
}

// unfilled are the gaps of the coverage with the plan, touching gaps merged
// into one stretch (Missing the most short over it), each with the reason
// every candidate guard could not take it.
func (su *setup) unfilled(shifts []scheduler.PlanShift, planned []*scheduler.Shift, o *outcome) []scheduler.Unfilled {
	out := []scheduler.Unfilled{}
	mine := map[int64][]*scheduler.Shift{}
	for _, s := range planned {
		mine[*s.GuardID] = append(mine[*s.GuardID], s)
	}
	for _, pc := range su.coverageOf(shifts).Posts {
		post := su.posts[pc.PostID]
		var cur *scheduler.Unfilled
		for _, g := range pc.Gaps {
			if cur != nil && cur.End.Equal(g.Start) {
				cur.End, cur.Missing = g.End, max(cur.Missing, g.Missing)
				continue
			}
			out = append(out, scheduler.Unfilled{PostID: pc.PostID, Start: g.Start, End: g.End, Missing: g.Missing})
			cur = &out[len(out)-1]
		}
		for i := range out {
			if out[i].PostID == post.ID && out[i].Reasons == nil {
				out[i].Reasons = su.reasons(post, span{out[i].Start, out[i].End}, mine)
			}
		}
	}
	slices.SortFunc(out, func(a, b scheduler.Unfilled) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.PostID, b.PostID)
	})
	return out
}

// reasons says, for each candidate guard, why they could not take the stretch.
func (su *setup) reasons(post *scheduler.Post, st span, mine map[int64][]*scheduler.Shift) []scheduler.UnfilledReason {
	out := []scheduler.UnfilledReason{}
	for _, g := range su.guards {
		var r scheduler.UnfilledReason
		switch {
		case !g.Active:
			r = su.reason(g.ID, "inactive", "planner.reason.inactive")
		case !slices.Contains(g.PostIDs, post.ID):
			r = su.reason(g.ID, "not_allowed", "planner.reason.not_allowed")
		default:
			r = su.why(g, post, st, mine[g.ID])
		}
		out = append(out, r)
	}
	return out
}

// reason builds one reason with its English message.
func (su *setup) reason(gid int64, rule, key string, kv ...any) scheduler.UnfilledReason {
	args := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i].(string)] = kv[i+1]
	}
	r := scheduler.UnfilledReason{GuardID: gid, Rule: rule, Key: key, Message: scheduler.RenderMessage(scheduler.MessageEN(key), args, formatEN)}
	if len(args) > 0 {
		r.Args = args
	}
	return r
}

// formatEN writes an argument of an English reason: dates dd/mm/yyyy.
func formatEN(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format("02/01/2006 15:04")
	case scheduler.Day:
		if t, err := time.Parse(scheduler.DateLayout, string(x)); err == nil {
			return t.Format("02/01/2006")
		}
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return scheduler.FormatArgEN(v)
}

// why finds what stops an allowed guard: time off, another shift, or the
// labour rule the post's shift over the stretch would break.
func (su *setup) why(g *scheduler.Guard, post *scheduler.Post, st span, planned []*scheduler.Shift) scheduler.UnfilledReason {
	for _, o := range su.approved[g.ID] {
		if o.Start.Before(st.e) && st.s.Before(o.End) {
			return su.reason(g.ID, "time_off", "planner.reason.time_off",
				"kind", scheduler.Sentence{EN: o.Kind, VI: scheduler.TimeOffKindVI(o.Kind)}, "from", o.Start.In(su.loc), "to", o.End.In(su.loc))
		}
	}
	all := append(slices.Clone(su.record[g.ID]), planned...)
	slices.SortFunc(all, shiftOrder)
	for _, s := range all {
		if len(s.Worked()) > 0 && s.Start.Before(st.e) && st.s.Before(s.End) {
			return su.busy(g.ID, s)
		}
	}
	in := su.labourInput(g, planned)
	for d := range su.inst {
		for t, ty := range su.types {
			sp := su.inst[d][t]
			if ty.post.ID != post.ID || !sp.s.Before(st.e) || !st.s.Before(sp.e) {
				continue
			}
			if !su.lawfulLength(ty) && su.checks(g) {
				return su.reason(g.ID, labour.RuleShiftLength, "planner.reason.shift_length",
					"hours", round1(float64(ty.minutes)/60), "limit", su.rules.MaxShiftHours)
			}
			cand := su.shiftOf(su.gidx[g.ID], d, t)
			if vs := labour.CheckShift(in, cand); len(vs) > 0 {
				return su.ruleReason(g.ID, vs[0])
			}
			for _, p := range planned {
				if su.dateKey(p.Start) == su.dateKey(sp.s) {
					return su.busy(g.ID, p)
				}
			}
		}
	}
	return su.reason(g.ID, "no_fit", "planner.reason.no_fit")
}

func (su *setup) busy(gid int64, s *scheduler.Shift) scheduler.UnfilledReason {
	name := strconv.FormatInt(s.PostID, 10)
	for _, p := range su.in.Posts {
		if p.ID == s.PostID {
			name = p.Name
		}
	}
	return su.reason(gid, "busy", "planner.reason.busy", "post", name, "from", s.Start.In(su.loc), "to", s.End.In(su.loc))
}

// ruleReason is the reason for a labour violation the shift would cause.
func (su *setup) ruleReason(gid int64, v scheduler.Violation) scheduler.UnfilledReason {
	day := scheduler.Day(v.Start.In(su.loc).Format(scheduler.DateLayout))
	return su.reason(gid, v.Rule, "planner.reason."+v.Rule, "hours", round1(v.Value), "limit", v.Limit, "date", day)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
