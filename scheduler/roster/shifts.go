package roster

import (
	"context"
	"errors"

	"catruc/scheduler"
)

// CreateShift stores a new scheduled shift. When it has a guard and an open
// shift of the same post has exactly its times, that open shift is given to
// the guard instead of a second shift being added (filled true; a note, if
// any, replaces the open shift's). out is the shift as stored, with the
// labour-rule breaches the write caused.
func (s *Service) CreateShift(ctx context.Context, sh *scheduler.Shift) (out *scheduler.Shift, filled bool, err error) {
	if err := newShift(sh); err != nil {
		return nil, false, err
	}
	fill, err := s.openShiftAt(ctx, sh)
	if err != nil {
		return nil, false, err
	}
	if fill != nil {
		out, err := s.store.UpdateShift(ctx, fill.ID, fill.Version, func(x *scheduler.Shift) error {
			x.GuardID = sh.GuardID
			if sh.Note != "" {
				x.Note = sh.Note
			}
			return nil
		})
		return out, true, err
	}
	if err := s.store.CreateShift(ctx, sh); err != nil {
		return nil, false, err
	}
	return sh, false, nil
}

// PreviewCreate is what CreateShift would do with sh, nothing saved: the
// open shift it would fill, if any, and what it would break.
func (s *Service) PreviewCreate(ctx context.Context, sh *scheduler.Shift) (Preview, error) {
	cand := *sh
	if err := newShift(&cand); err != nil {
		return Preview{Shift: &cand, Problem: err}, nil
	}
	fill, err := s.openShiftAt(ctx, &cand)
	if err != nil {
		return Preview{}, err
	}
	if fill != nil {
		cand.ID = fill.ID
	}
	p, err := s.preview(ctx, &cand)
	p.Fills = fill
	return p, err
}

// Change changes shift id with patch (e.g. a JSON merge patch) under
// optimistic concurrency: ifVersion > 0 must be the shift's version, and a
// version the patch sets must be too. The store checks the result as it
// checks a new shift.
func (s *Service) Change(ctx context.Context, id int64, ifVersion int, patch func(*scheduler.Shift) error) (*scheduler.Shift, error) {
	return s.store.UpdateShift(ctx, id, ifVersion, func(sh *scheduler.Shift) error {
		cur := *sh
		if err := patch(sh); err != nil {
			return err
		}
		if sh.Version != 0 {
			if err := scheduler.CheckVersion(&cur, sh.Version); err != nil {
				return err
			}
		}
		return nil
	})
}

// reassignable refuses to give sh to guardID when sh is cancelled or has
// that guard (or is open and guardID is nil) already.
func reassignable(sh *scheduler.Shift, guardID *int64) error {
	if sh.Status != scheduler.ShiftScheduled {
		return scheduler.E(scheduler.ECONFLICT, "status", "roster.cancelled", "shift_id", sh.ID)
	}
	if (guardID == nil && sh.GuardID == nil) || (guardID != nil && sh.GuardID != nil && *guardID == *sh.GuardID) {
		return scheduler.E(scheduler.EINVALID, "guard_id", "roster.same_guard", "shift_id", sh.ID)
	}
	return nil
}

// NeedVersion refuses a change by a form that does not say which version of
// the shift it was made from.
func NeedVersion(version int) error {
	if version <= 0 {
		return scheduler.E(scheduler.EINVALID, "version", "roster.version_required")
	}
	return nil
}

// Reassign gives shift id, as it was at version, to guardID — or opens it
// (guardID nil).
func (s *Service) Reassign(ctx context.Context, id int64, version int, guardID *int64) (*scheduler.Shift, error) {
	if err := NeedVersion(version); err != nil {
		return nil, err
	}
	return s.store.UpdateShift(ctx, id, version, func(x *scheduler.Shift) error {
		if err := reassignable(x, guardID); err != nil {
			return err
		}
		x.GuardID = guardID
		return nil
	})
}

// PreviewReassign is what Reassign would do, nothing saved. Errors: the
// shift's (ENOTFOUND), and the form's: no or a stale version, a cancelled
// shift, the same guard.
func (s *Service) PreviewReassign(ctx context.Context, id int64, version int, guardID *int64) (Preview, error) {
	sh, err := s.store.FindShiftByID(ctx, id)
	if err != nil {
		return Preview{}, err
	}
	if err := NeedVersion(version); err != nil {
		return Preview{}, err
	}
	if err := scheduler.CheckVersion(sh, version); err != nil {
		return Preview{}, err
	}
	if err := reassignable(sh, guardID); err != nil {
		return Preview{}, err
	}
	cand := *sh
	cand.GuardID, cand.Violations = guardID, nil
	return s.preview(ctx, &cand)
}

// errUnchanged stops an update that would change nothing.
var errUnchanged = errors.New("roster: unchanged")

// Cancel cancels shift id (ifVersion > 0: as it was at that version). It
// stays stored for history and the calendar feeds. Cancelling a cancelled
// shift changes nothing: changed is false and sh is the shift as it is.
func (s *Service) Cancel(ctx context.Context, id int64, ifVersion int) (sh *scheduler.Shift, changed bool, err error) {
	var cur scheduler.Shift
	out, err := s.store.UpdateShift(ctx, id, ifVersion, func(x *scheduler.Shift) error {
		if x.Status == scheduler.ShiftCancelled {
			cur = *x
			return errUnchanged
		}
		x.Status = scheduler.ShiftCancelled
		return nil
	})
	if errors.Is(err, errUnchanged) {
		return &cur, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// Swap swaps the guards of shifts a and b at once: both change or neither does.
func (s *Service) Swap(ctx context.Context, a, b int64) (*scheduler.Shift, *scheduler.Shift, error) {
	if a <= 0 {
		return nil, nil, scheduler.E(scheduler.EINVALID, "a", "roster.swap_shift", "which", "a")
	}
	if b <= 0 {
		return nil, nil, scheduler.E(scheduler.EINVALID, "b", "roster.swap_shift", "which", "b")
	}
	return s.store.SwapShifts(ctx, a, b)
}
