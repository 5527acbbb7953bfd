package engine

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"catruc/scheduler"
	"catruc/store"
)

// Ensure a scheduled run happens only while this instance leads, that a run
// by hand happens anyway, and that stepping down cancels the scheduled runs in flight.
func TestScheduledRunsOnlyWhileLeader(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "catruc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var lead atomic.Bool
	e := New(Config{Store: st, Leader: lead.Load})
	defer e.Stop()
	ran := func() bool {
		runs, err := st.JobRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, ok := runs[scheduler.JobSweep]
		return ok
	}

	e.runScheduled(scheduler.JobSweep)
	if ran() {
		t.Fatal("a follower ran a scheduled sweep")
	}
	if e.IsLeader() {
		t.Fatal("IsLeader: true for a follower")
	}
	lead.Store(true)
	e.runScheduled(scheduler.JobSweep)
	if !ran() {
		t.Fatal("the leader did not run the scheduled sweep")
	}

	runCtx := e.leadContext()
	e.LeaderChanged(false)
	if runCtx.Err() == nil {
		t.Fatal("stepping down left the scheduled runs' context alive")
	}
	if e.leadContext().Err() != nil {
		t.Fatal("the next leadership's context is cancelled already")
	}
	lead.Store(false)
	if res := e.Run(ctx, scheduler.JobHorizon); !res.OK {
		t.Fatalf("a run by hand on a follower: %+v", res)
	}
}

// Ensure an engine without Config.Leader always leads.
func TestEngineWithoutLeaderLeads(t *testing.T) {
	if e := New(Config{}); !e.IsLeader() {
		t.Fatal("IsLeader: false without Config.Leader")
	}
}
