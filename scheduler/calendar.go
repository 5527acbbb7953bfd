package scheduler

import (
	"context"
	"time"
)

// Calendar scopes.
const (
	ScopeGuard  = "guard"  // one guard's shifts
	ScopePost   = "post"   // one post's roster and its events
	ScopeAll    = "all"    // the whole roster and every event
	ScopePolice = "police" // events with notify_police and who is on duty
)

// Calendar is a subscription: a secret URL a phone calendar polls. The
// secret is shown once, when the calendar is made or rotated; only its
// hash is kept.
type Calendar struct {
	ID         int64      `json:"id"`
	Scope      string     `json:"scope"`
	TargetID   *int64     `json:"target_id"`
	Name       string     `json:"name"`
	URL        string     `json:"url,omitempty"`        // only when just made or rotated
	WebcalURL  string     `json:"webcal_url,omitempty"` // the same, webcal://
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	RotatedAt  *time.Time `json:"rotated_at"`
	LastAccess *time.Time `json:"last_access"`
}

// CalendarSettings shape the feeds.
type CalendarSettings struct {
	AlarmMinutes   int `json:"alarm_minutes"`   // personal feeds remind this long before each shift; 0: none. Default 60
	DaysBack       int `json:"days_back"`       // default 30
	DaysAhead      int `json:"days_ahead"`      // default 180
	RefreshMinutes int `json:"refresh_minutes"` // REFRESH-INTERVAL; default 60
}

// DefaultCalendarSettings are the defaults.
func DefaultCalendarSettings() CalendarSettings {
	return CalendarSettings{AlarmMinutes: 60, DaysBack: 30, DaysAhead: 180, RefreshMinutes: 60}
}

// Validate checks the settings.
func (c *CalendarSettings) Validate() error {
	if c.AlarmMinutes < 0 || c.AlarmMinutes > 7*24*60 {
		return E(EINVALID, "alarm_minutes", "common.range", "min", 0, "max", 7*24*60)
	}
	if c.DaysBack < 0 || c.DaysBack > 366 {
		return E(EINVALID, "days_back", "common.range", "min", 0, "max", 366)
	}
	if c.DaysAhead < 1 || c.DaysAhead > 731 {
		return E(EINVALID, "days_ahead", "common.range", "min", 1, "max", 731)
	}
	if c.RefreshMinutes < 5 || c.RefreshMinutes > 7*24*60 {
		return E(EINVALID, "refresh_minutes", "common.range", "min", 5, "max", 7*24*60)
	}
	return nil
}

// CalendarService keeps subscriptions.
type CalendarService interface {
	// CreateCalendar makes a subscription and returns its secret.
	CreateCalendar(ctx context.Context, c *Calendar) (secret string, err error)
	// RotateCalendar gives a calendar a new secret; the old one stops working.
	RotateCalendar(ctx context.Context, id int64) (*Calendar, string, error)
	// RevokeCalendar ends a subscription; its URL answers 404 from then on.
	RevokeCalendar(ctx context.Context, id int64) error
	FindCalendars(ctx context.Context, scope string, targetID *int64) ([]*Calendar, error)
	FindCalendarByID(ctx context.Context, id int64) (*Calendar, error)
	// CalendarBySecret returns the live calendar of a secret; ENOTFOUND otherwise.
	CalendarBySecret(ctx context.Context, secret string) (*Calendar, error)
	// RosterVersion grows with every change that a feed may show, and says when it last changed.
	RosterVersion(ctx context.Context) (int64, time.Time, error)
	CalendarSettings(ctx context.Context) (CalendarSettings, error)
	SetCalendarSettings(ctx context.Context, c CalendarSettings) (CalendarSettings, error)
}

// ImportItem is one occurrence read from an iCalendar file.
type ImportItem struct {
	UID         string
	Summary     string
	Description string
	Start, End  time.Time
	AllDay      bool
	Line        int // of its BEGIN:VEVENT
}

// ImportResult tells what an import did, or (dry run) would do: the items
// created, those skipped (already there) and those in error. An import with
// errors writes nothing.
type ImportResult struct {
	Created []any          `json:"created"`
	Skipped []ImportRemark `json:"skipped"`
	Errors  []ImportRemark `json:"errors"`
}

// ImportRemark says why an item was skipped or refused: Reason is the
// English text of the message Key with Args (see Remark), which each door
// may render in its user's language.
type ImportRemark struct {
	Line    int            `json:"line"`
	Summary string         `json:"summary"`
	Start   string         `json:"start"`
	Reason  string         `json:"reason"`
	Key     string         `json:"key"`
	Args    map[string]any `json:"args,omitempty"`
	Item    any            `json:"item,omitempty"`
}
