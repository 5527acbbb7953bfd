package scheduler_test

import (
	"encoding/json"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure parsing dates, instants and clock times never panics, and what is
// accepted makes sense: an instant or date lies in MinDate … MaxDate and can
// be written as JSON and read back, a date is the start of its day in the
// office zone, a clock time is 00:00–23:59 and formats back to itself. The
// seeds are in testdata/fuzz/FuzzParseTime; `go test ./scheduler -fuzz
// FuzzParseTime` goes on.
func FuzzParseTime(f *testing.F) {
	loc, _ := time.LoadLocation(scheduler.DefaultTimezone)
	f.Add("2026-12-01T07:00:00+07:00")
	f.Fuzz(func(t *testing.T, s string) {
		if in, err := scheduler.ParseInstant(s, loc); err == nil {
			checkInRange(t, s, in)
		} else if scheduler.ErrorCode(err) != scheduler.EINVALID {
			t.Fatalf("ParseInstant(%q): %v, want EINVALID", s, err)
		}
		if d, err := scheduler.ParseDate(s, loc); err == nil {
			checkInRange(t, s, d)
			if !d.Equal(scheduler.DayStart(d, loc)) || d.In(loc).Format(scheduler.DateLayout) != s {
				t.Fatalf("ParseDate(%q) = %v, not the start of that day", s, d)
			}
		} else if scheduler.ErrorCode(err) != scheduler.EINVALID {
			t.Fatalf("ParseDate(%q): %v, want EINVALID", s, err)
		}
		if m, err := scheduler.ParseClock(s); err == nil {
			if m < 0 || m >= 24*60 || scheduler.FormatClock(m) != s {
				t.Fatalf("ParseClock(%q) = %d (%s)", s, m, scheduler.FormatClock(m))
			}
		} else if scheduler.ErrorCode(err) != scheduler.EINVALID {
			t.Fatalf("ParseClock(%q): %v, want EINVALID", s, err)
		}
	})
}

func checkInRange(t *testing.T, s string, in time.Time) {
	t.Helper()
	if err := scheduler.CheckInstant(in); err != nil {
		t.Fatalf("%q accepted as %v, out of range", s, in)
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("%q accepted as %v, which JSON cannot write: %v", s, in, err)
	}
	// RFC 3339 writes offsets to the minute: the office zone's local mean
	// time before 1906 (+07:06:40) comes back within a minute.
	var back time.Time
	if err := json.Unmarshal(b, &back); err != nil || back.Sub(in).Abs() >= time.Minute {
		t.Fatalf("%q: %s reads back as %v (%v)", s, b, back, err)
	}
}
