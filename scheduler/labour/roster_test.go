package labour

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"catruc/scheduler"
)

// Helpers that build rosters for the tests and render violations compactly.

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at parses "2006-01-02 15:04" in loc.
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func office(id int64, name string) *scheduler.Guard {
	return &scheduler.Guard{ID: id, Name: name, Unit: scheduler.UnitOffice, Active: true, PostIDs: []int64{1}}
}

func shift(id, guard int64, start, end time.Time) *scheduler.Shift {
	g := guard
	return &scheduler.Shift{ID: id, PostID: 1, GuardID: &g, Start: start, End: end, Status: scheduler.ShiftScheduled}
}

// roster collects shifts with consecutive ids.
type roster struct {
	shifts []*scheduler.Shift
}

func (r *roster) add(guard int64, start, end time.Time) *scheduler.Shift {
	s := shift(int64(len(r.shifts)+1), guard, start, end)
	r.shifts = append(r.shifts, s)
	return s
}

// rota2424 has two guards alternate 24-hour shifts handed over at 07:00 from
// the day of from to the day before until.
func rota2424(t testing.TB, loc *time.Location, guards [2]int64, from, until string) []*scheduler.Shift {
	var r roster
	d0, d1 := at(t, loc, from+" 07:00"), at(t, loc, until+" 07:00")
	for i, d := 0, d0; d.Before(d1); i, d = i+1, d.AddDate(0, 0, 1) {
		r.add(guards[i%2], d, d.AddDate(0, 0, 1))
	}
	return r.shifts
}

// rota3x8 has four guards on the 8-hour three-shift cycle (ca 1 06:00–14:00,
// ca 2 14:00–22:00, ca 3 22:00–06:00): each guard's 8-day cycle is morning,
// morning, afternoon, afternoon, night, night, off, off, the guards staggered
// by two days, so that every hour is held by exactly one of them.
func rota3x8(t testing.TB, loc *time.Location, guards [4]int64, from, until string, r *roster) {
	starts := [...]int{6, 6, 14, 14, 22, 22} // cycle day → start hour; days 6 and 7 are off
	d0, d1 := at(t, loc, from+" 00:00"), at(t, loc, until+" 00:00")
	for k, d := 0, d0; d.Before(d1); k, d = k+1, d.AddDate(0, 0, 1) {
		for g, id := range guards {
			c := ((k-2*g)%8 + 8) % 8
			if c >= len(starts) {
				continue
			}
			y, m, dd := d.Date()
			s := time.Date(y, m, dd, starts[c], 0, 0, 0, loc)
			r.add(id, s, time.Date(y, m, dd, starts[c]+8, 0, 0, 0, loc))
		}
	}
}

// coverage returns how many shifts hold each hour of [from, to), keyed by count.
func coverage(shifts []*scheduler.Shift, from, to time.Time) map[int]int {
	out := map[int]int{}
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		n := 0
		for _, s := range shifts {
			if !t.Before(s.Start) && t.Before(s.End) {
				n++
			}
		}
		out[n]++
	}
	return out
}

// render writes a violation as one comparable line: rule, guard, shift ids,
// value/limit, and the period in the zone of its Start.
func render(v Violation) string {
	return fmt.Sprintf("%s g%d %v %s/%s %s→%s", v.Rule, v.GuardID, v.ShiftIDs,
		fmtValue(v.Value, v.Limit), fmtNum(v.Limit),
		v.Start.Format("2006-01-02 15:04"), v.End.Format("2006-01-02 15:04"))
}

func renderAll(vs []Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, render(v))
	}
	return out
}

// only keeps the violations of one rule.
func only(vs []Violation, rule string) []Violation {
	out := []Violation{}
	for _, v := range vs {
		if v.Rule == rule {
			out = append(out, v)
		}
	}
	return out
}

// rulesBroken returns, per guard, the sorted names of the rules broken.
func rulesBroken(vs []Violation) map[int64]string {
	set := map[int64]map[string]bool{}
	for _, v := range vs {
		if set[v.GuardID] == nil {
			set[v.GuardID] = map[string]bool{}
		}
		set[v.GuardID][v.Rule] = true
	}
	out := map[int64]string{}
	for g, rules := range set {
		var names []string
		for r := range rules {
			names = append(names, r)
		}
		sort.Strings(names)
		out[g] = strings.Join(names, " ")
	}
	return out
}

// equalLines compares two lists of lines in order, showing them whole when
// short and only the lines that differ when long.
func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	if len(got)+len(want) <= 20 {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		return
	}
	count := map[string]int{}
	for _, l := range got {
		count[l]++
	}
	for _, l := range want {
		count[l]--
	}
	var extra, missing []string
	for l, n := range count {
		for ; n > 0; n-- {
			extra = append(extra, l)
		}
		for ; n < 0; n++ {
			missing = append(missing, l)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	t.Errorf("%d lines, want %d (or in another order)\nnot wanted:\n\t%s\nmissing:\n\t%s",
		len(got), len(want), strings.Join(extra, "\n\t"), strings.Join(missing, "\n\t"))
}
