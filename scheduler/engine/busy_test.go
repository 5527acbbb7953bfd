package engine_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/notify"
	"catruc/store"
	"catruc/store/storetest"
)

// writeLock holds the database's write lock from another connection (as a
// long import or another process would) until release.
type writeLock struct{ release func() }

func lockDB(t *testing.T, path string) *writeLock {
	t.Helper()
	return &writeLock{release: storetest.HoldWriteLock(t, path)}
}

// busyStore opens a store whose writes wait only 200 ms for the write lock.
func busyStore(t *testing.T, clk *clock) (*store.Store, string) {
	t.Helper()
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(clk.now), store.WithBusyTimeout(200*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// Ensure an email delivered while the database is locked, so that its
// delivery cannot be recorded, is recorded once the lock is gone and never
// sent a second time; a failed attempt that could not be recorded is
// recorded too (attempts, error, next try) rather than tried again at once.
func TestOutboxRecordsEveryOutcomeThroughABusyDatabase(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)}
	st, path := busyStore(t, clk)
	mb := startMailbox(t)
	if _, err := st.SetNotificationSettings(ctx, scheduler.NotificationSettings{EscalateAfterMinutes: 30,
		SMTP: scheduler.SMTP{Host: mb.host, Port: mb.port, From: "catruc <catruc@vpubnd.example.vn>", TLS: "none"},
	}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Enqueue(ctx, []*scheduler.Notification{
		{Channel: scheduler.ChannelEmail, Recipient: "an@example.vn", Type: scheduler.TypeShiftChanged,
			Subject: "Ca trực của anh đã thay đổi", BodyText: "Ca trực mới: thứ Bảy 05/12/2026, 07:00–19:00.",
			DedupeKey: "busy-test-email"},
		{Channel: scheduler.ChannelEmail, Recipient: "duc@example.vn", Type: scheduler.TypeShiftChanged,
			Subject: "Ca trực của anh đã thay đổi", BodyText: "Ca trực mới: Chủ nhật 06/12/2026, 07:00–19:00.",
			DedupeKey: "busy-test-full"},
	}); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Đức's mailbox is full: each attempt to mail him fails (and is retried later).
	full := 0
	email := func(ctx context.Context, s scheduler.SMTP, n *scheduler.Notification) error {
		if n.Recipient == "duc@example.vn" {
			full++
			return errors.New("452 mailbox full")
		}
		return notify.SendEmail(ctx, s, n)
	}
	sender := &notify.Sender{Outbox: st, Now: clk.now, Logger: logger, Email: email}

	lock := lockDB(t, path)
	sent, failed, err := sender.Flush(ctx)
	if sent != 1 || failed != 1 || err == nil {
		t.Fatalf("Flush under the lock = %d sent, %d failed, %v; want 1, 1 and the recording errors", sent, failed, err)
	}
	lock.release()

	sent, failed, err = sender.Flush(ctx)
	if err != nil || sent != 0 || failed != 0 {
		t.Errorf("Flush after the lock = %d sent, %d failed, %v; want nothing sent or tried again", sent, failed, err)
	}
	if got := mb.subjects("an@example.vn"); len(got) != 1 {
		t.Errorf("the guard received %d emails, want exactly 1: %q", len(got), got)
	}
	ns, err := st.FindNotifications(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if full != 1 {
		t.Errorf("%d attempts to mail Đức, want 1 (its failure is recorded, the retry comes after the backoff)", full)
	}
	for _, n := range ns {
		switch n.Recipient {
		case "an@example.vn":
			if n.Status != scheduler.NotifySent || n.Attempts != 1 || n.SentAt == nil {
				t.Errorf("email: status %s, attempts %d, sent at %v; want sent once", n.Status, n.Attempts, n.SentAt)
			}
		case "duc@example.vn":
			if n.Status != scheduler.NotifyPending || n.Attempts != 1 || n.LastError != "452 mailbox full" ||
				!n.NextAttemptAt.Equal(clk.now().Add(notify.Backoff(1))) {
				t.Errorf("Đức's email: status %s, attempts %d, error %q, next %v; want its failed attempt recorded",
					n.Status, n.Attempts, n.LastError, n.NextAttemptAt)
			}
		}
	}
}

// Ensure a job that runs while the database is locked has its run recorded
// once the lock is gone (its error included), rather than lost, and that
// GET /api/v1/jobs shows it meanwhile.
func TestJobRunRecordedThroughABusyDatabase(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)}
	st, path := busyStore(t, clk)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng := engine.New(engine.Config{Store: st, Now: clk.now, Logger: logger, Hub: engine.NewHub(),
		RecordRetry: 50 * time.Millisecond})
	t.Cleanup(eng.Stop)

	lock := lockDB(t, path)
	res := eng.Run(ctx, scheduler.JobSweep)
	runs, err := st.JobRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := runs[scheduler.JobSweep]; ok {
		t.Fatal("the run was recorded through the lock")
	}
	jobs, err := eng.Jobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if j.Name == scheduler.JobSweep && (j.LastRun == nil || !j.LastRun.Equal(res.Started) || j.LastError != res.Error) {
			t.Errorf("GET /jobs shows the sweep's last run %v %q, want the unrecorded run at %v %q", j.LastRun, j.LastError,
				res.Started, res.Error)
		}
	}
	lock.release()

	deadline := time.Now().Add(20 * time.Second)
	for {
		runs, err := st.JobRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := runs[scheduler.JobSweep]; ok {
			if !r.LastRun.Equal(res.Started) || r.Error != res.Error {
				t.Errorf("recorded run %v %q, want %v %q", r.LastRun, r.Error, res.Started, res.Error)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the sweep's run was never recorded after the lock was released")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
