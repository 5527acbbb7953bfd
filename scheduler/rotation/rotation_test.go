package rotation

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// ---------------------------------------------------------------- helpers

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// allPresets lists the presets with their member count and cycle.
var allPresets = []struct {
	preset  string
	members int
	cycle   int
}{
	{scheduler.Preset2424, 2, 2},
	{scheduler.Preset2448, 3, 3},
	{scheduler.PresetPanama, 4, 14},
	{scheduler.Preset4on4off, 4, 8},
	{scheduler.Preset8h3shift, 4, 8},
}

// guards returns n guard ids 101, 102, ….
func guards(n int) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(101 + i)
	}
	return ids
}

func presetRotation(preset, handover, start string, members int) scheduler.Rotation {
	return scheduler.Rotation{
		ID: 1, PostID: 1, Name: "Trụ sở " + preset, Preset: preset,
		Handover: handover, StartDate: start, Members: guards(members), Active: true,
	}
}

func expand(t testing.TB, r scheduler.Rotation, periods []scheduler.MemberPeriod, from, until string, loc *time.Location) []scheduler.PlannedShift {
	t.Helper()
	got, err := Expand(r, periods, from, until, loc)
	if err != nil {
		t.Fatalf("Expand(%s, %s…%s): %v", r.Preset, from, until, err)
	}
	return got
}

func date(t testing.TB, s string, loc *time.Location) time.Time {
	t.Helper()
	d, err := scheduler.ParseDate(s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sweep checks, by walking the shifts in order of start, that every instant
// of [from, to) is covered by exactly one shift.
func sweep(shifts []scheduler.PlannedShift, from, to time.Time) error {
	var in []scheduler.PlannedShift
	for _, s := range shifts {
		if s.End.After(from) && s.Start.Before(to) {
			in = append(in, s)
		}
	}
	slices.SortFunc(in, func(a, b scheduler.PlannedShift) int { return a.Start.Compare(b.Start) })
	cursor := from // covered exactly once up to here
	for _, s := range in {
		if s.Start.After(cursor) {
			return fmt.Errorf("gap from %v to %v (before %s)", cursor, s.Start, s.Key)
		}
		if s.Start.Before(cursor) && cursor.After(from) {
			return fmt.Errorf("double coverage from %v: %s starts before the previous shift ends at %v", s.Start, s.Key, cursor)
		}
		if s.End.After(cursor) {
			cursor = s.End
		}
	}
	if cursor.Before(to) {
		return fmt.Errorf("gap from %v to %v (end)", cursor, to)
	}
	return nil
}

// minuteCounts counts, for every minute of [from, to) in absolute time, the
// shifts covering it. It fails if a shift does not start and end on a whole
// minute (a minute grid would then not see all of it).
func minuteCounts(t testing.TB, shifts []scheduler.PlannedShift, from, to time.Time) []int {
	t.Helper()
	n := int(to.Sub(from) / time.Minute)
	counts := make([]int, n)
	for _, s := range shifts {
		if s.Start.Second() != 0 || s.Start.Nanosecond() != 0 || s.End.Second() != 0 || s.End.Nanosecond() != 0 {
			t.Fatalf("%s: not on whole minutes: %v – %v", s.Key, s.Start, s.End)
		}
		a := max(0, int(s.Start.Sub(from)/time.Minute))
		b := min(n, int(s.End.Sub(from)/time.Minute))
		for m := a; m < b; m++ {
			counts[m]++
		}
	}
	return counts
}

// checkLengths fails for a shift that is empty or longer than 24 h.
func checkLengths(t testing.TB, shifts []scheduler.PlannedShift) {
	t.Helper()
	for _, s := range shifts {
		if d := s.End.Sub(s.Start); d <= 0 || d > 24*time.Hour {
			t.Errorf("%s: lasts %v, want > 0 and ≤ 24h (%v – %v)", s.Key, d, s.Start, s.End)
		}
	}
}

// sl makes a slot.
func sl(day int, start string, hours float64, member int) scheduler.Slot {
	return scheduler.Slot{Day: day, Start: start, Hours: hours, Member: member}
}

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ---------------------------------------------------------------- helpers' own tests

// Ensure the coverage checkers used below can fail: they see a gap, a double
// and a missing end, and accept an exact tiling.
func TestCoverageCheckersDetectFaults(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := func(a, b int) scheduler.PlannedShift {
		return scheduler.PlannedShift{Key: fmt.Sprint(a), Start: t0.Add(time.Duration(a) * time.Hour), End: t0.Add(time.Duration(b) * time.Hour)}
	}
	tests := []struct {
		name   string
		shifts []scheduler.PlannedShift
		want   bool // covered exactly once
	}{
		{"exact tiling", []scheduler.PlannedShift{h(0, 8), h(8, 16), h(16, 24)}, true},
		{"tiling beyond the window", []scheduler.PlannedShift{h(-2, 8), h(8, 30)}, true},
		{"gap", []scheduler.PlannedShift{h(0, 8), h(9, 24)}, false},
		{"double", []scheduler.PlannedShift{h(0, 9), h(8, 24)}, false},
		{"nested double", []scheduler.PlannedShift{h(0, 24), h(3, 4)}, false},
		{"gap at the end", []scheduler.PlannedShift{h(0, 23)}, false},
		{"gap at the start", []scheduler.PlannedShift{h(1, 24)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sweep(tt.shifts, t0, t0.Add(24*time.Hour)) == nil
			if got != tt.want {
				t.Errorf("sweep says covered once = %v, want %v", got, tt.want)
			}
			counts := minuteCounts(t, tt.shifts, t0, t0.Add(24*time.Hour))
			got = !slices.ContainsFunc(counts, func(c int) bool { return c != 1 })
			if got != tt.want {
				t.Errorf("minute counts say covered once = %v, want %v", got, tt.want)
			}
		})
	}
}

// ---------------------------------------------------------------- presets

// Ensure each preset has the documented shape: cycle length, and for every
// cycle day who holds which shift at which clock time.
func TestPresetPattern(t *testing.T) {
	panamaDay := []int{0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1}
	var panama07, panama1330 []scheduler.Slot
	for d, m := range panamaDay {
		panama07 = append(panama07, sl(d, "07:00", 12, m), sl(d, "19:00", 12, m+2))
		panama1330 = append(panama1330, sl(d, "13:30", 12, m), sl((d+1)%14, "01:30", 12, m+2))
	}
	// who holds ca 1, ca 2, ca 3 on each of the 8 days (member m: M M A A N N
	// off off from day 2m).
	threeShift := [8][3]int{{0, 3, 2}, {0, 3, 2}, {1, 0, 3}, {1, 0, 3}, {2, 1, 0}, {2, 1, 0}, {3, 2, 1}, {3, 2, 1}}
	var eight06, eight22 []scheduler.Slot
	for d, w := range threeShift {
		eight06 = append(eight06, sl(d, "06:00", 8, w[0]), sl(d, "14:00", 8, w[1]), sl(d, "22:00", 8, w[2]))
		eight22 = append(eight22, sl(d, "22:00", 8, w[0]), sl((d+1)%8, "06:00", 8, w[1]), sl((d+1)%8, "14:00", 8, w[2]))
	}
	tests := []struct {
		name, preset, handover string
		members                int
		want                   scheduler.Pattern
	}{
		{"24-24 at 07:00", scheduler.Preset2424, "07:00", 2,
			scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(0, "07:00", 24, 0), sl(1, "07:00", 24, 1)}}},
		{"24-48 at 00:00", scheduler.Preset2448, "00:00", 3,
			scheduler.Pattern{CycleDays: 3, Slots: []scheduler.Slot{sl(0, "00:00", 24, 0), sl(1, "00:00", 24, 1), sl(2, "00:00", 24, 2)}}},
		{"panama at 07:00", scheduler.PresetPanama, "07:00", 4, scheduler.Pattern{CycleDays: 14, Slots: panama07}},
		{"panama at 13:30, night wraps to next day", scheduler.PresetPanama, "13:30", 4, scheduler.Pattern{CycleDays: 14, Slots: panama1330}},
		{"4on4off at 06:00", scheduler.Preset4on4off, "06:00", 4, scheduler.Pattern{CycleDays: 8, Slots: []scheduler.Slot{
			sl(0, "06:00", 12, 0), sl(0, "18:00", 12, 2), sl(1, "06:00", 12, 0), sl(1, "18:00", 12, 2),
			sl(2, "06:00", 12, 0), sl(2, "18:00", 12, 2), sl(3, "06:00", 12, 0), sl(3, "18:00", 12, 2),
			sl(4, "06:00", 12, 1), sl(4, "18:00", 12, 3), sl(5, "06:00", 12, 1), sl(5, "18:00", 12, 3),
			sl(6, "06:00", 12, 1), sl(6, "18:00", 12, 3), sl(7, "06:00", 12, 1), sl(7, "18:00", 12, 3),
		}}},
		{"8h-3shift at 06:00 (ca 1/2/3 at 06, 14, 22)", scheduler.Preset8h3shift, "06:00", 4, scheduler.Pattern{CycleDays: 8, Slots: eight06}},
		{"8h-3shift at 22:00, ca 2 and 3 wrap", scheduler.Preset8h3shift, "22:00", 4, scheduler.Pattern{CycleDays: 8, Slots: eight22}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PresetPattern(tt.preset, tt.handover, tt.members)
			if err != nil {
				t.Fatal(err)
			}
			if got.CycleDays != tt.want.CycleDays || !slices.Equal(got.Slots, tt.want.Slots) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if err := ValidatePattern(got, tt.members); err != nil {
				t.Errorf("preset pattern does not validate: %v", err)
			}
		})
	}
}

// Ensure the 8h-3shift preset gives every member the forward cycle M M A A N
// N off off, starting two days after the previous member.
func TestPreset8h3shiftMemberCycle(t *testing.T) {
	p, err := PresetPattern(scheduler.Preset8h3shift, "06:00", 4)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]byte{"06:00": 'M', "14:00": 'A', "22:00": 'N'}
	for m := range 4 {
		t.Run(fmt.Sprintf("member %d", m), func(t *testing.T) {
			got := []byte("________")
			for _, sl := range p.Slots {
				if sl.Member == m {
					got[sl.Day] = names[sl.Start]
				}
			}
			// Rotate so that the string starts at the member's day 0 (2m).
			own := string(got[2*m:]) + string(got[:2*m])
			if want := "MMAANN__"; own != want {
				t.Errorf("got %q from day %d, want %q", own, 2*m, want)
			}
		})
	}
}

// Ensure PresetPattern refuses custom, unknown presets, bad handovers and the
// wrong number of members, naming the field.
func TestPresetPatternErrors(t *testing.T) {
	tests := []struct {
		name, preset, handover string
		members                int
		want                   string
	}{
		{"custom has no pattern", scheduler.PresetCustom, "07:00", 2, "preset"},
		{"unknown preset", "12h", "07:00", 2, "preset"},
		{"empty preset", "", "07:00", 2, "preset"},
		{"handover without leading zero", scheduler.Preset2424, "7:00", 2, "handover"},
		{"handover 24:00", scheduler.Preset2424, "24:00", 2, "handover"},
		{"handover empty", scheduler.Preset2448, "", 3, "handover"},
		{"24-24 with 3 members", scheduler.Preset2424, "07:00", 3, "members"},
		{"24-48 with 2 members", scheduler.Preset2448, "07:00", 2, "members"},
		{"panama with 5 members", scheduler.PresetPanama, "07:00", 5, "members"},
		{"4on4off with 0 members", scheduler.Preset4on4off, "07:00", 0, "members"},
		{"8h-3shift with 3 members", scheduler.Preset8h3shift, "06:00", 3, "members"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PresetPattern(tt.preset, tt.handover, tt.members)
			if got := scheduler.ErrorCode(err); got != scheduler.EINVALID {
				t.Fatalf("code: got %q (%v), want %q", got, err, scheduler.EINVALID)
			}
			if got := scheduler.ErrorField(err); got != tt.want {
				t.Errorf("field: got %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
	if _, err := PresetPattern(scheduler.PresetCustom, "07:00", 2); !strings.Contains(err.Error(), "give the pattern") {
		t.Errorf("custom: got %v, want a message telling to give the pattern", err)
	}
}

// Ensure that in the office zone over 8 weeks every preset, whatever the
// handover, covers each instant of the post by exactly one member, never with
// a shift over 24 h, and gives each member the documented weekly hours on
// average over whole cycles.
func TestPresetCoverageAndHours(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	wantWeekly := map[string]int{
		scheduler.Preset2424: 84, scheduler.Preset2448: 56, scheduler.PresetPanama: 42,
		scheduler.Preset4on4off: 42, scheduler.Preset8h3shift: 42,
	}
	const start = "2026-01-05"
	for _, p := range allPresets {
		for _, handover := range []string{"00:00", "06:00", "07:00", "13:30", "22:00", "23:59"} {
			t.Run(p.preset+"/"+handover, func(t *testing.T) {
				r := presetRotation(p.preset, handover, start, p.members)
				days := p.cycle * ((56 + p.cycle - 1) / p.cycle) // whole cycles, ≥ 8 weeks
				first := date(t, start, loc)
				until := first.AddDate(0, 0, days-1).Format(scheduler.DateLayout)
				got := expand(t, r, nil, start, until, loc)
				checkLengths(t, got)
				// From the end of day 0 (earlier, shifts of the cycle before
				// day 0 are missing) to the end of the last day.
				if err := sweep(got, first.AddDate(0, 0, 1), first.AddDate(0, 0, days)); err != nil {
					t.Errorf("coverage: %v", err)
				}
				minutes := map[int64]int{}
				for _, s := range got {
					minutes[s.GuardID] += int(s.End.Sub(s.Start) / time.Minute)
				}
				if len(minutes) != p.members {
					t.Errorf("got %d members on duty, want %d", len(minutes), p.members)
				}
				for _, id := range r.Members {
					// weekly hours = minutes/60 × 7/days
					if got, want := minutes[id]*7, wantWeekly[p.preset]*60*days; got != want {
						t.Errorf("guard %d: got %.2f h/week, want %d", id, float64(minutes[id])*7/60/float64(days), wantWeekly[p.preset])
					}
				}
			})
		}
	}
}

// ---------------------------------------------------------------- DST

// Ensure that across each DST transition of 2026 in Berlin and Chicago, for
// every preset, a range of handovers (inside the gap, inside the fold, on
// their edges and ordinary ones) and every phase of the cycle, each minute of
// the week around the transition is covered by exactly one member, and no
// shift is empty or longer than 24 h.
func TestDSTBruteForce(t *testing.T) {
	transitions := []struct {
		zone, date string
		delta      int // minutes the transition day is longer than 24 h
	}{
		{"Europe/Berlin", "2026-03-29", -60},
		{"Europe/Berlin", "2026-10-25", 60},
		{"America/Chicago", "2026-03-08", -60},
		{"America/Chicago", "2026-11-01", 60},
	}
	handovers := []string{"00:00", "01:00", "01:30", "02:00", "02:30", "03:00", "07:00", "13:30", "22:00"}
	for _, tr := range transitions {
		loc := mustLoc(t, tr.zone)
		day := date(t, tr.date, loc)
		from, to := day.AddDate(0, 0, -3), day.AddDate(0, 0, 4)
		// The test is only worth something if the week does contain the transition.
		if got, want := int(to.Sub(from)/time.Minute), 7*24*60+tr.delta; got != want {
			t.Fatalf("%s %s: week has %d minutes, want %d (is the zone data there?)", tr.zone, tr.date, got, want)
		}
		for _, p := range allPresets {
			for _, handover := range handovers {
				for phase := range p.cycle {
					name := fmt.Sprintf("%s %s/%s/%s/phase %d", tr.zone, tr.date, p.preset, handover, phase)
					t.Run(name, func(t *testing.T) {
						start := day.AddDate(0, 0, -28-phase).Format(scheduler.DateLayout)
						r := presetRotation(p.preset, handover, start, p.members)
						got := expand(t, r, nil,
							day.AddDate(0, 0, -5).Format(scheduler.DateLayout),
							day.AddDate(0, 0, 4).Format(scheduler.DateLayout), loc)
						checkLengths(t, got)
						for m, c := range minuteCounts(t, got, from, to) {
							if c != 1 {
								t.Fatalf("minute %v is covered %d times, want 1", from.Add(time.Duration(m)*time.Minute).In(loc), c)
							}
						}
						if err := sweep(got, from, to); err != nil {
							t.Error(err)
						}
					})
				}
			}
		}
	}
}

// Ensure the documented mapping of wall times at transitions: a handover in a
// gap happens when the gap ends, one in a fold at its first occurrence, and a
// 25-hour night is split into 24 h plus 1 h for the same guard.
func TestDSTShiftInstants(t *testing.T) {
	type shift struct {
		key   string
		guard int64
		start string
		end   string
	}
	tests := []struct {
		name, zone, handover, start, from, until string
		want                                     []shift
	}{
		{"Berlin spring forward, handover 02:30 in the gap", "Europe/Berlin", "02:30", "2026-03-28", "2026-03-28", "2026-03-29", []shift{
			{"2026-03-28#0", 101, "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00"},
			{"2026-03-29#1", 102, "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"},
		}},
		{"Berlin fall back, handover 02:30 in the fold", "Europe/Berlin", "02:30", "2026-10-24", "2026-10-24", "2026-10-25", []shift{
			{"2026-10-24#0", 101, "2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00"},
			{"2026-10-25#1", 102, "2026-10-25T02:30:00+02:00", "2026-10-26T01:30:00+01:00"},
			{"2026-10-25#1/1", 102, "2026-10-26T01:30:00+01:00", "2026-10-26T02:30:00+01:00"},
		}},
		{"Berlin fall back, handover 07:00", "Europe/Berlin", "07:00", "2026-10-24", "2026-10-24", "2026-10-25", []shift{
			{"2026-10-24#0", 101, "2026-10-24T07:00:00+02:00", "2026-10-25T06:00:00+01:00"},
			{"2026-10-24#0/1", 101, "2026-10-25T06:00:00+01:00", "2026-10-25T07:00:00+01:00"},
			{"2026-10-25#1", 102, "2026-10-25T07:00:00+01:00", "2026-10-26T07:00:00+01:00"},
		}},
		{"Chicago spring forward, handover 02:30 in the gap", "America/Chicago", "02:30", "2026-03-07", "2026-03-07", "2026-03-08", []shift{
			{"2026-03-07#0", 101, "2026-03-07T02:30:00-06:00", "2026-03-08T03:00:00-05:00"},
			{"2026-03-08#1", 102, "2026-03-08T03:00:00-05:00", "2026-03-09T02:30:00-05:00"},
		}},
		{"Chicago fall back, handover 01:30 in the fold", "America/Chicago", "01:30", "2026-10-31", "2026-10-31", "2026-11-01", []shift{
			{"2026-10-31#0", 101, "2026-10-31T01:30:00-05:00", "2026-11-01T01:30:00-05:00"},
			{"2026-11-01#1", 102, "2026-11-01T01:30:00-05:00", "2026-11-02T00:30:00-06:00"},
			{"2026-11-01#1/1", 102, "2026-11-02T00:30:00-06:00", "2026-11-02T01:30:00-06:00"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustLoc(t, tt.zone)
			r := presetRotation(scheduler.Preset2424, tt.handover, tt.start, 2)
			shifts := expand(t, r, nil, tt.from, tt.until, loc)
			var got, want []string
			for _, s := range shifts {
				got = append(got, fmt.Sprintf("%s %d %s %s", s.Key, s.GuardID, s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339)))
			}
			for _, s := range tt.want {
				want = append(want, fmt.Sprintf("%s %d %s %s", s.key, s.guard, at(t, s.start).UTC().Format(time.RFC3339), at(t, s.end).UTC().Format(time.RFC3339)))
			}
			if !slices.Equal(got, want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// Ensure a custom slot lying wholly inside a DST gap is dropped (it would be
// empty) while the slots around it still meet.
func TestDSTSlotInsideGapDropped(t *testing.T) {
	loc := mustLoc(t, "Europe/Berlin")
	r := scheduler.Rotation{Name: "gap", Preset: scheduler.PresetCustom, Handover: "00:00", StartDate: "2026-03-28",
		Members: []int64{7}, Pattern: scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{
			sl(0, "00:00", 2, 0), sl(0, "02:00", 0.5, 0), sl(0, "02:30", 21.5, 0),
		}}}
	shifts := expand(t, r, nil, "2026-03-28", "2026-03-29", loc)
	var got []string
	for _, s := range shifts {
		got = append(got, s.Key)
	}
	want := []string{"2026-03-28#0", "2026-03-28#1", "2026-03-28#2", "2026-03-29#0", "2026-03-29#2"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	checkLengths(t, shifts)
	if err := sweep(shifts, date(t, "2026-03-28", loc), date(t, "2026-03-30", loc)); err != nil {
		t.Error(err)
	}
}

// ---------------------------------------------------------------- members

// Ensure member periods take effect from their date on and never backwards,
// whatever order they are given in, and that a slot whose member index is
// beyond the period's list is skipped.
func TestMemberPeriods(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	r := presetRotation(scheduler.Preset2424, "07:00", "2026-12-01", 2) // members 101, 102
	type held struct {
		key   string
		guard int64
	}
	tests := []struct {
		name    string
		periods []scheduler.MemberPeriod
		want    []held
	}{
		{"no periods: the rotation's members", nil, []held{
			{"2026-12-01#0", 101}, {"2026-12-02#1", 102}, {"2026-12-03#0", 101},
			{"2026-12-04#1", 102}, {"2026-12-05#0", 101}, {"2026-12-06#1", 102},
		}},
		{"swap from the 3rd", []scheduler.MemberPeriod{{From: "2026-12-03", Members: []int64{102, 101}}}, []held{
			{"2026-12-01#0", 101}, {"2026-12-02#1", 102}, {"2026-12-03#0", 102},
			{"2026-12-04#1", 101}, {"2026-12-05#0", 102}, {"2026-12-06#1", 101},
		}},
		{"unsorted periods, a short list skips member 1", []scheduler.MemberPeriod{
			{From: "2026-12-05", Members: []int64{3, 4}},
			{From: "2026-12-03", Members: []int64{5}},
		}, []held{
			{"2026-12-01#0", 101}, {"2026-12-02#1", 102}, {"2026-12-03#0", 5},
			{"2026-12-05#0", 3}, {"2026-12-06#1", 4},
		}},
		{"a period before the start applies from the start", []scheduler.MemberPeriod{{From: "2026-01-01", Members: []int64{8, 9}}}, []held{
			{"2026-12-01#0", 8}, {"2026-12-02#1", 9}, {"2026-12-03#0", 8},
			{"2026-12-04#1", 9}, {"2026-12-05#0", 8}, {"2026-12-06#1", 9},
		}},
		{"a period after the range changes nothing", []scheduler.MemberPeriod{{From: "2026-12-07", Members: []int64{8, 9}}}, []held{
			{"2026-12-01#0", 101}, {"2026-12-02#1", 102}, {"2026-12-03#0", 101},
			{"2026-12-04#1", 102}, {"2026-12-05#0", 101}, {"2026-12-06#1", 102},
		}},
		{"an empty list leaves the days open", []scheduler.MemberPeriod{
			{From: "2026-12-02", Members: []int64{}}, {From: "2026-12-05", Members: []int64{101, 102}},
		}, []held{
			{"2026-12-01#0", 101}, {"2026-12-05#0", 101}, {"2026-12-06#1", 102},
		}},
		{"of two periods on the same date the later given wins", []scheduler.MemberPeriod{
			{From: "2026-12-04", Members: []int64{1, 2}}, {From: "2026-12-04", Members: []int64{3, 4}},
		}, []held{
			{"2026-12-01#0", 101}, {"2026-12-02#1", 102}, {"2026-12-03#0", 101},
			{"2026-12-04#1", 4}, {"2026-12-05#0", 3}, {"2026-12-06#1", 4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shifts := expand(t, r, tt.periods, "2026-12-01", "2026-12-06", loc)
			var got []held
			for _, s := range shifts {
				got = append(got, held{s.Key, s.GuardID})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

// Ensure that when a period lists fewer members than the pattern uses, only
// the slots of the missing members are skipped, the others of the same day
// kept.
func TestMemberPeriodSkipsOnlyMissingMembers(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	// 8h-3shift: cycle day 1 has ca 1 member 0, ca 2 member 3, ca 3 member 2.
	r := presetRotation(scheduler.Preset8h3shift, "06:00", "2026-12-01", 4) // 101…104
	periods := []scheduler.MemberPeriod{{From: "2026-12-02", Members: []int64{201, 202, 203}}}
	type held struct {
		key   string
		guard int64
	}
	var got []held
	for _, s := range expand(t, r, periods, "2026-12-01", "2026-12-02", loc) {
		got = append(got, held{s.Key, s.GuardID})
	}
	want := []held{
		{"2026-12-01#0", 101}, {"2026-12-01#1", 104}, {"2026-12-01#2", 103},
		{"2026-12-02#3", 201}, {"2026-12-02#5", 203},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// ---------------------------------------------------------------- custom

// Ensure a custom pattern is expanded as given: slots on their cycle days,
// two guards at once where the pattern says so, the cycle repeating, and
// output sorted by start then key.
func TestCustomPattern(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	// A 7-day cycle from Monday 2026-12-07 for the citizen-reception site:
	// guard 0 on weekdays 07:30–17:00, guard 1 with him 07:30–11:30 on
	// Monday, and guard 1 alone on Saturday 08:00–12:00.
	r := scheduler.Rotation{Name: "Tiếp công dân", Preset: scheduler.PresetCustom, Handover: "07:30", StartDate: "2026-12-07",
		Members: []int64{11, 12}, Pattern: scheduler.Pattern{CycleDays: 7, Slots: []scheduler.Slot{
			sl(5, "08:00", 4, 1),
			sl(0, "07:30", 9.5, 0), sl(1, "07:30", 9.5, 0), sl(2, "07:30", 9.5, 0), sl(3, "07:30", 9.5, 0), sl(4, "07:30", 9.5, 0),
			sl(0, "07:30", 4, 1),
		}}}
	got := expand(t, r, nil, "2026-12-12", "2026-12-14", loc)
	type shift struct {
		key        string
		guard      int64
		start, end string
	}
	want := []shift{
		{"2026-12-12#0", 12, "2026-12-12T08:00:00+07:00", "2026-12-12T12:00:00+07:00"},
		{"2026-12-14#1", 11, "2026-12-14T07:30:00+07:00", "2026-12-14T17:00:00+07:00"},
		{"2026-12-14#6", 12, "2026-12-14T07:30:00+07:00", "2026-12-14T11:30:00+07:00"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d shifts %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Key != w.key || g.GuardID != w.guard || !g.Start.Equal(at(t, w.start)) || !g.End.Equal(at(t, w.end)) {
			t.Errorf("shift %d: got %s %d %v–%v, want %+v", i, g.Key, g.GuardID, g.Start, g.End, w)
		}
	}
	// A given pattern of a preset rotation is replaced by the preset's.
	p := presetRotation(scheduler.Preset2424, "07:00", "2026-12-07", 2)
	p.Pattern = r.Pattern
	if got := expand(t, p, nil, "2026-12-07", "2026-12-08", loc); len(got) != 2 || got[0].Key != "2026-12-07#0" || got[1].Key != "2026-12-08#1" {
		t.Errorf("preset rotation with a stray pattern: got %v, want the 24-24 shifts", got)
	}
}

// Ensure Expand returns shifts only from the start date on, nothing for an
// empty range, keys of the form "<date>#<slot>", the cycle day right for a
// start date centuries back, and accepts a range of MaxExpandDays.
func TestExpandRange(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	keys := func(first string, n int) []string { // n days of 24-48 from first, cycle day 0
		d, _ := time.Parse(scheduler.DateLayout, first)
		var ks []string
		for i := range n {
			ks = append(ks, fmt.Sprintf("%s#%d", d.AddDate(0, 0, i).Format(scheduler.DateLayout), i%3))
		}
		return ks
	}
	tests := []struct {
		name, start, from, until string
		want                     []string
	}{
		{"range starting before the start date", "2026-12-01", "2026-11-25", "2026-12-02", []string{"2026-12-01#0", "2026-12-02#1"}},
		{"range wholly before the start date", "2026-12-01", "2026-11-01", "2026-11-30", nil},
		{"one day", "2026-12-01", "2026-12-04", "2026-12-04", []string{"2026-12-04#0"}},
		{"until before from", "2026-12-01", "2026-12-05", "2026-12-04", nil},
		{"across a cycle", "2026-12-01", "2026-12-02", "2026-12-05", []string{"2026-12-02#1", "2026-12-03#2", "2026-12-04#0", "2026-12-05#1"}},
		{"the longest range", "2026-12-01", "2026-12-01", "2036-12-07", keys("2026-12-01", MaxExpandDays)},
		// 119403 days from 1700-01-01 to 2026-12-01: cycle day 0. (A time.Duration
		// saturates at 292 years and would give another day.)
		{"start date centuries back", "1700-01-01", "2026-12-01", "2026-12-03", []string{"2026-12-01#0", "2026-12-02#1", "2026-12-03#2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := presetRotation(scheduler.Preset2448, "07:00", tt.start, 3)
			var got []string
			for _, s := range expand(t, r, nil, tt.from, tt.until, loc) {
				got = append(got, s.Key)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %d keys %.200v, want %d %.200v", len(got), got, len(tt.want), tt.want)
			}
		})
	}
}

// Ensure keys are unique, and that expanding any sub-range gives exactly the
// shifts of a larger expansion whose dates lie in it, under the same keys
// (so that generating again recognises what exists), DST included.
func TestKeysStableAndUnique(t *testing.T) {
	loc := mustLoc(t, "Europe/Berlin")
	for _, p := range allPresets {
		// 13:30 and 22:00 make slots wrap past midnight, so that the slot
		// order of a day differs from the order of time.
		for _, handover := range []string{"02:30", "13:30", "22:00"} {
			t.Run(p.preset+"/"+handover, func(t *testing.T) {
				r := presetRotation(p.preset, handover, "2026-09-03", p.members)
				all := expand(t, r, nil, "2026-09-01", "2026-11-30", loc)
				byKey := map[string]scheduler.PlannedShift{}
				for _, s := range all {
					if _, dup := byKey[s.Key]; dup {
						t.Fatalf("key %s appears twice", s.Key)
					}
					byKey[s.Key] = s
				}
				for _, rg := range [][2]string{{"2026-10-20", "2026-10-31"}, {"2026-10-25", "2026-10-25"}, {"2026-11-30", "2026-12-03"}} {
					var want []scheduler.PlannedShift
					for _, s := range all {
						if d := s.Key[:10]; d >= rg[0] && d <= rg[1] {
							want = append(want, s)
						}
					}
					got := expand(t, r, nil, rg[0], rg[1], loc)
					got = slices.DeleteFunc(got, func(s scheduler.PlannedShift) bool { return s.Key[:10] > "2026-11-30" })
					if len(want) == 0 {
						t.Fatalf("%v: no shifts to compare", rg)
					}
					if !slices.EqualFunc(got, want, func(a, b scheduler.PlannedShift) bool {
						return a.Key == b.Key && a.GuardID == b.GuardID && a.Start.Equal(b.Start) && a.End.Equal(b.End)
					}) {
						t.Errorf("%v: got %v\nwant %v", rg, got, want)
					}
				}
				if !slices.IsSortedFunc(all, func(a, b scheduler.PlannedShift) int {
					if c := a.Start.Compare(b.Start); c != 0 {
						return c
					}
					return strings.Compare(a.Key, b.Key)
				}) {
					t.Error("not sorted by start then key")
				}
			})
		}
	}
}

// ---------------------------------------------------------------- validation

// Ensure ValidatePattern accepts good patterns (adjacent slots, two members at
// once, a slot ending exactly where the cycle restarts) and names the field of
// every fault, overlaps across the end of the cycle included.
func TestValidatePattern(t *testing.T) {
	tests := []struct {
		name    string
		p       scheduler.Pattern
		members int
		want    string // field, "" for valid
	}{
		{"valid adjacent slots", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(0, "19:00", 12, 0)}}, 1, ""},
		{"valid two members at once", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(0, "07:00", 12, 1)}}, 2, ""},
		{"valid slot ending where the cycle restarts", scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(1, "19:00", 12, 0)}}, 1, ""},
		{"valid whole minutes", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 7.75, 0), sl(0, "23:59", 1.0/60, 0)}}, 1, ""},
		{"valid 24 h in a 1-day cycle", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "00:00", 24, 0)}}, 1, ""},
		{"valid longest cycle", scheduler.Pattern{CycleDays: 366, Slots: []scheduler.Slot{sl(365, "00:00", 24, 0)}}, 1, ""},
		{"cycle of 0 days", scheduler.Pattern{CycleDays: 0, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0)}}, 1, "pattern.cycle_days"},
		{"cycle of 367 days", scheduler.Pattern{CycleDays: 367, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0)}}, 1, "pattern.cycle_days"},
		{"no slots", scheduler.Pattern{CycleDays: 1}, 1, "pattern.slots"},
		{"negative day", scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0), sl(-1, "07:00", 1, 0)}}, 1, "pattern.slots[1].day"},
		{"day beyond the cycle", scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(2, "07:00", 1, 0)}}, 1, "pattern.slots[0].day"},
		{"bad start", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "7:00", 1, 0)}}, 1, "pattern.slots[0].start"},
		{"start 24:00", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0), sl(0, "24:00", 1, 0)}}, 1, "pattern.slots[1].start"},
		{"zero hours", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 0, 0)}}, 1, "pattern.slots[0].hours"},
		{"negative hours", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", -8, 0)}}, 1, "pattern.slots[0].hours"},
		{"more than 24 hours", scheduler.Pattern{CycleDays: 3, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(1, "07:00", 24.5, 0)}}, 1, "pattern.slots[1].hours"},
		{"hours not whole minutes", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 7.3333, 0)}}, 1, "pattern.slots[0].hours"},
		{"hours below a minute", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 1e-9, 0)}}, 1, "pattern.slots[0].hours"},
		{"negative member", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 1, -1)}}, 1, "pattern.slots[0].member"},
		{"member beyond the list", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0), sl(0, "07:00", 1, 2)}}, 2, "pattern.slots[1].member"},
		{"no members", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 1, 0)}}, 0, "pattern.slots[0].member"},
		{"overlap on a day", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(0, "08:00", 1, 1), sl(0, "18:59", 1, 0)}}, 2, "pattern.slots[2]"},
		{"overlap into the next day", scheduler.Pattern{CycleDays: 3, Slots: []scheduler.Slot{sl(1, "06:00", 8, 0), sl(0, "22:00", 8.5, 0)}}, 1, "pattern.slots[1]"},
		{"nested overlap", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "00:00", 24, 0), sl(0, "10:00", 1, 0)}}, 1, "pattern.slots[1]"},
		{"same start", scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(1, "07:00", 1, 0), sl(1, "07:00", 2, 0)}}, 1, "pattern.slots[1]"},
		{"overlap across the end of the cycle", scheduler.Pattern{CycleDays: 2, Slots: []scheduler.Slot{sl(0, "07:00", 12, 0), sl(1, "20:00", 12, 0)}}, 1, "pattern.slots[1]"},
		{"24 h overlapping itself in a 1-day cycle with another", scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "23:00", 24, 0), sl(0, "12:00", 1, 0)}}, 1, "pattern.slots[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePattern(tt.p, tt.members)
			if tt.want == "" {
				if err != nil {
					t.Errorf("got %v, want valid", err)
				}
				return
			}
			if got := scheduler.ErrorCode(err); got != scheduler.EINVALID {
				t.Fatalf("code: got %q (%v), want %q", got, err, scheduler.EINVALID)
			}
			if got := scheduler.ErrorField(err); got != tt.want {
				t.Errorf("field: got %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

// Ensure ValidateRotation names the field of every fault, fills the pattern
// of a preset (overwriting a given one), and keeps the pattern of a custom
// rotation.
func TestValidateRotation(t *testing.T) {
	custom := scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 10, 0)}}
	good := func() scheduler.Rotation {
		return scheduler.Rotation{Name: "  Trụ sở  ", Preset: scheduler.Preset2448, Handover: "07:00",
			StartDate: "2026-12-01", Members: []int64{1, 2, 3}, Pattern: custom}
	}
	tests := []struct {
		name   string
		change func(r *scheduler.Rotation)
		want   string
	}{
		{"valid preset", func(r *scheduler.Rotation) {}, ""},
		{"valid custom", func(r *scheduler.Rotation) { r.Preset = scheduler.PresetCustom }, ""},
		{"name missing", func(r *scheduler.Rotation) { r.Name = " \t" }, "name"},
		{"name too long", func(r *scheduler.Rotation) { r.Name = strings.Repeat("ở", 201) }, "name"},
		{"name of 200 characters", func(r *scheduler.Rotation) { r.Name = strings.Repeat("ở", 200) }, ""},
		{"name with control character", func(r *scheduler.Rotation) { r.Name = "a\x00b" }, "name"},
		{"name not UTF-8", func(r *scheduler.Rotation) { r.Name = "a\xffb" }, "name"},
		{"preset unknown", func(r *scheduler.Rotation) { r.Preset = "24/24" }, "preset"},
		{"preset empty", func(r *scheduler.Rotation) { r.Preset = "" }, "preset"},
		{"handover bad", func(r *scheduler.Rotation) { r.Handover = "7h" }, "handover"},
		{"handover empty in custom", func(r *scheduler.Rotation) { r.Preset = scheduler.PresetCustom; r.Handover = "" }, "handover"},
		{"start_date bad", func(r *scheduler.Rotation) { r.StartDate = "01/12/2026" }, "start_date"},
		{"start_date impossible", func(r *scheduler.Rotation) { r.StartDate = "2026-02-30" }, "start_date"},
		{"members empty", func(r *scheduler.Rotation) { r.Members = nil }, "members"},
		{"member id zero", func(r *scheduler.Rotation) { r.Members = []int64{1, 0, 3} }, "members"},
		{"member id negative", func(r *scheduler.Rotation) { r.Members = []int64{1, 2, -3} }, "members"},
		{"member twice", func(r *scheduler.Rotation) { r.Members = []int64{1, 2, 1} }, "members"},
		{"members not the preset's count", func(r *scheduler.Rotation) { r.Members = []int64{1, 2} }, "members"},
		{"custom pattern invalid", func(r *scheduler.Rotation) {
			r.Preset = scheduler.PresetCustom
			r.Pattern = scheduler.Pattern{CycleDays: 1, Slots: []scheduler.Slot{sl(0, "07:00", 10, 3)}}
		}, "pattern.slots[0].member"},
		{"custom pattern missing", func(r *scheduler.Rotation) { r.Preset = scheduler.PresetCustom; r.Pattern = scheduler.Pattern{} }, "pattern.cycle_days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.change(&r)
			err := ValidateRotation(&r)
			if got := scheduler.ErrorField(err); got != tt.want || (tt.want != "") != (err != nil) {
				t.Fatalf("field: got %q (%v), want %q", got, err, tt.want)
			}
			if err != nil && scheduler.ErrorCode(err) != scheduler.EINVALID {
				t.Errorf("code: got %q, want %q", scheduler.ErrorCode(err), scheduler.EINVALID)
			}
		})
	}
	t.Run("fills and trims", func(t *testing.T) {
		r := good()
		if err := ValidateRotation(&r); err != nil {
			t.Fatal(err)
		}
		want, _ := PresetPattern(scheduler.Preset2448, "07:00", 3)
		if got := r.Pattern; got.CycleDays != want.CycleDays || !slices.Equal(got.Slots, want.Slots) {
			t.Errorf("pattern: got %+v, want the preset's %+v", got, want)
		}
		if got, want := r.Name, "Trụ sở"; got != want {
			t.Errorf("name: got %q, want %q", got, want)
		}
		c := good()
		c.Preset = scheduler.PresetCustom
		if err := ValidateRotation(&c); err != nil {
			t.Fatal(err)
		}
		if got := c.Pattern; got.CycleDays != custom.CycleDays || !slices.Equal(got.Slots, custom.Slots) {
			t.Errorf("custom pattern: got %+v, want it kept %+v", got, custom)
		}
	})
}

// Ensure Expand refuses bad arguments, naming the field, and an invalid
// rotation with the rotation's field.
func TestExpandErrors(t *testing.T) {
	loc := mustLoc(t, scheduler.DefaultTimezone)
	good := presetRotation(scheduler.Preset2424, "07:00", "2026-12-01", 2)
	bad := good
	bad.Members = []int64{1}
	tests := []struct {
		name        string
		r           scheduler.Rotation
		periods     []scheduler.MemberPeriod
		from, until string
		loc         *time.Location
		code, field string
	}{
		{"from bad", good, nil, "2026-13-01", "2026-12-31", loc, scheduler.EINVALID, "from"},
		{"until bad", good, nil, "2026-12-01", "", loc, scheduler.EINVALID, "until"},
		{"period from bad", good, []scheduler.MemberPeriod{{From: "2026-12-02", Members: []int64{1, 2}}, {From: "soon", Members: []int64{1, 2}}}, "2026-12-01", "2026-12-31", loc, scheduler.EINVALID, "periods[1].from"},
		{"period member twice", good, []scheduler.MemberPeriod{{From: "2026-12-02", Members: []int64{1, 1}}}, "2026-12-01", "2026-12-31", loc, scheduler.EINVALID, "periods[0].members"},
		{"period member not an id", good, []scheduler.MemberPeriod{{From: "2026-12-02", Members: []int64{0}}}, "2026-12-01", "2026-12-31", loc, scheduler.EINVALID, "periods[0].members"},
		{"invalid rotation", bad, nil, "2026-12-01", "2026-12-31", loc, scheduler.EINVALID, "members"},
		{"range too long", good, nil, "2026-12-01", "2036-12-08", loc, scheduler.EINVALID, "until"},
		{"nil location", good, nil, "2026-12-01", "2026-12-31", nil, scheduler.EINTERNAL, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.r, tt.periods, tt.from, tt.until, tt.loc)
			if got != nil || err == nil {
				t.Fatalf("got %d shifts, err %v; want an error", len(got), err)
			}
			if c := scheduler.ErrorCode(err); c != tt.code {
				t.Errorf("code: got %q, want %q (%v)", c, tt.code, err)
			}
			if f := scheduler.ErrorField(err); f != tt.field {
				t.Errorf("field: got %q, want %q (%v)", f, tt.field, err)
			}
		})
	}
}

// ---------------------------------------------------------------- benchmark

// BenchmarkExpandYear50 expands a year of 50 rotations of every preset, half
// in the office zone and half in a zone with DST.
func BenchmarkExpandYear50(b *testing.B) {
	zones := []*time.Location{mustLoc(b, scheduler.DefaultTimezone), mustLoc(b, "Europe/Berlin")}
	handovers := []string{"06:00", "07:00", "22:00", "02:30", "13:30"}
	var rs []scheduler.Rotation
	for i := range 50 {
		p := allPresets[i%len(allPresets)]
		rs = append(rs, presetRotation(p.preset, handovers[i/len(allPresets)%len(handovers)], "2025-12-15", p.members))
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for i, r := range rs {
			got, err := Expand(r, nil, "2026-01-01", "2026-12-31", zones[i%2])
			if err != nil {
				b.Fatal(err)
			}
			n += len(got)
		}
		if n < 50*365 {
			b.Fatalf("only %d shifts", n)
		}
	}
}
