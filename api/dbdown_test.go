package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

// Ensure that when PostgreSQL goes out of reach a read answers 503 with
// Retry-After and the key store.unreachable (not a 500), /readyz answers 503
// and /healthz (liveness) still 200 saying so; and that once the database
// is back the same requests are served again without a restart.
func TestDatabaseOutOfReach(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("needs CATRUC_TEST_POSTGRES: a database that can be cut off")
	}
	dsn, p := storetest.Through(t, storetest.DSN(t))
	st, err := store.Open(context.Background(), dsn, storetest.Options(dsn, store.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }})
	srv := httptest.NewServer(contract(t, e))
	t.Cleanup(func() { srv.Close(); st.Close() })
	secret, _, err := st.CreateToken(context.Background(), "viewer-token", scheduler.RoleViewer, nil)
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, http.Header, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body map[string]any
		raw, _ := io.ReadAll(res.Body)
		_ = json.Unmarshal(raw, &body)
		return res.StatusCode, res.Header, body
	}
	if code, _, _ := get("/api/v1/posts"); code != 200 {
		t.Fatalf("GET /posts before the cut: %d", code)
	}
	if code, _, _ := get("/healthz"); code != 200 {
		t.Fatalf("/healthz before the cut: %d", code)
	}

	p.Cut()
	code, h, body := get("/api/v1/posts")
	errBody, _ := body["error"].(map[string]any)
	if code != 503 || h.Get("Retry-After") == "" || errBody["code"] != scheduler.EUNAVAILABLE || errBody["key"] != "store.unreachable" {
		t.Fatalf("a read with the database out of reach: %d %v (Retry-After %q)", code, body, h.Get("Retry-After"))
	}
	if code, _, body := get("/readyz"); code != 503 || body["status"] != "unavailable" {
		t.Fatalf("/readyz: %d %v", code, body)
	}
	if code, _, body := get("/healthz"); code != 200 || body["db"] != "unreachable" || body["schema"] == nil {
		t.Fatalf("/healthz: %d %v", code, body)
	}

	p.Restore() // the same port again
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, _, body := get("/api/v1/posts")
		if code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database is back but reads still answer %d %v", code, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if code, _, body := get("/readyz"); code != 200 {
		t.Fatalf("/readyz once the database is back: %d %v", code, body)
	}
	if code, _, body := get("/healthz"); code != 200 || body["db"] != nil {
		t.Fatalf("/healthz once the database is back: %d %v", code, body)
	}
}
