// Package storetest opens stores for tests: on a SQLite file in the test's
// temporary folder by default, or on a fresh schema of the PostgreSQL server
// that CATRUC_TEST_POSTGRES names (a postgres:// DSN where tests may create
// schemas), so that one suite runs against both backends.
package storetest

import (
	"context"
	"testing"

	"catruc/store"
	"catruc/store/internal/testdb"
)

// Env is the variable that selects PostgreSQL for the tests.
const Env = testdb.Env

// DSN returns a new, empty database for t: a SQLite file path in
// t.TempDir(), or a PostgreSQL DSN whose search_path is a fresh schema
// (dropped when the test ends). Each call gives another database.
func DSN(t testing.TB) string {
	t.Helper()
	return testdb.DSN(t, "catruc.db")
}

// Open opens a store on a new database (DSN) and closes it when t ends.
func Open(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), DSN(t), opts...)
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
