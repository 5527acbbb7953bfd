package scheduler

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one write: who did what to which entity, with the entity
// before and after as JSON (null when it did not exist).
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"` // create, update, delete, cancel, …
	Entity   string          `json:"entity"` // post, guard, shift, time_off, token, …
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
}

// AuditFilter selects entries; From/To bound their time [From, To).
type AuditFilter struct {
	Entity   string
	EntityID *int64
	From     *time.Time
	To       *time.Time
	Limit    int // 0: the default of 500
}

// AuditService reads the audit log; writes happen inside each store write.
type AuditService interface {
	// FindAudit returns entries newest first.
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
}

type actorKey struct{}

// WithActor returns a context that names who is acting, for the audit log.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor of ctx, or "system".
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}
