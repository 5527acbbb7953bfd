package store

import (
	"context"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure a shift read back (one text per row, see shiftRow) is the shift
// written, whatever its note holds — commas, a line break, Vietnamese,
// nothing — open or held, scheduled or cancelled, made by hand or by a
// rotation; and that a malformed row is an error, not a wrong shift.
func TestShiftRowReadsWhatWasWritten(t *testing.T) {
	s := openTest(t, "")
	ctx := scheduler.WithActor(context.Background(), "test")
	if _, err := s.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	posts, err := s.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 3, 1, 7, 0, 0, 0, s.Location())
	for i, note := range []string{"", "Giao ca, kiểm tra PCCC; khóa kho", "dòng 1\ndòng 2,", ",,,", `\"'`} {
		sh := &scheduler.Shift{PostID: posts[0].ID, Start: start.AddDate(0, 0, i), End: start.AddDate(0, 0, i).Add(8 * time.Hour), Note: note}
		if err := s.CreateShift(ctx, sh); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindShiftByID(ctx, sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Note != note || !got.Start.Equal(sh.Start) || !got.End.Equal(sh.End) || got.GuardID != nil || got.RotationID != nil ||
			got.Status != scheduler.ShiftScheduled || got.Version != 1 || got.PostID != posts[0].ID || !got.CreatedAt.Equal(testNow) ||
			got.Start.Location() != s.Location() {
			t.Errorf("note %q: read back %+v", note, got)
		}
	}
	all, err := s.FindShifts(ctx, scheduler.ShiftFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var held, rotated, cancelled bool
	for _, sh := range all {
		held = held || sh.GuardID != nil
		rotated = rotated || sh.RotationID != nil
	}
	sh, err := s.UpdateShift(ctx, all[0].ID, 0, func(x *scheduler.Shift) error { x.Status = scheduler.ShiftCancelled; return nil })
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.FindShiftByID(ctx, sh.ID)
	cancelled = err == nil && again.Status == scheduler.ShiftCancelled && again.Version == 2 && *again.GuardID == *all[0].GuardID
	if !held || !rotated || !cancelled {
		t.Errorf("held %v, made by a rotation %v, cancelled and read back %v", held, rotated, cancelled)
	}
	for _, bad := range []string{"", "1,2,3", "x,1,,2026-12-01T00:00:00Z,2026-12-01T08:00:00Z,scheduled,1,,2026-12-01T00:00:00Z,2026-12-01T00:00:00Z,",
		"1,1,,2026-12-01T00:00:00Z,bad,scheduled,1,,2026-12-01T00:00:00Z,2026-12-01T00:00:00Z,note"} {
		if sh, err := parseShiftRow([]byte(bad), s.Location()); err == nil {
			t.Errorf("%q read as %+v", bad, sh)
		}
	}
}
