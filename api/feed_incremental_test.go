package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

// Ensure the feeds a server builds after changes, from its store's
// in-memory window of shifts (store.FeedShifts) and the VEVENTs of its last
// builds (ical.Reuse), are byte for byte those a new server on a newly
// opened store, which has neither, builds: for every calendar of the demo,
// after each kind of change.
func TestFeedsAfterChangesAreBuiltAsNew(t *testing.T) {
	ctx := scheduler.WithActor(context.Background(), "test")
	var now atomic.Pointer[time.Time]
	now.Store(&testNow)
	clock := func() time.Time { return *now.Load() }
	path := storetest.DSN(t)
	st, err := store.Open(ctx, path, storetest.Options(path, store.WithClock(clock))...)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	cfg := api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock}
	long, _ := api.New(cfg)
	guards, _ := st.FindGuards(ctx, scheduler.GuardFilter{})
	posts, _ := st.FindPosts(ctx, scheduler.PostFilter{})
	cals := []*scheduler.Calendar{{Scope: scheduler.ScopeAll}, {Scope: scheduler.ScopePolice}}
	for _, p := range posts {
		cals = append(cals, &scheduler.Calendar{Scope: scheduler.ScopePost, TargetID: &p.ID})
	}
	for _, g := range guards {
		cals = append(cals, &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &g.ID})
	}
	var paths []string
	for _, c := range cals {
		secret, err := st.CreateCalendar(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, "/ical/"+secret+".ics")
	}
	get := func(h http.Handler, path string) string {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		return rec.Body.String()
	}
	check := func(when string) {
		t.Helper()
		st2, err := store.Open(ctx, path, storetest.Options(path, store.WithClock(clock))...) // a store of its own: no window yet
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		cfg2 := cfg
		cfg2.Store = st2
		fresh, _ := api.New(cfg2)
		for i, path := range paths {
			if got, want := get(long, path), get(fresh, path); got != want {
				t.Errorf("%s: the %s calendar %d differs from a new server's:\n got %s\nwant %s", when, cals[i].Scope, i, got, want)
			}
		}
	}
	check("as loaded")
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{From: &testNow})
	if err != nil || len(shifts) < 20 {
		t.Fatalf("%d shifts, %v", len(shifts), err)
	}
	steps := []struct {
		name   string
		change func() error
	}{
		{"a shift's note", func() error {
			_, err := st.UpdateShift(ctx, shifts[2].ID, 0, func(sh *scheduler.Shift) error { sh.Note = "Mang bộ đàm"; return nil })
			return err
		}},
		{"a shift cancelled", func() error {
			_, err := st.UpdateShift(ctx, shifts[5].ID, 0, func(sh *scheduler.Shift) error { sh.Status = scheduler.ShiftCancelled; return nil })
			return err
		}},
		{"an open shift added", func() error {
			return st.CreateShift(ctx, &scheduler.Shift{PostID: shifts[0].PostID, Start: shifts[0].Start.Add(2 * time.Hour),
				End: shifts[0].Start.Add(5 * time.Hour), Status: scheduler.ShiftScheduled})
		}},
		{"a guard renamed", func() error {
			_, err := st.UpdateGuard(ctx, guards[0].ID, func(g *scheduler.Guard) error { g.Name = "Nguyễn Văn Ánh"; return nil })
			return err
		}},
		{"a post's site", func() error {
			_, err := st.UpdatePost(ctx, posts[0].ID, func(p *scheduler.Post) error { p.Site = "Số 2 Hùng Vương"; return nil })
			return err
		}},
		{"time off approved", func() error {
			sh := shifts[8]
			for _, x := range shifts[8:] {
				if x.GuardID != nil && x.Status == scheduler.ShiftScheduled {
					sh = x
					break
				}
			}
			return st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: *sh.GuardID, Start: sh.Start, End: sh.End.Add(time.Hour),
				Kind: "sick", Status: scheduler.TimeOffApproved})
		}},
		{"a change two hours later", func() error { // (the same day and version answer from the cache)
			t := testNow.Add(2 * time.Hour)
			now.Store(&t)
			_, err := st.UpdateShift(ctx, shifts[3].ID, 0, func(sh *scheduler.Shift) error { sh.Note = "Trực thay"; return nil })
			return err
		}},
		{"the next day", func() error { t := testNow.Add(26 * time.Hour); now.Store(&t); return nil }},
	}
	for _, step := range steps {
		if err := step.change(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		check("after " + step.name)
	}
}
