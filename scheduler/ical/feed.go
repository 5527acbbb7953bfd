// Package ical writes the iCalendar feeds that guards and the police post
// subscribe to in their phone calendars, and reads iCalendar files to import.
//
// Build makes a feed (RFC 5545, built with github.com/emersion/go-ical): one
// VEVENT per shift and per event, every date-time in the office zone with its
// TZID and a VTIMEZONE made from Go's zone data, lines folded at 75 octets
// without splitting a UTF-8 character. A shift keeps its UID for life and its
// SEQUENCE grows with its version, so that a phone updates it in place.
//
// Parse reads a calendar and expands it into occurrences (RRULE, RDATE,
// EXDATE, RECURRENCE-ID), resolving time zones from the file's VTIMEZONEs,
// IANA names, UTC or, for floating times and dates, the office zone.
package ical

import (
	"fmt"
	"sort"
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
	Shifts  []ShiftItem
	Events  []EventItem
}

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
	if f.Loc == nil || f.Loc.String() == "" || f.Loc.String() == "Local" {
		return nil, scheduler.Errorf(scheduler.EINTERNAL, "ical: the feed needs a named time zone")
	}
	if f.Host == "" {
		return nil, scheduler.Errorf(scheduler.EINTERNAL, "ical: the feed needs a host for its UIDs")
	}
	if f.Now.IsZero() {
		return nil, scheduler.Errorf(scheduler.EINTERNAL, "ical: the feed needs the time now")
	}
	refresh := f.Refresh
	if refresh <= 0 {
		refresh = DefaultRefresh
	}

	type entry struct {
		start time.Time
		uid   string
		comp  *goical.Component
	}
	b := builder{loc: f.Loc, stamp: f.Now.UTC().Format(utcLayout), tzid: goical.Params{goical.PropTimezoneID: {f.Loc.String()}},
		escaped: map[string]string{}, trigger: formatDuration(-f.Alarm)}
	entries := make([]entry, 0, len(f.Shifts)+len(f.Events))
	first, last := f.Now, f.Now
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
			return nil, scheduler.Errorf(scheduler.EINTERNAL, "ical: shift item %d has no shift", i)
		}
		uid := "shift-" + strconv.FormatInt(s.ID, 10) + "@" + f.Host
		alarm := f.Alarm
		if s.Status == scheduler.ShiftCancelled {
			alarm = 0
		}
		span(s.Start.Add(-alarm), s.End)
		entries = append(entries, entry{s.Start, uid, b.shift(uid, it, alarm)})
	}
	for i, it := range f.Events {
		e := it.Event
		if e == nil {
			return nil, scheduler.Errorf(scheduler.EINTERNAL, "ical: event item %d has no event", i)
		}
		uid := "event-" + strconv.FormatInt(e.ID, 10) + "@" + f.Host
		span(e.Start, e.End)
		entries = append(entries, entry{e.Start, uid, b.event(uid, it)})
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].start.Equal(entries[j].start) {
			return entries[i].start.Before(entries[j].start)
		}
		return entries[i].uid < entries[j].uid
	})

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
	cal.Children = make([]*goical.Component, 0, len(entries)+1)
	cal.Children = append(cal.Children, vtimezone(f.Loc,
		time.Date(fy, 1, 1, 0, 0, 0, 0, f.Loc), time.Date(ly+1, 1, 1, 0, 0, 0, 0, f.Loc)))
	for _, e := range entries {
		cal.Children = append(cal.Children, e.comp)
	}
	out, err := encode(cal, 2048+1024*len(entries))
	if err != nil {
		return nil, scheduler.Errorf(scheduler.EINTERNAL, "%v", err)
	}
	return out, nil
}

type builder struct {
	loc     *time.Location
	stamp   string
	tzid    goical.Params // TZID=<loc>, shared by every date-time (the encoder only reads it)
	props   propArena
	escaped map[string]string
	trigger string // the VALARM's TRIGGER
}

func (b *builder) set(c *goical.Component, name, value string) {
	c.Props[name] = b.props.one(prop(name, value))
}

// setText escapes text once for the whole feed: the names of posts, sites
// and contacts come back in every shift.
func (b *builder) setText(c *goical.Component, name, text string) {
	v, ok := b.escaped[text]
	if !ok {
		v = escapeText(text)
		if len(b.escaped) < 4096 {
			b.escaped[text] = v
		}
	}
	b.set(c, name, v)
}

func (b *builder) setUTC(c *goical.Component, name string, t time.Time) {
	b.set(c, name, t.UTC().Format(utcLayout))
}

// when puts a date-time in the office zone with its TZID, or in UTC when the
// local time would be read as another instant (see Build).
func (b *builder) when(c *goical.Component, name string, t time.Time) {
	if ambiguous(t, b.loc) {
		b.setUTC(c, name, t)
		return
	}
	p := prop(name, t.In(b.loc).Format(localLayout))
	p.Params = b.tzid
	c.Props[name] = b.props.one(p)
}

func (b *builder) common(c *goical.Component, uid string, start, end time.Time, version int, created, updated time.Time, cancelled bool) {
	b.setText(c, goical.PropUID, uid)
	b.set(c, goical.PropDateTimeStamp, b.stamp)
	b.when(c, goical.PropDateTimeStart, start)
	b.when(c, goical.PropDateTimeEnd, end)
	seq := version - 1
	if seq < 0 {
		seq = 0
	}
	b.set(c, goical.PropSequence, strconv.Itoa(seq))
	if !created.IsZero() {
		b.setUTC(c, goical.PropCreated, created)
	}
	if !updated.IsZero() {
		b.setUTC(c, goical.PropLastModified, updated)
	}
	if cancelled {
		b.set(c, goical.PropStatus, string(goical.EventCancelled))
		b.set(c, goical.PropTransparency, "TRANSPARENT")
	} else {
		b.set(c, goical.PropStatus, string(goical.EventConfirmed))
		b.set(c, goical.PropTransparency, "OPAQUE")
	}
}

func (b *builder) shift(uid string, it ShiftItem, alarm time.Duration) *goical.Component {
	s := it.Shift
	cancelled := s.Status == scheduler.ShiftCancelled
	c := component(goical.CompEvent, 12)
	b.common(c, uid, s.Start, s.End, s.Version, s.CreatedAt, s.UpdatedAt, cancelled)
	guard := it.GuardName
	if guard == "" {
		guard = OpenGuard
	}
	summary := it.PostName + " – " + guard
	b.setText(c, goical.PropSummary, summary)
	if it.Site != "" {
		b.setText(c, goical.PropLocation, it.Site)
	}
	var d strings.Builder
	d.Grow(64 + len(it.Contact) + len(s.Note) + 48*len(it.Others))
	line := func(label, text string) {
		if d.Len() > 0 {
			d.WriteByte('\n')
		}
		d.WriteString(label)
		d.WriteString(text)
	}
	if cancelled {
		line("Ca trực đã bị hủy.", "")
	}
	if len(it.Others) > 0 {
		line("Cùng trực: ", strings.Join(it.Others, ", "))
	}
	if it.Contact != "" {
		line("Liên hệ công an: ", it.Contact)
	}
	if s.Note != "" {
		line("Ghi chú: ", s.Note)
	}
	if d.Len() > 0 {
		b.setText(c, goical.PropDescription, d.String())
	}
	if alarm > 0 {
		a := component(goical.CompAlarm, 4)
		b.set(a, goical.PropAction, "DISPLAY")
		b.setText(a, goical.PropDescription, "Sắp đến ca trực: "+summary)
		b.set(a, goical.PropTrigger, b.trigger)
		c.Children = append(c.Children, a)
	}
	return c
}

func (b *builder) event(uid string, it EventItem) *goical.Component {
	e := it.Event
	cancelled := e.Status == scheduler.ShiftCancelled
	c := component(goical.CompEvent, 12)
	b.common(c, uid, e.Start, e.End, e.Version, e.CreatedAt, e.UpdatedAt, cancelled)
	b.setText(c, goical.PropSummary, "[Sự kiện] "+e.Title)
	if len(it.PostNames) > 0 {
		b.setText(c, goical.PropLocation, strings.Join(it.PostNames, ", "))
	}
	var d []string
	if cancelled {
		d = append(d, "Sự kiện đã bị hủy.")
	}
	kind := kindNames[e.Kind]
	if kind == "" {
		kind = e.Kind
	}
	if kind != "" {
		d = append(d, "Loại: "+kind)
	}
	if len(it.PostNames) > 0 {
		d = append(d, "Vị trí: "+strings.Join(it.PostNames, ", "))
	}
	if e.ExtraHeadcount > 0 {
		d = append(d, fmt.Sprintf("Tăng cường: thêm %d người mỗi vị trí", e.ExtraHeadcount))
	}
	if len(it.OnDuty) > 0 {
		d = append(d, "Đang trực: "+strings.Join(it.OnDuty, ", "))
	}
	if e.Note != "" {
		d = append(d, "Ghi chú: "+e.Note)
	}
	if len(d) > 0 {
		b.setText(c, goical.PropDescription, strings.Join(d, "\n"))
	}
	return c
}
