package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/store"
	"catruc/store/storetest"
)

// holdWriteLock takes the database's write lock from another connection, as
// a long import, another process or another instance would, until release is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	return storetest.HoldWriteLock(t, path)
}

// newBusyEnv is newEnv with a store whose writes wait only 200 ms for the write lock.
func newBusyEnv(t *testing.T) *env {
	t.Helper()
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(func() time.Time { return testNow }),
		store.WithBusyTimeout(200*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }})
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); st.Close() })
	en := &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path}
	for _, role := range []string{"admin", "manager", "viewer"} {
		secret, _, err := st.CreateToken(context.Background(), role+"-token", role, nil)
		if err != nil {
			t.Fatal(err)
		}
		en.tokens[role] = secret
	}
	return en
}

// rawDo sends a request as role and returns the status, headers and body
// without failing on a 5xx (en.do does).
func (en *env) rawDo(role, method, path, body string) (int, http.Header, map[string]any) {
	en.t.Helper()
	req, _ := http.NewRequest(method, en.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+en.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	raw, _ := io.ReadAll(res.Body)
	_ = json.Unmarshal(raw, &m)
	return res.StatusCode, res.Header, m
}

// Ensure a write that finds the database locked by another writer for longer
// than the busy timeout answers 503 with Retry-After and a coded JSON error,
// never 500; reads still answer meanwhile, and once the lock is released the
// same write succeeds.
func TestBusyDatabaseAnswers503(t *testing.T) {
	en := newBusyEnv(t)
	hq, _, an, _ := en.seedOffice()
	body := `{"post_id":` + strconv.FormatInt(hq, 10) + `,"guard_id":` + strconv.FormatInt(an, 10) +
		`,"start":"2026-12-05T07:00:00+07:00","end":"2026-12-06T07:00:00+07:00"}`
	release := holdWriteLock(t, en.path)

	status, h, m := en.rawDo("manager", "POST", "/api/v1/shifts", body)
	if status != http.StatusServiceUnavailable {
		t.Fatalf("POST /shifts under a held write lock answered %d %v, want 503", status, m)
	}
	if s, err := strconv.Atoi(h.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After = %q, want a whole number of seconds", h.Get("Retry-After"))
	}
	e, _ := m["error"].(map[string]any)
	if e["code"] != "unavailable" || e["key"] != "store.busy" || !strings.Contains(e["message"].(string), "busy") {
		t.Errorf("error body = %v, want code unavailable, key store.busy", e)
	}
	if status, _, _ := en.rawDo("viewer", "GET", "/api/v1/shifts?from=2026-12-01&to=2026-12-08", ""); status != 200 {
		t.Errorf("GET /shifts while a writer holds the lock answered %d, want 200", status)
	}

	release()
	if status, _, m := en.rawDo("manager", "POST", "/api/v1/shifts", body); status != http.StatusCreated {
		t.Fatalf("POST /shifts after the lock was released answered %d %v, want 201", status, m)
	}
	list := en.must(200, en.do("viewer", "GET", "/api/v1/shifts?from=2026-12-05&to=2026-12-06", nil)).list()
	if len(list) != 1 {
		t.Errorf("%d shifts on 5 December, want exactly 1 (the 503 created nothing)", len(list))
	}
}
