package scheduler

import (
	"context"
	"time"
)

// Alert kinds, statuses and severities.
const (
	AlertGap       = "gap"       // a post is, or will be, uncovered
	AlertViolation = "violation" // the roster breaks a labour rule

	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertResolved     = "resolved"

	SeverityCritical = "critical" // the gap starts within 12 h (or has started)
	SeverityHigh     = "high"     // within 48 h
	SeverityNormal   = "normal"
)

// AlertKinds are every kind of alert there is (the no-show of the duty desk
// among them): what the alert list may be filtered by.
var AlertKinds = []string{AlertGap, AlertViolation, AlertNoShow}

// ValidAlertKind reports whether kind is one of AlertKinds.
func ValidAlertKind(kind string) bool {
	for _, k := range AlertKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Alert is a gap or a breach that someone must know about. One uncovered
// stretch of a post is one alert for as long as it lasts: it is updated when
// the stretch changes and resolves by itself when the stretch is filled.
type Alert struct {
	ID      int64  `json:"id"`
	Kind    string `json:"kind"`
	PostID  *int64 `json:"post_id"`
	GuardID *int64 `json:"guard_id"`
	// Rule is the labour rule of a violation alert.
	Rule    string    `json:"rule,omitempty"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Missing int       `json:"missing"` // guards missing at the worst moment of a gap
	// Key identifies what the alert is about across sweeps: a violation's
	// rule, guard and period; empty for gaps, which match by post and time.
	Key            string            `json:"-"`
	Severity       string            `json:"severity"`
	Status         string            `json:"status"`
	Message        string            `json:"message"`
	MessageVI      string            `json:"message_vi"`
	OpenedAt       time.Time         `json:"opened_at"`
	AcknowledgedAt *time.Time        `json:"acknowledged_at"`
	AcknowledgedBy string            `json:"acknowledged_by,omitempty"`
	ResolvedAt     *time.Time        `json:"resolved_at"`
	ResolvedBy     string            `json:"resolved_by,omitempty"` // "system" when it resolved by itself
	CriticalAt     *time.Time        `json:"critical_at"`
	EscalatedAt    *time.Time        `json:"escalated_at"`
	Suggestions    []AlertSuggestion `json:"suggestions"`
	// Version grows with every change that was announced.
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Active reports whether the alert is open or acknowledged.
func (a *Alert) Active() bool { return a.Status == AlertOpen || a.Status == AlertAcknowledged }

// AlertSuggestion is a guard who could fill a gap.
type AlertSuggestion struct {
	GuardID int64    `json:"guard_id"`
	Name    string   `json:"name"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

// SystemActor resolves alerts that resolve by themselves.
const SystemActor = "system"

// AlertFilter selects alerts; zero fields select all.
type AlertFilter struct {
	ID     *int64
	Status string
	Kind   string
	PostID *int64
	// Current selects the alerts a sweep matches against: the active ones and
	// those resolved by hand whose stretch has not ended by this time.
	Current *time.Time
	// OpenedFrom and OpenedTo select the alerts opened in [OpenedFrom,
	// OpenedTo) (a report's period); with either, there is no default limit.
	OpenedFrom, OpenedTo *time.Time
	Limit                int // 0: the default of 500
}

// AlertChange is what a sweep decided about one alert: its new state, and the
// notifications to queue with it (rendered once the alert has its id).
type AlertChange struct {
	Alert *Alert
	// Notify is the notification type to announce, or "" for a silent update.
	Notify string
}

// AlertService keeps alerts.
type AlertService interface {
	FindAlerts(ctx context.Context, f AlertFilter) ([]*Alert, error)
	// ApplyAlertChanges writes the alerts and, in the same transaction, the
	// notifications render returns for each announced change.
	ApplyAlertChanges(ctx context.Context, changes []AlertChange, render func(a *Alert, typ string) ([]*Notification, error)) ([]*Alert, error)
	// AcknowledgeAlert and ResolveAlert are a person's actions; ENOTFOUND,
	// ECONFLICT when the alert is already resolved.
	AcknowledgeAlert(ctx context.Context, id int64) (*Alert, error)
	ResolveAlert(ctx context.Context, id int64) (*Alert, error)
}

// OutboxService queues and lists notifications.
type OutboxService interface {
	// Enqueue queues notifications; those whose DedupeKey is already queued
	// are skipped. It returns how many were queued.
	Enqueue(ctx context.Context, ns []*Notification) (int, error)
	FindNotifications(ctx context.Context, status string, limit int) ([]*Notification, error)
	NotificationSettings(ctx context.Context) (NotificationSettings, error)
}
