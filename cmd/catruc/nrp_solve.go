package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"catruc/scheduler/nrp"
	"catruc/scheduler/solver"
)

// cmdNRPSolve solves a benchmark instance with the planner's core: progress
// to stderr, the roster to --out (or stdout), `objective N` as the last line
// of stdout. Nothing is written when no feasible roster was found.
func cmdNRPSolve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("nrp solve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	limit := fs.Duration("time", 60*time.Second, "time limit of the search")
	seed := fs.Int64("seed", 1, "random seed")
	out := fs.String("out", "", "file to write the roster to (default: stdout, before the objective)")
	iters := fs.Int("iterations", 0, "iteration budget per worker (0 = until the time limit); with a budget the roster depends only on the seed and --workers")
	workers := fs.Int("workers", 0, "parallel searches (default: one per CPU)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprint(stderr, nrpUsage)
		return errors.New("nrp solve: exactly one INSTANCE file is required")
	}
	if *limit <= 0 {
		return errors.New("nrp solve: --time must be positive")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("nrp solve: %w", err)
	}
	m, err := nrp.Parse(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("nrp solve: %s: %w", pos[0], err)
	}
	fmt.Fprintf(stderr, "%s: %d days, %d staff, %d shift types; time limit %s, seed %d\n",
		filepath.Base(pos[0]), m.Days, len(m.Staff), len(m.Shifts), *limit, *seed)
	ctx, cancel := context.WithTimeout(ctx, *limit)
	defer cancel()
	res, err := solver.Solve(ctx, m, solver.Options{
		Seed: *seed, Iterations: *iters, Workers: *workers,
		Progress: func(el time.Duration, best int) {
			fmt.Fprintf(stderr, "%7.1fs  best %d\n", el.Seconds(), best)
		},
	})
	if err != nil {
		return fmt.Errorf("nrp solve: %w", err)
	}
	if v := m.Violations(res.Roster); len(v) > 0 {
		return fmt.Errorf("nrp solve: internal error, the roster breaks %s", v[0])
	}
	var buf bytes.Buffer
	if err := nrp.WriteRoster(&buf, m, res.Roster); err != nil {
		return err
	}
	if *out == "" {
		stdout.Write(buf.Bytes())
	} else if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return fmt.Errorf("nrp solve: %w", err)
	}
	fmt.Fprintf(stderr, "done: %d iterations\n", res.Iterations)
	fmt.Fprintf(stdout, "objective %d\n", res.Objective)
	return nil
}

// writeFileAtomic writes data to a temporary file beside path, then renames it.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nrp-roster-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
