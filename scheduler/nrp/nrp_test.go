package nrp

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"catruc/scheduler/solver"
)

func TestParseInstance3(t *testing.T) {
	f, err := os.Open("testdata/Instance3.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Days != 14 || len(m.Shifts) != 3 || len(m.Staff) != 20 {
		t.Fatalf("days %d shifts %d staff %d", m.Days, len(m.Shifts), len(m.Staff))
	}
	// L,480,E|D: neither E nor D may follow L.
	if !m.Forbidden[2][0] || !m.Forbidden[2][1] || m.Forbidden[2][2] || m.Forbidden[0][1] {
		t.Fatalf("forbidden %v", m.Forbidden)
	}
	a := m.Staff[0] // A,E=14|D=14|L=0,4320,3360,5,2,2,1 ; days off 0
	if a.ID != "A" || a.MaxShifts[2] != 0 || a.MaxMinutes != 4320 || a.MinMinutes != 3360 ||
		a.MaxConsecutive != 5 || a.MinConsecutive != 2 || a.MinConsecutiveOff != 2 || a.MaxWeekends != 1 ||
		len(a.DaysOff) != 1 || a.DaysOff[0] != 0 {
		t.Fatalf("A = %+v", a)
	}
	k := m.Staff[10] // K,...,6,2,3,1
	if k.MaxConsecutive != 6 || k.MinConsecutiveOff != 3 {
		t.Fatalf("K = %+v", k)
	}
	if c := m.Cover[0][0]; c.Under != 100 || c.Over != 1 {
		t.Fatalf("cover %+v", c)
	}
	if !m.IsWeekend(5) || !m.IsWeekend(6) || m.IsWeekend(7) {
		t.Fatal("day 0 is a Monday")
	}
}

func TestParseRejectsBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"no horizon":      "SECTION_SHIFTS\nD,480,\n",
		"unknown shift":   "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,X\n",
		"unknown staff":   "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_DAYS_OFF\nZ,1\n",
		"day outside":     "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000,0,5,1,1,1\nSECTION_DAYS_OFF\nA,9\n",
		"short staff row": "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000\n",
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestWriteRoster(t *testing.T) {
	m := &solver.Model{Days: 3, Shifts: []solver.ShiftType{{ID: "E"}, {ID: "L"}},
		Staff: []solver.Member{{ID: "A"}, {ID: "B"}}}
	var b bytes.Buffer
	if err := WriteRoster(&b, m, solver.Roster{{0, solver.Off, 1}, {solver.Off, solver.Off, solver.Off}}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "A E - L\nB - - -\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
