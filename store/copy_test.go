package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

var copyNow = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func openFile(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.WithClock(func() time.Time { return copyNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// demoOffice is a store holding the demo office, plus a guard whose name has
// every kind of Vietnamese mark and a shift note with a NUL-free oddity.
func demoOffice(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if loaded, err := s.LoadDemo(ctx, copyNow); err != nil || !loaded {
		t.Fatalf("load demo: %v %v", loaded, err)
	}
	g := &scheduler.Guard{Name: "Nguyễn Thị Ánh Tuyết", Unit: "Đội bảo vệ – Văn phòng UBND tỉnh", Skills: []string{"sơ cứu"}, Active: true}
	if err := s.CreateGuard(ctx, g); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IssueDemoLogins(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IssueDemoToken(ctx); err != nil {
		t.Fatal(err)
	}
}

// snapshot is what a reader of the office sees: guards, shifts, the audit and
// the roster's version.
type snapshot struct {
	Guards  []*scheduler.Guard
	Shifts  []*scheduler.Shift
	Audit   int
	Version int64
}

func snap(t *testing.T, s *store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	gs, err := s.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := s.FindShifts(ctx, scheduler.ShiftFilter{})
	if err != nil {
		t.Fatal(err)
	}
	au, err := s.FindAudit(ctx, scheduler.AuditFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := s.RosterVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{Guards: gs, Shifts: sh, Audit: len(au), Version: v}
}

// checkCopied asserts that every table's checksum of b equals a's and that the
// copy reads back the same office, Vietnamese text byte for byte.
func checkCopied(t *testing.T, a, b *store.Store) {
	t.Helper()
	ctx := context.Background()
	ca, err := store.Checksums(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := store.Checksums(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(ca) < 20 || len(ca) != len(cb) {
		t.Fatalf("tables: %d on the source, %d on the target", len(ca), len(cb))
	}
	for name, x := range ca {
		if y := cb[name]; x.SourceRows != y.SourceRows || x.SourceSum != y.SourceSum {
			t.Errorf("%s: source %d rows %s, target %d rows %s", name, x.SourceRows, x.SourceSum, y.SourceRows, y.SourceSum)
		}
	}
	for _, name := range []string{"guards", "shifts", "audit", "tokens", "users", "rotations"} {
		if ca[name].SourceRows == 0 {
			t.Errorf("%s: the demo has no rows, the test proves nothing", name)
		}
	}
	sa, sb := snap(t, a), snap(t, b)
	if !reflect.DeepEqual(sa, sb) {
		t.Errorf("the copy reads back differently:\nsource guards %d shifts %d audit %d version %d\ntarget guards %d shifts %d audit %d version %d",
			len(sa.Guards), len(sa.Shifts), sa.Audit, sa.Version, len(sb.Guards), len(sb.Shifts), sb.Audit, sb.Version)
	}
	found := false
	for _, g := range sb.Guards {
		if g.Name == "Nguyễn Thị Ánh Tuyết" && g.Unit == "Đội bảo vệ – Văn phòng UBND tỉnh" && g.Skills[0] == "sơ cứu" {
			found = true
		}
	}
	if !found {
		t.Errorf("the Vietnamese guard did not survive: %+v", sb.Guards)
	}
}

// Ensure the demo office copied from one SQLite file to another arrives whole:
// every table verified by rows and checksum, the same guards, shifts, audit
// and roster version read back, and a guard created on the copy afterwards
// gets the next id.
func TestCopySQLiteToSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openFile(t, filepath.Join(dir, "a.db"))
	demoOffice(t, a)
	b := openFile(t, filepath.Join(dir, "b.db"))
	var progress []string
	rep, err := store.Copy(ctx, a, b, store.CopyOptions{Progress: func(table string, rows int64) { progress = append(progress, table) }})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Copied || len(rep.Tables) < 20 || len(progress) != len(rep.Tables) {
		t.Fatalf("report: copied %v, %d tables, progress %v", rep.Copied, len(rep.Tables), progress)
	}
	pos := map[string]int{}
	for i, tb := range rep.Tables {
		if !tb.OK() || len(tb.SourceSum) != 64 {
			t.Errorf("%+v", tb)
		}
		pos[tb.Name] = i
	}
	if !(pos["posts"] < pos["shifts"] && pos["guards"] < pos["shifts"] && pos["shifts"] < pos["shift_checks"]) ||
		rep.Tables[len(rep.Tables)-1].Name != "roster_version" {
		t.Errorf("not in foreign key order: %v", pos)
	}
	if _, ok := pos["shift_changes"]; ok {
		t.Error("shift_changes is the target's own log, it must not be copied")
	}
	checkCopied(t, a, b)
	var max int64
	for _, g := range snap(t, b).Guards {
		if g.ID > max {
			max = g.ID
		}
	}
	g := &scheduler.Guard{Name: "Trần Văn Mới", Unit: "Đội bảo vệ", Active: true}
	if err := b.CreateGuard(ctx, g); err != nil || g.ID != max+1 {
		t.Errorf("a guard created on the copy: id %d (%v), want %d", g.ID, err, max+1)
	}
}

// Ensure Copy refuses a target that holds office data (naming the tables),
// and a target at another schema version, and leaves both untouched.
func TestCopyRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openFile(t, filepath.Join(dir, "a.db"))
	demoOffice(t, a)
	b := openFile(t, filepath.Join(dir, "b.db"))
	if err := b.CreateGuard(ctx, &scheduler.Guard{Name: "Lê Văn Có", Unit: "Đội bảo vệ", Active: true}); err != nil {
		t.Fatal(err)
	}
	before := snap(t, b)
	_, err := store.Copy(ctx, a, b, store.CopyOptions{})
	if err == nil || !strings.Contains(err.Error(), "already holds data") || !strings.Contains(err.Error(), "guards") {
		t.Fatalf("a non-empty target: %v", err)
	}
	if after := snap(t, b); !reflect.DeepEqual(before, after) {
		t.Error("the refused target changed")
	}
	if _, err := store.Copy(ctx, a, a, store.CopyOptions{}); err == nil {
		t.Error("a store copied onto itself")
	}
}

// Ensure a copy onto a database whose schema has a migration the source lacks
// is refused before anything is written.
func TestCopyRefusesAnotherSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openFile(t, filepath.Join(dir, "a.db"))
	demoOffice(t, a)
	b := openFile(t, filepath.Join(dir, "b.db"))
	if err := store.RecordMigrationForTest(ctx, b, 999, "999_future.sql"); err != nil {
		t.Fatal(err)
	}
	_, err := store.Copy(ctx, a, b, store.CopyOptions{})
	if err == nil || !strings.Contains(err.Error(), "schemas differ") || !strings.Contains(err.Error(), "999") {
		t.Fatalf("another schema: %v", err)
	}
	if n, _ := store.Checksums(ctx, b); n["guards"].SourceRows != 0 {
		t.Error("rows were written")
	}
}

// Ensure the demo office makes the round trip SQLite → PostgreSQL → SQLite
// (CATRUC_TEST_POSTGRES) with every table's checksum equal at each step, the
// same office read back on PostgreSQL (Vietnamese text intact), and a guard
// created on PostgreSQL after the copy getting the id after the largest
// copied (the identity's sequence was moved past them).
func TestCopyRoundTripPostgres(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip(storetest.Env + " is not set: no PostgreSQL to copy to")
	}
	ctx := context.Background()
	dir := t.TempDir()
	a := openFile(t, filepath.Join(dir, "a.db"))
	demoOffice(t, a)
	p := storetest.Open(t, store.WithClock(func() time.Time { return copyNow }))
	if p.Backend() != "postgres" {
		t.Fatalf("backend %s", p.Backend())
	}
	rep, err := store.Copy(ctx, a, p, store.CopyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Copied {
		t.Fatal("not copied")
	}
	checkCopied(t, a, p)
	// The feeds' window reads the copy once, then holds it: the target's log
	// of changed shifts starts with the copy (its triggers were off).
	for i := 0; i < 3; i++ {
		if _, err := p.FeedShifts(ctx, copyNow, copyNow.AddDate(0, 1, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if st := p.FeedWindowStats(); st.Reloads != 1 {
		t.Errorf("the feeds' window read the whole copy %d times, want once", st.Reloads)
	}
	c := openFile(t, filepath.Join(dir, "c.db"))
	if _, err := store.Copy(ctx, p, c, store.CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	checkCopied(t, a, c)
	var max int64
	for _, g := range snap(t, p).Guards {
		max = maxID(max, g.ID)
	}
	g := &scheduler.Guard{Name: "Trần Văn Mới", Unit: "Đội bảo vệ", Active: true}
	if err := p.CreateGuard(ctx, g); err != nil || g.ID != max+1 {
		t.Errorf("a guard created on PostgreSQL after the copy: id %d (%v), want %d", g.ID, err, max+1)
	}
	var maxShift int64
	for _, s := range snap(t, p).Shifts {
		maxShift = maxID(maxShift, s.ID)
	}
	post := snap(t, p).Shifts[0].PostID
	sh := &scheduler.Shift{PostID: post, Start: copyNow.AddDate(1, 0, 0), End: copyNow.AddDate(1, 0, 0).Add(8 * time.Hour)}
	if err := p.CreateShift(ctx, sh); err != nil || sh.ID != maxShift+1 {
		t.Errorf("a shift created on PostgreSQL after the copy: id %d (%v), want %d", sh.ID, err, maxShift+1)
	}
}

func maxID(a, b int64) int64 {
	if b > a {
		return b
	}
	return a
}
