package main

import (
	"context"
	"errors"
	"io"
)

// cmdNRPSolve: being built (issue 10); replaced by the solver.
func cmdNRPSolve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("nrp solve: not built yet")
}
