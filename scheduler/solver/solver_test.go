package solver_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"catruc/scheduler/nrp"
	"catruc/scheduler/solver"
)

func load(t *testing.T, i int) *solver.Model {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("../nrp/testdata/Instance%d.txt", i))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := nrp.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every returned roster keeps every hard rule and its objective is the full
// recomputation, over instances 1–3, several seeds, small budgets.
func TestSolveReturnsFeasibleRosters(t *testing.T) {
	for _, i := range []int{1, 2, 3} {
		m := load(t, i)
		for seed := int64(1); seed <= 3; seed++ {
			res, err := solver.Solve(context.Background(), m, solver.Options{Seed: seed, Iterations: 60, Workers: 2, Epoch: 20})
			if err != nil {
				t.Fatalf("instance %d seed %d: %v", i, seed, err)
			}
			if v := m.Violations(res.Roster); len(v) > 0 {
				t.Fatalf("instance %d seed %d: %d violations, first %v", i, seed, len(v), v[0])
			}
			if got := m.Objective(res.Roster); got != res.Objective {
				t.Fatalf("instance %d seed %d: objective %d, recomputed %d", i, seed, res.Objective, got)
			}
		}
	}
}

func TestSolveIsDeterministicForASeedAndBudget(t *testing.T) {
	m := load(t, 3)
	opt := solver.Options{Seed: 5, Iterations: 150, Workers: 2, Epoch: 40}
	a, err := solver.Solve(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := solver.Solve(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Roster, b.Roster) || a.Objective != b.Objective {
		t.Fatalf("same seed and budget, different rosters: %d vs %d", a.Objective, b.Objective)
	}
	opt.Seed = 6
	c, err := solver.Solve(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if v := m.Violations(c.Roster); len(v) > 0 {
		t.Fatal(v[0])
	}
}

// Instance 1 reaches its proven optimum quickly.
func TestSolveInstance1Optimum(t *testing.T) {
	m := load(t, 1)
	res, err := solver.Solve(context.Background(), m, solver.Options{Seed: 1, Iterations: 3000, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Objective != 607 {
		t.Fatalf("objective %d, want 607", res.Objective)
	}
}

// Ensure a search with patience stops once it finds nothing better for that
// long, well before its time limit, with the optimum it found (instance 1
// reaches 607, which is not 0, so only patience can end it early).
func TestSolvePatienceStopsEarly(t *testing.T) {
	m := load(t, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	res, err := solver.Solve(ctx, m, solver.Options{Seed: 1, Workers: 1, Patience: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Minute || res.Objective != 607 {
		t.Fatalf("patience 2 s: stopped after %s with %d, want early with 607", el, res.Objective)
	}
}

// A cancelled search still returns the (feasible) constructed roster.
func TestSolveCancelledReturnsBest(t *testing.T) {
	m := load(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := solver.Solve(ctx, m, solver.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if v := m.Violations(res.Roster); len(v) > 0 {
		t.Fatal(v[0])
	}
}

func TestSolveReportsInfeasible(t *testing.T) {
	m := load(t, 1)
	m.Staff[0].MinMinutes = 14 * 480 // every day, but day 0 is off and runs ≤ 5
	_, err := solver.Solve(context.Background(), m, solver.Options{Seed: 1, Iterations: 10})
	if !errors.Is(err, solver.ErrInfeasible) {
		t.Fatalf("err = %v, want ErrInfeasible", err)
	}
}

func TestViolationsFindsBrokenRules(t *testing.T) {
	m := load(t, 1)
	r := solver.NewRoster(m)
	for d := range r[0] {
		r[0][d] = 0 // A works all 14 days: day off 0, runs, weekends, minutes
	}
	rules := map[string]bool{}
	for _, v := range m.Violations(r) {
		if v.Member == 0 {
			rules[v.Rule] = true
		}
	}
	for _, want := range []string{"day-off", "max-consecutive", "weekends", "minutes"} {
		if !rules[want] {
			t.Errorf("rule %s not reported (got %v)", want, rules)
		}
	}
}

// officeModel is a month of a 24/24 post in three 8-hour shifts (D 06–14,
// E 14–22, N 22–06) held by four guards: 12 h rest between shifts, at most
// 48 h and at least one day off in every week, at most 7 nights each, a fair
// share of 168 h each; guard 0 may not work the nights of days 0–3 (rest
// after shifts before the horizon) and guard 1 is off on day 10.
func officeModel() *solver.Model {
	const days = 28
	m := &solver.Model{Days: days, FirstWeekday: 0}
	m.Shifts = []solver.ShiftType{{ID: "D", Minutes: 480}, {ID: "E", Minutes: 480}, {ID: "N", Minutes: 480}}
	m.Forbidden = [][]bool{
		{false, false, false}, // after D: 16 h or more before any shift
		{true, false, false},  // after E (ends 22:00): D at 06:00 leaves 8 h
		{true, true, false},   // after N (ends 06:00): D and E leave under 12 h
	}
	m.Cover = make([][]solver.Cover, days)
	for d := range m.Cover {
		m.Cover[d] = []solver.Cover{{1, 100, 10}, {1, 100, 10}, {1, 100, 10}}
	}
	for e := 0; e < 4; e++ {
		st := solver.Member{ID: fmt.Sprintf("g%d", e), MaxShifts: []int{days, days, days},
			MaxMinutes: days * 24 * 60, MaxWeekends: -1,
			Groups:        []solver.GroupLimit{{Types: []int{2}, Max: 7}},
			TargetMinutes: 168 * 60, FairWeight: 10}
		for w := 0; w < days; w += 7 {
			st.Windows = append(st.Windows, solver.Window{From: w, To: w + 7, MaxMinutes: 48 * 60, MinOff: 1})
		}
		m.Staff = append(m.Staff, st)
	}
	for d := 0; d < 4; d++ {
		m.Staff[0].Unavailable = append(m.Staff[0].Unavailable, solver.DayShift{Day: d, Shift: 2})
	}
	m.Staff[1].DaysOff = []int{10}
	return m
}

// Ensure the solver plans an office month lawfully and fairly: every shift
// covered by exactly one guard, no hard rule broken, 160–176 h and at most 7
// nights per guard, and the reported objective recomputes.
func TestSolveOfficeMonth(t *testing.T) {
	m := officeModel()
	res, err := solver.Solve(context.Background(), m, solver.Options{Seed: 1, Iterations: 400, Workers: 2,
		Progress: func(el time.Duration, b int) { t.Logf("%v %d", el, b) }})
	if err != nil {
		t.Fatal(err)
	}
	if v := m.Violations(res.Roster); len(v) > 0 {
		t.Fatalf("%d violations, first %v", len(v), v[0])
	}
	if got := m.Objective(res.Roster); got != res.Objective {
		t.Fatalf("objective %d, recomputed %d", res.Objective, got)
	}
	for d := 0; d < m.Days; d++ {
		for s := range m.Shifts {
			n := 0
			for e := range res.Roster {
				if res.Roster[e][d] == s {
					n++
				}
			}
			if n != 1 {
				t.Errorf("day %d shift %s: %d guards, want 1", d, m.Shifts[s].ID, n)
			}
		}
	}
	for e, days := range res.Roster {
		hours, nights := 0, 0
		for _, s := range days {
			if s != solver.Off {
				hours += m.Shifts[s].Minutes / 60
			}
			if s == 2 {
				nights++
			}
		}
		if hours < 160 || hours > 176 || nights > 7 {
			t.Errorf("guard %d: %d h, %d nights; want 160–176 h, at most 7 nights", e, hours, nights)
		}
	}
	t.Logf("objective %d after %d iterations", res.Objective, res.Iterations)
}

// Ensure Validate refuses malformed extensions, naming what is wrong, and
// accepts windows that reach outside the horizon.
func TestValidateExtensions(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(st *solver.Member)
		want string // "" = valid
	}{
		{"windows outside the horizon", func(st *solver.Member) {
			st.Windows = []solver.Window{{From: -3, To: 4, MaxMinutes: 960}, {From: 25, To: 32, MinOff: 1}, {From: 40, To: 47}}
		}, ""},
		{"overlapping windows", func(st *solver.Member) {
			st.Windows = []solver.Window{{From: 7, To: 14, MinOff: 1}, {From: 0, To: 8, MinOff: 1}}
		}, "windows [0, 8) and [7, 14) overlap"},
		{"empty window", func(st *solver.Member) { st.Windows = []solver.Window{{From: 3, To: 3}} }, "window [3, 3) has no day"},
		{"negative window bound", func(st *solver.Member) { st.Windows = []solver.Window{{From: 0, To: 7, MinOff: -1}} }, "negative bound"},
		{"unavailable day outside", func(st *solver.Member) { st.Unavailable = []solver.DayShift{{Day: 28, Shift: 0}} }, "day 28 outside the horizon"},
		{"unavailable unknown shift", func(st *solver.Member) { st.Unavailable = []solver.DayShift{{Day: 1, Shift: 3}} }, "unknown shift 3"},
		{"group repeats a type", func(st *solver.Member) { st.Groups = []solver.GroupLimit{{Types: []int{2, 2}, Max: 7}} }, "shift 2 repeated"},
		{"group without types", func(st *solver.Member) { st.Groups = []solver.GroupLimit{{Max: 7}} }, "no shift type"},
		{"group negative max", func(st *solver.Member) { st.Groups = []solver.GroupLimit{{Types: []int{2}, Max: -1}} }, "negative maximum"},
		{"negative fairness", func(st *solver.Member) { st.FairWeight = -1 }, "negative target minutes or fairness weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := officeModel()
			tc.edit(&m.Staff[2])
			err := m.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// Ensure the evaluator names each broken extension and the objective counts
// the fair-share term: FairWeight × |minutes − target| / 60.
func TestViolationsAndObjectiveOfExtensions(t *testing.T) {
	m := officeModel()
	r := solver.NewRoster(m)
	for d := 0; d < 8; d++ {
		r[0][d] = 2 // eight nights in a row: unavailable nights 0–3, a week without rest, 8 > 7 nights
	}
	rules := map[string]int{}
	for _, v := range m.Violations(r) {
		if v.Member == 0 {
			rules[v.Rule]++
		}
	}
	want := map[string]int{"unavailable": 4, "window-minutes": 1, "window-days-off": 1, "group": 1}
	if !reflect.DeepEqual(rules, want) {
		t.Fatalf("rules broken %v, want %v", rules, want)
	}
	// Cover: 84 shifts wanted, 8 worked: 76 × 100 under. Fairness: guard 0
	// is 104 h short (10 × 104), the others 168 h (3 × 10 × 168).
	if got, want := m.Objective(r), 76*100+10*104+3*10*168; got != want {
		t.Fatalf("objective %d, want %d", got, want)
	}
}

// Instance 6 needs its members' weekends and runs coordinated: the local
// search alone settles 20–22 cover units short (2047 or worse, whatever the
// time), branch and price reaches 19 (the optimum 1950 is 19 short). With a
// fixed budget the run is deterministic; the target of issue 10 is 2008.
func TestBranchAndPriceReachesInstance6Target(t *testing.T) {
	if raceDetector {
		t.Skip("seconds of solving, many times slower under the race detector; CI runs it in the plan-quality step")
	}
	m := load(t, 6)
	res, err := solver.Solve(context.Background(), m, solver.Options{Seed: 1, Workers: 2, Iterations: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Objective > 2008 {
		t.Fatalf("instance 6: %d, want at most 2008 (best known 1950)", res.Objective)
	}
	off, err := solver.Solve(context.Background(), m, solver.Options{Seed: 1, Workers: 2, Iterations: 2000, ColGen: -1})
	if err != nil {
		t.Fatal(err)
	}
	if off.Objective <= 2008 {
		t.Fatalf("without branch and price instance 6 gave %d: the test no longer shows what branch and price adds", off.Objective)
	}
}
