package main

import (
	"context"
	"errors"
	"io"
)

// cmdNRPCheck: being built (issue 10); replaced by the checker.
func cmdNRPCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("nrp check: not built yet")
}
