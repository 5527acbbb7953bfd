package scheduler

import (
	"context"
	"time"
)

// OpsStats is what the operators' metrics read from the database at scrape
// time: the alerts still active, the outbox's state and each job's last run.
// Every figure is the database's, so every instance on one database tells
// the same.
type OpsStats struct {
	// Alerts counts the active (open or acknowledged) alerts by kind,
	// severity and status.
	Alerts []AlertCount
	// Outbox counts notifications by channel and status, and how many of
	// the pending ones have failed at least once (being retried).
	Outbox []OutboxCount
	// OldestPending is when the oldest pending notification was queued
	// (nil: none pending).
	OldestPending *time.Time
	// Jobs is the last run of each job that has run.
	Jobs []JobStatus
}

// AlertCount is how many active alerts share a kind, severity and status.
type AlertCount struct {
	Kind, Severity, Status string
	N                      int
}

// OutboxCount is how many notifications of a channel have a status;
// Retrying counts the pending ones with at least one failed attempt.
type OutboxCount struct {
	Channel, Status string
	N, Retrying     int
}

// JobStatus is a job's last run for the metrics.
type JobStatus struct {
	Name    string
	LastRun time.Time
	// LastSuccess is the last run that ended without an error (nil: none yet).
	LastSuccess *time.Time
	Duration    time.Duration
	Failed      bool // the last run ended with an error
}

// OpsService reads what the operators watch.
type OpsService interface {
	OpsStats(ctx context.Context) (OpsStats, error)
	// BusyRetries is how many times a write found the database busy and
	// tried again, since the store was opened; BusyFailures how many stayed
	// busy through every try and failed (503).
	BusyRetries() int64
	BusyFailures() int64
}
