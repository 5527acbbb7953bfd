package nrpcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// base is a well-formed instance the malformed cases below edit.
const base = `SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=7|L=7,3360,0,7,1,1,1
B,E=7|L=0,3360,0,7,1,1,1

SECTION_DAYS_OFF
A,0,6

SECTION_SHIFT_ON_REQUESTS
A,1,E,2

SECTION_SHIFT_OFF_REQUESTS
B,2,L,3

SECTION_COVER
0,E,1,100,1
`

// Ensure malformed instances are refused with the file, the line and what is
// wrong (line numbers are those of the edited file).
func TestMalformedInstance(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown section", "SECTION_COVER", "SECTION_CUVER", "x.txt:21: unknown section \"SECTION_CUVER\""},
		{"repeated section", "SECTION_COVER", "SECTION_DAYS_OFF", "x.txt:21: SECTION_DAYS_OFF appears twice"},
		{"missing required section", "SECTION_STAFF\nA,E=7|L=7,3360,0,7,1,1,1\nB,E=7|L=0,3360,0,7,1,1,1\n", "", "x.txt: SECTION_STAFF is missing"},
		{"data before a section", "SECTION_HORIZON\n7", "7\nSECTION_HORIZON\n7", "x.txt:1: data before the first SECTION_ line"},
		{"horizon not a number", "SECTION_HORIZON\n7", "SECTION_HORIZON\nseven", "x.txt:2: horizon \"seven\" is not a non-negative integer"},
		{"horizon zero", "SECTION_HORIZON\n7", "SECTION_HORIZON\n0", "x.txt:2: horizon must be at least 1 day"},
		{"shift fields", "L,480,E", "L,480", "x.txt:6: 2 fields, want 3 (ShiftID, Length in mins, Shifts which cannot follow)"},
		{"shift named -", "L,480,E", "-,480,E", "x.txt:6: shift ID \"-\" is reserved for a day off"},
		{"shift twice", "L,480,E", "E,480,", "x.txt:6: shift \"E\" declared twice"},
		{"negative length", "L,480,E", "L,-480,E", "x.txt:6: length \"-480\" is not a non-negative integer"},
		{"unknown successor", "L,480,E", "L,480,E|X", "x.txt:6: unknown shift \"X\""},
		{"staff fields", "B,E=7|L=0,3360,0,7,1,1,1", "B,E=7|L=0,3360,0,7,1,1", "x.txt:10: 7 fields, want 8 (ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends)"},
		{"staff twice", "B,E=7|L=0", "A,E=7|L=0", "x.txt:10: staff member \"A\" listed twice"},
		{"MaxShifts unknown shift", "B,E=7|L=0", "B,E=7|X=0", "x.txt:10: staff B: MaxShifts: unknown shift \"X\""},
		{"MaxShifts missing a shift", "B,E=7|L=0", "B,E=7", "x.txt:10: staff B: MaxShifts does not give shift \"L\""},
		{"MaxShifts twice", "B,E=7|L=0", "B,E=7|E=1", "x.txt:10: staff B: MaxShifts: shift \"E\" given twice"},
		{"MaxShifts item", "B,E=7|L=0", "B,E=7|L", "x.txt:10: staff B: MaxShifts item \"L\" is not ShiftID=max"},
		{"staff number", "B,E=7|L=0,3360,0,7,1,1,1", "B,E=7|L=0,3360,0,7,x,1,1", "x.txt:10: staff B: MinConsecutiveShifts \"x\" is not a non-negative integer"},
		{"staff ID with a blank", "B,E=7|L=0", "B B,E=7|L=0", "x.txt:10: staff ID \"B B\" contains a blank, ',', '|' or '='"},
		{"day off outside", "A,0,6", "A,0,7", "x.txt:13: day 7 is outside the horizon 0-6"},
		{"day off unknown staff", "A,0,6", "Z,0,6", "x.txt:13: unknown staff member \"Z\""},
		{"request fields", "A,1,E,2", "A,1,E", "x.txt:16: 3 fields, want 4 (EmployeeID, Day, ShiftID, Weight)"},
		{"request unknown shift", "B,2,L,3", "B,2,N,3", "x.txt:19: unknown shift \"N\""},
		{"request weight", "B,2,L,3", "B,2,L,-3", "x.txt:19: weight \"-3\" is not a non-negative integer"},
		{"cover twice", "0,E,1,100,1\n", "0,E,1,100,1\n0,E,2,100,1\n", "x.txt:23: cover of day 0 shift E already given on line 22"},
		{"cover day", "0,E,1,100,1", "9,E,1,100,1", "x.txt:22: day 9 is outside the horizon 0-6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(base, tt.old, tt.new, 1)
			if text == base && tt.old != tt.new {
				t.Fatalf("%q not in the base instance", tt.old)
			}
			_, err := ParseInstance("x.txt", strings.NewReader(text))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
	if _, err := ParseInstance("x.txt", strings.NewReader(base)); err != nil {
		t.Errorf("base instance: %v", err)
	}
}

// Ensure the base instance reads as written: comments ignored, IDs and limits
// where they belong, an empty successor list, days off merged.
func TestParseInstance(t *testing.T) {
	text := "# comment\n" + strings.Replace(base, "A,0,6\n", "A,0\n  # indented comment\nA,6\nB\n", 1)
	in, err := ParseInstance("x.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if in.Horizon != 7 || len(in.Shifts) != 2 || len(in.Staff) != 2 {
		t.Fatalf("horizon %d, %d shifts, %d staff", in.Horizon, len(in.Shifts), len(in.Staff))
	}
	if e, l := in.Shifts[0], in.Shifts[1]; e.ID != "E" || e.Minutes != 480 || e.CannotFollow[0] || e.CannotFollow[1] || !l.CannotFollow[0] || l.CannotFollow[1] {
		t.Errorf("shifts %+v", in.Shifts)
	}
	b := in.Staff[1]
	if b.ID != "B" || b.MaxShifts[0] != 7 || b.MaxShifts[1] != 0 || b.MaxMinutes != 3360 || b.MinMinutes != 0 ||
		b.MaxConsecutive != 7 || b.MinConsecutive != 1 || b.MinDaysOff != 1 || b.MaxWeekends != 1 {
		t.Errorf("staff B %+v", b)
	}
	if a := in.Staff[0].DaysOff; !a[0] || !a[6] || a[1] {
		t.Errorf("A's days off %v", a)
	}
	if r := in.OnRequests; len(r) != 1 || r[0] != (Request{Staff: 0, Day: 1, Shift: 0, Weight: 2}) {
		t.Errorf("on requests %+v", r)
	}
	if r := in.OffRequests; len(r) != 1 || r[0] != (Request{Staff: 1, Day: 2, Shift: 1, Weight: 3}) {
		t.Errorf("off requests %+v", r)
	}
	if c := in.Cover; len(c) != 1 || c[0] != (Cover{Day: 0, Shift: 0, Requirement: 1, Under: 100, Over: 1}) {
		t.Errorf("cover %+v", c)
	}
}

// Ensure malformed rosters are refused with the file, the line and what is
// wrong, and that a missing final newline is fine.
func TestMalformedRoster(t *testing.T) {
	in, err := ParseInstance("x.txt", strings.NewReader(base))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want string }{
		{"no final newline", "A - E E - - - -\nB - - - - - - -", ""},
		{"CRLF", "A - E E - - - -\r\nB - - - - - - -\r\n", ""},
		{"too few lines", "A - E E - - - -\n", "R: 1 line, want one per staff member (2)"},
		{"a line too many", "A - - - - - - -\nB - - - - - - -\nC - - - - - - -\n", "R:3: a line after the last staff member (3 lines, want 2)"},
		{"trailing blank line", "A - - - - - - -\nB - - - - - - -\n\n", "R:3: a line after the last staff member (3 lines, want 2)"},
		{"blank line", "\nA - - - - - - -\nB - - - - - - -\n", "R:1: blank line, want staff A"},
		{"wrong order", "B - - - - - - -\nA - - - - - - -\n", "R:1: staff A expected (the instance's order), found \"B\""},
		{"too few days", "A - - - - - -\nB - - - - - - -\n", "R:1: staff A: 6 days, want 7 (tokens separated by single spaces)"},
		{"too many days", "A - - - - - - - -\nB - - - - - - -\n", "R:1: staff A: 8 days, want 7 (tokens separated by single spaces)"},
		{"double space", "A - - -  - - -\nB - - - - - - -\n", "R:1: staff A: day 3 is empty (two spaces, or a space at an end)"},
		{"tab", "A\t- - - - - - -\nB - - - - - - -\n", "R:1: staff A expected (the instance's order), found \"A\\t-\""},
		{"unknown shift", "A - - - - X - -\nB - - - - - - -\n", "R:1: staff A: day 4: unknown shift \"X\""},
		{"shift IDs are case-sensitive", "A - - - - e - -\nB - - - - - - -\n", "R:1: staff A: day 4: unknown shift \"e\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "R")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			ro, err := ReadRoster(path, in)
			got := ""
			if err != nil {
				got = strings.TrimPrefix(err.Error(), filepath.Dir(path)+string(filepath.Separator))
			}
			if got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
			if err == nil && (len(ro) != 2 || ro[0][1] != 0 || ro[0][0] != Off) {
				t.Errorf("roster %v", ro)
			}
		})
	}
}
