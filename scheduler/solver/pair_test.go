package solver

import (
	"math/rand"
	"slices"
	"testing"
)

// Ensure a pair move keeps the incremental objective equal to a full
// recomputation and every hard rule, never makes the roster worse (the two
// members' own schedules are candidates), and changes only two members.
func TestPairMovesKeepObjectiveAndRules(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	moves, changed := 0, 0
	for trial := 0; trial < 800; trial++ {
		m := randomModel(rng, 14+rng.Intn(8), 2+rng.Intn(6), 1+rng.Intn(3))
		w := newWorker(m, defaults(m, Options{}), int64(trial))
		if err := w.construct(); err != nil {
			continue
		}
		for i := 0; i < 100; i++ {
			for j := 0; j < 20; j++ {
				w.cheapMove() // late acceptance: the roster drifts
			}
			before, obj := w.x.Clone(), w.obj
			w.pairStep()
			moves++
			diff := 0
			for e := range before {
				if !slices.Equal(before[e], w.x[e]) {
					diff++
				}
			}
			if diff > 0 {
				changed++
			}
			if diff > 2 {
				t.Fatalf("trial %d move %d: %d members changed", trial, i, diff)
			}
			if w.obj > obj {
				t.Fatalf("trial %d move %d: objective %d -> %d", trial, i, obj, w.obj)
			}
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
	}
	if testing.Verbose() {
		t.Logf("%d moves, %d changed the roster", moves, changed)
	}
	if moves < 5000 || changed < 200 {
		t.Fatalf("only %d moves, %d changed the roster: the test checks too little", moves, changed)
	}
}

// Ensure the pair window never asks for more than pairLeaves schedules.
func TestPairWindowMax(t *testing.T) {
	for _, c := range []struct{ S, want int }{{1, 12}, {3, 6}, {4, 5}, {32, 2}, {70, 0}} {
		if got := pairWindowMax(c.S); got != c.want {
			t.Errorf("pairWindowMax(%d) = %d, want %d", c.S, got, c.want)
		}
	}
}
