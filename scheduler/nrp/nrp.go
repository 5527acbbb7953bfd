// Package nrp reads the Curtois & Qu staff-scheduling benchmark format
// (schedulingbenchmarks.org, "instances1_24") into the solver's model and
// writes rosters in the text form `catruc nrp check` reads: one line per staff
// member, its ID then one token per day, "-" for a day off.
package nrp

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"catruc/scheduler/solver"
)

// Parse reads an instance. Day 0 is a Monday.
func Parse(r io.Reader) (*solver.Model, error) {
	p := &parser{m: &solver.Model{FirstWeekday: 0}, shiftIdx: map[string]int{}, staffIdx: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	section, line := "", 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "SECTION_") {
			section = t
			if err := p.enter(section); err != nil {
				return nil, fmt.Errorf("nrp: line %d: %w", line, err)
			}
			continue
		}
		if err := p.row(section, strings.Split(t, ",")); err != nil {
			return nil, fmt.Errorf("nrp: line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("nrp: %w", err)
	}
	if p.m.Days == 0 {
		return nil, fmt.Errorf("nrp: no SECTION_HORIZON")
	}
	if err := p.resolveForbidden(); err != nil {
		return nil, err
	}
	if p.m.Cover == nil {
		p.enter("SECTION_COVER")
	}
	if err := p.m.Validate(); err != nil {
		return nil, fmt.Errorf("nrp: %w", err)
	}
	return p.m, nil
}

type parser struct {
	m         *solver.Model
	shiftIdx  map[string]int
	staffIdx  map[string]int
	forbidden [][]string
}

// enter prepares the tables a section fills once the ones before it are known.
func (p *parser) enter(section string) error {
	m := p.m
	switch section {
	case "SECTION_STAFF", "SECTION_DAYS_OFF", "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
		if len(m.Shifts) == 0 {
			return fmt.Errorf("%s before SECTION_SHIFTS", section)
		}
	case "SECTION_COVER":
		if m.Days == 0 || len(m.Shifts) == 0 {
			return fmt.Errorf("%s before the horizon and the shifts", section)
		}
		if m.Cover == nil {
			m.Cover = make([][]solver.Cover, m.Days)
			for d := range m.Cover {
				m.Cover[d] = make([]solver.Cover, len(m.Shifts))
			}
		}
	}
	return nil
}

func (p *parser) row(section string, f []string) error {
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	switch section {
	case "SECTION_HORIZON":
		n, err := strconv.Atoi(f[0])
		if err != nil || n <= 0 || n > 10000 {
			return fmt.Errorf("bad horizon %q", f[0])
		}
		p.m.Days = n
	case "SECTION_SHIFTS":
		return p.shift(f)
	case "SECTION_STAFF":
		return p.staff(f)
	case "SECTION_DAYS_OFF":
		return p.daysOff(f)
	case "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
		return p.request(section == "SECTION_SHIFT_ON_REQUESTS", f)
	case "SECTION_COVER":
		return p.cover(f)
	default:
		return fmt.Errorf("data outside a known section (%q)", section)
	}
	return nil
}

func ints(f []string) ([]int, error) {
	out := make([]int, len(f))
	for i, s := range f {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		out[i] = n
	}
	return out, nil
}

func (p *parser) shift(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("a shift needs ID, minutes, successors")
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 0 {
		return fmt.Errorf("bad shift length %q", f[1])
	}
	if _, dup := p.shiftIdx[f[0]]; dup {
		return fmt.Errorf("shift %s twice", f[0])
	}
	p.shiftIdx[f[0]] = len(p.m.Shifts)
	p.m.Shifts = append(p.m.Shifts, solver.ShiftType{ID: f[0], Minutes: n})
	var next []string
	if len(f) > 2 && f[2] != "" {
		next = strings.Split(f[2], "|")
	}
	p.forbidden = append(p.forbidden, next)
	return nil
}

func (p *parser) resolveForbidden() error {
	S := len(p.m.Shifts)
	p.m.Forbidden = make([][]bool, S)
	for a := range p.m.Forbidden {
		p.m.Forbidden[a] = make([]bool, S)
		for _, id := range p.forbidden[a] {
			b, ok := p.shiftIdx[strings.TrimSpace(id)]
			if !ok {
				return fmt.Errorf("nrp: shift %s: unknown successor %q", p.m.Shifts[a].ID, id)
			}
			p.m.Forbidden[a][b] = true
		}
	}
	return nil
}

func (p *parser) staff(f []string) error {
	if len(f) != 8 {
		return fmt.Errorf("a staff line has 8 fields, got %d", len(f))
	}
	n, err := ints(f[2:])
	if err != nil {
		return err
	}
	st := solver.Member{ID: f[0], MaxShifts: make([]int, len(p.m.Shifts)),
		MaxMinutes: n[0], MinMinutes: n[1], MaxConsecutive: n[2], MinConsecutive: n[3],
		MinConsecutiveOff: n[4], MaxWeekends: n[5]}
	for i := range st.MaxShifts {
		st.MaxShifts[i] = p.m.Days // a type not listed is not limited
	}
	for _, kv := range strings.Split(f[1], "|") {
		k, v, ok := strings.Cut(kv, "=")
		s, known := p.shiftIdx[k]
		c, err := strconv.Atoi(v)
		if !ok || !known || err != nil || c < 0 {
			return fmt.Errorf("bad MaxShifts entry %q", kv)
		}
		st.MaxShifts[s] = c
	}
	if _, dup := p.staffIdx[st.ID]; dup {
		return fmt.Errorf("staff %s twice", st.ID)
	}
	p.staffIdx[st.ID] = len(p.m.Staff)
	p.m.Staff = append(p.m.Staff, st)
	return nil
}

func (p *parser) member(id string) (*solver.Member, error) {
	e, ok := p.staffIdx[id]
	if !ok {
		return nil, fmt.Errorf("unknown staff %q", id)
	}
	return &p.m.Staff[e], nil
}

func (p *parser) daysOff(f []string) error {
	st, err := p.member(f[0])
	if err != nil {
		return err
	}
	days, err := ints(f[1:])
	if err != nil {
		return err
	}
	st.DaysOff = append(st.DaysOff, days...)
	return nil
}

func (p *parser) request(on bool, f []string) error {
	if len(f) != 4 {
		return fmt.Errorf("a request has 4 fields, got %d", len(f))
	}
	st, err := p.member(f[0])
	if err != nil {
		return err
	}
	s, ok := p.shiftIdx[f[2]]
	if !ok {
		return fmt.Errorf("unknown shift %q", f[2])
	}
	n, err := ints([]string{f[1], f[3]})
	if err != nil {
		return err
	}
	rq := solver.Request{Day: n[0], Shift: s, Weight: n[1]}
	if on {
		st.OnRequests = append(st.OnRequests, rq)
	} else {
		st.OffRequests = append(st.OffRequests, rq)
	}
	return nil
}

func (p *parser) cover(f []string) error {
	if len(f) != 5 {
		return fmt.Errorf("a cover line has 5 fields, got %d", len(f))
	}
	s, ok := p.shiftIdx[f[1]]
	if !ok {
		return fmt.Errorf("unknown shift %q", f[1])
	}
	n, err := ints([]string{f[0], f[2], f[3], f[4]})
	if err != nil {
		return err
	}
	if n[0] < 0 || n[0] >= p.m.Days {
		return fmt.Errorf("cover day %d outside the horizon", n[0])
	}
	p.m.Cover[n[0]][s] = solver.Cover{Requirement: n[1], Under: n[2], Over: n[3]}
	return nil
}

// WriteRoster writes r: one line per member in the model's order, its ID then
// one token per day separated by single spaces, "-" for a day off.
func WriteRoster(w io.Writer, m *solver.Model, r solver.Roster) error {
	bw := bufio.NewWriter(w)
	for e, st := range m.Staff {
		bw.WriteString(st.ID)
		for _, s := range r[e] {
			bw.WriteByte(' ')
			if s == solver.Off {
				bw.WriteByte('-')
			} else {
				bw.WriteString(m.Shifts[s].ID)
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
