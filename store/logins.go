package store

import (
	"context"
	"database/sql"
	"time"

	"catruc/scheduler"
)

// ReserveLogin implements scheduler.LoginThrottle: in one write transaction
// (writers take turns, across instances too) it forgets the failures older
// than the window, checks every key's count, and takes one attempt for each.
func (s *Store) ReserveLogin(ctx context.Context, now time.Time, keys []scheduler.LoginKey) (bool, time.Duration, error) {
	ok, wait := false, time.Duration(0)
	since := fmtTime(now.Add(-scheduler.LoginWindow))
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at <= ?`, since); err != nil {
			return err
		}
		for _, k := range keys {
			var n int
			var oldest sql.NullString
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = ? AND at > ?`,
				k.Key, since).Scan(&n, &oldest); err != nil {
				return err
			}
			if n >= k.Limit {
				first, err := parseTime(oldest.String, time.UTC)
				if err != nil {
					return err
				}
				wait = first.Add(scheduler.LoginWindow).Sub(now)
				return nil
			}
		}
		at := fmtTime(now)
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, k.Key, at); err != nil {
				return err
			}
		}
		ok = true
		return nil
	})
	return ok, wait, err
}

// ReleaseLogin implements scheduler.LoginThrottle.
func (s *Store) ReleaseLogin(ctx context.Context, now time.Time, keys ...string) error {
	at := fmtTime(now)
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE id =
				(SELECT MAX(id) FROM login_failures WHERE key = ? AND at = ?)`, k, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// ResetLogin implements scheduler.LoginThrottle.
func (s *Store) ResetLogin(ctx context.Context, keys ...string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ?`, k); err != nil {
				return err
			}
		}
		return nil
	})
}
