// Package coverage works out, for the posts of the office, how many people
// must be on duty at every instant (from the posts' requirements and the
// events), how many are (from the roster and the time off), where a post is
// uncovered or overstaffed, and how many guards a post needs to be held
// without breaking the Labor Code.
//
// Everything here is a pure function: the window, the zone and all the data
// are inputs, nothing is read or written. Instants are handled as instants (a
// sweep line over the sorted breakpoints, never a per-minute loop), so a gap
// is exact to the nanosecond of the shifts and time off that cause it.
// Instants must lie within the years 1678–2261 (the range of UnixNano).
package coverage

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"catruc/scheduler"
)

// Segment is a stretch [Start, End) over which a post needs Headcount people.
type Segment struct {
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Headcount int       `json:"headcount"`
}

// Required returns the headcount post p needs over [from, to) as consecutive
// segments that cover the whole window, stretches needing nobody included
// (Headcount 0); two neighbouring segments never have the same headcount.
// It returns an empty slice when to is not after from. Times are in loc (UTC
// when loc is nil).
//
// A requirement applies to the stretches that start on one of its ISO
// weekdays (in loc), from its Start clock time to its End clock time of the
// wall clock of loc: End after Start is within the day, End before Start
// crosses midnight into the next day, and Start == End is a whole day of wall
// clock, from Start to the same clock time the next day (midnight to midnight
// when Start is 00:00; 23 or 25 hours on a day that changes daylight saving).
//
// Where several requirements of the post apply at once the highest headcount
// holds: requirements describe the post's need ("2 on weekdays 07:00–17:00",
// "1 around the clock"), they are not separate jobs, so they are not added.
// During an event that lists the post its ExtraHeadcount is added to that, and
// overlapping events add up. Whether the post is active is the caller's
// concern.
func Required(p *scheduler.Post, events []*scheduler.Event, from, to time.Time, loc *time.Location) []Segment {
	loc = orUTC(loc)
	segs := requiredSegs(p, events, from, to, loc)
	out := make([]Segment, len(segs))
	for i, s := range segs {
		out[i] = Segment{Start: instant(s.s, loc), End: instant(s.e, loc), Headcount: s.h}
	}
	return out
}

// seg is a stretch [s, e) in Unix nanoseconds with a number h.
type seg struct {
	s, e int64
	h    int
}

// span is a stretch [s, e) in Unix nanoseconds.
type span struct{ s, e int64 }

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

func instant(n int64, loc *time.Location) time.Time { return time.Unix(0, n).In(loc) }

// reqPoint is a breakpoint of the requirement sweep: a requirement of level
// index lvl starts (dc = +1) or ends (dc = -1), or the events' extra
// headcount changes by dx.
type reqPoint struct {
	t      int64
	lvl    int
	dc, dx int
}

// requiredSegs is Required in Unix nanoseconds: consecutive merged segments
// covering [from, to), or nil when the window is empty.
func requiredSegs(p *scheduler.Post, events []*scheduler.Event, from, to time.Time, loc *time.Location) []seg {
	f, t := from.UnixNano(), to.UnixNano()
	if f >= t {
		return nil
	}
	var pts []reqPoint
	var levels []int
	if p != nil {
		var reqs []dailyReq
		reqs, levels = dailyReqs(p)
		pts = requirementPoints(reqs, from, to, loc)
		pts = append(pts, eventPoints(p, events, f, t)...)
	}
	slices.SortFunc(pts, func(a, b reqPoint) int { return cmp.Compare(a.t, b.t) })
	return sweepRequired(pts, levels, f, t)
}

// dailyReq is a requirement of a post as the sweep uses it.
type dailyReq struct {
	days      [8]bool // by ISO weekday
	startMin  int
	endMin    int
	headcount int
	lvl       int // the index of headcount in the levels
}

// dailyReqs returns the requirements of p that need someone, and the
// distinct headcounts, highest last: the sweep keeps a count per level, and
// the highest level in force is the highest non-zero count.
func dailyReqs(p *scheduler.Post) ([]dailyReq, []int) {
	var levels []int
	var reqs []dailyReq
	for _, r := range p.Requirements {
		if r.Headcount <= 0 {
			continue
		}
		q := dailyReq{startMin: r.StartMinute(), endMin: r.EndMinute(), headcount: r.Headcount}
		for _, d := range r.Days {
			if d >= 1 && d <= 7 {
				q.days[d] = true
			}
		}
		reqs = append(reqs, q)
		if !slices.Contains(levels, r.Headcount) {
			levels = append(levels, r.Headcount)
		}
	}
	slices.Sort(levels)
	for i := range reqs {
		reqs[i].lvl = slices.Index(levels, reqs[i].headcount)
	}
	return reqs, levels
}

// clipSpan clips [s, e) to [f, t) and reports whether anything is left.
func clipSpan(s, e, f, t int64) (int64, int64, bool) {
	s, e = max(s, f), min(e, t)
	return s, e, s < e
}

// requirementPoints are the breakpoints of the requirements over [from, to).
func requirementPoints(reqs []dailyReq, from, to time.Time, loc *time.Location) []reqPoint {
	if len(reqs) == 0 {
		return nil
	}
	f, t := from.UnixNano(), to.UnixNano()
	var pts []reqPoint
	// Stretches that start the day before from may reach into the window.
	// Dates are civil dates (in UTC, so that adding days is exact); the
	// instants are built in loc from the wall clock.
	y, m, d := from.In(loc).Date()
	for i := -1; ; i++ {
		civil := time.Date(y, m, d+i, 0, 0, 0, 0, time.UTC)
		cy, cm, cd := civil.Date()
		if !time.Date(cy, cm, cd, 0, 0, 0, 0, loc).Before(to) {
			return pts
		}
		wd := scheduler.ISOWeekday(civil)
		for _, q := range reqs {
			if !q.days[wd] {
				continue
			}
			start := time.Date(cy, cm, cd, 0, q.startMin, 0, 0, loc)
			endDay := cd
			if q.endMin <= q.startMin {
				endDay++ // crosses midnight, or the whole day
			}
			end := time.Date(cy, cm, endDay, 0, q.endMin, 0, 0, loc)
			if s, e, ok := clipSpan(start.UnixNano(), end.UnixNano(), f, t); ok {
				pts = append(pts, reqPoint{t: s, lvl: q.lvl, dc: 1}, reqPoint{t: e, lvl: q.lvl, dc: -1})
			}
		}
	}
}

// eventPoints are the breakpoints of the extra headcount of the events at p.
func eventPoints(p *scheduler.Post, events []*scheduler.Event, f, t int64) []reqPoint {
	var pts []reqPoint
	for _, ev := range events {
		if ev == nil || ev.ExtraHeadcount == 0 || !slices.Contains(ev.PostIDs, p.ID) || !ev.End.After(ev.Start) {
			continue
		}
		if s, e, ok := clipSpan(ev.Start.UnixNano(), ev.End.UnixNano(), f, t); ok {
			pts = append(pts, reqPoint{t: s, lvl: -1, dx: ev.ExtraHeadcount}, reqPoint{t: e, lvl: -1, dx: -ev.ExtraHeadcount})
		}
	}
	return pts
}

// sweepRequired walks the sorted breakpoints over [f, t) into consecutive
// merged segments of the headcount in force.
func sweepRequired(pts []reqPoint, levels []int, f, t int64) []seg {
	counts := make([]int, len(levels))
	extra := 0
	level := func() int {
		for i := len(counts) - 1; i >= 0; i-- {
			if counts[i] > 0 {
				return levels[i]
			}
		}
		return 0
	}
	var out []seg
	emit := func(s, e int64, h int) {
		if s >= e {
			return
		}
		if n := len(out); n > 0 && out[n-1].h == h && out[n-1].e == s {
			out[n-1].e = e
			return
		}
		out = append(out, seg{s, e, h})
	}
	cur, h := f, 0
	for i := 0; i < len(pts); {
		at := pts[i].t
		emit(cur, at, h)
		for ; i < len(pts) && pts[i].t == at; i++ {
			if pts[i].lvl >= 0 {
				counts[pts[i].lvl] += pts[i].dc
			}
			extra += pts[i].dx
		}
		cur, h = at, level()+extra
	}
	emit(cur, t, h)
	return out
}

// Input is what Compute needs. Shifts and time off outside the posts or the
// window are ignored, so callers may pass more than needed. TimeOff should be
// the approved time off only; the Absences of the shifts are left out as well.
type Input struct {
	From, To time.Time      // the window [From, To)
	Loc      *time.Location // the office zone: clock times of requirements, times of the report; nil is UTC
	Posts    []*scheduler.Post
	Events   []*scheduler.Event
	Shifts   []*scheduler.Shift
	TimeOff  []*scheduler.TimeOff
}

// Report is the coverage of posts over [From, To).
type Report struct {
	From  time.Time      `json:"from"`
	To    time.Time      `json:"to"`
	Posts []PostCoverage `json:"posts"`
}

// PostCoverage is the coverage of one post.
type PostCoverage struct {
	PostID int64 `json:"post_id"`
	// RequiredHours is the integral of the required headcount over the
	// window, in guard-hours, rounded to 2 decimals.
	RequiredHours float64 `json:"required_hours"`
	// CoveredHours is the integral of min(staffed, required): guard-hours of
	// the requirement that someone holds; overstaffing does not make up for gaps.
	CoveredHours float64 `json:"covered_hours"`
	// Percent is 100·covered/required rounded to 2 decimals; 100 when nothing is required.
	Percent float64 `json:"percent"`
	// Gaps are the maximal stretches with fewer people than required, in time order.
	Gaps []Interval `json:"gaps"`
	// Overstaffed are the maximal stretches with more people than required
	// (including where nobody is required), in time order.
	Overstaffed []Interval `json:"overstaffed"`
}

// Interval is a stretch [Start, End) over which a post needs Required people
// and has Staffed. In a gap Missing = Required − Staffed and Extra = 0; in an
// overstaffed stretch Extra = Staffed − Required and Missing = 0.
type Interval struct {
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Required int       `json:"required"`
	Staffed  int       `json:"staffed"`
	Missing  int       `json:"missing"`
	Extra    int       `json:"extra"`
}

// staffPoint is a guard starting (+1) or ending (-1) a stretch of duty at a post.
type staffPoint struct {
	t int64
	d int
}

// Compute reports, for each post of in.Posts in the order given, how well the
// roster covers its requirement (see Required) over [in.From, in.To).
//
// The staff of a post at an instant is the number of distinct guards holding
// a shift of the post that covers the instant, counting only shifts with
// Status "scheduled" and a guard (open shifts count as uncovered), and leaving
// out the time a guard is on time off or absent from the shift (only the
// part that overlaps it: the absent part of a shift is a gap unless someone
// else holds it). A
// guard holding two overlapping shifts of the same post counts once.
//
// Gaps and overstaffed stretches are maximal: neighbouring stretches merge
// when they have the same required and staffed numbers and stay apart
// otherwise. Slices are never nil. Times are in in.Loc.
func Compute(in Input) Report {
	loc := orUTC(in.Loc)
	rep := Report{From: in.From.In(loc), To: in.To.In(loc), Posts: make([]PostCoverage, 0, len(in.Posts))}
	f, t := in.From.UnixNano(), in.To.UnixNano()

	wanted := make(map[int64]bool, len(in.Posts))
	for _, p := range in.Posts {
		if p != nil {
			wanted[p.ID] = true
		}
	}

	// Time off per guard, clipped to the window, sorted and merged.
	off := map[int64][]span{}
	for _, o := range in.TimeOff {
		if o == nil || o.Status == scheduler.TimeOffRequested || o.Status == scheduler.TimeOffDeclined {
			continue
		}
		s, e := max(o.Start.UnixNano(), f), min(o.End.UnixNano(), t)
		if s < e {
			off[o.GuardID] = append(off[o.GuardID], span{s, e})
		}
	}
	for g, spans := range off {
		off[g] = mergeSpans(spans)
	}

	// What each guard holds at each post, minus time off.
	held := map[int64]map[int64][]span{}
	for _, sh := range in.Shifts {
		if sh == nil || sh.Status != scheduler.ShiftScheduled || sh.GuardID == nil || !wanted[sh.PostID] {
			continue
		}
		s, e := max(sh.Start.UnixNano(), f), min(sh.End.UnixNano(), t)
		if s >= e {
			continue
		}
		g := *sh.GuardID
		byGuard := held[sh.PostID]
		if byGuard == nil {
			byGuard = map[int64][]span{}
			held[sh.PostID] = byGuard
		}
		away := off[g]
		if len(sh.Absences) > 0 { // the shift's own absences, should the time off not be given
			away = slices.Clone(away)
			for _, a := range sh.Absences {
				away = append(away, span{a.Start.UnixNano(), a.End.UnixNano()})
			}
			away = mergeSpans(away)
		}
		byGuard[g] = subtract(byGuard[g], s, e, away)
	}

	for _, p := range in.Posts {
		if p == nil {
			continue
		}
		var pts []staffPoint
		for _, spans := range held[p.ID] {
			for _, sp := range mergeSpans(spans) {
				pts = append(pts, staffPoint{sp.s, 1}, staffPoint{sp.e, -1})
			}
		}
		slices.SortFunc(pts, func(a, b staffPoint) int { return cmp.Compare(a.t, b.t) })
		rep.Posts = append(rep.Posts, cover(p.ID, requiredSegs(p, in.Events, in.From, in.To, loc), pts, f, t, loc))
	}
	return rep
}

// cover sweeps the required segments (consecutive, covering [f, t)) and the
// sorted staff breakpoints together.
func cover(postID int64, req []seg, pts []staffPoint, f, t int64, loc *time.Location) PostCoverage {
	pc := PostCoverage{PostID: postID, Gaps: []Interval{}, Overstaffed: []Interval{}}
	var required, covered float64 // guard-hours

	// run is the current stretch of constant (required, staffed).
	var run seg
	runStaff, inRun := 0, false
	flush := func() {
		if !inRun {
			return
		}
		iv := Interval{Start: instant(run.s, loc), End: instant(run.e, loc), Required: run.h, Staffed: runStaff}
		switch {
		case runStaff < run.h:
			iv.Missing = run.h - runStaff
			pc.Gaps = append(pc.Gaps, iv)
		case runStaff > run.h:
			iv.Extra = runStaff - run.h
			pc.Overstaffed = append(pc.Overstaffed, iv)
		}
	}
	piece := func(s, e int64, req, staff int) {
		hours := float64(e-s) / float64(time.Hour)
		required += hours * float64(req)
		covered += hours * float64(min(req, staff))
		if inRun && run.e == s && run.h == req && runStaff == staff {
			run.e = e
			return
		}
		flush()
		run, runStaff, inRun = seg{s, e, req}, staff, true
	}

	i, j, staff := 0, 0, 0
	for cur := f; cur < t && i < len(req); {
		for ; j < len(pts) && pts[j].t <= cur; j++ {
			staff += pts[j].d
		}
		for req[i].e <= cur {
			i++
		}
		next := req[i].e
		if j < len(pts) && pts[j].t < next {
			next = pts[j].t
		}
		piece(cur, next, req[i].h, staff)
		cur = next
	}
	flush()

	pc.RequiredHours = round2(required)
	pc.CoveredHours = round2(covered)
	pc.Percent = 100
	if required > 0 {
		pc.Percent = round2(100 * covered / required)
	}
	return pc
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []span) []span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b span) int {
		switch {
		case a.s < b.s:
			return -1
		case a.s > b.s:
			return 1
		}
		return 0
	})
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.s <= last.e {
			last.e = max(last.e, sp.e)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// subtract appends to dst the parts of [s, e) outside the sorted, merged spans off.
func subtract(dst []span, s, e int64, off []span) []span {
	k := sort.Search(len(off), func(i int) bool { return off[i].e > s })
	for ; k < len(off) && off[k].s < e; k++ {
		if off[k].s > s {
			dst = append(dst, span{s, off[k].s})
		}
		s = max(s, off[k].e)
	}
	if s < e {
		dst = append(dst, span{s, e})
	}
	return dst
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
