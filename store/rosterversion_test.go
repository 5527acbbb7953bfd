package store

import (
	"context"
	"testing"

	"catruc/scheduler"
)

// Ensure every change that the shift lists, the coverage or a feed shows
// moves the roster's version, which their caches are keyed on: a post added
// or removed (a new post's requirements are a gap in the coverage), and
// time off however it is written.
func TestRosterVersionMovesOnEveryChange(t *testing.T) {
	s := openTest(t, "")
	ctx := scheduler.WithActor(context.Background(), "test")
	version := func() int64 {
		t.Helper()
		seq, _, err := s.RosterVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return seq
	}
	guard := &scheduler.Guard{Name: "Nguyễn Văn An", Unit: scheduler.UnitOffice, Active: true, Skills: []string{}, PostIDs: []int64{}}
	if err := s.CreateGuard(ctx, guard); err != nil {
		t.Fatal(err)
	}
	var post *scheduler.Post
	for _, tc := range []struct {
		name   string
		change func() error
	}{
		{"post added", func() error {
			post = &scheduler.Post{Code: "cong-phu", Name: "Cổng phụ", Kind: scheduler.PostKindGuard, Active: true,
				Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "07:00", End: "19:00", Headcount: 1}}}
			return s.CreatePost(ctx, post)
		}},
		{"post removed", func() error { return s.DeletePost(ctx, post.ID) }},
		{"time off written directly", func() error {
			_, err := s.wdb.ExecContext(ctx, `INSERT INTO time_off (guard_id, start_at, end_at, kind, created_at)
				VALUES (?, '2026-12-03T00:00:00Z', '2026-12-04T00:00:00Z', 'leave', '2026-12-01T00:00:00Z')`, guard.ID)
			return err
		}},
		{"time off changed directly", func() error {
			_, err := s.wdb.ExecContext(ctx, `UPDATE time_off SET kind = 'sick'`)
			return err
		}},
		{"time off removed directly", func() error {
			_, err := s.wdb.ExecContext(ctx, `DELETE FROM time_off`)
			return err
		}},
	} {
		before := version()
		if err := tc.change(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if after := version(); after <= before {
			t.Errorf("%s: the roster version stayed at %d", tc.name, after)
		}
	}
}
