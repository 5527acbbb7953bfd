package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// Ensure no body a client can send to any write route makes the server answer
// 500 (en.do fails the test on any 5xx), and every refusal is a 4xx JSON error.
func TestNoBodyCauses500(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	sid := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00"))).id()
	bodies := []string{
		``, `null`, `[]`, `"x"`, `123`, `true`, `{`, `}`, `{"a":}`, `{}`, `{"id":"x"}`, `{"id":-1}`,
		`{"post_id":1e400}`, `{"guard_id":-5}`, `{"guard_id":9223372036854775807}`, `{"start":"9999-12-31T23:59:59Z","end":"9999-12-31T23:59:59Z"}`,
		`{"start":"0001-01-01T00:00:00Z"}`, `{"name":"\u0000"}`, `{"name":"` + "\xff\xfe" + `"}`, `{"requirements":[null]}`,
		`{"requirements":[{"days":null}]}`, `{"requirements":{"days":[1]}}`, `{"contact":"x"}`, `{"contact":null}`,
		`{"skills":[null]}`, `{"post_ids":[1.5]}`, `{"version":"2"}`, `{"status":null}`, `{"kind":["guard"]}`,
		strings.Repeat(`[`, 10000) + strings.Repeat(`]`, 10000), `{"name":"a"}{"name":"b"}`, `{"timezone":"../../etc/passwd","name":"x"}`,
	}
	routes := []struct{ method, path string }{
		{"POST", "/api/v1/posts"}, {"PATCH", fmt.Sprintf("/api/v1/posts/%d", hq)},
		{"POST", "/api/v1/guards"}, {"PATCH", fmt.Sprintf("/api/v1/guards/%d", an)},
		{"POST", "/api/v1/shifts"}, {"PATCH", fmt.Sprintf("/api/v1/shifts/%d", sid)},
		{"POST", "/api/v1/time-off"}, {"PUT", "/api/v1/settings/office"},
	}
	for _, rt := range routes {
		for _, b := range bodies {
			r := en.do("admin", rt.method, rt.path, b)
			if r.Status < 400 && b != `{}` && !strings.HasPrefix(b, `{"contact":null`) {
				// {} on a PATCH is a no-op; everything else here is wrong somewhere.
				if rt.method != "PATCH" {
					t.Errorf("%s %s %q: %d %s", rt.method, rt.path, b, r.Status, r.Raw)
				}
			}
			if r.Status >= 400 && r.errCode() == "" {
				t.Errorf("%s %s %q: %d without a JSON error: %s", rt.method, rt.path, b, r.Status, r.Raw)
			}
		}
	}
	for _, p := range []string{"/api/v1/posts/0", "/api/v1/posts/99999999999999999999", "/api/v1/shifts/-1", "/api/v1/guards/%00",
		"/api/v1/shifts?from=" + strings.Repeat("9", 500), "/api/v1/audit?entity_id=abc", "/api/v1/time-off?from=2026-02-30"} {
		if r := en.do("admin", "GET", p, nil); r.Status < 400 {
			t.Errorf("GET %s: %d", p, r.Status)
		}
	}
}
