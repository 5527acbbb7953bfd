package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure FeedShifts, the feeds' in-memory copy of the window's shifts, is
// after every kind of change exactly what FindShifts reads from the
// database, and that it gets there by reading only what changed: no shift
// when a post's site changes, the one shift an edit touched.
func TestFeedShiftsFollowChanges(t *testing.T) {
	s := openTest(t, "")
	ctx := scheduler.WithActor(context.Background(), "test")
	post, an := seed(t, s)
	duc := &scheduler.Guard{Name: "Trần Minh Đức", Unit: "office", PostIDs: []int64{post.ID}, Active: true}
	if err := s.CreateGuard(ctx, duc); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	var ids []int64
	for i := 0; i < 20; i++ {
		g := an.ID
		if i%2 == 1 {
			g = duc.ID
		}
		sh := &scheduler.Shift{PostID: post.ID, GuardID: &g, Start: day.Add(time.Duration(i) * 12 * time.Hour),
			End: day.Add(time.Duration(i+1) * 12 * time.Hour), Status: scheduler.ShiftScheduled}
		if err := s.CreateShift(ctx, sh); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sh.ID)
	}
	from, to := testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 8) // 15 of the 20 shifts
	check := func(name string, wantRows int64, wantReload bool) {
		t.Helper()
		before := s.FeedWindowStats()
		got, err := s.FeedShifts(ctx, from, to)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := s.FindShifts(ctx, scheduler.ShiftFilter{From: &from, To: &to})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the feed window holds %d shifts unlike the %d read from the database", name, len(got), len(want))
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("  first difference at %d:\n got %+v\nwant %+v", i, got[i], want[i])
					break
				}
			}
		}
		after := s.FeedWindowStats()
		if rows := after.RowsRead - before.RowsRead; wantRows >= 0 && rows != wantRows {
			t.Errorf("%s: read %d shift rows, want %d", name, rows, wantRows)
		}
		if reload := after.Reloads > before.Reloads; reload != wantReload {
			t.Errorf("%s: reloaded the whole window = %v, want %v", name, reload, wantReload)
		}
	}
	check("first read", -1, true)
	check("nothing changed", 0, false)
	if _, err := s.UpdatePost(ctx, post.ID, func(p *scheduler.Post) error { p.Site = "52 Hùng Vương"; return nil }); err != nil {
		t.Fatal(err)
	}
	check("a post's site changed", 0, false)
	if _, err := s.UpdateShift(ctx, ids[3], 0, func(sh *scheduler.Shift) error { sh.Note = "Mang bộ đàm"; return nil }); err != nil {
		t.Fatal(err)
	}
	check("a shift's note changed", 1, false)
	if _, err := s.UpdateShift(ctx, ids[4], 0, func(sh *scheduler.Shift) error { sh.Status = scheduler.ShiftCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	check("a shift cancelled", 1, false)
	if _, _, err := s.SwapShifts(ctx, ids[5], ids[6]); err != nil {
		t.Fatal(err)
	}
	check("two shifts swapped", 2, false)
	extra := &scheduler.Shift{PostID: post.ID, Start: day.Add(30 * time.Hour), End: day.Add(38 * time.Hour), Status: scheduler.ShiftScheduled}
	if err := s.CreateShift(ctx, extra); err != nil {
		t.Fatal(err)
	}
	check("an open shift added", 1, false)
	late := &scheduler.Shift{PostID: post.ID, GuardID: &an.ID, Start: day.AddDate(0, 1, 0), End: day.AddDate(0, 1, 0).Add(8 * time.Hour),
		Status: scheduler.ShiftScheduled}
	if err := s.CreateShift(ctx, late); err != nil {
		t.Fatal(err)
	}
	check("a shift added outside the window", 1, false)
	if _, err := s.wdb.ExecContext(ctx, `UPDATE shifts SET guard_id = ? WHERE id = ?`, duc.ID, ids[7]); err != nil {
		t.Fatal(err)
	}
	check("a guard changed directly", 1, false)
	if _, err := s.wdb.ExecContext(ctx, `UPDATE shifts SET start_at = '2026-12-20T00:00:00Z', end_at = '2026-12-20T08:00:00Z'
		WHERE id = ?`, ids[8]); err != nil {
		t.Fatal(err)
	}
	check("a shift moved out of the window", 1, false)
	if _, err := s.wdb.ExecContext(ctx, `DELETE FROM shifts WHERE id = ?`, ids[9]); err != nil {
		t.Fatal(err)
	}
	check("a shift deleted", 0, false) // looked for, gone
	if _, err := s.RecordCheckIn(ctx, ids[10], func(*scheduler.Shift) (scheduler.CheckIn, error) {
		return scheduler.CheckIn{At: day.Add(120*time.Hour + 5*time.Minute), Method: scheduler.CheckInManager}, nil
	}); err != nil {
		t.Fatal(err)
	}
	check("a check-in", 1, false)
	off := &scheduler.TimeOff{GuardID: an.ID, Start: day.Add(24 * time.Hour), End: day.Add(48 * time.Hour), Kind: "leave",
		Status: scheduler.TimeOffApproved}
	if err := s.CreateTimeOff(ctx, off); err != nil {
		t.Fatal(err)
	}
	check("time off approved", -1, true)
	check("nothing changed since", 0, false)
	from, to = from.Add(24*time.Hour), to.Add(24*time.Hour)
	check("the window moved a day", -1, true)
}

// Ensure what a feed reads after one shift changed runs on statements
// prepared once on the read pool: the changes since the last look, the
// changed shift, its check-ins and absences, and the feed settings (modernc's
// driver parses an unprepared query again each time).
func TestFeedShiftsChangedShiftPrepared(t *testing.T) {
	s := openTest(t, "")
	ctx := scheduler.WithActor(context.Background(), "test")
	post, an := seed(t, s)
	g := an.ID
	sh := &scheduler.Shift{PostID: post.ID, GuardID: &g, Start: testNow.Add(time.Hour), End: testNow.Add(9 * time.Hour),
		Status: scheduler.ShiftScheduled}
	if err := s.CreateShift(ctx, sh); err != nil {
		t.Fatal(err)
	}
	from, to := testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 8)
	if _, err := s.FeedShifts(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateShift(ctx, sh.ID, sh.Version, func(sh *scheduler.Shift) error {
		sh.Note = "đổi giờ giao ca"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FeedShifts(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CalendarSettings(ctx); err != nil {
		t.Fatal(err)
	}
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, want := range []string{"FROM shift_changes WHERE seq > ?", "FROM shifts WHERE id IN (?)",
		"FROM shift_checks", "FROM time_off", "SELECT value FROM settings WHERE key = ?"} {
		found := false
		for q := range s.stmts.stmts {
			found = found || strings.Contains(q, want)
		}
		if !found {
			t.Errorf("no prepared statement of the read pool runs %q", want)
		}
	}
}

// Ensure an empty change log (a database just copied, or one whose log was
// emptied) lets the window be read once and then served from memory: it
// used to take the log's 0 for "nothing held" and read everything again on
// every other poll.
func TestFeedShiftsEmptyLogReadOnce(t *testing.T) {
	s := openTest(t, "")
	ctx := scheduler.WithActor(context.Background(), "test")
	seed(t, s)
	if _, err := s.wdb.ExecContext(ctx, `DELETE FROM shift_changes`); err != nil {
		t.Fatal(err)
	}
	from, to := testNow.AddDate(0, 0, -1), testNow.AddDate(0, 0, 8)
	for i := 0; i < 4; i++ {
		if _, err := s.FeedShifts(ctx, from, to); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.FeedWindowStats().Reloads; got != 1 {
		t.Errorf("four polls over an empty change log read the whole window %d times, want once", got)
	}
}
