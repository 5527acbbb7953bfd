package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL: the same store on a server that several catruc instances
// share. One pool serves reads and writes; every write transaction first
// takes one advisory lock of the database and schema (PGWriteLock), so that
// writers are serialised across all instances exactly like SQLite's single
// writer, and the checks a write makes inside its transaction (the overlap
// rule, versions) stay race-free.

// pgConns and pgIdleConns size the pool of one instance.
const (
	pgConns     = 24
	pgIdleConns = 8
)

// PGWriteLock is the statement that opens every write transaction on
// PostgreSQL: the lock of the database and schema that writers take in turn.
const PGWriteLock = `SELECT pg_advisory_xact_lock(hashtext(current_database() || '.' || current_schema()))`

// IsPostgres reports whether dsn names a PostgreSQL database (postgres:// or postgresql://).
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openPG connects to PostgreSQL and applies pending migrations.
func (s *Store) openPG(ctx context.Context) error {
	cfg, err := pgx.ParseConfig(s.path)
	if err != nil {
		return fmt.Errorf("store: open %s: %s", s.Redacted(), redactDSN(err.Error()))
	}
	// A write waits for another instance's at most the busy timeout, then fails busy (55P03).
	cfg.RuntimeParams["lock_timeout"] = strconv.FormatInt(s.busyTimeout.Milliseconds(), 10)
	db := sql.OpenDB(newPGConnector(cfg))
	db.SetMaxOpenConns(pgConns)
	db.SetMaxIdleConns(pgIdleConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.wdb, s.rdb = db, db
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("store: open %s: %w", s.Redacted(), err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return err
	}
	return nil
}

// DB is the pool of the database, for the store's companions (leader
// election, copy, health) that need a connection of their own.
func (s *Store) DB() *sql.DB { return s.wdb }

// pgBusy reports whether err is PostgreSQL's way of saying "try again":
// a serialization failure or deadlock (40001, 40P01), a lock not granted in
// time (55P03), or a connection that failed.
func pgBusy(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01", "55P03", "57P01", "57P03", "08000", "08003", "08006":
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var lost *pgConnLost
	return errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) || errors.As(err, &lost)
}

// pgTranslate turns PostgreSQL's constraint errors, by SQLSTATE and
// constraint name, into the coded errors SQLite's get (translate).
func pgTranslate(err error) (error, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err, false
	}
	switch pe.Code {
	case "23505": // unique_violation
		if pe.ConstraintName == "posts_code_key" {
			return scheduler.E(scheduler.ECONFLICT, "code", "post.code_in_use"), true
		}
		return scheduler.E(scheduler.ECONFLICT, "", "common.exists"), true
	case "23503": // foreign_key_violation
		return scheduler.E(scheduler.ECONFLICT, "", "common.referenced"), true
	}
	return err, false
}
