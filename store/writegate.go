package store

import (
	"context"
	"time"
)

// writeGate lets the process's writers into SQLite one at a time, in the
// order they came. SQLite lets one writer in and puts the others to sleep
// in its busy handler, waking them after 1, 2, 5 … up to 100 ms to try
// again: under load most of a write's time was spent asleep while the
// database stood free, and a write could wait hundreds of milliseconds.
// Waiting here instead hands the database to the next writer as soon as the
// last one commits. Other processes (the CLI) still meet SQLite's busy
// timeout, as do writes that wait here longer than it.
type writeGate chan struct{}

func newWriteGate() writeGate { return make(writeGate, 1) }

// enter waits for the gate (at most wait, or until ctx ends) and returns
// what lets the next writer in. When the wait runs out it returns a no-op,
// and the writer goes on to meet SQLite's own busy handling.
func (g writeGate) enter(ctx context.Context, wait time.Duration) func() {
	select {
	case g <- struct{}{}:
		return g.leave
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case g <- struct{}{}:
		return g.leave
	case <-t.C:
	case <-ctx.Done():
	}
	return func() {}
}

func (g writeGate) leave() { <-g }
