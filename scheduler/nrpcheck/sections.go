package nrpcheck

import (
	"strings"
)

// fields splits a data line on commas and trims each field; it wants exactly
// len(names) fields, named in the error.
func (p *instanceParser) fields(l line, names ...string) ([]string, error) {
	f := strings.Split(l.text, ",")
	if len(f) != len(names) {
		return nil, p.errorf(l, "%d fields, want %d (%s)", len(f), len(names), strings.Join(names, ", "))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f, nil
}

// number reads a non-negative decimal integer (digits only).
func (p *instanceParser) number(l line, what, s string) (int, error) {
	if s == "" {
		return 0, p.errorf(l, "%s is empty", what)
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, p.errorf(l, "%s %q is not a non-negative integer", what, s)
		}
		n = n*10 + int(c-'0')
		if n > 1<<40 {
			return 0, p.errorf(l, "%s %q is too large", what, s)
		}
	}
	return n, nil
}

// id checks an identifier: not empty, no blank, ',', '|' or '='.
func (p *instanceParser) id(l line, what, s string) (string, error) {
	if s == "" {
		return "", p.errorf(l, "%s is empty", what)
	}
	if strings.ContainsAny(s, " \t,|=") {
		return "", p.errorf(l, "%s %q contains a blank, ',', '|' or '='", what, s)
	}
	return s, nil
}

func (p *instanceParser) day(l line, s string) (int, error) {
	d, err := p.number(l, "day", s)
	if err != nil {
		return 0, err
	}
	if d >= p.in.Horizon {
		return 0, p.errorf(l, "day %d is outside the horizon 0-%d", d, p.in.Horizon-1)
	}
	return d, nil
}

func (p *instanceParser) shiftRef(l line, s string) (int, error) {
	t, ok := p.in.shiftIndex[s]
	if !ok {
		return 0, p.errorf(l, "unknown shift %q", s)
	}
	return t, nil
}

func (p *instanceParser) staffRef(l line, s string) (int, error) {
	m, ok := p.in.staffIndex[s]
	if !ok {
		return 0, p.errorf(l, "unknown staff member %q", s)
	}
	return m, nil
}

func (p *instanceParser) horizon(ls []line) error {
	if len(ls) != 1 {
		return &ParseError{File: p.file, Line: firstLine(ls), Msg: "SECTION_HORIZON must have exactly one line, the number of days"}
	}
	h, err := p.number(ls[0], "horizon", strings.TrimSpace(ls[0].text))
	if err != nil {
		return err
	}
	if h < 1 {
		return p.errorf(ls[0], "horizon must be at least 1 day")
	}
	p.in.Horizon = h
	return nil
}

func firstLine(ls []line) int {
	if len(ls) == 0 {
		return 0
	}
	return ls[0].n
}

// shifts reads "ID, minutes, cannot-follow list" in two passes: the list may
// name shifts declared later.
func (p *instanceParser) shifts(ls []line) error {
	if len(ls) == 0 {
		return &ParseError{File: p.file, Msg: "SECTION_SHIFTS declares no shift"}
	}
	p.in.shiftIndex = map[string]int{}
	lists := make([]string, len(ls))
	for i, l := range ls {
		f, err := p.fields(l, "ShiftID", "Length in mins", "Shifts which cannot follow")
		if err != nil {
			return err
		}
		id, err := p.id(l, "shift ID", f[0])
		if err != nil {
			return err
		}
		if id == "-" {
			return p.errorf(l, `shift ID "-" is reserved for a day off`)
		}
		if _, dup := p.in.shiftIndex[id]; dup {
			return p.errorf(l, "shift %q declared twice", id)
		}
		minutes, err := p.number(l, "length", f[1])
		if err != nil {
			return err
		}
		p.in.shiftIndex[id] = i
		p.in.Shifts = append(p.in.Shifts, Shift{ID: id, Minutes: minutes})
		lists[i] = f[2]
	}
	for i, l := range ls {
		p.in.Shifts[i].CannotFollow = make([]bool, len(ls))
		if lists[i] == "" {
			continue
		}
		for _, s := range strings.Split(lists[i], "|") {
			t, err := p.shiftRef(l, strings.TrimSpace(s))
			if err != nil {
				return err
			}
			p.in.Shifts[i].CannotFollow[t] = true
		}
	}
	return nil
}

func (p *instanceParser) staff(ls []line) error {
	if len(ls) == 0 {
		return &ParseError{File: p.file, Msg: "SECTION_STAFF lists no member"}
	}
	p.in.staffIndex = map[string]int{}
	for i, l := range ls {
		f, err := p.fields(l, "ID", "MaxShifts", "MaxTotalMinutes", "MinTotalMinutes",
			"MaxConsecutiveShifts", "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends")
		if err != nil {
			return err
		}
		id, err := p.id(l, "staff ID", f[0])
		if err != nil {
			return err
		}
		if _, dup := p.in.staffIndex[id]; dup {
			return p.errorf(l, "staff member %q listed twice", id)
		}
		s := Staff{ID: id, DaysOff: make([]bool, p.in.Horizon)}
		if s.MaxShifts, err = p.maxShifts(l, id, f[1]); err != nil {
			return err
		}
		names := [...]string{"MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts",
			"MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends"}
		dsts := [...]*int{&s.MaxMinutes, &s.MinMinutes, &s.MaxConsecutive, &s.MinConsecutive, &s.MinDaysOff, &s.MaxWeekends}
		for j, dst := range dsts {
			if *dst, err = p.number(l, "staff "+id+": "+names[j], f[j+2]); err != nil {
				return err
			}
		}
		p.in.staffIndex[id] = i
		p.in.Staff = append(p.in.Staff, s)
	}
	return nil
}

// maxShifts reads "S=n|T=m|…": every declared shift type exactly once.
func (p *instanceParser) maxShifts(l line, staff, s string) ([]int, error) {
	out := make([]int, len(p.in.Shifts))
	set := make([]bool, len(p.in.Shifts))
	for _, item := range strings.Split(s, "|") {
		k, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return nil, p.errorf(l, "staff %s: MaxShifts item %q is not ShiftID=max", staff, item)
		}
		t, ok := p.in.shiftIndex[k]
		if !ok {
			return nil, p.errorf(l, "staff %s: MaxShifts: unknown shift %q", staff, k)
		}
		if set[t] {
			return nil, p.errorf(l, "staff %s: MaxShifts: shift %q given twice", staff, k)
		}
		n, err := p.number(l, "staff "+staff+": MaxShifts of "+k, v)
		if err != nil {
			return nil, err
		}
		out[t], set[t] = n, true
	}
	for t, ok := range set {
		if !ok {
			return nil, p.errorf(l, "staff %s: MaxShifts does not give shift %q", staff, p.in.Shifts[t].ID)
		}
	}
	return out, nil
}

// daysOff reads "ID, day, day, …"; several lines for a member are merged.
func (p *instanceParser) daysOff(ls []line) error {
	for _, l := range ls {
		f := strings.Split(l.text, ",")
		m, err := p.staffRef(l, strings.TrimSpace(f[0]))
		if err != nil {
			return err
		}
		for _, s := range f[1:] {
			d, err := p.day(l, strings.TrimSpace(s))
			if err != nil {
				return err
			}
			p.in.Staff[m].DaysOff[d] = true
		}
	}
	return nil
}

func (p *instanceParser) requests(ls []line, dst *[]Request) error {
	for _, l := range ls {
		f, err := p.fields(l, "EmployeeID", "Day", "ShiftID", "Weight")
		if err != nil {
			return err
		}
		var r Request
		if r.Staff, err = p.staffRef(l, f[0]); err != nil {
			return err
		}
		if r.Day, err = p.day(l, f[1]); err != nil {
			return err
		}
		if r.Shift, err = p.shiftRef(l, f[2]); err != nil {
			return err
		}
		if r.Weight, err = p.number(l, "weight", f[3]); err != nil {
			return err
		}
		*dst = append(*dst, r)
	}
	return nil
}

func (p *instanceParser) cover(ls []line) error {
	seen := map[[2]int]int{}
	for _, l := range ls {
		f, err := p.fields(l, "Day", "ShiftID", "Requirement", "Weight for under", "Weight for over")
		if err != nil {
			return err
		}
		var c Cover
		if c.Day, err = p.day(l, f[0]); err != nil {
			return err
		}
		if c.Shift, err = p.shiftRef(l, f[1]); err != nil {
			return err
		}
		if prev, dup := seen[[2]int{c.Day, c.Shift}]; dup {
			return p.errorf(l, "cover of day %d shift %s already given on line %d", c.Day, f[1], prev)
		}
		seen[[2]int{c.Day, c.Shift}] = l.n
		if c.Requirement, err = p.number(l, "requirement", f[2]); err != nil {
			return err
		}
		if c.Under, err = p.number(l, "weight for under", f[3]); err != nil {
			return err
		}
		if c.Over, err = p.number(l, "weight for over", f[4]); err != nil {
			return err
		}
		p.in.Cover = append(p.in.Cover, c)
	}
	return nil
}
