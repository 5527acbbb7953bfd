package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// rawPG opens n pools on one fresh schema of CATRUC_TEST_POSTGRES (skipped without it).
func rawPG(t *testing.T, n int) []*sql.DB {
	t.Helper()
	dsn := os.Getenv("CATRUC_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("CATRUC_TEST_POSTGRES not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("t_leader_%d", rand.Int64())
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	var out []*sql.DB
	for range n {
		db, err := sql.Open("pgx", u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		out = append(out, db)
	}
	return out
}

// startLeaders runs leadPG on each pool, with fast timings.
func startLeaders(t *testing.T, dbs []*sql.DB) ([]*Leadership, []*atomic.Int32) {
	opts := LeadOptions{Retry: 100 * time.Millisecond, Ping: 50 * time.Millisecond}.withDefaults()
	var ls []*Leadership
	var losses []*atomic.Int32
	for _, db := range dbs {
		ctx, cancel := context.WithCancel(context.Background())
		l := &Leadership{cancel: cancel, done: make(chan struct{})}
		lost := &atomic.Int32{}
		go func() {
			defer close(l.done)
			leadPG(ctx, db, l, func(lead bool) {
				if !lead {
					lost.Add(1)
				}
			}, opts)
		}()
		t.Cleanup(l.Stop)
		ls, losses = append(ls, l), append(losses, lost)
	}
	return ls, losses
}

// oneLeader waits until exactly one leads, checks that it stays so a while, and returns it.
func oneLeader(t *testing.T, ls []*Leadership) int {
	t.Helper()
	count := func() (n, who int) {
		for i, l := range ls {
			if l.IsLeader() {
				n, who = n+1, i
			}
		}
		return n, who
	}
	waitFor(t, func() bool { n, _ := count(); return n == 1 })
	for range 10 {
		time.Sleep(30 * time.Millisecond)
		if n, _ := count(); n != 1 {
			t.Fatalf("%d leaders", n)
		}
	}
	_, who := count()
	return who
}

// Ensure exactly one of three instances leads, and another takes over when the leader stops.
func TestLeadPGTakeover(t *testing.T) {
	ls, _ := startLeaders(t, rawPG(t, 3))
	first := oneLeader(t, ls)
	ls[first].Stop()
	if ls[first].IsLeader() {
		t.Fatal("a stopped instance still leads")
	}
	second := oneLeader(t, ls)
	if second == first {
		t.Fatalf("instance %d leads again after it stopped", first)
	}
}

// Ensure a leader whose session dies steps down at once (one instance still leads afterwards).
func TestLeadPGStepsDownWhenItsSessionDies(t *testing.T) {
	dbs := rawPG(t, 2)
	ls, losses := startLeaders(t, dbs)
	lead := oneLeader(t, ls)
	if _, err := dbs[1-lead].Exec(`SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND objsubid = 1
		AND ((classid::bigint << 32) | objid::bigint) = ` + leaderKeySQL); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return losses[lead].Load() == 1 })
	oneLeader(t, ls)
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 20 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
