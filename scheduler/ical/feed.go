// Package ical writes the iCalendar feeds that guards and the police post
// subscribe to in their phone calendars, and reads iCalendar files to import.
//
// Build makes a feed (RFC 5545, built with github.com/emersion/go-ical): one
// VEVENT per shift and per event, every date-time in the office zone with its
// TZID and a VTIMEZONE made from Go's zone data, lines folded at 75 octets
// without splitting a UTF-8 character. A shift keeps its UID for life and its
// SEQUENCE grows with its version, so that a phone updates it in place.
//
// A shift whose guard is on approved time off for part of it (its Absences)
// shows the hours still worked: DTSTART and DTEND are those of the worked
// part (from the first worked minute to the last) and the DESCRIPTION names
// the absence and the shift as planned; one the guard is away for wholly is
// STATUS:CANCELLED, its SUMMARY and DESCRIPTION naming the kind of time off
// ("Nghỉ: tập huấn"). The roster's feeds (a post's, the whole office's, the
// police post's) carry besides, for each absence, an event of its own over
// the absent hours that says who is away, why, and who holds the post then
// ("Vắng: An (nghỉ phép) – Bình trực thay"), or that nobody does.
//
// Parse reads a calendar and expands it into occurrences (RRULE, RDATE,
// EXDATE, RECURRENCE-ID), resolving time zones from the file's VTIMEZONEs,
// IANA names, UTC or, for floating times and dates, the office zone.
package ical

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// ProdID names the program that made a feed.
const ProdID = "-//catruc//Lich truc 1.0//VI"

// DefaultRefresh is how often a client should poll a feed unless told otherwise.
const DefaultRefresh = time.Hour

// OpenGuard stands for the guard of an open shift.
const OpenGuard = "Chưa có người trực"

// Feed is one calendar to publish.
type Feed struct {
	Name    string         // X-WR-CALNAME, e.g. "Lịch trực – Nguyễn Văn An"
	Loc     *time.Location // the office zone: every DTSTART/DTEND carries TZID=<Loc.String()>
	Host    string         // for UIDs: shift-<id>@<Host>, event-<id>@<Host>
	Now     time.Time      // DTSTAMP
	Refresh time.Duration  // REFRESH-INTERVAL and X-PUBLISHED-TTL; 0: DefaultRefresh
	Alarm   time.Duration  // a VALARM this long before each shift that is not cancelled; 0: none
	// Personal marks a guard's own calendar, written for a phone: a shift's
	// SUMMARY is its post (the guard is the calendar's owner), and what a
	// phone does not show is left out — LOCATION, CREATED, LAST-MODIFIED,
	// STATUS and TRANSP unless cancelled, SEQUENCE while 0 (RFC 5545's
	// defaults: CONFIRMED, OPAQUE, 0), and the reminder's text is short.
	Personal bool
	Shifts   []ShiftItem
	Events   []EventItem
	// Absences are the absent parts of shifts, shown as events of their own
	// (the roster's feeds; a guard's own feed has none).
	Absences []AbsenceItem
	// Incidents are the duty desk's incidents (the police post's, the
	// office's and their post's feeds).
	Incidents []IncidentItem
	// Reuse, when set, is the calendar's: the VEVENTs of shifts unchanged
	// since its last Build are copied from it (see Reuse).
	Reuse *Reuse
}

// AbsenceItem is the part of a shift its guard is away for, with the names a
// feed shows.
type AbsenceItem struct {
	Shift     *scheduler.Shift
	Absence   scheduler.Absence
	PostName  string
	Site      string
	GuardName string
	Cover     []Cover // who holds the post during the absence; none: uncovered
}

// Cover is a shift that holds a post while the guard of another is away.
type Cover struct {
	Name       string // the guard's
	Start, End time.Time
}

// TimeOffName is the Vietnamese name of a kind of time off ("tập huấn").
func TimeOffName(kind string) string { return scheduler.TimeOffKindVI(kind) }

// ShiftItem is a shift with the names a feed shows.
type ShiftItem struct {
	Shift     *scheduler.Shift
	PostName  string
	Site      string   // LOCATION
	GuardName string   // "" for an open shift (OpenGuard)
	Others    []string // who else is on duty then (names with post), for DESCRIPTION
	Contact   string   // the police post's contact, for DESCRIPTION (may be "")
}

// EventItem is an event with the names a feed shows.
type EventItem struct {
	Event     *scheduler.Event
	PostNames []string
	OnDuty    []string // who of the office is on duty during it
}

// kindNames are the Vietnamese names of the event kinds.
var kindNames = map[string]string{
	"delegation": "Đón tiếp đoàn khách",
	"conference": "Hội nghị",
	"crowd":      "Tập trung đông người",
	"drill":      "Diễn tập",
	"ceremony":   "Buổi lễ",
	"other":      "Khác",
}

// Build writes the feed as an iCalendar file (CRLF line ends, folded lines).
//
// VEVENTs come in order of start, then UID. A shift is "<post> – <guard>" (or
// "<post> – Chưa có người trực" when open) with SEQUENCE = version − 1; a
// cancelled shift or event stays, with STATUS:CANCELLED and TRANSP:TRANSPARENT,
// so that phones strike it out. Every start and end is written in Loc with its
// TZID, except an instant in the second run of an hour repeated when clocks go
// back, which RFC 5545 would read as the first run: that one is written in UTC.
// The errors are the caller's mistakes (no zone, no host, no clock, a nil
// shift): EINTERNAL.
func Build(f Feed) ([]byte, error) {
	p := getParts()
	defer p.release()
	var reuse map[*scheduler.Shift]reusable
	last := 0 // the length of the calendar's last body
	if r := f.Reuse; r != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		if c := feedConsts(&f); c != r.consts {
			r.consts, r.events, r.bytes, r.last = c, nil, 0, 0
		}
		reuse, last = r.events, r.last
	}
	cal, b, err := buildCalendar(f, p, reuse, true)
	if err != nil {
		return nil, err
	}
	per := 1024 // a roster's VEVENT, with its description: about 400–1,000 bytes
	if f.Personal {
		per = 384 // about 300
	}
	hint := 2048 + per*(len(f.Shifts)+len(f.Events)+len(f.Absences))
	if last > 0 { // most likely about as long as the last one
		hint = min(hint, last+last/16+4096)
	}
	out, spans, err := encodeFeed(cal, b, p.entries, hint, f.Now.UTC().Format(utcLayout))
	if err != nil {
		return nil, scheduler.Internal(err)
	}
	if cap(out) > len(out)+len(out)/4 {
		// A feed is kept (cached) for as long as the roster stands: not
		// with the room the guess of its size left.
		out = bytes.Clone(out)
	}
	if f.Reuse != nil {
		f.Reuse.keep(p.entries, spans, out)
	}
	return out, nil
}

// calendar builds the go-ical component tree of the feed, which encode
// writes, of parts from p (nil: new ones), and p.entries, the VEVENTs in
// order. The shifts whose VEVENT reuse holds, for the same names, are
// entries with that text and no component (not in the tree).
func calendar(f Feed, p *parts, reuse map[*scheduler.Shift]reusable) (*goical.Calendar, error) {
	cal, _, err := buildCalendar(f, p, reuse, false)
	return cal, err
}

// buildCalendar is calendar; with direct, the shifts' VEVENTs are left out
// of the tree too, their entries holding their items for encodeFeed to
// write with the builder it returns.
func buildCalendar(f Feed, p *parts, reuse map[*scheduler.Shift]reusable, direct bool) (*goical.Calendar, *builder, error) {
	if p == nil {
		p = new(parts)
	}
	if f.Loc == nil || f.Loc.String() == "" || f.Loc.String() == "Local" {
		return nil, nil, scheduler.Internal(errors.New("ical: the feed needs a named time zone"))
	}
	if f.Host == "" {
		return nil, nil, scheduler.Internal(errors.New("ical: the feed needs a host for its UIDs"))
	}
	if f.Now.IsZero() {
		return nil, nil, scheduler.Internal(errors.New("ical: the feed needs the time now"))
	}
	refresh := f.Refresh
	if refresh <= 0 {
		refresh = DefaultRefresh
	}

	b := &builder{loc: f.Loc, stamp: f.Now.UTC().Format(utcLayout), tzid: goical.Params{goical.PropTimezoneID: {f.Loc.String()}},
		escaped: map[string]string{}, summaries: map[string]summary{}, trigger: formatDuration(-f.Alarm),
		hostPlain: isPlainText(f.Host), parts: p, personal: f.Personal, reuse: reuse, keep: f.Reuse != nil,
		direct: direct}
	entries, first, last, err := b.entries(f)
	if err != nil {
		return nil, nil, err
	}
	byStart := func(a, z entry) int {
		if c := a.start.Compare(z.start); c != 0 {
			return c
		}
		return strings.Compare(a.uid, z.uid)
	}
	if !slices.IsSortedFunc(entries, byStart) { // a roster comes sorted, or nearly
		slices.SortStableFunc(entries, byStart)
	}
	p.entries = entries

	cal := goical.NewCalendar()
	set(cal.Component, goical.PropProductID, ProdID)
	set(cal.Component, goical.PropVersion, "2.0")
	set(cal.Component, goical.PropCalendarScale, "GREGORIAN")
	set(cal.Component, goical.PropMethod, "PUBLISH")
	if f.Name != "" {
		setText(cal.Component, "X-WR-CALNAME", f.Name)
	}
	setText(cal.Component, "X-WR-TIMEZONE", f.Loc.String())
	ttl := formatDuration(refresh)
	refreshProp := prop(goical.PropRefreshInterval, ttl)
	refreshProp.Params = goical.Params{goical.ParamValue: {string(goical.ValueDuration)}}
	cal.Props[goical.PropRefreshInterval] = []goical.Prop{refreshProp}
	set(cal.Component, "X-PUBLISHED-TTL", ttl)

	// The zone, always (it is X-WR-TIMEZONE, and a calendar may not be
	// empty), over whole years around the feed's instants.
	fy, ly := first.In(f.Loc).Year(), last.In(f.Loc).Year()
	cal.Children = slices.Grow(p.children[:0], len(entries)+1)
	cal.Children = append(cal.Children, vtimezone(f.Loc,
		time.Date(fy, 1, 1, 0, 0, 0, 0, f.Loc), time.Date(ly+1, 1, 1, 0, 0, 0, 0, f.Loc)))
	for _, e := range entries {
		if e.comp != nil {
			cal.Children = append(cal.Children, e.comp)
		}
	}
	p.children = cal.Children
	return cal, b, nil
}

// entries makes the VEVENTs of the feed's shifts, absences and events, and
// returns the first and last instants they (and their reminders) touch.
func (b *builder) entries(f Feed) (entries []entry, first, last time.Time, err error) {
	entries = slices.Grow(b.parts.entries[:0], len(f.Shifts)+len(f.Events)+len(f.Absences))
	first, last = f.Now, f.Now
	span := func(a, z time.Time) {
		if len(entries) == 0 || a.Before(first) {
			first = a
		}
		if len(entries) == 0 || z.After(last) {
			last = z
		}
	}
	for i, it := range f.Shifts {
		s := it.Shift
		if s == nil {
			return nil, first, last, scheduler.Internal(fmt.Errorf("ical: shift item %d has no shift", i))
		}
		uid := b.uid("shift-", s.ID, f.Host)
		alarm := f.Alarm
		start, end, away := shownTimes(s)
		if s.Status == scheduler.ShiftCancelled || away {
			alarm = 0
		}
		span(start.Add(-alarm), end)
		if !b.keep {
			entries = append(entries, b.shiftEntry(entry{start: start, uid: uid}, &f.Shifts[i], alarm))
			continue
		}
		b.names = reuseNames(b.names[:0], &it, b.personal)
		if r, ok := b.reuse[s]; ok && r.names == string(b.names) {
			entries = append(entries, entry{start: start, uid: uid, shift: s, names: r.names, text: r.text, stamp: r.stamp})
			continue
		}
		names := string(b.names)
		entries = append(entries, b.shiftEntry(entry{start: start, uid: uid, shift: s, names: names}, &f.Shifts[i], alarm))
	}
	for i, it := range f.Absences {
		if it.Shift == nil {
			return nil, first, last, scheduler.Internal(fmt.Errorf("ical: absence item %d has no shift", i))
		}
		uid := b.uid("absence-"+strconv.FormatInt(it.Shift.ID, 10)+"-", it.Absence.TimeOffID, f.Host)
		span(it.Absence.Start, it.Absence.End)
		entries = append(entries, entry{start: it.Absence.Start, uid: uid, comp: b.absence(uid, it)})
	}
	for i, it := range f.Events {
		e := it.Event
		if e == nil {
			return nil, first, last, scheduler.Internal(fmt.Errorf("ical: event item %d has no event", i))
		}
		uid := b.uid("event-", e.ID, f.Host)
		span(e.Start, e.End)
		entries = append(entries, entry{start: e.Start, uid: uid, comp: b.event(uid, it)})
	}
	for _, it := range f.Incidents {
		uid := b.uid("incident-", it.Incident.ID, f.Host)
		start, end := incidentSpan(it.Incident)
		span(start, end)
		entries = append(entries, entry{start: start, uid: uid, comp: b.incident(uid, it)})
	}
	return entries, first, last, nil
}

// shiftEntry completes e, a shift's entry, with what writes its VEVENT: its
// item, for encodeFeed to write (direct), or its component.
func (b *builder) shiftEntry(e entry, it *ShiftItem, alarm time.Duration) entry {
	if b.direct {
		e.item, e.alarm = it, alarm
	} else {
		e.comp = b.shift(e.uid, it, alarm)
	}
	return e
}

// summary is a shift's SUMMARY and its VALARM's DESCRIPTION, escaped.
type summary struct{ summary, alarm string }

// maxCached bounds each of the builder's caches of escaped text.
const maxCached = 4096

type builder struct {
	loc       *time.Location
	stamp     string
	tzid      goical.Params      // TZID=<loc>, shared by every date-time (the encoder only reads it)
	parts     *parts             // where VEVENTs, VALARMs and properties come from
	escaped   map[string]string  // text → escapeText(text)
	summaries map[string]summary // "<post> – <guard>" → its summary
	trigger   string             // the VALARM's TRIGGER
	hostPlain bool               // escapeText leaves the host as it is
	personal  bool               // Feed.Personal
	// reuse is the VEVENTs of the calendar's last build, by shift; keep
	// says to note each shift's names (the feed has a Reuse).
	reuse map[*scheduler.Shift]reusable
	keep  bool
	// direct says to write the shifts' VEVENTs without components (shiftEntry).
	direct bool
	names  []byte // a shift item's reuseNames
	text   []byte // where a text is put together

	// [plainFrom, plainTo), in Unix seconds, lies in one period of loc's
	// zone (of offset zoneOff seconds) and starts at least 3 hours into
	// it: no instant in it is ambiguous.
	plainFrom, plainTo, zoneOff int64

	// day, unless day[0] is 0, is the date part ("20261201T") of every
	// wall-clock time in [dayFrom, dayFrom+secondsPerDay) (see appendLocal).
	day     [len(localLayout)]byte
	dayFrom int64

	utc    string // utcSec in utcLayout, unless ""
	utcSec int64
}

// uid is "<prefix><id>@<host>", the UID of a shift or an event, unescaped:
// its TEXT value is escapeText(uid).
func (b *builder) uid(prefix string, id int64, host string) string {
	u := append(b.text[:0], prefix...)
	u = strconv.AppendInt(u, id, 10)
	u = append(u, '@')
	u = append(u, host...)
	b.text = u
	return string(u)
}

func (b *builder) set(c *goical.Component, name, value string) {
	c.Props[name] = b.parts.one(prop(name, value))
}

// escape returns escapeText(string(text)), escaped once for the whole feed:
// the names of posts, sites and contacts come back in every shift.
func (b *builder) escape(text []byte) string {
	if v, ok := b.escaped[string(text)]; ok {
		return v
	}
	s := string(text)
	v := escapeText(s)
	if len(b.escaped) < maxCached {
		b.escaped[s] = v
	}
	return v
}

func (b *builder) setText(c *goical.Component, name, text string) {
	b.set(c, name, b.textValue(text))
}

// textValue is escapeText(text), escaped once for the whole feed.
func (b *builder) textValue(text string) string {
	if isPlainText(text) {
		return text
	}
	v, ok := b.escaped[text]
	if !ok {
		v = escapeText(text)
		if len(b.escaped) < maxCached {
			b.escaped[text] = v
		}
	}
	return v
}

func (b *builder) setUTC(c *goical.Component, name string, t time.Time) {
	b.set(c, name, b.utcValue(t))
}

// utcValue is t in UTC (utcLayout), kept for the next instant that is the same.
func (b *builder) utcValue(t time.Time) string {
	sec := t.Unix()
	if b.utc == "" || sec != b.utcSec {
		b.utcSec, b.utc = sec, string(append(appendWall(b.text[:0], sec), 'Z'))
	}
	return b.utc
}

// when puts a date-time in the office zone with its TZID, or in UTC when the
// local time would be read as another instant (see Build).
func (b *builder) when(c *goical.Component, name string, t time.Time) {
	sec := t.Unix()
	if sec < b.plainFrom || sec >= b.plainTo {
		b.zone(t)
	}
	var v string
	if sec >= b.plainFrom && sec < b.plainTo {
		v = string(b.appendLocal(b.text[:0], sec+b.zoneOff))
	} else { // within 3 hours after a change of offset
		if ambiguous(t, b.loc) {
			b.setUTC(c, name, t)
			return
		}
		v = t.In(b.loc).Format(localLayout)
	}
	p := prop(name, v)
	p.Params = b.tzid
	c.Props[name] = b.parts.one(p)
}

// appendLocal does appendWall(dst, wall), without working out the date
// again while the times stay on one day.
func (b *builder) appendLocal(dst []byte, wall int64) []byte {
	if wall < b.dayFrom || wall >= b.dayFrom+secondsPerDay || b.day[0] == 0 {
		day := appendWall(b.day[:0], wall)
		if len(day) != len(localLayout) {
			b.day[0] = 0
			return append(dst, day...) // a year outside 0000–9999
		}
		b.dayFrom = wall - (wall%secondsPerDay+secondsPerDay)%secondsPerDay
	}
	r := wall - b.dayFrom
	h, m, s := r/3600, r/60%60, r%60
	return append(append(dst, b.day[:9]...),
		byte('0'+h/10), byte('0'+h%10), byte('0'+m/10), byte('0'+m%10), byte('0'+s/10), byte('0'+s%10))
}

const secondsPerDay = 24 * 60 * 60

// zone sets plainFrom, plainTo and zoneOff for the period of loc's zone that
// t falls in.
func (b *builder) zone(t time.Time) {
	t = t.In(b.loc)
	_, off := t.Zone()
	from, to := t.ZoneBounds()
	b.plainFrom, b.plainTo, b.zoneOff = math.MinInt64, math.MaxInt64, int64(off)
	if !from.IsZero() {
		b.plainFrom = from.Unix() + 3*60*60 // as far back as ambiguous looks
	}
	if !to.IsZero() {
		b.plainTo = to.Unix()
	}
}

func (b *builder) common(c *goical.Component, uid string, start, end time.Time, version int, created, updated time.Time, cancelled bool) {
	if b.hostPlain {
		b.set(c, goical.PropUID, uid) // escapeText(uid) is uid
	} else {
		b.set(c, goical.PropUID, escapeText(uid))
	}
	b.set(c, goical.PropDateTimeStamp, b.stamp)
	b.when(c, goical.PropDateTimeStart, start)
	b.when(c, goical.PropDateTimeEnd, end)
	seq := version - 1
	if seq < 0 {
		seq = 0
	}
	if seq > 0 || !b.personal {
		b.set(c, goical.PropSequence, strconv.Itoa(seq))
	}
	if !created.IsZero() && !b.personal {
		b.setUTC(c, goical.PropCreated, created)
	}
	if !updated.IsZero() && !b.personal {
		b.setUTC(c, goical.PropLastModified, updated)
	}
	if cancelled {
		b.set(c, goical.PropStatus, string(goical.EventCancelled))
		b.set(c, goical.PropTransparency, "TRANSPARENT")
	} else if !b.personal {
		b.set(c, goical.PropStatus, string(goical.EventConfirmed))
		b.set(c, goical.PropTransparency, "OPAQUE")
	}
}

// appendLine appends label and text to d, on a line of their own.
func appendLine(d []byte, label, text string) []byte {
	if len(d) > 0 {
		d = append(d, '\n')
	}
	return append(append(d, label...), text...)
}

// appendJoin appends texts separated by ", ".
func appendJoin(d []byte, texts []string) []byte {
	for i, t := range texts {
		if i > 0 {
			d = append(d, ", "...)
		}
		d = append(d, t...)
	}
	return d
}

// alarmPrefix begins the DESCRIPTION of a shift's VALARM; alarmPersonal is
// all of it in a personal feed (phones show the event's title).
const (
	alarmPrefix   = "Sắp đến ca trực: "
	alarmPersonal = "Sắp đến ca trực"
)

func (b *builder) shift(uid string, it *ShiftItem, alarm time.Duration) *goical.Component {
	s := it.Shift
	cancelled := s.Status == scheduler.ShiftCancelled
	n := 9 // UID, DTSTAMP, DTSTART, DTEND, SEQUENCE, STATUS, TRANSP, SUMMARY, DESCRIPTION
	if !s.CreatedAt.IsZero() {
		n++
	}
	if !s.UpdatedAt.IsZero() {
		n++
	}
	if it.Site != "" {
		n++
	}
	c := b.parts.component(goical.CompEvent, n)
	start, end, away := shownTimes(s)
	b.common(c, uid, start, end, s.Version, s.CreatedAt, s.UpdatedAt, cancelled || away)
	sum := b.shiftSummary(it, away)
	b.set(c, goical.PropSummary, sum.summary)
	if it.Site != "" && !b.personal {
		b.setText(c, goical.PropLocation, it.Site)
	}
	if d := b.shiftDescription(it, cancelled, away); d != "" {
		b.set(c, goical.PropDescription, d)
	}
	if alarm > 0 {
		a := b.parts.component(goical.CompAlarm, 3)
		b.set(a, goical.PropAction, "DISPLAY")
		b.set(a, goical.PropDescription, sum.alarm)
		b.set(a, goical.PropTrigger, b.trigger)
		c.Children = append(c.Children, a)
	}
	return c
}

// shiftSummary is a shift's SUMMARY and its VALARM's DESCRIPTION, escaped:
// the post, and the guard but in a personal feed, and the time off the
// guard is away for all the shift.
func (b *builder) shiftSummary(it *ShiftItem, away bool) summary {
	guard := it.GuardName
	if guard == "" {
		guard = OpenGuard
	}
	b.text = append(b.text[:0], it.PostName...)
	if !b.personal {
		b.text = append(append(b.text, " – "...), guard...)
	}
	if away {
		b.text = append(append(append(b.text, " (nghỉ: "...), TimeOffName(it.Shift.Absences[0].Kind)...), ')')
	}
	sum, ok := b.summaries[string(b.text)]
	if !ok {
		text := string(b.text)
		sum = summary{escapeText(text), escapeText(alarmPrefix + text)}
		if b.personal {
			sum.alarm = alarmPersonal
		}
		if len(b.summaries) < maxCached {
			b.summaries[text] = sum
		}
	}
	return sum
}

// shiftDescription is a shift's DESCRIPTION, escaped; "" when it has none.
func (b *builder) shiftDescription(it *ShiftItem, cancelled, away bool) string {
	s := it.Shift
	d := b.text[:0]
	if cancelled {
		d = appendLine(d, "Ca trực đã bị hủy.", "")
	}
	d = b.appendAbsences(d, s, away)
	if len(it.Others) > 0 {
		d = appendJoin(appendLine(d, "Cùng trực: ", ""), it.Others)
	}
	if it.Contact != "" {
		d = appendLine(d, "Liên hệ công an: ", it.Contact)
	}
	if s.Note != "" {
		d = appendLine(d, "Ghi chú: ", s.Note)
	}
	b.text = d
	if len(d) == 0 {
		return ""
	}
	return b.escape(d)
}

// shownTimes are the start and end a feed gives a shift: those of its worked
// part when its guard is away for some of it, from the first worked instant
// to the last; the whole shift when it has no absence or (away) none of it
// is worked.
func shownTimes(s *scheduler.Shift) (start, end time.Time, away bool) {
	if len(s.Absences) == 0 || s.Status == scheduler.ShiftCancelled {
		return s.Start, s.End, false
	}
	w := s.Worked()
	if len(w) == 0 {
		return s.Start, s.End, true
	}
	return w[0].Start, w[len(w)-1].End, false
}

// appendSpan appends "18:00 03/12 – 07:00 04/12" in the feed's zone.
func (b *builder) appendSpan(d []byte, start, end time.Time) []byte {
	d = start.In(b.loc).AppendFormat(d, "15:04 02/01")
	d = append(d, " – "...)
	return end.In(b.loc).AppendFormat(d, "15:04 02/01")
}

// appendAbsences appends the lines that tell of a shift's absences: the kind
// when the guard is away for all of it, else each absence and the shift as
// planned.
func (b *builder) appendAbsences(d []byte, s *scheduler.Shift, away bool) []byte {
	if len(s.Absences) == 0 || s.Status == scheduler.ShiftCancelled {
		return d
	}
	if away {
		d = appendLine(d, "Nghỉ: ", TimeOffName(s.Absences[0].Kind))
		for _, a := range s.Absences[1:] {
			if a.Kind != s.Absences[0].Kind {
				d = append(append(d, ", "...), TimeOffName(a.Kind)...)
			}
		}
		return append(b.appendSpan(append(d, " (cả ca "...), s.Start, s.End), ')')
	}
	for _, a := range s.Absences {
		d = append(appendLine(d, "Nghỉ: ", TimeOffName(a.Kind)), ", "...)
		d = b.appendSpan(d, a.Start, a.End)
	}
	return b.appendSpan(appendLine(d, "Ca trực gốc: ", ""), s.Start, s.End)
}

// absence writes the event of an absent part of a shift (the roster's feeds).
func (b *builder) absence(uid string, it AbsenceItem) *goical.Component {
	a := it.Absence
	c := b.parts.component(goical.CompEvent, 10)
	b.common(c, uid, a.Start, a.End, 1, time.Time{}, time.Time{}, false)
	kind := TimeOffName(a.Kind)
	sum := append(append(append(append(append(b.text[:0], it.PostName...), " – Vắng: "...), it.GuardName...), " ("...), kind...)
	sum = append(sum, ") – "...)
	if len(it.Cover) > 0 {
		for i, cv := range it.Cover {
			if i > 0 {
				sum = append(sum, ", "...)
			}
			sum = append(sum, cv.Name...)
		}
		sum = append(sum, " trực thay"...)
	} else {
		sum = append(sum, OpenGuard...)
	}
	b.text = sum
	b.set(c, goical.PropSummary, b.escape(sum))
	if it.Site != "" {
		b.setText(c, goical.PropLocation, it.Site)
	}
	d := append(append(append(b.text[:0], it.GuardName...), " nghỉ: "...), kind...)
	d = b.appendSpan(append(d, ", "...), a.Start, a.End)
	d = b.appendSpan(appendLine(d, "Ca trực gốc: ", ""), it.Shift.Start, it.Shift.End)
	if len(it.Cover) > 0 {
		d = appendLine(d, "Trực thay: ", "")
		for i, cv := range it.Cover {
			if i > 0 {
				d = append(d, ", "...)
			}
			d = b.appendSpan(append(append(d, cv.Name...), " ("...), cv.Start, cv.End)
			d = append(d, ')')
		}
	} else {
		d = appendLine(d, "Chưa có người trực thay trong thời gian này.", "")
	}
	b.text = d
	b.set(c, goical.PropDescription, b.escape(d))
	return c
}

func (b *builder) event(uid string, it EventItem) *goical.Component {
	e := it.Event
	cancelled := e.Status == scheduler.ShiftCancelled
	c := b.parts.component(goical.CompEvent, 12)
	b.common(c, uid, e.Start, e.End, e.Version, e.CreatedAt, e.UpdatedAt, cancelled)
	b.setText(c, goical.PropSummary, "[Sự kiện] "+e.Title)
	if len(it.PostNames) > 0 {
		b.setText(c, goical.PropLocation, strings.Join(it.PostNames, ", "))
	}
	d := b.text[:0]
	if cancelled {
		d = appendLine(d, "Sự kiện đã bị hủy.", "")
	}
	kind := kindNames[e.Kind]
	if kind == "" {
		kind = e.Kind
	}
	if kind != "" {
		d = appendLine(d, "Loại: ", kind)
	}
	if len(it.PostNames) > 0 {
		d = appendJoin(appendLine(d, "Vị trí: ", ""), it.PostNames)
	}
	if e.ExtraHeadcount > 0 {
		d = strconv.AppendInt(appendLine(d, "Tăng cường: thêm ", ""), int64(e.ExtraHeadcount), 10)
		d = append(d, " người mỗi vị trí"...)
	}
	if len(it.OnDuty) > 0 {
		d = appendJoin(appendLine(d, "Đang trực: ", ""), it.OnDuty)
	}
	if e.Note != "" {
		d = appendLine(d, "Ghi chú: ", e.Note)
	}
	b.text = d
	if len(d) > 0 {
		b.set(c, goical.PropDescription, b.escape(d))
	}
	return c
}
