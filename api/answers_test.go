package api_test

import (
	"context"
	"fmt"
	"testing"

	"catruc/scheduler"
)

// Ensure the answers of GET /shifts and GET /coverage follow every change
// of what they show at once, asked again and again with the same query (as
// they are answered from a cache of the roster's version): a shift added,
// time off approved, a shift cancelled, a post added, and a post's
// requirements changed.
func TestReadAnswersFollowChanges(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	shifts := "/api/v1/shifts?from=2026-12-03&to=2026-12-05"
	coverage := "/api/v1/coverage?from=2026-12-03&to=2026-12-04"
	postsOf := func() map[int64]map[string]any {
		out := map[int64]map[string]any{}
		for _, p := range en.get(coverage).obj()["posts"].([]any) {
			m := p.(map[string]any)
			out[int64(num(m["post_id"]))] = m
		}
		return out
	}
	for range 2 { // the second time from the cache
		if l := en.get(shifts).list(); len(l) != 0 {
			t.Fatalf("shifts %v, want none", l)
		}
		if h := num(postsOf()[hq]["covered_hours"]); h != 0 {
			t.Fatalf("covered %v h, want 0", h)
		}
	}

	sid := en.must(201, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq, "guard_id": an,
		"start": "2026-12-03T00:00:00+07:00", "end": "2026-12-04T00:00:00+07:00"})).id()
	if l := en.get(shifts).list(); len(l) != 1 || int64(num(l[0].(map[string]any)["id"])) != sid {
		t.Fatalf("after a shift is added: %v", l)
	}
	if h := num(postsOf()[hq]["covered_hours"]); h != 24 {
		t.Fatalf("after a shift is added: covered %v h, want 24", h)
	}

	off := en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "sick",
		"start": "2026-12-03T18:00:00+07:00", "end": "2026-12-04T00:00:00+07:00"})).id()
	en.do("manager", "POST", fmt.Sprintf("/api/v1/time-off/%d/approve", off), nil)
	if a, _ := en.get(shifts).list()[0].(map[string]any)["absences"].([]any); len(a) != 1 {
		t.Fatalf("after time off: absences %v, want one", a)
	}
	if h := num(postsOf()[hq]["covered_hours"]); h != 18 {
		t.Fatalf("after time off: covered %v h, want 18", h)
	}

	en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", sid), nil))
	if st := en.get(shifts).list()[0].(map[string]any)["status"]; st != scheduler.ShiftCancelled {
		t.Fatalf("after a cancel: status %v", st)
	}
	if h := num(postsOf()[hq]["covered_hours"]); h != 0 {
		t.Fatalf("after a cancel: covered %v h, want 0", h)
	}

	gate := en.must(201, en.do("manager", "POST", "/api/v1/posts", map[string]any{"code": "cong-phu", "name": "Cổng phụ",
		"kind": "guard", "requirements": []any{map[string]any{"days": []int{1, 2, 3, 4, 5, 6, 7}, "start": "07:00", "end": "19:00",
			"headcount": 1}}})).id()
	if p := postsOf()[gate]; p == nil || num(p["required_hours"]) != 12 {
		t.Fatalf("after a post is added: %v, want it with 12 h required", p)
	}
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/posts/%d", gate), map[string]any{
		"requirements": []any{map[string]any{"days": []int{1, 2, 3, 4, 5, 6, 7}, "start": "07:00", "end": "19:00", "headcount": 2}}}))
	if p := postsOf()[gate]; num(p["required_hours"]) != 24 {
		t.Fatalf("after the requirement doubles: %v, want 24 h required", p)
	}
	// A post taken away by the store alone (no API write) shows too.
	if err := en.st.DeletePost(scheduler.WithActor(context.Background(), "test"), gate); err != nil {
		t.Fatal(err)
	}
	if p := postsOf()[gate]; p != nil {
		t.Fatalf("after the post is deleted: %v", p)
	}
}
