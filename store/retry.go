package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"catruc/scheduler"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// RetryAfter is what a client that found the database busy is told to wait
// before trying again (the Retry-After of a 503), in seconds.
const RetryAfter = 5

// busyAttempts bounds the tries of a write that fails busy before doing
// anything; the tries end sooner once the busy timeout has passed in all
// (each try already waits up to the busy timeout for the lock).
const busyAttempts = 4

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY,
// another connection holds the write lock) or SQLITE_LOCKED, extended codes
// included, or PostgreSQL's equivalents (pgBusy).
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err != nil && pgBusy(err)
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// unavailable is the coded error of a write that stayed busy: the doors
// answer it 503 with Retry-After. Other errors come back as they are.
func unavailable(err error) error {
	if err == nil || !isBusy(err) {
		return err
	}
	return scheduler.E(scheduler.EUNAVAILABLE, "", "store.busy", "seconds", RetryAfter)
}

// retryBusy runs try, which must do nothing when it fails busy (a BEGIN, or
// one statement outside a transaction, which SQLite applies whole or not at
// all), again after a short pause while it fails busy, up to busyAttempts
// tries and no longer than the busy timeout in all. A try that stays busy
// gives the EUNAVAILABLE error; ctx ending during a pause gives ctx's error.
func (s *Store) retryBusy(ctx context.Context, try func() error) error {
	start := time.Now()
	pause := 20 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := try()
		if !isBusy(err) {
			return err
		}
		if attempt >= busyAttempts || time.Since(start)+pause >= s.busyTimeout {
			s.metrics.busyGaveUp()
			return unavailable(err)
		}
		s.metrics.busyRetried()
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		pause *= 3
	}
}

// begin starts an immediate (write-locking) transaction (on PostgreSQL: one
// that first takes the write lock, PGWriteLock), retrying while the
// BEGIN itself fails busy: nothing has been done then, so a retry is safe.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	var tx *sql.Tx
	err := s.retryBusy(ctx, func() error {
		var err error
		if tx, err = s.wdb.BeginTx(ctx, nil); err != nil || !s.pg {
			return err
		}
		if _, err = tx.ExecContext(ctx, PGWriteLock); err != nil { // writers in turn across instances (pg.go)
			tx.Rollback()
		}
		return err
	})
	return tx, err
}

// exec runs one write statement outside a transaction, retrying while it
// fails busy (a statement that fails busy has changed nothing). On
// PostgreSQL it runs in a transaction of its own that takes the write lock
// first, so that it waits for other writers exactly as on SQLite.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.pg {
		tx, err := s.begin(ctx)
		if err != nil {
			return nil, err
		}
		defer tx.Rollback()
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		return res, unavailable(tx.Commit())
	}
	var res sql.Result
	err := s.retryBusy(ctx, func() error {
		var err error
		res, err = s.wdb.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// BusyTimeout is how long a write waits for the write lock before it fails busy.
func (s *Store) BusyTimeout() time.Duration { return s.busyTimeout }
