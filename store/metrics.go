package store

import (
	"context"
	"database/sql"
	"sync/atomic"
	"time"

	"catruc/scheduler"
)

var _ scheduler.OpsService = (*Store)(nil)

// storeMetrics are the store's own counters, read by /metrics.
type storeMetrics struct {
	busyRetries  atomic.Int64 // tries again after a busy database (retryBusy)
	busyFailures atomic.Int64 // writes that stayed busy and failed
}

// busyRetried counts one more try after a busy database; gaveUp one write
// that stayed busy.
func (m *storeMetrics) busyRetried() { m.busyRetries.Add(1) }
func (m *storeMetrics) busyGaveUp()  { m.busyFailures.Add(1) }
func (s *Store) BusyRetries() int64  { return s.metrics.busyRetries.Load() }
func (s *Store) BusyFailures() int64 { return s.metrics.busyFailures.Load() }

// OpsStats reads the active alerts, the outbox and the job runs in one read
// transaction, so that the figures agree with one another.
func (s *Store) OpsStats(ctx context.Context) (scheduler.OpsStats, error) {
	var st scheduler.OpsStats
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	if st.Alerts, err = opsAlerts(ctx, tx); err != nil {
		return st, err
	}
	if st.Outbox, err = opsOutbox(ctx, tx); err != nil {
		return st, err
	}
	var oldest sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT MIN(created_at) FROM notifications WHERE status = 'pending'`).
		Scan(&oldest); err != nil {
		return st, err
	}
	if st.OldestPending, err = parseNullTime(oldest, time.UTC); err != nil {
		return st, err
	}
	if st.Jobs, err = opsJobs(ctx, tx); err != nil {
		return st, err
	}
	return st, tx.Commit()
}

func opsAlerts(ctx context.Context, tx *sql.Tx) ([]scheduler.AlertCount, error) {
	rows, err := tx.QueryContext(ctx, `SELECT kind, severity, status, COUNT(*) FROM alerts
		WHERE status IN ('open', 'acknowledged') GROUP BY kind, severity, status ORDER BY kind, severity, status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scheduler.AlertCount
	for rows.Next() {
		var c scheduler.AlertCount
		if err := rows.Scan(&c.Kind, &c.Severity, &c.Status, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func opsOutbox(ctx context.Context, tx *sql.Tx) ([]scheduler.OutboxCount, error) {
	rows, err := tx.QueryContext(ctx, `SELECT channel, status, COUNT(*),
		CAST(SUM(CASE WHEN attempts > 0 AND status = 'pending' THEN 1 ELSE 0 END) AS BIGINT)
		FROM notifications WHERE status IN ('pending', 'failed') GROUP BY channel, status ORDER BY channel, status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scheduler.OutboxCount
	for rows.Next() {
		var c scheduler.OutboxCount
		if err := rows.Scan(&c.Channel, &c.Status, &c.N, &c.Retrying); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func opsJobs(ctx context.Context, tx *sql.Tx) ([]scheduler.JobStatus, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, last_run, last_success, last_duration_ms, last_error
		FROM job_runs ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scheduler.JobStatus
	for rows.Next() {
		var j scheduler.JobStatus
		var last, lastErr string
		var success sql.NullString
		var ms int64
		if err := rows.Scan(&j.Name, &last, &success, &ms, &lastErr); err != nil {
			return nil, err
		}
		if j.LastRun, err = parseTime(last, time.UTC); err != nil {
			return nil, err
		}
		if j.LastSuccess, err = parseNullTime(success, time.UTC); err != nil {
			return nil, err
		}
		j.Duration, j.Failed = time.Duration(ms)*time.Millisecond, lastErr != ""
		out = append(out, j)
	}
	return out, rows.Err()
}
