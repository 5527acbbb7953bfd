package api_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/planning"
)

// Ensure each bad field of a plan request is a 400 naming that field, and
// that nothing is stored.
func TestPlanValidation(t *testing.T) {
	en := newEnv(t)
	hq, police, an, _ := en.seedOffice()
	off := en.must(201, en.do("manager", "POST", "/api/v1/posts", map[string]any{"code": "cu", "name": "Cũ", "kind": "guard", "active": false})).id()
	ok := map[string]any{"from": "2026-12-07", "to": "2027-01-04", "post_ids": []int64{hq}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range ok {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for _, tt := range []struct {
		name  string
		body  any
		field string
	}{
		{"no from", with("from", nil), "from"},
		{"bad from", with("from", "07/12/2026"), "from"},
		{"bad to", with("to", "2027-13-01"), "to"},
		{"to before from", with("to", "2026-12-01"), "to"},
		{"too long", with("to", "2027-03-01"), "to"},
		{"no posts", with("post_ids", []int64{}), "post_ids"},
		{"unknown post", with("post_ids", []int64{hq, 999}), "post_ids"},
		{"inactive post", with("post_ids", []int64{off}), "post_ids"},
		{"post twice", with("post_ids", []int64{hq, hq}), "post_ids"},
		{"unknown guard", with("guard_ids", []int64{an, 999}), "guard_ids"},
		{"bad keep", with("keep", "some"), "keep"},
		{"time limit 0 is the default, 601 is too long", with("time_limit_s", 601), "time_limit_s"},
		{"negative time limit", with("time_limit_s", -1), "time_limit_s"},
		{"unknown member", with("posts", []int64{hq}), "posts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := en.do("manager", "POST", "/api/v1/plans", tt.body)
			if r.Status != 400 || r.errField() != tt.field {
				t.Fatalf("got %d field %q, want 400 naming %q: %s", r.Status, r.errField(), tt.field, r.Raw)
			}
		})
	}
	_ = police
	if n := len(en.must(200, en.do("manager", "GET", "/api/v1/plans", nil)).list()); n != 0 {
		t.Errorf("%d plans stored after bad requests, want 0", n)
	}
}

// Ensure plans are for managers and admins only, and preferences for a
// guard are their own only.
func TestPlanPermissions(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	secret, _, err := en.st.CreateToken(context.Background(), "an-token", scheduler.RoleGuard, &an)
	if err != nil {
		t.Fatal(err)
	}
	en.tokens["guard"] = secret
	body := map[string]any{"from": "2026-12-07", "to": "2026-12-14", "post_ids": []int64{hq}}
	for _, role := range []string{"guard", "viewer"} {
		for _, rq := range []struct{ method, path string }{{"GET", "/api/v1/plans"}, {"POST", "/api/v1/plans"},
			{"GET", "/api/v1/plans/1"}, {"POST", "/api/v1/plans/1/apply"}, {"DELETE", "/api/v1/plans/1"},
			{"GET", "/api/v1/plans/1/events"}} {
			if r := en.do(role, rq.method, rq.path, body); r.Status != 403 {
				t.Errorf("%s %s %s: %d, want 403", role, rq.method, rq.path, r.Status)
			}
		}
	}
	prefs := map[string]any{"avoid": []any{map[string]any{"days": []int{6, 7}, "start": "22:00", "end": "06:00"}},
		"prefer": []any{}, "max_nights_per_month": 8}
	got := en.must(200, en.do("guard", "PUT", "/api/v1/me/preferences", prefs)).obj()
	if got["guard_id"].(float64) != float64(an) || got["max_nights_per_month"].(float64) != 8 {
		t.Errorf("PUT /me/preferences = %v", got)
	}
	en.must(200, en.do("guard", "GET", fmt.Sprintf("/api/v1/guards/%d/preferences", an), nil))
	for _, m := range []string{"GET", "PUT"} {
		if r := en.do("guard", m, fmt.Sprintf("/api/v1/guards/%d/preferences", duc), prefs); r.Status != 403 {
			t.Errorf("guard %s another's preferences: %d, want 403", m, r.Status)
		}
	}
	if r := en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards/%d/preferences", an), nil); r.Status != 403 {
		t.Errorf("viewer reads preferences: %d, want 403", r.Status)
	}
	r := en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/guards/%d/preferences", an), nil)).obj()
	avoid := r["avoid"].([]any)
	if len(avoid) != 1 || avoid[0].(map[string]any)["start"] != "22:00" {
		t.Errorf("manager reads %v", r)
	}
	if r := en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/guards/%d/preferences", duc), nil)).obj(); len(r["avoid"].([]any)) != 0 {
		t.Errorf("no preferences stored should read as empty lists: %v", r)
	}
	if r := en.do("manager", "GET", "/api/v1/me/preferences", nil); r.Status != 404 {
		t.Errorf("a token without a guard: /me/preferences %d, want 404", r.Status)
	}
}

// Ensure preferences are validated by field and nothing is stored on error.
func TestPreferencesValidation(t *testing.T) {
	en := newEnv(t)
	_, _, an, _ := en.seedOffice()
	path := fmt.Sprintf("/api/v1/guards/%d/preferences", an)
	win := func(days []int, start, end string) map[string]any {
		return map[string]any{"days": days, "start": start, "end": end}
	}
	many := []any{}
	for i := 0; i < 21; i++ {
		many = append(many, win([]int{1}, "08:00", "09:00"))
	}
	for _, tt := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"day 8", map[string]any{"avoid": []any{win([]int{8}, "22:00", "06:00")}}, "avoid[0].days"},
		{"day twice", map[string]any{"prefer": []any{win([]int{1}, "08:00", "16:00"), win([]int{2, 2}, "08:00", "16:00")}}, "prefer[1].days"},
		{"bad start", map[string]any{"avoid": []any{win([]int{1}, "25:00", "06:00")}}, "avoid[0].start"},
		{"bad end", map[string]any{"avoid": []any{win([]int{1}, "22:00", "6h")}}, "avoid[0].end"},
		{"too many", map[string]any{"avoid": many}, "avoid"},
		{"max nights", map[string]any{"max_nights_per_month": 32}, "max_nights_per_month"},
		{"other guard", map[string]any{"guard_id": an + 1}, "guard_id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := en.do("manager", "PUT", path, tt.body)
			if r.Status != 400 || r.errField() != tt.field {
				t.Fatalf("got %d field %q, want 400 naming %q: %s", r.Status, r.errField(), tt.field, r.Raw)
			}
		})
	}
	if r := en.must(200, en.do("manager", "GET", path, nil)).obj(); r["max_nights_per_month"].(float64) != 0 {
		t.Errorf("stored after errors: %v", r)
	}
}

// Ensure posts carry shift templates: the defaults from the requirements
// when none are set, validated by field when set.
func TestPostShiftTemplates(t *testing.T) {
	en := newEnv(t)
	hq, _, _, _ := en.seedOffice()
	path := fmt.Sprintf("/api/v1/posts/%d", hq)
	names := func(r resp) string {
		var out []string
		for _, x := range r.obj()["shift_templates"].([]any) {
			m := x.(map[string]any)
			out = append(out, fmt.Sprintf("%s %s %v", m["name"], m["start"], m["hours"]))
		}
		return strings.Join(out, ", ")
	}
	if got, want := names(en.must(200, en.do("viewer", "GET", path, nil))), "Ca sáng 06:00 8, Ca chiều 14:00 8, Ca đêm 22:00 8"; got != want {
		t.Errorf("default templates: %s, want %s", got, want)
	}
	two := []any{map[string]any{"name": "Ca ngày", "start": "07:00", "hours": 12}, map[string]any{"name": "Ca đêm", "start": "19:00", "hours": 12}}
	for _, tt := range []struct {
		name  string
		ts    any
		field string
	}{
		{"no name", []any{map[string]any{"name": " ", "start": "07:00", "hours": 12}}, "shift_templates[0].name"},
		{"bad start", []any{two[0], map[string]any{"name": "B", "start": "7:00", "hours": 12}}, "shift_templates[1].start"},
		{"zero hours", []any{two[0], map[string]any{"name": "B", "start": "19:00", "hours": 0}}, "shift_templates[1].hours"},
		{"25 hours", []any{two[0], map[string]any{"name": "B", "start": "19:00", "hours": 25}}, "shift_templates[1].hours"},
		{"not whole minutes", []any{two[0], map[string]any{"name": "B", "start": "19:00", "hours": 7.123}}, "shift_templates[1].hours"},
		{"same name", []any{two[0], two[0]}, "shift_templates[1].name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := en.do("manager", "PATCH", path, map[string]any{"shift_templates": tt.ts})
			if r.Status != 400 || r.errField() != tt.field {
				t.Fatalf("got %d field %q, want 400 naming %q: %s", r.Status, r.errField(), tt.field, r.Raw)
			}
		})
	}
	if got, want := names(en.must(200, en.do("manager", "PATCH", path, map[string]any{"shift_templates": two}))), "Ca ngày 07:00 12, Ca đêm 19:00 12"; got != want {
		t.Errorf("after PATCH: %s, want %s", got, want)
	}
	if got, want := names(en.must(200, en.do("viewer", "GET", path, nil))), "Ca ngày 07:00 12, Ca đêm 19:00 12"; got != want {
		t.Errorf("stored: %s, want %s", got, want)
	}
	list := en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list()
	if pol := list[1].(map[string]any); len(pol["shift_templates"].([]any)) != 0 {
		t.Errorf("a post without requirements has no templates: %v", pol["shift_templates"])
	}
	if got, want := names(en.must(200, en.do("manager", "PATCH", path, map[string]any{"shift_templates": []any{}}))), "Ca sáng 06:00 8, Ca chiều 14:00 8, Ca đêm 22:00 8"; got != want {
		t.Errorf("[] goes back to the defaults: %s, want %s", got, want)
	}
}

// Ensure a plan left running by a stopped server reads as failed, interrupted.
func TestPlanInterrupted(t *testing.T) {
	en := newEnv(t)
	hq, _, _, _ := en.seedOffice()
	ctx := context.Background()
	p := &scheduler.Plan{Status: scheduler.PlanRunning, From: testNow, To: testNow.Add(48 * time.Hour), PostIDs: []int64{hq},
		CreatedAt: testNow, UpdatedAt: testNow, ExpiresAt: testNow.Add(scheduler.PlanLifetime)}
	if err := en.st.CreatePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	svc := planning.New(en.st, planning.Options{Now: func() time.Time { return testNow }})
	defer svc.Close()
	if n, err := svc.Recover(ctx); err != nil || n != 1 {
		t.Fatalf("Recover = %d, %v", n, err)
	}
	got := en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/plans/%d", p.ID), nil)).obj()
	if got["status"] != "failed" || !strings.Contains(got["error"].(string), "interrupted") {
		t.Errorf("plan after restart: %v %v", got["status"], got["error"])
	}
	if r := en.do("manager", "POST", fmt.Sprintf("/api/v1/plans/%d/apply", p.ID), nil); r.Status != 409 {
		t.Errorf("apply a failed plan: %d, want 409", r.Status)
	}
	// The SSE stream of a finished plan gives its final event at once.
	events := en.sse(fmt.Sprintf("/api/v1/plans/%d/events", p.ID), 5*time.Second)
	if len(events) != 1 || events[0].name != "failed" || !strings.Contains(events[0].data, `"status":"failed"`) {
		t.Errorf("events of a failed plan: %+v", events)
	}
	if r := en.do("manager", "GET", "/api/v1/plans/9999", nil); r.Status != 404 {
		t.Errorf("unknown plan: %d, want 404", r.Status)
	}
}

// sseEvent is one event read from a stream.
type sseEvent struct{ name, data string }

// sse reads the stream at path as the manager until it ends (or the limit).
func (en *env) sse(path string, limit time.Duration) []sseEvent {
	en.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", en.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+en.tokens["manager"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		en.t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var out []sseEvent
	var cur sseEvent
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.data = strings.TrimPrefix(line, "data: ")
		case line == "" && cur.name != "":
			out = append(out, cur)
			cur = sseEvent{}
		}
	}
	return out
}
