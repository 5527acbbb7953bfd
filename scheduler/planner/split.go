package planner

import (
	"cmp"
	"context"
	"slices"
	"time"

	"catruc/scheduler"
)

// components splits the plan into independent parts: posts linked by guards
// allowed at both, with those guards. Guards allowed at none of the posts go
// with the first part (they only give reasons). Parts keep the order of
// in.Posts; one part means nothing to split.
func components(in Input) []Input {
	parent := make([]int, len(in.Posts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	postIdx := map[int64]int{}
	for i, p := range in.Posts {
		postIdx[p.ID] = i
	}
	first := map[int64]int{} // guard → the first of its posts
	for _, g := range in.Guards {
		f := -1
		for _, pid := range g.PostIDs {
			i, ok := postIdx[pid]
			if !ok {
				continue
			}
			if f < 0 {
				f = i
				continue
			}
			parent[find(i)] = find(f)
		}
		first[g.ID] = f
	}
	index := map[int]int{} // root → part
	var parts []Input
	for i, p := range in.Posts {
		r := find(i)
		k, ok := index[r]
		if !ok {
			k = len(parts)
			index[r] = k
			part := in
			part.Posts, part.Guards = nil, nil
			parts = append(parts, part)
		}
		parts[k].Posts = append(parts[k].Posts, p)
	}
	for _, g := range in.Guards {
		k := 0
		if f := first[g.ID]; f >= 0 {
			k = index[find(f)]
		}
		parts[k].Guards = append(parts[k].Guards, g)
	}
	return parts
}

// planParts plans each part in turn, giving each a share of the time limit
// (or the whole iteration budget) in proportion to its size, and merges the
// results; the summary is that of the whole.
func planParts(ctx context.Context, in Input, parts []Input, began time.Time) (*Result, error) {
	limit := in.TimeLimit
	if limit <= 0 {
		limit = scheduler.DefaultPlanTimeLimitS * time.Second
	}
	size := func(p Input) int { return max(1, len(p.Guards)*len(p.Posts)) }
	total := 0
	for _, p := range parts {
		total += size(p)
	}
	merged := &Result{Diff: scheduler.PlanDiff{Added: []scheduler.PlanShift{}, Removed: []scheduler.PlanRemoval{}, Changed: []scheduler.PlanChange{}}}
	var best int64
	for _, p := range parts {
		p.TimeLimit = time.Duration(float64(limit) * float64(size(p)) / float64(total))
		base := best
		if in.Progress != nil {
			p.Progress = func(pr scheduler.PlanProgress) {
				pr.ElapsedS = time.Since(began).Seconds()
				if pr.BestObjective != nil {
					o := base + *pr.BestObjective
					pr.BestObjective = &o
				}
				in.Progress(pr)
			}
		}
		r, err := plan(ctx, p)
		if err != nil {
			return nil, err
		}
		best += r.Objective
		merged.Objective += r.Objective
		merged.Shifts = append(merged.Shifts, r.Shifts...)
		merged.Diff.Added = append(merged.Diff.Added, r.Diff.Added...)
		merged.Diff.Removed = append(merged.Diff.Removed, r.Diff.Removed...)
		merged.Diff.Changed = append(merged.Diff.Changed, r.Diff.Changed...)
		merged.Unfilled = append(merged.Unfilled, r.Unfilled...)
	}
	su := newSetup(in)
	su.sortResult(merged)
	slices.SortStableFunc(merged.Unfilled, func(a, b scheduler.Unfilled) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.PostID, b.PostID)
	})
	merged.Summary = su.summary(merged.Shifts, merged.Unfilled)
	return merged, nil
}
