package scheduler

import (
	"context"
	"strings"
	"time"
)

// Kinds of time off.
const (
	TimeOffLeave    = "leave"    // nghỉ phép
	TimeOffSick     = "sick"     // ốm
	TimeOffTraining = "training" // tập huấn
	TimeOffOther    = "other"
)

// Time-off statuses: a guard's request waits for a manager; only approved
// time off takes a guard off the roster.
const (
	TimeOffRequested = "requested"
	TimeOffApproved  = "approved"
	TimeOffDeclined  = "declined"
)

// timeOffKindsVI are the Vietnamese names of the kinds, as the office writes
// them in its roster book, feeds and emails.
var timeOffKindsVI = map[string]string{
	TimeOffLeave:    "nghỉ phép",
	TimeOffSick:     "ốm",
	TimeOffTraining: "tập huấn",
	TimeOffOther:    "khác",
	TimeOffBusy:     "bận",
}

// TimeOffKindVI is the Vietnamese name of a kind of time off ("tập huấn"),
// or the kind itself when unknown.
func TimeOffKindVI(kind string) string {
	if n, ok := timeOffKindsVI[kind]; ok {
		return n
	}
	return kind
}

// TimeOffKinds lists the kinds in display order.
var TimeOffKinds = []string{TimeOffLeave, TimeOffSick, TimeOffTraining, TimeOffOther}

// TimeOff is a stretch in which a guard is away: shifts of the guard that fall
// in it do not count as coverage.
type TimeOff struct {
	ID      int64     `json:"id"`
	GuardID int64     `json:"guard_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Kind    string    `json:"kind"`
	Note    string    `json:"note"`
	// Status is requested, approved or declined; RequestedBy and DecidedBy
	// name who asked and who decided.
	Status      string     `json:"status"`
	RequestedBy string     `json:"requested_by"`
	DecidedBy   string     `json:"decided_by"`
	DecidedAt   *time.Time `json:"decided_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

// MaxTimeOffLength bounds one stretch of time off.
const MaxTimeOffLength = 366 * 24 * time.Hour

// Validate checks time off on its own (the guard's existence is the store's).
func (t *TimeOff) Validate() error {
	t.Note = strings.TrimSpace(t.Note)
	if t.GuardID <= 0 {
		return E(EINVALID, "guard_id", "common.required")
	}
	if t.Start.IsZero() {
		return E(EINVALID, "start", "common.required")
	}
	if t.End.IsZero() {
		return E(EINVALID, "end", "common.required")
	}
	if err := CheckInstants("start", t.Start, "end", t.End); err != nil {
		return err
	}
	if !t.End.After(t.Start) {
		return E(EINVALID, "end", "timeoff.end_before_start")
	}
	if t.End.Sub(t.Start) > MaxTimeOffLength {
		return E(EINVALID, "end", "timeoff.too_long", "days", int(MaxTimeOffLength/(24*time.Hour)))
	}
	ok := false
	for _, k := range TimeOffKinds {
		ok = ok || t.Kind == k
	}
	if !ok {
		return E(EINVALID, "kind", "timeoff.kind_unknown", "kinds", TimeOffKinds)
	}
	if t.Status == "" {
		t.Status = TimeOffApproved
	}
	if t.Status != TimeOffRequested && t.Status != TimeOffApproved && t.Status != TimeOffDeclined {
		return E(EINVALID, "status", "timeoff.status_unknown")
	}
	return validateText("note", t.Note, false, 1000)
}

// TimeOffFilter selects time off; From/To select what overlaps [From, To).
type TimeOffFilter struct {
	ID      *int64
	GuardID *int64
	Status  string // "" for all
	From    *time.Time
	To      *time.Time
}

// TimeOffService persists time off.
type TimeOffService interface {
	// FindTimeOff returns the time off that matches, ordered by start then id.
	FindTimeOff(ctx context.Context, f TimeOffFilter) ([]*TimeOff, error)
	// CreateTimeOff validates and stores t; EINVALID (guard_id) for an unknown guard.
	CreateTimeOff(ctx context.Context, t *TimeOff) error
	// DeleteTimeOff removes it; ENOTFOUND.
	DeleteTimeOff(ctx context.Context, id int64) error
	// DecideTimeOff approves or declines a request (status TimeOffApproved or
	// TimeOffDeclined); ECONFLICT if it was decided already.
	DecideTimeOff(ctx context.Context, id int64, status string) (*TimeOff, error)
}
