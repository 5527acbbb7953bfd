// Package planning is the plans service: it starts the planner
// (scheduler/planner) in the background over what the store holds, keeps the
// plans, streams their progress, applies a finished plan to the roster in one
// transaction and discards plans. Both doors (api/ and web/) call it, so the
// permissions, the checks and the answers live here once.
package planning

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
)

// Store is what the service needs persisted; store.Store implements it.
type Store interface {
	Location() *time.Location
	FindPosts(ctx context.Context, f scheduler.PostFilter) ([]*scheduler.Post, error)
	FindGuards(ctx context.Context, f scheduler.GuardFilter) ([]*scheduler.Guard, error)
	FindShifts(ctx context.Context, f scheduler.ShiftFilter) ([]*scheduler.Shift, error)
	FindTimeOff(ctx context.Context, f scheduler.TimeOffFilter) ([]*scheduler.TimeOff, error)
	FindEvents(ctx context.Context, f scheduler.EventFilter) ([]*scheduler.Event, error)
	Holidays(ctx context.Context, year int) ([]holiday.Holiday, error)
	Rules(ctx context.Context) (labour.Rules, error)

	// CreatePlan stores a new plan and sets its id; SavePlan stores its
	// current state (ENOTFOUND when it is gone).
	CreatePlan(ctx context.Context, p *scheduler.Plan) error
	SavePlan(ctx context.Context, p *scheduler.Plan) error
	// FindPlanByID: ENOTFOUND when unknown or expired. FindPlans: the
	// unexpired plans, newest first.
	FindPlanByID(ctx context.Context, id int64) (*scheduler.Plan, error)
	FindPlans(ctx context.Context) ([]*scheduler.Plan, error)
	DeleteExpiredPlans(ctx context.Context) (int64, error)
	// FailRunningPlans marks the plans still "running" failed with reason.
	FailRunningPlans(ctx context.Context, reason string) (int, error)
	// PlanRoster: every shift (any status) overlapping [from, to) at one of
	// the posts or held by one of the guards.
	PlanRoster(ctx context.Context, from, to time.Time, postIDs, guardIDs []int64) ([]*scheduler.Shift, error)
	// ManualShiftIDs: which of ids a manager set by hand.
	ManualShiftIDs(ctx context.Context, ids []int64) (map[int64]bool, error)
	// ApplyPlan writes the plan's diff in one transaction once check, given
	// the plan and its PlanRoster as they are inside it, returns nil.
	ApplyPlan(ctx context.Context, id int64, check func(p *scheduler.Plan, roster []*scheduler.Shift) error) (scheduler.PlanApplyResult, error)

	// Preferences: ENOTFOUND for an unknown guard; empty ones when none are stored.
	Preferences(ctx context.Context, guardID int64) (*scheduler.Preferences, error)
	SetPreferences(ctx context.Context, p *scheduler.Preferences) (*scheduler.Preferences, error)
	AllPreferences(ctx context.Context, guardIDs []int64) ([]scheduler.Preferences, error)
}

// Options configure the service.
type Options struct {
	Logger *slog.Logger
	Now    scheduler.Clock // nil: the system clock
	// Workers is the planner's number of parallel searches (0: one per CPU).
	Workers int
}

// Service is the plans service.
type Service struct {
	store Store
	opt   Options
	log   *slog.Logger

	base    context.Context // the runs' context; Close cancels it
	stopAll context.CancelFunc
	wg      sync.WaitGroup

	mu      sync.Mutex
	runs    map[int64]*run
	closing bool
}

// New returns the service over st.
func New(st Store, opt Options) *Service {
	if opt.Now == nil {
		opt.Now = scheduler.SystemClock
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	base, stop := context.WithCancel(context.Background())
	return &Service{store: st, opt: opt, log: opt.Logger, base: base, stopAll: stop, runs: map[int64]*run{}}
}

// InterruptedError is the error of a plan that was running when the server stopped.
const InterruptedError = "interrupted: the server stopped while the plan was running; start it again"

// Recover marks the plans a previous server left "running" as failed (they
// cannot go on) and removes the expired ones. Call it once at start, before
// the first Start.
func (s *Service) Recover(ctx context.Context) (failed int, err error) {
	if _, err := s.store.DeleteExpiredPlans(ctx); err != nil {
		return 0, err
	}
	return s.store.FailRunningPlans(ctx, InterruptedError)
}

// Close cancels the running plans and waits for them: each ends "failed",
// interrupted. Starting a plan afterwards fails.
func (s *Service) Close() {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.stopAll()
	s.wg.Wait()
}

// Get returns plan id (ENOTFOUND when unknown or expired), with the latest
// progress of a running plan.
func (s *Service) Get(ctx context.Context, who scheduler.Principal, id int64) (*scheduler.Plan, error) {
	if err := who.Require(scheduler.ActionPlan); err != nil {
		return nil, err
	}
	p, err := s.store.FindPlanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	s.overlay(p)
	return p, nil
}

// List returns the unexpired plans, newest first.
func (s *Service) List(ctx context.Context, who scheduler.Principal) ([]*scheduler.Plan, error) {
	if err := who.Require(scheduler.ActionPlan); err != nil {
		return nil, err
	}
	ps, err := s.store.FindPlans(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		s.overlay(p)
	}
	return ps, nil
}

// overlay gives a stored running plan the progress its run has made.
func (s *Service) overlay(p *scheduler.Plan) {
	if p.Status != scheduler.PlanRunning {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.runs[p.ID]; ok {
		p.Progress = r.progress
	}
}

// Discard discards plan id, cancelling it first when it runs. Discarding a
// discarded plan changes nothing; an applied plan cannot be discarded (ECONFLICT).
func (s *Service) Discard(ctx context.Context, who scheduler.Principal, id int64) error {
	if err := who.Require(scheduler.ActionPlan); err != nil {
		return err
	}
	p, err := s.store.FindPlanByID(ctx, id)
	if err != nil {
		return err
	}
	switch p.Status {
	case scheduler.PlanDiscarded:
		return nil
	case scheduler.PlanApplied:
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.applied", "plan_id", id)
	}
	s.mu.Lock()
	r := s.runs[id]
	if r != nil {
		r.discarded = true
		r.cancel()
	}
	s.mu.Unlock()
	if r != nil {
		<-r.done
	}
	if p, err = s.store.FindPlanByID(ctx, id); err != nil {
		return err
	}
	if p.Status == scheduler.PlanApplied {
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.applied", "plan_id", id)
	}
	p.Status, p.UpdatedAt = scheduler.PlanDiscarded, s.opt.Now()
	return s.store.SavePlan(ctx, p)
}

// Preferences returns guard guardID's preferences (empty ones when none are
// stored). A guard sees only their own (EFORBIDDEN otherwise).
func (s *Service) Preferences(ctx context.Context, who scheduler.Principal, guardID int64) (*scheduler.Preferences, error) {
	if err := ownGuard(who, guardID); err != nil {
		return nil, err
	}
	return s.store.Preferences(ctx, guardID)
}

// SetPreferences validates and stores p for guard p.GuardID. A guard sets
// only their own (EFORBIDDEN otherwise).
func (s *Service) SetPreferences(ctx context.Context, who scheduler.Principal, p *scheduler.Preferences) (*scheduler.Preferences, error) {
	if err := ownGuard(who, p.GuardID); err != nil {
		return nil, err
	}
	return s.store.SetPreferences(ctx, p)
}

// ownGuard refuses what who may not do with guardID's preferences.
func ownGuard(who scheduler.Principal, guardID int64) error {
	if err := who.Require(scheduler.ActionPreferences); err != nil {
		return err
	}
	if own, only := who.OwnGuard(); only && own != guardID {
		return scheduler.E(scheduler.EFORBIDDEN, "guard_id", "plan.preferences_not_own")
	}
	return nil
}
