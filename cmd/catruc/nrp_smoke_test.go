package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
)

// Ensure the solver and the independent checker agree (CI's smoke solve):
// instances 1–3 solved for a few seconds each give rosters that `nrp check`
// finds feasible (exit 0) with the very objective `nrp solve` printed, and
// instance 1 reaches its proven optimum, 607.
func TestNRPSolveThenCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("the smoke solve takes a few seconds")
	}
	for _, name := range []string{"Instance1.txt", "Instance2.txt", "Instance3.txt"} {
		t.Run(name, func(t *testing.T) {
			inst := filepath.Join("..", "..", "scheduler", "nrp", "testdata", name)
			out := filepath.Join(t.TempDir(), "roster.txt")
			var so, se bytes.Buffer
			if err := run(context.Background(), []string{"nrp", "solve", "--time", "3s", "--seed", "1", "--out", out, inst},
				nil, &so, &se); err != nil {
				t.Fatalf("solve: %v\n%s", err, se.String())
			}
			solved := lastLine(so.String())
			var co, ce bytes.Buffer
			if err := run(context.Background(), []string{"nrp", "check", inst, out}, nil, &co, &ce); err != nil {
				t.Fatalf("check of the solver's roster: %v\n%s%s", err, co.String(), ce.String())
			}
			if checked := lastLine(co.String()); checked != solved {
				t.Fatalf("the solver says %q, the checker %q", solved, checked)
			}
			if name == "Instance1.txt" && solved != "objective 607" {
				t.Errorf("instance 1: %s, want the optimum 607", solved)
			}
		})
	}
}
