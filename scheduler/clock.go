package scheduler

import (
	"fmt"
	"time"
	_ "time/tzdata" // the office zone must load on machines without a zone database
)

// Clock tells the time. Logic never calls time.Now: it takes now as an
// argument, and the parts that run by themselves (server, engine) take a Clock
// so that tests can pin it.
type Clock func() time.Time

// SystemClock is the real clock.
func SystemClock() time.Time { return time.Now() }

// DefaultTimezone is the office zone unless a setting says otherwise.
const DefaultTimezone = "Asia/Ho_Chi_Minh"

// DateLayout and ClockLayout are the wire forms of dates and clock times,
// both interpreted in the office zone.
const (
	DateLayout  = "2006-01-02"
	ClockLayout = "15:04"
)

// Day is a civil date "YYYY-MM-DD" given as a message argument: the English
// message writes it as it is, the pages as dd/mm/yyyy.
type Day string

func (d Day) String() string { return string(d) }

// ParseClock parses "HH:MM" (00:00–23:59) into minutes after midnight. Its
// error (like ParseDate's and ParseInstant's) is an EINVALID *Error without a
// field: the caller names it with AtField.
func ParseClock(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, E(EINVALID, "", "common.not_clock", "value", s)
	}
	t, err := time.Parse(ClockLayout, s)
	if err != nil {
		return 0, E(EINVALID, "", "common.not_clock", "value", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// FormatClock formats minutes after midnight as "HH:MM".
func FormatClock(min int) string {
	return fmt.Sprintf("%02d:%02d", min/60%24, min%60)
}

// MinDate and MaxDate bound every date and instant the service accepts, from
// a body, a query or a form: the years of the holiday calendar
// (scheduler/holiday). Outside them times make no sense for a roster, and
// years beyond 9999 cannot even be written as JSON.
const (
	MinDate Day = "1900-01-01"
	MaxDate Day = "2200-12-31"
	minYear     = 1900
	maxYear     = 2200
)

// CheckInstant refuses (EINVALID, key input.date_range, no field: the caller
// names it with AtField) an instant whose date, as written in its own offset
// or zone, lies outside MinDate … MaxDate. An offset is under a day, so the
// UTC date of an accepted instant lies within a day of that range too.
//
// An offset of 24 hours or more ("+24:00", which Go's parsers accept) is
// refused too (input.offset_range): such a time cannot be written back as
// RFC 3339.
func CheckInstant(t time.Time) error {
	if y := t.Year(); y < minYear || y > maxYear {
		return E(EINVALID, "", "input.date_range", "min", MinDate, "max", MaxDate)
	}
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return E(EINVALID, "", "input.offset_range")
	}
	return nil
}

// CheckInstants checks each named instant with CheckInstant, in the order
// given (name, instant, name, instant, …), and names the first out of range.
func CheckInstants(named ...any) error {
	for i := 0; i+1 < len(named); i += 2 {
		name, _ := named[i].(string)
		t, _ := named[i+1].(time.Time)
		if err := CheckInstant(t); err != nil {
			return AtField(err, name)
		}
	}
	return nil
}

// ParseDate parses "YYYY-MM-DD" as the start of that day in loc; a date
// outside MinDate … MaxDate is refused (see CheckInstant).
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(DateLayout, s, loc)
	if err != nil {
		return time.Time{}, E(EINVALID, "", "common.not_date", "value", s)
	}
	if err := CheckInstant(t); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// ParseInstant parses an instant given either as RFC 3339 with an offset or as
// a date YYYY-MM-DD (the start of that day in loc), as query parameters allow;
// an instant outside MinDate … MaxDate is refused (see CheckInstant).
func ParseInstant(s string, loc *time.Location) (time.Time, error) {
	if len(s) == len(DateLayout) {
		return ParseDate(s, loc)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, E(EINVALID, "", "common.not_instant", "value", s)
	}
	if err := CheckInstant(t); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// DayStart returns the first instant of t's calendar day in loc: midnight,
// or the end of the gap where a zone skips midnight (America/Santiago).
func DayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return DateStart(t.Year(), t.Month(), t.Day(), loc)
}

// DateStart returns the first instant of the date in loc (see DayStart).
func DateStart(y int, m time.Month, d int, loc *time.Location) time.Time {
	s := time.Date(y, m, d, 0, 0, 0, 0, loc)
	for i := 0; i < 24*4 && s.In(loc).Day() != time.Date(y, m, d, 12, 0, 0, 0, loc).Day(); i++ {
		s = s.Add(15 * time.Minute)
	}
	return s
}

// ISOWeekday returns 1 for Monday … 7 for Sunday.
func ISOWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}
