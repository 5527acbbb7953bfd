package planner

import (
	"cmp"
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
)

// stype is one shift type of the solver model: a template of a post.
type stype struct {
	post    *scheduler.Post
	tpl     scheduler.ShiftTemplate
	start   int // minutes after midnight, office zone
	minutes int // length in minutes
	night   bool
	// lead: the part inside the window of the template's instance that
	// began the evening before the first day (a night shift's 00:00–06:00),
	// laid on the first day only, when nothing holds those hours (see
	// addLeads).
	lead bool
}

// span is a stretch [s, e) of time.
type span struct{ s, e time.Time }

// setup is what every step of a plan shares: the window's days, the shift
// types and their instances, the candidates, and the record of shifts split
// into what the plan keeps, what it may replace and what lies outside it.
type setup struct {
	in     Input
	loc    *time.Location
	rules  labour.Rules
	days   []time.Time // office midnights: days[d] .. days[d+1] is day d; len D+1
	types  []stype
	inst   [][]span // inst[d][t]: the instance of type t on day d
	guards []*scheduler.Guard
	gidx   map[int64]int
	posts  map[int64]*scheduler.Post

	windowShifts []*scheduler.Shift // existing scheduled shifts of the posts starting in the window
	kept         []*scheduler.Shift // those the plan keeps
	// coverEnd is where the plan's cover ends: the window's end, or later
	// where a shift the plan replaces reached past it (the rotation's 24 h
	// shift of the last day, say): the plan holds those hours too.
	coverEnd  time.Time
	record    map[int64][]*scheduler.Shift // per guard: every shift that counts outside the plan (kept included)
	approved  map[int64][]*scheduler.TimeOff
	requested map[int64][]*scheduler.TimeOff
	prefs     map[int64]scheduler.Preferences
}

func newSetup(in Input) *setup {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	su := &setup{in: in, loc: loc, rules: in.Rules, gidx: map[int64]int{}, posts: map[int64]*scheduler.Post{},
		record: map[int64][]*scheduler.Shift{}, approved: map[int64][]*scheduler.TimeOff{},
		requested: map[int64][]*scheduler.TimeOff{}, prefs: map[int64]scheduler.Preferences{}}
	from := scheduler.DayStart(in.From, loc)
	for d := from; d.Before(in.To); {
		su.days = append(su.days, d)
		t := d.In(loc)
		d = scheduler.DateStart(t.Year(), t.Month(), t.Day()+1, loc)
	}
	t := su.days[len(su.days)-1].In(loc)
	su.days = append(su.days, scheduler.DateStart(t.Year(), t.Month(), t.Day()+1, loc))
	for _, p := range in.Posts {
		su.posts[p.ID] = p
	}
	su.buildTypes()
	su.buildGuards()
	su.splitShifts()
	su.splitTimeOff()
	for _, p := range in.Preferences {
		su.prefs[p.GuardID] = p
	}
	return su
}

// D is the number of days planned.
func (su *setup) D() int { return len(su.days) - 1 }

// at is the instant of a clock time (minutes after midnight, may exceed a
// day) on day d, read on the office wall clock (DST-safe).
func (su *setup) at(d, minutes int) time.Time {
	t := su.days[d].In(su.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, minutes, 0, 0, su.loc)
}

func (su *setup) buildTypes() {
	ns, _ := scheduler.ParseClock(su.rules.NightStart)
	ne, _ := scheduler.ParseClock(su.rules.NightEnd)
	for _, p := range su.in.Posts {
		for _, tp := range p.Templates() {
			st, err := scheduler.ParseClock(tp.Start)
			mins := int(tp.Hours*60 + 0.5)
			if err != nil || mins <= 0 || mins > 24*60 {
				continue
			}
			su.types = append(su.types, stype{post: p, tpl: tp, start: st, minutes: mins,
				night: isNightClock(st, mins, ns, ne, su.rules.NightStart != "")})
		}
	}
	su.inst = make([][]span, su.D())
	for d := range su.inst {
		su.inst[d] = make([]span, len(su.types))
		for t, ty := range su.types {
			s := su.at(d, ty.start)
			su.inst[d][t] = span{s, s.Add(time.Duration(ty.minutes) * time.Minute)}
		}
	}
}

// isNightClock: a template is a night shift when it starts at or after the
// night's start (or inside the night) or lies mostly inside the night.
func isNightClock(start, minutes, ns, ne int, ok bool) bool {
	if !ok {
		return false
	}
	inNight := func(m int) bool {
		m %= 24 * 60
		if ns > ne {
			return m >= ns || m < ne
		}
		return m >= ns && m < ne
	}
	if start >= ns && inNight(start) {
		return true
	}
	n := 0
	for m := start; m < start+minutes; m++ {
		if inNight(m) {
			n++
		}
	}
	return 2*n > minutes
}

// nightShift applies the same rule to any shift.
func (su *setup) nightShift(s, e time.Time) bool {
	ns, _ := scheduler.ParseClock(su.rules.NightStart)
	ne, _ := scheduler.ParseClock(su.rules.NightEnd)
	ls := s.In(su.loc)
	return isNightClock(ls.Hour()*60+ls.Minute(), int(e.Sub(s)/time.Minute), ns, ne, su.rules.NightStart != "")
}

func (su *setup) buildGuards() {
	gs := slices.Clone(su.in.Guards)
	slices.SortFunc(gs, func(a, b *scheduler.Guard) int { return cmp.Compare(a.ID, b.ID) })
	for _, g := range gs {
		if g == nil {
			continue
		}
		if _, dup := su.gidx[g.ID]; dup {
			continue
		}
		su.gidx[g.ID] = len(su.guards)
		su.guards = append(su.guards, g)
	}
}

// allowed reports whether guard g may hold post p.
func allowed(g *scheduler.Guard, p *scheduler.Post) bool {
	return g.Active && slices.Contains(g.PostIDs, p.ID)
}

// splitShifts sorts the record: shifts of the planned posts starting in the
// window are the plan's to keep or replace; every other scheduled shift with
// a guard lies outside the plan and binds it.
func (su *setup) splitShifts() {
	from, to := su.days[0], su.days[su.D()]
	su.coverEnd = to
	shifts := slices.Clone(su.in.Shifts)
	slices.SortFunc(shifts, shiftOrder)
	for _, s := range shifts {
		if s == nil || s.Status == scheduler.ShiftCancelled {
			continue
		}
		if su.posts[s.PostID] != nil && !s.Start.Before(from) && s.Start.Before(to) {
			su.windowShifts = append(su.windowShifts, s)
			if su.keeps(s) {
				su.kept = append(su.kept, s)
				su.record[*s.GuardID] = append(su.record[*s.GuardID], s)
			} else if s.End.After(su.coverEnd) {
				su.coverEnd = s.End
			}
			continue
		}
		if s.GuardID != nil {
			su.record[*s.GuardID] = append(su.record[*s.GuardID], s)
		}
	}
}

// keeps reports whether the plan keeps the existing shift s of the window.
// Open shifts and shifts whose guard is away for all of it are never kept:
// they are the gaps the plan fills.
func (su *setup) keeps(s *scheduler.Shift) bool {
	if s.GuardID == nil || s.WhollyAbsent() {
		return false
	}
	switch su.in.Keep {
	case scheduler.KeepNone:
		return false
	case scheduler.KeepManual:
		return su.in.Manual[s.ID]
	}
	return true
}

// keepsAbsent reports whether s is a shift the keep mode would keep but for
// its guard being away for all of it.
func (su *setup) keepsAbsent(s *scheduler.Shift) bool {
	if s.GuardID == nil || !s.WhollyAbsent() {
		return false
	}
	switch su.in.Keep {
	case scheduler.KeepNone:
		return false
	case scheduler.KeepManual:
		return su.in.Manual[s.ID]
	}
	return true
}

func (su *setup) splitTimeOff() {
	for _, o := range su.in.TimeOff {
		if o == nil {
			continue
		}
		switch o.Status {
		case scheduler.TimeOffApproved:
			su.approved[o.GuardID] = append(su.approved[o.GuardID], o)
		case scheduler.TimeOffRequested:
			su.requested[o.GuardID] = append(su.requested[o.GuardID], o)
		}
	}
}

func shiftOrder(a, b *scheduler.Shift) int {
	if a == nil || b == nil {
		return cmp.Compare(boolInt(a == nil), boolInt(b == nil))
	}
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.PostID, b.PostID); c != 0 {
		return c
	}
	return cmp.Compare(guardOf(a), guardOf(b))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func guardOf(s *scheduler.Shift) int64 {
	if s.GuardID == nil {
		return 0
	}
	return *s.GuardID
}

// worked is the time a guard works of the shifts: their worked parts.
func worked(shifts []*scheduler.Shift) []span {
	var out []span
	for _, s := range shifts {
		for _, w := range s.Worked() {
			out = append(out, span{w.Start, w.End})
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.s.Compare(b.s) })
	return out
}
