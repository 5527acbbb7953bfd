package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/store/internal/testdb"
)

// Ensure a dry run reads and checks without the write lock: it answers its
// preview while another writer holds the lock (before, it waited for the
// lock and failed with "database is locked").
func TestImportDryRunTakesNoWriteLock(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)
	s, err := Open(ctx, testdb.DSN(t, "c.db"), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	post := &scheduler.Post{Code: "vong-gac", Name: "Vọng gác", Kind: "police", Active: true}
	if err := s.CreatePost(ctx, post); err != nil {
		t.Fatal(err)
	}
	g := &scheduler.Guard{Name: "Thượng úy Võ Thành Nam", Unit: "police", PostIDs: []int64{post.ID}, Active: true}
	if err := s.CreateGuard(ctx, g); err != nil {
		t.Fatal(err)
	}
	items := denseItems(50, "Võ Thành Nam", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	day := scheduler.ImportItem{Summary: "Nghỉ bù", Start: time.Date(2026, 12, 30, 0, 0, 0, 0, s.Location()),
		End: time.Date(2026, 12, 31, 0, 0, 0, 0, s.Location()), AllDay: true, Line: 4}

	lock, err := s.wdb.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for _, c := range []struct {
		name string
		run  func() (scheduler.ImportResult, error)
		want int
	}{
		{"shifts", func() (scheduler.ImportResult, error) { return s.ImportShifts(wait, post.ID, items, true) }, 50},
		{"time off", func() (scheduler.ImportResult, error) { return s.ImportTimeOff(wait, g.ID, items, true) }, 50},
		{"holidays", func() (scheduler.ImportResult, error) {
			return s.ImportHolidays(wait, []scheduler.ImportItem{day}, true)
		}, 1},
	} {
		res, err := c.run()
		if err != nil || len(res.Created) != c.want || len(res.Errors) != 0 {
			t.Errorf("%s: dry run while the write lock is held: created %d, errors %v, err %v", c.name, len(res.Created), res.Errors, err)
		}
	}
}

// importOffice opens a store at now with a police post, one police officer
// and one office guard allowed there.
func importOffice(t *testing.T) (*Store, *scheduler.Post, *scheduler.Guard, *scheduler.Guard) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)
	s, err := Open(ctx, testdb.DSN(t, "c.db"), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	post := &scheduler.Post{Code: "vong-gac", Name: "Vọng gác", Kind: "police", Active: true}
	if err := s.CreatePost(ctx, post); err != nil {
		t.Fatal(err)
	}
	officer := &scheduler.Guard{Name: "Thượng úy Võ Thành Nam", Unit: "police", PostIDs: []int64{post.ID}, Active: true}
	guard := &scheduler.Guard{Name: "Lê Văn Bình", Unit: "office", PostIDs: []int64{post.ID}, Active: true}
	for _, g := range []*scheduler.Guard{officer, guard} {
		if err := s.CreateGuard(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	return s, post, officer, guard
}

// remarks lists the remarks as "line key".
func remarks(rs []scheduler.ImportRemark) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d %s", r.Line, r.Key))
	}
	return strings.Join(out, ", ")
}

// Ensure the in-memory checks of a shift import are CreateShift's: an entry
// overlapping a stored shift or an earlier entry is an error, an identical
// shift (stored or earlier in the file) is skipped, an entry naming nobody
// is an error, and a labour rule set to block refuses the entry that breaks
// it; with errors nothing is written.
func TestImportShiftsChecks(t *testing.T) {
	ctx := context.Background()
	s, post, officer, _ := importOffice(t)
	at := func(day, hour int) time.Time { return time.Date(2026, 12, day, hour, 0, 0, 0, s.Location()) }
	oid := officer.ID
	stored := &scheduler.Shift{PostID: post.ID, GuardID: &oid, Start: at(3, 7), End: at(3, 15)}
	if err := s.CreateShift(ctx, stored); err != nil {
		t.Fatal(err)
	}
	item := func(line int, who string, from, to time.Time) scheduler.ImportItem {
		return scheduler.ImportItem{Summary: "Ca trực – " + who, Start: from, End: to, Line: line}
	}
	items := []scheduler.ImportItem{
		item(4, "Võ Thành Nam", at(3, 7), at(3, 15)),   // the stored shift: skipped
		item(11, "Võ Thành Nam", at(3, 14), at(3, 22)), // overlaps it: error
		item(18, "Võ Thành Nam", at(4, 7), at(4, 15)),  // new
		item(25, "Võ Thành Nam", at(4, 7), at(4, 15)),  // the same again: skipped
		item(32, "Võ Thành Nam", at(4, 10), at(4, 12)), // overlaps line 18: error
		item(39, "Nguyễn Vô Danh", at(5, 7), at(5, 15)),
		item(46, "Lê Văn Bình", at(5, 7), at(5, 15)),
	}
	res, err := s.ImportShifts(ctx, post.ID, items, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := remarks(res.Skipped), "4 import.shift_exists, 25 import.shift_exists"; got != want {
		t.Errorf("skipped: %s, want %s", got, want)
	}
	if got, want := remarks(res.Errors), "11 assign.overlap, 32 assign.overlap, 39 import.no_officer"; got != want {
		t.Errorf("errors: %s, want %s", got, want)
	}
	if len(res.Created) != 2 {
		t.Errorf("created %d, want 2", len(res.Created))
	}
	if n := count(t, s, "shifts"); n != 1 {
		t.Fatalf("an import with errors wrote: %d shifts", n)
	}

	// A 13-hour stretch breaks the 12-hour limit; set to block, it is refused.
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rules.Enforcement[labour.RuleShiftLength] = labour.ModeBlock
	if _, err := s.SetRules(ctx, rules); err != nil {
		t.Fatal(err)
	}
	long := []scheduler.ImportItem{item(4, "Lê Văn Bình", at(7, 6), at(7, 12)), item(11, "Lê Văn Bình", at(7, 12), at(7, 19))}
	res, err = s.ImportShifts(ctx, post.ID, long, false)
	if err != nil || remarks(res.Errors) != "11 shift.breaks_blocking_rule" {
		t.Fatalf("blocking rule: errors %s, err %v", remarks(res.Errors), err)
	}
	// The same stretch for the police officer: police are not checked.
	long[0].Summary, long[1].Summary = "Võ Thành Nam", "Võ Thành Nam"
	res, err = s.ImportShifts(ctx, post.ID, long, false)
	if err != nil || len(res.Errors) != 0 || len(res.Created) != 2 {
		t.Fatalf("police stretch: %+v %v", res, err)
	}
	c := res.Created[0].(*scheduler.Shift)
	if c.ID == 0 || c.Version != 1 || !c.Start.Equal(at(7, 6)) || c.Start.Location() != s.Location() || c.CreatedAt.IsZero() {
		t.Errorf("created shift: %+v", c)
	}
	back, err := s.FindShiftByID(ctx, c.ID)
	if err != nil || !back.CreatedAt.Equal(c.CreatedAt) || back.Note != c.Note || *back.GuardID != officer.ID {
		t.Errorf("stored shift %+v, answered %+v (%v)", back, c, err)
	}
}

// Ensure a shift written by someone else between an import's read and its
// write is seen: the import is checked again inside the write transaction,
// and refused, instead of writing an overlap.
func TestImportShiftsRecheckedWhenTheRosterMoved(t *testing.T) {
	ctx := context.Background()
	s, post, officer, _ := importOffice(t)
	start := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	items := denseItems(24, "Võ Thành Nam", start)
	oid := officer.ID
	plans := 0
	k := importKind{stamp: rosterStamp, plan: func(ctx context.Context, q queryer) (*importPlan, error) {
		p, err := s.planShifts(ctx, q, post.ID, items)
		if plans++; plans == 1 {
			// Another writer books the officer once the import has read.
			other := &scheduler.Shift{PostID: post.ID, GuardID: &oid, Start: start.Add(330 * time.Minute), End: start.Add(390 * time.Minute)}
			if err := s.CreateShift(ctx, other); err != nil {
				t.Fatal(err)
			}
		}
		return p, err
	}}
	res, err := s.runImport(ctx, false, k)
	if err != nil {
		t.Fatal(err)
	}
	if plans != 2 || remarks(res.Errors) != "39 assign.overlap, 46 assign.overlap" || len(res.Skipped) != 0 {
		t.Fatalf("planned %d times; errors %s, skipped %s", plans, remarks(res.Errors), remarks(res.Skipped))
	}
	if n := count(t, s, "shifts"); n != 1 {
		t.Fatalf("%d shifts stored, want only the other writer's", n)
	}
}
