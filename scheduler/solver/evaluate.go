package solver

import "fmt"

// Violation is one broken hard rule of a roster.
type Violation struct {
	Member int // index into Model.Staff
	Day    int // first day concerned, -1 for a horizon-wide rule
	Rule   string
	Detail string
}

func (v Violation) String() string {
	return fmt.Sprintf("member %d day %d: %s: %s", v.Member, v.Day, v.Rule, v.Detail)
}

// Violations lists every hard rule r breaks, by a plain scan of each member's
// days (independent of the search's incremental bookkeeping).
func (m *Model) Violations(r Roster) []Violation {
	var out []Violation
	for e := range m.Staff {
		out = append(out, m.memberViolations(e, r[e])...)
	}
	return out
}

func (m *Model) memberViolations(e int, days []int) []Violation {
	st := &m.Staff[e]
	var out []Violation
	add := func(d int, rule, f string, a ...any) {
		out = append(out, Violation{Member: e, Day: d, Rule: rule, Detail: fmt.Sprintf(f, a...)})
	}
	if len(days) != m.Days {
		add(-1, "shape", "%d days, want %d", len(days), m.Days)
		return out
	}
	count := make([]int, len(m.Shifts))
	minutes := 0
	for d, s := range days {
		if s == Off {
			continue
		}
		if s < 0 || s >= len(m.Shifts) {
			add(d, "shift", "unknown shift %d", s)
			return out
		}
		count[s]++
		minutes += m.Shifts[s].Minutes
		if d > 0 && days[d-1] != Off && m.Forbidden[days[d-1]][s] {
			add(d, "succession", "%s may not follow %s", m.Shifts[s].ID, m.Shifts[days[d-1]].ID)
		}
	}
	for s, c := range count {
		if c > st.MaxShifts[s] {
			add(-1, "max-shifts", "%d shifts %s, at most %d", c, m.Shifts[s].ID, st.MaxShifts[s])
		}
	}
	if minutes < st.MinMinutes || minutes > st.MaxMinutes {
		add(-1, "minutes", "%d minutes, want %d..%d", minutes, st.MinMinutes, st.MaxMinutes)
	}
	for _, d := range st.DaysOff {
		if days[d] != Off {
			add(d, "day-off", "works on a day off")
		}
	}
	out = append(out, m.runViolations(e, days)...)
	if st.MaxWeekends >= 0 {
		if w := m.weekendsWorked(days); w > st.MaxWeekends {
			add(-1, "weekends", "%d weekends worked, at most %d", w, st.MaxWeekends)
		}
	}
	return append(out, m.extensionViolations(e, days, count)...)
}

// extensionViolations checks the planner's rules beyond the benchmark:
// windows, unavailable (day, shift) pairs and shift groups; count is the
// member's shifts per type.
func (m *Model) extensionViolations(e int, days, count []int) []Violation {
	st := &m.Staff[e]
	var out []Violation
	add := func(d int, rule, f string, a ...any) {
		out = append(out, Violation{Member: e, Day: d, Rule: rule, Detail: fmt.Sprintf(f, a...)})
	}
	for _, w := range st.Windows {
		from, to := m.clip(w)
		minutes, off := 0, 0
		for d := from; d < to; d++ {
			if days[d] == Off {
				off++
			} else {
				minutes += m.Shifts[days[d]].Minutes
			}
		}
		if w.MaxMinutes > 0 && minutes > w.MaxMinutes {
			add(from, "window-minutes", "%d minutes in days %d..%d, at most %d", minutes, from, to-1, w.MaxMinutes)
		}
		if from < to && off < w.MinOff {
			add(from, "window-days-off", "%d days off in days %d..%d, at least %d", off, from, to-1, w.MinOff)
		}
	}
	for _, u := range st.Unavailable {
		if days[u.Day] == u.Shift {
			add(u.Day, "unavailable", "works %s, unavailable", m.Shifts[u.Shift].ID)
		}
	}
	for gi, g := range st.Groups {
		n := 0
		for _, s := range g.Types {
			n += count[s]
		}
		if n > g.Max {
			add(-1, "group", "%d shifts of group %d, at most %d", n, gi, g.Max)
		}
	}
	return out
}

// fairCost is the fairness term of member e working minutes in all:
// FairWeight * |minutes - TargetMinutes| / 60.
func (m *Model) fairCost(e, minutes int) int64 {
	st := &m.Staff[e]
	if st.FairWeight == 0 {
		return 0
	}
	dev := int64(minutes - st.TargetMinutes)
	if dev < 0 {
		dev = -dev
	}
	return int64(st.FairWeight) * dev / 60
}

// workedMinutes is the sum of the lengths of the shifts of days.
func (m *Model) workedMinutes(days []int) int {
	n := 0
	for _, s := range days {
		if s != Off {
			n += m.Shifts[s].Minutes
		}
	}
	return n
}

// runViolations checks the bounds on runs of working days and days off.
func (m *Model) runViolations(e int, days []int) []Violation {
	st := &m.Staff[e]
	var out []Violation
	for start := 0; start < len(days); {
		end := start
		work := days[start] != Off
		for end+1 < len(days) && (days[end+1] != Off) == work {
			end++
		}
		n := end - start + 1
		edge := start == 0 || end == len(days)-1
		switch {
		case work && st.MaxConsecutive > 0 && n > st.MaxConsecutive:
			out = append(out, Violation{e, start, "max-consecutive", fmt.Sprintf("%d days in a row, at most %d", n, st.MaxConsecutive)})
		case work && !edge && n < st.MinConsecutive:
			out = append(out, Violation{e, start, "min-consecutive", fmt.Sprintf("%d days in a row, at least %d", n, st.MinConsecutive)})
		case !work && !edge && n < st.MinConsecutiveOff:
			out = append(out, Violation{e, start, "min-days-off", fmt.Sprintf("%d days off in a row, at least %d", n, st.MinConsecutiveOff)})
		}
		start = end + 1
	}
	return out
}

// weekendsWorked counts the weekends (a Saturday and the Sunday after it, or
// a lone weekend day at the horizon's edge) with at least one shift.
func (m *Model) weekendsWorked(days []int) int {
	n := 0
	for d := 0; d < len(days); d++ {
		if !m.IsWeekend(d) || days[d] == Off {
			continue
		}
		// Count a Sunday only if the Saturday before it (in the horizon) is off.
		if (m.FirstWeekday+d)%7 == 6 && d > 0 && days[d-1] != Off {
			continue
		}
		n++
	}
	return n
}

// Objective is the weighted penalty of r: unmet on-requests, met
// off-requests, cover short and over, and each member's distance from their
// fair share (fairCost).
func (m *Model) Objective(r Roster) int {
	total := 0
	for e := range m.Staff {
		total += m.requestCost(e, r[e])
		total += int(m.fairCost(e, m.workedMinutes(r[e])))
	}
	staffed := make([][]int, m.Days)
	for d := range staffed {
		staffed[d] = make([]int, len(m.Shifts))
	}
	for e := range r {
		for d, s := range r[e] {
			if s != Off {
				staffed[d][s]++
			}
		}
	}
	for d := range staffed {
		for s, n := range staffed[d] {
			total += coverCost(m.Cover[d][s], n)
		}
	}
	return total
}

func (m *Model) requestCost(e int, days []int) int {
	st := &m.Staff[e]
	c := 0
	for _, rq := range st.OnRequests {
		if days[rq.Day] != rq.Shift {
			c += rq.Weight
		}
	}
	for _, rq := range st.OffRequests {
		if days[rq.Day] == rq.Shift {
			c += rq.Weight
		}
	}
	return c
}

func coverCost(c Cover, n int) int {
	if n < c.Requirement {
		return (c.Requirement - n) * c.Under
	}
	return (n - c.Requirement) * c.Over
}
