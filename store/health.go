package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// What `catruc doctor` reads of a deployment (cmd/catruc/doctor.go). Every
// function here only reads: a doctor must not create, migrate or seal.

// NewestSchema is the newest migration this binary carries for the backend
// of dsn: the schema version its `serve` brings a database to.
func NewestSchema(dsn string) int {
	d := dialect{pg: IsPostgres(dsn)}
	names, _ := fs.Glob(migrationFS, d.migrations()+"*.sql")
	newest := 0
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(n, d.migrations()), "_", 2)[0])
		if err == nil && v > newest {
			newest = v
		}
	}
	return newest
}

// ErrNoDatabase is PeekSchema's error when a SQLite file does not exist.
var ErrNoDatabase = errors.New("store: no database there")

// PeekSchema reads the schema version of the database at dsn without
// creating or migrating it: a SQLite file is opened read-only (ErrNoDatabase
// if missing); 0 when it holds no catruc schema.
func PeekSchema(ctx context.Context, dsn string) (int, error) {
	var db *sql.DB
	var err error
	if IsPostgres(dsn) {
		db, err = sql.Open(pgDriverName, dsn)
	} else {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return 0, ErrNoDatabase
		}
		db, err = sql.Open("sqlite", "file:"+dsn+"?mode=ro&"+url.Values{"_pragma": {"busy_timeout(5000)"}}.Encode())
	}
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		if strings.Contains(err.Error(), "schema_migrations") { // no such table / relation does not exist
			return 0, nil
		}
		return 0, fmt.Errorf("%s", redactDSN(err.Error()))
	}
	return int(v.Int64), nil
}

// Integrity checks the database: SQLite's PRAGMA integrity_check ("ok" when
// sound, else its first findings); on PostgreSQL, that the server answers,
// and its version.
func (s *Store) Integrity(ctx context.Context) (string, error) {
	if s.pg {
		var v string
		if err := s.rdb.QueryRowContext(ctx, `SHOW server_version`).Scan(&v); err != nil {
			return "", err
		}
		return "PostgreSQL " + v, nil
	}
	rows, err := s.rdb.QueryContext(ctx, `PRAGMA integrity_check(10)`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", err
		}
		found = append(found, l)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(found) == 1 && found[0] == "ok" {
		return "ok", nil
	}
	return "", fmt.Errorf("integrity_check: %s", strings.Join(found, "; "))
}

// DatabaseNow is the database server's clock (PostgreSQL's now()); ok is
// false on SQLite, whose clock is this machine's.
func (s *Store) DatabaseNow(ctx context.Context) (time.Time, bool, error) {
	if !s.pg {
		return time.Time{}, false, nil
	}
	var us int64 // microseconds since 1970, read as a number: no driver's time conversion in the way
	if err := s.rdb.QueryRowContext(ctx, `SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)`).
		Scan(&us); err != nil {
		return time.Time{}, true, err
	}
	return time.UnixMicro(us), true, nil
}

// CheckKeyFile reports whether the key file at path is sound: present,
// readable by its owner only (no group or other permission bits), holding a
// 32-byte key. It returns the file's mode.
func CheckKeyFile(path string) (os.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	mode := fi.Mode().Perm()
	if !fi.Mode().IsRegular() {
		return mode, fmt.Errorf("%s is not a regular file", path)
	}
	if mode&0o077 != 0 {
		return mode, fmt.Errorf("%s has mode %04o: others than its owner may read it (want 0600 or 0400)", path, mode)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return mode, err
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != 32 {
		return mode, fmt.Errorf("%s does not hold a 32-byte key", path)
	}
	return mode, nil
}

// NotifyTargets is where notifications go, as the settings name them.
type NotifyTargets struct {
	SMTPHost string
	SMTPPort int
	Webhooks []string // the webhooks' URLs
	// Sealed reports whether a secret (the SMTP password, a webhook's
	// secret) is stored, which needs the key file to be sent.
	Sealed bool
}

// NotifyTargets reads the notification settings without opening their
// secrets (which would create a missing key file).
func (s *Store) NotifyTargets(ctx context.Context) (NotifyTargets, error) {
	ns := DefaultNotificationSettings()
	if _, err := getSetting(ctx, s.rdb, notificationsKey, &ns); err != nil {
		return NotifyTargets{}, err
	}
	t := NotifyTargets{SMTPHost: ns.SMTP.Host, SMTPPort: ns.SMTP.Port, Sealed: ns.SMTP.Password != ""}
	for _, w := range ns.Webhooks {
		t.Webhooks = append(t.Webhooks, w.URL)
		t.Sealed = t.Sealed || w.Secret != ""
	}
	return t, nil
}

// OfficeTimezone is the office's time zone as stored, and whether it loads.
func (s *Store) OfficeTimezone(ctx context.Context) (string, error) {
	o, err := s.Office(ctx)
	if err != nil {
		return "", err
	}
	_, err = o.Validate()
	return o.Timezone, err
}

// LeaderSession tells who holds the cron leadership (leader.go) on
// PostgreSQL: the holding session's backend pid and client address, and
// whether one holds it at all (held false: no instance runs the jobs now).
// A lock held shows a live session: PostgreSQL releases it when the session
// ends. On SQLite ok is false: the serving process leads.
func (s *Store) LeaderSession(ctx context.Context) (pid int, client string, held, ok bool, err error) {
	if !s.pg {
		return 0, "", false, false, nil
	}
	// An advisory lock on a bigint key shows in pg_locks as classid (high
	// 32 bits) and objid (low 32 bits), objsubid 1.
	var addr sql.NullString
	err = s.rdb.QueryRowContext(ctx, `SELECT l.pid, CAST(a.client_addr AS TEXT) FROM pg_locks l
		JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND ((CAST(l.classid AS BIGINT) << 32) | CAST(l.objid AS BIGINT)) = `+leaderKeySQL).Scan(&pid, &addr)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, true, nil
	}
	if err != nil {
		return 0, "", false, true, err
	}
	return pid, addr.String, true, true, nil
}
