package ical

import (
	"time"

	goical "github.com/emersion/go-ical"
)

// epochLocal is the DTSTART of the first observance of every VTIMEZONE this
// package writes.
const epochLocal = "19700101T000000"

// vtimezone describes loc, from Go's zone data, as a VTIMEZONE that converts
// every instant in [from, to) right.
//
// The first observance is the one in force at from, said to start on
// 1970-01-01 (TZOFFSETFROM = TZOFFSETTO): for a zone without transitions in
// the span, such as Asia/Ho_Chi_Minh, it is the only one. Then each transition
// of the span gets its own STANDARD or DAYLIGHT component whose DTSTART is the
// wall-clock time of the change in the offset before it (RFC 5545 §3.6.5).
// One DTSTART per component, and no RRULE or RDATE, is the form every client
// reads alike: ical.js, for one, ignores DTSTART in a component with RDATE and
// reads only the first value of an RDATE list. Spans of a few years give a
// few components.
func vtimezone(loc *time.Location, from, to time.Time) *goical.Component {
	tz := goical.NewComponent(goical.CompTimezone)
	set(tz, goical.PropTimezoneID, loc.String())

	t := from.In(loc)
	name, off := t.Zone()
	tz.Children = append(tz.Children, observance(t.IsDST(), epochLocal, off, off, name))
	for i := 0; i < 10000; i++ { // bounded: a zone changes a few times a year
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		next := end.In(loc)
		nextName, nextOff := next.Zone()
		onset := end.UTC().Add(time.Duration(off) * time.Second).Format(localLayout)
		tz.Children = append(tz.Children, observance(next.IsDST(), onset, off, nextOff, nextName))
		t, off = next, nextOff
	}
	return tz
}

func observance(dst bool, start string, from, to int, name string) *goical.Component {
	kind := goical.CompTimezoneStandard
	if dst {
		kind = goical.CompTimezoneDaylight
	}
	c := goical.NewComponent(kind)
	set(c, goical.PropDateTimeStart, start)
	set(c, goical.PropTimezoneOffsetFrom, formatOffset(from))
	set(c, goical.PropTimezoneOffsetTo, formatOffset(to))
	if name != "" {
		setText(c, goical.PropTimezoneName, name)
	}
	return c
}

// ambiguous reports whether the wall-clock time of t in loc happens twice
// (the hour repeated when clocks go back) and t is not the first of the two:
// RFC 5545 §3.3.5 reads such a local time as the first, so t cannot be
// written as a local time with TZID.
func ambiguous(t time.Time, loc *time.Location) bool {
	t = t.In(loc)
	_, off := t.Zone()
	for _, d := range []time.Duration{-3 * time.Hour, -2 * time.Hour, -time.Hour, -30 * time.Minute} {
		e := t.Add(d)
		_, o := e.Zone()
		// An earlier instant with a larger offset that shows the same wall time.
		if o > off && e.Add(time.Duration(o-off)*time.Second).Equal(t) {
			return true
		}
	}
	return false
}
