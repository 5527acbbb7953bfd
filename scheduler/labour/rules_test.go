package labour

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"catruc/scheduler"
)

// Ensure the defaults are the Labor Code figures, valid, and marshal to the
// documented JSON shape, which also reads back into the same rules.
func TestDefaultsJSON(t *testing.T) {
	d := Defaults()
	if err := d.Validate(); err != nil {
		t.Fatalf("Defaults().Validate() = %v", err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"max_shift_hours":12,"max_daily_hours":12,"min_rest_hours":12,"max_weekly_hours":48,` +
		`"min_weekly_rest_hours":24,"max_overtime_month_hours":40,"max_overtime_year_hours":200,` +
		`"night_start":"22:00","night_end":"06:00","enforcement":{"daily_hours":"warn","overtime_month":"warn",` +
		`"overtime_year":"warn","rest_between_shifts":"warn","shift_length":"warn","weekly_hours":"warn",` +
		`"weekly_rest":"warn"},"check_police":false}`
	if got := string(b); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var back Rules
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip: got %+v, want %+v", back, d)
	}
}

// Ensure Validate accepts the bounds themselves, refuses what lies beyond
// them, and names the field at fault as a scheduler.Invalid error.
func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(r *Rules)
		field string // "" when valid
	}{
		{"defaults", func(r *Rules) {}, ""},
		{"shift 1 h", func(r *Rules) { r.MaxShiftHours = 1 }, ""},
		{"shift 24 h", func(r *Rules) { r.MaxShiftHours = 24 }, ""},
		{"shift 0.5 h", func(r *Rules) { r.MaxShiftHours = 0.5 }, "max_shift_hours"},
		{"shift 24.5 h", func(r *Rules) { r.MaxShiftHours = 24.5 }, "max_shift_hours"},
		{"shift NaN", func(r *Rules) { r.MaxShiftHours = math.NaN() }, "max_shift_hours"},
		{"daily 0", func(r *Rules) { r.MaxDailyHours = 0 }, "max_daily_hours"},
		{"daily 25", func(r *Rules) { r.MaxDailyHours = 25 }, "max_daily_hours"},
		{"rest 0", func(r *Rules) { r.MinRestHours = 0 }, ""},
		{"rest 48", func(r *Rules) { r.MinRestHours = 48 }, ""},
		{"rest negative", func(r *Rules) { r.MinRestHours = -1 }, "min_rest_hours"},
		{"rest 48.5", func(r *Rules) { r.MinRestHours = 48.5 }, "min_rest_hours"},
		{"weekly 168", func(r *Rules) { r.MaxWeeklyHours = 168 }, ""},
		{"weekly 0", func(r *Rules) { r.MaxWeeklyHours = 0 }, "max_weekly_hours"},
		{"weekly 169", func(r *Rules) { r.MaxWeeklyHours = 169 }, "max_weekly_hours"},
		{"weekly rest 168", func(r *Rules) { r.MinWeeklyRestHours = 168 }, ""},
		{"weekly rest 169", func(r *Rules) { r.MinWeeklyRestHours = 169 }, "min_weekly_rest_hours"},
		{"month 0", func(r *Rules) { r.MaxOvertimeMonthHours = 0 }, ""},
		{"month 1001", func(r *Rules) { r.MaxOvertimeMonthHours = 1001 }, "max_overtime_month_hours"},
		{"month infinite", func(r *Rules) { r.MaxOvertimeMonthHours = math.Inf(1) }, "max_overtime_month_hours"},
		{"year 300", func(r *Rules) { r.MaxOvertimeYearHours = 300 }, ""},
		{"year -1", func(r *Rules) { r.MaxOvertimeYearHours = -1 }, "max_overtime_year_hours"},
		{"year 5001", func(r *Rules) { r.MaxOvertimeYearHours = 5001 }, "max_overtime_year_hours"},
		{"night start 25:00", func(r *Rules) { r.NightStart = "25:00" }, "night_start"},
		{"night start 9:00", func(r *Rules) { r.NightStart = "9:00" }, "night_start"},
		{"night end empty", func(r *Rules) { r.NightEnd = "" }, "night_end"},
		{"night end equals start", func(r *Rules) { r.NightEnd = "22:00" }, "night_end"},
		{"night within a day", func(r *Rules) { r.NightStart, r.NightEnd = "00:00", "05:00" }, ""},
		{"enforcement block", func(r *Rules) { r.Enforcement[RuleWeeklyHours] = ModeBlock }, ""},
		{"enforcement bad mode", func(r *Rules) { r.Enforcement[RuleWeeklyHours] = "deny" }, "enforcement.weekly_hours"},
		{"enforcement unknown rule", func(r *Rules) { r.Enforcement["weekly_hour"] = ModeWarn }, "enforcement.weekly_hour"},
		{"enforcement nil", func(r *Rules) { r.Enforcement = nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Defaults()
			tt.edit(&r)
			err := r.Validate()
			if got, want := scheduler.ErrorField(err), tt.field; got != want {
				t.Fatalf("field: got %q, want %q (err %v)", got, want, err)
			}
			if tt.field != "" {
				if got, want := scheduler.ErrorCode(err), scheduler.EINVALID; got != want {
					t.Errorf("code: got %q, want %q", got, want)
				}
			}
		})
	}
}

// Ensure Validate fills in "warn" for the rules Enforcement leaves out and
// keeps the modes it gives, and that Mode and Blocking read them.
func TestEnforcementDefaults(t *testing.T) {
	r := Defaults()
	r.Enforcement = map[string]string{RuleRestBetweenShifts: ModeBlock}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, rule := range RuleNames {
		want := ModeWarn
		if rule == RuleRestBetweenShifts {
			want = ModeBlock
		}
		if got := r.Enforcement[rule]; got != want {
			t.Errorf("Enforcement[%s]: got %q, want %q", rule, got, want)
		}
		if got := r.Mode(rule); got != want {
			t.Errorf("Mode(%s): got %q, want %q", rule, got, want)
		}
	}
	if got, want := (Rules{}).Mode(RuleDailyHours), ModeWarn; got != want {
		t.Errorf("Mode with no enforcement: got %q, want %q", got, want)
	}
	vs := []Violation{{Rule: RuleDailyHours}, {Rule: RuleRestBetweenShifts, GuardID: 7}, {Rule: RuleWeeklyHours}}
	got := r.Blocking(vs)
	if len(got) != 1 || got[0].GuardID != 7 {
		t.Errorf("Blocking: got %+v, want only the rest_between_shifts violation", got)
	}
}
