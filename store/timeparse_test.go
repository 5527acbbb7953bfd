package store

import (
	"testing"
	"time"
)

// Ensure parseStamp reads what parseTime reads, and refuses what it refuses.
func TestParseStampAgreesWithParseTime(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"2026-12-01T02:30:00Z", "1900-01-01T00:00:00Z", "2200-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
		"2026-02-29T12:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01 02:30:00Z", "2026-12-01T02:30:00+07:00",
		"2026-12-01T02:30:00", "", "x026-12-01T02:30:00Z", "2026-12-01T02:30:60Z"} {
		want, werr := parseTime(s, loc)
		got, gerr := parseStamp([]byte(s), loc)
		if (werr == nil) != (gerr == nil) || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("%q: parseStamp %v, %v; parseTime %v, %v", s, got, gerr, want, werr)
		}
	}
}
