package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// errKey reads the key of an error body.
func (r resp) errKey() string {
	e, _ := r.obj()["error"].(map[string]any)
	s, _ := e["key"].(string)
	return s
}

// Ensure instants outside 1900-01-01 … 2200-12-31 are refused with a 400
// naming the field, on the bodies of time off, events and shifts and on the
// query windows of coverage, violations and shifts (they answered 500 or
// nonsense times before).
func TestInstantsOutOfRange(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	ev := en.must(201, en.do("manager", "POST", "/api/v1/events", map[string]any{"title": "Họp", "kind": "conference",
		"start": "2026-12-10T08:00:00+07:00", "end": "2026-12-10T11:00:00+07:00"}))
	bodies := []struct {
		name, method, path string
		body               map[string]any
		field              string
	}{
		{"time off in year 10000 UTC", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
			"start": "9999-12-31T13:00:00-12:00", "end": "9999-12-31T15:00:00-12:00"}, "start"},
		{"time off before 1900", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
			"start": "1899-12-30T00:00:00+07:00", "end": "1900-01-02T00:00:00+07:00"}, "start"},
		{"time off ending after 2200", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
			"start": "2200-12-30T00:00:00+07:00", "end": "2201-01-02T00:00:00+07:00"}, "end"},
		{"event in year 10000 UTC", "POST", "/api/v1/events", map[string]any{"title": "Hội nghị", "kind": "conference",
			"start": "9999-12-31T13:00:00-12:00", "end": "9999-12-31T15:00:00-12:00"}, "start"},
		{"event moved to year 0", "PATCH", fmt.Sprintf("/api/v1/events/%d", ev.id()), map[string]any{
			"start": "0000-01-01T00:00:00Z", "end": "0000-01-01T03:00:00Z", "version": ev.obj()["version"]}, "start"},
		{"shift in year 9999", "POST", "/api/v1/shifts", shiftBody(hq, an, "9999-12-31T13:00:00-12:00", "9999-12-31T15:00:00-12:00"), "start"},
	}
	for _, c := range bodies {
		r := en.do("manager", c.method, c.path, c.body)
		if r.Status != 400 || r.errField() != c.field || r.errKey() != "input.date_range" {
			t.Errorf("%s: %s %s: %d field %q key %q, want 400 field %q key input.date_range: %s", c.name, c.method, c.path,
				r.Status, r.errField(), r.errKey(), c.field, r.Raw)
		}
	}
	queries := []struct{ path, field string }{
		{"/api/v1/coverage?from=9999-12-31", "from"},
		{"/api/v1/coverage?from=0000-01-01&to=0000-01-02", "from"},
		{"/api/v1/coverage?from=2026-12-01&to=9999-12-31T23:00:00Z", "to"},
		{"/api/v1/violations?from=9999-12-31", "from"},
		{"/api/v1/staffing?from=0001-01-01", "from"},
		{"/api/v1/shifts?from=0000-01-01", "from"},
		{"/api/v1/shifts?to=2201-01-01", "to"},
		{"/api/v1/time-off?from=9999-01-01", "from"},
		{"/api/v1/events?to=1000-01-01T00:00:00Z", "to"},
		{"/api/v1/suggestions?post_id=1&start=9999-12-31T13:00:00-12:00&end=9999-12-31T15:00:00-12:00", "start"},
	}
	for _, q := range queries {
		r := en.do("manager", "GET", q.path, nil)
		if r.Status != 400 || r.errField() != q.field || r.errKey() != "input.date_range" {
			t.Errorf("GET %s: %d field %q key %q, want 400 field %q key input.date_range: %s", q.path, r.Status,
				r.errField(), r.errKey(), q.field, r.Raw)
		}
	}
	// The bounds themselves are accepted.
	en.must(200, en.do("manager", "GET", "/api/v1/coverage?from=1900-01-01&to=1900-01-08", nil))
	en.must(200, en.do("manager", "GET", "/api/v1/coverage?from=2200-12-24&to=2200-12-31", nil))
}

// Ensure the shift list is bounded: a window over 400 days is a 400 naming
// to, and no dates at all means 31 days back to 62 days ahead of now (not
// every shift ever written).
func TestShiftListWindow(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	at := func(d time.Duration) string { return testNow.Add(d).Format(time.RFC3339) }
	near := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, at(24*time.Hour), at(30*time.Hour)))).id()
	past := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, at(-40*24*time.Hour), at(-40*24*time.Hour+6*time.Hour)))).id()
	far := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, at(70*24*time.Hour), at(70*24*time.Hour+6*time.Hour)))).id()
	ids := func(r resp) map[int64]bool {
		out := map[int64]bool{}
		for _, x := range r.list() {
			out[int64(x.(map[string]any)["id"].(float64))] = true
		}
		return out
	}
	got := ids(en.must(200, en.do("viewer", "GET", "/api/v1/shifts", nil)))
	if !got[near] || got[past] || got[far] || len(got) != 1 {
		t.Errorf("default window: got %v, want only the near shift %d (not %d 40 days back nor %d 70 days ahead)", got, near, past, far)
	}
	got = ids(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?from=2026-10-01&to=2027-03-01", nil)))
	if !got[near] || !got[past] || !got[far] {
		t.Errorf("explicit window: got %v, want all three", got)
	}
	r := en.do("viewer", "GET", "/api/v1/shifts?from=2026-01-01&to=2027-03-01", nil)
	if r.Status != 400 || r.errField() != "to" || r.errKey() != "api.window_too_long" {
		t.Errorf("a 425-day window: %d %s", r.Status, r.Raw)
	}
	// Only from: the window runs the default 93 days from it (to 2 January 2027).
	got = ids(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?from=2026-10-01", nil)))
	if !got[near] || !got[past] || got[far] {
		t.Errorf("from only: got %v, want the near and past shifts, not the far one", got)
	}
	// Only to: the window runs the default 93 days up to it (from 3 November 2026).
	got = ids(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?to=2027-02-04", nil)))
	if !got[near] || got[past] || got[far] {
		t.Errorf("to only: got %v, want the near shift only", got)
	}
}

// Ensure the settings refuse what would harm the office, naming the field:
// a job every second, a relative backup folder, a line break in the SMTP
// host, a webhook to the machine itself unless allow_private_webhooks is on.
func TestSettingsRefuseHostileValues(t *testing.T) {
	en := newEnv(t)
	cases := []struct{ path, body, field, key string }{
		{"/api/v1/settings/jobs", `{"schedules":{"sweep":"@every 1s"}}`, "schedules.sweep", "jobs.too_often"},
		{"/api/v1/settings/jobs", `{"backup_dir":"sao-luu"}`, "backup_dir", "jobs.backup_dir_relative"},
		{"/api/v1/settings/notifications", `{"smtp":{"host":"smtp.example.vn\r\nRCPT","from":"a@example.vn"}}`, "smtp.host", "input.line_break"},
		{"/api/v1/settings/notifications", `{"webhooks":[{"url":"http://127.0.0.1:9000/x"}]}`, "webhooks[0].url", "webhook.private_address"},
		{"/api/v1/settings/notifications", `{"webhooks":[{"url":"http://169.254.169.254/latest"}]}`, "webhooks[0].url", "webhook.private_address"},
	}
	for _, c := range cases {
		r := en.do("admin", "PUT", c.path, c.body)
		if r.Status != 400 || r.errField() != c.field || r.errKey() != c.key {
			t.Errorf("PUT %s %s: %d field %q key %q, want 400 %s at %s: %s", c.path, c.body, r.Status, r.errField(), r.errKey(),
				c.key, c.field, r.Raw)
		}
	}
	r := en.must(200, en.do("admin", "PUT", "/api/v1/settings/notifications",
		`{"webhooks":[{"url":"http://127.0.0.1:9000/x"}],"allow_private_webhooks":true}`))
	if r.obj()["allow_private_webhooks"] != true {
		t.Errorf("allow_private_webhooks not shown: %s", r.Raw)
	}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/jobs", `{"schedules":{"sweep":"@every 1m"},"backup_dir":"/var/backups/catruc"}`))
}

// Ensure guards and viewers read other guards' time off as busy: approved
// entries only, kind "busy", no note nor who asked or decided; a guard reads
// their own in full, a manager everyone's. Shifts' absences say busy too.
func TestTimeOffRedactedForOthers(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	ctx := context.Background()
	anTok, _, err := en.st.CreateToken(ctx, "an", "guard", &an)
	if err != nil {
		t.Fatal(err)
	}
	en.tokens["an"] = anTok
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-03T07:00:00+07:00", "2026-12-03T19:00:00+07:00")))
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": duc, "kind": "sick",
		"start": "2026-12-03T00:00:00+07:00", "end": "2026-12-04T00:00:00+07:00", "note": "Mổ ruột thừa"}))
	en.must(201, en.do("an", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
		"start": "2026-12-10T00:00:00+07:00", "end": "2026-12-11T00:00:00+07:00", "note": "Đám cưới em gái"}))
	q := "/api/v1/time-off?from=2026-12-01&to=2026-12-31"
	byGuard := func(r resp) map[int64]map[string]any {
		out := map[int64]map[string]any{}
		for _, x := range r.list() {
			m := x.(map[string]any)
			out[int64(m["guard_id"].(float64))] = m
		}
		return out
	}
	mgr := byGuard(en.must(200, en.do("manager", "GET", q, nil)))
	if mgr[duc]["kind"] != "sick" || mgr[duc]["note"] != "Mổ ruột thừa" || mgr[an]["note"] != "Đám cưới em gái" {
		t.Errorf("the manager's list: %v", mgr)
	}
	for _, who := range []string{"viewer", "an"} {
		got := byGuard(en.must(200, en.do(who, "GET", q, nil)))
		if d := got[duc]; d == nil || d["kind"] != "busy" || d["note"] != "" || d["requested_by"] != "" || d["decided_by"] != "" {
			t.Errorf("%s reads Đức's sick leave as %v, want busy without note", who, d)
		}
		shifts := en.must(200, en.do(who, "GET", "/api/v1/shifts?from=2026-12-03&to=2026-12-04", nil)).list()
		if len(shifts) != 1 || !strings.Contains(string(mustJSON(t, shifts)), `"kind":"busy"`) || strings.Contains(string(mustJSON(t, shifts)), "sick") {
			t.Errorf("%s reads the shift's absence as %s", who, mustJSON(t, shifts))
		}
	}
	if a := byGuard(en.must(200, en.do("an", "GET", q, nil)))[an]; a == nil || a["kind"] != "leave" || a["note"] != "Đám cưới em gái" {
		t.Errorf("An reads his own request as %v", a)
	}
	if a := byGuard(en.must(200, en.do("viewer", "GET", q, nil)))[an]; a != nil {
		t.Errorf("the viewer reads An's pending request: %v", a)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Ensure approving a swap twice says it is already approved (not that the
// colleague must accept first), by key, and approving a declined one says so.
func TestSwapApprovedTwice(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	en.guardToken("an", an)
	en.guardToken("duc", duc)
	a := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-05T07:00:00+07:00", "2026-12-05T19:00:00+07:00"))).id()
	b := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-06T07:00:00+07:00", "2026-12-06T19:00:00+07:00"))).id()
	id := en.must(201, en.do("an", "POST", "/api/v1/swap-requests", map[string]any{"shift_a": a, "shift_b": b})).id()
	en.must(200, en.do("duc", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id), nil))
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/approve", id), nil))
	r := en.do("manager", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/approve", id), nil)
	msg, _ := r.obj()["error"].(map[string]any)["message"].(string)
	if r.Status != 409 || r.errKey() != "swap.already_approved" || msg != "the swap is already approved" {
		t.Errorf("approving twice: %d %s", r.Status, r.Raw)
	}
	id2 := en.must(201, en.do("an", "POST", "/api/v1/swap-requests", map[string]any{"shift_a": b, "shift_b": a})).id()
	en.must(200, en.do("duc", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/decline", id2), nil))
	if r := en.do("manager", "POST", fmt.Sprintf("/api/v1/swap-requests/%d/approve", id2), nil); r.Status != 409 || r.errKey() != "swap.already_declined" {
		t.Errorf("approving a declined request: %d %s", r.Status, r.Raw)
	}
}

// Ensure an offset of 24 hours, which Go's JSON decoder accepts but cannot
// write back, is a 400 naming the field (it was a 500 found by fuzzing).
func TestOffsetOf24Hours(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	r := en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+24:00", "2026-12-03T19:00:00+07:00"))
	if r.Status != 400 || r.errField() != "start" || r.errKey() != "input.offset_range" {
		t.Errorf("a +24:00 offset: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "GET", "/api/v1/coverage?from=2026-12-01T00:00:00-24:00", nil); r.Status != 400 || r.errField() != "from" {
		t.Errorf("a -24:00 offset in a query: %d %s", r.Status, r.Raw)
	}
}
