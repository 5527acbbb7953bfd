package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

var copyClock = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

// copyDemo writes the demo office to a new SQLite file and returns an admin
// token and the path of a guard's calendar feed.
func copyDemo(t *testing.T, path string) (token, feed string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.WithClock(func() time.Time { return copyClock }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if loaded, err := st.LoadDemo(ctx, copyClock); err != nil || !loaded {
		t.Fatalf("demo: %v %v", loaded, err)
	}
	if token, err = st.IssueDemoToken(ctx); err != nil {
		t.Fatal(err)
	}
	one := int64(1)
	secret, err := st.CreateCalendar(ctx, &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &one})
	if err != nil {
		t.Fatal(err)
	}
	return token, "/ical/" + secret + ".ics"
}

// copyServe serves the API over the database at path, on the test's clock.
func copyServe(t *testing.T, path string) string {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.WithClock(func() time.Time { return copyClock }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, _ := api.New(api.Config{Store: st, Now: func() time.Time { return copyClock }})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv.URL
}

// copyGet answers status, ETag and the (gunzipped) body of a GET.
func copyGet(t *testing.T, url, token string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(res.Body); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := io.ReadAll(r)
	return res.StatusCode, res.Header.Get("ETag"), string(b)
}

// Ensure `catruc copy` moves the demo office to a new SQLite file, prints a
// verified table, and that the copy then answers every read exactly as the
// original: the same admin token works, the guards (Vietnamese names intact),
// the shifts, the coverage of the week and a guard's calendar feed — the feed
// with the same ETag, so a phone that polled the original gets a 304.
func TestCopyCommandServesTheSameOffice(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	token, feed := copyDemo(t, a)
	copyAndCompare(t, a, b, token, feed)
}

// Ensure the same on PostgreSQL (CATRUC_TEST_POSTGRES): `catruc copy` from
// the demo's SQLite file to a PostgreSQL schema, which then answers as the
// original, and back to a new SQLite file, which answers the same again.
func TestCopyCommandPostgres(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip(storetest.Env + " is not set: no PostgreSQL to copy to")
	}
	dir := t.TempDir()
	a, c := filepath.Join(dir, "a.db"), filepath.Join(dir, "c.db")
	token, feed := copyDemo(t, a)
	pg := storetest.DSN(t)
	copyAndCompare(t, a, pg, token, feed)
	copyAndCompare(t, pg, c, token, feed)
}

// copyAndCompare runs `catruc copy --from a --to b` and compares what the two
// databases answer over the API.
func copyAndCompare(t *testing.T, a, b, token, feed string) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"copy", "--from", a, "--to", b}, nil, &out, &errb); err != nil {
		t.Fatalf("copy: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"TABLE", "shifts", "calendars", "roster_version", " ok", "verified.",
		"Not copied (each database keeps its own): schema_migrations, shift_changes."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "DIFFERS") {
		t.Errorf("a table differs:\n%s", out.String())
	}
	ua, ub := copyServe(t, a), copyServe(t, b)
	for _, path := range []string{"/api/v1/guards", "/api/v1/posts", "/api/v1/rotations",
		"/api/v1/shifts?from=2026-11-30T00:00:00%2B07:00&to=2026-12-14T00:00:00%2B07:00",
		"/api/v1/coverage?from=2026-12-01T00:00:00%2B07:00&to=2026-12-08T00:00:00%2B07:00",
		"/api/v1/alerts", "/api/v1/audit?limit=500", "/api/v1/teams"} {
		ca, _, ba := copyGet(t, ua+path, token)
		cb, _, bb := copyGet(t, ub+path, token)
		if ca != 200 || cb != 200 || ba != bb || len(ba) < 3 {
			t.Errorf("%s: original %d, copy %d; equal bodies %v\n%.300s\n%.300s", path, ca, cb, ba == bb, ba, bb)
		}
	}
	_, _, guards := copyGet(t, ub+"/api/v1/guards", token)
	if !strings.Contains(guards, "Nguyễn") {
		t.Errorf("no Vietnamese name in the copy's guards: %.300s", guards)
	}
	ca, ea, fa := copyGet(t, ua+feed, "")
	cb, eb, fb := copyGet(t, ub+feed, "")
	if ca != 200 || cb != 200 || fa != fb || ea == "" || ea != eb || !strings.Contains(fb, "BEGIN:VEVENT") {
		t.Errorf("the feed: %d %q vs %d %q; equal %v", ca, ea, cb, eb, fa == fb)
	}
}

// Ensure `catruc copy` refuses to write over an office (exit status 2, the
// tables named, nothing changed), refuses a source that does not exist
// without creating it, and requires both flags.
func TestCopyCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	copyDemo(t, a)
	copyDemo(t, b)
	sumBefore := fileSum(t, b)
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"copy", "--from", a, "--to", b}, nil, &out, &errb)
	if err == nil || exitStatus(err) != 2 || !strings.Contains(err.Error(), "already holds data (guards, posts") {
		t.Fatalf("a full target: %v", err)
	}
	if fileSum(t, b) != sumBefore {
		t.Error("the refused target changed")
	}
	missing := filepath.Join(dir, "missing.db")
	err = run(context.Background(), []string{"copy", "--from", missing, "--to", filepath.Join(dir, "c.db")}, nil, &out, &errb)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing source: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("the missing source was created")
	}
	if err := run(context.Background(), []string{"copy", "--from", a}, nil, &out, &errb); err == nil || !strings.Contains(err.Error(), "--to") {
		t.Errorf("no --to: %v", err)
	}
}

// fileSum is a store's checksums, joined: what the office holds.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sums, err := store.Checksums(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range []string{"guards", "posts", "shifts", "audit", "tokens", "calendars", "roster_version"} {
		b.WriteString(name + sums[name].SourceSum)
	}
	return b.String()
}
