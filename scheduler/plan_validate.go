package scheduler

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Limits of what the planner takes.
const (
	MaxShiftTemplates = 12  // templates of one post
	MaxTemplateName   = 100 // characters of a template's name
	MaxPrefWindows    = 20  // avoid (and prefer) windows of one guard
	MaxNightsPerMonth = 31
	MaxPlanGuards     = 500 // guard_ids of one plan request
)

// ValidateTemplates checks a post's shift templates; field names the list
// ("shift_templates"), errors name the member at fault
// ("shift_templates[1].hours").
func ValidateTemplates(field string, ts []ShiftTemplate) error {
	if len(ts) > MaxShiftTemplates {
		return E(EINVALID, field, "plan.templates_count", "max", MaxShiftTemplates)
	}
	seen := map[string]bool{}
	for i := range ts {
		t := &ts[i]
		f := fmt.Sprintf("%s[%d]", field, i)
		t.Name = strings.TrimSpace(t.Name)
		if err := validateText(f+".name", t.Name, true, MaxTemplateName); err != nil {
			return err
		}
		if seen[t.Name] {
			return E(EINVALID, f+".name", "plan.template_name_twice", "name", t.Name)
		}
		seen[t.Name] = true
		if _, err := ParseClock(t.Start); err != nil {
			return AtField(err, f+".start")
		}
		if math.IsNaN(t.Hours) || t.Hours <= 0 || t.Hours > 24 {
			return E(EINVALID, f+".hours", "plan.template_hours_range", "max", 24)
		}
		if m := t.Hours * 60; math.Abs(m-math.Round(m)) > 1e-6 {
			return E(EINVALID, f+".hours", "plan.template_whole_minutes")
		}
	}
	return nil
}

// Minutes is the template's length in minutes.
func (t ShiftTemplate) Minutes() int { return int(math.Round(t.Hours * 60)) }

// Validate checks a guard's preferences (and fills nil lists with empty ones).
func (p *Preferences) Validate() error {
	if p.Avoid == nil {
		p.Avoid = []PrefWindow{}
	}
	if p.Prefer == nil {
		p.Prefer = []PrefWindow{}
	}
	for _, l := range []struct {
		field string
		ws    []PrefWindow
	}{{"avoid", p.Avoid}, {"prefer", p.Prefer}} {
		if len(l.ws) > MaxPrefWindows {
			return E(EINVALID, l.field, "plan.pref_windows_count", "max", MaxPrefWindows)
		}
		for i := range l.ws {
			if err := l.ws[i].validate(fmt.Sprintf("%s[%d]", l.field, i)); err != nil {
				return err
			}
		}
	}
	if p.MaxNightsPerMonth < 0 || p.MaxNightsPerMonth > MaxNightsPerMonth {
		return E(EINVALID, "max_nights_per_month", "common.range", "min", 0, "max", MaxNightsPerMonth)
	}
	return nil
}

func (w *PrefWindow) validate(field string) error {
	if w.Days == nil {
		w.Days = []int{}
	}
	seen := map[int]bool{}
	for _, d := range w.Days {
		if d < 1 || d > 7 {
			return E(EINVALID, field+".days", "requirement.bad_weekday", "day", d)
		}
		if seen[d] {
			return E(EINVALID, field+".days", "requirement.weekday_twice", "day", d)
		}
		seen[d] = true
	}
	if _, err := ParseClock(w.Start); err != nil {
		return AtField(err, field+".start")
	}
	if _, err := ParseClock(w.End); err != nil {
		return AtField(err, field+".end")
	}
	return nil
}

// PlanWindow is a plan request's window: office midnights, To exclusive.
type PlanWindow struct {
	From, To time.Time
}

// Days is the number of office days in the window.
func (w PlanWindow) Days(loc *time.Location) int {
	n := 0
	for d := w.From; d.Before(w.To); n++ {
		t := d.In(loc)
		d = DateStart(t.Year(), t.Month(), t.Day()+1, loc)
	}
	return n
}

// Validate checks a plan request on its own (that its posts and guards
// exist is the service's) and fills its defaults. It returns the window,
// rounded out to whole office days of loc. Errors name the field.
func (r *PlanRequest) Validate(loc *time.Location) (PlanWindow, error) {
	var w PlanWindow
	if r.From == "" {
		return w, E(EINVALID, "from", "common.required")
	}
	if r.To == "" {
		return w, E(EINVALID, "to", "common.required")
	}
	from, err := ParseInstant(r.From, loc)
	if err != nil {
		return w, AtField(err, "from")
	}
	to, err := ParseInstant(r.To, loc)
	if err != nil {
		return w, AtField(err, "to")
	}
	w.From = DayStart(from, loc)
	w.To = DayStart(to, loc)
	if w.To.Before(to) {
		t := w.To.In(loc)
		w.To = DateStart(t.Year(), t.Month(), t.Day()+1, loc)
	}
	if !w.To.After(w.From) {
		return w, E(EINVALID, "to", "plan.to_before_from")
	}
	if w.From.Year() < 2000 || w.To.Year() > 2199 {
		return w, E(EINVALID, "from", "plan.window_years", "min", 2000, "max", 2199)
	}
	if n := w.Days(loc); n > MaxPlanDays {
		return w, E(EINVALID, "to", "plan.window_too_long", "days", MaxPlanDays)
	}
	if err := r.validateLists(); err != nil {
		return w, err
	}
	if r.Keep == "" {
		r.Keep = KeepAll
	}
	if r.Keep != KeepAll && r.Keep != KeepManual && r.Keep != KeepNone {
		return w, E(EINVALID, "keep", "plan.keep_unknown")
	}
	if r.TimeLimitS == 0 {
		r.TimeLimitS = DefaultPlanTimeLimitS
	}
	if r.TimeLimitS < 1 || r.TimeLimitS > MaxPlanTimeLimitS {
		return w, E(EINVALID, "time_limit_s", "common.range", "min", 1, "max", MaxPlanTimeLimitS)
	}
	if r.Iterations < 0 || r.Iterations > 1e9 {
		return w, E(EINVALID, "iterations", "common.range", "min", 0, "max", int(1e9))
	}
	return w, nil
}

// validateLists checks post_ids and guard_ids: positive ids, none twice.
func (r *PlanRequest) validateLists() error {
	if len(r.PostIDs) == 0 {
		return E(EINVALID, "post_ids", "plan.no_posts")
	}
	for _, l := range []struct {
		field string
		ids   []int64
		max   int
	}{{"post_ids", r.PostIDs, 200}, {"guard_ids", r.GuardIDs, MaxPlanGuards}} {
		if len(l.ids) > l.max {
			return E(EINVALID, l.field, "plan.too_many_ids", "max", l.max)
		}
		seen := map[int64]bool{}
		for _, id := range l.ids {
			if id <= 0 {
				return E(EINVALID, l.field, "common.bad_id")
			}
			if seen[id] {
				return E(EINVALID, l.field, "plan.id_twice", "id", id)
			}
			seen[id] = true
		}
	}
	return nil
}
