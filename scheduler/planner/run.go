package planner

import (
	"context"
	"errors"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/solver"
)

// share of the time limit given to the first solve (with the fairness caps);
// the second solve, without them, runs only when the first leaves hours
// uncovered.
const firstShare = 0.6

func plan(ctx context.Context, in Input) (*Result, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	began := time.Now()
	su := newSetup(in)
	need := su.needs()
	progress := func(obj int) {
		if in.Progress != nil {
			o := int64(obj)
			in.Progress(scheduler.PlanProgress{ElapsedS: time.Since(began).Seconds(), BestObjective: &o})
		}
	}
	limit := in.TimeLimit
	if limit <= 0 {
		limit = scheduler.DefaultPlanTimeLimitS * time.Second
	}
	best, err := su.attempt(ctx, need, true, budget(limit, firstShare, in.Iterations), progress)
	if err != nil {
		return nil, err
	}
	if best.short > 0 && ctx.Err() == nil {
		relaxed, err := su.attempt(ctx, need, false, budget(limit, 1-firstShare, in.Iterations), progress)
		if err != nil {
			return nil, err
		}
		if relaxed.short < best.short {
			best = relaxed
		}
	}
	return su.result(best), nil
}

// budget is a solve's share of the time limit (ignored with an iteration budget).
func budget(limit time.Duration, share float64, iters int) solveBudget {
	return solveBudget{time: time.Duration(float64(limit) * share), iters: iters}
}

// patience is how long a solve goes on without finding a better roster
// before it stops early: a third of its share of the time limit, at least
// minPatience.
func patience(share time.Duration) time.Duration {
	return max(minPatience, share/3)
}

const minPatience = 3 * time.Second

type solveBudget struct {
	time  time.Duration
	iters int
}

// outcome is one solve, verified and repaired.
type outcome struct {
	md      *model
	roster  solver.Roster
	planned []*scheduler.Shift // in roster order: the shift of member e on day d
	short   int                // person-minutes of the template needs left unfilled
}

// attempt builds the model (with or without the fairness caps), solves it,
// drops every planned shift the labour checker objects to and fills what it
// can again by hand.
func (su *setup) attempt(ctx context.Context, need [][]int, caps bool, b solveBudget, progress func(int)) (*outcome, error) {
	md := su.buildModel(need, caps)
	roster := solver.NewRoster(md.m)
	if len(md.m.Staff) > 0 && len(md.m.Shifts) > 0 {
		sctx := ctx
		if b.iters == 0 {
			var cancel context.CancelFunc
			sctx, cancel = context.WithTimeout(ctx, b.time)
			defer cancel()
		}
		res, err := solver.Solve(sctx, md.m, solver.Options{Seed: su.in.Seed, Workers: su.in.Workers, Iterations: b.iters,
			Patience: patience(b.time), Progress: func(_ time.Duration, best int) { progress(best) }})
		switch {
		case errors.Is(err, solver.ErrInfeasible):
			// No roster keeps every member's rules: plan none by the core and
			// let the repair fill what the checker allows.
		case err != nil:
			return nil, scheduler.Internal(err)
		default:
			roster = res.Roster
		}
	}
	o := &outcome{md: md, roster: roster}
	su.verify(o)
	su.repair(o)
	o.short = su.shortfall(o)
	return o, nil
}

// validate refuses a window or posts the planner cannot plan.
func validate(in Input) error {
	if in.From.IsZero() {
		return scheduler.E(scheduler.EINVALID, "from", "common.required")
	}
	if in.To.IsZero() {
		return scheduler.E(scheduler.EINVALID, "to", "common.required")
	}
	if !in.To.After(in.From) {
		return scheduler.E(scheduler.EINVALID, "to", "planner.window_empty")
	}
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	if scheduler.DayStart(in.From, loc).AddDate(0, 0, scheduler.MaxPlanDays).Before(in.To) {
		return scheduler.E(scheduler.EINVALID, "to", "planner.window_too_long", "max", scheduler.MaxPlanDays)
	}
	if len(in.Posts) == 0 {
		return scheduler.E(scheduler.EINVALID, "post_ids", "common.required")
	}
	for _, p := range in.Posts {
		if p == nil {
			return scheduler.E(scheduler.EINVALID, "post_ids", "common.required")
		}
		if len(p.Templates()) == 0 {
			return scheduler.E(scheduler.EINVALID, "post_ids", "planner.no_templates", "post", p.Name)
		}
	}
	switch in.Keep {
	case "", scheduler.KeepAll, scheduler.KeepManual, scheduler.KeepNone:
	default:
		return scheduler.E(scheduler.EINVALID, "keep", "planner.keep_unknown", "keep", in.Keep)
	}
	return nil
}
