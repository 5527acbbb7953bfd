package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// Ensure posts can be created, read, listed, patched and deleted, with Vietnamese text intact.
func TestPostsHappyPath(t *testing.T) {
	en := newEnv(t)
	r := en.must(201, en.do("manager", "POST", "/api/v1/posts", map[string]any{
		"code": "tiep-cong-dan", "name": "Trụ sở Tiếp công dân tỉnh", "site": "Lê Trung Đình", "kind": "guard",
		"contact":      map[string]any{"name": "Ban Tiếp công dân", "phone": "0255 3822 002", "email": "tcd@example.vn"},
		"requirements": []any{map[string]any{"days": []int{1, 2, 3, 4, 5}, "start": "07:00", "end": "17:00", "headcount": 1}},
	}))
	p := r.obj()
	if p["name"] != "Trụ sở Tiếp công dân tỉnh" || p["active"] != true || p["kind"] != "guard" {
		t.Fatalf("created: %s", r.Raw)
	}
	if !strings.Contains(string(r.Raw), "Trụ sở Tiếp công dân tỉnh") {
		t.Fatalf("Vietnamese text escaped or mangled: %s", r.Raw)
	}
	id := r.id()
	got := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", id), nil)).obj()
	reqs := got["requirements"].([]any)
	req := reqs[0].(map[string]any)
	if req["start"] != "07:00" || req["end"] != "17:00" || req["headcount"].(float64) != 1 || len(req["days"].([]any)) != 5 {
		t.Fatalf("requirements: %v", reqs)
	}
	if got["contact"].(map[string]any)["email"] != "tcd@example.vn" {
		t.Fatalf("contact: %v", got["contact"])
	}

	// PATCH merges: only the fields sent change; contact merges member by member.
	r = en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/posts/%d", id),
		`{"name":"Tiếp công dân","contact":{"phone":"0255 3999 999"}}`))
	p = r.obj()
	c := p["contact"].(map[string]any)
	if p["name"] != "Tiếp công dân" || p["code"] != "tiep-cong-dan" || c["phone"] != "0255 3999 999" || c["name"] != "Ban Tiếp công dân" {
		t.Fatalf("patched: %s", r.Raw)
	}
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/posts/%d", id), `{"active":false}`))
	list := en.must(200, en.do("viewer", "GET", "/api/v1/posts?active=true", nil)).list()
	if len(list) != 0 {
		t.Fatalf("inactive post listed as active: %v", list)
	}
	list = en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list()
	if len(list) != 1 {
		t.Fatalf("posts: %v", list)
	}
	en.must(204, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/posts/%d", id), nil))
	r = en.must(404, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", id), nil))
	if r.errCode() != "not_found" {
		t.Fatalf("after delete: %s", r.Raw)
	}
}

// Ensure each post validation rule answers 400 naming its field, and changes nothing.
func TestPostsValidation(t *testing.T) {
	en := newEnv(t)
	hq, _, _, _ := en.seedOffice()
	base := func() map[string]any {
		return map[string]any{"code": "moi", "name": "Vọng mới", "kind": "guard",
			"requirements": []any{map[string]any{"days": []int{1}, "start": "07:00", "end": "17:00", "headcount": 1}}}
	}
	cases := []struct {
		name  string
		edit  func(m map[string]any)
		field string
	}{
		{"missing code", func(m map[string]any) { delete(m, "code") }, "code"},
		{"bad code", func(m map[string]any) { m["code"] = "Vọng Mới" }, "code"},
		{"code taken", func(m map[string]any) { m["code"] = "tru-so" }, "code"},
		{"missing name", func(m map[string]any) { m["name"] = "" }, "name"},
		{"bad kind", func(m map[string]any) { m["kind"] = "army" }, "kind"},
		{"kind wrong type", func(m map[string]any) { m["kind"] = 3 }, "kind"},
		{"unknown field", func(m map[string]any) { m["colour"] = "red" }, "colour"},
		{"bad day", func(m map[string]any) { m["requirements"].([]any)[0].(map[string]any)["days"] = []int{8} }, "requirements[0].days"},
		{"days wrong type", func(m map[string]any) { m["requirements"].([]any)[0].(map[string]any)["days"] = "mon" }, "requirements.days"},
		{"bad start", func(m map[string]any) { m["requirements"].([]any)[0].(map[string]any)["start"] = "25:00" }, "requirements[0].start"},
		{"headcount 0", func(m map[string]any) { m["requirements"].([]any)[0].(map[string]any)["headcount"] = 0 }, "requirements[0].headcount"},
		{"headcount 21", func(m map[string]any) { m["requirements"].([]any)[0].(map[string]any)["headcount"] = 21 }, "requirements[0].headcount"},
		{"bad email", func(m map[string]any) { m["contact"] = map[string]any{"email": "x@"} }, "contact.email"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.edit(m)
			r := en.do("manager", "POST", "/api/v1/posts", m)
			want := 400
			if tc.name == "code taken" {
				want = 409
			}
			if r.Status != want || r.errField() != tc.field {
				t.Fatalf("status %d field %q, want %d %q: %s", r.Status, r.errField(), want, tc.field, r.Raw)
			}
		})
	}
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list()); n != 2 {
		t.Fatalf("%d posts after refused writes, want 2", n)
	}
	// PATCH validates the merged post and changes nothing when refused.
	r := en.do("manager", "PATCH", fmt.Sprintf("/api/v1/posts/%d", hq), `{"name":"Mới","requirements":[{"days":[1],"start":"07:00","end":"7pm","headcount":1}]}`)
	if r.Status != 400 || r.errField() != "requirements[0].end" {
		t.Fatalf("patch: %d %s", r.Status, r.Raw)
	}
	if got := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", hq), nil)).obj()["name"]; got != "Trụ sở HĐND, UBND tỉnh" {
		t.Fatalf("refused patch changed the name to %v", got)
	}
	if r := en.do("manager", "PATCH", fmt.Sprintf("/api/v1/posts/%d", hq), `{"id":99}`); r.Status != 400 || r.errField() != "id" {
		t.Fatalf("patching id: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "PATCH", "/api/v1/posts/999", `{"name":"x"}`); r.Status != 404 {
		t.Fatalf("patch unknown: %d", r.Status)
	}
	if r := en.do("viewer", "GET", "/api/v1/posts/abc", nil); r.Status != 400 || r.errField() != "id" {
		t.Fatalf("bad id: %d %s", r.Status, r.Raw)
	}
	if r := en.do("viewer", "GET", "/api/v1/posts?kind=army", nil); r.Status != 400 || r.errField() != "kind" {
		t.Fatalf("bad kind filter: %d %s", r.Status, r.Raw)
	}
}

// Ensure a post with shifts in its history cannot be deleted (409), only deactivated.
func TestPostDeleteWithHistory(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq, "guard_id": an,
		"start": "2026-12-01T07:00:00+07:00", "end": "2026-12-01T15:00:00+07:00"}))
	r := en.do("manager", "DELETE", fmt.Sprintf("/api/v1/posts/%d", hq), nil)
	if r.Status != 409 || !strings.Contains(r.obj()["error"].(map[string]any)["message"].(string), "active") {
		t.Fatalf("delete with history: %d %s", r.Status, r.Raw)
	}
}
