package planner

import (
	"cmp"
	"slices"

	"catruc/scheduler"
	"catruc/scheduler/solver"
)

// result turns the chosen outcome into the plan: the roster of the posts in
// the window (kept and planned), the diff against the existing shifts, the
// unfilled stretches with their reasons and the summary.
func (su *setup) result(o *outcome) *Result {
	r := &Result{Diff: scheduler.PlanDiff{Added: []scheduler.PlanShift{}, Removed: []scheduler.PlanRemoval{}, Changed: []scheduler.PlanChange{}}}
	for _, s := range su.kept {
		r.Shifts = append(r.Shifts, scheduler.PlanShift{PostID: s.PostID, GuardID: *s.GuardID, Start: s.Start, End: s.End, ShiftID: s.ID, Kept: true})
	}
	used := map[int64]bool{}
	for _, s := range su.kept {
		used[s.ID] = true
	}
	var planned []*scheduler.Shift
	for e := range o.roster {
		for d, t := range o.roster[e] {
			if t == solver.Off {
				continue
			}
			sh := su.shiftOf(e, d, t)
			planned = append(planned, sh)
			ps := scheduler.PlanShift{PostID: sh.PostID, GuardID: *sh.GuardID, Start: sh.Start, End: sh.End, Template: su.types[t].tpl.Name}
			su.match(&ps, used, r)
			r.Shifts = append(r.Shifts, ps)
		}
	}
	for _, s := range su.windowShifts {
		if !used[s.ID] && su.keepsAbsent(s) {
			// Nobody could take the shift of a guard away for all of it:
			// it stays as it is, a gap the absence already shows.
			r.Shifts = append(r.Shifts, scheduler.PlanShift{PostID: s.PostID, GuardID: *s.GuardID, Start: s.Start, End: s.End, ShiftID: s.ID, Kept: true})
			continue
		}
		if !used[s.ID] {
			r.Diff.Removed = append(r.Diff.Removed, scheduler.PlanRemoval{ShiftID: s.ID, PostID: s.PostID, GuardID: s.GuardID, Start: s.Start, End: s.End})
		}
	}
	r.Objective = int64(o.md.m.Objective(o.roster))
	su.sortResult(r)
	r.Unfilled = su.unfilled(r.Shifts, planned, o)
	r.Summary = su.summary(r.Shifts, r.Unfilled)
	return r
}

// match pairs a planned shift with an existing shift of the window that the
// plan does not keep, of the same post and times: the same guard keeps it as
// it is, another guard (or an open shift) makes a change; without a match it
// is added.
func (su *setup) match(ps *scheduler.PlanShift, used map[int64]bool, r *Result) {
	var other *scheduler.Shift
	for _, s := range su.windowShifts {
		if used[s.ID] || s.PostID != ps.PostID || !s.Start.Equal(ps.Start) || !s.End.Equal(ps.End) {
			continue
		}
		if s.GuardID != nil && *s.GuardID == ps.GuardID {
			used[s.ID] = true
			ps.ShiftID, ps.Kept = s.ID, true
			return
		}
		if other == nil {
			other = s
		}
	}
	if other == nil {
		r.Diff.Added = append(r.Diff.Added, *ps)
		return
	}
	used[other.ID] = true
	ps.ShiftID = other.ID
	r.Diff.Changed = append(r.Diff.Changed, scheduler.PlanChange{ShiftID: other.ID, PostID: other.PostID, Start: other.Start,
		End: other.End, FromGuardID: other.GuardID, ToGuardID: ps.GuardID})
}

func planShiftOrder(a, b scheduler.PlanShift) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.PostID, b.PostID); c != 0 {
		return c
	}
	return cmp.Compare(a.GuardID, b.GuardID)
}

// sortResult orders everything by start, post, guard.
func (su *setup) sortResult(r *Result) {
	slices.SortFunc(r.Shifts, planShiftOrder)
	slices.SortFunc(r.Diff.Added, planShiftOrder)
	slices.SortFunc(r.Diff.Removed, func(a, b scheduler.PlanRemoval) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.PostID, b.PostID); c != 0 {
			return c
		}
		return cmp.Compare(derefID(a.GuardID), derefID(b.GuardID))
	})
	slices.SortFunc(r.Diff.Changed, func(a, b scheduler.PlanChange) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.PostID, b.PostID); c != 0 {
			return c
		}
		return cmp.Compare(a.ToGuardID, b.ToGuardID)
	})
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
