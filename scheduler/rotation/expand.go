package rotation

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
)

// MaxExpandDays bounds the dates one call of Expand lays out (counted from
// the later of from and the rotation's start date), so that a range taken
// from a request cannot exhaust memory.
const MaxExpandDays = 3660

// Expand returns the shifts rotation r wants whose cycle day lies in
// [from, until] (dates "YYYY-MM-DD", inclusive), laid out in loc.
//
// r is checked with ValidateRotation first (on the copy: a preset's pattern is
// rebuilt from the preset). Cycles are anchored at r.StartDate, day 0; dates
// before it yield nothing. On a date D of cycle day c, each slot with Day == c
// becomes a shift held by the members in force on D: those of the last period
// whose From ≤ D (periods need not be sorted), or r.Members if none. A slot
// whose member index is beyond that list is skipped.
//
// Times are wall-clock times of loc. A shift starts at D + Start and ends at
// the wall-clock time Hours later (date and clock arithmetic, not Start plus
// Hours of elapsed time), so consecutive shifts meet exactly across a daylight
// saving transition: no hour is lost or covered twice. A wall time is turned
// into an instant thus:
//   - inside a gap (spring forward; the wall time does not exist): the instant
//     the gap ends, i.e. the transition itself (02:30 in Berlin on 2026-03-29
//     becomes 03:00 CEST). This is NOT what time.Date does (it shifts by the
//     gap's length, forward or backward depending on the zone), because that
//     is not monotonic and could put a shift's end before its start. A shift
//     lying wholly inside a gap has no length and is dropped.
//   - inside a fold (fall back; the wall time occurs twice): its first
//     occurrence, in the offset before the transition.
//
// So a 24-hour slot lasts 23 hours over a spring-forward night and 25 over a
// fall-back night. Since a shift may last at most scheduler.MaxShiftLength, a
// longer one is split into consecutive pieces of at most that length, held by
// the same guard.
//
// Key is "<D>#<slot index>", D being the date the slot falls on
// ("2026-12-01#0"); pieces after the first of a split shift add "/1", "/2"….
// Keys depend only on the rotation's pattern and the date, so expanding again
// any range gives the same key to the same shift. The result is sorted by
// Start, then Key. Errors: EINVALID naming "from", "until", "periods[i].from",
// "periods[i].members" or a field of the rotation, and "until" for a range of
// more than MaxExpandDays; EINTERNAL for a nil loc.
func Expand(r scheduler.Rotation, periods []scheduler.MemberPeriod, from, until string, loc *time.Location) ([]scheduler.PlannedShift, error) {
	if loc == nil {
		return nil, scheduler.Internal(errors.New("rotation: Expand needs a location"))
	}
	if err := ValidateRotation(&r); err != nil {
		return nil, err
	}
	first, err := civilDate(from)
	if err != nil {
		return nil, scheduler.AtField(err, "from")
	}
	last, err := civilDate(until)
	if err != nil {
		return nil, scheduler.AtField(err, "until")
	}
	ps, err := sortedPeriods(periods)
	if err != nil {
		return nil, err
	}
	anchor, _ := civilDate(r.StartDate) // checked by ValidateRotation
	if first.Before(anchor) {
		first = anchor
	}
	if last.Before(first) {
		return []scheduler.PlannedShift{}, nil
	}

	// The slots of each cycle day, with their clock and length in minutes.
	type slot struct {
		index, member int
		start, length time.Duration
	}
	p := r.Pattern
	byDay := make([][]slot, p.CycleDays)
	for i, s := range p.Slots {
		start, _ := scheduler.ParseClock(s.Start) // checked by ValidatePattern
		length, _ := slotMinutes(s.Hours)
		byDay[s.Day] = append(byDay[s.Day], slot{
			index: i, member: s.Member,
			start: time.Duration(start) * time.Minute, length: time.Duration(length) * time.Minute,
		})
	}

	days := dayNumber(last) - dayNumber(first) + 1
	if days > MaxExpandDays {
		return nil, scheduler.E(scheduler.EINVALID, "until", "rotation.expand_too_long", "days", MaxExpandDays)
	}
	out := make([]scheduler.PlannedShift, 0, int(days)*len(p.Slots)/p.CycleDays+len(p.Slots))
	cycleDay := int((dayNumber(first) - dayNumber(anchor)) % int64(p.CycleDays))
	k := 0 // periods ps[:k] have begun
	for d := first; !d.After(last); d = d.Add(24 * time.Hour) {
		for k < len(ps) && !ps[k].from.After(d) {
			k++
		}
		members := r.Members
		if k > 0 {
			members = ps[k-1].members
		}
		var date string
		for _, s := range byDay[cycleDay] {
			if s.member >= len(members) {
				continue
			}
			start := instant(d.Add(s.start), loc)
			end := instant(d.Add(s.start+s.length), loc)
			if !end.After(start) {
				continue // wholly inside a DST gap
			}
			if date == "" {
				date = d.Format(scheduler.DateLayout)
			}
			key := date + "#" + strconv.Itoa(s.index)
			for piece := 0; ; piece++ {
				pe := end
				if pe.Sub(start) > scheduler.MaxShiftLength {
					pe = start.Add(scheduler.MaxShiftLength)
				}
				pk := key
				if piece > 0 {
					pk += "/" + strconv.Itoa(piece)
				}
				out = append(out, scheduler.PlannedShift{Key: pk, GuardID: members[s.member], Start: start, End: pe})
				if pe.Equal(end) {
					break
				}
				start = pe
			}
		}
		if cycleDay++; cycleDay == p.CycleDays {
			cycleDay = 0
		}
	}
	slices.SortFunc(out, func(a, b scheduler.PlannedShift) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out, nil
}

// period is a MemberPeriod with its date parsed.
type period struct {
	from    time.Time
	members []int64
}

// sortedPeriods checks periods and sorts them by From, keeping the given
// order among equal dates (the later one given wins).
func sortedPeriods(periods []scheduler.MemberPeriod) ([]period, error) {
	ps := make([]period, len(periods))
	for i, mp := range periods {
		f := fmt.Sprintf("periods[%d]", i)
		from, err := civilDate(mp.From)
		if err != nil {
			return nil, scheduler.AtField(err, f+".from")
		}
		// An empty list is allowed: nobody holds the slots from that date.
		if err := validateMembers(f+".members", mp.Members, true); err != nil {
			return nil, err
		}
		ps[i] = period{from: from, members: mp.Members}
	}
	slices.SortStableFunc(ps, func(a, b period) int { return a.from.Compare(b.from) })
	return ps, nil
}

// dayNumber numbers the civil date d (midnight UTC) in days since 1970-01-01.
// Unlike time.Time.Sub it does not saturate over centuries.
func dayNumber(d time.Time) int64 {
	return d.Unix() / (24 * 60 * 60)
}

// civilDate parses "YYYY-MM-DD" as midnight UTC, which stands for the civil
// date: date arithmetic on it is exact (every UTC day has 24 hours). Unlike
// scheduler.ParseDate it takes any year: the doors bound the dates they
// accept, the arithmetic here holds for all.
func civilDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(scheduler.DateLayout, s, time.UTC)
	if err != nil {
		return time.Time{}, scheduler.E(scheduler.EINVALID, "", "common.not_date", "value", s)
	}
	return t, nil
}

// instant returns the instant at which the clocks of loc show the civil date
// and time c (given in UTC, standing for a wall time). A wall time inside a
// gap gives the instant the gap ends; one inside a fold gives its first
// occurrence. See Expand.
func instant(c time.Time, loc *time.Location) time.Time {
	y, mo, d := c.Date()
	h, mi, _ := c.Clock()
	t := time.Date(y, mo, d, h, mi, 0, 0, loc)
	if loc == time.UTC {
		return t
	}
	if w := wall(t); !w.Equal(c) {
		// c does not exist: time.Date moved it out of the gap, to one side
		// or the other. The transition is where t's zone begins or ends.
		start, end := t.ZoneBounds()
		if w.After(c) {
			return start
		}
		return end
	}
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, off := t.Zone()
	if _, prev := start.Add(-time.Second).Zone(); prev > off {
		// The clocks went back at start: c may have been shown before too.
		if e := t.Add(-time.Duration(prev-off) * time.Second); e.Before(start) && wall(e).Equal(c) {
			return e
		}
	}
	return t
}

// wall returns the wall time of t in its location, as a civil time in UTC.
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}
