// Package planning is the plans service: it starts the planner
// (scheduler/planner) in the background over what the store holds, keeps the
// plans, streams their progress, applies a finished plan to the roster in one
// transaction and discards plans. Both doors (api/ and web/) call it, so the
// permissions, the checks and the answers live here once.
package planning

import (
	"context"
	"log/slog"

	"catruc/scheduler"
)

// Store is what the service needs persisted; store.Store implements it.
type Store interface{}

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
}

// New returns the service over st.
func New(st Store, opt Options) *Service {
	if opt.Now == nil {
		opt.Now = scheduler.SystemClock
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Service{store: st, opt: opt}
}

// Start validates req, stores a running plan and plans in the background.
// Managers and admins only.
func (s *Service) Start(ctx context.Context, who scheduler.Principal, actor string, req scheduler.PlanRequest) (*scheduler.Plan, error) {
	return nil, scheduler.Internal(nil)
}

// Get returns plan id (ENOTFOUND when unknown or expired).
func (s *Service) Get(ctx context.Context, who scheduler.Principal, id int64) (*scheduler.Plan, error) {
	return nil, scheduler.NotFound("plan", id)
}

// List returns the unexpired plans, newest first.
func (s *Service) List(ctx context.Context, who scheduler.Principal) ([]*scheduler.Plan, error) {
	return []*scheduler.Plan{}, nil
}

// Subscribe returns the updates of plan id: its progress while it runs, then
// its final state, after which the channel is closed. The func unsubscribes.
func (s *Service) Subscribe(id int64) (<-chan scheduler.Plan, func()) {
	ch := make(chan scheduler.Plan)
	close(ch)
	return ch, func() {}
}

// Apply writes a done plan to the roster in one transaction.
func (s *Service) Apply(ctx context.Context, who scheduler.Principal, id int64) (scheduler.PlanApplyResult, error) {
	return scheduler.PlanApplyResult{}, scheduler.Internal(nil)
}

// Discard discards plan id, cancelling it first when it runs.
func (s *Service) Discard(ctx context.Context, who scheduler.Principal, id int64) error {
	return scheduler.Internal(nil)
}

// Preferences returns guard guardID's preferences (empty ones when none are stored).
func (s *Service) Preferences(ctx context.Context, who scheduler.Principal, guardID int64) (*scheduler.Preferences, error) {
	return nil, scheduler.Internal(nil)
}

// SetPreferences validates and stores p.
func (s *Service) SetPreferences(ctx context.Context, who scheduler.Principal, p *scheduler.Preferences) (*scheduler.Preferences, error) {
	return nil, scheduler.Internal(nil)
}

// Close cancels the running plans and waits for them.
func (s *Service) Close() {}
