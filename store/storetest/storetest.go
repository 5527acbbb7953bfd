// Package storetest opens stores for tests: on a SQLite file in the test's
// temporary folder by default, or on a fresh schema of the PostgreSQL server
// that CATRUC_TEST_POSTGRES names (a postgres:// DSN where tests may create
// schemas), so that one suite runs against both backends.
package storetest

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	"catruc/store"
	"catruc/store/internal/testdb"
)

// Env is the variable that selects PostgreSQL for the tests.
const Env = testdb.Env

// keyFiles keeps, for each PostgreSQL DSN given out, the sealing key's file
// in its test's temporary folder (on SQLite the key lies beside the file).
var keyFiles sync.Map // dsn → path

// DSN returns a new, empty database for t: a SQLite file path in
// t.TempDir(), or a PostgreSQL DSN whose search_path is a fresh schema
// (dropped when the test ends). Each call gives another database.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := testdb.DSN(t, "catruc.db")
	if store.IsPostgres(dsn) {
		keyFiles.Store(dsn, filepath.Join(t.TempDir(), "catruc.key"))
		t.Cleanup(func() { keyFiles.Delete(dsn) })
	}
	return dsn
}

// Options is opts for a store on dsn, with the sealing key's file of a
// PostgreSQL test database (so that secrets stay in the test's folder).
func Options(dsn string, opts ...store.Option) []store.Option {
	if kf, ok := keyFiles.Load(dsn); ok {
		return append([]store.Option{store.WithKeyFile(kf.(string))}, opts...)
	}
	return opts
}

// Open opens a store on a new database (DSN) and closes it when t ends.
func Open(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	return OpenDSN(t, DSN(t), opts...)
}

// OpenDSN opens a store on dsn (from DSN; again for a second handle or a
// reopen) and closes it when t ends (closing it before is fine).
func OpenDSN(t testing.TB, dsn string, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, Options(dsn, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Postgres reports whether the tests run on PostgreSQL.
func Postgres() bool { return testdb.Postgres() }

// SkipOnPostgres skips a test that is about SQLite itself (its files,
// pragmas, locks or crash recovery) with "sqlite only".
func SkipOnPostgres(t testing.TB) {
	t.Helper()
	testdb.SkipOnPostgres(t)
}

// HoldWriteLock takes the database's write lock from a connection of its
// own, as a long import or another instance would, until release is called
// (or t ends): SQLite's BEGIN IMMEDIATE, or PostgreSQL's write lock
// (store.PGWriteLock) in an open transaction.
func HoldWriteLock(t testing.TB, dsn string) (release func()) {
	t.Helper()
	ctx := context.Background()
	driver, name, begin := "sqlite", "file:"+dsn, []string{"BEGIN IMMEDIATE"}
	if store.IsPostgres(dsn) {
		driver, name, begin = "catruc-pgx", dsn, []string{"BEGIN", store.PGWriteLock}
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range begin {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
	}
	t.Cleanup(release)
	return release
}
