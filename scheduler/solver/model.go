// Package solver rosters staff over a horizon of days: at most one shift a day
// per member, every member's hard rules kept, and a weighted sum of unmet
// requests and cover shortfalls/excesses minimised. It is the planner's core
// and a superset of the Curtois & Qu staff-scheduling benchmark model
// (schedulingbenchmarks.org, instances1_24).
//
// Every hard rule of the model is a rule on one member's own sequence of days;
// the members interact only through the soft cover terms. The search exploits
// that: it re-rosters a member optimally by dynamic programming against the
// marginal cover costs of everyone else (dp.go), inside a large-neighbourhood
// search with late acceptance (search.go). On models of up to 1,000
// day-shifts, a branch and price (colgen.go, over the simplex of lp.go) takes
// the search's best roster and the schedules it tried, prices new schedules
// with the same DP against the relaxation's duals, dives to whole rosters and
// hands them back to the search.
//
// Beyond the benchmark, a member may carry the planner's own rules (see
// Member): hard windows over ranges of days (minutes and days off, e.g. 48 h
// and a day of rest per ISO week), unavailable (day, shift) pairs, limits on
// groups of shift types (nights across posts), and a soft pull of the member's
// worked minutes towards a fair share. All stay rules on one member's own
// days, so the shape above holds; a member without them costs the search
// nothing more than a benchmark member.
//
// Pure Go, standard library only.
package solver

import (
	"errors"
	"fmt"
	"slices"
)

// Off is the value of a day off in a Roster.
const Off = -1

// ShiftType is a kind of shift a member may work on a day.
type ShiftType struct {
	ID      string
	Minutes int // length, counted against the members' minute bounds
}

// Request is a weighted wish of one member about one day.
type Request struct {
	Day, Shift int
	Weight     int
}

// Member is one staff member and their hard rules. A zero bound means "none"
// where it says so.
type Member struct {
	ID string
	// MaxShifts[s] is the most shifts of type s over the horizon; 0 forbids
	// the type for this member.
	MaxShifts []int
	// Total worked minutes must lie in [MinMinutes, MaxMinutes].
	MinMinutes, MaxMinutes int
	// A run of consecutive working days is at most MaxConsecutive (0 = no
	// limit) and, unless it touches the first or the last day of the horizon,
	// at least MinConsecutive.
	MaxConsecutive, MinConsecutive int
	// A run of consecutive days off is, unless it touches the first or the
	// last day of the horizon, at least MinConsecutiveOff.
	MinConsecutiveOff int
	// MaxWeekends: weekends with a shift on Saturday or Sunday (-1 = no limit).
	MaxWeekends int
	// DaysOff are days the member may not work.
	DaysOff []int
	// OnRequests pay their weight unless the member works that shift that
	// day; OffRequests pay theirs when the member works it.
	OnRequests, OffRequests []Request

	// The extensions below go beyond the benchmark model (the planner's own
	// rules); their zero values are "none", so a benchmark member has none.

	// Windows are hard limits over ranges of days (see Window); the windows of
	// one member must not overlap (Validate refuses overlaps).
	Windows []Window
	// Unavailable are (day, shift) pairs the member may not work (hard).
	Unavailable []DayShift
	// Groups bound how many shifts of a set of types the member works over
	// the horizon (hard), e.g. nights across several posts.
	Groups []GroupLimit
	// TargetMinutes and FairWeight: the objective pays
	// FairWeight * |worked minutes - TargetMinutes| / 60 (integer division
	// of the product) — a soft pull towards a fair share. FairWeight 0: none.
	TargetMinutes, FairWeight int
}

// Window is a hard limit on a member's work over the days [From, To),
// clipped to the horizon (From may be negative and To beyond the last day:
// only the days inside count), e.g. an ISO week.
type Window struct {
	From, To   int // days [From, To), clipped to the horizon
	MaxMinutes int // most minutes worked in the window (0 = no bound; use DaysOff to forbid work)
	MinOff     int // fewest days off in the window (0 = none)
}

// DayShift is one shift type on one day.
type DayShift struct{ Day, Shift int }

// GroupLimit bounds the shifts of a set of types a member works over the
// horizon.
type GroupLimit struct {
	Types []int // shift type indices, no repeats
	Max   int   // at most this many shifts of these types over the horizon
}

// Cover is the wanted number of members on one shift of one day, with the
// weights of each member short or over.
type Cover struct {
	Requirement int
	Under, Over int
}

// Model is one rostering problem.
type Model struct {
	Days int
	// FirstWeekday is the weekday of day 0: 0 = Monday … 6 = Sunday.
	FirstWeekday int
	Shifts       []ShiftType
	// Forbidden[a][b]: shift b may not be worked the day after shift a.
	Forbidden [][]bool
	Staff     []Member
	// Cover[d][s]; a zero Cover wants nobody and weighs nothing.
	Cover [][]Cover
}

// Roster is one shift index (or Off) per member per day: Roster[e][d].
type Roster [][]int

// NewRoster is an all-off roster for m.
func NewRoster(m *Model) Roster {
	r := make(Roster, len(m.Staff))
	for e := range r {
		r[e] = make([]int, m.Days)
		for d := range r[e] {
			r[e][d] = Off
		}
	}
	return r
}

// Clone is a deep copy.
func (r Roster) Clone() Roster {
	c := make(Roster, len(r))
	for e := range r {
		c[e] = append([]int(nil), r[e]...)
	}
	return c
}

// IsWeekend reports whether day d is a Saturday or a Sunday; weekend numbers
// the weekend d belongs to (counted from the horizon's first one).
func (m *Model) IsWeekend(d int) bool {
	wd := (m.FirstWeekday + d) % 7
	return wd == 5 || wd == 6
}

// Validate checks the model's shape (not its feasibility).
func (m *Model) Validate() error {
	if m.Days <= 0 {
		return errors.New("solver: the horizon has no day")
	}
	if m.FirstWeekday < 0 || m.FirstWeekday > 6 {
		return fmt.Errorf("solver: first weekday %d is not 0..6", m.FirstWeekday)
	}
	S := len(m.Shifts)
	if S == 0 || S > 120 {
		return fmt.Errorf("solver: %d shift types (want 1..120)", S)
	}
	for _, s := range m.Shifts {
		if s.Minutes < 0 {
			return fmt.Errorf("solver: shift %s has a negative length", s.ID)
		}
	}
	if len(m.Forbidden) != S {
		return errors.New("solver: Forbidden must be shifts × shifts")
	}
	for _, row := range m.Forbidden {
		if len(row) != S {
			return errors.New("solver: Forbidden must be shifts × shifts")
		}
	}
	if len(m.Cover) != m.Days {
		return errors.New("solver: Cover must be days × shifts")
	}
	for _, row := range m.Cover {
		if len(row) != S {
			return errors.New("solver: Cover must be days × shifts")
		}
	}
	for _, st := range m.Staff {
		if err := m.validateMember(&st); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) validateMember(st *Member) error {
	if len(st.MaxShifts) != len(m.Shifts) {
		return fmt.Errorf("solver: member %s: MaxShifts needs one bound per shift type", st.ID)
	}
	if st.MaxConsecutive < 0 || st.MinConsecutive < 0 || st.MinConsecutiveOff < 0 {
		return fmt.Errorf("solver: member %s: negative run bound", st.ID)
	}
	if st.MaxConsecutive > 250 || st.MinConsecutive > 250 || st.MinConsecutiveOff > 250 {
		return fmt.Errorf("solver: member %s: run bound above 250", st.ID)
	}
	check := func(d, s int) error {
		if d < 0 || d >= m.Days {
			return fmt.Errorf("solver: member %s: day %d outside the horizon", st.ID, d)
		}
		if s < 0 || s >= len(m.Shifts) {
			return fmt.Errorf("solver: member %s: unknown shift %d", st.ID, s)
		}
		return nil
	}
	for _, d := range st.DaysOff {
		if err := check(d, 0); err != nil {
			return err
		}
	}
	for _, rq := range append(append([]Request(nil), st.OnRequests...), st.OffRequests...) {
		if err := check(rq.Day, rq.Shift); err != nil {
			return err
		}
	}
	for _, u := range st.Unavailable {
		if err := check(u.Day, u.Shift); err != nil {
			return err
		}
	}
	if st.TargetMinutes < 0 || st.FairWeight < 0 {
		return fmt.Errorf("solver: member %s: negative target minutes or fairness weight", st.ID)
	}
	if err := m.validateWindows(st); err != nil {
		return err
	}
	return m.validateGroups(st)
}

// clip is window w's days inside the horizon, [from, to); from >= to when
// none is.
func (m *Model) clip(w Window) (from, to int) {
	return max(w.From, 0), min(w.To, m.Days)
}

func (m *Model) validateWindows(st *Member) error {
	var spans [][2]int
	for _, w := range st.Windows {
		if w.To <= w.From {
			return fmt.Errorf("solver: member %s: window [%d, %d) has no day", st.ID, w.From, w.To)
		}
		if w.MaxMinutes < 0 || w.MinOff < 0 {
			return fmt.Errorf("solver: member %s: window [%d, %d): negative bound", st.ID, w.From, w.To)
		}
		if from, to := m.clip(w); from < to {
			spans = append(spans, [2]int{from, to})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	for i := 1; i < len(spans); i++ {
		if spans[i][0] < spans[i-1][1] {
			return fmt.Errorf("solver: member %s: windows [%d, %d) and [%d, %d) overlap", st.ID,
				spans[i-1][0], spans[i-1][1], spans[i][0], spans[i][1])
		}
	}
	return nil
}

func (m *Model) validateGroups(st *Member) error {
	for gi, g := range st.Groups {
		if len(g.Types) == 0 {
			return fmt.Errorf("solver: member %s: group %d has no shift type", st.ID, gi)
		}
		if g.Max < 0 {
			return fmt.Errorf("solver: member %s: group %d: negative maximum", st.ID, gi)
		}
		seen := make(map[int]bool, len(g.Types))
		for _, s := range g.Types {
			if s < 0 || s >= len(m.Shifts) {
				return fmt.Errorf("solver: member %s: group %d: unknown shift %d", st.ID, gi, s)
			}
			if seen[s] {
				return fmt.Errorf("solver: member %s: group %d: shift %d repeated", st.ID, gi, s)
			}
			seen[s] = true
		}
	}
	return nil
}
