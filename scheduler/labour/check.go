package labour

import (
	"cmp"
	"math"
	"slices"
	"time"

	"catruc/scheduler"
)

// Input is what Check judges.
type Input struct {
	// Rules must be valid (see Rules.Validate).
	Rules Rules
	// Loc is the office zone in which days, weeks, months and years are
	// read; nil means UTC.
	Loc *time.Location
	// From and To bound the periods reported: a day, week, month, year,
	// stretch of duty or rest is reported if it overlaps [From, To). A zero
	// From or To leaves that side open.
	From, To time.Time
	// Guards are the guards to check, and give their names and units. Shifts
	// of guards not listed are ignored; officers of unit "police" are
	// skipped unless Rules.CheckPolice.
	Guards []*scheduler.Guard
	// Shifts should cover LoadWindow(From, To, Loc) so that the totals of the
	// weeks, months and years reported are complete. Only shifts with status
	// "scheduled" and a guard count; cancelled and open shifts are ignored.
	// Their Absences (approved time off) are not working time.
	Shifts []*scheduler.Shift
}

// Violation is a breach of a labour rule; the type lives in scheduler so
// that the store and the API can carry it.
type Violation = scheduler.Violation

// Check returns every violation of the rules by the guards of in, over the
// periods overlapping [From, To), sorted by start, then guard id, then rule
// name. The result is never nil.
//
// Hours are elapsed time, and only the hours actually worked count: the parts
// of a shift in its Absences (the guard is on approved time off) are not
// duty, so a guard away on training for a week breaks nothing with the shifts
// inside it, and a 24 h shift left at 18:00 after starting at 07:00 is 11 h.
// The pause where a guard leaves a shift for a while and comes back is not a
// rest between shifts. A guard's shifts that touch or overlap form one
// stretch of continuous duty (hours are counted once where shifts overlap).
// The rules:
//
//   - shift_length (Labor Code 2019, Arts. 105, 107: normal plus overtime
//     work at most 12 h a day): a stretch of continuous duty longer than
//     MaxShiftHours. One violation per stretch, whose value is the length of
//     the whole stretch and whose shift_ids are all its shifts — for a lone
//     shift, the shift itself. Back-to-back shifts are thus reported once, as
//     the stretch, whether or not a piece is too long by itself; the pieces
//     are never reported as well.
//   - daily_hours (Art. 107): the hours worked in a calendar day of Loc
//     (shifts cut at midnight) above MaxDailyHours. One per guard and day;
//     shift_ids are the shifts touching the day.
//   - rest_between_shifts (Art. 110): the rest between the end of one
//     stretch and the start of the guard's next stretch shorter than
//     MinRestHours. The period is the rest itself; shift_ids are the shift
//     before and the shift after it. A rest is reported if it ends in or
//     starts in [From, To), including a rest ending exactly at From (the shift
//     after it lies in the window).
//   - weekly_hours (Art. 105): the hours of an ISO week of Loc (Monday 00:00
//     to the next Monday 00:00) above MaxWeeklyHours.
//   - weekly_rest (Art. 111): the longest time off duty inside an ISO week
//     shorter than MinWeeklyRestHours. Duty is clipped to the week, and the
//     time from Monday 00:00 to the first duty and from the last duty to the
//     next Monday counts as rest. Weeks without duty are not checked. (The
//     article's fallback of 4 rest days a month on average, for cycles that
//     prevent a weekly rest, is not applied.)
//   - overtime_month, overtime_year (Art. 107): the duty of each ISO week is
//     walked in time order; what comes after its first MaxWeeklyHours is
//     overtime, attributed minute by minute to the calendar month and year of
//     Loc in which it falls. A month's overtime above MaxOvertimeMonthHours,
//     or a year's above MaxOvertimeYearHours, is a violation; shift_ids are
//     the shifts that hold overtime of that month or year.
func Check(in Input) []Violation {
	c := newChecker(in.Rules, in.Loc, in.From, in.To)
	guards := map[int64]*scheduler.Guard{}
	for _, g := range in.Guards {
		if g != nil && c.checks(g) {
			guards[g.ID] = g
		}
	}
	byGuard := map[int64][]*scheduler.Shift{}
	for _, s := range in.Shifts {
		if counts(s) && guards[*s.GuardID] != nil {
			byGuard[*s.GuardID] = append(byGuard[*s.GuardID], s)
		}
	}
	out := []Violation{}
	for id, shifts := range byGuard {
		out = append(out, c.guard(guards[id], buildSegs(worked(shifts)))...)
	}
	sortViolations(out)
	return out
}

// CheckShift returns the violations that saving candidate would cause for
// its guard: those that Check finds with the candidate and did not find
// without it, plus those it makes worse (the same rule over the same period
// with a worse value). A candidate whose ID is not zero and matches a shift
// of in.Shifts replaces that shift; ID zero is a new shift. A candidate with
// no guard, cancelled, or of a guard that is not in in.Guards or is skipped
// (police) causes nothing. in.From and in.To are ignored: every period the
// candidate touches is judged, using in.Shifts as the record. The result is
// never nil.
func CheckShift(in Input, candidate *scheduler.Shift) []Violation {
	if candidate == nil || candidate.GuardID == nil {
		return []Violation{}
	}
	var g *scheduler.Guard
	for _, x := range in.Guards {
		if x != nil && x.ID == *candidate.GuardID {
			g = x
			break
		}
	}
	c := newChecker(in.Rules, in.Loc, time.Time{}, time.Time{})
	if g == nil || !c.checks(g) {
		return []Violation{}
	}
	var mine []*scheduler.Shift
	for _, s := range in.Shifts {
		if counts(s) && *s.GuardID == g.ID {
			mine = append(mine, s)
		}
	}
	return c.candidate(g, mine, candidate)
}

// candidate is CheckShift for the shifts mine of guard g.
func (c *checker) candidate(g *scheduler.Guard, mine []*scheduler.Shift, cand *scheduler.Shift) []Violation {
	// An empty status is "scheduled", as Shift.Validate would make it.
	if cand.Status != "" && cand.Status != scheduler.ShiftScheduled || !cand.End.After(cand.Start) {
		return []Violation{}
	}
	with := make([]*scheduler.Shift, 0, len(mine)+1)
	for _, s := range mine {
		if cand.ID == 0 || s.ID != cand.ID {
			with = append(with, s)
		}
	}
	with = append(with, cand)

	type key struct {
		rule       string
		start, end int64
	}
	before := map[key]float64{}
	for _, v := range c.guard(g, buildSegs(worked(mine))) {
		before[key{v.Rule, v.Start.UnixNano(), v.End.UnixNano()}] = v.Value
	}
	out := []Violation{}
	for _, v := range c.guard(g, buildSegs(worked(with))) {
		was, ok := before[key{v.Rule, v.Start.UnixNano(), v.End.UnixNano()}]
		if ok && !worse(v.Rule, v.Value, was) {
			continue
		}
		out = append(out, v)
	}
	sortViolations(out)
	return out
}

// worse reports whether value breaks rule further than was.
func worse(rule string, value, was float64) bool {
	const eps = 1e-9
	if rule == RuleRestBetweenShifts || rule == RuleWeeklyRest {
		return value < was-eps
	}
	return value > was+eps
}

// counts reports whether a shift is duty: scheduled, held by a guard, not empty.
func counts(s *scheduler.Shift) bool {
	return s != nil && s.GuardID != nil && s.Status == scheduler.ShiftScheduled && s.End.After(s.Start)
}

// worked returns the stretches of shifts their guard actually works, each as
// a shift with the id of the shift it is part of: a shift without absences
// is itself, one its guard is away for wholly is nothing, and one its guard
// leaves for a while in the middle is two pieces. The hours a guard is away
// on approved time off are not working time. The result is a new slice.
func worked(shifts []*scheduler.Shift) []*scheduler.Shift {
	out := make([]*scheduler.Shift, 0, len(shifts))
	for _, s := range shifts {
		if len(s.Absences) == 0 {
			out = append(out, s)
			continue
		}
		for _, w := range s.Worked() {
			piece := *s
			piece.Start, piece.End, piece.Absences = w.Start, w.End, nil
			out = append(out, &piece)
		}
	}
	return out
}

// seg is the part of one shift not already covered by the guard's earlier
// shifts; a guard's segs are disjoint and in time order.
type seg struct {
	start, end time.Time
	id         int64
	first      bool // starts a stretch of continuous duty
}

// buildSegs sorts shifts (in place) and turns them into segs.
func buildSegs(shifts []*scheduler.Shift) []seg {
	slices.SortFunc(shifts, func(a, b *scheduler.Shift) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := a.End.Compare(b.End); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	segs := make([]seg, 0, len(shifts))
	var end time.Time
	for i, s := range shifts {
		sg := seg{start: s.Start, end: s.End, id: s.ID, first: i == 0 || s.Start.After(end)}
		if !sg.first && sg.start.Before(end) {
			sg.start = end // overlap: count the hours once
		}
		if sg.end.Before(sg.start) {
			sg.end = sg.start // wholly inside an earlier shift
		}
		segs = append(segs, sg)
		if sg.end.After(end) {
			end = sg.end
		}
	}
	return segs
}

// checker holds the limits of one Check as durations.
type checker struct {
	rules    Rules
	loc      *time.Location
	from, to time.Time // zero: open

	maxShift, maxDaily, minRest, maxWeekly, minWeeklyRest, maxOTMonth, maxOTYear time.Duration
}

func newChecker(r Rules, loc *time.Location, from, to time.Time) *checker {
	if loc == nil {
		loc = time.UTC
	}
	return &checker{
		rules: r, loc: loc, from: from, to: to,
		maxShift:      hoursDur(r.MaxShiftHours),
		maxDaily:      hoursDur(r.MaxDailyHours),
		minRest:       hoursDur(r.MinRestHours),
		maxWeekly:     hoursDur(r.MaxWeeklyHours),
		minWeeklyRest: hoursDur(r.MinWeeklyRestHours),
		maxOTMonth:    hoursDur(r.MaxOvertimeMonthHours),
		maxOTYear:     hoursDur(r.MaxOvertimeYearHours),
	}
}

func hoursDur(h float64) time.Duration { return time.Duration(math.Round(h * float64(time.Hour))) }

func durHours(d time.Duration) float64 { return float64(d) / float64(time.Hour) }

// checks reports whether g's hours are the office's to check.
func (c *checker) checks(g *scheduler.Guard) bool {
	return g.Unit != scheduler.UnitPolice || c.rules.CheckPolice
}

// overlaps reports whether [s, e) overlaps the window.
func (c *checker) overlaps(s, e time.Time) bool {
	return (c.to.IsZero() || s.Before(c.to)) && (c.from.IsZero() || e.After(c.from))
}

// tally sums the duty of one guard in one period.
type tally struct {
	start, end  time.Time
	dur         time.Duration
	first, last int // the segs that fall in the period: segs[first..last]
	// weeks only:
	lastEnd time.Time     // the end of the latest duty seen
	maxGap  time.Duration // the longest rest seen so far
}

// otTally sums the overtime of one guard in one month or year.
type otTally struct {
	start, end time.Time
	dur        time.Duration
	ids        []int64
}

// found gathers the violations of one guard.
type found struct {
	c   *checker
	g   *scheduler.Guard
	out []Violation
}

func (f *found) add(rule string, ids []int64, value, limit time.Duration, start, end time.Time) {
	f.out = append(f.out, f.c.violation(f.g, rule, ids, value, limit, start, end))
}

// guard returns the violations of one guard, whose segs are given.
func (c *checker) guard(g *scheduler.Guard, segs []seg) []Violation {
	if len(segs) == 0 {
		return nil
	}
	f := &found{c: c, g: g}
	c.stretches(f, segs)
	c.days(f, segs)
	c.weeks(f, segs)
	return f.out
}

// stretches judges the stretches of continuous duty and the rests between
// them. The pause inside one shift, where its guard is away for a while, is
// not a rest between shifts.
func (c *checker) stretches(f *found, segs []seg) {
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && !segs[j].first {
			j++
		}
		st, en := segs[i].start, segs[j-1].end
		if l := en.Sub(st); l > c.maxShift && c.overlaps(st, en) {
			f.add(RuleShiftLength, segIDs(segs[i:j]), l, c.maxShift, st, en)
		}
		if i > 0 && segs[i-1].id != segs[i].id {
			prev := segs[i-1].end
			rest := st.Sub(prev)
			inWindow := (c.to.IsZero() || prev.Before(c.to)) && (c.from.IsZero() || !st.Before(c.from))
			if rest < c.minRest && inWindow {
				f.add(RuleRestBetweenShifts, []int64{segs[i-1].id, segs[i].id}, rest, c.minRest, prev, st)
			}
		}
		i = j
	}
}

// days judges the hours of each calendar day.
func (c *checker) days(f *found, segs []seg) {
	days := splitter{loc: c.loc, period: dayOf}
	var day tally
	open := false
	flush := func() {
		if day.dur > c.maxDaily && c.overlaps(day.start, day.end) {
			f.add(RuleDailyHours, segIDs(segs[day.first:day.last+1]), day.dur, c.maxDaily, day.start, day.end)
		}
	}
	for i, s := range segs {
		days.split(s.start, s.end, func(ps, pe, a, b time.Time) {
			if !open || !ps.Equal(day.start) {
				if open {
					flush()
				}
				day, open = tally{start: ps, end: pe, first: i}, true
			}
			day.dur += b.Sub(a)
			day.last = i
		})
	}
	flush()
}

// overtime sums the overtime of one guard by month and by year.
type overtime struct {
	months, years   splitter
	inMonth, inYear []otTally
}

func (o *overtime) add(a, b time.Time, id int64) {
	for _, x := range []struct {
		sp   *splitter
		list *[]otTally
	}{{&o.months, &o.inMonth}, {&o.years, &o.inYear}} {
		x.sp.split(a, b, func(ps, pe, p, q time.Time) {
			n := len(*x.list)
			if n == 0 || !(*x.list)[n-1].start.Equal(ps) {
				*x.list = append(*x.list, otTally{start: ps, end: pe})
				n++
			}
			t := &(*x.list)[n-1]
			t.dur += q.Sub(p)
			if k := len(t.ids); k == 0 || t.ids[k-1] != id {
				t.ids = append(t.ids, id)
			}
		})
	}
}

// weeks judges the hours and the rest of each ISO week, and the overtime
// they make in each month and year.
func (c *checker) weeks(f *found, segs []seg) {
	weeks := splitter{loc: c.loc, period: weekOf}
	ot := overtime{months: splitter{loc: c.loc, period: monthOf}, years: splitter{loc: c.loc, period: yearOf}}
	var week tally
	open := false
	flush := func() {
		if !c.overlaps(week.start, week.end) {
			return
		}
		ids := segIDs(segs[week.first : week.last+1])
		if week.dur > c.maxWeekly {
			f.add(RuleWeeklyHours, ids, week.dur, c.maxWeekly, week.start, week.end)
		}
		gap := max(week.maxGap, week.end.Sub(week.lastEnd))
		if gap < c.minWeeklyRest {
			f.add(RuleWeeklyRest, ids, gap, c.minWeeklyRest, week.start, week.end)
		}
	}
	for i, s := range segs {
		weeks.split(s.start, s.end, func(ps, pe, a, b time.Time) {
			if !open || !ps.Equal(week.start) {
				if open {
					flush()
				}
				week, open = tally{start: ps, end: pe, first: i, lastEnd: ps}, true
			}
			week.maxGap = max(week.maxGap, a.Sub(week.lastEnd))
			week.lastEnd = b
			before := week.dur
			week.dur += b.Sub(a)
			week.last = i
			if week.dur > c.maxWeekly {
				from := a
				if before < c.maxWeekly {
					from = a.Add(c.maxWeekly - before)
				}
				ot.add(from, b, s.id)
			}
		})
	}
	flush()
	for _, t := range ot.inMonth {
		if t.dur > c.maxOTMonth && c.overlaps(t.start, t.end) {
			f.add(RuleOvertimeMonth, t.ids, t.dur, c.maxOTMonth, t.start, t.end)
		}
	}
	for _, t := range ot.inYear {
		if t.dur > c.maxOTYear && c.overlaps(t.start, t.end) {
			f.add(RuleOvertimeYear, t.ids, t.dur, c.maxOTYear, t.start, t.end)
		}
	}
}

// segIDs returns the shift ids of segs, each once, in order.
func segIDs(segs []seg) []int64 {
	ids := make([]int64, 0, len(segs))
	for _, s := range segs {
		if n := len(ids); n == 0 || ids[n-1] != s.id {
			ids = append(ids, s.id)
		}
	}
	return ids
}

var articles = map[string]string{
	RuleShiftLength:       "Labor Code 2019, Arts. 105, 107",
	RuleDailyHours:        "Labor Code 2019, Art. 107",
	RuleRestBetweenShifts: "Labor Code 2019, Art. 110",
	RuleWeeklyHours:       "Labor Code 2019, Art. 105",
	RuleWeeklyRest:        "Labor Code 2019, Art. 111",
	RuleOvertimeMonth:     "Labor Code 2019, Art. 107",
	RuleOvertimeYear:      "Labor Code 2019, Art. 107",
}

func (c *checker) violation(g *scheduler.Guard, rule string, ids []int64, value, limit time.Duration, start, end time.Time) Violation {
	v := Violation{
		Rule:     rule,
		GuardID:  g.ID,
		ShiftIDs: ids,
		Value:    durHours(value),
		Limit:    durHours(limit),
		Unit:     "hours",
		Article:  articles[rule],
		Start:    start.In(c.loc),
		End:      end.In(c.loc),
	}
	v.Message, v.MessageVI = describe(v, g)
	return v
}

func sortViolations(vs []Violation) {
	slices.SortFunc(vs, func(a, b Violation) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.GuardID, b.GuardID); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		if c := a.End.Compare(b.End); c != 0 {
			return c
		}
		return slices.Compare(a.ShiftIDs, b.ShiftIDs)
	})
}
