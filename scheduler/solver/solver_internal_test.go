package solver

import (
	"math"
	"math/rand"
	"testing"
)

// randomModel is a small random model: the rules vary member by member, so
// that every branch of the DP's transitions is met.
func randomModel(rng *rand.Rand, days, staff, shifts int) *Model {
	m := &Model{Days: days, FirstWeekday: rng.Intn(7)}
	for s := 0; s < shifts; s++ {
		m.Shifts = append(m.Shifts, ShiftType{ID: string(rune('A' + s)), Minutes: []int{480, 600, 720}[rng.Intn(3)]})
	}
	m.Forbidden = make([][]bool, shifts)
	for a := range m.Forbidden {
		m.Forbidden[a] = make([]bool, shifts)
		for b := range m.Forbidden[a] {
			m.Forbidden[a][b] = rng.Intn(4) == 0
		}
	}
	m.Cover = make([][]Cover, days)
	for d := range m.Cover {
		m.Cover[d] = make([]Cover, shifts)
		for s := range m.Cover[d] {
			m.Cover[d][s] = Cover{Requirement: rng.Intn(3), Under: 1 + rng.Intn(100), Over: rng.Intn(3)}
		}
	}
	for e := 0; e < staff; e++ {
		st := Member{ID: string(rune('a' + e)), MaxShifts: make([]int, shifts)}
		for s := range st.MaxShifts {
			st.MaxShifts[s] = []int{0, 1, 2, 3, days}[rng.Intn(5)]
		}
		st.MaxMinutes = 480 * (1 + rng.Intn(days))
		st.MinMinutes = max(0, st.MaxMinutes-480*(1+rng.Intn(4)))
		st.MaxConsecutive = rng.Intn(5)
		st.MinConsecutive = rng.Intn(3)
		st.MinConsecutiveOff = rng.Intn(3)
		st.MaxWeekends = rng.Intn(3) - 1
		for d := 0; d < days; d++ {
			if rng.Intn(6) == 0 {
				st.DaysOff = append(st.DaysOff, d)
			}
			if rng.Intn(4) == 0 {
				st.OnRequests = append(st.OnRequests, Request{Day: d, Shift: rng.Intn(shifts), Weight: 1 + rng.Intn(5)})
			}
			if rng.Intn(4) == 0 {
				st.OffRequests = append(st.OffRequests, Request{Day: d, Shift: rng.Intn(shifts), Weight: 1 + rng.Intn(5)})
			}
		}
		m.Staff = append(m.Staff, st)
	}
	return m
}

// addExtensions gives every member of m random planner rules: windows (some
// reaching outside the horizon, some with gaps between them), unavailable
// pairs, shift groups and a fair-share target.
func addExtensions(rng *rand.Rand, m *Model) {
	S := len(m.Shifts)
	for e := range m.Staff {
		st := &m.Staff[e]
		for from := -rng.Intn(3); from < m.Days; {
			n := 2 + rng.Intn(6)
			if rng.Intn(4) != 0 {
				st.Windows = append(st.Windows, Window{From: from, To: from + n,
					MaxMinutes: []int{0, 480, 960, 1440, 2000}[rng.Intn(5)], MinOff: rng.Intn(3)})
			}
			from += n + rng.Intn(2)
		}
		for d := 0; d < m.Days; d++ {
			if rng.Intn(5) == 0 {
				st.Unavailable = append(st.Unavailable, DayShift{Day: d, Shift: rng.Intn(S)})
			}
		}
		for g := rng.Intn(3); g > 0; g-- {
			types := rng.Perm(S)[:1+rng.Intn(S)]
			st.Groups = append(st.Groups, GroupLimit{Types: types, Max: rng.Intn(m.Days/2 + 1)})
		}
		if rng.Intn(2) == 0 {
			// Windows bound the total too: keep some members easy to roster.
			st.MinMinutes /= 4
		}
		if rng.Intn(3) != 0 {
			st.TargetMinutes = rng.Intn(st.MaxMinutes + 1)
			st.FairWeight = 1 + rng.Intn(20)
		}
	}
}

// addWindows gives every member of m loose benchmark rules and tight
// windows back to back, so that the DP's window state decides.
func addWindows(rng *rand.Rand, m *Model) {
	for e := range m.Staff {
		st := &m.Staff[e]
		st.MaxConsecutive, st.MinConsecutive, st.MinConsecutiveOff = 0, 0, 0
		st.MinMinutes, st.MaxWeekends = 0, -1
		for from := -rng.Intn(2); from < m.Days; {
			n := 2 + rng.Intn(4)
			st.Windows = append(st.Windows, Window{From: from, To: from + n,
				MaxMinutes: []int{0, 600, 960, 1200, 1440}[rng.Intn(5)], MinOff: rng.Intn(min(n, 3) + 1)})
			from += n
		}
		if rng.Intn(2) == 0 {
			st.TargetMinutes, st.FairWeight = rng.Intn(st.MaxMinutes+1), 1+rng.Intn(20)
		}
	}
}

// extender adds rules to a random model; nil adds none.
type extender func(rng *rand.Rand, m *Model)

// variants runs f on plain benchmark models and on models with the planner's
// extensions.
func variants(t *testing.T, f func(t *testing.T, ext extender)) {
	t.Run("benchmark", func(t *testing.T) { f(t, nil) })
	t.Run("extensions", func(t *testing.T) { f(t, addExtensions) })
}

// brute enumerates every schedule of member e and returns the cheapest
// feasible one's cost under cost (x = S is off).
func brute(m *Model, e int, cost []int64) (int64, bool) {
	S, D := len(m.Shifts), m.Days
	days := make([]int, D)
	best, found := int64(math.MaxInt64), false
	var rec func(d int, c int64)
	rec = func(d int, c int64) {
		if d == D {
			c += m.fairCost(e, m.workedMinutes(days))
			if len(m.memberViolations(e, days)) == 0 && c < best {
				best, found = c, true
			}
			return
		}
		for x := 0; x <= S; x++ {
			days[d] = x
			if x == S {
				days[d] = Off
			}
			rec(d+1, c+cost[d*(S+1)+x])
		}
	}
	rec(0, 0)
	return best, found
}

// Ensure the member DP finds the cheapest feasible schedule (brute force
// over every schedule of a small model), with and without the extensions.
func TestMemberDPIsOptimal(t *testing.T) {
	variants(t, testMemberDPIsOptimal)
	t.Run("windows", func(t *testing.T) { testMemberDPIsOptimal(t, addWindows) })
}

func testMemberDPIsOptimal(t *testing.T, ext extender) {
	rng := rand.New(rand.NewSource(7))
	checked, feasible, trials := 0, 0, 300
	if ext != nil {
		trials = 600
	}
	for trial := 0; trial < trials; trial++ {
		S := 1 + rng.Intn(2)
		m := randomModel(rng, 6+rng.Intn(3), 1, S)
		if ext != nil {
			ext(rng, m)
		}
		cost := make([]int64, m.Days*(S+1))
		for i := range cost {
			cost[i] = int64(rng.Intn(41) - 20)
		}
		want, ok := brute(m, 0, cost)
		out := make([]int, m.Days)
		p := newMemberDP(m, 0)
		got, gotOK := p.solve(cost, out, math.MaxInt64)
		if ok != gotOK {
			t.Fatalf("trial %d: feasible brute=%v dp=%v (member %+v)", trial, ok, gotOK, m.Staff[0])
		}
		checked++
		if !ok {
			continue
		}
		feasible++
		if got != want {
			t.Fatalf("trial %d: dp cost %d, brute force %d", trial, got, want)
		}
		if v := m.memberViolations(0, out); len(v) > 0 {
			t.Fatalf("trial %d: dp schedule %v breaks %v", trial, out, v)
		}
		c := m.fairCost(0, m.workedMinutes(out))
		for d, x := range out {
			if x == Off {
				x = S
			}
			c += cost[d*(S+1)+x]
		}
		if c != got {
			t.Fatalf("trial %d: schedule costs %d, dp said %d", trial, c, got)
		}
		// With the optimum as the bound, the pruned DP still finds it.
		if got2, ok2 := p.solve(cost, out, want); !ok2 || got2 != want {
			t.Fatalf("trial %d: bounded dp %d %v, want %d", trial, got2, ok2, want)
		}
		// With few labels a key (labels evicted from the key's list), any
		// schedule found keeps the rules and costs what the DP says.
		p.PerKey = 1 + rng.Intn(2)
		if got3, ok3 := p.solve(cost, out, math.MaxInt64); ok3 {
			c3 := m.fairCost(0, m.workedMinutes(out))
			for d, x := range out {
				if x == Off {
					x = S
				}
				c3 += cost[d*(S+1)+x]
			}
			if v := m.memberViolations(0, out); len(v) > 0 || c3 != got3 || got3 < want {
				t.Fatalf("trial %d: PerKey %d dp %d (schedule costs %d, optimum %d), breaks %v", trial, p.PerKey, got3, c3, want, v)
			}
		}
		p.PerKey = 0
	}
	if feasible < 100 {
		t.Fatalf("only %d of %d random members feasible: the test checks too little", feasible, checked)
	}
	if testing.Verbose() {
		t.Logf("%d of %d members feasible", feasible, checked)
	}
}

// After every move of the search, the objective kept incrementally equals a
// full recomputation, and the roster keeps every hard rule.
func TestIncrementalObjectiveMatchesRecomputation(t *testing.T) {
	variants(t, testIncrementalObjective)
}

func testIncrementalObjective(t *testing.T, ext extender) {
	rng := rand.New(rand.NewSource(3))
	moves, trials := 0, 30
	if ext != nil {
		trials = 200 // fewer random models with extensions are feasible
	}
	for trial := 0; trial < trials; trial++ {
		m := randomModel(rng, 14, 2+rng.Intn(6), 1+rng.Intn(3))
		if ext != nil {
			ext(rng, m)
		}
		w := newWorker(m, defaults(m, Options{}), int64(trial))
		if err := w.construct(); err != nil {
			continue
		}
		for i := 0; i < 100; i++ {
			w.step()
			moves++
			if got := int64(m.Objective(w.x)); got != w.obj {
				t.Fatalf("trial %d move %d: incremental %d, recomputed %d", trial, i, w.obj, got)
			}
			if v := m.Violations(w.x); len(v) > 0 {
				t.Fatalf("trial %d move %d: %v", trial, i, v[0])
			}
		}
		if got := int64(m.Objective(w.best)); got != w.bestObj {
			t.Fatalf("trial %d: best %d, recomputed %d", trial, w.bestObj, got)
		}
		checkBoundedDP(t, w, trial)
	}
	if moves < 500 {
		t.Fatalf("only %d moves checked", moves)
	}
	if testing.Verbose() {
		t.Logf("%d moves checked", moves)
	}
}

// checkBoundedDP: bounded by the cost of a member's current schedule (which
// keeps the rules), the exact DP finds a schedule at least as good, and the
// DP's cost of it is the search's (costOf, fairness included).
func checkBoundedDP(t *testing.T, w *worker, trial int) {
	t.Helper()
	for e := range w.m.Staff {
		w.remove(e)
		w.fillCosts(e, 0)
		ub := w.costOf(w.x[e])
		p := w.dps[e]
		perKey, beam := p.PerKey, p.Beam
		p.PerKey, p.Beam = 0, 0
		got, ok := p.solve(w.cost, w.sched, ub)
		p.PerKey, p.Beam = perKey, beam
		if !ok || got > ub || got != w.costOf(w.sched) {
			t.Fatalf("trial %d member %d: bounded dp %d %v (schedule costs %d), current costs %d",
				trial, e, got, ok, w.costOf(w.sched), ub)
		}
		w.place(e, w.x[e])
	}
	if got := int64(w.m.Objective(w.x)); got != w.obj {
		t.Fatalf("trial %d: after the bounded DPs incremental %d, recomputed %d", trial, w.obj, got)
	}
}

// After random cheap moves the incrementally kept objective and cover counts
// equal a full recomputation, and the roster keeps every hard rule.
func TestCheapMovesKeepObjectiveAndRules(t *testing.T) { variants(t, testCheapMoves) }

func testCheapMoves(t *testing.T, ext extender) {
	rng := rand.New(rand.NewSource(11))
	moves, kept := 0, 0
	for trial := 0; trial < 400; trial++ {
		m := randomModel(rng, 14, 2+rng.Intn(6), 1+rng.Intn(3))
		if ext != nil {
			ext(rng, m)
		}
		w := newWorker(m, defaults(m, Options{}), int64(trial))
		if err := w.construct(); err != nil {
			continue
		}
		for i := 0; i < 2000; i++ {
			before := w.x.Clone()
			w.cheapMove()
			moves++
			for e := range before {
				for d := range before[e] {
					if before[e][d] != w.x[e][d] {
						kept++
					}
				}
			}
			if got := int64(m.Objective(w.x)); got != w.obj {
				t.Fatalf("trial %d move %d: incremental %d, recomputed %d", trial, i, w.obj, got)
			}
			if v := m.Violations(w.x); len(v) > 0 {
				t.Fatalf("trial %d move %d: %v", trial, i, v[0])
			}
		}
		for d := range w.staffed {
			for s, n := range w.staffed[d] {
				c := 0
				for e := range w.x {
					if w.x[e][d] == s {
						c++
					}
				}
				if c != n {
					t.Fatalf("trial %d: day %d shift %d counted %d, is %d", trial, d, s, n, c)
				}
			}
		}
		if got := int64(m.Objective(w.best)); got != w.bestObj {
			t.Fatalf("trial %d: best %d, recomputed %d", trial, w.bestObj, got)
		}
	}
	if moves < 20000 || kept < 1000 {
		t.Fatalf("only %d moves, %d changed days kept: the test checks too little", moves, kept)
	}
	if testing.Verbose() {
		t.Logf("%d moves, %d changed days kept", moves, kept)
	}
}

// okMember, the cheap moves' allocation-free check, agrees with the plain
// scan memberViolations on random schedules, feasible or not.
func TestOkMemberAgreesWithViolations(t *testing.T) { variants(t, testOkMember) }

func testOkMember(t *testing.T, ext extender) {
	rng := rand.New(rand.NewSource(5))
	feasible, infeasible := 0, 0
	for trial := 0; trial < 3000; trial++ {
		S := 1 + rng.Intn(3)
		m := randomModel(rng, 7+rng.Intn(15), 1, S)
		if ext != nil {
			ext(rng, m)
		}
		w := newWorker(m, defaults(m, Options{}), 1)
		for d := range w.x[0] {
			if rng.Intn(3) == 0 {
				w.x[0][d] = Off
			} else {
				w.x[0][d] = rng.Intn(S)
			}
		}
		want := len(m.memberViolations(0, w.x[0])) == 0
		if got := w.okMember(0); got != want {
			t.Fatalf("trial %d: okMember %v, violations %v for %v (member %+v)", trial, got, m.memberViolations(0, w.x[0]), w.x[0], m.Staff[0])
		}
		if want {
			feasible++
		} else {
			infeasible++
		}
		// The DP's schedule is feasible and okMember says so.
		out := make([]int, m.Days)
		if _, ok := w.dps[0].solve(make([]int64, m.Days*(S+1)), out, math.MaxInt64); ok {
			copy(w.x[0], out)
			if !w.okMember(0) {
				t.Fatalf("trial %d: okMember refuses the DP's feasible %v", trial, out)
			}
			feasible++
		}
	}
	if feasible < 300 || infeasible < 300 {
		t.Fatalf("feasible %d, infeasible %d: the test checks too little", feasible, infeasible)
	}
}
