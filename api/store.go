package api

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
	"catruc/scheduler/timesheet"
)

// Store is what the API needs persisted: the domain's store plus the
// settings and calendars whose types live in scheduler's subpackages.
type Store interface {
	scheduler.Store
	Rules(ctx context.Context) (labour.Rules, error)
	SetRules(ctx context.Context, r labour.Rules) (labour.Rules, error)
	Holidays(ctx context.Context, year int) ([]holiday.Holiday, error)
	AddHoliday(ctx context.Context, date, name string) (holiday.Holiday, error)
	RemoveHoliday(ctx context.Context, date string) error
	scheduler.AlertService
	scheduler.OutboxService
	scheduler.JobService
	scheduler.CalendarService
	scheduler.SwapService
	scheduler.UserService
	scheduler.DutyService
	scheduler.IncidentService
	timesheet.Store
	timesheet.PayStore
	ImportTimeOff(ctx context.Context, guardID int64, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error)
	ImportHolidays(ctx context.Context, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error)
	ImportShifts(ctx context.Context, postID int64, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error)
	SetNotificationSettings(ctx context.Context, ns scheduler.NotificationSettings, clearPassword bool) (scheduler.NotificationSettings, error)
	EventNoticesSent(ctx context.Context, eventIDs []int64) (map[int64]int, error) // the security report
	FirstShiftStarts(ctx context.Context) (map[int64]time.Time, error)             // the security report
}
