package scheduler

import (
	"context"
	"time"
)

// Store is everything the API needs persisted.
type Store interface {
	PostService
	GuardService
	ShiftService
	TimeOffService
	AuditService
	TokenService
	SettingsService
	// SchemaVersion is the number of the newest applied migration.
	SchemaVersion(ctx context.Context) (int, error)
	// Location is the office zone, in which dates and clock times are read.
	Location() *time.Location
}
