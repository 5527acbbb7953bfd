package scheduler

import (
	"context"
	"time"
)

// Rotation presets. A preset fills the pattern; PresetCustom takes it as given.
const (
	Preset2424     = "24-24"       // 2 members, 24 h on, 24 h off (how the office works today)
	Preset2448     = "24-48"       // 3 members, 24 h on, 48 h off
	PresetPanama   = "12h-2-2-3"   // 4 members, 12 h shifts, 2-2-3 "Panama"
	Preset4on4off  = "12h-4on4off" // 4 members, 12 h shifts, 4 on 4 off
	Preset8h3shift = "8h-3shift"   // 4 members, ca 1/2/3: M M A A N N off off, staggered by 2 days
	PresetCustom   = "custom"
)

// Rotation repeats a pattern of shifts at one post among its members.
type Rotation struct {
	ID        int64   `json:"id"`
	PostID    int64   `json:"post_id"`
	Name      string  `json:"name"`
	Preset    string  `json:"preset"`
	Handover  string  `json:"handover"`   // "HH:MM": the clock time at which the first shift of a day starts
	StartDate string  `json:"start_date"` // "YYYY-MM-DD": day 0 of the first cycle
	Members   []int64 `json:"members"`    // guard ids; Slot.Member indexes this list
	Pattern   Pattern `json:"pattern"`
	Active    bool    `json:"active"`
	// MemberPeriods is the history of the members (read-only): who held the
	// rotation from which date. Members is the newest period's list.
	MemberPeriods []MemberPeriod `json:"member_periods"`
	// GeneratedUntil is the last day generated so far ("" when never).
	GeneratedUntil string `json:"generated_until"`
	// Handovers are the days applied plans took over from the rotation
	// (read-only): generating leaves those days alone.
	Handovers []RotationHandover `json:"handovers"`
	CreatedAt time.Time          `json:"created_at"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// RotationHandover is a stretch of days an applied plan took over from a
// rotation: From and To are office dates "YYYY-MM-DD", both included.
type RotationHandover struct {
	From   string `json:"from"`
	To     string `json:"to"`
	PlanID int64  `json:"plan_id"`
}

// RotationFilter selects rotations; zero fields select all.
type RotationFilter struct {
	ID     *int64
	PostID *int64
	Active *bool
}

// GenerateResult tells what generating (or re-planning) a rotation did.
type GenerateResult struct {
	Created   int `json:"created"`
	Skipped   int `json:"skipped"`   // already there, or changed by a manager and left as it is
	Updated   int `json:"updated"`   // untouched generated shifts re-planned (members or pattern changed)
	Cancelled int `json:"cancelled"` // untouched generated shifts the new plan no longer has
	// Conflicts are planned shifts that could not be placed (the guard is
	// busy, inactive or not allowed at the post); the post stays open there.
	Conflicts []GenerateConflict `json:"conflicts"`
}

// GenerateConflict is one planned shift that could not be placed.
type GenerateConflict struct {
	Key     string    `json:"key"`
	GuardID int64     `json:"guard_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Reason  string    `json:"reason"`
}

// RotationService persists rotations and generates their shifts.
type RotationService interface {
	FindRotations(ctx context.Context, f RotationFilter) ([]*Rotation, error)
	// FindRotationByID returns ENOTFOUND if there is no such rotation.
	FindRotationByID(ctx context.Context, id int64) (*Rotation, error)
	// CreateRotation validates (filling a preset's pattern) and stores r.
	CreateRotation(ctx context.Context, r *Rotation) error
	// UpdateRotation lets fn change the rotation; a change of members or
	// pattern takes effect from effectiveFrom (YYYY-MM-DD; "" = today) and
	// re-plans the untouched shifts already generated from that day on.
	UpdateRotation(ctx context.Context, id int64, effectiveFrom string, fn func(*Rotation) error) (*Rotation, GenerateResult, error)
	// DeleteRotation cancels its untouched future shifts, keeps the others as
	// ordinary shifts and removes the rotation.
	DeleteRotation(ctx context.Context, id int64) (GenerateResult, error)
	// GenerateRotation creates the rotation's shifts up to and including
	// until (YYYY-MM-DD); what exists is skipped.
	GenerateRotation(ctx context.Context, id int64, until string) (GenerateResult, error)
}

// Pattern is one cycle of a rotation.
type Pattern struct {
	CycleDays int    `json:"cycle_days"`
	Slots     []Slot `json:"slots"`
}

// Slot is one shift of the cycle: on day Day (0-based) of the cycle, starting
// at clock time Start of the office zone, lasting Hours of wall-clock time,
// held by Members[Member].
type Slot struct {
	Day    int     `json:"day"`
	Start  string  `json:"start"`
	Hours  float64 `json:"hours"`
	Member int     `json:"member"`
}

// MemberPeriod says who the members are, and which pattern they follow,
// from a date on (inclusive), so that changing either takes effect from that
// date and not backwards.
type MemberPeriod struct {
	From    string  `json:"from"` // "YYYY-MM-DD"
	Members []int64 `json:"members"`
	// Preset, Handover and Pattern are the plan of the period ("" / nil: the
	// rotation's). Anchor is day 0 of its cycles: the rotation's start date,
	// or the period's first day when the pattern changed there.
	Preset   string   `json:"preset,omitempty"`
	Handover string   `json:"handover,omitempty"`
	Pattern  *Pattern `json:"pattern,omitempty"`
	Anchor   string   `json:"anchor,omitempty"`
}

// PlannedShift is a shift a rotation wants to exist. Key identifies it among
// all the rotation's shifts forever (e.g. "2026-12-01#0": cycle date and slot
// index), so that generating again can tell what already exists.
type PlannedShift struct {
	Key     string
	GuardID int64
	Start   time.Time
	End     time.Time
}
