package nrpcheck

import (
	"fmt"
	"strings"
)

// Hard rules, in the order of docs/nrp.md §3 (and of the report).
const (
	RuleMaxShifts      = "max shifts"
	RuleMaxMinutes     = "max total minutes"
	RuleMinMinutes     = "min total minutes"
	RuleSuccession     = "forbidden succession"
	RuleMaxConsecutive = "max consecutive shifts"
	RuleMinConsecutive = "min consecutive shifts"
	RuleMinDaysOff     = "min consecutive days off"
	RuleMaxWeekends    = "max weekends"
	RuleDayOff         = "day off"
)

// Violation is one broken hard constraint: a member, the rule, and the days
// and value against the limit in words.
type Violation struct {
	Staff  string
	Rule   string
	Detail string
}

func (v Violation) String() string {
	return fmt.Sprintf("violation: %s: %s: %s", v.Staff, v.Rule, v.Detail)
}

// Evaluate checks ro against in: every broken hard constraint, in staff order
// then rule order then day, and the objective's four terms.
func Evaluate(in *Instance, ro Roster) Report {
	var rep Report
	for m := range in.Staff {
		rep.Violations = append(rep.Violations, memberViolations(in, m, ro[m])...)
	}
	rep.objective(in, ro)
	return rep
}

// memberViolations lists what member m breaks when working row.
func memberViolations(in *Instance, m int, row []int) []Violation {
	s := in.Staff[m]
	var out []Violation
	add := func(rule, format string, args ...any) {
		out = append(out, Violation{Staff: s.ID, Rule: rule, Detail: fmt.Sprintf(format, args...)})
	}
	// Shift counts per type, and total minutes.
	days := make([][]int, len(in.Shifts))
	minutes := 0
	for d, t := range row {
		if t != Off {
			days[t] = append(days[t], d)
			minutes += in.Shifts[t].Minutes
		}
	}
	for t, ds := range days {
		if len(ds) > s.MaxShifts[t] {
			add(RuleMaxShifts, "%s: %d > %d (%s)", in.Shifts[t].ID, len(ds), s.MaxShifts[t], dayList(ds))
		}
	}
	if minutes > s.MaxMinutes {
		add(RuleMaxMinutes, "%d > %d", minutes, s.MaxMinutes)
	}
	if minutes < s.MinMinutes {
		add(RuleMinMinutes, "%d < %d", minutes, s.MinMinutes)
	}
	// Successions between d and d+1, inside the horizon only.
	for d := 0; d+1 < len(row); d++ {
		a, b := row[d], row[d+1]
		if a != Off && b != Off && in.Shifts[a].CannotFollow[b] {
			add(RuleSuccession, "%s %s then %s %s", dayName(d), in.Shifts[a].ID, dayName(d+1), in.Shifts[b].ID)
		}
	}
	out = append(out, runViolations(s, row)...)
	if worked := workedWeekends(row); len(worked) > s.MaxWeekends {
		add(RuleMaxWeekends, "%d > %d (%s)", len(worked), s.MaxWeekends, weekendList(worked, len(row)))
	}
	for d, t := range row {
		if t != Off && s.DaysOff[d] {
			add(RuleDayOff, "%s worked (%s)", dayName(d), in.Shifts[t].ID)
		}
	}
	return out
}

// run is a maximal stretch of worked days, or of days off.
type run struct {
	start, end int // inclusive
	worked     bool
}

func runs(row []int) []run {
	var out []run
	for d := 0; d < len(row); {
		worked := row[d] != Off
		e := d
		for e+1 < len(row) && (row[e+1] != Off) == worked {
			e++
		}
		out = append(out, run{start: d, end: e, worked: worked})
		d = e + 1
	}
	return out
}

// runViolations checks the consecutive rules, first the maxima on every run,
// then the minima on runs that touch neither edge of the horizon.
func runViolations(s Staff, row []int) []Violation {
	var maxs, mins, offs []Violation
	for _, r := range runs(row) {
		n := r.end - r.start + 1
		inside := r.start > 0 && r.end < len(row)-1
		v := func(rule, cmp string, limit int) Violation {
			return Violation{Staff: s.ID, Rule: rule, Detail: fmt.Sprintf("%s: %d in a row %s %d", span(r.start, r.end), n, cmp, limit)}
		}
		if r.worked && n > s.MaxConsecutive {
			maxs = append(maxs, v(RuleMaxConsecutive, ">", s.MaxConsecutive))
		}
		if r.worked && inside && n < s.MinConsecutive {
			mins = append(mins, v(RuleMinConsecutive, "<", s.MinConsecutive))
		}
		if !r.worked && inside && n < s.MinDaysOff {
			offs = append(offs, v(RuleMinDaysOff, "<", s.MinDaysOff))
		}
	}
	return append(append(maxs, mins...), offs...)
}

// workedWeekends returns the weekends (0, 1, …) with a shift on their
// Saturday (day 7w+5) or Sunday (7w+6); days beyond the horizon do not exist.
func workedWeekends(row []int) []int {
	var out []int
	for w := 0; 7*w+5 < len(row); w++ {
		sat, sun := 7*w+5, 7*w+6
		if row[sat] != Off || (sun < len(row) && row[sun] != Off) {
			out = append(out, w)
		}
	}
	return out
}

var weekday = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// dayName is "day 5 (Sat)": day 0 is a Monday.
func dayName(d int) string { return fmt.Sprintf("day %d (%s)", d, weekday[d%7]) }

// span is "days 3-9 (Thu-Wed)", or dayName for a single day.
func span(a, b int) string {
	if a == b {
		return dayName(a)
	}
	return fmt.Sprintf("days %d-%d (%s-%s)", a, b, weekday[a%7], weekday[b%7])
}

// dayList is "days 1, 5, 9" or "day 4".
func dayList(ds []int) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = fmt.Sprint(d)
	}
	if len(ds) == 1 {
		return "day " + s[0]
	}
	return "days " + strings.Join(s, ", ")
}

// weekendList is "weekends of days 5-6, 19-20" (a Saturday alone at the end
// of the horizon is "12").
func weekendList(ws []int, horizon int) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		if 7*w+6 < horizon {
			s[i] = fmt.Sprintf("%d-%d", 7*w+5, 7*w+6)
		} else {
			s[i] = fmt.Sprint(7*w + 5)
		}
	}
	return "weekends of days " + strings.Join(s, ", ")
}
