package engine

import (
	"context"
	"sync"
	"time"

	"catruc/scheduler"
)

// Defaults of the retries of a job run's record.
const (
	defaultRecordRetry = 5 * time.Second
	maxRecordRetry     = time.Minute
)

// runRecords keeps the job runs the store could not record (a database kept
// busy by another writer) and records them again later, so that every run's
// result is written down: the last unrecorded run of each job, retried after
// a wait that doubles up to a minute, until recorded or the engine stops.
type runRecords struct {
	mu      sync.Mutex
	pending map[string]scheduler.JobRun // by job name: its newest unrecorded run
	first   time.Duration               // the first wait
	wait    time.Duration               // the next wait
	timer   *time.Timer                 // the scheduled retry, nil when none
	stopped bool
}

func newRunRecords(first time.Duration) *runRecords {
	if first <= 0 {
		first = defaultRecordRetry
	}
	return &runRecords{pending: map[string]scheduler.JobRun{}, first: first, wait: first}
}

// record writes run to the store; when that fails it keeps the run for a
// later retry. A newer run recorded makes an older unrecorded one moot.
func (e *Engine) record(ctx context.Context, run scheduler.JobRun) {
	err := e.store.RecordJobRun(context.WithoutCancel(ctx), run)
	rr := e.records
	rr.mu.Lock()
	defer rr.mu.Unlock()
	if err == nil {
		delete(rr.pending, run.Name)
		return
	}
	e.log.Warn("job run not recorded yet; will retry", "job", run.Name, "err", err)
	rr.pending[run.Name] = run
	e.scheduleRecordRetry()
}

// scheduleRecordRetry arms the retry timer unless it is armed; rr.mu held.
func (e *Engine) scheduleRecordRetry() {
	rr := e.records
	if rr.timer != nil || rr.stopped || len(rr.pending) == 0 {
		return
	}
	rr.timer = time.AfterFunc(rr.wait, e.retryRecords)
	rr.wait = min(2*rr.wait, maxRecordRetry)
}

// retryRecords records the pending runs again; those that still fail wait
// for the next retry.
func (e *Engine) retryRecords() {
	rr := e.records
	rr.mu.Lock()
	rr.timer = nil
	runs := make([]scheduler.JobRun, 0, len(rr.pending))
	for _, r := range rr.pending {
		runs = append(runs, r)
	}
	rr.mu.Unlock()
	for _, r := range runs {
		err := e.store.RecordJobRun(context.Background(), r)
		rr.mu.Lock()
		if cur, ok := rr.pending[r.Name]; err == nil && ok && cur.LastRun.Equal(r.LastRun) {
			delete(rr.pending, r.Name)
			e.log.Info("job run recorded late", "job", r.Name)
		}
		rr.mu.Unlock()
	}
	rr.mu.Lock()
	defer rr.mu.Unlock()
	if len(rr.pending) == 0 {
		rr.wait = rr.first
		return
	}
	e.scheduleRecordRetry()
}

// unrecorded returns the runs not yet recorded, by job name.
func (e *Engine) unrecorded() map[string]scheduler.JobRun {
	rr := e.records
	rr.mu.Lock()
	defer rr.mu.Unlock()
	out := make(map[string]scheduler.JobRun, len(rr.pending))
	for k, v := range rr.pending {
		out[k] = v
	}
	return out
}

// stopRecords stops the retries and tries once more to record what is
// pending; what still fails is logged as lost.
func (e *Engine) stopRecords() {
	rr := e.records
	rr.mu.Lock()
	rr.stopped = true
	if rr.timer != nil {
		rr.timer.Stop()
		rr.timer = nil
	}
	rr.mu.Unlock()
	for name, r := range e.unrecorded() {
		if err := e.store.RecordJobRun(context.Background(), r); err != nil {
			e.log.Error("job run not recorded at shutdown", "job", name, "err", err)
			continue
		}
		rr.mu.Lock()
		delete(rr.pending, name)
		rr.mu.Unlock()
	}
}
