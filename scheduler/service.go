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
	EventService
	RotationService
	AuditService
	TokenService
	SettingsService
	// SchemaVersion is the number of the newest applied migration.
	SchemaVersion(ctx context.Context) (int, error)
	// SwapShifts swaps the guards of two shifts atomically.
	SwapShifts(ctx context.Context, a, b int64) (*Shift, *Shift, error)
	// Location is the office zone, in which dates and clock times are read.
	Location() *time.Location
}
