package api_test

import (
	"fmt"
	"testing"
)

// Ensure guards can be created, read, listed by post, patched and deleted.
func TestGuardsHappyPath(t *testing.T) {
	en := newEnv(t)
	hq, police, _, _ := en.seedOffice()
	r := en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{
		"name": "Thượng úy Võ Thành Nam", "unit": "police", "skills": []string{"cảnh sát bảo vệ"}, "post_ids": []int64{police}}))
	g := r.obj()
	if g["name"] != "Thượng úy Võ Thành Nam" || g["unit"] != "police" || g["active"] != true || g["skills"].([]any)[0] != "cảnh sát bảo vệ" {
		t.Fatalf("created: %s", r.Raw)
	}
	id := r.id()
	list := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards?post_id=%d", hq), nil)).list()
	if len(list) != 2 {
		t.Fatalf("guards at headquarters: %d, want 2", len(list))
	}
	list = en.must(200, en.do("viewer", "GET", "/api/v1/guards?unit=police", nil)).list()
	if len(list) != 1 || list[0].(map[string]any)["id"].(float64) != float64(id) {
		t.Fatalf("police guards: %v", list)
	}
	// A default unit is office; a new guard with no posts gets [].
	r = en.must(201, en.do("manager", "POST", "/api/v1/guards", `{"name":"Phạm Quốc Bảo"}`))
	if r.obj()["unit"] != "office" || len(r.obj()["post_ids"].([]any)) != 0 || len(r.obj()["skills"].([]any)) != 0 {
		t.Fatalf("defaults: %s", r.Raw)
	}
	bao := r.id()
	r = en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/guards/%d", bao), map[string]any{"post_ids": []int64{hq, police}, "phone": "0905 111 203"}))
	if len(r.obj()["post_ids"].([]any)) != 2 || r.obj()["name"] != "Phạm Quốc Bảo" || r.obj()["phone"] != "0905 111 203" {
		t.Fatalf("patched: %s", r.Raw)
	}
	en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards/%d", bao), nil))
	en.must(204, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/guards/%d", bao), nil))
	en.must(404, en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards/%d", bao), nil))
	en.must(404, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/guards/%d", bao), nil))
}

// Ensure guard validation answers 400 naming the field, including unknown post ids, and changes nothing.
func TestGuardsValidation(t *testing.T) {
	en := newEnv(t)
	_, _, an, _ := en.seedOffice()
	cases := []struct {
		name, body, field string
	}{
		{"no name", `{"unit":"office"}`, "name"},
		{"unknown post", `{"name":"X","post_ids":[999]}`, "post_ids"},
		{"post id wrong type", `{"name":"X","post_ids":["1"]}`, "post_ids"},
		{"bad email", `{"name":"X","email":"nope"}`, "email"},
		{"skills wrong type", `{"name":"X","skills":"PCCC"}`, "skills"},
		{"active wrong type", `{"name":"X","active":"yes"}`, "active"},
		{"unknown field", `{"name":"X","rank":"captain"}`, "rank"},
		{"malformed", `{"name":"X",`, ""},
		{"not an object", `["X"]`, ""},
		{"two values", `{"name":"X"} {"name":"Y"}`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := en.do("manager", "POST", "/api/v1/guards", tc.body)
			if r.Status != 400 || r.errCode() != "invalid" || r.errField() != tc.field {
				t.Fatalf("status %d code %q field %q, want 400 invalid %q: %s", r.Status, r.errCode(), r.errField(), tc.field, r.Raw)
			}
		})
	}
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/guards", nil)).list()); n != 2 {
		t.Fatalf("%d guards after refused writes", n)
	}
	r := en.do("manager", "PATCH", fmt.Sprintf("/api/v1/guards/%d", an), `{"post_ids":[1,999]}`)
	if r.Status != 400 || r.errField() != "post_ids" {
		t.Fatalf("patch unknown post: %d %s", r.Status, r.Raw)
	}
	g := en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/guards/%d", an), nil)).obj()
	if len(g["post_ids"].([]any)) != 1 {
		t.Fatalf("a refused patch changed post_ids: %v", g["post_ids"])
	}
}
