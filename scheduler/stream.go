package scheduler

import (
	"context"
	"time"
)

// Defaults of StreamLimits.
const (
	DefaultStreamRecheck = 30 * time.Second // how often a live stream's credential is checked again
	DefaultStreamMaxAge  = time.Hour        // how long a live stream lives at most
)

// StreamLimits bound a live stream (Server-Sent Events) of either door: the
// token or session that opened it is checked again every Recheck, and the
// stream ends when that credential is gone (revoked, logged out, expired,
// its user disabled) or after MaxAge, whichever comes first; the client
// then reconnects, with credentials that must still be good.
type StreamLimits struct {
	Recheck time.Duration // 0: DefaultStreamRecheck
	MaxAge  time.Duration // 0: DefaultStreamMaxAge
}

// Guard returns the context a stream runs in: it ends when ctx ends, when
// MaxAge has passed, or when check — the door's credential lookup, run every
// Recheck — answers EUNAUTHORIZED or EFORBIDDEN. Any other error of check (a
// database busy for a moment) keeps the stream open until the next check.
// cancel releases the guard and must be called when the stream ends.
func (l StreamLimits) Guard(ctx context.Context, check func(context.Context) error) (context.Context, context.CancelFunc) {
	every := l.Recheck
	if every <= 0 {
		every = DefaultStreamRecheck
	}
	sctx, cancel := context.WithTimeout(ctx, l.Lifetime())
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-sctx.Done():
				return
			case <-t.C:
				if code := ErrorCode(check(sctx)); code == EUNAUTHORIZED || code == EFORBIDDEN {
					cancel()
					return
				}
			}
		}
	}()
	return sctx, cancel
}

// Lifetime is how long a stream lives at most: MaxAge, or its default.
func (l StreamLimits) Lifetime() time.Duration {
	if l.MaxAge <= 0 {
		return DefaultStreamMaxAge
	}
	return l.MaxAge
}
