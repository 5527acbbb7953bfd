// Package duty is the duty desk's service, the one both doors (api, web)
// call: check-in (from the phone, the post's QR sheet, or a manager's paper
// record), check-out with the handover, the handover's acknowledgement, and
// what a guard's phone shows of their current shift. The rules are
// scheduler's (duty.go); the service finds what they apply to and has the
// store apply them inside one transaction.
package duty

import (
	"context"
	"time"

	"catruc/scheduler"
)

// Store is what the service needs persisted; store.Store implements it.
type Store interface {
	scheduler.DutyService
	FindShifts(ctx context.Context, f scheduler.ShiftFilter) ([]*scheduler.Shift, error)
	FindShiftByID(ctx context.Context, id int64) (*scheduler.Shift, error)
	FindPostByID(ctx context.Context, id int64) (*scheduler.Post, error)
}

// Service is the duty desk.
type Service struct {
	store Store
	now   scheduler.Clock
}

// New returns the service over st; now nil is the system clock.
func New(st Store, now scheduler.Clock) *Service {
	if now == nil {
		now = scheduler.SystemClock
	}
	return &Service{store: st, now: now}
}

// CheckIn checks p in to shift id (scheduler.PlanCheckIn); with method qr
// the code must be the current code of the shift's post.
func (s *Service) CheckIn(ctx context.Context, p scheduler.Principal, id int64, req scheduler.CheckInRequest) (*scheduler.Shift, error) {
	var codePost int64
	if req.Method == scheduler.CheckInQR && req.Code != "" && !p.Can(scheduler.ActionRosterWrite) {
		var err error
		if codePost, err = s.store.CheckInCodePost(ctx, req.Code); err != nil {
			return nil, err
		}
	}
	return s.store.RecordCheckIn(ctx, id, func(sh *scheduler.Shift) (scheduler.CheckIn, error) {
		ci, err := scheduler.PlanCheckIn(p, sh, req, s.now())
		if err != nil {
			return ci, err
		}
		if ci.Method == scheduler.CheckInQR && sh.PostID != codePost {
			return ci, scheduler.E(scheduler.EINVALID, "code", "duty.qr_wrong_post", "shift_id", sh.ID)
		}
		return ci, nil
	})
}

// CheckOut checks p out of shift id and writes the handover.
func (s *Service) CheckOut(ctx context.Context, p scheduler.Principal, id int64, req scheduler.CheckOutRequest) (*scheduler.Shift, *scheduler.Handover, error) {
	return s.store.RecordCheckOut(ctx, id, func(sh *scheduler.Shift) (time.Time, *scheduler.Handover, error) {
		return scheduler.PlanCheckOut(p, sh, req, s.now())
	})
}

// QRCheckIn checks a guard in to their shift at the post whose sheet they
// scanned: the one open for check-in now. The code must be the post's
// current one (a replaced sheet is refused) and the guard must have a shift
// there; the code proves presence, it never logs anyone in.
func (s *Service) QRCheckIn(ctx context.Context, p scheduler.Principal, code string) (*scheduler.Shift, *scheduler.Post, error) {
	gid, only := p.OwnGuard()
	if !only || gid == 0 {
		return nil, nil, scheduler.E(scheduler.EFORBIDDEN, "", "duty.qr_guard_only")
	}
	postID, err := s.store.CheckInCodePost(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	post, err := s.store.FindPostByID(ctx, postID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	from, to := now, now.Add(scheduler.CheckInOpens+time.Second)
	shifts, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &gid, PostID: &postID,
		Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return nil, nil, err
	}
	var pick *scheduler.Shift
	for _, sh := range shifts {
		if !now.Before(sh.Start.Add(-scheduler.CheckInOpens)) && (pick == nil || (pick.CheckInAt != nil && sh.CheckInAt == nil)) {
			pick = sh
		}
	}
	if pick == nil {
		return nil, post, scheduler.E(scheduler.ECONFLICT, "shift_id", "duty.qr_no_shift", "post", post.Name,
			"minutes", int(scheduler.CheckInOpens/time.Minute))
	}
	sh, err := s.CheckIn(ctx, p, pick.ID, scheduler.CheckInRequest{Method: scheduler.CheckInQR, Code: code})
	return sh, post, err
}

// AckHandover records that p read the handover of shift id: a guard as the
// guard of the next shift at its post, a manager for them.
func (s *Service) AckHandover(ctx context.Context, p scheduler.Principal, id int64) (*scheduler.Handover, error) {
	prev, err := s.store.FindShiftByID(ctx, id)
	if err != nil {
		return nil, err
	}
	incoming, err := s.incoming(ctx, p, prev)
	if err != nil {
		return nil, err
	}
	var gid *int64
	if g, only := p.OwnGuard(); only {
		gid = &g
	}
	return s.store.AcknowledgeHandover(ctx, id, gid, func(h *scheduler.Handover) error {
		return scheduler.MayAcknowledge(p, h, incoming)
	})
}

// incoming is the shift whose guard reads the handover of prev: for a guard,
// their first shift at the post that starts after prev and is not over; for
// a manager, the post's first such shift.
func (s *Service) incoming(ctx context.Context, p scheduler.Principal, prev *scheduler.Shift) (*scheduler.Shift, error) {
	f := scheduler.ShiftFilter{PostID: &prev.PostID, Status: scheduler.ShiftScheduled}
	if g, only := p.OwnGuard(); only {
		f.GuardID = &g
	}
	from, to := prev.Start.Add(time.Second), prev.End.Add(scheduler.MaxShiftLength)
	f.From, f.To = &from, &to
	shifts, err := s.store.FindShifts(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, sh := range shifts {
		if sh.Start.After(prev.Start) && sh.ID != prev.ID {
			return sh, nil
		}
	}
	return nil, nil
}

// Handovers lists the handovers that match (anyone who reads the roster may).
func (s *Service) Handovers(ctx context.Context, f scheduler.HandoverFilter) ([]*scheduler.Handover, error) {
	return s.store.FindHandovers(ctx, f)
}
