package scheduler

import "time"

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

// MemberPeriod says who the members are from a date on (inclusive), so that
// changing members takes effect from that date and not backwards.
type MemberPeriod struct {
	From    string  `json:"from"` // "YYYY-MM-DD"
	Members []int64 `json:"members"`
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
