// Package labour checks a duty roster against the working-time rules of the
// Vietnamese Labor Code 2019 (No. 45/2019/QH14, arts. 105–111) and suggests
// who should take a shift.
//
// Everything here is a pure function of its input: time is an argument, and
// nothing reads a clock, a file or the network. Durations are elapsed time
// (a 23-hour DST day has 23 hours); calendar periods — days, ISO weeks,
// months, years — are read in the office zone passed as Loc.
package labour

import (
	"math"
	"sort"

	"catruc/scheduler"
)

// Rule names, as they appear in Violation.Rule and as keys of Rules.Enforcement.
const (
	RuleShiftLength       = "shift_length"
	RuleDailyHours        = "daily_hours"
	RuleRestBetweenShifts = "rest_between_shifts"
	RuleWeeklyHours       = "weekly_hours"
	RuleWeeklyRest        = "weekly_rest"
	RuleOvertimeMonth     = "overtime_month"
	RuleOvertimeYear      = "overtime_year"
)

// RuleNames lists every rule in the order of the Labor Code table.
var RuleNames = []string{
	RuleShiftLength,
	RuleDailyHours,
	RuleRestBetweenShifts,
	RuleWeeklyHours,
	RuleWeeklyRest,
	RuleOvertimeMonth,
	RuleOvertimeYear,
}

// Enforcement modes: a warning is shown and the change goes through; a block
// refuses the change (the caller decides; see Rules.Blocking).
const (
	ModeWarn  = "warn"
	ModeBlock = "block"
)

// Rules are the labour limits a roster is checked against. All figures are
// hours of elapsed time.
type Rules struct {
	// MaxShiftHours bounds one stretch of continuous duty (Art. 105, 107). Default 12.
	MaxShiftHours float64 `json:"max_shift_hours"`
	// MaxDailyHours bounds the hours worked in a calendar day of the office
	// zone, normal plus overtime (Art. 107). Default 12.
	MaxDailyHours float64 `json:"max_daily_hours"`
	// MinRestHours is the least rest between two stretches of duty (Art. 110). Default 12; 0 disables.
	MinRestHours float64 `json:"min_rest_hours"`
	// MaxWeeklyHours bounds the hours of an ISO week (Art. 105); hours beyond
	// it are overtime. Default 48.
	MaxWeeklyHours float64 `json:"max_weekly_hours"`
	// MinWeeklyRestHours is the least uninterrupted rest inside each ISO week (Art. 111). Default 24; 0 disables.
	MinWeeklyRestHours float64 `json:"min_weekly_rest_hours"`
	// MaxOvertimeMonthHours bounds the overtime of a calendar month (Art. 107). Default 40.
	MaxOvertimeMonthHours float64 `json:"max_overtime_month_hours"`
	// MaxOvertimeYearHours bounds the overtime of a calendar year (Art. 107):
	// 200, or 300 in the sectors Decree 145/2020 lists. Default 200.
	MaxOvertimeYearHours float64 `json:"max_overtime_year_hours"`
	// NightStart and NightEnd bound night work (Art. 106), "HH:MM" in the
	// office zone; NightEnd before NightStart crosses midnight. Default 22:00–06:00.
	NightStart string `json:"night_start"`
	NightEnd   string `json:"night_end"`
	// Enforcement maps a rule name to ModeWarn or ModeBlock; a missing rule is ModeWarn.
	Enforcement map[string]string `json:"enforcement"`
	// CheckPolice: officers of unit "police" belong to another force, whose
	// hours are not the office's to check; they are skipped unless this is true.
	CheckPolice bool `json:"check_police"`
}

// Defaults returns the figures of the Labor Code 2019, every rule a warning.
func Defaults() Rules {
	enf := make(map[string]string, len(RuleNames))
	for _, r := range RuleNames {
		enf[r] = ModeWarn
	}
	return Rules{
		MaxShiftHours:         12,
		MaxDailyHours:         12,
		MinRestHours:          12,
		MaxWeeklyHours:        48,
		MinWeeklyRestHours:    24,
		MaxOvertimeMonthHours: 40,
		MaxOvertimeYearHours:  200,
		NightStart:            "22:00",
		NightEnd:              "06:00",
		Enforcement:           enf,
	}
}

// Validate checks the figures and fills in ModeWarn for rules that
// Enforcement leaves out. Errors are scheduler.Invalid naming the JSON field
// (e.g. "min_rest_hours", "enforcement.weekly_hours").
func (r *Rules) Validate() error {
	bounds := []struct {
		field    string
		v        float64
		min, max float64
	}{
		{"max_shift_hours", r.MaxShiftHours, 1, 24},
		{"max_daily_hours", r.MaxDailyHours, 1, 24},
		{"min_rest_hours", r.MinRestHours, 0, 48},
		{"max_weekly_hours", r.MaxWeeklyHours, 1, 168},
		{"min_weekly_rest_hours", r.MinWeeklyRestHours, 0, 168},
		{"max_overtime_month_hours", r.MaxOvertimeMonthHours, 0, 1000},
		{"max_overtime_year_hours", r.MaxOvertimeYearHours, 0, 5000},
	}
	for _, b := range bounds {
		// Written so that NaN fails too.
		if !(b.v >= b.min && b.v <= b.max) || math.IsInf(b.v, 0) {
			return scheduler.E(scheduler.EINVALID, b.field, "rules.hours_range", "min", b.min, "max", b.max)
		}
	}
	ns, err := scheduler.ParseClock(r.NightStart)
	if err != nil {
		return scheduler.AtField(err, "night_start")
	}
	ne, err := scheduler.ParseClock(r.NightEnd)
	if err != nil {
		return scheduler.AtField(err, "night_end")
	}
	if ns == ne {
		return scheduler.E(scheduler.EINVALID, "night_end", "rules.night_same")
	}
	keys := make([]string, 0, len(r.Enforcement))
	for k := range r.Enforcement {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first bad key reported is always the same one
	for _, k := range keys {
		if !isRule(k) {
			return scheduler.E(scheduler.EINVALID, "enforcement."+k, "rules.unknown_rule", "rule", k, "rules", RuleNames)
		}
		if m := r.Enforcement[k]; m != ModeWarn && m != ModeBlock {
			return scheduler.E(scheduler.EINVALID, "enforcement."+k, "rules.bad_mode", "mode", m)
		}
	}
	if r.Enforcement == nil {
		r.Enforcement = make(map[string]string, len(RuleNames))
	}
	for _, k := range RuleNames {
		if _, ok := r.Enforcement[k]; !ok {
			r.Enforcement[k] = ModeWarn
		}
	}
	return nil
}

// Mode returns how rule is enforced: ModeBlock if Enforcement says so, else ModeWarn.
func (r Rules) Mode(rule string) string {
	if r.Enforcement[rule] == ModeBlock {
		return ModeBlock
	}
	return ModeWarn
}

// Blocking returns the violations whose rule is enforced with ModeBlock: a
// change that causes any of them should be refused.
func (r Rules) Blocking(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		if r.Mode(v.Rule) == ModeBlock {
			out = append(out, v)
		}
	}
	return out
}

func isRule(s string) bool {
	for _, r := range RuleNames {
		if r == s {
			return true
		}
	}
	return false
}
