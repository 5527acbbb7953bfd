package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// Item is one occurrence of an event read from a calendar file.
type Item struct {
	UID, Summary, Description, Location string
	Start, End                          time.Time // in the loc given to Parse; End exclusive
	AllDay                              bool
	Line                                int // line of its BEGIN:VEVENT
}

// MaxOccurrences bounds the occurrences Parse returns.
const MaxOccurrences = scheduler.MaxImportOccurrences

// Outside is an entry of the file that Parse leaves out, wholly or in part,
// because it lies outside the window [from, to).
type Outside struct {
	// Item is the occurrence left out; for a recurring entry, the first
	// occurrence (its DTSTART), which may itself lie inside the window.
	Item
	// Recurring tells a recurring entry some of whose occurrences lie
	// outside the window (before it, or after it: a rule with no end always
	// has some after).
	Recurring bool
}

// maxSteps bounds the occurrences Parse generates in all, most of them
// before the window, so that a rule that recurs every minute since 1900 fails
// instead of running for minutes.
const maxSteps = 200000

// Parse reads an iCalendar file and returns the occurrences of its VEVENTs
// that overlap [from, to), sorted by start (then UID, then line). A zero from
// or to leaves that side open.
//
// Recurring events are expanded (RRULE, RDATE, EXDATE); an instance moved by
// a VEVENT with the same UID and a RECURRENCE-ID replaces the one it names.
// Cancelled events and instances (STATUS:CANCELLED) are left out. Times with
// a TZID are read in that zone: an IANA name in Go's zone data, otherwise the
// file's VTIMEZONE of that TZID; times ending in Z are UTC; floating times
// and dates are in loc. An all-day event (DTSTART;VALUE=DATE) lasts from the
// start of its first day to the start of the day after its last (DTEND is
// exclusive; no DTEND and no DURATION is one day). A timed event needs DTEND
// or DURATION; DURATION's days and weeks are calendar days (P1D keeps the
// clock time across a change of offset).
//
// Any problem, including more than MaxOccurrences occurrences, is a
// *scheduler.Error EINVALID with field "body", a key "ical.…" whose argument
// "line" is the line at fault, and a message that begins with it: "line 7: …".
func Parse(r io.Reader, loc *time.Location, from, to time.Time) ([]Item, error) {
	items, _, err := ParseAll(r, loc, from, to)
	return items, err
}

// ParseAll is Parse that also says which entries it left out because they
// lie outside the window, in the order of the file, each entry once.
func ParseAll(r io.Reader, loc *time.Location, from, to time.Time) ([]Item, []Outside, error) {
	if loc == nil {
		loc = time.UTC
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, scheduler.Internal(fmt.Errorf("ical: read: %w", err))
	}
	p, err := parse(data, loc, from, to)
	if err != nil {
		var se *scheduler.Error
		if errors.As(err, &se) {
			return nil, nil, se
		}
		return nil, nil, scheduler.E(scheduler.EINVALID, "body", "ical.unreadable", "line", 1, "detail", err.Error())
	}
	return p.items, p.outside, nil
}

func parse(data []byte, loc *time.Location, from, to time.Time) (out *parser, err error) {
	line := 1 // the line being read, for a panic in a library
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, scheduler.E(scheduler.EINVALID, "body", "ical.unreadable", "line", line, "detail", fmt.Sprint(r))
		}
	}()
	roots, err := scan(data)
	if err != nil {
		return nil, err
	}
	cals, err := decode(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), len(roots))
	if err != nil {
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.unreadable", "line", roots[0].line, "detail", err.Error())
	}
	p := &parser{loc: loc, from: from, to: to, floating: goZone{loc}, budget: &budget{deadline: time.Now().Add(expandTime)}, line: &line}
	p.horizon = zoneHorizon
	if !to.IsZero() {
		p.horizon = wall(p.floating, to).Add(50 * time.Hour) // past any offset
	}
	for ci, cal := range cals {
		root := roots[ci]
		line = root.line
		if len(cal.Children) != len(root.children) {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.calendar_unreadable", "line", root.line)
		}
		p.cal, p.root = cal, root
		p.zones = map[string]zone{}
		if err := p.calendar(); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(p.items, func(i, j int) bool {
		a, b := p.items[i], p.items[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if a.UID != b.UID {
			return a.UID < b.UID
		}
		return a.Line < b.Line
	})
	return p, nil
}

// decode runs go-ical's decoder over the n calendars of data. scan has
// checked the grammar, so it should not fail; it is guarded all the same,
// since go-ical panics on some malformed parameters.
func decode(data []byte, n int) (cals []*goical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed calendar: %v", r)
		}
	}()
	dec := goical.NewDecoder(bytes.NewReader(data))
	for i := 0; i < n; i++ {
		cal, err := dec.Decode()
		if err != nil {
			return nil, err
		}
		cals = append(cals, cal)
	}
	return cals, nil
}

type parser struct {
	loc      *time.Location
	from, to time.Time
	horizon  time.Time // wall-clock bound of the expansion
	floating zone
	cal      *goical.Calendar
	root     *node
	zones    map[string]zone
	items    []Item
	outside  []Outside
	steps    int
	budget   *budget
	line     *int // the line of the VEVENT being read
}

// value is a DATE or DATE-TIME property read: its wall-clock time, its zone
// (nil for UTC) and whether it is a date.
type value struct {
	wall   time.Time
	zone   zone
	isDate bool
	own    *length // an RDATE period's own length
}

func (v value) instant() time.Time { return instant(v.zone, v.wall) }

// occurrence key: the instant of a date-time, the date of a date.
func (v value) key() string {
	if v.isDate {
		return v.wall.Format(dateLayout)
	}
	return strconv.FormatInt(v.instant().Unix(), 10)
}

func (p *parser) calendar() error {
	// Instances moved or cancelled by RECURRENCE-ID, by UID.
	overrides := map[string]map[string]bool{}
	type ev struct {
		c *goical.Component
		n *node
	}
	var events []ev
	for i, c := range p.cal.Children {
		if c.Name != goical.CompEvent {
			continue
		}
		n := p.root.children[i]
		events = append(events, ev{c, n})
		rp := c.Props.Get(goical.PropRecurrenceID)
		if rp == nil {
			continue
		}
		rid, err := p.dateTime(rp, n, goical.PropRecurrenceID, 0)
		if err != nil {
			return err
		}
		uid := text(c, goical.PropUID)
		if overrides[uid] == nil {
			overrides[uid] = map[string]bool{}
		}
		overrides[uid][rid.key()] = true
		if !rid.isDate {
			// Match an all-day master by date too.
			overrides[uid][wall(p.floating, rid.instant()).Format(dateLayout)] = true
		}
	}
	for _, e := range events {
		*p.line = e.n.line
		if err := p.event(e.c, e.n, overrides); err != nil {
			return err
		}
	}
	return nil
}

func text(c *goical.Component, name string) string {
	p := c.Props.Get(name)
	if p == nil {
		return ""
	}
	return unescapeText(p.Value)
}

// unescapeText reads a TEXT value. It is lenient where go-ical is not: an
// unescaped comma is kept (go-ical's Text would cut the value there) and an
// unknown escape keeps its character.
func unescapeText(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			sb.WriteByte('\n')
		default:
			sb.WriteByte(s[i])
		}
	}
	return sb.String()
}

// dateTime reads the i-th property called name of the component at n.
func (p *parser) dateTime(prop *goical.Prop, n *node, name string, i int) (value, error) {
	line := n.propLine(name, i)
	vs, err := p.dateTimes(prop, line)
	if err != nil {
		return value{}, err
	}
	if len(vs) != 1 {
		return value{}, scheduler.E(scheduler.EINVALID, "body", "ical.one_value", "line", line, "property", name)
	}
	return vs[0], nil
}

// dateTimes reads a DATE or DATE-TIME property, which may list values
// (EXDATE, RDATE).
func (p *parser) dateTimes(prop *goical.Prop, line int) ([]value, error) {
	vt := strings.ToUpper(prop.Params.Get(goical.ParamValue))
	if vt != "" && vt != "DATE" && vt != "DATE-TIME" {
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.value_type_unsupported", "line", line, "property", prop.Name, "type", vt)
	}
	var z zone
	if tzid := prop.Params.Get(goical.PropTimezoneID); tzid != "" {
		var err error
		if z, err = p.zone(tzid, line); err != nil {
			return nil, err
		}
	}
	var out []value
	for _, s := range strings.Split(prop.Value, ",") {
		w, isDate, err := parseWall(s)
		if err != nil {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.bad_date", "line", line, "property", prop.Name, "value", s)
		}
		if vt == "DATE" && !isDate || vt == "DATE-TIME" && isDate {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.wrong_value_type", "line", line, "property", prop.Name, "value", s, "type", strings.ToLower(vt))
		}
		if w.Year() < 1900 || w.Year() > 2200 {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.year_range", "line", line, "property", prop.Name, "value", s)
		}
		v := value{wall: w, isDate: isDate}
		switch {
		case isDate:
		case strings.HasSuffix(strings.TrimSpace(s), "Z") || strings.HasSuffix(strings.TrimSpace(s), "z"):
			v.zone = nil
		case z != nil:
			v.zone = z
		default:
			v.zone = p.floating
		}
		out = append(out, v)
	}
	return out, nil
}

// zone resolves a TZID: an IANA name Go knows, or a VTIMEZONE of the file.
func (p *parser) zone(tzid string, line int) (zone, error) {
	if z, ok := p.zones[tzid]; ok {
		return z, nil
	}
	var z zone
	if tzid != "Local" && !strings.HasPrefix(tzid, "/") {
		if loc, err := time.LoadLocation(tzid); err == nil {
			z = goZone{loc}
		}
	}
	if z == nil {
		for i, c := range p.cal.Children {
			if c.Name != goical.CompTimezone || text(c, goical.PropTimezoneID) != tzid {
				continue
			}
			t, err := tableFromVTimezone(c, p.root.children[i], p.horizon, p.budget)
			if err != nil {
				return nil, err
			}
			z = t
			break
		}
	}
	if z == nil {
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.unknown_zone", "line", line, "zone", tzid)
	}
	p.zones[tzid] = z
	return z, nil
}

// length is how long each occurrence lasts: calendar days, then exact time.
type length struct {
	days  int
	exact time.Duration
}

func (p *parser) event(c *goical.Component, n *node, overrides map[string]map[string]bool) error {
	uid := text(c, goical.PropUID)
	sp := c.Props.Get(goical.PropDateTimeStart)
	if sp == nil {
		return scheduler.E(scheduler.EINVALID, "body", "ical.no_dtstart", "line", n.line)
	}
	start, err := p.dateTime(sp, n, goical.PropDateTimeStart, 0)
	if err != nil {
		return err
	}
	l, err := p.eventLength(c, n, start)
	if err != nil {
		return err
	}
	if strings.ToUpper(text(c, goical.PropStatus)) == "CANCELLED" {
		return nil
	}
	item := Item{
		UID:         uid,
		Summary:     text(c, goical.PropSummary),
		Description: text(c, goical.PropDescription),
		Location:    text(c, goical.PropLocation),
		AllDay:      start.isDate,
		Line:        n.line,
	}
	// A moved or cancelled instance is its own VEVENT with a RECURRENCE-ID.
	rules := c.Props[goical.PropRecurrenceRule]
	rdates := c.Props[goical.PropRecurrenceDates]
	if c.Props.Get(goical.PropRecurrenceID) != nil || (len(rules) == 0 && len(rdates) == 0) {
		in, err := p.emit(item, l, n, start)
		if err == nil && !in {
			p.leftOut(item, l, start, false)
		}
		return err
	}
	set, more, err := p.recurrenceSet(c, n, start, l)
	if err != nil {
		return err
	}
	moved := overrides[uid]
	occs := make([]value, 0, len(set))
	for k, v := range set {
		if !moved[k] {
			occs = append(occs, v)
		}
	}
	sort.Slice(occs, func(i, j int) bool { return occs[i].wall.Before(occs[j].wall) })
	for _, v := range occs {
		in, err := p.emit(item, l, n, v)
		if err != nil {
			return err
		}
		more = more || !in
	}
	if more {
		p.leftOut(item, l, start, true)
	}
	return nil
}

// leftOut records item, starting at s, as left out of the window.
func (p *parser) leftOut(item Item, l length, s value, recurring bool) {
	item.Start, item.End = p.span(l, s)
	item.Start, item.End = item.Start.In(p.loc), item.End.In(p.loc)
	p.outside = append(p.outside, Outside{Item: item, Recurring: recurring})
}

// eventLength reads how long an event lasts: from DTEND, else DURATION, else
// one day for a date (RFC 5545 3.6.1); a date-time needs one of them.
func (p *parser) eventLength(c *goical.Component, n *node, start value) (length, error) {
	var l length
	if ep := c.Props.Get(goical.PropDateTimeEnd); ep != nil {
		line := n.propLine(goical.PropDateTimeEnd, 0)
		end, err := p.dateTime(ep, n, goical.PropDateTimeEnd, 0)
		if err != nil {
			return l, err
		}
		if end.isDate != start.isDate {
			return l, scheduler.E(scheduler.EINVALID, "body", "ical.mixed_date_kinds", "line", line, "property", "DTEND")
		}
		if start.isDate {
			l.days = int(end.wall.Sub(start.wall) / (24 * time.Hour))
		} else {
			l.exact = end.instant().Sub(start.instant())
		}
		if l.days <= 0 && l.exact <= 0 {
			return l, scheduler.E(scheduler.EINVALID, "body", "ical.end_not_after_start", "line", line)
		}
		return l, nil
	}
	if dp := c.Props.Get(goical.PropDuration); dp != nil {
		line := n.propLine(goical.PropDuration, 0)
		days, exact, err := parseDuration(dp.Value)
		if err != nil {
			return l, scheduler.E(scheduler.EINVALID, "body", "ical.bad_duration", "line", line, "value", dp.Value)
		}
		if start.isDate && exact > 0 {
			days += int((exact + 24*time.Hour - 1) / (24 * time.Hour))
			exact = 0
		}
		if days <= 0 && exact <= 0 {
			return l, scheduler.E(scheduler.EINVALID, "body", "ical.duration_not_positive", "line", line)
		}
		return length{days, exact}, nil
	}
	if start.isDate {
		return length{days: 1}, nil
	}
	return l, scheduler.E(scheduler.EINVALID, "body", "ical.no_end", "line", n.line)
}

// span is the stretch [a, z) of the occurrence starting at s, lasting l or
// its own length for an RDATE period.
func (p *parser) span(l length, s value) (a, z time.Time) {
	if s.own != nil {
		l = *s.own
	}
	if s.isDate {
		return p.dayStart(s.wall), p.dayStart(s.wall.AddDate(0, 0, l.days))
	}
	a = s.instant()
	if l.days == 0 {
		return a, a.Add(l.exact)
	}
	return a, instant(s.zone, s.wall.AddDate(0, 0, l.days)).Add(l.exact)
}

// emit adds the occurrence of item starting at s when it reaches into the
// parser's window, and says whether it does.
func (p *parser) emit(item Item, l length, n *node, s value) (bool, error) {
	a, z := p.span(l, s)
	if (!p.to.IsZero() && !a.Before(p.to)) || (!p.from.IsZero() && !z.After(p.from)) {
		return false, nil
	}
	if len(p.items) >= MaxOccurrences {
		return true, scheduler.E(scheduler.EINVALID, "body", "ical.too_many_occurrences", "line", n.line, "max", MaxOccurrences)
	}
	item.Start, item.End = a.In(p.loc), z.In(p.loc)
	p.items = append(p.items, item)
	return true, nil
}

// recurrenceSet expands an event's RRULEs and RDATEs and takes out its
// EXDATEs: the occurrences as wall-clock times in start's zone, by key, and
// whether a rule goes on past the end of the expansion (its later
// occurrences lie outside the window).
func (p *parser) recurrenceSet(c *goical.Component, n *node, start value, l length) (map[string]value, bool, error) {
	set := map[string]value{start.key(): start}
	more := false
	for ri := range c.Props[goical.PropRecurrenceRule] {
		m, err := p.expandRule(&c.Props[goical.PropRecurrenceRule][ri], n.propLine(goical.PropRecurrenceRule, ri), start, l, set)
		if err != nil {
			return nil, false, err
		}
		more = more || m
	}
	for ri := range c.Props[goical.PropRecurrenceDates] {
		vs, err := p.recurrenceDates(&c.Props[goical.PropRecurrenceDates][ri], n.propLine(goical.PropRecurrenceDates, ri), start)
		if err != nil {
			return nil, false, err
		}
		for _, v := range vs {
			set[v.key()] = v
		}
	}
	for ei := range c.Props[goical.PropExceptionDates] {
		vs, err := p.dateTimes(&c.Props[goical.PropExceptionDates][ei], n.propLine(goical.PropExceptionDates, ei))
		if err != nil {
			return nil, false, err
		}
		for _, v := range vs {
			p.exclude(set, start, v)
		}
	}
	return set, more, nil
}

// expandRule adds the occurrences of one RRULE to set, and says whether the
// rule goes on past the horizon (it has occurrences after the window). Rules
// start near the window: an occurrence that starts more than its length and
// two days (any offset) before from cannot reach into it.
func (p *parser) expandRule(prop *goical.Prop, line int, start value, l length, set map[string]value) (bool, error) {
	var skipTo time.Time
	if !p.from.IsZero() {
		skipTo = wall(p.floating, p.from).AddDate(0, 0, -l.days-2).Add(-l.exact)
	}
	if p.budget.late() {
		return false, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_slow_file", "line", line)
	}
	rule, err := newRule(prop.Value, start.wall, func(u time.Time) time.Time {
		if start.isDate {
			return wall(p.floating, u)
		}
		return wall(start.zone, u)
	}, p.horizon, skipTo)
	if err != nil {
		return false, scheduler.E(scheduler.EINVALID, "body", "ical.bad_rrule", "line", line, "detail", err.Error())
	}
	next := rule.Iterator()
	for n := 0; ; n++ {
		w, ok := next()
		if !ok {
			// Cut by the horizon rather than by its own UNTIL or COUNT.
			o := rule.OrigOptions
			return !p.to.IsZero() && o.Until.Equal(p.horizon) && (o.Count == 0 || n < o.Count), nil
		}
		if p.steps++; p.steps > maxSteps {
			return false, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_too_many_steps", "line", line, "max", maxSteps)
		}
		if p.budget.over() {
			return false, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_slow", "line", line)
		}
		v := value{wall: w, zone: start.zone, isDate: start.isDate}
		set[v.key()] = v
		if len(set) > maxSteps {
			return false, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_too_many", "line", line)
		}
	}
}

// exclude takes an EXDATE's value out of set: a date excludes the instances
// on that day; a floating time takes the start's zone.
func (p *parser) exclude(set map[string]value, start, v value) {
	if v.isDate && !start.isDate {
		for k, o := range set {
			if wall(start.zone, o.instant()).Format(dateLayout) == v.wall.Format(dateLayout) {
				delete(set, k)
			}
		}
		return
	}
	if !v.isDate && v.zone == p.floating && start.zone != p.floating {
		v.zone = start.zone
	}
	if !v.isDate && start.isDate {
		v = value{wall: wall(p.floating, v.instant()).Truncate(24 * time.Hour), isDate: true}
	}
	delete(set, v.key())
}

// recurrenceDates reads an RDATE: dates, date-times or periods (a period
// "start/end" or "start/duration" lasts its own length).
func (p *parser) recurrenceDates(prop *goical.Prop, line int, start value) ([]value, error) {
	var out []value
	if strings.EqualFold(prop.Params.Get(goical.ParamValue), "PERIOD") {
		q := goical.Prop{Name: prop.Name, Params: goical.Params{}}
		if tzid := prop.Params.Get(goical.PropTimezoneID); tzid != "" {
			q.Params.Set(goical.PropTimezoneID, tzid)
		}
		for _, per := range strings.Split(prop.Value, ",") {
			a, b, ok := strings.Cut(per, "/")
			if !ok {
				return nil, scheduler.E(scheduler.EINVALID, "body", "ical.period_no_slash", "line", line, "value", per)
			}
			q.Value = a
			vs, err := p.dateTimes(&q, line)
			if err != nil {
				return nil, err
			}
			v := vs[0]
			if v.isDate {
				return nil, scheduler.E(scheduler.EINVALID, "body", "ical.period_start_not_datetime", "line", line, "value", per)
			}
			var own length
			if strings.HasPrefix(strings.ToUpper(strings.TrimLeft(b, "+-")), "P") {
				days, exact, err := parseDuration(b)
				if err != nil {
					return nil, scheduler.E(scheduler.EINVALID, "body", "ical.period_bad_duration", "line", line, "value", per)
				}
				own = length{days, exact}
			} else {
				q.Value = b
				ends, err := p.dateTimes(&q, line)
				if err != nil {
					return nil, err
				}
				own.exact = ends[0].instant().Sub(v.instant())
			}
			if own.days <= 0 && own.exact <= 0 {
				return nil, scheduler.E(scheduler.EINVALID, "body", "ical.period_not_positive", "line", line, "value", per)
			}
			v.own = &own
			out = append(out, v)
		}
	} else {
		vs, err := p.dateTimes(prop, line)
		if err != nil {
			return nil, err
		}
		out = vs
	}
	for i := range out {
		if out[i].isDate != start.isDate {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.mixed_date_kinds", "line", line, "property", "RDATE")
		}
		if !out[i].isDate && out[i].zone == p.floating && start.zone != p.floating {
			out[i].zone = start.zone
		}
	}
	return out, nil
}

// dayStart is the first instant in loc of the date carried by d.
func (p *parser) dayStart(d time.Time) time.Time {
	return scheduler.DateStart(d.Year(), d.Month(), d.Day(), p.loc)
}

// parseDuration reads an RFC 5545 duration into calendar days (weeks and
// days) and exact time (hours, minutes, seconds).
func parseDuration(s string) (days int, exact time.Duration, err error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, 0, fmt.Errorf("not a duration like PT8H or P1D")
	}
	s = s[1:]
	inTime := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, 0, fmt.Errorf("not a duration like PT8H or P1D")
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, 0, fmt.Errorf("not a duration like PT8H or P1D")
		}
		v, _ := strconv.Atoi(s[:i])
		unit := s[i]
		s = s[i+1:]
		switch {
		case !inTime && unit == 'W':
			days += 7 * v
		case !inTime && unit == 'D':
			days += v
		case inTime && unit == 'H':
			exact += time.Duration(v) * time.Hour
		case inTime && unit == 'M':
			exact += time.Duration(v) * time.Minute
		case inTime && unit == 'S':
			exact += time.Duration(v) * time.Second
		default:
			return 0, 0, fmt.Errorf("not a duration like PT8H or P1D")
		}
	}
	if neg {
		days, exact = -days, -exact
	}
	return days, exact, nil
}
