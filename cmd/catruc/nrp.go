package main

import (
	"context"
	"errors"
	"fmt"
	"io"
)

const nrpUsage = `Usage:
  catruc nrp solve [--time 60s] [--seed N] [--out FILE] INSTANCE.txt
  catruc nrp check INSTANCE.txt ROSTER

Solve or check a Curtois & Qu staff-scheduling benchmark instance
(schedulingbenchmarks.org, "instances1_24"; see docs/nrp.md). The checker
shares no code with the solver: it reads the instance and the roster itself.
`

// cmdNRP runs the benchmark tools: solve (the planner's core on a benchmark
// instance) and check (the independent evaluator).
func cmdNRP(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, nrpUsage)
		return errors.New("nrp: solve or check is required")
	}
	switch args[0] {
	case "solve":
		return cmdNRPSolve(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdNRPCheck(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, nrpUsage)
	return fmt.Errorf("nrp: unknown subcommand %q", args[0])
}
