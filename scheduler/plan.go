package scheduler

import (
	"fmt"
	"time"
)

// This file holds the planner's public types: a post's shift templates, a
// guard's preferences and a plan as the API shows it (issue 10). The planner
// itself is scheduler/planner (pure); the plans service that runs, keeps,
// applies and discards plans is scheduler/planning.

// ShiftTemplate is a shift the planner may lay at a post each day: it starts
// at Start ("HH:MM", office zone) and lasts Hours (whole minutes, > 0, ≤ 24).
type ShiftTemplate struct {
	Name  string  `json:"name"`
	Start string  `json:"start"`
	Hours float64 `json:"hours"`
}

// Plan keep modes: what existing shifts of the planned posts in the window a
// plan keeps.
const (
	KeepAll    = "all"    // keep every existing shift; fill only what is uncovered (default)
	KeepManual = "manual" // keep shifts a manager set by hand; re-plan the rest
	KeepNone   = "none"   // re-plan everything in the window
)

// Plan statuses.
const (
	PlanRunning   = "running"
	PlanDone      = "done"
	PlanFailed    = "failed"
	PlanApplied   = "applied"
	PlanDiscarded = "discarded"
)

// Plan limits.
const (
	DefaultPlanTimeLimitS = 20
	MaxPlanTimeLimitS     = 600
	MaxPlanDays           = 62 // the longest window a plan may cover
	PlanLifetime          = 7 * 24 * time.Hour
)

// PrefWindow is a weekly stretch of clock time: on the ISO weekdays Days
// (1 = Monday … 7 = Sunday; empty = every day), from Start to End ("HH:MM";
// End ≤ Start crosses midnight into the next day).
type PrefWindow struct {
	Days  []int  `json:"days"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// Preferences are a guard's soft wishes, weighed by the planner.
type Preferences struct {
	GuardID int64 `json:"guard_id"`
	// Avoid: shifts overlapping these stretches are avoided.
	Avoid []PrefWindow `json:"avoid"`
	// Prefer: shifts inside these stretches are preferred.
	Prefer []PrefWindow `json:"prefer"`
	// MaxNightsPerMonth: the most night shifts a month the guard wishes
	// (0 = no wish).
	MaxNightsPerMonth int       `json:"max_nights_per_month"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// PlanRequest is what POST /api/v1/plans takes.
type PlanRequest struct {
	// From and To bound the window: dates (YYYY-MM-DD, office zone) or RFC
	// 3339 instants, rounded out to whole office days; To is exclusive.
	From     string  `json:"from"`
	To       string  `json:"to"`
	PostIDs  []int64 `json:"post_ids"`
	GuardIDs []int64 `json:"guard_ids,omitempty"` // nil: every active guard allowed at the posts
	Keep     string  `json:"keep,omitempty"`      // KeepAll (default), KeepManual, KeepNone
	// TimeLimitS defaults to DefaultPlanTimeLimitS, at most MaxPlanTimeLimitS.
	TimeLimitS int   `json:"time_limit_s,omitempty"`
	Seed       int64 `json:"seed,omitempty"`
	// Iterations, when > 0, stops the search after that many steps instead of
	// the time limit: the same seed and iterations give the same plan.
	Iterations int `json:"iterations,omitempty"`
}

// PlanShift is one shift of a plan.
type PlanShift struct {
	PostID  int64     `json:"post_id"`
	GuardID int64     `json:"guard_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	// ShiftID is the existing shift it keeps or changes (0 for a new one).
	ShiftID int64 `json:"shift_id,omitempty"`
	// Template names the post's template it follows ("" for a kept shift).
	Template string `json:"template,omitempty"`
	Kept     bool   `json:"kept,omitempty"` // an existing shift the plan keeps as it is
}

// PlanChange is an existing shift whose guard (or open state) the plan changes.
type PlanChange struct {
	ShiftID     int64     `json:"shift_id"`
	PostID      int64     `json:"post_id"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	FromGuardID *int64    `json:"from_guard_id"` // nil: the shift was open
	ToGuardID   int64     `json:"to_guard_id"`
}

// PlanRemoval is an existing shift the plan cancels.
type PlanRemoval struct {
	ShiftID int64     `json:"shift_id"`
	PostID  int64     `json:"post_id"`
	GuardID *int64    `json:"guard_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
}

// PlanDiff is what applying the plan does to the roster.
type PlanDiff struct {
	Added   []PlanShift   `json:"added"`
	Removed []PlanRemoval `json:"removed"`
	Changed []PlanChange  `json:"changed"`
}

// UnfilledReason says why one guard could not take an unfilled stretch.
type UnfilledReason struct {
	GuardID int64 `json:"guard_id"`
	// Rule: "time_off", "not_allowed", "inactive", "busy" (on another shift),
	// or a labour rule name (weekly_hours, rest_between_shifts, weekly_rest,
	// overtime_month, overtime_year, shift_length, daily_hours).
	Rule string `json:"rule"`
	// Message is the English text; Key and Args give it in any language
	// (catalogue area "planner", Vietnamese on the pages).
	Message string         `json:"message"`
	Key     string         `json:"key"`
	Args    map[string]any `json:"args,omitempty"`
}

// Unfilled is a stretch of a post the plan could not cover.
type Unfilled struct {
	PostID  int64            `json:"post_id"`
	Start   time.Time        `json:"start"`
	End     time.Time        `json:"end"`
	Missing int              `json:"missing"` // people short over the stretch
	Reasons []UnfilledReason `json:"reasons"`
}

// Fairness is the spread (most − least over the planned guards) of what the
// roster in the window gives each guard.
type Fairness struct {
	HoursSpread    float64 `json:"hours_spread"`
	NightsSpread   int     `json:"nights_spread"`
	WeekendsSpread int     `json:"weekends_spread"`
	HolidaysSpread int     `json:"holidays_spread"`
}

// GuardLoad is one guard's share of the plan's window (kept and planned shifts).
type GuardLoad struct {
	GuardID          int64   `json:"guard_id"`
	Hours            float64 `json:"hours"`
	Nights           int     `json:"nights"`
	Weekends         int     `json:"weekends"` // weekend days with duty
	Holidays         int     `json:"holidays"` // public-holiday days with duty
	PreferencesMet   int     `json:"preferences_met"`
	PreferencesTotal int     `json:"preferences_total"`
}

// PlanSummary sums a plan up.
type PlanSummary struct {
	RequiredHours  float64 `json:"required_hours"`
	CoveredHours   float64 `json:"covered_hours"`
	UncoveredHours float64 `json:"uncovered_hours"`
	// Breaches counts the labour-rule violations the plan causes.
	Breaches         int         `json:"breaches"`
	Fairness         Fairness    `json:"fairness"`
	PreferencesMet   int         `json:"preferences_met"`
	PreferencesTotal int         `json:"preferences_total"`
	Guards           []GuardLoad `json:"guards"`
	// MoreGuardsNeeded is how many more guards the uncovered hours need
	// within the weekly limit (0 when all is covered).
	MoreGuardsNeeded int    `json:"more_guards_needed"`
	Verdict          string `json:"verdict"`    // one sentence in English
	VerdictVi        string `json:"verdict_vi"` // the same in Vietnamese
}

// PlanProgress is how far a running plan has got.
type PlanProgress struct {
	ElapsedS      float64 `json:"elapsed_s"`
	BestObjective *int64  `json:"best_objective"` // nil until a first roster exists
}

// Plan is a proposed roster for some posts over a window.
type Plan struct {
	ID       int64        `json:"id"`
	Status   string       `json:"status"`
	From     time.Time    `json:"from"`
	To       time.Time    `json:"to"`
	PostIDs  []int64      `json:"post_ids"`
	GuardIDs []int64      `json:"guard_ids"`
	Keep     string       `json:"keep"`
	Seed     int64        `json:"seed"`
	Progress PlanProgress `json:"progress"`
	Summary  *PlanSummary `json:"summary"` // nil while running
	Shifts   []PlanShift  `json:"shifts"`
	Diff     PlanDiff     `json:"diff"`
	Unfilled []Unfilled   `json:"unfilled"`
	// Error says why a failed plan failed.
	Error string `json:"error,omitempty"`
	// RosterVersion is the roster's version of the planned posts when the
	// plan started; apply refuses (409) when it changed since.
	RosterVersion string    `json:"-"`
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// PlanApplyResult is the answer of applying a plan.
type PlanApplyResult struct {
	Created   int `json:"created"`
	Changed   int `json:"changed"`
	Cancelled int `json:"cancelled"`
}

// DefaultTemplates are the templates of a post that gives none, from its
// requirements: three 8-hour shifts from 06:00 (06–14, 14–22, 22–06, the
// night shift matching the Labor Code's night) for a requirement around the
// clock — from the post's rotation handover instead when a rotation holds it; for a window of the day, one shift covering it, or equal pieces of
// at most 12 hours where it is longer. Windows seen twice give one set.
func DefaultTemplates(p *Post) []ShiftTemplate {
	dayStart := 6 * 60
	if h, err := ParseClock(p.Handover); err == nil && p.Handover != "" {
		// A post held by a rotation is planned in shifts that start at
		// the rotation's handover, so that a plan taking days over from
		// the rotation meets its shifts at both ends without a gap.
		dayStart = h
	}
	out := []ShiftTemplate{}
	seen := map[string]bool{}
	add := func(name string, start, minutes int) {
		k := fmt.Sprintf("%d/%d", start, minutes)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, ShiftTemplate{Name: name, Start: FormatClock(start), Hours: float64(minutes) / 60})
	}
	for _, r := range p.Requirements {
		s, err1 := ParseClock(r.Start)
		e, err2 := ParseClock(r.End)
		if err1 != nil || err2 != nil || r.Headcount <= 0 {
			continue
		}
		if s == e {
			add("Ca sáng", dayStart, 8*60)
			add("Ca chiều", (dayStart+8*60)%(24*60), 8*60)
			add("Ca đêm", (dayStart+16*60)%(24*60), 8*60)
			continue
		}
		length := (e - s + 24*60) % (24 * 60)
		pieces := (length + 12*60 - 1) / (12 * 60)
		for i := 0; i < pieces; i++ {
			from := s + length*i/pieces
			to := s + length*(i+1)/pieces
			name := "Ca " + FormatClock(from) + "–" + FormatClock(to)
			add(name, from%(24*60), to-from)
		}
	}
	return out
}

// Templates are the post's shift templates, or DefaultTemplates when it has none.
func (p *Post) Templates() []ShiftTemplate {
	if len(p.ShiftTemplates) > 0 {
		return p.ShiftTemplates
	}
	return DefaultTemplates(p)
}
