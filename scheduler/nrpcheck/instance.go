// Package nrpcheck is the independent evaluator of the Curtois & Qu
// staff-scheduling benchmark (schedulingbenchmarks.org, "instances1_24"): it
// reads an instance and a roster itself, lists every broken hard constraint
// and computes the objective, as docs/nrp.md defines them.
//
// It shares no code with the solver on purpose (it imports nothing of
// catruc): the solver and this checker agree through the document, so a
// misreading of the benchmark has to be made twice, the same way, to pass.
package nrpcheck

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Shift is a shift type.
type Shift struct {
	ID      string
	Minutes int // length, counted in the member's total minutes
	// CannotFollow[t] is true when shift type t may not be worked on the day
	// after this one (indexed like Instance.Shifts).
	CannotFollow []bool
}

// Staff is one member and their hard limits.
type Staff struct {
	ID string
	// MaxShifts[t] is how many shifts of type t the member may work in the
	// horizon (indexed like Instance.Shifts); 0 means not at all.
	MaxShifts      []int
	MaxMinutes     int // total minutes worked, upper bound
	MinMinutes     int // total minutes worked, lower bound
	MaxConsecutive int // worked days in a row, upper bound
	MinConsecutive int // worked days in a row, lower bound (not for runs at the horizon's edges)
	MinDaysOff     int // days off in a row, lower bound (not for runs at the horizon's edges)
	MaxWeekends    int // weekends with a shift on Saturday or Sunday
	// DaysOff[d] is true when the member must not work on day d.
	DaysOff []bool
}

// Request is a line of SECTION_SHIFT_ON_REQUESTS or SECTION_SHIFT_OFF_REQUESTS.
type Request struct {
	Staff, Day, Shift int // indexes into Instance.Staff, the horizon and Instance.Shifts
	Weight            int
}

// Cover is a line of SECTION_COVER: Requirement members wanted on Shift on Day.
type Cover struct {
	Day, Shift  int
	Requirement int
	Under       int // cost of each member short
	Over        int // cost of each member too many
}

// Instance is a parsed benchmark instance. Day 0 is a Monday.
type Instance struct {
	Horizon     int // days, numbered 0 … Horizon-1
	Shifts      []Shift
	Staff       []Staff // in the file's order: the roster's order
	OnRequests  []Request
	OffRequests []Request
	Cover       []Cover

	shiftIndex map[string]int
	staffIndex map[string]int
}

// Section names, in the order they are parsed (later ones refer to earlier).
var sectionNames = []string{
	"SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
	"SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
}

// requiredSections must be present; the others may be absent (empty).
var requiredSections = map[string]bool{"SECTION_HORIZON": true, "SECTION_SHIFTS": true, "SECTION_STAFF": true}

// ReadInstance parses the instance file at path; errors name the path and line.
func ReadInstance(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseInstance(path, f)
}

// ParseInstance parses an instance; name is the file name errors give.
func ParseInstance(name string, r io.Reader) (*Instance, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &instanceParser{file: name, in: &Instance{}}
	sections, err := p.split(lines)
	if err != nil {
		return nil, err
	}
	steps := map[string]func([]line) error{
		"SECTION_HORIZON":            p.horizon,
		"SECTION_SHIFTS":             p.shifts,
		"SECTION_STAFF":              p.staff,
		"SECTION_DAYS_OFF":           p.daysOff,
		"SECTION_SHIFT_ON_REQUESTS":  func(ls []line) error { return p.requests(ls, &p.in.OnRequests) },
		"SECTION_SHIFT_OFF_REQUESTS": func(ls []line) error { return p.requests(ls, &p.in.OffRequests) },
		"SECTION_COVER":              p.cover,
	}
	for _, s := range sectionNames {
		if err := steps[s](sections[s]); err != nil {
			return nil, err
		}
	}
	return p.in, nil
}

type instanceParser struct {
	file string
	in   *Instance
}

func (p *instanceParser) errorf(l line, format string, args ...any) error {
	return &ParseError{File: p.file, Line: l.n, Msg: fmt.Sprintf(format, args...)}
}

// split drops comments and blank lines and groups data lines by section.
func (p *instanceParser) split(lines []line) (map[string][]line, error) {
	known := map[string]bool{}
	for _, s := range sectionNames {
		known[s] = true
	}
	sections := map[string][]line{}
	seen := map[string]bool{}
	current := ""
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "SECTION_"):
			if !known[t] {
				return nil, p.errorf(l, "unknown section %q", t)
			}
			if seen[t] {
				return nil, p.errorf(l, "%s appears twice", t)
			}
			seen[t], current = true, t
		case current == "":
			return nil, p.errorf(l, "data before the first SECTION_ line")
		default:
			sections[current] = append(sections[current], l)
		}
	}
	for _, s := range sectionNames {
		if requiredSections[s] && !seen[s] {
			return nil, &ParseError{File: p.file, Msg: s + " is missing"}
		}
	}
	return sections, nil
}
