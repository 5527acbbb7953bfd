package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"time"

	"github.com/robfig/cron/v3"
)

// ErrBackupElsewhere is what a store answers the backup job when its
// database is backed up by its own tools (PostgreSQL: pg_dump), not by
// copies of a file: the job then skips, and says so, rather than failing
// every night.
var ErrBackupElsewhere = errors.New("the database is backed up by its own tools")

// Job names.
const (
	JobHorizon      = "horizon"
	JobSweep        = "sweep"
	JobReminders    = "reminders"
	JobDigest       = "digest"
	JobPoliceNotice = "police_notice"
	JobBackup       = "backup"

	// JobIncidents escalates the incidents whose police post has not acknowledged in time.
	JobIncidents = "incidents"
)

// JobNames lists the jobs in display order.
var JobNames = []string{JobHorizon, JobSweep, JobReminders, JobDigest, JobPoliceNotice, JobBackup, JobIncidents}

// JobOff as a schedule turns a job off (it can still be run by hand).
const JobOff = "off"

// JobSettings hold the cron schedules of the jobs (standard five-field specs
// or descriptors such as "@daily", read in the office zone) and their numbers.
type JobSettings struct {
	Schedules map[string]string `json:"schedules"`
	// HorizonDays: rotations are kept generated up to today + this many days. Default 62.
	HorizonDays int `json:"horizon_days"`
	// LookaheadHours: the sweep looks for gaps and breaches from now to now + this. Default 168.
	LookaheadHours int `json:"lookahead_hours"`
	// ReminderLeadMinutes: guards are reminded this long before each shift. Default 720 and 60.
	ReminderLeadMinutes []int `json:"reminder_lead_minutes"`
	// NotifyLeadHours: events with notify_police are announced this long ahead. Default 48.
	NotifyLeadHours int `json:"notify_lead_hours"`
	// BackupKeep: how many backups the backup job keeps. Default 14.
	BackupKeep int `json:"backup_keep"`
	// BackupDir: where backups go, an absolute path; "" means a "backups"
	// folder beside the database. A folder the job creates is 0700, its files 0600.
	BackupDir string `json:"backup_dir"`
}

// DefaultJobSettings are the schedules and numbers until someone changes them.
func DefaultJobSettings() JobSettings {
	return JobSettings{
		Schedules: map[string]string{
			JobHorizon:      "10 0 * * *",
			JobSweep:        "*/5 * * * *",
			JobReminders:    "*/5 * * * *",
			JobDigest:       "30 6 * * *",
			JobPoliceNotice: "*/15 * * * *",
			JobBackup:       "0 2 * * *",

			JobIncidents: "* * * * *",
		},
		HorizonDays: 62, LookaheadHours: 168, ReminderLeadMinutes: []int{720, 60},
		NotifyLeadHours: 48, BackupKeep: 14,
	}
}

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a job schedule; JobOff gives nil.
func ParseSchedule(spec string) (cron.Schedule, error) {
	if spec == JobOff {
		return nil, nil
	}
	return cronParser.Parse(spec)
}

// Validate checks the settings and fills in what is missing from the defaults.
func (j *JobSettings) Validate() error {
	def := DefaultJobSettings()
	if j.Schedules == nil {
		j.Schedules = map[string]string{}
	}
	for name, spec := range j.Schedules {
		known := false
		for _, n := range JobNames {
			known = known || n == name
		}
		if !known {
			return E(EINVALID, "schedules."+name, "jobs.unknown", "job", name, "jobs", JobNames)
		}
		sched, err := ParseSchedule(spec)
		if err != nil {
			return E(EINVALID, "schedules."+name, "jobs.bad_schedule", "spec", spec, "detail", err.Error())
		}
		if err := checkJobSchedule("schedules."+name, sched); err != nil {
			return err
		}
	}
	for _, n := range JobNames {
		if _, ok := j.Schedules[n]; !ok {
			j.Schedules[n] = def.Schedules[n]
		}
	}
	if j.HorizonDays < 1 || j.HorizonDays > 366 {
		return E(EINVALID, "horizon_days", "common.range", "min", 1, "max", 366)
	}
	if j.LookaheadHours < 1 || j.LookaheadHours > 24*62 {
		return E(EINVALID, "lookahead_hours", "common.range", "min", 1, "max", 24*62)
	}
	if j.ReminderLeadMinutes == nil {
		j.ReminderLeadMinutes = []int{}
	}
	for _, m := range j.ReminderLeadMinutes {
		if m < 1 || m > 7*24*60 {
			return E(EINVALID, "reminder_lead_minutes", "jobs.reminder_lead_range")
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(j.ReminderLeadMinutes)))
	if j.NotifyLeadHours < 1 || j.NotifyLeadHours > 24*31 {
		return E(EINVALID, "notify_lead_hours", "common.range", "min", 1, "max", 24*31)
	}
	if j.BackupKeep < 1 || j.BackupKeep > 1000 {
		return E(EINVALID, "backup_keep", "common.range", "min", 1, "max", 1000)
	}
	return checkBackupDir(j.BackupDir)
}

// JobRun is the last run of a job.
type JobRun struct {
	Name       string          `json:"name"`
	LastRun    time.Time       `json:"last_run"`
	DurationMS int64           `json:"last_duration_ms"`
	Error      string          `json:"last_error"`
	Result     json.RawMessage `json:"result"`
}

// JobService keeps the job settings and runs.
type JobService interface {
	JobSettings(ctx context.Context) (JobSettings, error)
	SetJobSettings(ctx context.Context, j JobSettings) (JobSettings, error)
	RecordJobRun(ctx context.Context, r JobRun) error
	JobRuns(ctx context.Context) (map[string]JobRun, error)
}
