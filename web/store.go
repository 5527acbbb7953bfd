package web

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
	"catruc/scheduler/roster"
	"catruc/scheduler/timesheet"
)

// Store is what the pages need persisted; store.Store implements it. The
// roster's writes go through the roster service (Deps.Roster), which the
// pages share with the API; the rest the pages read and write here.
type Store interface {
	// What the roster service and the reports read and write.
	roster.Store

	scheduler.PostService
	scheduler.GuardService
	scheduler.EventService
	scheduler.RotationService
	scheduler.SettingsService
	scheduler.DutyService
	scheduler.IncidentService
	scheduler.LoginThrottle // the login throttle's counts, shared by every instance
	timesheet.Store         // the timesheet for pay (reports_timesheet.go)

	SetRules(ctx context.Context, r labour.Rules) (labour.Rules, error)
	// FirstShiftStarts is where each post's roster begins: the start of its
	// first shift (days before it read "no roster yet", not as gaps).
	FirstShiftStarts(ctx context.Context) (map[int64]time.Time, error)
	Holidays(ctx context.Context, year int) ([]holiday.Holiday, error)

	// Alerts and the outbox.
	FindAlerts(ctx context.Context, f scheduler.AlertFilter) ([]*scheduler.Alert, error)
	AcknowledgeAlert(ctx context.Context, id int64) (*scheduler.Alert, error)
	ResolveAlert(ctx context.Context, id int64) (*scheduler.Alert, error)
	Enqueue(ctx context.Context, ns []*scheduler.Notification) (int, error)
	FindNotifications(ctx context.Context, status string, limit int) ([]*scheduler.Notification, error)
	EventNoticesSent(ctx context.Context, eventIDs []int64) (map[int64]int, error) // the security report
	NotificationSettings(ctx context.Context) (scheduler.NotificationSettings, error)
	SetNotificationSettings(ctx context.Context, ns scheduler.NotificationSettings, clearPassword bool) (scheduler.NotificationSettings, error)
	JobSettings(ctx context.Context) (scheduler.JobSettings, error)
	SetJobSettings(ctx context.Context, j scheduler.JobSettings) (scheduler.JobSettings, error)

	// Calendar links.
	CreateCalendar(ctx context.Context, c *scheduler.Calendar) (secret string, err error)
	RotateCalendar(ctx context.Context, id int64) (*scheduler.Calendar, string, error)
	FindCalendars(ctx context.Context, scope string, targetID *int64) ([]*scheduler.Calendar, error)
	FindCalendarByID(ctx context.Context, id int64) (*scheduler.Calendar, error)
	CalendarSettings(ctx context.Context) (scheduler.CalendarSettings, error)
	SetCalendarSettings(ctx context.Context, c scheduler.CalendarSettings) (scheduler.CalendarSettings, error)

	// Logins and sessions.
	Login(ctx context.Context, name, password string) (*scheduler.User, error)
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *scheduler.Session, error)
	SessionBySecret(ctx context.Context, secret string) (*scheduler.Session, error)
	DeleteSession(ctx context.Context, secret string) error
	SetUserLang(ctx context.Context, id int64, lang string) error
	// FindUsers lists the logins (an incident names who declared it by the guard's name).
	FindUsers(ctx context.Context) ([]*scheduler.User, error)
}
