package planner_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/planner"
)

// province is 50 posts held 24/24 by one guard each and 250 guards in 10
// clusters: each cluster's 25 guards may hold its 5 posts (each guard two of
// them), no history, 28 days from a Monday.
func province() planner.Input {
	var posts []*scheduler.Post
	var guards []*scheduler.Guard
	for p := 1; p <= 50; p++ {
		posts = append(posts, &scheduler.Post{ID: int64(p), Code: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("Điểm %d", p),
			Kind: scheduler.PostKindGuard, Active: true,
			Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "00:00", Headcount: 1}}})
	}
	for g := 0; g < 250; g++ {
		cluster := g / 25
		a := cluster*5 + g%5
		b := cluster*5 + (g/5)%5
		if b == a {
			b = cluster*5 + (g%5+1)%5
		}
		guards = append(guards, &scheduler.Guard{ID: int64(g + 1), Name: fmt.Sprintf("Bảo vệ %d", g+1), Unit: scheduler.UnitOffice,
			PostIDs: []int64{int64(a + 1), int64(b + 1)}, Active: true})
	}
	from := day(2027, time.February, 1)
	return planner.Input{Loc: hcm, From: from, To: from.AddDate(0, 0, 28), Posts: posts, Guards: guards,
		Keep: scheduler.KeepNone, Rules: labour.Defaults(), Seed: 1}
}

func reportPlan(b *testing.B, res *planner.Result) {
	b.ReportMetric(res.Summary.UncoveredHours, "uncovered-h")
	b.ReportMetric(float64(res.Summary.Breaches), "breaches")
	b.ReportMetric(res.Summary.Fairness.HoursSpread, "hours-spread")
	b.ReportMetric(float64(res.Summary.Fairness.NightsSpread), "nights-spread")
}

// BenchmarkPlanProvince plans 50 posts × 250 guards × 28 days with a 60 s
// limit: the figures to read are uncovered-h (want 0) and breaches (0).
func BenchmarkPlanProvince(b *testing.B) {
	in := province()
	in.TimeLimit = 60 * time.Second
	for b.Loop() {
		res, err := planner.Plan(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		reportPlan(b, res)
	}
}

// BenchmarkPlanDemoMonth plans the demo's headquarters for 28 days with four
// guards (the two of the demo and two more) after the demo's 24 h shifts,
// with the default 20 s limit.
func BenchmarkPlanDemoMonth(b *testing.B) {
	o := newOffice(4)
	from := day(2026, time.December, 7)
	o.demoPrior(from.AddDate(0, 0, -14), from.AddDate(0, 0, 28))
	o.hq.Handover = "07:00" // held by the demo's rotation: the plan's shifts start at its handover
	in := o.input(from, 28, scheduler.KeepNone)
	in.Workers = 0
	for b.Loop() {
		res, err := planner.Plan(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		reportPlan(b, res)
	}
}
