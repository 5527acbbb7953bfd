package scheduler

import (
	"context"
	"strings"
	"time"
)

// The login throttle: failed logins are counted per name (guessing a
// password) and per address (which may be a proxy many people share, or
// someone trying many names) over a sliding window; past a key's limit its
// logins are refused until its oldest failure leaves the window.
const (
	LoginWindow     = 15 * time.Minute
	MaxFailsPerUser = 5
	MaxFailsPerAddr = 20
)

// LoginKey is one count of the throttle and its limit.
type LoginKey struct {
	Key   string
	Limit int
}

// LoginKeys are the counts a login by name from addr takes: the name's
// (case-insensitive) first, then the address's.
func LoginKeys(name, addr string) []LoginKey {
	return []LoginKey{{"user:" + strings.ToLower(strings.TrimSpace(name)), MaxFailsPerUser}, {"addr:" + addr, MaxFailsPerAddr}}
}

// LoginThrottle keeps the counts where every instance of a database sees
// them (the store), so that N instances behind a balancer do not allow N
// times the tries.
type LoginThrottle interface {
	// ReserveLogin takes one attempt for every key before the password is
	// checked, so that concurrent tries cannot all pass a check made before
	// any failure is counted. If a key has reached its limit nothing is
	// taken, and wait is how long the block lasts. A reserved attempt counts
	// as a failure until ReleaseLogin gives it back.
	ReserveLogin(ctx context.Context, now time.Time, keys []LoginKey) (ok bool, wait time.Duration, err error)
	// ReleaseLogin gives back the attempt reserved at now under each key.
	ReleaseLogin(ctx context.Context, now time.Time, keys ...string) error
	// ResetLogin forgets the failures of each key.
	ResetLogin(ctx context.Context, keys ...string) error
}
