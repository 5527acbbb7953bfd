package store

import (
	"context"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/internal/testdb"
)

// Ensure the login throttle's counts are the database's: failures taken
// through one store (one instance) block the same name through another, for
// the window from the oldest failure; a released attempt is given back; a
// reset forgets the name; the window's end lets the name in again.
func TestLoginThrottleSharedByInstances(t *testing.T) {
	ctx := context.Background()
	path := testdb.DSN(t, "catruc.db")
	a, b := openTest(t, path), openTest(t, path)
	start := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)
	keys := scheduler.LoginKeys("QuanLy", "203.0.113.7")
	for i := 0; i < scheduler.MaxFailsPerUser; i++ {
		st := a
		if i%2 == 1 {
			st = b
		}
		if ok, _, err := st.ReserveLogin(ctx, start.Add(time.Duration(i)*time.Minute), keys); err != nil || !ok {
			t.Fatalf("attempt %d: %v %v", i+1, ok, err)
		}
	}
	at := start.Add(10 * time.Minute)
	ok, wait, err := b.ReserveLogin(ctx, at, scheduler.LoginKeys("quanly", "198.51.100.1"))
	if err != nil || ok || wait != 5*time.Minute {
		t.Fatalf("sixth try of the name from another address on the other instance: ok=%v wait=%v %v; want refused for 5m", ok, wait, err)
	}
	// An attempt given back (an internal error) no longer counts.
	if err := a.ReleaseLogin(ctx, start.Add(4*time.Minute), keys[0].Key); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := b.ReserveLogin(ctx, at, keys); err != nil || !ok {
		t.Fatalf("after one attempt was given back: %v %v", ok, err)
	}
	if ok, _, _ := a.ReserveLogin(ctx, at, keys); ok {
		t.Fatal("the name's sixth failure was let through")
	}
	// A good login resets the name; the window's end lets it in too.
	if err := b.ResetLogin(ctx, keys[0].Key); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := a.ReserveLogin(ctx, at, keys); err != nil || !ok {
		t.Fatalf("after a reset: %v %v", ok, err)
	}
	later := at.Add(scheduler.LoginWindow)
	for i := 0; i < scheduler.MaxFailsPerUser; i++ {
		if ok, _, err := a.ReserveLogin(ctx, later, scheduler.LoginKeys("an", "203.0.113.9")); err != nil || !ok {
			t.Fatalf("another name, attempt %d: %v %v", i+1, ok, err)
		}
	}
	var n int
	if err := a.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures WHERE at <= ?`, fmtTime(later.Add(-scheduler.LoginWindow))).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d failures older than the window kept (%v)", n, err)
	}
}
