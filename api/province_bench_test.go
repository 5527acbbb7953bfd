package api_test

import (
	"context"
	"database/sql"
	"fmt"
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
	"catruc/scheduler/engine"
	"catruc/scheduler/report"
	"catruc/store"
	"catruc/store/storetest"
)

// A province-sized office (issue 14): 200 posts held 24/7 by one guard, 1,000
// guards (five a post), and a year of 12-hour shifts (07:00–19:00 and
// 19:00–07:00, 146,000 shifts), every thirtieth night of each post left
// open. It is generated into a SQLite file (posts and guards through the
// store, the shifts by a bulk insert) and, for PostgreSQL, moved there with
// store.Copy (CATRUC_TEST_POSTGRES names the server; without it the
// PostgreSQL benchmarks skip). Commands and figures: BENCHMARKS.md.
const (
	provincePosts  = 200
	provinceGuards = 5 // a post
	provinceDays   = 365
)

var provinceNow = time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC) // 09:30 in Quảng Ngãi

// province is the generated office on one backend.
type province struct {
	st    *store.Store
	h     http.Handler
	feed  string // guard 1's calendar
	first int64  // the first post's id
}

// newProvinceSQLite generates the office into a new SQLite file.
func newProvinceSQLite(b *testing.B) (*province, string) {
	b.Helper()
	ctx := scheduler.WithActor(context.Background(), "bench")
	path := filepath.Join(b.TempDir(), "province.db")
	st, err := store.Open(ctx, path, store.WithClock(func() time.Time { return provinceNow }))
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	posts, guards := provinceStaff(ctx, b, st)
	st.Close()
	n, err := provinceShifts(ctx, path, posts, guards)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d posts, %d guards, %d shifts in %v", len(posts), len(posts)*provinceGuards, n, time.Since(t0).Round(time.Millisecond))
	return openProvince(b, path), path
}

// provinceStaff creates the posts and guards through the store.
func provinceStaff(ctx context.Context, b *testing.B, st *store.Store) ([]int64, [][]int64) {
	var posts []int64
	var guards [][]int64
	for p := 1; p <= provincePosts; p++ {
		post := &scheduler.Post{Code: fmt.Sprintf("chot-%03d", p), Name: fmt.Sprintf("Chốt bảo vệ số %d – Sở, ngành", p),
			Kind: scheduler.PostKindGuard, Active: true, Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7},
				Start: "00:00", End: "00:00", Headcount: 1}}}
		if err := st.CreatePost(ctx, post); err != nil {
			b.Fatal(err)
		}
		posts = append(posts, post.ID)
		var gs []int64
		for i := range provinceGuards {
			g := &scheduler.Guard{Name: fmt.Sprintf("Bảo vệ Nguyễn Văn %d-%d", p, i+1), Unit: scheduler.UnitOffice, Active: true,
				Skills: []string{}, PostIDs: []int64{post.ID}}
			if err := st.CreateGuard(ctx, g); err != nil {
				b.Fatal(err)
			}
			gs = append(gs, g.ID)
		}
		guards = append(guards, gs)
	}
	return posts, guards
}

// provinceShifts bulk-inserts the year of shifts into the SQLite file, in
// one transaction: each post's five guards in turn, a 12-hour shift each.
func provinceShifts(ctx context.Context, path string, posts []int64, guards [][]int64) (int, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO shifts (post_id, guard_id, start_at, end_at, status, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'scheduled', '', ?, ?)`)
	if err != nil {
		return 0, err
	}
	loc, _ := time.LoadLocation(scheduler.DefaultTimezone)
	day0 := scheduler.DayStart(provinceNow, loc)
	created := provinceNow.Format(time.RFC3339)
	n := 0
	for pi, post := range posts {
		for d := range provinceDays {
			for k := range 2 {
				if k == 1 && (d+pi)%30 == 29 {
					continue // the night nobody holds
				}
				start := time.Date(day0.Year(), day0.Month(), day0.Day()+d, 7+12*k, 0, 0, 0, loc).UTC()
				g := guards[pi][(2*d+k)%provinceGuards]
				if _, err := ins.ExecContext(ctx, post, g, start.Format(time.RFC3339), start.Add(12*time.Hour).Format(time.RFC3339), created, created); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	return n, tx.Commit()
}

// openProvince opens the office at dsn with a handler and guard 1's calendar.
func openProvince(b *testing.B, dsn string) *province {
	b.Helper()
	ctx := scheduler.WithActor(context.Background(), "bench")
	st, err := store.Open(ctx, dsn, store.WithClock(func() time.Time { return provinceNow }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return provinceOn(b, st)
}

func provinceOn(b *testing.B, st *store.Store) *province {
	b.Helper()
	ctx := scheduler.WithActor(context.Background(), "bench")
	one := int64(1)
	secret, err := st.CreateCalendar(ctx, &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &one})
	if err != nil {
		b.Fatal(err)
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return provinceNow }})
	return &province{st: st, h: e, feed: "/ical/" + secret + ".ics", first: 1}
}

// BenchmarkProvince measures, on SQLite and (with CATRUC_TEST_POSTGRES) on
// PostgreSQL: the coverage of all 200 posts for a week (report.Coverage, what
// GET /api/v1/coverage computes before its cache), one guard's calendar feed
// built after a change (GET /ical/…), and the sweep job over its 168 hours.
func BenchmarkProvince(b *testing.B) {
	sqlite, path := newProvinceSQLite(b)
	b.Run("sqlite", func(b *testing.B) { provinceBenches(b, sqlite) })
	b.Run("postgres", func(b *testing.B) {
		pg := provincePostgres(b, sqlite.st, path)
		provinceBenches(b, pg)
	})
}

func provinceBenches(b *testing.B, p *province) {
	ctx := scheduler.WithActor(context.Background(), "bench")
	loc := p.st.Location()
	from := scheduler.DayStart(provinceNow, loc)
	b.Run("coverage-week", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rep, err := report.Coverage(ctx, p.st, from, from.AddDate(0, 0, 7), nil)
			if err != nil || len(rep.Posts) != provincePosts {
				b.Fatalf("coverage: %v", err)
			}
		}
	})
	b.Run("guard-feed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			// A change makes a new version, so the feed is built again.
			if _, err := p.st.UpdatePost(ctx, p.first, func(x *scheduler.Post) error { x.Site = strings.Repeat("x", i%7+1); return nil }); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			rec := httptest.NewRecorder()
			p.h.ServeHTTP(rec, httptest.NewRequest("GET", p.feed, nil))
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
				b.Fatalf("feed: %d", rec.Code)
			}
		}
	})
	b.Run("sweep", func(b *testing.B) {
		eng := engine.New(engine.Config{Store: p.st, Now: func() time.Time { return provinceNow },
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		first := eng.Run(ctx, scheduler.JobSweep) // opens the gap alerts; the runs measured find them unchanged
		if !first.OK {
			b.Fatalf("sweep: %s", first.Error)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if r := eng.Run(ctx, scheduler.JobSweep); !r.OK {
				b.Fatalf("sweep: %s", r.Error)
			}
		}
	})
}

// provincePostgres moves the office to a fresh PostgreSQL schema with
// store.Copy (timed and logged) and opens it there.
func provincePostgres(b *testing.B, src *store.Store, path string) *province {
	b.Helper()
	if !storetest.Postgres() {
		b.Skip(storetest.Env + " is not set: no PostgreSQL to measure")
	}
	dsn := storetest.DSN(b)
	dst, err := store.Open(context.Background(), dsn, store.WithClock(func() time.Time { return provinceNow }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { dst.Close() })
	t0 := time.Now()
	rep, err := store.Copy(context.Background(), src, dst, store.CopyOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var rows int64
	for _, t := range rep.Tables {
		rows += t.SourceRows
	}
	b.Logf("copied %d rows from %s to PostgreSQL, verified, in %v", rows, filepath.Base(path), time.Since(t0).Round(time.Millisecond))
	return provinceOn(b, dst)
}
