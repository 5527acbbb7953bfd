// Package store keeps catruc's data in an embedded SQLite database
// (modernc.org/sqlite, no cgo) and implements the interfaces that
// scheduler declares.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"catruc/scheduler"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

//go:embed migrations/*.sql migrations/pg/*.sql
var migrationFS embed.FS

// timeLayout is how instants are stored: UTC, fixed width, so text order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

// DefaultBusyTimeout is how long a writer waits for another before its
// write fails as busy (Store.BusyTimeout; WithBusyTimeout changes it).
const DefaultBusyTimeout = 10 * time.Second

// readConns is how many read connections the pool opens, and keeps: opening
// one parses the schema again (under load, closing and opening them took a
// third of the server's time), and each holds its own page cache and
// statements (about half a megabyte, up to 2 MB of cache once warm), while
// two cores run no more than two reads at once. Six leave room for requests
// that hold a connection while they wait between rows; under the feed load
// sixteen held 3–5 MB more at the peak and served no more requests.
const readConns = 6

// Store is an open catruc database. It is safe for concurrent use, also by
// several processes (the server and the CLI) on the same file.
type Store struct {
	path string
	pg   bool // PostgreSQL (pg.go); else SQLite
	// keyFile is the file of the key that seals secrets ("": the default, KeyFile).
	keyFile string
	closed  atomic.Bool
	d       dialect // the few SQL forms that differ (dialect.go)
	wdb     *sql.DB // writes: every transaction is BEGIN IMMEDIATE
	rdb     *sql.DB // reads: query_only
	now     scheduler.Clock
	loc     atomic.Pointer[time.Location]
	// locSeq is the roster version at which loc was last read from the
	// settings: on PostgreSQL RosterVersion reads it again when the version
	// has moved, so that a zone changed by another instance applies here too.
	locSeq atomic.Int64
	// busyTimeout is how long a statement waits for the write lock (SQLite's
	// busy_timeout, whole milliseconds).
	busyTimeout time.Duration
	// Prepared statements of the hottest reads: every calendar poll runs both.
	stmtCalendar *sql.Stmt
	stmtVersion  *sql.Stmt
	stmts        stmtCache  // the other reads' statements, prepared on rdb (stmtcache.go)
	wstmts       stmtCache  // and the writes', on wdb
	gate         writeGate  // writers in turn (writegate.go)
	feedWin      feedWindow // the feeds' copy of their window's shifts (feedwindow.go)
	claims       claimer    // this instance's name in the outbox's claims (outbox_claim.go)

	metrics storeMetrics // counters read by /metrics (store/metrics.go)
}

// Option configures Open.
type Option func(*Store)

// WithClock sets the clock used for created/updated times and the audit log.
func WithClock(c scheduler.Clock) Option { return func(s *Store) { s.now = c } }

// WithBusyTimeout sets how long a write waits for another writer before it
// fails as busy (DefaultBusyTimeout when d < 1 ms). Tests shorten it.
func WithBusyTimeout(d time.Duration) Option {
	return func(s *Store) {
		if d >= time.Millisecond {
			s.busyTimeout = d
		}
	}
}

// Open opens the database: a dsn that starts with postgres:// or
// postgresql:// opens PostgreSQL (pg.go); anything else is the path of a
// SQLite file, created if needed. Pending migrations are applied.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("store: empty database path")
	}
	s := &Store{path: dsn, now: scheduler.SystemClock, busyTimeout: DefaultBusyTimeout, gate: newWriteGate()}
	for _, o := range opts {
		o(s)
	}
	if IsPostgres(dsn) {
		s.pg, s.d = true, dialect{pg: true}
		if err := s.openPG(ctx); err != nil {
			return nil, err
		}
	} else if err := s.openSQLite(ctx); err != nil {
		return nil, err
	}
	if err := s.prepareHot(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openSQLite opens the SQLite file at s.path, applies pending migrations
// and checks that WAL, foreign keys and the busy timeout took.
func (s *Store) openSQLite(ctx context.Context) error {
	path := s.path
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", s.busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(wal)")
	q.Add("_pragma", "synchronous(normal)")
	wq := url.Values{}
	for k, v := range q {
		wq[k] = v
	}
	wq.Set("_txlock", "immediate")
	var err error
	if s.wdb, err = sql.Open("sqlite", "file:"+path+"?"+wq.Encode()); err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.check(ctx, s.wdb); err != nil {
		s.wdb.Close()
		return err
	}
	if err := s.migrate(ctx); err != nil {
		s.wdb.Close()
		return err
	}
	rq := url.Values{}
	for k, v := range q {
		rq[k] = v
	}
	rq.Add("_pragma", "query_only(1)")
	if s.rdb, err = sql.Open("sqlite", "file:"+path+"?"+rq.Encode()); err != nil {
		s.wdb.Close()
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	s.rdb.SetMaxOpenConns(readConns)
	s.rdb.SetMaxIdleConns(readConns) // see readConns
	if err := s.check(ctx, s.rdb); err != nil {
		s.Close()
		return err
	}
	return nil
}

// prepareHot loads the office zone and prepares the hottest reads' statements.
func (s *Store) prepareHot(ctx context.Context) error {
	if err := s.loadLocation(ctx); err != nil {
		return err
	}
	var err error
	if s.stmtCalendar, err = s.rdb.PrepareContext(ctx, `SELECT id, scope, target_id, name, token_hash, last_access
		FROM calendars WHERE token_hash = ? AND revoked_at IS NULL`); err != nil {
		return err
	}
	s.stmtVersion, err = s.rdb.PrepareContext(ctx, `SELECT seq, changed_at FROM roster_version WHERE id = 1`)
	return err
}

// check verifies that the pragmas really took (a database on a file system
// without shared memory silently stays in rollback mode, for one).
func (s *Store) check(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	if mode != "wal" {
		return fmt.Errorf("store: %s: journal_mode is %q, want wal", s.path, mode)
	}
	var fk, bt int
	if err := db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&bt); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if want := s.busyTimeout.Milliseconds(); fk != 1 || int64(bt) != want {
		return fmt.Errorf("store: %s: foreign_keys=%d busy_timeout=%d, want 1 and %d", s.path, fk, bt, want)
	}
	return nil
}

// Close closes the database (again: nothing).
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.stmts.close()
	s.wstmts.close()
	for _, st := range []*sql.Stmt{s.stmtCalendar, s.stmtVersion} {
		if st != nil {
			st.Close()
		}
	}
	var err error
	if s.rdb != nil {
		err = s.rdb.Close()
	}
	if s.wdb != nil && s.wdb != s.rdb {
		if e := s.wdb.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// Path is what the store was opened with: the SQLite file, or the
// PostgreSQL DSN (print it through Redacted, never as it is).
func (s *Store) Path() string { return s.path }

// Redacted is Path with a DSN's password hidden, for logs and errors.
func (s *Store) Redacted() string { return redactDSN(s.path) }

// Backend is "postgres" or "sqlite".
func (s *Store) Backend() string {
	if s.pg {
		return "postgres"
	}
	return "sqlite"
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.wdb.PingContext(ctx) }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// migrate applies every embedded migration not yet recorded, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.migrationsTable(ctx); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	dir := s.d.migrations()
	names, err := fs.Glob(migrationFS, dir+"*.sql")
	if err != nil {
		return err
	}
	type mig struct {
		version int
		name    string
	}
	var migs []mig
	for _, n := range names {
		base := strings.TrimPrefix(n, dir)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("store: migration %s has no number", base)
		}
		migs = append(migs, mig{v, base})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	for _, m := range migs {
		if err := s.applyMigration(ctx, m.version, dir, m.name); err != nil {
			return err
		}
	}
	return nil
}

// migrationsTable creates the table of applied migrations (the same on both
// backends); on PostgreSQL in a locked transaction, as instances may start at once.
func (s *Store) migrationsTable(ctx context.Context) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`
	if !s.pg {
		_, err := s.exec(ctx, create)
		return err
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, create); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) applyMigration(ctx context.Context, version int, dir, name string) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(dir + name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("store: migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, fmtTime(s.now())); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion is the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.rdb.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// Location is the office zone.
func (s *Store) Location() *time.Location { return s.loc.Load() }

// write runs fn in one immediate transaction and commits if it returns nil.
// The BEGIN waits for the write lock (the busy timeout) and is retried while
// it fails busy (see begin); a write that stays busy fails with EUNAVAILABLE,
// and so does one whose statements or commit fail busy (rolled back whole).
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	defer s.gate.enter(ctx, s.busyTimeout/2)() // writers in turn (writegate.go)
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return unavailable(err)
	}
	return unavailable(tx.Commit())
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// audit records a write in the same transaction. before and after are the
// entity as JSON-able values, nil where it did not or no longer exists.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, action, entity string, id int64, before, after any) error {
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (at, actor, action, entity, entity_id, before_json, after_json)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, fmtTime(s.now()), scheduler.ActorFrom(ctx), action, entity, id, b, a)
	return err
}

func jsonOrNull(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return nil, nil
	}
	return string(b), nil
}

// noLimit is a LIMIT that keeps every row (SQLite's -1 is an error on PostgreSQL).
const noLimit = math.MaxInt64

// fmtTime formats an instant for storage (UTC, whole seconds).
func fmtTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timeLayout) }

// parseTime reads a stored instant and returns it in loc.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: bad stored time %q: %w", s, err)
	}
	return t.In(loc), nil
}

func parseNullTime(ns sql.NullString, loc *time.Location) (*time.Time, error) {
	if !ns.Valid {
		return nil, nil
	}
	t, err := parseTime(ns.String, loc)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// where builds a WHERE clause from conditions.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// translate turns constraint errors that slipped past the explicit checks into coded errors.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var se *scheduler.Error
	if errors.As(err, &se) {
		return err
	}
	if e, ok := pgTranslate(err); ok {
		return e
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed: posts.code"):
		return scheduler.E(scheduler.ECONFLICT, "code", "post.code_in_use")
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return scheduler.E(scheduler.ECONFLICT, "", "common.exists")
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return scheduler.E(scheduler.ECONFLICT, "", "common.referenced")
	}
	return err
}
