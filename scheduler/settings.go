package scheduler

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Office names the office, its time zone, and the heading of the documents
// it prints (Decree 30/2020/NĐ-CP): the parent body above the office's name,
// the "Số:" line and the place before the date.
type Office struct {
	Name     string `json:"name"`     // shown on printed rosters
	Timezone string `json:"timezone"` // IANA zone; dates and clock times are read in it
	// ParentBody is the body the office belongs to, printed above its name,
	// e.g. "UBND TỈNH QUẢNG NGÃI"; "" prints the office's name alone.
	ParentBody string `json:"parent_body"`
	// Place is the place before the date, e.g. "Quảng Ngãi" in "Quảng Ngãi,
	// ngày … tháng … năm …"; "" guesses it from the name (what follows
	// "tỉnh" or "thành phố"), else leaves dots to fill in.
	Place string `json:"place"`
	// DocNumberPrefix is what follows the number left blank on the "Số:" line,
	// e.g. "/LT-VP" for "Số:      /LT-VP"; "" leaves the whole line to fill in.
	DocNumberPrefix string `json:"doc_number_prefix"`
}

// The longest values of the office settings, in characters.
const (
	MaxOfficeNameLength      = 200
	MaxParentBodyLength      = 200
	MaxPlaceLength           = 100
	MaxDocNumberPrefixLength = 50
)

// DefaultOffice is used until someone changes it.
func DefaultOffice() Office {
	return Office{Name: "Văn phòng UBND tỉnh", Timezone: DefaultTimezone}
}

// Validate checks the settings (trimming the texts) and returns the zone.
// Errors are EINVALID naming the JSON field.
func (o *Office) Validate() (*time.Location, error) {
	o.Name = strings.TrimSpace(o.Name)
	o.ParentBody = strings.TrimSpace(o.ParentBody)
	o.Place = strings.TrimSpace(o.Place)
	o.DocNumberPrefix = strings.TrimSpace(o.DocNumberPrefix)
	if o.Name == "" {
		return nil, E(EINVALID, "name", "common.required")
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{
		{"name", o.Name, MaxOfficeNameLength},
		{"parent_body", o.ParentBody, MaxParentBodyLength},
		{"place", o.Place, MaxPlaceLength},
		{"doc_number_prefix", o.DocNumberPrefix, MaxDocNumberPrefixLength},
	} {
		if err := validateLine(f.field, f.value, f.max); err != nil {
			return nil, err
		}
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

// validateLine checks a one-line text: valid UTF-8, at most max characters,
// no control character (a line break included).
func validateLine(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return E(EINVALID, field, "common.not_utf8")
	}
	if utf8.RuneCountInString(s) > max {
		return E(EINVALID, field, "common.too_long", "max", max)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return E(EINVALID, field, "common.control_char")
		}
	}
	return nil
}

// SettingsService keeps settings.
type SettingsService interface {
	// Office returns the office settings (defaults until changed).
	Office(ctx context.Context) (Office, error)
	// SetOffice validates and stores them; the zone applies at once.
	SetOffice(ctx context.Context, o Office) (Office, error)
}
