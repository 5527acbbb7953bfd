package api_test

import (
	"bytes"
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

// yearRoster is a one-year 3×8 roster of four guards at one post (the
// rotation preset 8h-3shift, 1,095 shifts), with feeds that show a year
// ahead: the roster the issue measured catruc's feeds on beside GoAlert's.
type yearRoster struct {
	st        *store.Store
	srv       *httptest.Server
	guardFeed string // guard 1's own feed (about 275 shifts)
	allFeed   string // the whole office's feed
	post      int64
	shift     int64 // one of guard 1's shifts, a month ahead
}

func newYearRoster(b testing.TB) *yearRoster {
	b.Helper()
	ctx := scheduler.WithActor(context.Background(), "bench")
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "c.db"), store.WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	p := &scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Site: "52 Hùng Vương, TP. Quảng Ngãi",
		Kind: scheduler.PostKindGuard, Active: true, Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7},
			Start: "00:00", End: "00:00", Headcount: 1}}}
	if err := st.CreatePost(ctx, p); err != nil {
		b.Fatal(err)
	}
	var members []int64
	for _, name := range []string{"Nguyễn Văn An", "Trần Minh Đức", "Phạm Quốc Bảo", "Lê Thị Hoa"} {
		g := &scheduler.Guard{Name: name, Unit: scheduler.UnitOffice, Active: true, Skills: []string{}, PostIDs: []int64{p.ID}}
		if err := st.CreateGuard(ctx, g); err != nil {
			b.Fatal(err)
		}
		members = append(members, g.ID)
	}
	loc := st.Location()
	today := scheduler.DayStart(testNow, loc)
	r := &scheduler.Rotation{PostID: p.ID, Name: "Ca 3×8", Preset: scheduler.Preset8h3shift, Handover: "06:00",
		StartDate: today.Format(scheduler.DateLayout), Members: members, Active: true}
	if err := st.CreateRotation(ctx, r); err != nil {
		b.Fatal(err)
	}
	if _, err := st.GenerateRotation(ctx, r.ID, today.AddDate(1, 0, -1).Format(scheduler.DateLayout)); err != nil {
		b.Fatal(err)
	}
	cs := scheduler.DefaultCalendarSettings()
	cs.DaysBack, cs.DaysAhead = 0, 366
	if _, err := st.SetCalendarSettings(ctx, cs); err != nil {
		b.Fatal(err)
	}
	y := &yearRoster{st: st, post: p.ID}
	month := today.AddDate(0, 1, 0)
	own, err := st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &members[0], From: &month})
	if err != nil || len(own) == 0 {
		b.Fatalf("guard 1 has no shift a month ahead: %v", err)
	}
	y.shift = own[0].ID
	for _, c := range []*scheduler.Calendar{{Scope: scheduler.ScopeGuard, TargetID: &members[0]}, {Scope: scheduler.ScopeAll}} {
		secret, err := st.CreateCalendar(ctx, c)
		if err != nil {
			b.Fatal(err)
		}
		if c.Scope == scheduler.ScopeAll {
			y.allFeed = "/ical/" + secret + ".ics"
		} else {
			y.guardFeed = "/ical/" + secret + ".ics"
		}
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	y.srv = httptest.NewServer(e)
	b.Cleanup(func() { y.srv.Close(); st.Close() })
	return y
}

// touch changes the roster's version (a post's site), so that the next feed is built anew.
func (y *yearRoster) touch(b testing.TB, i int) {
	ctx := scheduler.WithActor(context.Background(), "bench")
	if _, err := y.st.UpdatePost(ctx, y.post, func(p *scheduler.Post) error {
		p.Site = "52 Hùng Vương, TP. Quảng Ngãi" + strings.Repeat(".", i%2)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
}

// touchShift changes the roster's version by a change of one shift (its
// note), the commoner change: the next feed is built anew, and the other
// shifts' VEVENTs are those of the last build.
func (y *yearRoster) touchShift(b testing.TB, i int) {
	ctx := scheduler.WithActor(context.Background(), "bench")
	if _, err := y.st.UpdateShift(ctx, y.shift, 0, func(sh *scheduler.Shift) error {
		sh.Note = "Bàn giao sổ trực" + strings.Repeat(".", i%2)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
}

// get fetches path over HTTP, asking for gzip or for the plain body, and
// returns the body as sent and how many VEVENTs it holds (-1 when gzipped).
func (y *yearRoster) get(b testing.TB, path string, gzip bool) ([]byte, int) {
	req, _ := http.NewRequest("GET", y.srv.URL+path, nil)
	req.Header.Set("Accept-Encoding", "identity")
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := y.srv.Client().Transport.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(resp.ContentLength, 0)+1)) // the body in one allocation
	_, err = buf.ReadFrom(resp.Body)
	body := buf.Bytes()
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	if gzip {
		if resp.Header.Get("Content-Encoding") != "gzip" {
			b.Fatalf("GET %s with gzip: Content-Encoding %q", path, resp.Header.Get("Content-Encoding"))
		}
		return body, -1
	}
	return body, bytes.Count(body, []byte("BEGIN:VEVENT"))
}

// benchColdFeed measures a feed built after a roster change, end to end
// over HTTP (token, version, load, build, write; gzipped when asked), and
// reports the events and the plain bytes per event.
func benchColdFeed(b *testing.B, path func(*yearRoster) string, minEvents int, gzip bool) {
	benchColdFeedAfter(b, (*yearRoster).touch, path, minEvents, gzip)
}

// benchColdFeedAfter is benchColdFeed with the change made by touch.
func benchColdFeedAfter(b *testing.B, touch func(*yearRoster, testing.TB, int), path func(*yearRoster) string, minEvents int, gzip bool) {
	y := newYearRoster(b)
	body, events := y.get(b, path(y), false)
	if events < minEvents {
		b.Fatalf("%d events, want at least %d", events, minEvents)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		touch(y, b, i)
		cpu0 := processCPU()
		b.StartTimer()
		y.get(b, path(y), gzip)
		b.StopTimer()
		cpu += processCPU() - cpu0
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(events), "events")
	b.ReportMetric(float64(len(body))/float64(events), "B/event")
}

func guardFeed(y *yearRoster) string { return y.guardFeed }
func allFeed(y *yearRoster) string   { return y.allFeed }

// BenchmarkFeedColdGuardYear: one guard's feed of a year of the 3×8 roster
// (about 275 events), built after a change. Target: ≤ 1 ms.
func BenchmarkFeedColdGuardYear(b *testing.B) { benchColdFeed(b, guardFeed, 270, false) }

// BenchmarkFeedColdGuardYearGzip: the same, asked for with gzip.
func BenchmarkFeedColdGuardYearGzip(b *testing.B) { benchColdFeed(b, guardFeed, 270, true) }

// BenchmarkFeedColdRosterYear: the whole roster's feed (1,095 events),
// built after a change. Target: ≤ 3 ms.
func BenchmarkFeedColdRosterYear(b *testing.B) { benchColdFeed(b, allFeed, 1090, false) }

// BenchmarkFeedColdRosterYearGzip: the same, asked for with gzip.
func BenchmarkFeedColdRosterYearGzip(b *testing.B) { benchColdFeed(b, allFeed, 1090, true) }

// BenchmarkFeedColdGuardYearShift: one guard's feed after one of its
// shifts changed (the other benchmarks change the post's site, which every
// VEVENT of the roster's feed shows).
func BenchmarkFeedColdGuardYearShift(b *testing.B) {
	benchColdFeedAfter(b, (*yearRoster).touchShift, guardFeed, 270, false)
}

// BenchmarkFeedColdRosterYearShift: the whole roster's feed after one shift changed.
func BenchmarkFeedColdRosterYearShift(b *testing.B) {
	benchColdFeedAfter(b, (*yearRoster).touchShift, allFeed, 1090, false)
}

// BenchmarkFeedWarmRosterYearGzip: the whole roster's feed from the cache,
// gzipped (what a phone asking with Accept-Encoding: gzip gets).
func BenchmarkFeedWarmRosterYearGzip(b *testing.B) {
	y := newYearRoster(b)
	y.get(b, y.allFeed, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		y.get(b, y.allFeed, true)
	}
}

// BenchmarkFeedWarmRosterYear: the same without gzip.
func BenchmarkFeedWarmRosterYear(b *testing.B) {
	y := newYearRoster(b)
	y.get(b, y.allFeed, false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		y.get(b, y.allFeed, false)
	}
}
