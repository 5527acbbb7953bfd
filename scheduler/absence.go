package scheduler

import (
	"cmp"
	"slices"
	"time"
)

// Absence is a part of a shift in which its guard is away on approved time
// off: the guard does not work it, it does not count as coverage nor as
// working time, and the pages and feeds show it struck through with the kind
// of the time off.
type Absence struct {
	Start time.Time `json:"start"` // within the shift
	End   time.Time `json:"end"`   // within the shift, after Start
	Kind  string    `json:"kind"`  // the time off's kind: leave, sick, training, other
	// TimeOffID is the time off that takes the guard away.
	TimeOffID int64 `json:"time_off_id"`
}

// Interval is a stretch of time [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// ShiftPart is a stretch of a shift, worked or absent. Absence is nil for a
// worked part.
type ShiftPart struct {
	Start, End time.Time
	Absence    *Absence
}

// Absent reports whether the guard is away during the part.
func (p ShiftPart) Absent() bool { return p.Absence != nil }

// ShiftAbsences returns the absences of shift s: the parts of it that fall in
// approved time off of its guard, clipped to the shift, in time order and
// never overlapping (where two stretches of time off overlap, the one that
// starts first, or else the lower id, holds the shared time). Time off that is
// requested or declined, or of another guard, is ignored; an open or
// cancelled shift has none. The result is never nil.
func ShiftAbsences(s *Shift, offs []*TimeOff) []Absence {
	out := []Absence{}
	if s == nil || s.GuardID == nil || s.Status == ShiftCancelled || !s.End.After(s.Start) {
		return out
	}
	for _, t := range offs {
		if t == nil || t.GuardID != *s.GuardID || t.Status != TimeOffApproved || !Overlaps(t.Start, t.End, s.Start, s.End) {
			continue
		}
		out = append(out, Absence{Start: later(t.Start, s.Start), End: earlier(t.End, s.End), Kind: t.Kind, TimeOffID: t.ID})
	}
	slices.SortFunc(out, func(a, b Absence) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.TimeOffID, b.TimeOffID)
	})
	// Cut each absence to what the earlier ones leave.
	kept := out[:0]
	var reach time.Time
	for _, a := range out {
		if len(kept) > 0 && a.Start.Before(reach) {
			a.Start = reach
		}
		if !a.End.After(a.Start) {
			continue
		}
		kept = append(kept, a)
		reach = a.End
	}
	return kept
}

// Parts returns the shift cut into its worked and absent parts, in time
// order, covering [Start, End) exactly. A shift with no absences is one
// worked part.
func (s *Shift) Parts() []ShiftPart {
	var out []ShiftPart
	t := s.Start
	for i := range s.Absences {
		a := &s.Absences[i]
		start, end := later(a.Start, s.Start), earlier(a.End, s.End)
		if !end.After(start) || start.Before(t) {
			continue // outside the shift, or overlapping an earlier one: not made by ShiftAbsences
		}
		if start.After(t) {
			out = append(out, ShiftPart{Start: t, End: start})
		}
		out = append(out, ShiftPart{Start: start, End: end, Absence: a})
		t = end
	}
	if s.End.After(t) {
		out = append(out, ShiftPart{Start: t, End: s.End})
	}
	return out
}

// Worked returns the stretches of the shift its guard actually works: the
// shift minus its absences, in time order. It is empty when the guard is
// away for all of it.
func (s *Shift) Worked() []Interval {
	var out []Interval
	for _, p := range s.Parts() {
		if !p.Absent() {
			out = append(out, Interval{Start: p.Start, End: p.End})
		}
	}
	return out
}

// WorkedDuration is how long the guard actually works the shift.
func (s *Shift) WorkedDuration() time.Duration {
	var d time.Duration
	for _, w := range s.Worked() {
		d += w.End.Sub(w.Start)
	}
	return d
}

// WhollyAbsent reports whether the guard is away for the whole shift.
func (s *Shift) WhollyAbsent() bool {
	return len(s.Absences) > 0 && len(s.Worked()) == 0
}

// AbsentAt returns the absence of the shift in force at t, or nil.
func (s *Shift) AbsentAt(t time.Time) *Absence {
	for i := range s.Absences {
		if a := &s.Absences[i]; !t.Before(a.Start) && t.Before(a.End) {
			return a
		}
	}
	return nil
}

// WorkedIn reports whether the guard works some of [from, to) of the shift.
func (s *Shift) WorkedIn(from, to time.Time) bool {
	for _, w := range s.Worked() {
		if Overlaps(w.Start, w.End, from, to) {
			return true
		}
	}
	return false
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
