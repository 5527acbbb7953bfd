package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/store"
	"catruc/store/storetest"
)

// twoInstances starts two API servers, each with its own store, on one
// database (one schema on PostgreSQL when CATRUC_TEST_POSTGRES is set; one
// SQLite file otherwise), as two catruc instances behind a load balancer.
func twoInstances(t *testing.T) (a, b *env) {
	t.Helper()
	dsn := storetest.DSN(t)
	var envs []*env
	for range 2 {
		st, err := store.Open(context.Background(), dsn, store.WithClock(func() time.Time { return testNow }))
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }})
		srv := httptest.NewServer(e)
		t.Cleanup(func() { srv.Close(); st.Close() })
		envs = append(envs, &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: dsn})
	}
	for _, role := range []string{"admin", "manager", "viewer"} {
		secret, _, err := envs[0].st.CreateToken(context.Background(), role+"-token", role, nil)
		if err != nil {
			t.Fatal(err)
		}
		envs[0].tokens[role], envs[1].tokens[role] = secret, secret
	}
	return envs[0], envs[1]
}

// Ensure a calendar feed has one ETag on every instance: what one instance
// served is answered 304 by the other, both serve the same body, and a
// change written through either moves the ETag on both alike.
func TestFeedETagAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	hq, _, an, _ := a.seedOffice()
	a.must(201, a.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-02T07:00:00+07:00", "2026-12-02T19:00:00+07:00")))
	cal := a.must(201, a.do("manager", "POST", "/api/v1/calendars", map[string]any{"scope": "guard", "target_id": an})).obj()
	path := strings.TrimPrefix(cal["url"].(string), "http://127.0.0.1:8080")

	get := func(en *env, etag string) (int, string, string) {
		t.Helper()
		var hs []string
		if etag != "" {
			hs = []string{"If-None-Match", etag}
		}
		code, h, body := feedGet(t, "GET", en.srv.URL+path, hs...)
		return code, h.Get("ETag"), body
	}
	codeA, etag, bodyA := get(a, "")
	if codeA != 200 || etag == "" || !strings.Contains(bodyA, "DTSTART;TZID=Asia/Ho_Chi_Minh:20261202T070000") {
		t.Fatalf("instance a: %d %q", codeA, etag)
	}
	if code, tag, _ := get(b, etag); code != 304 || tag != etag {
		t.Fatalf("instance b answered a's ETag with %d %q, want 304 %q", code, tag, etag)
	}
	if code, tag, body := get(b, ""); code != 200 || tag != etag || body != bodyA {
		t.Fatalf("instance b: %d %q, same body %v", code, tag, body == bodyA)
	}

	// A change written through b: both instances show it under one new ETag.
	b.must(201, b.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-03T19:00:00+07:00")))
	codeA, etag2, bodyA := get(a, etag)
	if codeA != 200 || etag2 == etag || !strings.Contains(bodyA, "DTSTART;TZID=Asia/Ho_Chi_Minh:20261203T070000") {
		t.Fatalf("instance a after b's change: %d %q (before %q)", codeA, etag2, etag)
	}
	if code, tag, body := get(b, etag); code != 200 || tag != etag2 || body != bodyA {
		t.Fatalf("instance b after its change: %d %q, want 200 %q and a's body (same: %v)", code, tag, etag2, body == bodyA)
	}
	if code, _, _ := get(a, etag2); code != 304 {
		t.Fatalf("instance a answered the new ETag with %d", code)
	}
}
