package store

import (
	"context"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
)

// Ensure every post of the demo is kept by a rotation that agrees with the
// post's requirement — the headquarters 24-24 from 07:00, the reception site
// on weekdays 07:00–17:00, the police post on the squad's 3×8 cycle among its
// four officers — so that over the days generated the only gap is the
// uncovered night DemoGapDays ahead; and that the office's heading is the
// demo's (Quảng Ngãi).
func TestDemoRotationsCoverEveryPost(t *testing.T) {
	ctx := context.Background()
	for _, now := range []time.Time{testNow, time.Date(2027, 3, 6, 20, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 1, 0, 0, 0, time.UTC)} {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			s := openTest(t, "")
			if loaded, err := s.LoadDemo(ctx, now); err != nil || !loaded {
				t.Fatalf("load: %v %v", loaded, err)
			}
			loc := s.Location()
			today := scheduler.DayStart(now, loc)
			at := func(day, hour int) time.Time {
				return time.Date(today.Year(), today.Month(), today.Day()+day, hour, 0, 0, 0, loc)
			}
			posts, _ := s.FindPosts(ctx, scheduler.PostFilter{})
			rs, err := s.FindRotations(ctx, scheduler.RotationFilter{})
			if err != nil || len(posts) != 3 || len(rs) != 3 {
				t.Fatalf("%d posts, %d rotations (%v)", len(posts), len(rs), err)
			}
			for i, r := range rs {
				if r.PostID != posts[i].ID || !r.Active || r.GeneratedUntil != at(DemoDays-1, 12).Format(scheduler.DateLayout) {
					t.Errorf("rotation %d: %+v", i, r)
				}
			}
			if rs[0].Preset != scheduler.Preset2424 || rs[0].Handover != "07:00" || rs[2].Preset != scheduler.Preset8h3shift ||
				len(rs[2].Members) != 4 || rs[1].Preset != scheduler.PresetCustom {
				t.Errorf("presets: %s %s %s", rs[0].Preset, rs[1].Preset, rs[2].Preset)
			}
			// Coverage from the first whole day of each post's roster to the last generated day.
			shifts, _ := s.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled})
			offs, _ := s.FindTimeOff(ctx, scheduler.TimeOffFilter{})
			// From today (the reception's first day) to the last day generated.
			cov := coverage.Compute(coverage.Input{Posts: posts, Shifts: shifts, TimeOff: offs, From: at(0, 0), To: at(DemoDays-1, 0), Loc: loc})
			for i, pc := range cov.Posts {
				want := 0
				if posts[i].Code == "tru-so" {
					want = 1
				}
				if len(pc.Gaps) != want {
					t.Fatalf("%s: gaps %+v", posts[i].Code, pc.Gaps)
				}
				if want == 1 && (!pc.Gaps[0].Start.Equal(at(DemoGapDays, 18)) || !pc.Gaps[0].End.Equal(at(DemoGapDays+1, 7))) {
					t.Errorf("the uncovered night: %v – %v", pc.Gaps[0].Start, pc.Gaps[0].End)
				}
			}
			o, _ := s.Office(ctx)
			if o.Name != "Văn phòng UBND tỉnh Quảng Ngãi" || o.ParentBody != "UBND tỉnh Quảng Ngãi" || o.Place != "Quảng Ngãi" ||
				o.DocNumberPrefix != "/LT-VP" || o.Timezone != scheduler.DefaultTimezone {
				t.Errorf("office: %+v", o)
			}
		})
	}
}
