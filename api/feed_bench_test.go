package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
)

// benchFeed opens the demo office with an "all" calendar and returns the handler and the feed path.
func benchFeed(b *testing.B) (http.Handler, string, *store.Store) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "c.db"), store.WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		b.Fatal(err)
	}
	cal := &scheduler.Calendar{Scope: scheduler.ScopeAll}
	secret, err := st.CreateCalendar(ctx, cal)
	if err != nil {
		b.Fatal(err)
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	return e, "/ical/" + secret + ".ics", st
}

// BenchmarkFeed304 measures answering a feed poll whose ETag still matches
// (what every subscribed phone asks every hour): the server's work, without the network.
func BenchmarkFeed304(b *testing.B) {
	h, path, _ := benchFeed(b)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	etag := rec.Header().Get("ETag")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("If-None-Match", etag)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkFeedDemoRosterBuild measures building the whole demo roster's feed
// (every post, 14 days of shifts) after a change, through the handler.
func BenchmarkFeedDemoRosterBuild(b *testing.B) {
	h, path, st := benchFeed(b)
	ctx := scheduler.WithActor(context.Background(), "bench")
	active := true
	ps, _ := st.FindPosts(ctx, scheduler.PostFilter{Active: &active})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// A change makes a new version, so the feed is built again.
		if _, err := st.UpdatePost(ctx, ps[0].ID, func(p *scheduler.Post) error { p.Site = strings.Repeat("x", i%7+1); return nil }); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
