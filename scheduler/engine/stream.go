package engine

import (
	"context"
	"net/http"
	"time"

	"catruc/scheduler"
)

// GuardStream prepares a live stream of either door for its length: it
// frees the stream of the server's read and write timeouts, which bound
// ordinary requests (the request was read whole already, and a read deadline
// passing would end the stream's context; its answer may be written for the
// stream's lifetime and a minute's grace), and returns the context the
// stream runs in, bounded by l (see scheduler.StreamLimits.Guard) with check
// the door's credential lookup. The caller must call cancel when the stream ends.
func GuardStream(ctx context.Context, w http.ResponseWriter, l scheduler.StreamLimits,
	check func(context.Context) error) (context.Context, context.CancelFunc) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Now().Add(l.Lifetime() + time.Minute))
	return l.Guard(ctx, check)
}
