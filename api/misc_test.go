package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"catruc/store"
	"catruc/store/storetest"
)

// Ensure time off is created, listed by guard and window, validated with field names, and deleted.
func TestTimeOff(t *testing.T) {
	en := newEnv(t)
	_, _, an, duc := en.seedOffice()
	r := en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "training",
		"start": "2026-12-07T00:00:00+07:00", "end": "2026-12-12T00:00:00+07:00", "note": "Tập huấn nghiệp vụ bảo vệ – Công an tỉnh"}))
	if r.obj()["kind"] != "training" || r.obj()["start"] != "2026-12-07T00:00:00+07:00" || r.obj()["note"] != "Tập huấn nghiệp vụ bảo vệ – Công an tỉnh" {
		t.Fatalf("created: %s", r.Raw)
	}
	id := r.id()
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": duc, "kind": "sick",
		"start": "2026-12-02T05:00:00+07:00", "end": "2026-12-04T05:00:00+07:00"}))
	for _, tc := range []struct {
		q    string
		want int
	}{{"", 2}, {fmt.Sprintf("?guard_id=%d", an), 1}, {"?from=2026-12-05", 1}, {"?to=2026-12-03", 1}, {"?from=2026-12-13", 0}} {
		if got := len(en.must(200, en.do("viewer", "GET", "/api/v1/time-off"+tc.q, nil)).list()); got != tc.want {
			t.Errorf("GET /time-off%s: %d, want %d", tc.q, got, tc.want)
		}
	}
	for _, tc := range []struct {
		name, body, field string
	}{
		{"unknown guard", `{"guard_id":999,"kind":"leave","start":"2026-12-07T00:00:00+07:00","end":"2026-12-08T00:00:00+07:00"}`, "guard_id"},
		{"bad kind", fmt.Sprintf(`{"guard_id":%d,"kind":"holiday","start":"2026-12-07T00:00:00+07:00","end":"2026-12-08T00:00:00+07:00"}`, an), "kind"},
		{"reversed", fmt.Sprintf(`{"guard_id":%d,"kind":"leave","start":"2026-12-08T00:00:00+07:00","end":"2026-12-07T00:00:00+07:00"}`, an), "end"},
		{"bad start", fmt.Sprintf(`{"guard_id":%d,"kind":"leave","start":"7/12/2026","end":"2026-12-08T00:00:00+07:00"}`, an), "start"},
		{"unknown field", fmt.Sprintf(`{"guard_id":%d,"kind":"leave","start":"2026-12-07T00:00:00+07:00","end":"2026-12-08T00:00:00+07:00","reason":"x"}`, an), "reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := en.do("manager", "POST", "/api/v1/time-off", tc.body)
			if r.Status != 400 || r.errField() != tc.field {
				t.Fatalf("%d %q: %s", r.Status, r.errField(), r.Raw)
			}
		})
	}
	en.must(204, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/time-off/%d", id), nil))
	en.must(404, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/time-off/%d", id), nil))
	if got := len(en.must(200, en.do("viewer", "GET", "/api/v1/time-off", nil)).list()); got != 1 {
		t.Fatalf("%d after delete", got)
	}
}

// Ensure the audit log shows who did what, newest first, filtered by entity, id and time.
func TestAudit(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	sid := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00"))).id()
	en.must(200, en.do("admin", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", sid), `{"note":"đổi"}`))
	en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", sid), nil))
	es := en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/audit?entity=shift&entity_id=%d", sid), nil)).list()
	if len(es) != 3 {
		t.Fatalf("%d entries: %v", len(es), es)
	}
	want := []struct{ action, actor string }{{"cancel", "token:manager-token"}, {"update", "token:admin-token"}, {"create", "token:manager-token"}}
	for i, w := range want {
		e := es[i].(map[string]any)
		if e["action"] != w.action || e["actor"] != w.actor || e["entity"] != "shift" || e["at"] != "2026-12-01T09:30:00+07:00" {
			t.Errorf("entry %d: %v, want %v", i, e, w)
		}
	}
	create := es[2].(map[string]any)
	if create["before"] != nil || create["after"].(map[string]any)["post_id"].(float64) != float64(hq) {
		t.Fatalf("create entry: %v", create)
	}
	upd := es[1].(map[string]any)
	if upd["before"].(map[string]any)["note"] != "" || upd["after"].(map[string]any)["note"] != "đổi" {
		t.Fatalf("update entry: %v", upd)
	}
	all := en.must(200, en.do("manager", "GET", "/api/v1/audit", nil)).list()
	if len(all) != 10 { // 3 tokens, 4 seed writes, 3 shift writes
		t.Fatalf("%d entries in all, want 10", len(all))
	}
	if n := len(en.must(200, en.do("manager", "GET", "/api/v1/audit?from=2026-12-02", nil)).list()); n != 0 {
		t.Fatalf("%d entries after the clock", n)
	}
	if n := len(en.must(200, en.do("manager", "GET", "/api/v1/audit?entity=guard", nil)).list()); n != 2 {
		t.Fatalf("%d guard entries, want 2", n)
	}
	if r := en.do("viewer", "GET", "/api/v1/audit", nil); r.Status != 403 {
		t.Fatalf("viewer reading audit: %d", r.Status)
	}
	if r := en.do("manager", "GET", "/api/v1/audit?limit=0", nil); r.Status != 400 || r.errField() != "limit" {
		t.Fatalf("limit 0: %d %s", r.Status, r.Raw)
	}
}

// Ensure every /api/v1 route needs a live token (401), and viewers cannot write (403).
func TestAuth(t *testing.T) {
	en := newEnv(t)
	hq, _, _, _ := en.seedOffice()
	routes := []struct{ method, path, body string }{
		{"GET", "/api/v1/posts", ""}, {"POST", "/api/v1/posts", `{}`}, {"GET", "/api/v1/posts/1", ""},
		{"PATCH", "/api/v1/posts/1", `{}`}, {"DELETE", "/api/v1/posts/1", ""},
		{"GET", "/api/v1/guards", ""}, {"POST", "/api/v1/guards", `{}`}, {"GET", "/api/v1/guards/1", ""},
		{"PATCH", "/api/v1/guards/1", `{}`}, {"DELETE", "/api/v1/guards/1", ""},
		{"GET", "/api/v1/shifts", ""}, {"POST", "/api/v1/shifts", `{}`}, {"GET", "/api/v1/shifts/1", ""},
		{"PATCH", "/api/v1/shifts/1", `{}`}, {"DELETE", "/api/v1/shifts/1", ""},
		{"GET", "/api/v1/time-off", ""}, {"POST", "/api/v1/time-off", `{}`}, {"DELETE", "/api/v1/time-off/1", ""},
		{"GET", "/api/v1/audit", ""}, {"GET", "/api/v1/settings/office", ""}, {"PUT", "/api/v1/settings/office", `{}`},
	}
	secret, _, err := en.st.CreateToken(context.Background(), "old", "admin", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := en.st.RevokeToken(context.Background(), "old"); err != nil {
		t.Fatal(err)
	}
	for _, rt := range routes {
		var body any
		if rt.body != "" {
			body = rt.body
		}
		for _, who := range []string{"", secret, "ctr_not-a-real-token"} {
			r := en.do(who, rt.method, rt.path, body)
			if r.Status != 401 || r.errCode() != "unauthorized" || r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s %s with %q: %d %s", rt.method, rt.path, who, r.Status, r.Raw)
			}
		}
		if rt.method != "GET" {
			r := en.do("viewer", rt.method, rt.path, body)
			if r.Status != 403 || r.errCode() != "forbidden" {
				t.Errorf("viewer %s %s: %d %s", rt.method, rt.path, r.Status, r.Raw)
			}
		}
	}
	// A malformed header is 401 too.
	req, _ := http.NewRequest("GET", en.srv.URL+"/api/v1/posts", nil)
	req.Header.Set("Authorization", "Basic YWRtaW46YWRtaW4=")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Fatalf("basic auth: %d", res.StatusCode)
	}
	// Nothing changed by the refused writes.
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list()); n != 2 {
		t.Fatalf("%d posts", n)
	}
	en.must(200, en.do("viewer", "GET", fmt.Sprintf("/api/v1/posts/%d", hq), nil))
	me := en.must(200, en.do("viewer", "GET", "/api/v1/me", nil)).obj()
	if me["name"] != "viewer-token" || me["role"] != "viewer" {
		t.Fatalf("me: %v", me)
	}
	// A manager may not change the office settings; an admin may.
	if r := en.do("manager", "PUT", "/api/v1/settings/office", `{"name":"X","timezone":"Asia/Ho_Chi_Minh"}`); r.Status != 403 {
		t.Fatalf("manager settings: %d", r.Status)
	}
}

// Ensure the health check needs no token and reports the schema version.
func TestHealthz(t *testing.T) {
	en := newEnv(t)
	v, _ := en.st.SchemaVersion(context.Background())
	for _, p := range []string{"/healthz", "/api/v1/healthz"} {
		r := en.must(200, en.do("", "GET", p, nil))
		if r.obj()["status"] != "ok" || r.obj()["schema"].(float64) != float64(v) || v < 1 {
			t.Fatalf("%s: %s", p, r.Raw)
		}
	}
}

// Ensure bodies over 1 MiB are 413, unknown routes 404 and wrong methods 405, all as JSON errors.
func TestLimitsAndRouting(t *testing.T) {
	en := newEnv(t)
	big := `{"name":"` + strings.Repeat("a", 1<<20) + `"}`
	r := en.do("manager", "POST", "/api/v1/guards", big)
	if r.Status != 413 || r.errCode() != "too_large" {
		t.Fatalf("big body: %d %s", r.Status, r.Raw)
	}
	// Also when the length is not announced (chunked).
	req, _ := http.NewRequest("POST", en.srv.URL+"/api/v1/guards", strings.NewReader(big))
	req.ContentLength = -1
	req.Header.Set("Authorization", "Bearer "+en.tokens["manager"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 413 {
		t.Fatalf("chunked big body: %d", res.StatusCode)
	}
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/guards", nil)).list()); n != 0 {
		t.Fatalf("a refused body stored %d guards", n)
	}
	if r := en.do("viewer", "GET", "/api/v1/nothing", nil); r.Status != 404 || r.errCode() != "not_found" {
		t.Fatalf("unknown route: %d %s", r.Status, r.Raw)
	}
	if r := en.do("manager", "PUT", "/api/v1/posts", `{}`); r.Status != 405 {
		t.Fatalf("wrong method: %d %s", r.Status, r.Raw)
	}
}

// Ensure the office settings change the zone in which dates are read, and bad zones are refused.
func TestOfficeSettings(t *testing.T) {
	en := newEnv(t)
	o := en.must(200, en.do("viewer", "GET", "/api/v1/settings/office", nil)).obj()
	if o["timezone"] != "Asia/Ho_Chi_Minh" || o["name"] != "Văn phòng UBND tỉnh" {
		t.Fatalf("defaults: %v", o)
	}
	if r := en.do("admin", "PUT", "/api/v1/settings/office", `{"name":"VP","timezone":"Mars/Olympus"}`); r.Status != 400 || r.errField() != "timezone" {
		t.Fatalf("bad zone: %d %s", r.Status, r.Raw)
	}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/office", `{"name":"Văn phòng UBND tỉnh Quảng Ngãi","timezone":"Europe/Berlin"}`))
	hq, _, an, _ := en.seedOffice()
	r := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-01T07:00:00+07:00", "2026-12-01T19:00:00+07:00")))
	if r.obj()["start"] != "2026-12-01T01:00:00+01:00" {
		t.Fatalf("start in Berlin: %v", r.obj()["start"])
	}
	// A date in a query is now a Berlin midnight: the shift starts 01:00 on the 1st.
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?from=2026-12-01T00:00:00%2B01:00&to=2026-12-01T01:00:00%2B01:00", nil)).list()); n != 0 {
		t.Fatalf("empty window: %d", n)
	}
	if n := len(en.must(200, en.do("viewer", "GET", "/api/v1/shifts?from=2026-12-01&to=2026-12-02", nil)).list()); n != 1 {
		t.Fatalf("Berlin day: %d", n)
	}
	// It survives a reopen.
	st, err := store.Open(context.Background(), en.path, storetest.Options(en.path)...)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Location().String() != "Europe/Berlin" {
		t.Fatalf("zone after reopen: %s", st.Location())
	}
	_ = time.Second
}
