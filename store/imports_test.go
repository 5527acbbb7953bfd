package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure a dry run reads and checks without the write lock: it answers its
// preview while another writer holds the lock (before, it waited for the
// lock and failed with "database is locked").
func TestImportDryRunTakesNoWriteLock(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), WithClock(func() time.Time { return now }))
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
