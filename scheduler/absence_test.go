package scheduler_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure the absences of a shift are the approved time off of its guard,
// clipped to the shift and in order, and that what is worked is the rest.
func TestShiftAbsences(t *testing.T) {
	loc, _ := time.LoadLocation(scheduler.DefaultTimezone)
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, loc) }
	guard, other := int64(1), int64(2)
	// A 24 h shift from 07:00 on the 3rd to 07:00 on the 4th.
	shift := func() *scheduler.Shift {
		return &scheduler.Shift{ID: 9, PostID: 1, GuardID: &guard, Start: at(3, 7), End: at(4, 7), Status: scheduler.ShiftScheduled}
	}
	off := func(id int64, g int64, from, to time.Time, kind, status string) *scheduler.TimeOff {
		return &scheduler.TimeOff{ID: id, GuardID: g, Start: from, End: to, Kind: kind, Status: status}
	}
	type iv = scheduler.Interval
	for _, tc := range []struct {
		name   string
		shift  func() *scheduler.Shift
		offs   []*scheduler.TimeOff
		want   []scheduler.Absence
		worked []iv
		hours  float64
		wholly bool
	}{
		{name: "none", shift: shift, offs: nil, want: []scheduler.Absence{},
			worked: []iv{{at(3, 7), at(4, 7)}}, hours: 24},
		{name: "partial at end: leave from 18:00", shift: shift,
			offs:   []*scheduler.TimeOff{off(5, guard, at(3, 18), at(6, 0), scheduler.TimeOffLeave, scheduler.TimeOffApproved)},
			want:   []scheduler.Absence{{Start: at(3, 18), End: at(4, 7), Kind: "leave", TimeOffID: 5}},
			worked: []iv{{at(3, 7), at(3, 18)}}, hours: 11},
		{name: "partial at start: sick until 12:00", shift: shift,
			offs:   []*scheduler.TimeOff{off(6, guard, at(2, 0), at(3, 12), scheduler.TimeOffSick, scheduler.TimeOffApproved)},
			want:   []scheduler.Absence{{Start: at(3, 7), End: at(3, 12), Kind: "sick", TimeOffID: 6}},
			worked: []iv{{at(3, 12), at(4, 7)}}, hours: 19},
		{name: "inside: 10:00 to 14:00", shift: shift,
			offs:   []*scheduler.TimeOff{off(7, guard, at(3, 10), at(3, 14), scheduler.TimeOffOther, scheduler.TimeOffApproved)},
			want:   []scheduler.Absence{{Start: at(3, 10), End: at(3, 14), Kind: "other", TimeOffID: 7}},
			worked: []iv{{at(3, 7), at(3, 10)}, {at(3, 14), at(4, 7)}}, hours: 20},
		{name: "whole: a week of training", shift: shift,
			offs:   []*scheduler.TimeOff{off(8, guard, at(1, 0), at(8, 0), scheduler.TimeOffTraining, scheduler.TimeOffApproved)},
			want:   []scheduler.Absence{{Start: at(3, 7), End: at(4, 7), Kind: "training", TimeOffID: 8}},
			worked: nil, hours: 0, wholly: true},
		{name: "two time-offs, given out of order and overlapping", shift: shift,
			offs: []*scheduler.TimeOff{
				off(11, guard, at(3, 20), at(4, 2), scheduler.TimeOffSick, scheduler.TimeOffApproved),
				off(10, guard, at(3, 9), at(3, 12), scheduler.TimeOffLeave, scheduler.TimeOffApproved),
				off(12, guard, at(3, 22), at(4, 9), scheduler.TimeOffLeave, scheduler.TimeOffApproved),
			},
			want: []scheduler.Absence{
				{Start: at(3, 9), End: at(3, 12), Kind: "leave", TimeOffID: 10},
				{Start: at(3, 20), End: at(4, 2), Kind: "sick", TimeOffID: 11},
				{Start: at(4, 2), End: at(4, 7), Kind: "leave", TimeOffID: 12},
			},
			worked: []iv{{at(3, 7), at(3, 9)}, {at(3, 12), at(3, 20)}}, hours: 10},
		{name: "requested and declined time off, and another guard's, are ignored", shift: shift,
			offs: []*scheduler.TimeOff{
				off(13, guard, at(3, 0), at(5, 0), scheduler.TimeOffLeave, scheduler.TimeOffRequested),
				off(14, guard, at(3, 0), at(5, 0), scheduler.TimeOffLeave, scheduler.TimeOffDeclined),
				off(15, other, at(3, 0), at(5, 0), scheduler.TimeOffLeave, scheduler.TimeOffApproved),
				off(16, guard, at(4, 7), at(5, 0), scheduler.TimeOffLeave, scheduler.TimeOffApproved), // touches the end only
			},
			want: []scheduler.Absence{}, worked: []iv{{at(3, 7), at(4, 7)}}, hours: 24},
		{name: "a cancelled shift has none",
			shift: func() *scheduler.Shift { s := shift(); s.Status = scheduler.ShiftCancelled; return s },
			offs:  []*scheduler.TimeOff{off(17, guard, at(1, 0), at(8, 0), scheduler.TimeOffTraining, scheduler.TimeOffApproved)},
			want:  []scheduler.Absence{}, worked: []iv{{at(3, 7), at(4, 7)}}, hours: 24},
		{name: "an open shift has none",
			shift: func() *scheduler.Shift { s := shift(); s.GuardID = nil; return s },
			offs:  []*scheduler.TimeOff{off(18, guard, at(1, 0), at(8, 0), scheduler.TimeOffTraining, scheduler.TimeOffApproved)},
			want:  []scheduler.Absence{}, worked: []iv{{at(3, 7), at(4, 7)}}, hours: 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.shift()
			got := scheduler.ShiftAbsences(s, tc.offs)
			if got == nil {
				t.Fatal("absences are nil, want an empty slice")
			}
			if !equalJSON(got, tc.want) {
				t.Fatalf("absences\n got %s\nwant %s", js(got), js(tc.want))
			}
			s.Absences = got
			if w := s.Worked(); !equalJSON(w, tc.worked) {
				t.Errorf("worked\n got %s\nwant %s", js(w), js(tc.worked))
			}
			if h := s.WorkedDuration().Hours(); h != tc.hours {
				t.Errorf("worked %v h, want %v h", h, tc.hours)
			}
			if s.WhollyAbsent() != tc.wholly {
				t.Errorf("wholly absent %v, want %v", s.WhollyAbsent(), tc.wholly)
			}
			// The parts cover the shift exactly, in order.
			parts := s.Parts()
			if len(parts) == 0 || !parts[0].Start.Equal(s.Start) || !parts[len(parts)-1].End.Equal(s.End) {
				t.Fatalf("parts %v do not cover the shift", parts)
			}
			for i := 1; i < len(parts); i++ {
				if !parts[i].Start.Equal(parts[i-1].End) {
					t.Errorf("part %d starts at %v, after a part ending %v", i, parts[i].Start, parts[i-1].End)
				}
			}
		})
	}
}

// Ensure a shift's JSON always carries absences as an array, [] when none.
func TestShiftAbsencesJSON(t *testing.T) {
	g := int64(1)
	s := scheduler.Shift{ID: 1, PostID: 1, GuardID: &g, Absences: scheduler.ShiftAbsences(&scheduler.Shift{}, nil)}
	b, _ := json.Marshal(s)
	if !strings.Contains(string(b), `"absences":[]`) {
		t.Errorf("JSON %s lacks \"absences\":[]", b)
	}
	loc := time.UTC
	s.Absences = []scheduler.Absence{{Start: time.Date(2026, 12, 3, 11, 0, 0, 0, loc), End: time.Date(2026, 12, 4, 0, 0, 0, 0, loc), Kind: "leave", TimeOffID: 4}}
	b, _ = json.Marshal(s)
	if want := `"absences":[{"start":"2026-12-03T11:00:00Z","end":"2026-12-04T00:00:00Z","kind":"leave","time_off_id":4}]`; !strings.Contains(string(b), want) {
		t.Errorf("JSON %s lacks %s", b, want)
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func equalJSON(a, b any) bool { return js(a) == js(b) }
