package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"catruc/scheduler"
)

// The outbox delivered once across instances. On PostgreSQL every instance
// runs a sender, and DueNotifications claims what it returns: one statement
// sets a lease (claimed_by this instance, claimed_until now + OutboxLease)
// on due, unclaimed rows it locks with FOR UPDATE SKIP LOCKED, so that two
// senders never get the same row; recording the outcome (MarkSent,
// MarkAttempt) clears the claim, and a lease that ran out — its instance
// died between claiming and recording — lets the row be claimed again. On
// SQLite one sender serves a file and reads the due rows without claiming
// (a read, which goes on while another process holds the write lock).

// OutboxLease is how long a claimed notification is kept from the other
// instances' senders: longer than one delivery and its record may take
// (notify's 2-minute delivery bound and 10-second record bound).
const OutboxLease = 5 * time.Minute

// claimer names this instance in the claims.
type claimer struct {
	once sync.Once
	id   string
}

// instance is this store's name in the outbox's claims: the host, the
// process and a random part (two stores in one process are two instances).
func (s *Store) instance() string {
	s.claims.once.Do(func() {
		host, _ := os.Hostname()
		var b [4]byte
		_, _ = rand.Read(b[:])
		s.claims.id = fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	})
	return s.claims.id
}

// claimDue claims up to limit notifications due by now for this instance,
// oldest first (PostgreSQL): one statement, so a claim is whole or none.
func (s *Store) claimDue(ctx context.Context, now time.Time, limit int) ([]*scheduler.Notification, error) {
	var out []*scheduler.Notification
	err := s.retryBusy(ctx, func() error {
		rows, err := s.wdb.QueryContext(ctx, `UPDATE notifications SET claimed_by = ?, claimed_until = ?
			WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= ?
				AND (claimed_until IS NULL OR claimed_until <= ?)
				ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			RETURNING `+notificationCols, s.instance(), fmtTime(now.Add(OutboxLease)), fmtTime(now), fmtTime(now), limit)
		if err != nil {
			return err
		}
		out, err = s.scanNotifications(rows)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *scheduler.Notification) int {
		return cmp.Or(a.NextAttemptAt.Compare(b.NextAttemptAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// ReleaseClaims gives back this instance's claims on notifications still
// pending (a sender stopping: what it did not deliver is another's at once).
func (s *Store) ReleaseClaims(ctx context.Context) error {
	if !s.pg {
		return nil
	}
	_, err := s.exec(ctx, `UPDATE notifications SET claimed_by = '', claimed_until = NULL
		WHERE claimed_by = ? AND status = 'pending'`, s.instance())
	return err
}
