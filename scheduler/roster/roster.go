// Package roster is the roster service: the writes of the duty roster and the
// checks shown before them, in one place that both doors (api/ and web/)
// call, so that a change made through the JSON API and one made on the pages
// obey the same rules and give the same answers.
//
// The service adds what is decided before a write — fill an open shift
// rather than double it, who may ask for what, what a change would break —
// and leaves to the store what can only be checked inside the write's
// transaction: a guard's overlaps and eligibility (scheduler.CheckAssignment),
// the labour rules set to block, versions. The store writes the audit entry
// of each change in the same transaction, with the actor of the context.
package roster

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/report"
)

// Store is what the service needs persisted; store.Store implements it.
type Store interface {
	report.Store
	FindPostByID(ctx context.Context, id int64) (*scheduler.Post, error)
	FindGuardByID(ctx context.Context, id int64) (*scheduler.Guard, error)
	FindShiftByID(ctx context.Context, id int64) (*scheduler.Shift, error)
	CreateShift(ctx context.Context, s *scheduler.Shift) error
	UpdateShift(ctx context.Context, id int64, ifVersion int, fn func(*scheduler.Shift) error) (*scheduler.Shift, error)
	SwapShifts(ctx context.Context, a, b int64) (*scheduler.Shift, *scheduler.Shift, error)
	CreateTimeOff(ctx context.Context, t *scheduler.TimeOff) error
	DeleteTimeOff(ctx context.Context, id int64) error
	DecideTimeOff(ctx context.Context, id int64, status string) (*scheduler.TimeOff, error)
	scheduler.SwapService
}

// Service is the roster service.
type Service struct {
	store Store
}

// New returns the service over st.
func New(st Store) *Service { return &Service{store: st} }

// Preview is what saving a shift would do; nothing is saved.
type Preview struct {
	// Shift is the candidate as it would be stored; its ID is that of the
	// shift it changes or fills (0 for a new one).
	Shift *scheduler.Shift
	// Fills is the open shift of the same post at exactly these times that a
	// new shift with a guard fills instead of doubling it.
	Fills *scheduler.Shift
	// Problem is why it cannot be saved at all — the error saving it would
	// give: invalid input, a post or guard missing, inactive or not allowed
	// there (EINVALID), or an overlap with another shift of the guard (ECONFLICT).
	Problem error
	// Overlap is the guard's shift it overlaps, when that is the problem.
	Overlap *scheduler.Shift
	// Violations are the labour-rule breaches it would cause; Blocking are
	// those whose rule is set to block (saving is refused).
	Violations []scheduler.Violation
	Blocking   []scheduler.Violation
}

// Savable reports whether saving would succeed as far as can be told now.
func (p Preview) Savable() bool { return p.Problem == nil && len(p.Blocking) == 0 }

// preview checks cand as the store will when it is saved: what it refers
// to and the guard's other shifts (scheduler.CheckAssignment), then the
// labour rules. Errors are failures to read; what is wrong with cand is in
// the preview.
func (s *Service) preview(ctx context.Context, cand *scheduler.Shift) (Preview, error) {
	p := Preview{Shift: cand, Violations: []scheduler.Violation{}}
	if err := cand.Validate(); err != nil {
		p.Problem = err
		return p, nil
	}
	post, err := s.store.FindPostByID(ctx, cand.PostID)
	if err = notFoundIsNil(err); err != nil {
		return p, err
	}
	var guard *scheduler.Guard
	var others []*scheduler.Shift
	if cand.GuardID != nil {
		if guard, err = s.store.FindGuardByID(ctx, *cand.GuardID); notFoundIsNil(err) != nil {
			return p, err
		}
		others, err = s.store.FindShifts(ctx, scheduler.ShiftFilter{GuardID: cand.GuardID, Status: scheduler.ShiftScheduled,
			From: &cand.Start, To: &cand.End})
		if err != nil {
			return p, err
		}
	}
	if p.Problem = scheduler.CheckAssignment(cand, post, guard, others); p.Problem != nil {
		p.Overlap = scheduler.Overlapping(cand, others)
		return p, nil
	}
	if p.Violations, err = report.WouldBreak(ctx, s.store, cand); err != nil {
		return p, err
	}
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return p, err
	}
	p.Blocking = blocking(rules, p.Violations)
	return p, nil
}

func blocking(rules labour.Rules, vs []scheduler.Violation) []scheduler.Violation {
	b := rules.Blocking(vs)
	if b == nil {
		b = []scheduler.Violation{}
	}
	return b
}

// notFoundIsNil turns ENOTFOUND into nil: a missing post or guard is the
// candidate's problem, not a failure to read.
func notFoundIsNil(err error) error {
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil
	}
	return err
}

// newShift readies a new shift: it is scheduled (EINVALID if it says otherwise).
func newShift(sh *scheduler.Shift) error {
	if sh.Status != "" && sh.Status != scheduler.ShiftScheduled {
		return scheduler.E(scheduler.EINVALID, "status", "roster.new_status", "status", scheduler.ShiftScheduled)
	}
	sh.Status = scheduler.ShiftScheduled
	return nil
}

// openShiftAt returns the open scheduled shift of sh's post at exactly sh's
// times, if sh has a guard and there is one: the shift a new one fills.
func (s *Service) openShiftAt(ctx context.Context, sh *scheduler.Shift) (*scheduler.Shift, error) {
	if sh.GuardID == nil || sh.PostID <= 0 || !sh.End.After(sh.Start) || sh.End.Sub(sh.Start) > scheduler.MaxShiftLength {
		return nil, nil
	}
	start, end := sh.Start.Truncate(time.Second), sh.End.Truncate(time.Second)
	same, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &sh.PostID, Status: scheduler.ShiftScheduled,
		From: &start, To: &end})
	if err != nil {
		return nil, err
	}
	for _, o := range same {
		if o.GuardID == nil && o.Start.Equal(start) && o.End.Equal(end) {
			return o, nil
		}
	}
	return nil, nil
}
