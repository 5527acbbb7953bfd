// Package testdb gives each test its own database: a SQLite file in the
// test's temporary folder by default, or, when the environment names a
// PostgreSQL server in CATRUC_TEST_POSTGRES, a fresh schema on it (dropped
// when the test ends). It does not import store, so that store's own tests
// can use it; other packages use store/storetest.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the variable that names a PostgreSQL server (a postgres:// DSN)
// where tests may create schemas.
const Env = "CATRUC_TEST_POSTGRES"

// Postgres reports whether tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(Env) != "" }

// SkipOnPostgres skips a test that is about SQLite itself.
func SkipOnPostgres(t testing.TB) {
	t.Helper()
	if Postgres() {
		t.Skip("sqlite only")
	}
}

// DSN returns a new, empty database for t: the SQLite file name in
// t.TempDir(), or the DSN of a fresh PostgreSQL schema (each call a new one).
func DSN(t testing.TB, name string) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		return filepath.Join(t.TempDir(), name)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testdb: %s is not a URL", Env)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := execOn(ctx, base, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("testdb: create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := execOn(ctx, base, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Logf("testdb: drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func execOn(ctx context.Context, dsn, stmt string) error {
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, stmt)
	return err
}
