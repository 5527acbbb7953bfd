package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/internal/testdb"
)

// Ensure the SQLite-flavoured SQL becomes PostgreSQL's: "?" and "?NNN"
// numbered as SQLite numbers them, quoted text, comments and dollar-quoted
// bodies left alone, and an INSERT into a table with an identity id made to
// return it (once, and not when it returns something already).
func TestPGSQLRewrite(t *testing.T) {
	for _, tc := range []struct {
		in, want  string
		returning bool
	}{
		{"SELECT * FROM shifts WHERE id = ? AND note = '?' AND \"a?\" = ?", "SELECT * FROM shifts WHERE id = $1 AND note = '?' AND \"a?\" = $2", false},
		{"SELECT ?1, ?2, ?1, ?", "SELECT $1, $2, $1, $3", false},
		{"SELECT 'it''s ?', ? -- why?\n, ?", "SELECT 'it''s ?', $1 -- why?\n, $2", false},
		{"DO $$ SELECT '?' $$; SELECT ?", "DO $$ SELECT '?' $$; SELECT $1", false},
		{"INSERT INTO shifts (post_id) VALUES (?)", "INSERT INTO shifts (post_id) VALUES ($1) RETURNING id", true},
		{"\n\t\tinsert into posts (code) VALUES (?);", "\n\t\tinsert into posts (code) VALUES ($1) RETURNING id", true},
		{"INSERT INTO notifications (dedupe_key) VALUES (?) ON CONFLICT (dedupe_key) DO NOTHING",
			"INSERT INTO notifications (dedupe_key) VALUES ($1) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id", true},
		{"INSERT INTO posts (code) VALUES (?) RETURNING id, code", "INSERT INTO posts (code) VALUES ($1) RETURNING id, code", false},
		{"INSERT INTO settings (key, value) VALUES (?, ?)", "INSERT INTO settings (key, value) VALUES ($1, $2)", false},
		{"INSERT INTO guard_posts (guard_id, post_id) VALUES (?, ?)", "INSERT INTO guard_posts (guard_id, post_id) VALUES ($1, $2)", false},
	} {
		got, returning := pgSQL(tc.in)
		if got != tc.want || returning != tc.returning {
			t.Errorf("pgSQL(%q) = %q, %v; want %q, %v", tc.in, got, returning, tc.want, tc.returning)
		}
	}
}

// Ensure a DSN's password never shows in what the store prints.
func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://catruc:s3cr%40t@db:5432/catruc?sslmode=disable": "postgres://catruc:xxxxx@db:5432/catruc?sslmode=disable",
		"store: open postgresql://u:p@h/d: refused":                 "store: open postgresql://u:xxxxx@h/d: refused",
		"host=db user=u password=hunter2 dbname=catruc":             "host=db user=u password=xxxxx dbname=catruc",
		"/var/lib/catruc/catruc.db":                                 "/var/lib/catruc/catruc.db",
	} {
		if got := redactDSN(in); got != want {
			t.Errorf("redactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}

// Ensure that, round after round, two stores on one database (two
// instances, or the server and the CLI) that create overlapping shifts for
// one guard at the same moment end with exactly one shift each round: the
// overlap rule is checked inside the write transaction, and writers take
// the write lock in turn (on PostgreSQL the advisory lock, across instances).
func TestConcurrentOverlapRounds(t *testing.T) {
	dsn := testdb.DSN(t, "catruc.db")
	a, b := openTest(t, dsn), openTest(t, dsn)
	post, guard := seed(t, a)
	loc := a.Location()
	const rounds, writers = 8, 8
	for r := range rounds {
		var wg sync.WaitGroup
		var mu sync.Mutex
		created, conflicts := 0, 0
		var others []error
		start := make(chan struct{})
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st := []*Store{a, b}[i%2]
				gid := guard.ID
				from := time.Date(2026, 12, 2+r, 7, i, 0, 0, loc)
				<-start
				err := st.CreateShift(context.Background(), &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: from, End: from.Add(8 * time.Hour)})
				mu.Lock()
				defer mu.Unlock()
				switch scheduler.ErrorCode(err) {
				case "":
					created++
				case scheduler.ECONFLICT:
					conflicts++
				default:
					others = append(others, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if created != 1 || conflicts != writers-1 || len(others) > 0 {
			t.Fatalf("round %d: created %d, conflicts %d, other errors %v", r, created, conflicts, others)
		}
	}
	if n := count(t, a, "shifts"); n != rounds {
		t.Fatalf("%d shifts stored, want %d", n, rounds)
	}
}

// Ensure two stores that update one shift from the same version at once
// see exactly one update win: the other is refused as stale (ECONFLICT),
// and the shift's version moved by one.
func TestConcurrentVersionCheck(t *testing.T) {
	dsn := testdb.DSN(t, "catruc.db")
	a, b := openTest(t, dsn), openTest(t, dsn)
	post, guard := seed(t, a)
	gid := guard.ID
	loc := a.Location()
	sh := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: time.Date(2026, 12, 1, 7, 0, 0, 0, loc), End: time.Date(2026, 12, 1, 15, 0, 0, 0, loc)}
	if err := a.CreateShift(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 6)
	start := make(chan struct{})
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = []*Store{a, b}[i%2].UpdateShift(context.Background(), sh.ID, 1, func(x *scheduler.Shift) error {
				x.Note = "ghi chú " + string(rune('A'+i))
				return nil
			})
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch scheduler.ErrorCode(err) {
		case "":
			won++
		case scheduler.ECONFLICT:
		default:
			t.Fatalf("update: %v", err)
		}
	}
	got, err := b.FindShiftByID(context.Background(), sh.ID)
	if won != 1 || err != nil || got.Version != 2 || !strings.HasPrefix(got.Note, "ghi chú ") {
		t.Fatalf("%d updates won (want 1); shift %+v, %v", won, got, err)
	}
}

// Ensure constraint errors that reach the database come back coded the same
// on both backends: a post code in use, another unique value, a reference.
func TestConstraintErrorsTranslated(t *testing.T) {
	s := openTest(t, "")
	post, _ := seed(t, s)
	ctx := context.Background()
	_, err := s.wdb.ExecContext(ctx, `INSERT INTO posts (code, name, kind, created_at, updated_at) VALUES (?, 'x', 'guard', 'a', 'a')`, post.Code)
	if err = translate(err); scheduler.ErrorCode(err) != scheduler.ECONFLICT || scheduler.ErrorKey(err) != "post.code_in_use" || scheduler.ErrorField(err) != "code" {
		t.Errorf("duplicate post code: %v", err)
	}
	_, err = s.wdb.ExecContext(ctx, `INSERT INTO holiday_changes (date, action) VALUES ('2026-01-01', 'add'), ('2026-01-01', 'add')`)
	if err = translate(err); scheduler.ErrorKey(err) != "common.exists" {
		t.Errorf("duplicate key: %v", err)
	}
	_, err = s.wdb.ExecContext(ctx, `INSERT INTO guard_posts (guard_id, post_id) VALUES (?, ?)`, 999999, post.ID)
	if err = translate(err); scheduler.ErrorCode(err) != scheduler.ECONFLICT || scheduler.ErrorKey(err) != "common.referenced" {
		t.Errorf("missing reference: %v", err)
	}
}

// Ensure a write that cannot get the write lock within the busy timeout,
// because another connection (an instance, the CLI) holds it, fails as
// unavailable (store.busy, answered 503), changing nothing.
func TestWriteLockHeldElsewhereIsBusy(t *testing.T) {
	dsn := testdb.DSN(t, "catruc.db")
	s, err := Open(context.Background(), dsn, WithClock(func() time.Time { return testNow }), WithBusyTimeout(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	post, _ := seed(t, s)
	holder, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.begin(context.Background()) // the write lock, held
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	err = s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(context.Background(), `UPDATE posts SET name = 'đổi' WHERE id = ?`, post.ID)
		return err
	})
	if scheduler.ErrorCode(err) != scheduler.EUNAVAILABLE || scheduler.ErrorKey(err) != "store.busy" {
		t.Fatalf("write while the lock is held elsewhere: %v", err)
	}
	tx.Rollback()
	p, err := s.FindPostByID(context.Background(), post.ID)
	if err != nil || p.Name != post.Name {
		t.Fatalf("post after the refused write: %+v, %v", p, err)
	}
}
