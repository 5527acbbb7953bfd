package store

import (
	"context"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/store/internal/testdb"
)

// Ensure generating rotations through the store in zones with daylight saving
// leaves no lost and no doubled hour of coverage across the transition, for
// every preset, with every shift at most 24 h.
func TestGenerateAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		zone, start, until string
		now                time.Time
	}{
		{"Europe/Berlin", "2026-10-20", "2026-10-30", time.Date(2026, 10, 21, 12, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", "2027-03-24", "2027-04-02", time.Date(2027, 3, 25, 12, 0, 0, 0, time.UTC)},
		{"America/Chicago", "2026-10-28", "2026-11-06", time.Date(2026, 10, 29, 12, 0, 0, 0, time.UTC)},
		{"America/Chicago", "2027-03-10", "2027-03-19", time.Date(2027, 3, 11, 12, 0, 0, 0, time.UTC)},
	} {
		for _, preset := range []string{"24-24", "24-48", "12h-2-2-3", "12h-4on4off", "8h-3shift"} {
			t.Run(tc.zone+"/"+tc.start+"/"+preset, func(t *testing.T) {
				ctx := context.Background()
				s, err := Open(ctx, testdb.DSN(t, "c.db"), WithClock(func() time.Time { return tc.now }))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if _, err := s.SetOffice(ctx, scheduler.Office{Name: "VP", Timezone: tc.zone}); err != nil {
					t.Fatal(err)
				}
				post := &scheduler.Post{Code: "p", Name: "P", Kind: "guard", Active: true,
					Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "00:00", Headcount: 1}}}
				if err := s.CreatePost(ctx, post); err != nil {
					t.Fatal(err)
				}
				n := map[string]int{"24-24": 2, "24-48": 3}[preset]
				if n == 0 {
					n = 4
				}
				var members []int64
				for i := 0; i < n; i++ {
					g := &scheduler.Guard{Name: "G", Unit: "office", PostIDs: []int64{post.ID}, Active: true}
					if err := s.CreateGuard(ctx, g); err != nil {
						t.Fatal(err)
					}
					members = append(members, g.ID)
				}
				r := &scheduler.Rotation{PostID: post.ID, Name: "R", Preset: preset, Handover: "02:30", StartDate: tc.start,
					Members: members, Active: true}
				if err := s.CreateRotation(ctx, r); err != nil {
					t.Fatal(err)
				}
				res, err := s.GenerateRotation(ctx, r.ID, tc.until)
				if err != nil || len(res.Conflicts) > 0 || res.Created == 0 {
					t.Fatalf("generate: %+v %v", res, err)
				}
				loc := s.Location()
				from := scheduler.DayStart(tc.now.AddDate(0, 0, 1), loc)
				to := scheduler.DayStart(tc.now.AddDate(0, 0, 8), loc)
				shifts, _ := s.FindShifts(ctx, scheduler.ShiftFilter{From: &from, To: &to})
				for _, sh := range shifts {
					if d := sh.End.Sub(sh.Start); d <= 0 || d > 24*time.Hour {
						t.Fatalf("shift %v – %v lasts %v", sh.Start, sh.End, d)
					}
				}
				rep := coverage.Compute(coverage.Input{From: from, To: to, Loc: loc, Posts: []*scheduler.Post{post}, Shifts: shifts})
				pc := rep.Posts[0]
				if pc.Percent != 100 || len(pc.Gaps) != 0 || len(pc.Overstaffed) != 0 {
					t.Fatalf("coverage %v%%, gaps %v, doubled %v", pc.Percent, pc.Gaps, pc.Overstaffed)
				}
				// The week really holds the transition: 167 or 169 required hours.
				if pc.RequiredHours != 167 && pc.RequiredHours != 169 {
					t.Fatalf("required hours %v: the window misses the transition", pc.RequiredHours)
				}
				// Generating again creates nothing.
				again, err := s.GenerateRotation(ctx, r.ID, tc.until)
				if err != nil || again.Created != 0 || again.Updated != 0 || again.Skipped != res.Created {
					t.Fatalf("generate again: %+v %v (first %+v)", again, err, res)
				}
			})
		}
	}
}
