package scheduler

import (
	"context"
	"errors"
)

// StatusClientClosed is the status both doors log (and set) for a request
// whose client went away before its answer: nginx's 499, not a server error.
const StatusClientClosed = 499

// ClientGone reports whether err ended a request because its client hung up:
// the error is a cancellation, or the request's context (ctx) was cancelled,
// which is what a closed connection does to it (whatever error the work then
// ran into). Such a request is no fault of the server: it is logged at info
// level as a client close, never as an internal error.
func ClientGone(ctx context.Context, err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, context.Canceled) || (ctx != nil && errors.Is(ctx.Err(), context.Canceled))
}

// RetryAfter is how many seconds a client refused with EUNAVAILABLE should
// wait before trying again (the doors' Retry-After): the error's "seconds"
// argument, else 5.
func RetryAfter(err error) int {
	if n, ok := ErrorArgs(err)["seconds"].(int); ok && n > 0 {
		return n
	}
	return 5
}
