package api_test

import (
	"context"
	"fmt"
	"testing"
)

// guardToken issues a guard token for guard id.
func (en *env) guardToken(name string, id int64) string {
	en.t.Helper()
	secret, _, err := en.st.CreateToken(context.Background(), name, "guard", &id)
	if err != nil {
		en.t.Fatal(err)
	}
	en.tokens[name] = secret
	return secret
}

// Ensure a guard token asks for time off only for itself, as a request that
// does not count until a manager approves it; a manager's entry is approved at once.
func TestTimeOffRequests(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	en.guardToken("an", an)
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-05T07:00:00+07:00", "2026-12-05T19:00:00+07:00")))
	r := en.must(201, en.do("an", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
		"start": "2026-12-05T00:00:00+07:00", "end": "2026-12-06T00:00:00+07:00", "note": "Việc gia đình"})).obj()
	if r["status"] != "requested" || r["requested_by"] != "token:an" || r["decided_at"] != nil {
		t.Fatalf("guard's request: %v", r)
	}
	id := int64(num(r["id"]))
	// Not approved yet: the shift still covers the post.
	cov := en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-05T07:00:00%%2B07:00&to=2026-12-05T19:00:00%%2B07:00&post_id=%d", hq)).obj()
	if g := cov["posts"].([]any)[0].(map[string]any)["gaps"].([]any); len(g) != 0 {
		t.Fatalf("a request counted before approval: %v", g)
	}
	if x := en.do("an", "POST", "/api/v1/time-off", map[string]any{"guard_id": duc, "kind": "leave",
		"start": "2026-12-05T00:00:00+07:00", "end": "2026-12-06T00:00:00+07:00"}); x.Status != 403 {
		t.Fatalf("request for a colleague: %d", x.Status)
	}
	if x := en.do("an", "POST", fmt.Sprintf("/api/v1/time-off/%d/approve", id), nil); x.Status != 403 {
		t.Fatalf("guard approves: %d", x.Status)
	}
	a := en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/time-off/%d/approve", id), nil)).obj()
	if a["status"] != "approved" || a["decided_by"] != "token:manager-token" || a["decided_at"] == nil {
		t.Fatalf("approved: %v", a)
	}
	cov = en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-05T07:00:00%%2B07:00&to=2026-12-05T19:00:00%%2B07:00&post_id=%d", hq)).obj()
	if g := cov["posts"].([]any)[0].(map[string]any)["gaps"].([]any); len(g) != 1 {
		t.Fatalf("approved leave opens no gap: %v", g)
	}
	if x := en.do("manager", "POST", fmt.Sprintf("/api/v1/time-off/%d/decline", id), nil); x.Status != 409 {
		t.Fatalf("deciding twice: %d", x.Status)
	}
	// A guard may withdraw only a pending request of their own: a decided one
	// is a conflict (409), as on the guard's page, and someone else's is not theirs to see (404).
	if x := en.do("an", "DELETE", fmt.Sprintf("/api/v1/time-off/%d", id), nil); x.Status != 409 {
		t.Fatalf("withdraw an approved one: %d", x.Status)
	}
	p := en.must(201, en.do("an", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "training",
		"start": "2026-12-10T00:00:00+07:00", "end": "2026-12-11T00:00:00+07:00"})).id()
	en.must(204, en.do("an", "DELETE", fmt.Sprintf("/api/v1/time-off/%d", p), nil))
	m := en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": duc, "kind": "sick",
		"start": "2026-12-10T00:00:00+07:00", "end": "2026-12-11T00:00:00+07:00"})).obj()
	if x := en.do("an", "DELETE", fmt.Sprintf("/api/v1/time-off/%d", int64(num(m["id"]))), nil); x.Status != 404 {
		t.Fatalf("withdraw a colleague's: %d", x.Status)
	}
	if m["status"] != "approved" {
		t.Fatalf("manager's entry: %v", m)
	}
	if l := en.get("/api/v1/time-off?status=requested").list(); len(l) != 0 {
		t.Fatalf("pending after all: %v", l)
	}
	if x := en.do("viewer", "GET", "/api/v1/time-off?status=maybe", nil); x.Status != 400 {
		t.Fatalf("bad status filter: %d", x.Status)
	}
}

// Ensure a swap request goes proposed → accepted (by the colleague) → approved
// (by a manager), swapping the shifts only then; others cannot take the steps.
func TestSwapRequests(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	en.guardToken("an", an)
	en.guardToken("duc", duc)
	a := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-05T07:00:00+07:00", "2026-12-05T19:00:00+07:00"))).id()
	b := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-06T07:00:00+07:00", "2026-12-06T19:00:00+07:00"))).id()
	if x := en.do("an", "POST", "/api/v1/swap-requests", map[string]any{"shift_a": b, "shift_b": a}); x.Status != 400 || x.errField() != "shift_a" {
		t.Fatalf("proposing with a colleague's shift as one's own: %d %s", x.Status, x.Raw)
	}
	r := en.must(201, en.do("an", "POST", "/api/v1/swap-requests", map[string]any{"shift_a": a, "shift_b": b, "note": "Nhà có việc"})).obj()
	id := int64(num(r["id"]))
	if r["status"] != "proposed" || int64(num(r["guard_b"])) != duc {
		t.Fatalf("proposed: %v", r)
	}
	if x := en.do("manager", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/approve", id), nil); x.Status != 409 {
		t.Fatalf("approve before acceptance: %d", x.Status)
	}
	if x := en.do("an", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id), nil); x.Status != 403 {
		t.Fatalf("the asker accepts: %d", x.Status)
	}
	en.must(200, en.do("duc", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id), nil))
	if g := en.get(fmt.Sprintf("/api/v1/shifts/%d", a)).obj(); int64(num(g["guard_id"])) != an {
		t.Fatalf("swapped before approval: %v", g)
	}
	r = en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/approve", id), nil)).obj()
	if r["status"] != "approved" {
		t.Fatalf("approved: %v", r)
	}
	if g := en.get(fmt.Sprintf("/api/v1/shifts/%d", a)).obj(); int64(num(g["guard_id"])) != duc {
		t.Fatalf("shift a after approval: %v", g)
	}
	if g := en.get(fmt.Sprintf("/api/v1/shifts/%d", b)).obj(); int64(num(g["guard_id"])) != an {
		t.Fatalf("shift b after approval: %v", g)
	}
	if l := en.do("duc", "GET", "/api/v1/swap-requests", nil).list(); len(l) != 1 {
		t.Fatalf("Đức's requests: %v", l)
	}
	if x := en.do("duc", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/decline", id), nil); x.Status != 409 {
		t.Fatalf("decline an approved request: %d", x.Status)
	}
	if x := en.do("manager", "POST", "/api/v1/swap-requests", map[string]any{"shift_a": a, "shift_b": b}); x.Status != 403 {
		t.Fatalf("manager proposes: %d", x.Status)
	}
}
