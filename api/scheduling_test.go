package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// get is GET as a viewer, expecting 200.
func (en *env) get(path string) resp {
	en.t.Helper()
	return en.must(200, en.do("viewer", "GET", path, nil))
}

func num(v any) float64 { f, _ := v.(float64); return f }

// Ensure a 24-24 rotation generates alternating 24 h shifts, generating again
// creates nothing, and a shift a manager changed stays as the manager left it.
func TestRotationGenerate(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	r := en.must(201, en.do("manager", "POST", "/api/v1/rotations", map[string]any{"post_id": hq, "name": "Trực 24/24",
		"preset": "24-24", "handover": "07:00", "start_date": "2026-12-01", "members": []int64{an, duc}}))
	rot := r.obj()
	pat := rot["pattern"].(map[string]any)
	if num(pat["cycle_days"]) != 2 || len(pat["slots"].([]any)) != 2 || rot["active"] != true {
		t.Fatalf("rotation: %s", r.Raw)
	}
	id := r.id()
	g := en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), `{"until":"2026-12-14"}`)).obj()
	if num(g["created"]) != 14 || num(g["skipped"]) != 0 {
		t.Fatalf("generate: %v", g)
	}
	shifts := en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d", hq)).list()
	if len(shifts) != 14 {
		t.Fatalf("%d shifts", len(shifts))
	}
	for i, x := range shifts {
		s := x.(map[string]any)
		wantGuard := an
		if i%2 == 1 {
			wantGuard = duc
		}
		wantStart := fmt.Sprintf("2026-12-%02dT07:00:00+07:00", i+1)
		if s["start"] != wantStart || int64(num(s["guard_id"])) != wantGuard || int64(num(s["rotation_id"])) != id {
			t.Fatalf("shift %d: %v, want start %s guard %d", i, s, wantStart, wantGuard)
		}
	}
	// The manager gives the 3rd shift to Đức... no: opens it, and cancels the 4th.
	third := int64(num(shifts[2].(map[string]any)["id"]))
	fourth := int64(num(shifts[3].(map[string]any)["id"]))
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", third), `{"guard_id":null,"note":"thiếu người"}`))
	en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", fourth), nil))
	g = en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), `{"until":"2026-12-14"}`)).obj()
	if num(g["created"]) != 0 || num(g["skipped"]) != 14 || num(g["updated"]) != 0 {
		t.Fatalf("second generate: %v", g)
	}
	s3 := en.get(fmt.Sprintf("/api/v1/shifts/%d", third)).obj()
	s4 := en.get(fmt.Sprintf("/api/v1/shifts/%d", fourth)).obj()
	if s3["guard_id"] != nil || s3["note"] != "thiếu người" || s4["status"] != "cancelled" {
		t.Fatalf("edited shifts were changed: %v %v", s3, s4)
	}
	// Generating further creates only the new days.
	g = en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), `{"until":"2026-12-16"}`)).obj()
	if num(g["created"]) != 2 || num(g["skipped"]) != 14 {
		t.Fatalf("generate further: %v", g)
	}
	if rot := en.get(fmt.Sprintf("/api/v1/rotations/%d", id)).obj(); rot["generated_until"] != "2026-12-16" {
		t.Fatalf("generated_until: %v", rot["generated_until"])
	}
	for _, tc := range []struct{ body, field string }{
		{`{}`, "until"}, {`{"until":"16/12/2026"}`, "until"}, {`{"until":"2099-01-01"}`, "until"}, {`{"until":1}`, "until"},
	} {
		if r := en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("generate %s: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	if r := en.do("manager", "POST", "/api/v1/rotations/999/generate", `{"until":"2026-12-16"}`); r.Status != 404 {
		t.Errorf("generate unknown: %d", r.Status)
	}
}

// Ensure changing members takes effect from the given date, not backwards,
// and replacing 24-24 by 8h-3shift with four guards gives full coverage and no violation.
func TestRotationChangeMembersAndPreset(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	id := en.must(201, en.do("manager", "POST", "/api/v1/rotations", map[string]any{"post_id": hq, "name": "Trực 24/24",
		"preset": "24-24", "handover": "06:00", "start_date": "2026-12-01", "members": []int64{an, duc}})).id()
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), `{"until":"2027-01-31"}`))
	v := en.get("/api/v1/violations?from=2026-12-01&to=2026-12-31").list()
	rules := map[string]bool{}
	for _, x := range v {
		rules[x.(map[string]any)["rule"].(string)] = true
	}
	for _, want := range []string{"shift_length", "daily_hours", "weekly_hours", "overtime_month"} {
		if !rules[want] {
			t.Errorf("24-24 does not show %s: %v", want, rules)
		}
	}
	cuong := en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Lê Văn Cường", "post_ids": []int64{hq}})).id()
	dung := en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Võ Thị Dung", "post_ids": []int64{hq}})).id()
	r := en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/rotations/%d", id), map[string]any{
		"preset": "8h-3shift", "members": []int64{an, duc, cuong, dung}, "effective_from": "2026-12-11"}))
	rep := r.obj()["replanned"].(map[string]any)
	if len(rep["conflicts"].([]any)) != 0 || num(rep["created"]) == 0 {
		t.Fatalf("replanned: %v", rep)
	}
	periods := r.obj()["member_periods"].([]any)
	if len(periods) != 2 || periods[1].(map[string]any)["from"] != "2026-12-11" {
		t.Fatalf("member periods: %v", periods)
	}
	// Generating again leaves everything as it is: the new pattern holds from the 11th only.
	again := en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", id), `{"until":"2027-01-31"}`)).obj()
	if num(again["created"]) != 0 || num(again["updated"]) != 0 || num(again["cancelled"]) != 0 {
		t.Fatalf("generate after the change: %v", again)
	}
	// Before the 11th nothing changed: still 24 h shifts.
	before := en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d&status=scheduled&from=2026-12-01&to=2026-12-10", hq)).list()
	for _, x := range before {
		s := x.(map[string]any)
		if !strings.HasSuffix(s["start"].(string), "T06:00:00+07:00") || !strings.HasSuffix(s["end"].(string), "T06:00:00+07:00") {
			t.Fatalf("a shift before the change date changed: %v", s)
		}
	}
	// From the 11th: full coverage and no violation.
	c := en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-11T06:00:00%%2B07:00&to=2027-02-01&post_id=%d", hq)).obj()
	pc := c["posts"].([]any)[0].(map[string]any)
	if num(pc["percent"]) != 100 || len(pc["gaps"].([]any)) != 0 || len(pc["overstaffed"].([]any)) != 0 {
		t.Fatalf("coverage after the change: %v", pc)
	}
	if v := en.get("/api/v1/violations?from=2027-01-01&to=2027-02-01").list(); len(v) != 0 {
		t.Fatalf("violations with 8h-3shift: %v", v)
	}
	// In December only the month's overtime, run up by the 24-24 part, remains.
	for _, x := range en.get("/api/v1/violations?from=2026-12-14&to=2027-01-01").list() {
		if rule := x.(map[string]any)["rule"]; rule != "overtime_month" {
			t.Errorf("December violation with 8h-3shift: %v", x)
		}
	}
	// Validation.
	for _, tc := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"members": []int64{an}}, "members"},
		{map[string]any{"preset": "6h"}, "preset"},
		{map[string]any{"post_id": 999}, "post_id"},
		{map[string]any{"effective_from": "tomorrow"}, "effective_from"},
		{map[string]any{"members": []int64{an, duc, cuong, 999}}, "members"},
	} {
		if r := en.do("manager", "PATCH", fmt.Sprintf("/api/v1/rotations/%d", id), tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("patch %v: %d %s", tc.body, r.Status, r.Raw)
		}
	}
}

// Ensure rotation creation validates presets, members, post and custom patterns, naming the field.
func TestRotationValidation(t *testing.T) {
	en := newEnv(t)
	hq, police, an, duc := en.seedOffice()
	base := func() map[string]any {
		return map[string]any{"post_id": hq, "name": "R", "preset": "24-24", "handover": "07:00", "start_date": "2026-12-01", "members": []int64{an, duc}}
	}
	cases := []struct {
		name  string
		edit  func(m map[string]any)
		field string
	}{
		{"unknown preset", func(m map[string]any) { m["preset"] = "weekly" }, "preset"},
		{"wrong member count", func(m map[string]any) { m["members"] = []int64{an} }, "members"},
		{"duplicate member", func(m map[string]any) { m["members"] = []int64{an, an} }, "members"},
		{"unknown member", func(m map[string]any) { m["members"] = []int64{an, 999} }, "members"},
		{"member not allowed at post", func(m map[string]any) { m["post_id"] = police }, "members"},
		{"bad handover", func(m map[string]any) { m["handover"] = "7h" }, "handover"},
		{"bad start date", func(m map[string]any) { m["start_date"] = "2026-02-30" }, "start_date"},
		{"no name", func(m map[string]any) { m["name"] = "" }, "name"},
		{"unknown post", func(m map[string]any) { m["post_id"] = 999 }, "post_id"},
		{"custom without slots", func(m map[string]any) {
			m["preset"] = "custom"
			m["pattern"] = map[string]any{"cycle_days": 2, "slots": []any{}}
		}, "pattern.slots"},
		{"custom slot too long", func(m map[string]any) {
			m["preset"] = "custom"
			m["pattern"] = map[string]any{"cycle_days": 2, "slots": []any{map[string]any{"day": 0, "start": "07:00", "hours": 25, "member": 0}}}
		}, "pattern.slots[0].hours"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.edit(m)
			r := en.do("manager", "POST", "/api/v1/rotations", m)
			if r.Status != 400 || r.errField() != tc.field {
				t.Fatalf("%d %q, want 400 %q: %s", r.Status, r.errField(), tc.field, r.Raw)
			}
		})
	}
	// A valid custom pattern: day shifts only.
	r := en.must(201, en.do("manager", "POST", "/api/v1/rotations", map[string]any{"post_id": hq, "name": "Ngày", "preset": "custom",
		"handover": "07:00", "start_date": "2026-12-01", "members": []int64{an},
		"pattern": map[string]any{"cycle_days": 1, "slots": []any{map[string]any{"day": 0, "start": "07:00", "hours": 10, "member": 0}}}}))
	if len(en.get("/api/v1/rotations").list()) != 1 {
		t.Fatal("rotation list")
	}
	// Deleting the rotation cancels its untouched shifts from today on and keeps it out of the list.
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/rotations/%d/generate", r.id()), `{"until":"2026-12-05"}`))
	d := en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/rotations/%d", r.id()), nil)).obj()
	if num(d["cancelled"]) != 5 {
		t.Fatalf("delete: %v", d)
	}
	en.must(404, en.do("viewer", "GET", fmt.Sprintf("/api/v1/rotations/%d", r.id()), nil))
}

// Ensure swapping two shifts exchanges their guards atomically, and a swap that would overlap changes nothing.
func TestSwap(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	a := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T15:00:00+07:00"))).id()
	b := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-02T07:00:00+07:00", "2026-12-02T15:00:00+07:00"))).id()
	r := en.must(200, en.do("manager", "POST", "/api/v1/shifts/swap", map[string]any{"a": a, "b": b})).obj()
	ra, rb := r["a"].(map[string]any), r["b"].(map[string]any)
	if int64(num(ra["guard_id"])) != duc || int64(num(rb["guard_id"])) != an || num(ra["version"]) != 2 {
		t.Fatalf("swap: %v", r)
	}
	// c overlaps b for Đức's... make a swap that would give An two overlapping shifts.
	c := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-02T10:00:00+07:00", "2026-12-02T18:00:00+07:00")))
	_ = c
	// b (An, 12-02 07–15) with a (Đức, 12-01): An would get a, Đức b — but Đức holds c (12-02 10–18) overlapping b.
	r2 := en.do("manager", "POST", "/api/v1/shifts/swap", map[string]any{"a": a, "b": b})
	if r2.Status != 409 {
		t.Fatalf("overlapping swap: %d %s", r2.Status, r2.Raw)
	}
	if g := en.get(fmt.Sprintf("/api/v1/shifts/%d", a)).obj(); int64(num(g["guard_id"])) != duc || num(g["version"]) != 2 {
		t.Fatalf("a refused swap changed shift a: %v", g)
	}
	for _, tc := range []struct{ body, field string }{{`{"a":1}`, "b"}, {`{"a":1,"b":1}`, "b"}, {`{"a":999,"b":1}`, "a"}, {`{"a":"1","b":2}`, "a"}} {
		if r := en.do("manager", "POST", "/api/v1/shifts/swap", tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("swap %s: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	if r := en.do("viewer", "POST", "/api/v1/shifts/swap", map[string]any{"a": a, "b": b}); r.Status != 403 {
		t.Errorf("viewer swap: %d", r.Status)
	}
}

// Ensure events raise the requirement of their posts, open a gap the coverage
// shows, and DELETE cancels them (they stay, no longer counted).
func TestEventsAndCoverage(t *testing.T) {
	en := newEnv(t)
	hq, police, an, duc := en.seedOffice()
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00")))
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-01T19:00:00+07:00", "2026-12-02T07:00:00+07:00")))
	c := en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-01T07:00:00%%2B07:00&to=2026-12-02T07:00:00%%2B07:00&post_id=%d", hq)).obj()
	p := c["posts"].([]any)[0].(map[string]any)
	if num(p["percent"]) != 100 || num(p["required_hours"]) != 24 || len(p["gaps"].([]any)) != 0 {
		t.Fatalf("coverage: %v", p)
	}
	r := en.must(201, en.do("manager", "POST", "/api/v1/events", map[string]any{"title": "Đón đoàn khách A", "kind": "delegation",
		"start": "2026-12-01T09:00:00+07:00", "end": "2026-12-01T11:30:00+07:00", "post_ids": []int64{hq, police},
		"extra_headcount": 1, "notify_police": true, "note": "Đoàn công tác Trung ương"}))
	ev := r.obj()
	if ev["title"] != "Đón đoàn khách A" || ev["status"] != "scheduled" || num(ev["version"]) != 1 || len(ev["post_ids"].([]any)) != 2 {
		t.Fatalf("event: %s", r.Raw)
	}
	c = en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-01T07:00:00%%2B07:00&to=2026-12-02T07:00:00%%2B07:00&post_id=%d", hq)).obj()
	p = c["posts"].([]any)[0].(map[string]any)
	gaps := p["gaps"].([]any)
	if len(gaps) != 1 {
		t.Fatalf("gaps: %v", gaps)
	}
	gp := gaps[0].(map[string]any)
	if gp["start"] != "2026-12-01T09:00:00+07:00" || gp["end"] != "2026-12-01T11:30:00+07:00" || num(gp["required"]) != 2 ||
		num(gp["staffed"]) != 1 || num(gp["missing"]) != 1 || num(p["required_hours"]) != 26.5 || num(p["covered_hours"]) != 24 {
		t.Fatalf("event gap: %v in %v", gp, p)
	}
	if l := en.get("/api/v1/events?notify_police=true").list(); len(l) != 1 {
		t.Fatalf("police events: %v", l)
	}
	e := en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/events/%d", r.id()), `{"end":"2026-12-01T12:00:00+07:00"}`)).obj()
	if num(e["version"]) != 2 || e["end"] != "2026-12-01T12:00:00+07:00" {
		t.Fatalf("patched event: %v", e)
	}
	e = en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/events/%d", r.id()), nil)).obj()
	if e["status"] != "cancelled" {
		t.Fatalf("cancelled event: %v", e)
	}
	c = en.get(fmt.Sprintf("/api/v1/coverage?from=2026-12-01T07:00:00%%2B07:00&to=2026-12-02T07:00:00%%2B07:00&post_id=%d", hq)).obj()
	if g := c["posts"].([]any)[0].(map[string]any)["gaps"].([]any); len(g) != 0 {
		t.Fatalf("a cancelled event still counts: %v", g)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"title":"","kind":"crowd","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T10:00:00+07:00"}`, "title"},
		{`{"title":"X","kind":"party","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T10:00:00+07:00"}`, "kind"},
		{`{"title":"X","kind":"crowd","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T08:00:00+07:00"}`, "end"},
		{`{"title":"X","kind":"crowd","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T10:00:00+07:00","post_ids":[999]}`, "post_ids"},
		{`{"title":"X","kind":"crowd","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T10:00:00+07:00","extra_headcount":-1}`, "extra_headcount"},
		{`{"title":"X","kind":"crowd","start":"2026-12-01T09:00:00+07:00","end":"2026-12-01T10:00:00+07:00","notify_police":"yes"}`, "notify_police"},
	} {
		if r := en.do("manager", "POST", "/api/v1/events", tc.body); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("event %s: %d %s", tc.body, r.Status, r.Raw)
		}
	}
	for _, q := range []string{"?from=2026-12-02&to=2026-12-01", "?post_id=999", "?from=2026-01-01&to=2027-06-01", "?from=x"} {
		if r := en.do("viewer", "GET", "/api/v1/coverage"+q, nil); r.Status != 400 {
			t.Errorf("coverage%s: %d %s", q, r.Status, r.Raw)
		}
	}
}

// Ensure the labour rules can be read and changed by an admin, and a rule set
// to block refuses a shift with 409 while a warning lets it through with violations.
func TestRulesWarnAndBlock(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	r := en.get("/api/v1/settings/rules").obj()
	if num(r["max_shift_hours"]) != 12 || num(r["max_weekly_hours"]) != 48 || r["night_start"] != "22:00" {
		t.Fatalf("defaults: %v", r)
	}
	s := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-02T07:00:00+07:00"))).obj()
	vs := s["violations"].([]any)
	found := map[string]bool{}
	for _, v := range vs {
		found[v.(map[string]any)["rule"].(string)] = true
	}
	if !found["shift_length"] || !found["daily_hours"] {
		t.Fatalf("violations of a 24 h shift: %v", vs)
	}
	if v := vs[0].(map[string]any); v["article"] == "" || v["message"] == "" || num(v["guard_id"]) != float64(an) {
		t.Fatalf("violation: %v", v)
	}
	if r := en.do("manager", "PUT", "/api/v1/settings/rules", r); r.Status != 403 {
		t.Fatalf("manager PUT rules: %d", r.Status)
	}
	r["enforcement"] = map[string]any{"shift_length": "block"}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/rules", r))
	x := en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-04T07:00:00+07:00"))
	if x.Status != 409 || !strings.Contains(x.Raw2(), "block") {
		t.Fatalf("blocked shift: %d %s", x.Status, x.Raw)
	}
	ok := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-03T15:00:00+07:00"))).obj()
	if len(ok["violations"].([]any)) != 0 {
		t.Fatalf("a lawful shift has violations: %v", ok["violations"])
	}
	for _, tc := range []struct {
		edit  func(m map[string]any)
		field string
	}{
		{func(m map[string]any) { m["max_shift_hours"] = 0 }, "max_shift_hours"},
		{func(m map[string]any) { m["night_start"] = "10pm" }, "night_start"},
		{func(m map[string]any) { m["enforcement"] = map[string]any{"naps": "block"} }, "enforcement.naps"},
		{func(m map[string]any) { m["enforcement"] = map[string]any{"weekly_hours": "maybe"} }, "enforcement.weekly_hours"},
		{func(m map[string]any) { m["bogus"] = 1 }, "bogus"},
	} {
		m := map[string]any{}
		for k, v := range r {
			m[k] = v
		}
		tc.edit(m)
		if x := en.do("admin", "PUT", "/api/v1/settings/rules", m); x.Status != 400 || x.errField() != tc.field {
			t.Errorf("rules %v: %d %s", tc.field, x.Status, x.Raw)
		}
	}
}

// Ensure the holidays of a year come from the lunar calendar and managers can add and remove days.
func TestHolidays(t *testing.T) {
	en := newEnv(t)
	hs := en.get("/api/v1/holidays?year=2026").list()
	dates := []string{}
	for _, h := range hs {
		dates = append(dates, h.(map[string]any)["date"].(string))
	}
	want := "2026-01-01 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-04-26 2026-04-30 2026-05-01 2026-09-01 2026-09-02"
	if strings.Join(dates, " ") != want {
		t.Fatalf("2026 holidays:\n got %s\nwant %s", strings.Join(dates, " "), want)
	}
	if h := hs[6].(map[string]any); h["name"] != "Giỗ Tổ Hùng Vương" || h["kind"] != "hung_kings" {
		t.Fatalf("Hùng Kings: %v", h)
	}
	en.must(201, en.do("manager", "POST", "/api/v1/holidays", `{"date":"2026-02-21","name":"Nghỉ bù Tết"}`))
	en.must(204, en.do("manager", "DELETE", "/api/v1/holidays/2026-02-16", nil))
	hs = en.get("/api/v1/holidays?year=2026").list()
	got := map[string]string{}
	for _, h := range hs {
		got[h.(map[string]any)["date"].(string)] = h.(map[string]any)["name"].(string)
	}
	if _, ok := got["2026-02-16"]; ok || got["2026-02-21"] != "Nghỉ bù Tết" || len(hs) != 11 {
		t.Fatalf("after changes: %v", got)
	}
	if r := en.do("manager", "POST", "/api/v1/holidays", `{"date":"2026-02-21","name":"again"}`); r.Status != 409 {
		t.Fatalf("add twice: %d", r.Status)
	}
	if r := en.do("manager", "DELETE", "/api/v1/holidays/2026-03-03", nil); r.Status != 404 {
		t.Fatalf("remove a working day: %d", r.Status)
	}
	for _, tc := range []struct{ q, field string }{{"?year=1899", "year"}, {"?year=abc", "year"}} {
		if r := en.do("viewer", "GET", "/api/v1/holidays"+tc.q, nil); r.Status != 400 || r.errField() != tc.field {
			t.Errorf("holidays%s: %d %s", tc.q, r.Status, r.Raw)
		}
	}
	if r := en.do("manager", "POST", "/api/v1/holidays", `{"date":"2026-13-01","name":"x"}`); r.Status != 400 || r.errField() != "date" {
		t.Errorf("bad date: %d %s", r.Status, r.Raw)
	}
	if r := en.do("viewer", "POST", "/api/v1/holidays", `{"date":"2026-03-01","name":"x"}`); r.Status != 403 {
		t.Errorf("viewer adds a holiday: %d", r.Status)
	}
}

// Ensure on the demo office the staffing verdict says the headquarters needs
// 4 guards and has 2, a guard on sick leave opens a gap exactly over their
// shift, and the suggestions name who can take it (not the sick guard, not one on duty).
func TestDemoStaffingSickLeaveSuggestions(t *testing.T) {
	en := newEnv(t)
	if _, err := en.st.LoadDemo(context.Background(), testNow); err != nil {
		t.Fatal(err)
	}
	st := en.get("/api/v1/staffing").obj()
	hq := st["posts"].([]any)[0].(map[string]any)
	if num(hq["min_guards"]) != 4 || num(hq["eligible_guards"]) != 2 || !strings.Contains(hq["verdict"].(string), "at least 4") {
		t.Fatalf("staffing: %v", hq)
	}
	// The headquarters shift of 2026-12-03 07:00 → 12-04 07:00.
	shifts := en.get("/api/v1/shifts?post_id=1&from=2026-12-03T07:00:00%2B07:00&to=2026-12-03T08:00:00%2B07:00").list()
	if len(shifts) != 1 {
		t.Fatalf("shifts: %v", shifts)
	}
	sh := shifts[0].(map[string]any)
	sick := int64(num(sh["guard_id"]))
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": sick, "kind": "sick",
		"start": "2026-12-02T20:00:00+07:00", "end": "2026-12-05T00:00:00+07:00"}))
	c := en.get("/api/v1/coverage?from=2026-12-01&to=2026-12-08&post_id=1").obj()
	gaps := c["posts"].([]any)[0].(map[string]any)["gaps"].([]any)
	// The sick guard's shift, and the demo's own uncovered night (Friday 18:00 → Saturday 07:00).
	if len(gaps) != 2 || gaps[1].(map[string]any)["start"] != "2026-12-04T18:00:00+07:00" || gaps[1].(map[string]any)["end"] != "2026-12-05T07:00:00+07:00" {
		t.Fatalf("gaps: %v", gaps)
	}
	g := gaps[0].(map[string]any)
	if g["start"] != sh["start"] || g["end"] != sh["end"] || num(g["missing"]) != 1 {
		t.Fatalf("gap %v, want exactly the shift %v – %v", g, sh["start"], sh["end"])
	}
	sug := en.get(fmt.Sprintf("/api/v1/suggestions?post_id=1&start=%s&end=%s", strings.ReplaceAll(sh["start"].(string), "+", "%2B"),
		strings.ReplaceAll(sh["end"].(string), "+", "%2B"))).list()
	if len(sug) != 1 {
		t.Fatalf("suggestions: %v", sug)
	}
	s0 := sug[0].(map[string]any)
	if int64(num(s0["guard_id"])) == sick || s0["name"] == "" || len(s0["reasons"].([]any)) == 0 {
		t.Fatalf("suggestion: %v", s0)
	}
	for _, q := range []string{"", "?post_id=1", "?post_id=1&start=2026-12-03T07:00:00%2B07:00", "?post_id=999&start=2026-12-03&end=2026-12-04",
		"?post_id=1&start=2026-12-03&end=2026-12-05"} {
		if r := en.do("viewer", "GET", "/api/v1/suggestions"+q, nil); r.Status != 400 {
			t.Errorf("suggestions%s: %d %s", q, r.Status, r.Raw)
		}
	}
}
