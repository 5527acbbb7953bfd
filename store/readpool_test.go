package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/internal/testdb"
)

// Ensure the read pool keeps the connections that concurrent requests open:
// opening a SQLite connection parses the whole schema again (under load that
// was 30 % of the server's time), so a reader must not close one it could
// keep and open another for the next request.
func TestReadPoolKeepsConnections(t *testing.T) {
	testdb.SkipOnPostgres(t)
	s := openTest(t, "")
	ctx := context.Background()
	if _, err := s.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	from, to := testNow, testNow.Add(7*24*time.Hour)
	for round := range 3 {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, 24)
		for range 24 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				// A transaction holds its connection until it ends: 24 at once need 24.
				tx, err := s.rdb.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				defer tx.Rollback()
				if _, err := s.findShifts(ctx, tx, scheduler.ShiftFilter{From: &from, To: &to}); err != nil {
					errs <- err
				}
				time.Sleep(20 * time.Millisecond)
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if st := s.rdb.Stats(); st.MaxIdleClosed > 0 {
			t.Fatalf("round %d: the read pool closed %d connections it could have kept (%d open, %d idle)",
				round, st.MaxIdleClosed, st.OpenConnections, st.Idle)
		}
	}
}
