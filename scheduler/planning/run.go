package planning

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/planner"
)

// run is a plan being planned in the background.
type run struct {
	cancel    context.CancelFunc
	done      chan struct{} // closed when the run has ended and its plan is saved
	started   time.Time
	progress  scheduler.PlanProgress
	discarded bool // Discard cancelled it: its result is not kept
	subs      map[int]chan scheduler.Plan
	nextSub   int
	plan      scheduler.Plan // the plan as stored at start, for the updates
}

// Start validates req, stores a running plan and plans in the background;
// actor is who asks (kept as created_by). Managers and admins only. Errors:
// EINVALID naming the field (see PlanRequest.Validate; post_ids naming a
// post unknown or inactive, guard_ids a guard unknown), EFORBIDDEN.
func (s *Service) Start(ctx context.Context, who scheduler.Principal, actor string, req scheduler.PlanRequest) (*scheduler.Plan, error) {
	if err := who.Require(scheduler.ActionPlan); err != nil {
		return nil, err
	}
	loc := s.store.Location()
	w, err := req.Validate(loc)
	if err != nil {
		return nil, err
	}
	in, err := s.gather(ctx, req, w)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.DeleteExpiredPlans(ctx); err != nil {
		return nil, err
	}
	roster, err := s.store.PlanRoster(ctx, w.From, w.To, req.PostIDs, guardIDs(in.Guards))
	if err != nil {
		return nil, err
	}
	now := s.opt.Now()
	p := &scheduler.Plan{Status: scheduler.PlanRunning, From: w.From.In(loc), To: w.To.In(loc), PostIDs: req.PostIDs,
		GuardIDs: guardIDs(in.Guards), Keep: req.Keep, Seed: req.Seed, Shifts: []scheduler.PlanShift{},
		Diff: emptyDiff(), Unfilled: []scheduler.Unfilled{}, RosterVersion: Fingerprint(roster), CreatedBy: actor,
		CreatedAt: now, UpdatedAt: now, ExpiresAt: now.Add(scheduler.PlanLifetime)}
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return nil, scheduler.E(scheduler.ECONFLICT, "", "plan.shutting_down")
	}
	if err := s.store.CreatePlan(ctx, p); err != nil {
		return nil, err
	}
	s.launch(p, in)
	return p, nil
}

func emptyDiff() scheduler.PlanDiff {
	return scheduler.PlanDiff{Added: []scheduler.PlanShift{}, Removed: []scheduler.PlanRemoval{}, Changed: []scheduler.PlanChange{}}
}

func guardIDs(gs []*scheduler.Guard) []int64 {
	out := make([]int64, 0, len(gs))
	for _, g := range gs {
		out = append(out, g.ID)
	}
	return out
}

// launch plans p in the background.
func (s *Service) launch(p *scheduler.Plan, in planner.Input) {
	ctx, cancel := context.WithCancel(s.base)
	r := &run{cancel: cancel, done: make(chan struct{}), started: time.Now(), subs: map[int]chan scheduler.Plan{},
		plan: *p}
	s.mu.Lock()
	s.runs[p.ID] = r
	s.mu.Unlock()
	in.Progress = func(pr scheduler.PlanProgress) {
		s.mu.Lock()
		defer s.mu.Unlock()
		r.progress = scheduler.PlanProgress{ElapsedS: pr.ElapsedS, BestObjective: pr.BestObjective}
		if r.progress.ElapsedS == 0 {
			r.progress.ElapsedS = time.Since(r.started).Seconds()
		}
		r.publish()
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer cancel()
		stopTick := s.tick(r)
		res, err := safePlan(ctx, in)
		stopTick()
		s.finish(p.ID, r, res, err)
	}()
}

// safePlan runs the planner; a panic in it fails the plan rather than the server.
func safePlan(ctx context.Context, in planner.Input) (res *planner.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, scheduler.Internal(fmt.Errorf("planner panic: %v\n%s", r, debug.Stack()))
		}
	}()
	return planner.Plan(ctx, in)
}

// tick publishes the run's progress every second, so that a watcher sees the
// time go by even while the best roster does not improve.
func (s *Service) tick(r *run) func() {
	t := time.NewTicker(time.Second)
	stop := make(chan struct{})
	go func() {
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s.mu.Lock()
				r.progress.ElapsedS = time.Since(r.started).Seconds()
				r.publish()
				s.mu.Unlock()
			}
		}
	}()
	return func() { close(stop) }
}

// finish stores the run's outcome and ends it: its watchers get the final
// plan, then their channels close.
func (s *Service) finish(id int64, r *run, res *planner.Result, err error) {
	ctx := context.Background()
	p, ferr := s.store.FindPlanByID(ctx, id)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(r.done)
	defer delete(s.runs, id)
	if ferr != nil {
		s.log.Error("plan vanished while running", "plan_id", id, "err", ferr)
		r.end(nil)
		return
	}
	if r.discarded {
		r.end(p)
		return
	}
	p.Progress = r.progress
	p.Progress.ElapsedS = time.Since(r.started).Seconds()
	p.UpdatedAt = s.opt.Now()
	switch {
	case s.closing:
		p.Status, p.Error = scheduler.PlanFailed, InterruptedError
	case err != nil || res == nil:
		if err == nil {
			err = errors.New("the planner gave no result")
		}
		p.Status, p.Error = scheduler.PlanFailed, scheduler.ErrorMessage(err)
		s.log.Error("plan failed", "plan_id", id, "err", err)
	default:
		p.Status = scheduler.PlanDone
		p.Shifts, p.Diff, p.Unfilled, p.Summary = res.Shifts, res.Diff, res.Unfilled, &res.Summary
		obj := res.Objective
		p.Progress.BestObjective = &obj
		normalize(p)
	}
	if err := s.store.SavePlan(ctx, p); err != nil {
		s.log.Error("saving a plan", "plan_id", id, "err", err)
	}
	r.end(p)
}

// normalize gives a plan's lists as empty rather than null.
func normalize(p *scheduler.Plan) {
	if p.Shifts == nil {
		p.Shifts = []scheduler.PlanShift{}
	}
	if p.Unfilled == nil {
		p.Unfilled = []scheduler.Unfilled{}
	}
	if p.Diff.Added == nil {
		p.Diff.Added = []scheduler.PlanShift{}
	}
	if p.Diff.Removed == nil {
		p.Diff.Removed = []scheduler.PlanRemoval{}
	}
	if p.Diff.Changed == nil {
		p.Diff.Changed = []scheduler.PlanChange{}
	}
}

// publish sends the run's progress to its watchers (the caller holds the
// service's lock). A watcher that has not read the last update gets this one
// instead: updates replace each other.
func (r *run) publish() {
	p := r.plan
	p.Progress = r.progress
	for _, ch := range r.subs {
		put(ch, p)
	}
}

// end sends the final plan (if any) and closes the watchers' channels.
func (r *run) end(p *scheduler.Plan) {
	for k, ch := range r.subs {
		if p != nil {
			put(ch, *p)
		}
		close(ch)
		delete(r.subs, k)
	}
}

// put replaces what ch (capacity 1) holds with p; the caller is its only sender.
func put(ch chan scheduler.Plan, p scheduler.Plan) {
	select {
	case ch <- p:
		return
	default:
	}
	select {
	case <-ch:
	default:
	}
	ch <- p
}

// Subscribe returns the updates of plan id: while it runs, its progress
// (replacing each other when not read in time, at least every second), then
// its final state, after which the channel is closed. A plan that is not
// running gives its stored state at once, then the channel closes; an unknown
// one closes at once. The func unsubscribes. Callers check the permission
// (Get) first.
func (s *Service) Subscribe(id int64) (<-chan scheduler.Plan, func()) {
	ch := make(chan scheduler.Plan, 1)
	s.mu.Lock()
	r, ok := s.runs[id]
	if ok {
		k := r.nextSub
		r.nextSub++
		r.subs[k] = ch
		p := r.plan
		p.Progress = r.progress
		put(ch, p)
		s.mu.Unlock()
		return ch, func() {
			s.mu.Lock()
			delete(r.subs, k)
			s.mu.Unlock()
		}
	}
	s.mu.Unlock()
	if p, err := s.store.FindPlanByID(context.Background(), id); err == nil {
		ch <- *p
	}
	close(ch)
	return ch, func() {}
}
