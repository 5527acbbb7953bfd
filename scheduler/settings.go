package scheduler

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Office names the office and its time zone.
type Office struct {
	Name     string `json:"name"`     // shown on printed rosters
	Timezone string `json:"timezone"` // IANA zone; dates and clock times are read in it
}

// DefaultOffice is used until someone changes it.
func DefaultOffice() Office {
	return Office{Name: "Văn phòng UBND tỉnh", Timezone: DefaultTimezone}
}

// Validate checks the settings and returns the zone.
func (o *Office) Validate() (*time.Location, error) {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return nil, E(EINVALID, "name", "common.required")
	}
	if utf8.RuneCountInString(o.Name) > 200 {
		return nil, E(EINVALID, "name", "common.too_long", "max", 200)
	}
	if o.Timezone == "" || o.Timezone == "Local" {
		return nil, E(EINVALID, "timezone", "office.timezone_not_iana")
	}
	loc, err := time.LoadLocation(o.Timezone)
	if err != nil {
		return nil, E(EINVALID, "timezone", "office.timezone_unknown", "zone", o.Timezone)
	}
	return loc, nil
}

// SettingsService keeps settings.
type SettingsService interface {
	// Office returns the office settings (defaults until changed).
	Office(ctx context.Context) (Office, error)
	// SetOffice validates and stores them; the zone applies at once.
	SetOffice(ctx context.Context, o Office) (Office, error)
}
