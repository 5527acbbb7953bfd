package scheduler

import (
	"context"
	"time"
)

// Swap request statuses: proposed by a guard, accepted by the colleague,
// approved (and carried out) or declined by a manager; the colleague may decline too.
const (
	SwapProposed = "proposed"
	SwapAccepted = "accepted"
	SwapApproved = "approved"
	SwapDeclined = "declined"
)

// SwapRequest asks to exchange the guards of two shifts.
type SwapRequest struct {
	ID         int64      `json:"id"`
	ShiftA     int64      `json:"shift_a"` // the asking guard's shift
	ShiftB     int64      `json:"shift_b"` // the colleague's shift
	GuardA     int64      `json:"guard_a"`
	GuardB     int64      `json:"guard_b"`
	Status     string     `json:"status"`
	Note       string     `json:"note"`
	CreatedAt  time.Time  `json:"created_at"`
	AcceptedAt *time.Time `json:"accepted_at"`
	DecidedAt  *time.Time `json:"decided_at"`
	DecidedBy  string     `json:"decided_by"`
}

// SwapService keeps swap requests.
type SwapService interface {
	// ProposeSwap records a guard's request: shiftA must be theirs (guardA),
	// shiftB a colleague's; both scheduled and in the future.
	ProposeSwap(ctx context.Context, guardA, shiftA, shiftB int64, note string) (*SwapRequest, error)
	// AcceptSwap is the colleague's yes (guardB must be theirs).
	AcceptSwap(ctx context.Context, id, guardB int64) (*SwapRequest, error)
	// ApproveSwap is a manager's yes: the shifts are swapped in the same transaction.
	ApproveSwap(ctx context.Context, id int64) (*SwapRequest, error)
	// DeclineSwap ends a request; by a guard of it (guardID) or a manager (guardID 0).
	DeclineSwap(ctx context.Context, id, guardID int64) (*SwapRequest, error)
	FindSwapRequests(ctx context.Context, guardID *int64, status string) ([]*SwapRequest, error)
}

// CheckApprove tells whether a manager may approve r now: only an accepted
// request may be; approving one already approved or declined says so (a
// second click, two managers at once), and a proposed one waits for the
// colleague. ECONFLICT naming status.
func (r *SwapRequest) CheckApprove() error {
	switch r.Status {
	case SwapAccepted:
		return nil
	case SwapApproved:
		return E(ECONFLICT, "status", "swap.already_approved")
	case SwapDeclined:
		return E(ECONFLICT, "status", "swap.already_declined")
	}
	return E(ECONFLICT, "status", "swap.not_accepted", "status", r.Status)
}
