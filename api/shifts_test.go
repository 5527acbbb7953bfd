package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func shiftBody(post, guard int64, start, end string) map[string]any {
	m := map[string]any{"post_id": post, "start": start, "end": end}
	if guard != 0 {
		m["guard_id"] = guard
	}
	return m
}

// Ensure shifts are created, listed by window, post, guard and status, read with an ETag, patched and cancelled.
func TestShiftsHappyPath(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	r := en.must(201, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq, "guard_id": an,
		"start": "2026-12-01T07:00:00+07:00", "end": "2026-12-02T00:00:00Z", "note": "Giao ca cổng chính"}))
	s := r.obj()
	if s["start"] != "2026-12-01T07:00:00+07:00" || s["end"] != "2026-12-02T07:00:00+07:00" || s["status"] != "scheduled" ||
		s["version"].(float64) != 1 || s["note"] != "Giao ca cổng chính" || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("created: %s etag %s", r.Raw, r.Header.Get("ETag"))
	}
	id := r.id()
	open := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, 0, "2026-12-02T07:00:00+07:00", "2026-12-03T07:00:00+07:00")))
	if open.obj()["guard_id"] != nil {
		t.Fatalf("open shift: %s", open.Raw)
	}
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-03T07:00:00+07:00", "2026-12-04T07:00:00+07:00")))

	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 3},
		{"?from=2026-12-02&to=2026-12-03", 2}, // the first ends at 07:00 on the 2nd, the open one starts then
		{"?from=2026-12-02T07:00:00%2B07:00", 2},
		{fmt.Sprintf("?guard_id=%d", an), 1},
		{fmt.Sprintf("?post_id=%d", hq), 3},
		{"?status=cancelled", 0},
		{"?from=2026-12-10", 0},
	} {
		if got := len(en.must(200, en.do("viewer", "GET", "/api/v1/shifts"+tc.query, nil)).list()); got != tc.want {
			t.Errorf("GET /shifts%s: %d shifts, want %d", tc.query, got, tc.want)
		}
	}

	r = en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/shifts/%d", id), nil))
	if r.Header.Get("ETag") != `"1"` {
		t.Fatalf("ETag = %q", r.Header.Get("ETag"))
	}
	// Reassign with If-Match: the version grows.
	r = en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", id), map[string]any{"guard_id": duc}, "If-Match", `"1"`))
	if r.obj()["guard_id"].(float64) != float64(duc) || r.obj()["version"].(float64) != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("reassigned: %s", r.Raw)
	}
	if r.obj()["note"] != "Giao ca cổng chính" {
		t.Fatalf("patch lost the note: %s", r.Raw)
	}
	// guard_id null opens the shift.
	r = en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", id), `{"guard_id":null}`, "If-Match", "2"))
	if r.obj()["guard_id"] != nil || r.obj()["version"].(float64) != 3 {
		t.Fatalf("opened: %s", r.Raw)
	}
	// DELETE cancels; the shift stays.
	r = en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", id), nil))
	if r.obj()["status"] != "cancelled" || r.obj()["version"].(float64) != 4 {
		t.Fatalf("cancelled: %s", r.Raw)
	}
	r = en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", id), nil))
	if r.obj()["version"].(float64) != 4 {
		t.Fatalf("cancelling twice changed the version: %s", r.Raw)
	}
	if got := len(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?status=cancelled", nil)).list()); got != 1 {
		t.Fatalf("%d cancelled shifts listed, want 1", got)
	}
}

// Ensure each shift rule answers with the right status and field and stores nothing.
func TestShiftsValidation(t *testing.T) {
	en := newEnv(t)
	hq, police, an, _ := en.seedOffice()
	inactive := en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Nghỉ việc", "post_ids": []int64{hq}, "active": false})).id()
	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"no post", map[string]any{"start": "2026-12-01T07:00:00+07:00", "end": "2026-12-01T15:00:00+07:00"}, 400, "post_id"},
		{"unknown post", shiftBody(999, an, "2026-12-01T07:00:00+07:00", "2026-12-01T15:00:00+07:00"), 400, "post_id"},
		{"unknown guard", shiftBody(hq, 999, "2026-12-01T07:00:00+07:00", "2026-12-01T15:00:00+07:00"), 400, "guard_id"},
		{"inactive guard", shiftBody(hq, inactive, "2026-12-01T07:00:00+07:00", "2026-12-01T15:00:00+07:00"), 400, "guard_id"},
		{"guard not allowed at post", shiftBody(police, an, "2026-12-01T07:00:00+07:00", "2026-12-01T15:00:00+07:00"), 400, "guard_id"},
		{"end before start", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T06:00:00+07:00"), 400, "end"},
		{"zero length", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T07:00:00+07:00"), 400, "end"},
		{"over 24 hours", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-02T07:01:00+07:00"), 400, "end"},
		{"no offset", shiftBody(hq, an, "2026-12-01T07:00:00", "2026-12-01T15:00:00+07:00"), 400, "start"},
		{"start not a string", `{"post_id":1,"start":5,"end":"2026-12-01T15:00:00+07:00"}`, 400, "start"},
		{"post_id a string", `{"post_id":"1","start":"2026-12-01T07:00:00+07:00","end":"2026-12-01T15:00:00+07:00"}`, 400, "post_id"},
		{"unknown field", `{"post_id":1,"guard":2,"start":"2026-12-01T07:00:00+07:00","end":"2026-12-01T15:00:00+07:00"}`, 400, "guard"},
		{"created cancelled", map[string]any{"post_id": hq, "start": "2026-12-01T07:00:00+07:00", "end": "2026-12-01T15:00:00+07:00", "status": "cancelled"}, 400, "status"},
		{"empty body", "", 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := en.do("manager", "POST", "/api/v1/shifts", tc.body)
			if r.Status != tc.status || r.errField() != tc.field {
				t.Fatalf("status %d field %q, want %d %q: %s", r.Status, r.errField(), tc.status, tc.field, r.Raw)
			}
		})
	}
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/shifts", nil)).list()); n != 0 {
		t.Fatalf("%d shifts stored by refused requests", n)
	}
	for _, q := range []string{"?from=yesterday", "?to=2026-13-01", "?from=2026-12-02&to=2026-12-01", "?post_id=x", "?guard_id=-1", "?status=done"} {
		if r := en.do("viewer", "GET", "/api/v1/shifts"+q, nil); r.Status != 400 || r.errField() == "" {
			t.Errorf("GET /shifts%s: %d %s", q, r.Status, r.Raw)
		}
	}
}

// Ensure a new or moved shift that overlaps another of the same guard is 409, and a stale If-Match is 409.
func TestShiftsConflicts(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	a := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00"))).id()
	r := en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T18:00:00+07:00", "2026-12-02T06:00:00+07:00"))
	if r.Status != 409 || r.errCode() != "conflict" || r.errField() != "guard_id" || !strings.Contains(r.Raw2(), "Nguyễn Văn An") {
		t.Fatalf("overlap: %d %s", r.Status, r.Raw)
	}
	// Back to back is fine.
	b := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-01T19:00:00+07:00", "2026-12-02T07:00:00+07:00"))).id()
	// Moving b onto a's guard overlaps nothing (touching), but moving it earlier does.
	r = en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", b), map[string]any{"guard_id": an, "start": "2026-12-01T18:00:00+07:00"})
	if r.Status != 409 || r.errField() != "guard_id" {
		t.Fatalf("moved overlap: %d %s", r.Status, r.Raw)
	}
	// Stale If-Match.
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", a), `{"note":"một"}`, "If-Match", "1"))
	r = en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", a), `{"note":"hai"}`, "If-Match", "1")
	if r.Status != 409 || r.errCode() != "conflict" {
		t.Fatalf("stale If-Match: %d %s", r.Status, r.Raw)
	}
	r = en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", a), `{"note":"hai","version":1}`)
	if r.Status != 409 {
		t.Fatalf("stale version in body: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", a), `{"note":"hai"}`, "If-Match", "abc"); r.Status != 400 || r.errField() != "If-Match" {
		t.Fatalf("bad If-Match: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", a), nil, "If-Match", "1"); r.Status != 409 {
		t.Fatalf("stale cancel: %d %s", r.Status, r.Raw)
	}
	got := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/shifts/%d", a), nil)).obj()
	if got["note"] != "một" || got["version"].(float64) != 2 || got["status"] != "scheduled" {
		t.Fatalf("refused writes changed the shift: %v", got)
	}
	if r := en.do("manager", "PATCH", "/api/v1/shifts/999", `{"note":"x"}`); r.Status != 404 {
		t.Fatalf("patch unknown shift: %d", r.Status)
	}
}

// Ensure 20 concurrent requests for overlapping shifts of one guard create exactly one.
func TestShiftsConcurrentOverlap(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			start := fmt.Sprintf("2026-12-01T07:%02d:00+07:00", i)
			statuses[i] = en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, start, "2026-12-01T19:00:00+07:00")).Status
		}(i)
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case 201:
			created++
		case 409:
		default:
			t.Fatalf("unexpected status %d", s)
		}
	}
	if created != 1 {
		t.Fatalf("%d created, want exactly 1 (statuses %v)", created, statuses)
	}
	if n := len(en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/shifts?guard_id=%d", an), nil)).list()); n != 1 {
		t.Fatalf("%d shifts stored", n)
	}
}

// Ensure POST /shifts with a guard at exactly the times of an open shift of
// the same post fills that open shift (200, its id, its version grown, its
// note replaced) instead of adding a second one, as the pages do: GET
// /shifts then lists one shift, held by the guard. A shift at other times,
// or at another post, is still created (201).
func TestShiftsCreateFillsOpenShift(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	open := en.must(201, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq,
		"start": "2026-12-05T07:00:00+07:00", "end": "2026-12-06T07:00:00+07:00", "note": "Chưa có người"}))
	r := en.must(200, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq, "guard_id": an,
		"start": "2026-12-05T00:00:00Z", "end": "2026-12-06T07:00:00+07:00", "note": "Anh An nhận ca"}))
	got := r.obj()
	if r.id() != open.id() || num(got["guard_id"]) != float64(an) || num(got["version"]) != 2 || got["note"] != "Anh An nhận ca" ||
		r.Header.Get("ETag") != `"2"` {
		t.Fatalf("filled: %s", r.Raw)
	}
	if _, ok := got["violations"].([]any); !ok {
		t.Fatalf("a write answers its violations: %s", r.Raw)
	}
	list := en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d&from=2026-12-05&to=2026-12-07", hq)).list()
	if len(list) != 1 {
		t.Fatalf("GET /shifts: %d shifts, want the one filled: %v", len(list), list)
	}
	if sh := list[0].(map[string]any); int64(num(sh["id"])) != open.id() || num(sh["guard_id"]) != float64(an) {
		t.Fatalf("listed: %v", sh)
	}
	// Other times: a new shift.
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, 0, "2026-12-07T07:00:00+07:00", "2026-12-08T07:00:00+07:00")))
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-07T07:00:00+07:00", "2026-12-07T19:00:00+07:00")))
	if n := len(en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d", hq)).list()); n != 3 {
		t.Fatalf("%d shifts, want 3", n)
	}
	// Filling is checked as a new shift is: the guard is busy then (409), nothing changes.
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, 0, "2026-12-07T13:00:00+07:00", "2026-12-07T19:00:00+07:00")))
	if x := en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-07T13:00:00+07:00", "2026-12-07T19:00:00+07:00")); x.Status != 409 ||
		x.errField() != "guard_id" {
		t.Fatalf("filling with a busy guard: %d %s", x.Status, x.Raw)
	}
	if n := len(en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d&guard_id=%d", hq, an)).list()); n != 2 {
		t.Fatalf("%d shifts of An, want 2", n)
	}
}
