package api_test

import (
	"strings"
	"testing"
)

// Ensure the office heading's settings (parent_body, place,
// doc_number_prefix) go through GET/PUT /settings/office intact in
// Vietnamese, trimmed; a value too long or holding a line break is a 400
// naming its field and changes nothing.
func TestOfficeHeadingSettings(t *testing.T) {
	en := newEnv(t)
	o := en.must(200, en.do("viewer", "GET", "/api/v1/settings/office", nil)).obj()
	for _, k := range []string{"parent_body", "place", "doc_number_prefix"} {
		if v, ok := o[k]; !ok || v != "" {
			t.Errorf("default %s: %v (present %v)", k, v, ok)
		}
	}
	want := map[string]any{"name": "Văn phòng UBND tỉnh Quảng Ngãi", "timezone": "Asia/Ho_Chi_Minh",
		"parent_body": "UBND tỉnh Quảng Ngãi", "place": "Quảng Ngãi", "doc_number_prefix": "/LT-VP"}
	body := map[string]any{}
	for k, v := range want {
		body[k] = v
		if k != "timezone" {
			body[k] = "  " + v.(string) + " "
		}
	}
	put := en.must(200, en.do("admin", "PUT", "/api/v1/settings/office", body)).obj()
	got := en.must(200, en.do("viewer", "GET", "/api/v1/settings/office", nil)).obj()
	for k, v := range want {
		if put[k] != v || got[k] != v {
			t.Errorf("%s: PUT answered %q, GET %q, want %q", k, put[k], got[k], v)
		}
	}
	for _, tc := range []struct{ field, value string }{
		{"parent_body", strings.Repeat("Ủ", 201)},
		{"place", strings.Repeat("a", 101)},
		{"doc_number_prefix", strings.Repeat("/", 51)},
		{"place", "Quảng\nNgãi"},
		{"parent_body", "UBND\ttỉnh"},
	} {
		bad := map[string]any{}
		for k, v := range want {
			bad[k] = v
		}
		bad[tc.field] = tc.value
		r := en.do("admin", "PUT", "/api/v1/settings/office", bad)
		if r.Status != 400 || r.errField() != tc.field {
			t.Errorf("%s = %q: %d %s", tc.field, tc.value, r.Status, r.Raw)
		}
	}
	if got := en.must(200, en.do("viewer", "GET", "/api/v1/settings/office", nil)).obj(); got["place"] != "Quảng Ngãi" {
		t.Errorf("a refused PUT changed the settings: %v", got)
	}
	// The longest values allowed are kept.
	ok := map[string]any{"name": "VP", "timezone": "Asia/Ho_Chi_Minh", "parent_body": strings.Repeat("Ủ", 200),
		"place": strings.Repeat("a", 100), "doc_number_prefix": strings.Repeat("/", 50)}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/office", ok))
	if r := en.do("manager", "PUT", "/api/v1/settings/office", want); r.Status != 403 {
		t.Errorf("a manager changes the office settings: %d", r.Status)
	}
}
