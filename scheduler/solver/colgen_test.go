package solver

import (
	"context"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// The simplex on assignment problems: highly degenerate (every vertex has
// n-1 basic variables at zero), with a known integral optimum — the
// cheapest permutation, found by brute force.
func TestLPSolvesDegenerateAssignments(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 40; trial++ {
		n := 2 + rng.Intn(5)
		cost := make([][]float64, n)
		for i := range cost {
			cost[i] = make([]float64, n)
			for j := range cost[i] {
				cost[i][j] = float64(rng.Intn(20)) // many ties
			}
		}
		// rows: n "worker" rows then n "task" rows, each summing to 1;
		// an artificial per row (cost 1000) makes the start feasible.
		b := make([]float64, 2*n)
		for i := range b {
			b[i] = 1
		}
		l := newLP(b)
		basic := make([]int, 2*n)
		for r := range b {
			basic[r] = l.add(lpCol{cost: 1000, rows: []int32{int32(r)}, vals: []float64{1}})
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				l.add(lpCol{cost: cost[i][j], rows: []int32{int32(i), int32(n + j)}, vals: []float64{1, 1}})
			}
		}
		if !l.start(basic) {
			t.Fatalf("trial %d: the artificial basis was refused", trial)
		}
		if err := l.solve(100000); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		perm := make([]int, n)
		for i := range perm {
			perm[i] = i
		}
		best := math.Inf(1)
		var rec func(k int)
		rec = func(k int) {
			if k == n {
				s := 0.0
				for i, j := range perm {
					s += cost[i][j]
				}
				best = math.Min(best, s)
				return
			}
			for i := k; i < n; i++ {
				perm[k], perm[i] = perm[i], perm[k]
				rec(k + 1)
				perm[k], perm[i] = perm[i], perm[k]
			}
		}
		rec(0)
		if got := l.objective(); math.Abs(got-best) > 1e-6 {
			t.Fatalf("trial %d (n=%d): simplex %.6f, cheapest assignment %.0f", trial, n, got, best)
		}
		// Strong duality: the duals price every column at zero or more.
		for j := range l.cols {
			if d := l.reduced(j); d < -1e-6 {
				t.Fatalf("trial %d: column %d has reduced cost %.6f at the optimum", trial, j, d)
			}
		}
	}
}

// bruteRoster is the optimum of a tiny model: every combination of every
// member's feasible schedules.
func bruteRoster(m *Model) int {
	S, D := len(m.Shifts), m.Days
	per := make([][][]int, len(m.Staff))
	for e := range m.Staff {
		days := make([]int, D)
		var rec func(d int)
		rec = func(d int) {
			if d == D {
				if len(m.memberViolations(e, days)) == 0 {
					per[e] = append(per[e], slices.Clone(days))
				}
				return
			}
			for x := 0; x <= S; x++ {
				days[d] = x
				if x == S {
					days[d] = Off
				}
				rec(d + 1)
			}
		}
		rec(0)
		if len(per[e]) == 0 {
			return -1
		}
	}
	r := NewRoster(m)
	best := math.MaxInt
	var rec func(e int)
	rec = func(e int) {
		if e == len(m.Staff) {
			best = min(best, m.Objective(r))
			return
		}
		for _, days := range per[e] {
			r[e] = days
			rec(e + 1)
		}
	}
	rec(0)
	return best
}

// Branch and price, run to the end (exact pricing, no stall, no tailing
// off) and with no roster to start from, finds the very optimum of tiny
// random models, brute force's; every roster it returns keeps the rules and
// is priced as Objective prices it.
func TestBranchAndPriceFindsTheOptimum(t *testing.T) {
	defer func(tail float64, root, child, stall int) {
		cgTail, cgRootMax, cgChildMax, cgStall = tail, root, child, stall
	}(cgTail, cgRootMax, cgChildMax, cgStall)
	cgTail, cgRootMax, cgChildMax, cgStall = 0, math.MaxInt, math.MaxInt, 0
	rng := rand.New(rand.NewSource(11))
	solved, improved := 0, 0
	for trial := 0; trial < 30; trial++ {
		m := randomModel(rng, 5, 3, 2)
		want := bruteRoster(m)
		if want < 0 {
			continue // a member without a feasible schedule
		}
		w := newWorker(m, defaults(m, Options{Seed: 1, Workers: 1}), 1)
		if err := w.construct(); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		g := newColgen(context.Background(), m, []*worker{w}, math.MaxInt, 1)
		if last := g.tiers[len(g.tiers)-1]; last != 0 {
			t.Fatalf("a tiny model must be priced exactly, last tier %d", last)
		}
		for e := range m.Staff {
			g.addSchedule(e, w.best[e])
		}
		// No incumbent: every roster is the search's own.
		g.best, g.bestObj = nil, math.MaxInt64
		g.search(0)
		if g.best == nil {
			t.Fatalf("trial %d: no roster found", trial)
		}
		if v := m.Violations(g.best); len(v) > 0 {
			t.Fatalf("trial %d: %s", trial, v[0])
		}
		if got := m.Objective(g.best); int64(got) != g.bestObj {
			t.Fatalf("trial %d: reported %d, Objective %d", trial, g.bestObj, got)
		}
		if g.bestObj != int64(want) {
			t.Fatalf("trial %d: branch and price %d (constructed %d), optimum %d", trial, g.bestObj, w.bestObj, want)
		}
		solved++
		if w.bestObj > int64(want) {
			improved++
		}
	}
	t.Logf("%d models solved to their optimum, %d of them better than the constructed roster", solved, improved)
	if solved < 10 || improved < 5 {
		t.Fatalf("only %d of 30 random models were feasible, %d improved: the test proves little", solved, improved)
	}
}
