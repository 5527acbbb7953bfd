package scheduler

import (
	"context"
	"strings"
	"time"
)

// Shift statuses.
const (
	ShiftScheduled = "scheduled"
	ShiftCancelled = "cancelled"
)

// MaxShiftLength bounds one shift. The labour rules may warn far below it.
const MaxShiftLength = 24 * time.Hour

// Shift is one stretch of duty at a post. A shift with no guard is open: it
// is planned but counts as uncovered.
type Shift struct {
	ID      int64     `json:"id"`
	PostID  int64     `json:"post_id"`
	GuardID *int64    `json:"guard_id"` // nil: open shift
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Status  string    `json:"status"`
	Note    string    `json:"note"`
	// Version grows by one with every change; it is the ETag.
	Version int `json:"version"`
	// RotationID is the rotation that made the shift, if any (read-only).
	RotationID *int64    `json:"rotation_id"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	// Absences are the parts of the shift in which its guard is away on
	// approved time off (read-only: the store fills them from the time off
	// on every read; see ShiftAbsences). Empty, never null, when none.
	Absences []Absence `json:"absences"`
	// CheckInAt and CheckOutAt are when the guard checked in and out (nil:
	// not yet; read-only: the duty desk writes them, see duty.go);
	// CheckInMethod is app, qr or manager; LateMinutes is how many whole
	// minutes after the start the check-in was (0 when on time or not in).
	CheckInAt     *time.Time `json:"check_in_at"`
	CheckOutAt    *time.Time `json:"check_out_at"`
	CheckInMethod string     `json:"check_in_method,omitempty"`
	LateMinutes   int        `json:"late_minutes"`
	// Violations are the labour-rule breaches the last write of this shift
	// caused (filled by CreateShift and UpdateShift; the API shows them).
	Violations []Violation `json:"-"`
}

// Validate checks a shift on its own (references and overlaps are the store's).
func (s *Shift) Validate() error {
	s.Note = strings.TrimSpace(s.Note)
	if s.PostID <= 0 {
		return E(EINVALID, "post_id", "common.required")
	}
	if s.GuardID != nil && *s.GuardID <= 0 {
		return E(EINVALID, "guard_id", "shift.bad_guard_id")
	}
	if s.Start.IsZero() {
		return E(EINVALID, "start", "common.required")
	}
	if s.End.IsZero() {
		return E(EINVALID, "end", "common.required")
	}
	if err := CheckInstants("start", s.Start, "end", s.End); err != nil {
		return err
	}
	if !s.End.After(s.Start) {
		return E(EINVALID, "end", "shift.end_before_start")
	}
	if s.End.Sub(s.Start) > MaxShiftLength {
		return E(EINVALID, "end", "shift.too_long", "hours", int(MaxShiftLength/time.Hour))
	}
	if s.Status == "" {
		s.Status = ShiftScheduled
	}
	if s.Status != ShiftScheduled && s.Status != ShiftCancelled {
		return E(EINVALID, "status", "shift.status_unknown")
	}
	if err := validateText("note", s.Note, false, 1000); err != nil {
		return err
	}
	return nil
}

// Overlaps reports whether two half-open intervals [as, ae) and [bs, be) share time.
func Overlaps(as, ae, bs, be time.Time) bool {
	return as.Before(be) && bs.Before(ae)
}

// ShiftFilter selects shifts; zero fields select all. From/To select the
// shifts that overlap [From, To).
type ShiftFilter struct {
	ID      *int64
	PostID  *int64
	GuardID *int64
	Status  string
	From    *time.Time
	To      *time.Time
}

// ShiftService persists shifts. Every method that writes keeps the rule that a
// guard never holds two overlapping shifts that are not cancelled; it is
// checked inside the write transaction.
type ShiftService interface {
	// FindShifts returns the shifts that match, ordered by start then id.
	FindShifts(ctx context.Context, f ShiftFilter) ([]*Shift, error)
	// FindShiftByID returns ENOTFOUND if there is no such shift.
	FindShiftByID(ctx context.Context, id int64) (*Shift, error)
	// CreateShift validates and stores s. EINVALID for unknown or inactive
	// post or guard, or a guard not allowed at the post; ECONFLICT (field
	// guard_id) if it overlaps another shift of the guard.
	CreateShift(ctx context.Context, s *Shift) error
	// UpdateShift loads the shift, refuses with ECONFLICT if ifVersion > 0 and
	// differs from its version, lets fn change it, checks it as CreateShift
	// does, bumps the version and stores it, in one transaction.
	UpdateShift(ctx context.Context, id int64, ifVersion int, fn func(*Shift) error) (*Shift, error)
}
