package labour

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"catruc/scheduler"
)

// SuggestInput asks who should hold post PostID over [Start, End).
type SuggestInput struct {
	Rules Rules          // must be valid (see Rules.Validate)
	Loc   *time.Location // the office zone; nil means UTC
	// PostID is the post; only guards allowed there (Guard.PostIDs) are candidates.
	PostID     int64
	Start, End time.Time
	// Now is the time of asking. The ranking does not depend on it, so that
	// asking twice gives the same answer; it is kept for callers and logs.
	Now    time.Time
	Guards []*scheduler.Guard
	// Shifts are the guards' shifts over LoadWindow(Start, End, Loc), so that
	// the labour rules and the week's and month's figures are judged whole.
	Shifts  []*scheduler.Shift
	TimeOff []*scheduler.TimeOff
}

// Suggestion is one candidate for a shift, best first.
type Suggestion struct {
	GuardID int64  `json:"guard_id"`
	Name    string `json:"name"`
	// Score is 0–100, higher is better: 50–100 for a guard who breaks no
	// rule by taking the shift (the more rested and less loaded, the
	// higher), below 25 for one who would break a rule.
	Score     float64  `json:"score"`
	Reasons   []string `json:"reasons"`    // English, with the figures
	ReasonsVI []string `json:"reasons_vi"` // the same in Vietnamese
	// Violations are those that taking the shift would cause (see CheckShift).
	Violations []Violation `json:"violations"`
}

// Weights of the fairness figures of a guard who breaks no rule; they sum to 1.
const (
	weightRest   = 0.40 // rest since the last shift ended, up to restFull
	weightWeek   = 0.25 // hours already in the ISO week of the shift
	weightMonth  = 0.20 // hours already in the month of the shift
	weightNights = 0.15 // night shifts already in the month of the shift

	restFull   = 48 * time.Hour // more rest than this counts the same
	nightsFull = 15             // nights in a month counted as a full load (every other night)
)

// NightMinOverlap is how much of a shift must fall in the night
// (Rules.NightStart–NightEnd, Art. 106) for Suggest to count it as a night shift.
const NightMinOverlap = time.Hour

// Suggest ranks the guards who could hold post PostID over [Start, End).
//
// Candidates are the active guards allowed at the post. Left out entirely
// are those with time off overlapping [Start, End) and those working a
// scheduled shift that overlaps it. The rest are ranked: first those for
// whom taking the shift breaks no labour rule, then by fewer and lesser
// violations (each violation weighs 1–2 by how far it exceeds its limit,
// three times as much if its rule is enforced as a block); among equals,
// fairness decides — more rest since the guard's last shift ended, fewer
// hours in the ISO week and in the month of the shift, fewer night shifts
// in that month — and then the lower guard id. Hours and nights are those
// actually worked: the absences of the shifts (approved time off) do not
// count. Officers of unit "police" are not checked against the rules unless
// Rules.CheckPolice. The result is never nil.
func Suggest(in SuggestInput) []Suggestion {
	out := []Suggestion{}
	if !in.End.After(in.Start) {
		return out
	}
	r := newRanker(in)
	var list []ranked
	seen := map[int64]bool{}
	for _, g := range in.Guards {
		if g == nil || seen[g.ID] || !g.Active || !g.MayHold(in.PostID) || r.away[g.ID] {
			continue
		}
		seen[g.ID] = true
		if x, ok := r.rank(g); ok {
			list = append(list, x)
		}
	}
	slices.SortFunc(list, func(a, b ranked) int {
		if c := cmp.Compare(a.bad, b.bad); c != 0 {
			return c
		}
		if c := cmp.Compare(b.fair, a.fair); c != 0 {
			return c
		}
		return cmp.Compare(a.GuardID, b.GuardID)
	})
	for _, x := range list {
		out = append(out, x.Suggestion)
	}
	return out
}

// ranked is a suggestion with what orders it.
type ranked struct {
	Suggestion
	bad, fair float64
}

// ranker holds what Suggest works out once for all candidates.
type ranker struct {
	in                   SuggestInput
	c                    *checker
	nightStart, nightEnd int // minutes after midnight
	byGuard              map[int64][]*scheduler.Shift
	away                 map[int64]bool
	weekStart, weekEnd   time.Time
	monthStart, monthEnd time.Time
}

func newRanker(in SuggestInput) *ranker {
	r := &ranker{in: in, c: newChecker(in.Rules, in.Loc, time.Time{}, time.Time{}),
		byGuard: map[int64][]*scheduler.Shift{}, away: map[int64]bool{}}
	var err1, err2 error
	r.nightStart, err1 = scheduler.ParseClock(in.Rules.NightStart)
	r.nightEnd, err2 = scheduler.ParseClock(in.Rules.NightEnd)
	if err1 != nil || err2 != nil || r.nightStart == r.nightEnd {
		r.nightStart, r.nightEnd = 22*60, 6*60
	}
	for _, s := range in.Shifts {
		if counts(s) {
			r.byGuard[*s.GuardID] = append(r.byGuard[*s.GuardID], s)
		}
	}
	for _, t := range in.TimeOff {
		if t != nil && scheduler.Overlaps(t.Start, t.End, in.Start, in.End) {
			r.away[t.GuardID] = true
		}
	}
	r.weekStart, r.weekEnd = weekOf(in.Start, r.c.loc)
	r.monthStart, r.monthEnd = monthOf(in.Start, r.c.loc)
	return r
}

// load is a guard's load as it stands, without the shift asked about.
type load struct {
	week, month float64       // hours worked in the ISO week and the month of the shift
	nights      int           // night shifts worked in that month
	rest        time.Duration // since the last duty ended; -1: none on record
}

// load works out g's load from its shifts mine, counting only what is worked.
func (r *ranker) load(mine []*scheduler.Shift) load {
	segs := buildSegs(worked(mine))
	l := load{week: durHours(dutyIn(segs, r.weekStart, r.weekEnd)),
		month: durHours(dutyIn(segs, r.monthStart, r.monthEnd)), rest: -1}
	for _, s := range mine {
		if s.Start.Before(r.monthStart) || !s.Start.Before(r.monthEnd) {
			continue
		}
		var night time.Duration
		for _, w := range s.Worked() {
			night += nightOverlap(w.Start, w.End, r.c.loc, r.nightStart, r.nightEnd)
		}
		if night >= NightMinOverlap {
			l.nights++
		}
	}
	for i := len(segs) - 1; i >= 0; i-- {
		if !segs[i].end.After(r.in.Start) {
			l.rest = r.in.Start.Sub(segs[i].end)
			break
		}
	}
	return l
}

// rank scores guard g, or reports false if g works during the shift asked about.
func (r *ranker) rank(g *scheduler.Guard) (ranked, bool) {
	in := r.in
	mine := r.byGuard[g.ID]
	if slices.ContainsFunc(mine, func(s *scheduler.Shift) bool { return s.WorkedIn(in.Start, in.End) }) {
		return ranked{}, false
	}
	checked := r.c.checks(g)
	vs := []Violation{}
	if checked {
		id := g.ID
		vs = r.c.candidate(g, mine, &scheduler.Shift{
			PostID: in.PostID, GuardID: &id, Start: in.Start, End: in.End, Status: scheduler.ShiftScheduled,
		})
	}
	l := r.load(mine)
	restScore := 1.0
	if l.rest >= 0 {
		restScore = math.Min(float64(l.rest)/float64(restFull), 1)
	}
	monthRef := in.Rules.MaxWeeklyHours * 52 / 12 // the most normal hours a month holds
	fair := weightRest*restScore +
		weightWeek*(1-ratio(l.week, in.Rules.MaxWeeklyHours)) +
		weightMonth*(1-ratio(l.month, monthRef)) +
		weightNights*(1-ratio(float64(l.nights), nightsFull))
	bad := 0.0
	for _, v := range vs {
		w := 1.0
		if in.Rules.Mode(v.Rule) == ModeBlock {
			w = 3
		}
		excess := 1.0
		if v.Limit > 0 {
			excess = math.Min(math.Abs(v.Value-v.Limit)/v.Limit, 1)
		}
		bad += w * (1 + excess)
	}
	score := 50 + 50*fair
	if bad > 0 {
		score = 49 / (1 + bad)
	}
	s := Suggestion{GuardID: g.ID, Name: g.Name, Score: math.Round(score*10) / 10, Violations: vs}
	s.Reasons, s.ReasonsVI = reasons(checked, vs, l, in.Rules)
	return ranked{Suggestion: s, bad: bad, fair: fair}, true
}

// reasons explains a suggestion in English and Vietnamese.
func reasons(checked bool, vs []Violation, l load, rules Rules) (en, vn []string) {
	reason := func(e, v string) {
		en = append(en, e)
		vn = append(vn, v)
	}
	switch {
	case !checked:
		reason("police officer: labour rules not checked", "cán bộ công an: không kiểm tra quy định lao động")
	case len(vs) == 0:
		reason("breaks no labour rule", "không vi phạm quy định lao động nào")
	default:
		e, v := brokenRules(vs, rules)
		reason("would break: "+e, "sẽ vi phạm: "+v)
	}
	if l.rest >= 0 {
		h := fmtRound(durHours(l.rest))
		reason(fmt.Sprintf("last shift ended %s h before", h), fmt.Sprintf("ca trước kết thúc %s giờ trước đó", vi(h)))
	} else {
		reason("no earlier shift on record", "chưa có ca trực nào trước đó")
	}
	reason(fmt.Sprintf("%s h this week", fmtRound(l.week)), fmt.Sprintf("%s giờ trong tuần này", vi(fmtRound(l.week))))
	reason(fmt.Sprintf("%s h this month", fmtRound(l.month)), fmt.Sprintf("%s giờ trong tháng này", vi(fmtRound(l.month))))
	if l.nights == 1 {
		reason("1 night this month", "1 ca đêm trong tháng này")
	} else {
		reason(fmt.Sprintf("%d nights this month", l.nights), fmt.Sprintf("%d ca đêm trong tháng này", l.nights))
	}
	return en, vn
}

// ratio is v/full capped to [0, 1].
func ratio(v, full float64) float64 {
	if full <= 0 {
		return 1
	}
	return math.Max(0, math.Min(v/full, 1))
}

// dutyIn sums the duty of segs inside [from, to).
func dutyIn(segs []seg, from, to time.Time) time.Duration {
	var d time.Duration
	for _, s := range segs {
		a, b := s.start, s.end
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		if b.After(a) {
			d += b.Sub(a)
		}
	}
	return d
}

// nightOverlap returns how much of [start, end) falls in the nights of loc,
// each night running from nightStart to nightEnd (minutes after midnight;
// nightEnd < nightStart crosses midnight).
func nightOverlap(start, end time.Time, loc *time.Location, nightStart, nightEnd int) time.Duration {
	var d time.Duration
	t := start.In(loc)
	y, m, day := t.Date()
	for day--; ; day++ { // from the night that began the day before
		ns := time.Date(y, m, day, 0, nightStart, 0, 0, loc)
		if !ns.Before(end) {
			return d
		}
		endDay := day
		if nightEnd < nightStart {
			endDay++
		}
		ne := time.Date(y, m, endDay, 0, nightEnd, 0, 0, loc)
		a, b := ns, ne
		if a.Before(start) {
			a = start
		}
		if b.After(end) {
			b = end
		}
		if b.After(a) {
			d += b.Sub(a)
		}
	}
}

// brokenRules lists the rules broken, in the order of RuleNames, marking
// those enforced as a block.
func brokenRules(vs []Violation, r Rules) (en, vn string) {
	var ens, vns []string
	for _, rule := range RuleNames {
		if !slices.ContainsFunc(vs, func(v Violation) bool { return v.Rule == rule }) {
			continue
		}
		t := ruleTitles[rule]
		if r.Mode(rule) == ModeBlock {
			t[0] += " (blocking)"
			t[1] += " (bị chặn)"
		}
		ens = append(ens, t[0])
		vns = append(vns, t[1])
	}
	return strings.Join(ens, ", "), strings.Join(vns, ", ")
}
