package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"catruc/scheduler"
)

// demoEnv is the demo office behind the API, its headquarters and its guards.
func demoEnv(t *testing.T) (en *env, hq int64, guards []int64) {
	t.Helper()
	en = newEnv(t)
	if _, err := en.st.LoadDemo(context.Background(), testNow); err != nil {
		t.Fatal(err)
	}
	for _, p := range en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list() {
		if m := p.(map[string]any); m["code"] == "tru-so" {
			hq = int64(m["id"].(float64))
		}
	}
	for _, g := range en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards?post_id=%d", hq), nil)).list() {
		guards = append(guards, int64(g.(map[string]any)["id"].(float64)))
	}
	return en, hq, guards
}

// planResult is the part of a plan the tests read.
type planResult struct {
	ID      int64  `json:"id"`
	Status  string `json:"status"`
	Error   string `json:"error"`
	Summary *struct {
		RequiredHours    float64 `json:"required_hours"`
		CoveredHours     float64 `json:"covered_hours"`
		UncoveredHours   float64 `json:"uncovered_hours"`
		Breaches         int     `json:"breaches"`
		MoreGuardsNeeded int     `json:"more_guards_needed"`
		VerdictVi        string  `json:"verdict_vi"`
		Fairness         struct {
			HoursSpread  float64 `json:"hours_spread"`
			NightsSpread int     `json:"nights_spread"`
		} `json:"fairness"`
	} `json:"summary"`
	Shifts   []scheduler.PlanShift `json:"shifts"`
	Diff     scheduler.PlanDiff    `json:"diff"`
	Unfilled []scheduler.Unfilled  `json:"unfilled"`
}

// runPlan starts a plan, follows its event stream to the end and returns the plan.
func (en *env) runPlan(body map[string]any) planResult {
	en.t.Helper()
	started := en.must(202, en.do("manager", "POST", "/api/v1/plans", body)).obj()
	if started["status"] != "running" {
		en.t.Fatalf("started plan: %v", started["status"])
	}
	id := int64(started["id"].(float64))
	events := en.sse(fmt.Sprintf("/api/v1/plans/%d/events", id), 120*time.Second)
	if len(events) == 0 {
		en.t.Fatal("no events")
	}
	if len(events) < 2 || events[0].name != "progress" {
		en.t.Fatalf("the stream should give progress before the end: %+v", events)
	}
	last := events[len(events)-1]
	if last.name != "done" {
		en.t.Fatalf("last event %q: %s", last.name, last.data)
	}
	for _, e := range events[:len(events)-1] {
		var pr scheduler.PlanProgress
		if e.name != "progress" || json.Unmarshal([]byte(e.data), &pr) != nil {
			en.t.Fatalf("event before done: %q %s", e.name, e.data)
		}
	}
	var p planResult
	if err := json.Unmarshal(en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/plans/%d", id), nil)).Raw, &p); err != nil {
		en.t.Fatal(err)
	}
	if p.Status != "done" || p.Summary == nil {
		en.t.Fatalf("plan %d: %s %s", id, p.Status, p.Error)
	}
	return p
}

// Ensure the demo facts of issue 10 hold over HTTP: with its two
// headquarters guards a month cannot be held lawfully and the plan says why
// and how many guards are missing; with two more it is covered lawfully and
// fairly, applies once, and then coverage shows no gap and the labour report
// nothing; a roster changed after planning refuses apply; the rotation hands
// the window over and generating leaves it alone.
func TestPlanDemoOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("plans a month twice")
	}
	en, hq, guards := demoEnv(t)
	if len(guards) != 2 {
		t.Fatalf("demo headquarters guards: %v", guards)
	}
	const from, to = "2026-12-07", "2027-01-04" // 28 days from a Monday
	body := map[string]any{"from": from, "to": to, "post_ids": []int64{hq}, "keep": "none", "seed": 1, "time_limit_s": 20}

	short := en.runPlan(body)
	if short.Summary.UncoveredHours < 280 || short.Summary.MoreGuardsNeeded != 2 || short.Summary.Breaches != 0 {
		t.Errorf("two guards: uncovered %v h, more guards %d, breaches %d; want ≥ 280, 2, 0",
			short.Summary.UncoveredHours, short.Summary.MoreGuardsNeeded, short.Summary.Breaches)
	}
	total := 0.0
	for _, u := range short.Unfilled {
		total += u.End.Sub(u.Start).Hours() * float64(u.Missing)
		if len(u.Reasons) < 2 {
			t.Errorf("unfilled %v–%v has %d reasons, want one per guard", u.Start, u.End, len(u.Reasons))
		}
	}
	if total < 280 {
		t.Errorf("unfilled stretches sum to %v h, want ≥ 280", total)
	}
	if r := en.do("manager", "DELETE", fmt.Sprintf("/api/v1/plans/%d", short.ID), nil); r.Status != 204 {
		t.Fatalf("discard: %d", r.Status)
	}

	for _, name := range []string{"Lê Văn Cường", "Hoàng Thị Lan"} {
		guards = append(guards, en.must(201, en.do("manager", "POST", "/api/v1/guards",
			map[string]any{"name": name, "post_ids": []int64{hq}})).id())
	}
	full := en.runPlan(body)
	s := full.Summary
	if s.UncoveredHours != 0 || s.Breaches != 0 || s.Fairness.HoursSpread > 16 || s.Fairness.NightsSpread > 2 {
		if raceOn && s.Breaches == 0 {
			// Quality within the time limit is judged without the race detector.
			t.Skipf("race detector: uncovered %v, hours spread %v, nights spread %d in the time limit",
				s.UncoveredHours, s.Fairness.HoursSpread, s.Fairness.NightsSpread)
		}
		t.Fatalf("four guards: uncovered %v, breaches %d, hours spread %v, nights spread %d",
			s.UncoveredHours, s.Breaches, s.Fairness.HoursSpread, s.Fairness.NightsSpread)
	}
	applyPath := fmt.Sprintf("/api/v1/plans/%d/apply", full.ID)
	res := en.must(200, en.do("manager", "POST", applyPath, nil)).obj()
	if int(res["created"].(float64)) != len(full.Diff.Added) || int(res["cancelled"].(float64)) != len(full.Diff.Removed) ||
		int(res["changed"].(float64)) != len(full.Diff.Changed) || len(full.Diff.Added) == 0 {
		t.Errorf("apply = %v, diff has %d added %d removed %d changed", res, len(full.Diff.Added), len(full.Diff.Removed), len(full.Diff.Changed))
	}
	if r := en.do("manager", "POST", applyPath, nil); r.Status != 409 || r.errCode() != "conflict" {
		t.Errorf("second apply: %d %s", r.Status, r.Raw)
	}
	q := fmt.Sprintf("from=%s&to=%s", from, to)
	cov := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/coverage?%s&post_id=%d", q, hq), nil)).obj()
	for _, p := range cov["posts"].([]any) {
		if gaps := p.(map[string]any)["gaps"].([]any); len(gaps) != 0 {
			t.Errorf("coverage gaps after apply: %v", gaps)
		}
	}
	// The demo's own 24-hour shift that ends at 07:00 on the window's first
	// day breaks the shift length before the window: that record is not the
	// plan's to change, and nothing else may show.
	start, _ := time.ParseInLocation(scheduler.DateLayout, from, en.st.Location())
	for _, g := range guards {
		for _, v := range en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/violations?%s&guard_id=%d", q, g), nil)).list() {
			vs, _ := time.Parse(time.RFC3339, v.(map[string]any)["start"].(string))
			if !vs.Before(start) {
				t.Errorf("guard %d has a violation in the window after apply: %v", g, v)
			}
		}
	}
	checkHandover(t, en, hq, full.ID, from, to)
	// The seams: the plan's shifts start and end at the rotation's handover
	// (07:00), so the day before the window and the days after it (the
	// rotation again, generated by checkHandover) meet them without a gap.
	seam := fmt.Sprintf("/api/v1/coverage?from=2026-12-06&to=2027-01-06&post_id=%d", hq)
	for _, p := range en.must(200, en.do("viewer", "GET", seam, nil)).obj()["posts"].([]any) {
		if gaps := p.(map[string]any)["gaps"].([]any); len(gaps) != 0 {
			t.Errorf("coverage gaps around the window after apply: %v", gaps)
		}
	}
}

// checkHandover: the headquarters rotation shows the plan's window handed
// over, and generating it again changes nothing in the window.
func checkHandover(t *testing.T, en *env, hq, planID int64, from, to string) {
	t.Helper()
	var rot map[string]any
	for _, r := range en.must(200, en.do("viewer", "GET", "/api/v1/rotations", nil)).list() {
		if m := r.(map[string]any); int64(m["post_id"].(float64)) == hq {
			rot = m
		}
	}
	hs := rot["handovers"].([]any)
	want := map[string]any{"from": from, "to": "2027-01-03", "plan_id": float64(planID)}
	if len(hs) != 1 || fmt.Sprint(hs[0]) != fmt.Sprint(want) {
		t.Fatalf("handovers = %v, want [%v]", hs, want)
	}
	path := fmt.Sprintf("/api/v1/shifts?from=%s&to=%s&post_id=%d&status=scheduled", from, to, hq)
	before := en.must(200, en.do("viewer", "GET", path, nil)).Raw2()
	rid := int64(rot["id"].(float64))
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", rid), map[string]any{"until": "2027-01-31"}))
	if after := en.must(200, en.do("viewer", "GET", path, nil)).Raw2(); after != before {
		t.Errorf("generating the rotation changed the handed-over window")
	}
}

// Ensure a guard on sick leave for three days, planned with keep "all",
// changes only those days' shifts of that guard; and a roster changed after
// planning refuses apply with 409.
func TestPlanSickLeaveKeepAll(t *testing.T) {
	if testing.Short() {
		t.Skip("plans a month")
	}
	en, hq, guards := demoEnv(t)
	for _, name := range []string{"Lê Văn Cường", "Hoàng Thị Lan"} {
		guards = append(guards, en.must(201, en.do("manager", "POST", "/api/v1/guards",
			map[string]any{"name": name, "post_ids": []int64{hq}})).id())
	}
	const from, to = "2026-12-07", "2026-12-21"
	full := en.runPlan(map[string]any{"from": from, "to": to, "post_ids": []int64{hq}, "keep": "none", "seed": 2, "time_limit_s": 10})
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/plans/%d/apply", full.ID), nil))
	sick := guards[0]
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": sick, "kind": "sick",
		"start": "2026-12-09T00:00:00+07:00", "end": "2026-12-12T00:00:00+07:00", "status": "approved"}))
	lo, _ := time.Parse(time.RFC3339, "2026-12-09T00:00:00+07:00")
	hi, _ := time.Parse(time.RFC3339, "2026-12-12T00:00:00+07:00")
	p := en.runPlan(map[string]any{"from": from, "to": to, "post_ids": []int64{hq}, "keep": "all", "seed": 3, "time_limit_s": 10})
	touched := 0
	for _, c := range p.Diff.Changed {
		if c.FromGuardID == nil || *c.FromGuardID != sick || !c.Start.Before(hi) || !c.End.After(lo) {
			t.Errorf("changed a shift that was not the sick guard's in those days: %+v", c)
		}
		touched++
	}
	for _, r := range p.Diff.Removed {
		if r.GuardID == nil || *r.GuardID != sick || !r.Start.Before(hi) || !r.End.After(lo) {
			t.Errorf("removed a shift that was not the sick guard's in those days: %+v", r)
		}
		touched++
	}
	for _, a := range p.Diff.Added {
		if !a.Start.Before(hi.Add(24*time.Hour)) || !a.End.After(lo.Add(-24*time.Hour)) {
			t.Errorf("added a shift far from the sick days: %+v", a)
		}
	}
	// The others already work close to 48 h in that week: what nobody can
	// take lawfully stays as it is and unfilled, within the sick days, with a
	// reason for each other guard.
	if (touched == 0 && len(p.Unfilled) == 0) || p.Summary.UncoveredHours > 72 || p.Summary.Breaches != 0 {
		t.Errorf("sick leave plan: touched %d, uncovered %v, breaches %d", touched, p.Summary.UncoveredHours, p.Summary.Breaches)
	}
	for _, u := range p.Unfilled {
		if u.Start.Before(lo) || u.End.After(hi) || len(u.Reasons) < 3 {
			t.Errorf("unfilled %v–%v (%d reasons) outside the sick days or unexplained", u.Start, u.End, len(u.Reasons))
		}
	}
	// A shift of a planned guard changes after planning: apply refuses.
	shifts := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/shifts?from=2026-12-15&to=2026-12-16&post_id=%d", hq), nil)).list()
	sh := shifts[0].(map[string]any)
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", int64(sh["id"].(float64))), map[string]any{"note": "đổi sau khi lập kế hoạch"}))
	r := en.do("manager", "POST", fmt.Sprintf("/api/v1/plans/%d/apply", p.ID), nil)
	if r.Status != 409 || r.obj()["error"].(map[string]any)["key"] != "plan.roster_changed" {
		t.Errorf("apply after a change: %d %s", r.Status, r.Raw)
	}
}

// Ensure discarding a running plan cancels it at once: 204, then it reads
// "discarded", and it cannot be applied.
func TestPlanDiscardRunning(t *testing.T) {
	en, hq, _ := demoEnv(t)
	p := en.must(202, en.do("manager", "POST", "/api/v1/plans", map[string]any{"from": "2026-12-07", "to": "2027-01-04",
		"post_ids": []int64{hq}, "time_limit_s": 120}))
	path := fmt.Sprintf("/api/v1/plans/%d", p.id())
	began := time.Now()
	en.must(204, en.do("manager", "DELETE", path, nil))
	if d := time.Since(began); d > 30*time.Second {
		t.Errorf("discarding took %v", d)
	}
	if got := en.must(200, en.do("manager", "GET", path, nil)).obj()["status"]; got != "discarded" {
		t.Errorf("status %v, want discarded", got)
	}
	en.must(204, en.do("manager", "DELETE", path, nil))
	if r := en.do("manager", "POST", path+"/apply", nil); r.Status != 409 {
		t.Errorf("apply a discarded plan: %d", r.Status)
	}
	list := en.must(200, en.do("manager", "GET", "/api/v1/plans", nil)).list()
	if len(list) != 1 || int64(list[0].(map[string]any)["id"].(float64)) != p.id() {
		t.Errorf("plans: %v", list)
	}
}
