package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Leadership of the cron jobs. On PostgreSQL several instances share one
// database, and exactly one of them — the leader — runs the scheduled jobs:
// the one holding a session-level advisory lock on a connection of its own.
// When the leader dies its session ends and PostgreSQL releases the lock;
// a follower trying again every LeaderRetry takes it over. The leader pings
// its connection every LeaderPing and steps down at once when a ping fails.
// On SQLite one process serves a file: it always leads.

// Timings of leadership (LeadOptions changes them for tests).
const (
	// DefaultLeaderRetry is how often a follower tries to take the lock: a
	// dead leader is replaced within this (plus the time PostgreSQL takes to
	// see its session end, at once for a killed process).
	DefaultLeaderRetry = 10 * time.Second
	// DefaultLeaderPing is how often the leader checks its connection.
	DefaultLeaderPing = 3 * time.Second
)

// leaderPingTimeout is the least a leader's ping may take before it steps
// down: a database this slow to answer is not yet a lost one.
const leaderPingTimeout = 5 * time.Second

// leaderKeySQL is the advisory lock key of leadership: derived from the
// database and schema, so that offices in other schemas of one server have
// their own leader, and distinct from the write lock's key by its prefix.
const leaderKeySQL = `hashtextextended('catruc-leader:' || current_database() || '.' || current_schema(), 0)`

// LeadOptions tune Lead; zero fields take the defaults.
type LeadOptions struct {
	Retry  time.Duration // DefaultLeaderRetry
	Ping   time.Duration // DefaultLeaderPing
	Logger *slog.Logger  // nil: slog.Default()
}

// Leadership is this instance's standing as the cron leader, kept current
// by Lead until its context ends (or Stop).
type Leadership struct {
	leader atomic.Bool
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// IsLeader reports whether this instance leads now. A nil Leadership leads
// (an instance without any other).
func (l *Leadership) IsLeader() bool { return l == nil || l.leader.Load() }

// Stop gives up leadership (releasing the lock) and waits until it is given up.
func (l *Leadership) Stop() {
	if l == nil {
		return
	}
	l.once.Do(l.cancel)
	<-l.done
}

// Lead keeps trying to lead until ctx ends, calling onChange (when not nil)
// each time this instance becomes leader (true) or stops leading (false),
// from one goroutine, in order. On SQLite it leads at once and for good.
func (s *Store) Lead(ctx context.Context, onChange func(bool), opts ...LeadOptions) *Leadership {
	var o LeadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	ctx, cancel := context.WithCancel(ctx)
	l := &Leadership{cancel: cancel, done: make(chan struct{})}
	if onChange == nil {
		onChange = func(bool) {}
	}
	if !s.pg {
		l.leader.Store(true)
		go func() {
			defer close(l.done)
			onChange(true)
			<-ctx.Done()
			l.leader.Store(false)
			onChange(false)
		}()
		return l
	}
	go func() {
		defer close(l.done)
		leadPG(ctx, s.wdb, l, onChange, o.withDefaults())
	}()
	return l
}

func (o LeadOptions) withDefaults() LeadOptions {
	if o.Retry <= 0 {
		o.Retry = DefaultLeaderRetry
	}
	if o.Ping <= 0 {
		o.Ping = DefaultLeaderPing
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// leadPG tries for the lock every o.Retry until ctx ends; holding it, it
// leads until the connection fails.
func leadPG(ctx context.Context, db *sql.DB, l *Leadership, onChange func(bool), o LeadOptions) {
	for {
		conn, ok, err := tryLock(ctx, db)
		switch {
		case err != nil && ctx.Err() == nil:
			o.Logger.Warn("cron leadership: cannot try the lock", "err", err)
		case ok:
			o.Logger.Info("cron leadership taken: this instance runs the jobs")
			l.leader.Store(true)
			onChange(true)
			err := holdLock(ctx, conn, o.Ping)
			l.leader.Store(false)
			onChange(false)
			release(conn, err == nil)
			if err != nil {
				o.Logger.Warn("cron leadership lost: the jobs stop here", "err", err)
				continue // at once: the lock may well be free again
			}
			o.Logger.Info("cron leadership given up")
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(o.Retry):
		}
	}
}

// tryLock takes a connection of its own and tries the leader's lock on it;
// the connection is returned only with the lock held.
func tryLock(ctx context.Context, db *sql.DB) (*sql.Conn, bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+leaderKeySQL+`)`).Scan(&ok); err != nil {
		discard(conn)
		return nil, false, err
	}
	if !ok {
		conn.Close() // no lock taken: the pool may have it back
		return nil, false, nil
	}
	return conn, true, nil
}

// holdLock pings conn every interval until ctx ends (nil) or a ping fails
// (its error): a lost session has lost the lock with it.
func holdLock(ctx context.Context, conn *sql.Conn, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, max(every, leaderPingTimeout))
		err := conn.PingContext(pctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
}

// release gives the lock up: unlocked explicitly when the connection is
// sound, and the connection closed either way (a session that ends frees
// its locks), never returned to the pool holding the lock.
func release(conn *sql.Conn, sound bool) {
	if sound {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, _ = conn.ExecContext(ctx, `SELECT pg_advisory_unlock(`+leaderKeySQL+`)`)
		cancel()
	}
	discard(conn)
}

// discard closes conn's session rather than returning it to the pool.
func discard(conn *sql.Conn) {
	_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = conn.Close()
}
