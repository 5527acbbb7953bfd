package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"catruc/scheduler"
)

const (
	notificationsKey = "notifications"
	jobsKey          = "jobs"
)

// DefaultNotificationSettings: nobody to tell yet; escalate after 30 minutes.
func DefaultNotificationSettings() scheduler.NotificationSettings {
	return scheduler.NotificationSettings{Managers: []scheduler.Person{}, Escalation: []scheduler.Person{},
		EscalateAfterMinutes: 30, SMTP: scheduler.SMTP{Port: 587, TLS: "starttls"}, Webhooks: []scheduler.Webhook{}}
}

// NotificationSettings returns the settings with their secrets opened.
func (s *Store) NotificationSettings(ctx context.Context) (scheduler.NotificationSettings, error) {
	return s.notificationSettings(ctx, s.rdb)
}

func (s *Store) notificationSettings(ctx context.Context, q queryer) (scheduler.NotificationSettings, error) {
	ns := DefaultNotificationSettings()
	if _, err := getSetting(ctx, q, notificationsKey, &ns); err != nil {
		return ns, err
	}
	// Settings stored before allow_private_webhooks existed keep sending to
	// the webhooks they name, private addresses included (an office's own
	// network); settings saved since say so themselves.
	var probe struct {
		Allow *bool `json:"allow_private_webhooks"`
	}
	if _, err := getSetting(ctx, q, notificationsKey, &probe); err != nil {
		return ns, err
	}
	if probe.Allow == nil && len(ns.Webhooks) > 0 {
		ns.AllowPrivateWebhooks = true
	}
	var err error
	if ns.SMTP.Password, err = s.unseal(ns.SMTP.Password); err != nil {
		return ns, err
	}
	for i := range ns.Webhooks {
		if ns.Webhooks[i].Secret, err = s.unseal(ns.Webhooks[i].Secret); err != nil {
			return ns, err
		}
	}
	return ns, nil
}

// SetNotificationSettings validates and stores the settings. A password or
// secret left empty keeps the stored one (for a webhook: of the same URL);
// clearPassword empties the SMTP password.
func (s *Store) SetNotificationSettings(ctx context.Context, ns scheduler.NotificationSettings, clearPassword bool) (scheduler.NotificationSettings, error) {
	if err := ns.Validate(); err != nil {
		return ns, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		cur, err := s.notificationSettings(ctx, tx)
		if err != nil {
			return err
		}
		if ns.SMTP.Password == "" && !clearPassword {
			ns.SMTP.Password = cur.SMTP.Password
		}
		old := map[string]string{}
		for _, w := range cur.Webhooks {
			old[w.URL] = w.Secret
		}
		for i := range ns.Webhooks {
			if ns.Webhooks[i].Secret == "" {
				ns.Webhooks[i].Secret = old[ns.Webhooks[i].URL]
			}
		}
		sealed := ns
		sealed.Webhooks = append([]scheduler.Webhook(nil), ns.Webhooks...)
		if sealed.SMTP.Password, err = s.seal(ns.SMTP.Password); err != nil {
			return err
		}
		for i := range sealed.Webhooks {
			if sealed.Webhooks[i].Secret, err = s.seal(ns.Webhooks[i].Secret); err != nil {
				return err
			}
		}
		return s.putSetting(ctx, tx, notificationsKey, cur.Redacted(), ns.Redacted(), sealed)
	})
	return ns, err
}

// JobSettings returns the job settings.
func (s *Store) JobSettings(ctx context.Context) (scheduler.JobSettings, error) {
	j := scheduler.DefaultJobSettings()
	if _, err := s.GetSetting(ctx, jobsKey, &j); err != nil {
		return j, err
	}
	j.UpgradeStored()
	return j, j.Validate()
}

// SetJobSettings validates and stores the job settings.
func (s *Store) SetJobSettings(ctx context.Context, j scheduler.JobSettings) (scheduler.JobSettings, error) {
	if err := j.Validate(); err != nil {
		return j, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before := scheduler.DefaultJobSettings()
		if _, err := getSetting(ctx, tx, jobsKey, &before); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, jobsKey, before, j)
	})
	return j, err
}

// RecordJobRun keeps the last run of a job.
func (s *Store) RecordJobRun(ctx context.Context, r scheduler.JobRun) error {
	res := string(r.Result)
	if res == "" {
		res = "null"
	}
	_, err := s.exec(ctx, `INSERT INTO job_runs (name, last_run, last_duration_ms, last_error, last_result)
		VALUES (?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run,
		last_duration_ms = excluded.last_duration_ms, last_error = excluded.last_error, last_result = excluded.last_result`,
		r.Name, fmtTime(r.LastRun), r.DurationMS, r.Error, res)
	return err
}

// JobRuns returns the last run of each job that has run.
func (s *Store) JobRuns(ctx context.Context) (map[string]scheduler.JobRun, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT name, last_run, last_duration_ms, last_error, last_result FROM job_runs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]scheduler.JobRun{}
	for rows.Next() {
		var r scheduler.JobRun
		var last, res string
		if err := rows.Scan(&r.Name, &last, &r.DurationMS, &r.Error, &res); err != nil {
			return nil, err
		}
		if r.LastRun, err = parseTime(last, s.Location()); err != nil {
			return nil, err
		}
		r.Result = json.RawMessage(res)
		out[r.Name] = r
	}
	return out, rows.Err()
}

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose own tools back it up.
var ErrBackupPostgres = fmt.Errorf("store: backup: the database is PostgreSQL: back it up with pg_dump (%w)", scheduler.ErrBackupElsewhere)

// Backup writes a consistent copy of the database to out with VACUUM INTO
// (out must not exist). SQLite only: on PostgreSQL it fails with ErrBackupPostgres.
func (s *Store) Backup(ctx context.Context, out string) error {
	if s.pg {
		return ErrBackupPostgres
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil { // folders it creates: owner only
		return fmt.Errorf("store: backup: %w", err)
	}
	// The copy holds everything the office has: readable by its owner only.
	// VACUUM INTO fills an empty file, keeping its mode.
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("store: backup: %s exists", out)
	} else if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := s.wdb.ExecContext(ctx, `VACUUM INTO ?`, out); err != nil {
		os.Remove(out)
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// BackupDir is where the backup job writes: the setting, or "backups" beside the database.
func (s *Store) BackupDir(j scheduler.JobSettings) string {
	if j.BackupDir != "" {
		return j.BackupDir
	}
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// RotateBackups writes a timestamped backup into dir and keeps the newest keep of them.
func (s *Store) RotateBackups(ctx context.Context, dir string, keep int, now time.Time) (string, []string, error) {
	name := filepath.Join(dir, "catruc-"+now.UTC().Format("20060102-150405")+".db")
	if err := s.Backup(ctx, name); err != nil {
		return "", nil, err
	}
	matches, err := filepath.Glob(filepath.Join(dir, "catruc-*.db"))
	if err != nil {
		return name, nil, err
	}
	sort.Strings(matches) // the timestamp sorts by time
	var removed []string
	for len(matches) > keep {
		if err := os.Remove(matches[0]); err != nil {
			return name, removed, err
		}
		removed = append(removed, matches[0])
		matches = matches[1:]
	}
	return name, removed, nil
}
