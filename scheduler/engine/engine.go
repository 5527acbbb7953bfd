// Package engine runs catruc's jobs on cron schedules (github.com/robfig/cron/v3):
// keeping rotations generated ahead, sweeping for gaps and labour-rule
// breaches into alerts, reminding guards, the managers' digest, notices to
// the police post, and backups. Each job is a thin call into scheduler logic
// and the store; none overlaps itself, a panic is recovered and recorded,
// and every job takes its time from an injectable clock.
package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"

	"github.com/robfig/cron/v3"
)

// Store is what the engine needs persisted.
type Store interface {
	scheduler.Store
	scheduler.AlertService
	scheduler.OutboxService
	scheduler.JobService
	scheduler.DutyService
	Rules(ctx context.Context) (labour.Rules, error)
	// HasNotification reports whether a notification whose dedupe key starts with prefix was queued.
	HasNotification(ctx context.Context, prefix string) (bool, error)
	BackupDir(j scheduler.JobSettings) string
	RotateBackups(ctx context.Context, dir string, keep int, now time.Time) (string, []string, error)
	// EscalateIncidents escalates the incidents due at now (scheduler.IncidentService).
	EscalateIncidents(ctx context.Context, now time.Time) ([]*scheduler.Incident, error)
}

// Config is what New needs.
type Config struct {
	Store  Store
	Now    scheduler.Clock // nil: the system clock
	Logger *slog.Logger
	Hub    *Hub
	// Wake is signalled (without blocking) when notifications were queued,
	// so that the sender delivers them at once.
	Wake chan<- struct{}
	// RecordRetry is the first wait before a job run whose record failed (a
	// busy database) is recorded again; the wait doubles up to a minute.
	// 0: 5 s.
	RecordRetry time.Duration
	// Leader reports whether this instance runs the scheduled jobs now (the
	// cron leader of several instances on one database); nil: always. It is
	// asked right before each scheduled run; a run by hand (Run) goes on
	// anywhere.
	Leader func() bool
}

// Engine schedules and runs the jobs.
type Engine struct {
	store Store
	now   scheduler.Clock
	log   *slog.Logger
	hub   *Hub
	wake  chan<- struct{}
	jobs  map[string]func(ctx context.Context, now time.Time) (any, error)
	locks map[string]*sync.Mutex

	records *runRecords
	leader  func() bool

	// lead is the context of the scheduled runs: cancelled when this
	// instance stops leading, so that its runs in flight stop (leader.go).
	leadMu     sync.Mutex
	lead       context.Context
	leadCancel context.CancelFunc

	mu      sync.Mutex
	cron    *cron.Cron
	entries map[string]cron.EntryID
	specs   map[string]string
}

// New returns an engine; Start schedules its jobs.
func New(cfg Config) *Engine {
	e := &Engine{store: cfg.Store, now: cfg.Now, log: cfg.Logger, hub: cfg.Hub, wake: cfg.Wake,
		locks: map[string]*sync.Mutex{}, entries: map[string]cron.EntryID{}, specs: map[string]string{},
		records: newRunRecords(cfg.RecordRetry), leader: cfg.Leader}
	e.lead, e.leadCancel = context.WithCancel(context.Background())
	if e.now == nil {
		e.now = scheduler.SystemClock
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	e.jobs = map[string]func(context.Context, time.Time) (any, error){
		scheduler.JobHorizon:      e.horizon,
		scheduler.JobSweep:        e.sweep,
		scheduler.JobReminders:    e.reminders,
		scheduler.JobDigest:       e.digest,
		scheduler.JobPoliceNotice: e.policeNotice,
		scheduler.JobBackup:       e.backup,

		scheduler.JobIncidents: e.incidents,
	}
	for _, n := range scheduler.JobNames {
		e.locks[n] = &sync.Mutex{}
	}
	return e
}

// Start registers every job from the job settings, in the office zone, and starts the cron.
func (e *Engine) Start(ctx context.Context) error {
	return e.Reload(ctx)
}

// Reload re-reads the job settings and the office zone and reschedules the jobs.
func (e *Engine) Reload(ctx context.Context) error {
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return err
	}
	c := cron.New(cron.WithLocation(e.store.Location()), cron.WithParser(cronParser{}))
	entries := map[string]cron.EntryID{}
	for _, name := range scheduler.JobNames {
		spec := js.Schedules[name]
		if spec == scheduler.JobOff {
			continue
		}
		name := name
		id, err := c.AddFunc(spec, func() { e.runScheduled(name) })
		if err != nil {
			return scheduler.E(scheduler.EINVALID, "schedules."+name, "jobs.bad_schedule", "spec", spec, "detail", err.Error())
		}
		entries[name] = id
	}
	e.mu.Lock()
	old := e.cron
	e.cron, e.entries, e.specs = c, entries, js.Schedules
	e.mu.Unlock()
	if old != nil {
		old.Stop()
	}
	c.Start()
	return nil
}

// Stop stops scheduling and waits for running jobs to finish.
func (e *Engine) Stop() {
	e.mu.Lock()
	c := e.cron
	e.mu.Unlock()
	if c != nil {
		<-c.Stop().Done()
	}
	e.stopRecords()
}

type cronParser struct{}

func (cronParser) Parse(spec string) (cron.Schedule, error) { return scheduler.ParseSchedule(spec) }

func (e *Engine) runScheduled(name string) {
	if !e.isLeader() {
		e.log.Debug("job not run here: another instance leads", "job", name)
		return
	}
	res := e.run(e.leadContext(), name, "schedule")
	if res.Error != "" && res.Error != errBusy {
		e.log.Warn("job failed", "job", name, "err", res.Error)
	}
}

const errBusy = "already running"

// Result is the outcome of one run of a job.
type Result struct {
	Name       string    `json:"name"`
	OK         bool      `json:"ok"`
	Started    time.Time `json:"started"`
	DurationMS int64     `json:"duration_ms"`
	Error      string    `json:"error"`
	Result     any       `json:"result"`
}

// Known reports whether name is a job.
func (e *Engine) Known(name string) bool { _, ok := e.jobs[name]; return ok }

// Run runs a job now and returns when it has finished. A job already running
// is not started twice: the answer then says so.
func (e *Engine) Run(ctx context.Context, name string) Result { return e.run(ctx, name, "hand") }

// run runs a job; by says what started it in the log ("schedule" or "hand").
func (e *Engine) run(ctx context.Context, name, by string) Result {
	fn, ok := e.jobs[name]
	if !ok {
		return Result{Name: name, Error: "no such job"}
	}
	lock := e.locks[name]
	if !lock.TryLock() {
		return Result{Name: name, Error: errBusy}
	}
	defer lock.Unlock()
	now := e.now()
	start := time.Now()
	res := Result{Name: name, Started: now}
	func() {
		defer func() {
			if r := recover(); r != nil {
				res.Error = fmt.Sprintf("panic: %v", r)
				e.log.Error("job panicked", "job", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			}
		}()
		out, err := fn(scheduler.WithActor(ctx, "job:"+name), now)
		res.Result = out
		if err != nil {
			res.Error = err.Error()
		}
	}()
	res.DurationMS = time.Since(start).Milliseconds()
	res.OK = res.Error == ""
	raw, _ := json.Marshal(res.Result)
	e.record(ctx, scheduler.JobRun{Name: name, LastRun: now, DurationMS: res.DurationMS, Error: res.Error, Result: raw})
	e.log.Info("job ran", "job", name, "by", by, "started", now, "ms", res.DurationMS, "ok", res.OK)
	return res
}

// Busy reports whether the result is "already running".
func (r Result) Busy() bool { return r.Error == errBusy }

// Status is a job as GET /api/v1/jobs shows it.
type Status struct {
	Name           string     `json:"name"`
	Schedule       string     `json:"schedule"`
	LastRun        *time.Time `json:"last_run"`
	NextRun        *time.Time `json:"next_run"`
	LastDurationMS int64      `json:"last_duration_ms"`
	LastError      string     `json:"last_error"`
	Running        bool       `json:"running"`
}

// Jobs returns the status of every job.
func (e *Engine) Jobs(ctx context.Context) ([]Status, error) {
	runs, err := e.store.JobRuns(ctx)
	if err != nil {
		return nil, err
	}
	for name, r := range e.unrecorded() { // newer than what the store holds
		runs[name] = r
	}
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	loc := e.store.Location()
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []Status{}
	for _, name := range scheduler.JobNames {
		st := Status{Name: name, Schedule: js.Schedules[name]}
		if r, ok := runs[name]; ok {
			t := r.LastRun.In(loc)
			st.LastRun, st.LastDurationMS, st.LastError = &t, r.DurationMS, r.Error
		}
		if sched, err := scheduler.ParseSchedule(st.Schedule); err == nil && sched != nil {
			n := sched.Next(e.now().In(loc)).In(loc)
			st.NextRun = &n
		}
		if e.locks[name].TryLock() {
			e.locks[name].Unlock()
		} else {
			st.Running = true
		}
		out = append(out, st)
	}
	return out, nil
}

// notify wakes the sender.
func (e *Engine) notify() {
	if e.wake == nil {
		return
	}
	select {
	case e.wake <- struct{}{}:
	default:
	}
}
