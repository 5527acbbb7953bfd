package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

// fuzzRoute is one write route driven by FuzzWriteRoutes: the method, the
// path (with the ids of the seeded records) and the role that sends it.
type fuzzRoute struct{ method, path, role string }

// fuzzServer is the API on a real SQLite file with one of each record the
// write routes act on, and tokens of the roles that send them.
type fuzzServer struct {
	srv    *httptest.Server
	tokens map[string]string
	routes []fuzzRoute
}

func newFuzzServer(tb testing.TB) *fuzzServer {
	tb.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(tb)
	st, err := store.Open(ctx, dsn, storetest.Options(dsn, store.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }})
	fs := &fuzzServer{srv: httptest.NewServer(e), tokens: map[string]string{}}
	tb.Cleanup(func() { fs.srv.Close(); st.Close() })
	gs, err := st.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil || len(gs) < 2 {
		tb.Fatalf("demo guards: %v %d", err, len(gs))
	}
	for _, role := range []string{"admin", "manager"} {
		if fs.tokens[role], _, err = st.CreateToken(ctx, role, role, nil); err != nil {
			tb.Fatal(err)
		}
	}
	if fs.tokens["guard"], _, err = st.CreateToken(ctx, "guard", "guard", &gs[0].ID); err != nil {
		tb.Fatal(err)
	}
	from, to := testNow, testNow.Add(14*24*time.Hour)
	shs, err := st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &gs[1].ID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil || len(shs) == 0 {
		tb.Fatalf("demo shifts: %v %d", err, len(shs))
	}
	rs, err := st.FindRotations(ctx, scheduler.RotationFilter{})
	if err != nil || len(rs) == 0 {
		tb.Fatalf("demo rotations: %v %d", err, len(rs))
	}
	ev := &scheduler.Event{Title: "Đón đoàn", Kind: "delegation", Start: testNow.Add(48 * time.Hour), End: testNow.Add(50 * time.Hour)}
	if err := st.CreateEvent(ctx, ev); err != nil {
		tb.Fatal(err)
	}
	post, guard, shift, rot := gs[0].PostIDs[0], gs[0].ID, shs[0].ID, rs[0].ID
	v := "/api/v1"
	fs.routes = []fuzzRoute{
		{"POST", v + "/posts", "manager"}, {"PATCH", fmt.Sprintf("%s/posts/%d", v, post), "manager"},
		{"POST", v + "/guards", "manager"}, {"PATCH", fmt.Sprintf("%s/guards/%d", v, guard), "manager"},
		{"PUT", fmt.Sprintf("%s/guards/%d/preferences", v, guard), "manager"}, {"PUT", v + "/me/preferences", "guard"},
		{"POST", v + "/shifts", "manager"}, {"PATCH", fmt.Sprintf("%s/shifts/%d", v, shift), "manager"},
		{"POST", v + "/shifts/swap", "manager"},
		{"POST", v + "/time-off", "manager"}, {"POST", v + "/time-off", "guard"},
		{"POST", v + "/swap-requests", "guard"},
		{"POST", v + "/rotations", "manager"}, {"PATCH", fmt.Sprintf("%s/rotations/%d", v, rot), "manager"},
		{"POST", fmt.Sprintf("%s/rotations/%d/generate", v, rot), "manager"},
		{"POST", v + "/events", "manager"}, {"PATCH", fmt.Sprintf("%s/events/%d", v, ev.ID), "manager"},
		{"POST", v + "/holidays", "manager"}, {"POST", v + "/calendars", "manager"},
		{"PUT", v + "/settings/office", "admin"}, {"PUT", v + "/settings/rules", "admin"},
		{"PUT", v + "/settings/jobs", "admin"}, {"PUT", v + "/settings/notifications", "admin"},
		{"PUT", v + "/settings/calendars", "admin"}, {"POST", v + "/settings/notifications/test", "admin"},
	}
	return fs
}

// send sends body to route r and returns the status and the body answered.
func (fs *fuzzServer) send(tb testing.TB, r fuzzRoute, body []byte) (int, []byte) {
	req, err := http.NewRequest(r.method, fs.srv.URL+r.path, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+fs.tokens[r.role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// wholeBodyKeys are the errors about the body as a whole (not JSON, empty,
// too large, …) or about no one field (a record not found, a state that
// forbids the step): these 4xx need not name a field.
func wholeBodyError(code, key string) bool {
	return strings.HasPrefix(key, "body.") || code != "invalid" || key == "common.not_found"
}

// Ensure no body sent to any write route of the API answers 5xx, and every
// refusal is a JSON error with a code, key and message, naming the field
// unless the fault is the body as a whole. The seeds are in
// testdata/fuzz/FuzzWriteRoutes; `go test ./api -fuzz FuzzWriteRoutes` goes on.
func FuzzWriteRoutes(f *testing.F) {
	fs := newFuzzServer(f)
	f.Add(uint8(6), []byte(`{"post_id":1,"start":"2026-12-03T07:00:00+07:00","end":"2026-12-03T19:00:00+07:00"}`))
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		r := fs.routes[int(route)%len(fs.routes)]
		status, raw := fs.send(t, r, body)
		if status >= 500 {
			t.Fatalf("%s %s %q: %d %s", r.method, r.path, body, status, raw)
		}
		if status < 400 {
			return
		}
		var e struct {
			Error struct{ Code, Key, Message, Field string } `json:"error"`
		}
		if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code == "" || e.Error.Key == "" || e.Error.Message == "" {
			t.Fatalf("%s %s %q: %d without a JSON error: %s", r.method, r.path, body, status, raw)
		}
		if e.Error.Field == "" && !wholeBodyError(e.Error.Code, e.Error.Key) {
			t.Fatalf("%s %s %q: %d names no field: %s", r.method, r.path, body, status, raw)
		}
	})
}
