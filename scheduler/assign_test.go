package scheduler_test

import (
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure the one check of a shift's references refuses, with the field and
// key a user is shown, a missing or inactive post, a missing, inactive or
// not allowed guard, and a guard who holds another scheduled shift at the
// same time — while it lets through touching shifts, cancelled or other
// guards' shifts, the shift itself, and open or cancelled candidates.
func TestCheckAssignment(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, loc) }
	an, duc := int64(1), int64(2)
	post := &scheduler.Post{ID: 10, Name: "Trụ sở", Active: true}
	closed := &scheduler.Post{ID: 11, Name: "Kho cũ", Active: false}
	guard := &scheduler.Guard{ID: an, Name: "Nguyễn Văn An", Active: true, PostIDs: []int64{10}}
	retired := &scheduler.Guard{ID: an, Name: "Nguyễn Văn An", Active: false, PostIDs: []int64{10}}
	elsewhere := &scheduler.Guard{ID: an, Name: "Nguyễn Văn An", Active: true, PostIDs: []int64{11}}
	shift := func(id int64, g *int64, a, b time.Time, status string) *scheduler.Shift {
		return &scheduler.Shift{ID: id, PostID: 10, GuardID: g, Start: a, End: b, Status: status}
	}
	cand := shift(0, &an, at(3, 7), at(3, 19), scheduler.ShiftScheduled)
	for _, tc := range []struct {
		name   string
		sh     *scheduler.Shift
		post   *scheduler.Post
		guard  *scheduler.Guard
		others []*scheduler.Shift
		code   string
		field  string
		key    string
	}{
		{"free", cand, post, guard, nil, "", "", ""},
		{"no post", cand, nil, guard, nil, scheduler.EINVALID, "post_id", "assign.post_unknown"},
		{"inactive post", cand, closed, guard, nil, scheduler.EINVALID, "post_id", "assign.post_inactive"},
		{"open shift at an inactive post", shift(0, nil, at(3, 7), at(3, 19), scheduler.ShiftScheduled), closed, nil, nil,
			scheduler.EINVALID, "post_id", "assign.post_inactive"},
		{"cancelled shift at an inactive post", shift(5, &an, at(3, 7), at(3, 19), scheduler.ShiftCancelled), closed, nil, nil, "", "", ""},
		{"no guard", cand, post, nil, nil, scheduler.EINVALID, "guard_id", "assign.guard_unknown"},
		{"inactive guard", cand, post, retired, nil, scheduler.EINVALID, "guard_id", "assign.guard_inactive"},
		{"guard not allowed", cand, post, elsewhere, nil, scheduler.EINVALID, "guard_id", "assign.guard_not_allowed"},
		{"overlap", cand, post, guard, []*scheduler.Shift{shift(7, &an, at(3, 15), at(3, 23), scheduler.ShiftScheduled)},
			scheduler.ECONFLICT, "guard_id", "assign.overlap"},
		{"touching", cand, post, guard, []*scheduler.Shift{shift(7, &an, at(3, 19), at(4, 7), scheduler.ShiftScheduled),
			shift(8, &an, at(2, 19), at(3, 7), scheduler.ShiftScheduled)}, "", "", ""},
		{"cancelled other", cand, post, guard, []*scheduler.Shift{shift(7, &an, at(3, 8), at(3, 9), scheduler.ShiftCancelled)}, "", "", ""},
		{"another guard's", cand, post, guard, []*scheduler.Shift{shift(7, &duc, at(3, 8), at(3, 9), scheduler.ShiftScheduled)}, "", "", ""},
		{"itself", shift(7, &an, at(3, 7), at(3, 19), scheduler.ShiftScheduled), post, guard,
			[]*scheduler.Shift{shift(7, &an, at(3, 7), at(3, 19), scheduler.ShiftScheduled)}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := scheduler.CheckAssignment(tc.sh, tc.post, tc.guard, tc.others)
			if got := scheduler.ErrorCode(err); got != tc.code {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.code)
			}
			if err == nil {
				return
			}
			if scheduler.ErrorField(err) != tc.field || scheduler.ErrorKey(err) != tc.key {
				t.Errorf("field, key = %q, %q; want %q, %q", scheduler.ErrorField(err), scheduler.ErrorKey(err), tc.field, tc.key)
			}
		})
	}
	// The overlap names the clashing shift and its times.
	err := scheduler.CheckAssignment(cand, post, guard, []*scheduler.Shift{
		shift(9, &an, at(3, 17), at(3, 23), scheduler.ShiftScheduled), shift(7, &an, at(3, 15), at(3, 23), scheduler.ShiftScheduled)})
	if got, want := scheduler.ErrorMessage(err), "guard 1 (Nguyễn Văn An) already holds shift 7 from 2026-12-03 15:00 to 2026-12-03 23:00, which overlaps"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

// Ensure a change made from an old version of a shift is refused, and one
// made from its version (or from none) is not.
func TestCheckVersion(t *testing.T) {
	sh := &scheduler.Shift{ID: 3, Version: 4}
	for _, tc := range []struct {
		ifVersion int
		code      string
	}{{0, ""}, {4, ""}, {3, scheduler.ECONFLICT}, {5, scheduler.ECONFLICT}} {
		if got := scheduler.ErrorCode(scheduler.CheckVersion(sh, tc.ifVersion)); got != tc.code {
			t.Errorf("if version %d: %q, want %q", tc.ifVersion, got, tc.code)
		}
	}
}
