package scheduler

import (
	"context"
	"strings"
	"time"
)

// Kinds of events.
var EventKinds = []string{"delegation", "conference", "crowd", "drill", "ceremony", "other"}

// Event is something that raises the need for guards at some posts for a
// while: a delegation (khách A), a conference, a crowd of complainants, a drill.
type Event struct {
	ID    int64     `json:"id"`
	Title string    `json:"title"`
	Kind  string    `json:"kind"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// PostIDs are the posts whose requirement rises by ExtraHeadcount during the event.
	PostIDs        []int64 `json:"post_ids"`
	ExtraHeadcount int     `json:"extra_headcount"`
	NotifyPolice   bool    `json:"notify_police"` // announce it to the police post
	Note           string  `json:"note"`
	// Status is "scheduled" or "cancelled" (ShiftScheduled, ShiftCancelled):
	// a cancelled event stays, so that its cancellation can be announced.
	Status string `json:"status"`
	// Version grows by one with every change.
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks an event on its own (post ids are the store's).
func (e *Event) Validate() error {
	e.Title = strings.TrimSpace(e.Title)
	e.Note = strings.TrimSpace(e.Note)
	if err := validateText("title", e.Title, true, 300); err != nil {
		return err
	}
	ok := false
	for _, k := range EventKinds {
		ok = ok || e.Kind == k
	}
	if !ok {
		return E(EINVALID, "kind", "event.kind_unknown", "kinds", EventKinds)
	}
	if e.Start.IsZero() {
		return E(EINVALID, "start", "common.required")
	}
	if e.End.IsZero() {
		return E(EINVALID, "end", "common.required")
	}
	if err := CheckInstants("start", e.Start, "end", e.End); err != nil {
		return err
	}
	if !e.End.After(e.Start) {
		return E(EINVALID, "end", "event.end_before_start")
	}
	if e.End.Sub(e.Start) > 31*24*time.Hour {
		return E(EINVALID, "end", "event.too_long", "days", 31)
	}
	if e.ExtraHeadcount < 0 || e.ExtraHeadcount > MaxHeadcount {
		return E(EINVALID, "extra_headcount", "event.extra_headcount_range", "min", 0, "max", MaxHeadcount)
	}
	if e.Status == "" {
		e.Status = ShiftScheduled
	}
	if e.Status != ShiftScheduled && e.Status != ShiftCancelled {
		return E(EINVALID, "status", "event.status_unknown")
	}
	if e.PostIDs == nil {
		e.PostIDs = []int64{}
	}
	for _, id := range e.PostIDs {
		if id <= 0 {
			return E(EINVALID, "post_ids", "post.bad_id", "post_id", id)
		}
	}
	return validateText("note", e.Note, false, 2000)
}

// EventFilter selects events; From/To select those overlapping [From, To).
type EventFilter struct {
	ID           *int64
	PostID       *int64
	Status       string
	NotifyPolice *bool
	From         *time.Time
	To           *time.Time
}

// EventService persists events.
type EventService interface {
	// FindEvents returns the events that match, ordered by start then id.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, error)
	// FindEventByID returns ENOTFOUND if there is no such event.
	FindEventByID(ctx context.Context, id int64) (*Event, error)
	// CreateEvent validates and stores e; EINVALID (post_ids) for an unknown post.
	CreateEvent(ctx context.Context, e *Event) error
	// UpdateEvent loads, lets fn change, validates and stores in one transaction, bumping the version.
	UpdateEvent(ctx context.Context, id int64, fn func(*Event) error) (*Event, error)
}
