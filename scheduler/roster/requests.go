package roster

import (
	"context"

	"catruc/scheduler"
)

// Time off and swap requests: what a guard asks for themself, and a
// manager's decisions. Who may do what is the policy's (scheduler.Can); what
// a guard may do only for themself is decided here, for both doors.

// RecordTimeOff records time off for who. A guard asks for their own (a
// request that counts once a manager approves it; EFORBIDDEN for anyone
// else's); a manager's entry is approved at once.
func (s *Service) RecordTimeOff(ctx context.Context, who scheduler.Principal, t *scheduler.TimeOff) error {
	if err := who.Require(scheduler.ActionTimeOffRequest); err != nil {
		return err
	}
	t.Status = scheduler.TimeOffApproved
	if gid, only := who.OwnGuard(); only {
		if t.GuardID != gid {
			return scheduler.E(scheduler.EFORBIDDEN, "guard_id", "roster.timeoff_not_own")
		}
		t.Status = scheduler.TimeOffRequested
	}
	return s.store.CreateTimeOff(ctx, t)
}

// WithdrawTimeOff removes time off id. A guard may withdraw only a request of
// their own while it waits: someone else's is not found (ENOTFOUND), a
// decided one is ECONFLICT. A manager removes any.
func (s *Service) WithdrawTimeOff(ctx context.Context, who scheduler.Principal, id int64) error {
	if err := who.Require(scheduler.ActionTimeOffRequest); err != nil {
		return err
	}
	if gid, only := who.OwnGuard(); only {
		ts, err := s.store.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &id})
		if err != nil {
			return err
		}
		if len(ts) == 0 || ts[0].GuardID != gid {
			return scheduler.NotFound("time off", id)
		}
		if ts[0].Status != scheduler.TimeOffRequested {
			return scheduler.E(scheduler.ECONFLICT, "status", "roster.timeoff_decided", "id", id, "status", ts[0].Status)
		}
	}
	return s.store.DeleteTimeOff(ctx, id)
}

// DecideTimeOff approves (or declines) a guard's request; ECONFLICT if it
// was decided already.
func (s *Service) DecideTimeOff(ctx context.Context, id int64, approve bool) (*scheduler.TimeOff, error) {
	status := scheduler.TimeOffDeclined
	if approve {
		status = scheduler.TimeOffApproved
	}
	return s.store.DecideTimeOff(ctx, id, status)
}

// SwapRequests lists the swap requests of a status ("": all), newest first:
// a guard sees those they are part of, others see all.
func (s *Service) SwapRequests(ctx context.Context, who scheduler.Principal, status string) ([]*scheduler.SwapRequest, error) {
	switch status {
	case "", scheduler.SwapProposed, scheduler.SwapAccepted, scheduler.SwapApproved, scheduler.SwapDeclined:
	default:
		return nil, scheduler.E(scheduler.EINVALID, "status", "roster.swap_status")
	}
	var gid *int64
	if id, only := who.OwnGuard(); only {
		gid = &id
	}
	return s.store.FindSwapRequests(ctx, gid, status)
}

// ownGuard is the guard who acts, for the steps only a guard takes.
func ownGuard(who scheduler.Principal) (int64, error) {
	if gid, only := who.OwnGuard(); only && gid > 0 {
		return gid, nil
	}
	return 0, scheduler.E(scheduler.EFORBIDDEN, "", "roster.guard_only")
}

// ProposeSwap records who's request to swap their shift shiftA with a
// colleague's shiftB, which must be at a post who may hold.
func (s *Service) ProposeSwap(ctx context.Context, who scheduler.Principal, shiftA, shiftB int64, note string) (*scheduler.SwapRequest, error) {
	if err := who.Require(scheduler.ActionSwapRequest); err != nil {
		return nil, err
	}
	gid, err := ownGuard(who)
	if err != nil {
		return nil, err
	}
	g, err := s.store.FindGuardByID(ctx, gid)
	if err != nil {
		return nil, err
	}
	// A missing shift is the store's to report, with the others it checks.
	if b, err := s.store.FindShiftByID(ctx, shiftB); err == nil && !g.MayHold(b.PostID) {
		return nil, scheduler.E(scheduler.EINVALID, "shift_b", "roster.swap_not_your_post", "shift_id", shiftB)
	} else if notFoundIsNil(err) != nil {
		return nil, err
	}
	return s.store.ProposeSwap(ctx, gid, shiftA, shiftB, note)
}

// AcceptSwap is the colleague's yes (who must be the colleague asked).
func (s *Service) AcceptSwap(ctx context.Context, who scheduler.Principal, id int64) (*scheduler.SwapRequest, error) {
	if err := who.Require(scheduler.ActionSwapRequest); err != nil {
		return nil, err
	}
	gid, err := ownGuard(who)
	if err != nil {
		return nil, err
	}
	return s.store.AcceptSwap(ctx, id, gid)
}

// ApproveSwap is a manager's yes: the two shifts' guards are swapped in the
// same transaction.
func (s *Service) ApproveSwap(ctx context.Context, id int64) (*scheduler.SwapRequest, error) {
	return s.store.ApproveSwap(ctx, id)
}

// DeclineSwap ends a request: by either guard of it, or by a manager.
func (s *Service) DeclineSwap(ctx context.Context, who scheduler.Principal, id int64) (*scheduler.SwapRequest, error) {
	if err := who.Require(scheduler.ActionSwapDecline); err != nil {
		return nil, err
	}
	var gid int64
	if _, only := who.OwnGuard(); only {
		var err error
		if gid, err = ownGuard(who); err != nil {
			return nil, err
		}
	}
	return s.store.DeclineSwap(ctx, id, gid)
}
