package duty

import (
	"context"
	"time"

	"catruc/scheduler"
)

// checkOutAfter is how long after its end a shift checked in and not out
// still shows on the guard's phone for check-out.
const checkOutAfter = 12 * time.Hour

// handoverLookback is how far before the current shift's start the previous
// guard's handover is looked for.
const handoverLookback = 2 * scheduler.MaxShiftLength

// Desk is what a guard's phone shows of the duty desk: the current shift
// (checked in and not out, else the one open for check-in), its post, the
// previous guard's handover there, and the post's checklist for the
// check-out. Shift is nil when the guard has nothing to check in or out of.
type Desk struct {
	Shift       *scheduler.Shift
	Post        *scheduler.Post
	Handover    *scheduler.Handover // nil: none written
	HandoverBy  *scheduler.Shift    // the shift the handover was written at
	Checklist   []string
	CanCheckIn  bool
	CanCheckOut bool
}

// Desk loads the guard's desk at now.
func (s *Service) Desk(ctx context.Context, guardID int64) (*Desk, error) {
	now := s.now()
	from, to := now.Add(-checkOutAfter), now.Add(scheduler.CheckInOpens+time.Second)
	shifts, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &guardID, Status: scheduler.ShiftScheduled,
		From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	d := &Desk{Shift: scheduler.CurrentDutyShift(shifts, guardID, now)}
	if d.Shift == nil {
		return d, nil
	}
	d.CanCheckIn = scheduler.CheckInWindow(d.Shift, now)
	d.CanCheckOut = d.Shift.CheckInAt != nil && d.Shift.CheckOutAt == nil
	if d.Post, err = s.store.FindPostByID(ctx, d.Shift.PostID); err != nil {
		return nil, err
	}
	if d.Checklist, err = s.store.PostChecklist(ctx, d.Shift.PostID); err != nil {
		return nil, err
	}
	d.Handover, d.HandoverBy, err = s.PreviousHandover(ctx, d.Shift)
	return d, err
}

// PreviousHandover is the handover the guard of sh reads: the latest written
// at its post for a shift that started before sh (nil, nil when none).
func (s *Service) PreviousHandover(ctx context.Context, sh *scheduler.Shift) (*scheduler.Handover, *scheduler.Shift, error) {
	from := sh.Start.Add(-handoverLookback)
	hs, err := s.store.FindHandovers(ctx, scheduler.HandoverFilter{PostID: &sh.PostID, From: &from})
	if err != nil || len(hs) == 0 {
		return nil, nil, err
	}
	prior, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &sh.PostID, From: &from, To: &sh.Start})
	if err != nil {
		return nil, nil, err
	}
	starts := map[int64]time.Time{}
	byID := map[int64]*scheduler.Shift{}
	for _, p := range prior {
		starts[p.ID], byID[p.ID] = p.Start, p
	}
	h := scheduler.HandoverFor(sh, hs, starts)
	if h == nil {
		return nil, nil, nil
	}
	return h, byID[h.ShiftID], nil
}
