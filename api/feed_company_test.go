package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/ical"
	"catruc/store"
	"catruc/store/storetest"
)

// Ensure a guard's own feed, which reads only the guard's shifts and those
// overlapping them, is byte for byte the feed made from the whole roster:
// on the demo office (24-hour shifts at the headquarters beside the police
// post's 8-hour ones, the reception by day, a night of leave), for every
// guard, after a shift is cancelled and another added at the police post.
func TestGuardFeedReadsOnlyItsCompany(t *testing.T) {
	ctx := scheduler.WithActor(context.Background(), "test")
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn, storetest.Options(dsn, store.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	srv := httptest.NewServer(e)
	defer srv.Close()
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for _, g := range guards {
			id := g.ID
			cal := &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &id}
			secret, err := st.CreateCalendar(ctx, cal)
			if err != nil {
				t.Fatal(err)
			}
			code, _, got := feedGet(t, "GET", srv.URL+"/ical/"+secret+".ics", "Accept-Encoding", "identity")
			if code != 200 {
				t.Fatalf("%s: %s's feed: %d", when, g.Name, code)
			}
			if want := wholeRosterFeed(t, st, cal); got != want {
				t.Errorf("%s: %s's feed differs from the one made from the whole roster:\n got %s\nwant %s", when, g.Name, got, want)
			}
		}
	}
	check("as loaded")
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpdateShift(ctx, shifts[3].ID, 0, func(sh *scheduler.Shift) error { sh.Status = scheduler.ShiftCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	extra := &scheduler.Shift{PostID: shifts[0].PostID, Start: shifts[0].Start.Add(2 * time.Hour), End: shifts[0].Start.Add(5 * time.Hour)}
	if err := st.CreateShift(ctx, extra); err != nil {
		t.Fatal(err)
	}
	check("after a cancel and an open shift")
}

// wholeRosterFeed is a guard's feed made as before issue 11: from every
// shift and event of the window.
func wholeRosterFeed(t *testing.T, st *store.Store, cal *scheduler.Calendar) string {
	t.Helper()
	ctx := context.Background()
	settings, err := st.CalendarSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.FindCalendars(ctx, scheduler.ScopeGuard, cal.TargetID)
	if err != nil || len(cs) == 0 {
		t.Fatal(err)
	}
	from, to := ical.Window(testNow, settings)
	in := ical.Content{Calendar: cs[len(cs)-1], Settings: settings, Loc: st.Location(), Host: "127.0.0.1", Now: testNow}
	if in.Posts, err = st.FindPosts(ctx, scheduler.PostFilter{}); err != nil {
		t.Fatal(err)
	}
	if in.Guards, err = st.FindGuards(ctx, scheduler.GuardFilter{}); err != nil {
		t.Fatal(err)
	}
	if in.Shifts, err = st.FindShifts(ctx, scheduler.ShiftFilter{From: &from, To: &to}); err != nil {
		t.Fatal(err)
	}
	if in.Events, err = st.FindEvents(ctx, scheduler.EventFilter{From: &from, To: &to}); err != nil {
		t.Fatal(err)
	}
	b, err := ical.Build(ical.FeedFor(in))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
