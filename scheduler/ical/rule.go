package ical

import (
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// newRule reads an RRULE value for a recurrence whose first occurrence is
// the wall-clock time start (times are wall-clock times carried in UTC).
//
// UNTIL, when it is an instant ("…Z"), is turned into a wall-clock time by
// untilWall; a date UNTIL includes its whole day. The rule never runs past
// horizon, so that a rule without end, or one that matches nothing, stops
// there. When skipTo is after start and the rule has no COUNT, the rule
// starts at the last of its periods that begins by skipTo, with the same
// occurrences from there on (see advance): a rule that began in 1990 costs
// no more than one that begins now.
func newRule(value string, start time.Time, untilWall func(time.Time) time.Time, horizon, skipTo time.Time) (*rrule.RRule, error) {
	value = strings.ToUpper(strings.TrimSpace(value))
	var until string
	var parts []string
	for _, kv := range strings.Split(value, ";") {
		switch {
		case kv == "":
		case strings.HasPrefix(kv, "UNTIL="):
			until = strings.TrimPrefix(kv, "UNTIL=")
		default:
			parts = append(parts, kv)
		}
	}
	opt, err := rrule.StrToROptionInLocation(strings.Join(parts, ";"), time.UTC)
	if err != nil {
		return nil, err
	}
	opt.Dtstart = start
	opt.Until = horizon
	if until != "" {
		u, isDate, err := parseWall(until)
		if err != nil {
			return nil, fmt.Errorf("UNTIL %q: %v", until, err)
		}
		switch {
		case isDate:
			u = u.Add(24*time.Hour - time.Second)
		case strings.HasSuffix(until, "Z") && untilWall != nil:
			u = untilWall(u)
		}
		if u.Before(horizon) {
			opt.Until = u
		}
	}
	if opt.Count == 0 && !skipTo.IsZero() {
		advance(opt, skipTo)
	}
	return rrule.NewRRule(*opt)
}

var pyWeekdays = []rrule.Weekday{rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU}

// pyWeekday numbers days as rrule-go does: Monday 0 … Sunday 6.
func pyWeekday(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }

// advance moves the start of a rule without COUNT forward to the beginning
// of its last period (year, month, week, day, hour, minute or second,
// stepped by INTERVAL from the original start) that begins by target. The
// rule's occurrences from the new start on are the same: the defaults that
// rrule-go takes from DTSTART (the month, day, weekday and clock time) are
// made explicit first, and periods keep their bounds, so BYSETPOS and the
// other filters see the same candidates. The original DTSTART itself, always
// an occurrence, is the caller's to add.
func advance(opt *rrule.ROption, target time.Time) {
	s := opt.Dtstart
	if !target.After(s) {
		return
	}
	interval := max(opt.Interval, 1)
	if len(opt.Byweekno) == 0 && len(opt.Byyearday) == 0 && len(opt.Bymonthday) == 0 && len(opt.Byweekday) == 0 && len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(opt.Bymonth) == 0 {
				opt.Bymonth = []int{int(s.Month())}
			}
			opt.Bymonthday = []int{s.Day()}
		case rrule.MONTHLY:
			opt.Bymonthday = []int{s.Day()}
		case rrule.WEEKLY:
			opt.Byweekday = []rrule.Weekday{pyWeekdays[pyWeekday(s)]}
		}
	}
	if len(opt.Byhour) == 0 && opt.Freq < rrule.HOURLY {
		opt.Byhour = []int{s.Hour()}
	}
	if len(opt.Byminute) == 0 && opt.Freq < rrule.MINUTELY {
		opt.Byminute = []int{s.Minute()}
	}
	if len(opt.Bysecond) == 0 && opt.Freq < rrule.SECONDLY {
		opt.Bysecond = []int{s.Second()}
	}

	date := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	steps := func(n int) int { return n / interval * interval } // whole intervals, n ≥ 0
	var next time.Time
	switch opt.Freq {
	case rrule.YEARLY:
		n := steps(target.Year() - s.Year())
		next = time.Date(s.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC)
	case rrule.MONTHLY:
		n := steps((target.Year()-s.Year())*12 + int(target.Month()) - int(s.Month()))
		next = time.Date(s.Year(), s.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	case rrule.WEEKLY:
		wkst := opt.Wkst.Day()
		weekStart := date(s).AddDate(0, 0, -((pyWeekday(s) - wkst + 7) % 7))
		n := steps(int(date(target).Sub(weekStart) / (7 * 24 * time.Hour)))
		next = weekStart.AddDate(0, 0, 7*n)
	case rrule.DAILY:
		n := steps(int(date(target).Sub(date(s)) / (24 * time.Hour)))
		next = date(s).AddDate(0, 0, n)
	default:
		unit := map[rrule.Frequency]time.Duration{rrule.HOURLY: time.Hour, rrule.MINUTELY: time.Minute, rrule.SECONDLY: time.Second}[opt.Freq]
		if unit == 0 {
			return
		}
		first := s.Truncate(unit)
		n := steps(int(target.Sub(first) / unit))
		next = first.Add(time.Duration(n) * unit)
	}
	if next.After(s) {
		opt.Dtstart = next
	}
}
