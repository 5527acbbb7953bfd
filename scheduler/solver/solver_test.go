package solver_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"testing"

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
