package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// auditCount is how many audit entries an entity has.
func (en *env) auditCount(entity string, id int64) int {
	en.t.Helper()
	return len(en.must(200, en.do("admin", "GET", fmt.Sprintf("/api/v1/audit?entity=%s&entity_id=%d", entity, id), nil)).list())
}

// Ensure a PATCH that changes nothing (an empty patch, or one that repeats
// the current values) answers 200 with the unchanged object: the version and
// updated_at stay, and no audit entry is written — for every resource the
// API changes by merge patch.
func TestPatchNoChange(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	shift := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-03T15:00:00+07:00"))).id()
	event := en.must(201, en.do("manager", "POST", "/api/v1/events", map[string]any{"title": "Đón đoàn khách Trung ương",
		"kind": "delegation", "start": "2026-12-05T08:00:00+07:00", "end": "2026-12-05T11:00:00+07:00", "post_ids": []int64{hq},
		"extra_headcount": 1})).id()
	rot := en.must(201, en.do("manager", "POST", "/api/v1/rotations", map[string]any{"post_id": hq, "name": "Trực 24/24",
		"preset": "24-24", "handover": "07:00", "start_date": "2026-12-10", "members": []int64{an, duc}})).id()
	cases := []struct {
		entity, path string
		id           int64
		same         map[string]any // the current values, repeated
	}{
		{"shift", "/api/v1/shifts/%d", shift, map[string]any{"post_id": hq, "guard_id": an, "start": "2026-12-03T00:00:00Z",
			"end": "2026-12-03T15:00:00+07:00", "note": ""}},
		{"post", "/api/v1/posts/%d", hq, map[string]any{"name": "Trụ sở HĐND, UBND tỉnh", "code": "tru-so",
			"requirements": []any{map[string]any{"days": []int{1, 2, 3, 4, 5, 6, 7}, "start": "00:00", "end": "00:00", "headcount": 1}}}},
		{"guard", "/api/v1/guards/%d", an, map[string]any{"name": "Nguyễn Văn An", "post_ids": []int64{hq}, "skills": []string{}}},
		{"event", "/api/v1/events/%d", event, map[string]any{"title": "Đón đoàn khách Trung ương", "start": "2026-12-05T01:00:00Z",
			"post_ids": []int64{hq}, "extra_headcount": 1}},
		{"rotation", "/api/v1/rotations/%d", rot, map[string]any{"name": "Trực 24/24", "members": []int64{an, duc}, "active": true}},
	}
	for _, tc := range cases {
		t.Run(tc.entity, func(t *testing.T) {
			path := fmt.Sprintf(tc.path, tc.id)
			before := en.must(200, en.do("manager", "GET", path, nil)).obj()
			audits := en.auditCount(tc.entity, tc.id)
			for _, body := range []any{`{}`, tc.same} {
				got := en.must(200, en.do("manager", "PATCH", path, body)).obj()
				for _, k := range []string{"version", "updated_at", "name", "title", "start", "guard_id", "members"} {
					if fmt.Sprint(got[k]) != fmt.Sprint(before[k]) {
						t.Errorf("PATCH %s %v: %s is %v, was %v", path, body, k, got[k], before[k])
					}
				}
				if n := en.auditCount(tc.entity, tc.id); n != audits {
					t.Errorf("PATCH %s %v wrote %d audit entries", path, body, n-audits)
				}
			}
			// A real change still counts.
			change := map[string]any{"shift": map[string]any{"note": "Trực thay"}, "post": map[string]any{"site": "53 Hùng Vương"},
				"guard": map[string]any{"phone": "0905 111 202"}, "event": map[string]any{"extra_headcount": 2},
				"rotation": map[string]any{"name": "Trực 24/24 (mới)"}}[tc.entity]
			got := en.must(200, en.do("manager", "PATCH", path, change)).obj()
			if v, ok := before["version"]; ok && num(got["version"]) != num(v)+1 {
				t.Errorf("a real change: version %v, was %v", got["version"], v)
			}
			if n := en.auditCount(tc.entity, tc.id); n != audits+1 {
				t.Errorf("a real change wrote %d audit entries", n-audits)
			}
		})
	}
}

// Ensure a PATCH with several bad fields names the first one of the body
// that is really wrong, with that field's own message (it used to name
// another field with the message of a bad time).
func TestPatchFirstWrongField(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	shift := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-03T15:00:00+07:00"))).id()
	path := fmt.Sprintf("/api/v1/shifts/%d", shift)
	cases := []struct {
		body, field, msg string
	}{
		{`{"post_id":"hai","start":"thứ ba","note":"x"}`, "post_id", "post_id must be a whole number, not string"},
		{`{"note":"x","start":"thứ ba","post_id":"hai"}`, "start", "start must be an RFC 3339 instant with an offset"},
		{`{"end":"2026-12-03T15:00:00","guard_id":"an"}`, "end", "end must be an RFC 3339 instant with an offset"},
		{`{"guard_id":"an","end":"2026-12-03T15:00:00"}`, "guard_id", "guard_id must be a whole number, not string"},
		{`{"note":5,"post_id":{}}`, "note", "note must be a string, not number"},
		{`{"status":"scheduled","start":true}`, "start", "start must be an RFC 3339 instant with an offset"},
	}
	for i := 0; i < 20; i++ { // map order once decided the answer: ask often
		for _, tc := range cases {
			r := en.do("manager", "PATCH", path, tc.body)
			e, _ := r.obj()["error"].(map[string]any)
			msg, _ := e["message"].(string)
			if r.Status != 400 || r.errField() != tc.field || !strings.HasPrefix(msg, tc.msg) {
				t.Fatalf("PATCH %s: %d field %q %q, want 400 %q %q", tc.body, r.Status, r.errField(), msg, tc.field, tc.msg)
			}
		}
	}
	if got := en.get(path).obj(); num(got["version"]) != 1 || got["note"] != "" {
		t.Fatalf("the refused patches changed the shift: %v", got)
	}
}

// Ensure a job's run answers its start and end in the office zone, like
// every other instant of the API (RFC 3339 with +07:00).
func TestJobTimesInOfficeZone(t *testing.T) {
	en := newEnvWith(t, true)
	en.seedOffice()
	r := en.must(200, en.do("manager", "POST", "/api/v1/jobs/sweep/run", nil))
	var run struct {
		Started  string `json:"started"`
		Finished string `json:"finished"`
	}
	if err := json.Unmarshal(r.Raw, &run); err != nil {
		t.Fatal(err)
	}
	if run.Started != "2026-12-01T09:30:00+07:00" || !strings.HasPrefix(run.Finished, "2026-12-01T09:30:") || !strings.HasSuffix(run.Finished, "+07:00") {
		t.Errorf("run: started %q finished %q", run.Started, run.Finished)
	}
	for _, j := range en.must(200, en.do("manager", "GET", "/api/v1/jobs", nil)).list() {
		m := j.(map[string]any)
		for _, k := range []string{"last_run", "next_run"} {
			if s, ok := m[k].(string); ok && !strings.HasSuffix(s, "+07:00") {
				t.Errorf("job %v: %s is %q", m["name"], k, s)
			}
		}
		if m["name"] == "sweep" && m["last_run"] != "2026-12-01T09:30:00+07:00" {
			t.Errorf("sweep last_run: %v", m["last_run"])
		}
	}
}
