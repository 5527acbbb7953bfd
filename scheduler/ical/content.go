package ical

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"catruc/scheduler"
)

// CancelledFor is how long a cancelled shift or event stays in feeds after
// its last change, so that the clients that have it remove it.
const CancelledFor = 30 * 24 * time.Hour

// Content is what a calendar's feed is made of, as loaded from the store.
type Content struct {
	Calendar *scheduler.Calendar
	Settings scheduler.CalendarSettings
	Loc      *time.Location // the office zone
	Host     string         // for UIDs
	Now      time.Time
	Posts    []*scheduler.Post  // all of them, active or not
	Guards   []*scheduler.Guard // all of them
	// Shifts and Events are those overlapping Window(Now, Settings), of any
	// status; the shifts carry their absences.
	Shifts []*scheduler.Shift
	Events []*scheduler.Event
	// Incidents are those declared in the window.
	Incidents []*scheduler.Incident
}

// Window is the stretch a feed shows at now: DaysBack before it to DaysAhead after.
func Window(now time.Time, s scheduler.CalendarSettings) (from, to time.Time) {
	return now.AddDate(0, 0, -s.DaysBack), now.AddDate(0, 0, s.DaysAhead)
}

// FeedFor chooses what a calendar shows and names it, a pure function of the
// loaded data that Build then writes:
//
//   - a guard's calendar: the guard's shifts, with a reminder before each;
//   - a post's: its shifts, the absences of their guards and its events;
//   - the whole office's: every shift, absence and event;
//   - the police post's: the shifts of the office's own posts (kind guard),
//     their absences, and the events the police is told of.
//
// Scheduled shifts are kept, and cancelled ones for CancelledFor after their
// last change, so that clients remove them. Each shift says who else is on
// duty meanwhile, and each event who of the office is: only those who work
// then, not those away on time off.
func FeedFor(c Content) Feed {
	if c.Calendar.Scope == scheduler.ScopePost || c.Calendar.Scope == scheduler.ScopePolice {
		// A post's calendar (its guards' phones) and the police post's show
		// the guards' time off as busy, without its kind: the same rule as
		// the API's and the pages' for guards and viewers.
		c.Shifts = scheduler.ShiftsFor(scheduler.Principal{Role: scheduler.RoleViewer}, c.Shifts)
	}
	x := newIndex(c)
	f := Feed{Name: c.Calendar.Name, Loc: c.Loc, Host: c.Host, Now: c.Now,
		Refresh: time.Duration(c.Settings.RefreshMinutes) * time.Minute}
	wantShift, wantEvent := x.scope(c.Calendar)
	personal := c.Calendar.Scope == scheduler.ScopeGuard
	if personal {
		f.Alarm = time.Duration(c.Settings.AlarmMinutes) * time.Minute
		f.Personal = true
	}
	for _, sh := range c.Shifts {
		if !wantShift(sh) || !(sh.Status == scheduler.ShiftScheduled || c.Now.Sub(sh.UpdatedAt) <= CancelledFor) {
			continue
		}
		it := ShiftItem{Shift: sh, Contact: x.contact, GuardName: x.guardName(sh.GuardID)}
		if p := x.posts[sh.PostID]; p != nil {
			it.PostName, it.Site = p.Name, p.Site
		}
		it.Others = x.with(sh)
		f.Shifts = append(f.Shifts, it)
		if !personal && sh.Status == scheduler.ShiftScheduled {
			f.Absences = append(f.Absences, x.absences(sh, it)...)
		}
	}
	for _, e := range c.Events {
		if !wantEvent(e) || (e.Status == scheduler.ShiftCancelled && c.Now.Sub(e.UpdatedAt) > CancelledFor) {
			continue
		}
		it := EventItem{Event: e, OnDuty: x.onDuty(e.Start, e.End, 0, true)}
		for _, id := range e.PostIDs {
			if p := x.posts[id]; p != nil {
				it.PostNames = append(it.PostNames, p.Name)
			}
		}
		f.Events = append(f.Events, it)
	}
	f.Incidents = x.incidents(c)
	return f
}

// incidents are the incidents a calendar shows: all of them in the police
// post's and the whole office's, those of its post in a post's.
func (x *index) incidents(c Content) []IncidentItem {
	var out []IncidentItem
	for _, inc := range c.Incidents {
		switch c.Calendar.Scope {
		case scheduler.ScopePolice, scheduler.ScopeAll:
		case scheduler.ScopePost:
			if c.Calendar.TargetID == nil || *c.Calendar.TargetID != inc.PostID {
				continue
			}
		default:
			continue
		}
		it := IncidentItem{Incident: inc}
		if p := x.posts[inc.PostID]; p != nil {
			it.PostName = p.Name
		}
		out = append(out, it)
	}
	return out
}

// index is the loaded data, by id, with the scheduled shifts that have a guard in order of start.
type index struct {
	c         Content
	posts     map[int64]*scheduler.Post
	guards    map[int64]*scheduler.Guard
	scheduled []*scheduler.Shift
	contact   string // the police post's contact, for the shifts' descriptions
}

func newIndex(c Content) *index {
	x := &index{c: c, posts: make(map[int64]*scheduler.Post, len(c.Posts)), guards: make(map[int64]*scheduler.Guard, len(c.Guards)),
		scheduled: make([]*scheduler.Shift, 0, len(c.Shifts))}
	var contacts []string
	for _, p := range c.Posts {
		x.posts[p.ID] = p
		if p.Kind == scheduler.PostKindPolice && p.Active && (p.Contact.Name != "" || p.Contact.Phone != "") {
			contacts = append(contacts, strings.TrimSpace(p.Contact.Name+" "+p.Contact.Phone))
		}
	}
	x.contact = strings.Join(contacts, "; ")
	for _, g := range c.Guards {
		x.guards[g.ID] = g
	}
	for _, sh := range c.Shifts {
		if sh.Status == scheduler.ShiftScheduled && sh.GuardID != nil {
			x.scheduled = append(x.scheduled, sh)
		}
	}
	byStart := func(a, b *scheduler.Shift) int { return a.Start.Compare(b.Start) }
	if !slices.IsSortedFunc(x.scheduled, byStart) { // the store reads them in order
		slices.SortStableFunc(x.scheduled, byStart)
	}
	return x
}

func (x *index) guardName(id *int64) string {
	if id == nil {
		return ""
	}
	if g := x.guards[*id]; g != nil {
		return g.Name
	}
	return ""
}

// scope returns which shifts and events a calendar shows.
func (x *index) scope(cal *scheduler.Calendar) (func(*scheduler.Shift) bool, func(*scheduler.Event) bool) {
	none := func(*scheduler.Event) bool { return false }
	var target int64
	if cal.TargetID != nil {
		target = *cal.TargetID
	}
	switch cal.Scope {
	case scheduler.ScopeGuard:
		return func(sh *scheduler.Shift) bool { return sh.GuardID != nil && *sh.GuardID == target }, none
	case scheduler.ScopePost:
		return func(sh *scheduler.Shift) bool { return sh.PostID == target },
			func(e *scheduler.Event) bool { return slices.Contains(e.PostIDs, target) }
	case scheduler.ScopeAll:
		return func(*scheduler.Shift) bool { return true }, func(*scheduler.Event) bool { return true }
	case scheduler.ScopePolice:
		return func(sh *scheduler.Shift) bool {
			p := x.posts[sh.PostID]
			return p != nil && p.Kind == scheduler.PostKindGuard
		}, func(e *scheduler.Event) bool { return e.NotifyPolice }
	}
	return func(*scheduler.Shift) bool { return false }, none
}

// working returns the scheduled shifts whose guards work some of [a, b),
// other than shift except (0: none), at post (0: any), or only at the
// office's own posts.
func (x *index) working(a, b time.Time, except, post int64, officeOnly bool) []*scheduler.Shift {
	var out []*scheduler.Shift
	i, _ := slices.BinarySearchFunc(x.scheduled, a.Add(-scheduler.MaxShiftLength), func(s *scheduler.Shift, t time.Time) int {
		return s.Start.Compare(t)
	})
	for ; i < len(x.scheduled) && x.scheduled[i].Start.Before(b); i++ {
		s := x.scheduled[i]
		p := x.posts[s.PostID]
		if s.ID == except || p == nil || (post != 0 && s.PostID != post) || (officeOnly && p.Kind != scheduler.PostKindGuard) ||
			!workedIn(s, a, b) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// onDuty names who works during [a, b): "An (Cổng chính, 01/12 07:00–02/12 07:00)".
func (x *index) onDuty(a, b time.Time, except int64, officeOnly bool) []string {
	var out []string
	for _, s := range x.working(a, b, except, 0, officeOnly) {
		out = append(out, fmt.Sprintf("%s (%s, %s–%s)", x.guardName(s.GuardID), x.posts[s.PostID].Name,
			s.Start.In(x.c.Loc).Format("02/01 15:04"), s.End.In(x.c.Loc).Format("02/01 15:04")))
	}
	return out
}

// with names who else works while the guard of sh does: during its worked
// part, or the whole of it when it is cancelled or open.
func (x *index) with(sh *scheduler.Shift) []string {
	if sh.Status != scheduler.ShiftScheduled || len(sh.Absences) == 0 {
		return x.onDuty(sh.Start, sh.End, sh.ID, false)
	}
	var out []string
	for _, w := range sh.Worked() {
		for _, o := range x.onDuty(w.Start, w.End, sh.ID, false) {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

// absences are the absent parts of shift sh, with who holds the post meanwhile.
func (x *index) absences(sh *scheduler.Shift, it ShiftItem) []AbsenceItem {
	var out []AbsenceItem
	for _, a := range sh.Absences {
		ai := AbsenceItem{Shift: sh, Absence: a, PostName: it.PostName, Site: it.Site, GuardName: it.GuardName}
		for _, o := range x.working(a.Start, a.End, sh.ID, sh.PostID, false) {
			if *o.GuardID == *sh.GuardID {
				continue
			}
			ai.Cover = append(ai.Cover, Cover{Name: x.guardName(o.GuardID), Start: o.Start, End: o.End})
		}
		out = append(out, ai)
	}
	return out
}

// workedIn is s.WorkedIn(a, b), without working out the worked parts of a
// shift its guard is not away from (most of them): a roster's feed asks it
// for every pair of shifts that meet.
func workedIn(s *scheduler.Shift, a, b time.Time) bool {
	if len(s.Absences) == 0 {
		return scheduler.Overlaps(s.Start, s.End, a, b)
	}
	return s.WorkedIn(a, b)
}
