package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"catruc/scheduler/nrpcheck"
)

const nrpCheckUsage = `Usage: catruc nrp check INSTANCE.txt ROSTER

Checks ROSTER (one line per staff member: its ID, then one shift ID or "-"
per day) against a benchmark instance, independently of the solver. Prints
every broken hard constraint, the objective's terms, and "objective N" last
(docs/nrp.md). Exit status: 0 feasible, 1 hard constraints broken, 2 bad
usage or a file that cannot be read or parsed.
`

// cmdNRPCheck evaluates a roster: exit 1 (an exitError) when it breaks a hard
// constraint, 2 (any other error) when it cannot be evaluated at all.
func cmdNRPCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("nrp check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, nrpCheckUsage) }
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return errors.New("nrp check: INSTANCE.txt and ROSTER are required")
	}
	in, err := nrpcheck.ReadInstance(pos[0])
	if err != nil {
		return fmt.Errorf("nrp check: %w", err)
	}
	ro, err := nrpcheck.ReadRoster(pos[1], in)
	if err != nil {
		return fmt.Errorf("nrp check: %w", err)
	}
	rep := nrpcheck.Evaluate(in, ro)
	if err := rep.Write(stdout); err != nil {
		return fmt.Errorf("nrp check: %w", err)
	}
	if n := len(rep.Violations); n > 0 {
		return &exitError{code: 1, err: fmt.Errorf("nrp check: %d hard violations", n)}
	}
	return nil
}
