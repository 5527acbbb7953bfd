package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/labour"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// The cell editor: one post on one day, with the forms that change its
// shifts. Assigning and reassigning take two clicks: the first shows what the
// change would break (POST /roster/check), the second saves it.

// rosterCellState is what a form sent, to show the editor again with it.
type rosterCellState struct {
	Start, End time.Time // the assign form's times (zero: prefilled)
	Pick       int64     // the guard to preselect in the assign form (0: the best suggestion)
	PickOpen   bool      // preselect "open" in the assign form
	Note       string
	Check      *rosterCheckView
	Error      string
	ErrorField string
	Focus      int64 // the shift whose form failed
}

// rosterOption is one choice of a guard <select>.
type rosterOption struct {
	ID       int64
	Label    string
	Selected bool
}

// rosterSuggestView is one of the best guards for the assign form's times.
type rosterSuggestView struct {
	labour.Suggestion
	ScoreText string
	Reasons   string
	Selected  bool
}

// rosterCellShift is a shift touching the day, with its forms' choices.
type rosterCellShift struct {
	*scheduler.Shift
	GuardName  string
	Span       string
	Cancelled  bool
	Open       bool
	Violations []string
	Options    []rosterOption // who can take it, best first
	Others     []rosterOption // allowed at the post but busy or away
	Swaps      []rosterOption // shifts of the post within ±7 days to swap with
}

// rosterCheckView is the preview of a change: what it breaks, and the form that saves it.
type rosterCheckView struct {
	Action     string // assign or reassign
	URL        string // where the save form posts
	ShiftID    int64
	Version    int
	Date       string
	Start, End string // datetime-local (assign)
	Span       string
	Guard      string // the guard field: an id, or "open"
	GuardName  string // "" for open
	FromName   string // reassign: the guard it had ("" for open)
	FromGuard  *int64 // reassign: the guard it had (nil for open)
	Note       string
	Violations []string
	Blocking   []string
	Problem    string // why it cannot be saved at all
}

// rosterGapView is a gap of the day, whole (it may begin or end on another day).
type rosterGapView struct {
	coverage.Interval
	Span string
}

// rosterCellData is the cell editor's data.
type rosterCellData struct {
	Post              *scheduler.Post
	Day               rosterDay
	Date              string
	Self              string
	PrevURL, NextURL  string
	MonthURL, WeekURL string
	Need              []string
	Reqs              []string
	Shifts            []rosterCellShift
	Gaps              []rosterGapView
	Start, End        string // the assign form's times, datetime-local
	SlotSpan          string
	Note              string
	Options, Others   []rosterOption
	PickOpen          bool
	Suggest           []rosterSuggestView
	Check             *rosterCheckView
	Error, ErrorField string
	ErrorShift        int64
	Accepted          []string
	AcceptedMore      int
}

// rosterShiftSpan: "T5 03/12 07:00 – 15:00" or "T5 03/12 07:00 – 04/12 07:00".
func rosterShiftSpan(l string, a, b time.Time, loc *time.Location) string {
	s := fmtWeekday(l, a, loc, true) + " "
	if a.In(loc).Format("20060102") == b.In(loc).Format("20060102") {
		s += a.In(loc).Format("02/01") + " "
	}
	return s + fmtSpan(a, b, loc)
}

func rosterDTLocal(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02T15:04")
}

// rosterBreachLine is a breach as one line: rule, message, article.
func rosterBreachLine(l string, v scheduler.Violation) string {
	s := rosterRuleTitle(l, v.Rule) + ": " + rosterViolationText(l, v)
	if v.Article != "" {
		s += " (" + lawArticle(l, v.Article) + ")"
	}
	return s
}

func rosterScore(l string, f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if l != "en" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

func rosterSuggestionLabel(l string, s labour.Suggestion) string {
	reasons := s.ReasonsVI
	if l == "en" {
		reasons = s.Reasons
	}
	return tr(l, "roster.option", s.Name, rosterScore(l, s.Score), strings.Join(reasons, "; "))
}

// rosterGuardOptions orders the guards allowed at a post by the suggestions, leaving
// out except (the current guard); those not suggested (busy or away) come apart.
func rosterGuardOptions(l string, sugg []labour.Suggestion, allowed []*scheduler.Guard, except, selected int64) (opts, others []rosterOption) {
	seen := map[int64]bool{except: true}
	for _, s := range sugg {
		if seen[s.GuardID] {
			continue
		}
		seen[s.GuardID] = true
		opts = append(opts, rosterOption{ID: s.GuardID, Label: rosterSuggestionLabel(l, s), Selected: s.GuardID == selected})
	}
	for _, g := range allowed {
		if seen[g.ID] || !g.Active {
			continue
		}
		seen[g.ID] = true
		others = append(others, rosterOption{ID: g.ID, Label: tr(l, "roster.busy_option", g.Name), Selected: g.ID == selected})
	}
	return opts, others
}

// rosterDefaultSlot is where a new shift of the day goes: the first gap, else the
// post's requirement for the day, else 07:00–15:00.
func rosterDefaultSlot(post *scheduler.Post, gaps []rosterGapView, day time.Time, loc *time.Location) (time.Time, time.Time) {
	if len(gaps) > 0 {
		a, b := gaps[0].Start, gaps[0].End
		if b.Sub(a) > scheduler.MaxShiftLength {
			b = a.Add(scheduler.MaxShiftLength)
		}
		return a, b
	}
	y, m, d := day.In(loc).Date()
	wd := scheduler.ISOWeekday(day.In(loc))
	for _, r := range post.Requirements {
		if !r.OnDay(wd) {
			continue
		}
		sm, em := r.StartMinute(), r.EndMinute()
		a := time.Date(y, m, d, 0, sm, 0, 0, loc)
		switch {
		case em == sm:
			return a, time.Date(y, m, d+1, 0, sm, 0, 0, loc)
		case em < sm:
			return a, time.Date(y, m, d+1, 0, em, 0, 0, loc)
		default:
			return a, time.Date(y, m, d, 0, em, 0, 0, loc)
		}
	}
	return time.Date(y, m, d, 7, 0, 0, 0, loc), time.Date(y, m, d, 15, 0, 0, 0, loc)
}

// rosterRequirementText describes a requirement: "T2, T3: 07:00–17:00, 1 người".
func rosterRequirementText(l string, r scheduler.Requirement) string {
	var days []string
	if len(r.Days) == 7 {
		days = []string{tr(l, "roster.every_day")}
	} else {
		for _, d := range r.Days {
			// 2026-11-30 is a Monday.
			days = append(days, fmtWeekday(l, time.Date(2026, 11, 29+d, 12, 0, 0, 0, time.UTC), time.UTC, true))
		}
	}
	hours := r.Start + "–" + r.End
	if r.Start == r.End {
		hours = tr(l, "roster.all_day", r.Start)
	}
	return tr(l, "roster.requirement", strings.Join(days, ", "), hours, r.Headcount)
}

// rosterMakeDay describes the day starting at d.
func (w *Web) rosterMakeDay(ctx context.Context, l string, d time.Time) (rosterDay, error) {
	loc := w.Store.Location()
	end := rosterNextDay(d, loc)
	day := rosterDay{Start: d, End: end, YMD: d.In(loc).Format(scheduler.DateLayout), Num: d.In(loc).Format("02"),
		Weekday: fmtWeekday(l, d, loc, true), Long: fmtDate(l, d, loc), Weekend: scheduler.ISOWeekday(d.In(loc)) >= 6,
		Today: d.Equal(scheduler.DayStart(w.Now(), loc))}
	hols, err := w.rosterHolidays(ctx, d, end)
	if err != nil {
		return day, err
	}
	if h, ok := hols[day.YMD]; ok {
		day.Holiday, day.HolidayVI = h.Name, h.Name
		if l == "en" && h.NameEN != "" {
			day.Holiday = h.NameEN
		}
	}
	return day, nil
}

// GET /roster/cell?post=ID&date=YYYY-MM-DD[&start=&end=&pick=] — the editor of a post on a day.
func (w *Web) rosterCell(c echo.Context) error {
	loc := w.Store.Location()
	postID, err := formID(c.QueryParam("post"))
	if err != nil {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_post")
	}
	day, ok := rosterParseDay(c.QueryParam("date"), w.Now(), loc)
	if !ok {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_date")
	}
	var st rosterCellState
	if a, err := formTime(c.QueryParam("start"), loc); err == nil {
		if b, err := formTime(c.QueryParam("end"), loc); err == nil && b.After(a) {
			st.Start, st.End = a, b
		}
	}
	if p := c.QueryParam("pick"); p == "open" {
		st.PickOpen = true
	} else if id, err := formID(p); err == nil {
		st.Pick = id
	}
	return w.rosterEditor(c, http.StatusOK, postID, day, st)
}

// rosterEditor shows the editor of post postID on the day starting at day:
// what the post needs, its gaps, the assign form with the best guards, and
// the shifts of the day with their forms (for those who may change them).
func (w *Web) rosterEditor(c echo.Context, status int, postID int64, day time.Time, st rosterCellState) error {
	ctx := c.Request().Context()
	loc := w.Store.Location()
	l := lang(c)
	post, err := w.Store.FindPostByID(ctx, postID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	dayEnd := rosterNextDay(day, loc)
	dd, err := w.rosterMakeDay(ctx, l, day)
	if err != nil {
		return err
	}
	d := rosterCellData{Post: post, Day: dd, Date: dd.YMD, Self: rosterCellURL(post.ID, day, loc),
		PrevURL: rosterCellURL(post.ID, rosterAddDays(day, -1, loc), loc), NextURL: rosterCellURL(post.ID, dayEnd, loc),
		MonthURL: "/roster?month=" + day.In(loc).Format("2006-01"), WeekURL: "/roster/week?date=" + dd.YMD,
		Note: st.Note, PickOpen: st.PickOpen, Check: st.Check, Error: st.Error, ErrorField: st.ErrorField, ErrorShift: st.Focus}
	if c.Request().Method == http.MethodGet {
		d.Accepted, d.AcceptedMore = rosterReadAccepted(c)
	}
	cell := rosterCellCtx{c: c, l: l, loc: loc, post: post, day: day, dayEnd: dayEnd, now: w.Now()}
	for _, load := range []func(rosterCellCtx, *rosterCellData, rosterCellState) error{
		w.rosterCellNeeds, w.rosterCellGaps, w.rosterCellAssign, w.rosterCellShifts,
	} {
		if err := load(cell, &d, st); err != nil {
			return err
		}
	}
	return w.render(c, status, "roster_cell", d)
}

// rosterCellCtx is what the editor's loaders share.
type rosterCellCtx struct {
	c           echo.Context
	l           string
	loc         *time.Location
	post        *scheduler.Post
	day, dayEnd time.Time
	now         time.Time
}

func (x rosterCellCtx) ctx() context.Context { return x.c.Request().Context() }

// rosterCellNeeds: the post's requirements, and what it needs that day (events included).
func (w *Web) rosterCellNeeds(x rosterCellCtx, d *rosterCellData, _ rosterCellState) error {
	for _, r := range x.post.Requirements {
		d.Reqs = append(d.Reqs, rosterRequirementText(x.l, r))
	}
	events, err := w.Store.FindEvents(x.ctx(), scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &x.day, To: &x.dayEnd})
	if err != nil {
		return err
	}
	for _, seg := range coverage.Required(x.post, events, x.day, x.dayEnd, x.loc) {
		if seg.Headcount > 0 {
			d.Need = append(d.Need, tr(x.l, "roster.need_line",
				rosterClock(seg.Start, x.dayEnd, x.loc)+"–"+rosterClock(seg.End, x.dayEnd, x.loc), seg.Headcount))
		}
	}
	return nil
}

// rosterCellGaps: the gaps overlapping the day, whole (a day either side is looked at).
func (w *Web) rosterCellGaps(x rosterCellCtx, d *rosterCellData, _ rosterCellState) error {
	postRef := x.post.ID
	cov, err := report.Coverage(x.ctx(), w.Store, rosterAddDays(x.day, -1, x.loc), rosterAddDays(x.day, 2, x.loc), &postRef)
	if err != nil {
		return err
	}
	for _, pc := range cov.Posts {
		for _, g := range pc.Gaps {
			if scheduler.Overlaps(g.Start, g.End, x.day, x.dayEnd) {
				d.Gaps = append(d.Gaps, rosterGapView{Interval: g, Span: fmtSpan(g.Start, g.End, x.loc)})
			}
		}
	}
	return nil
}

// rosterCellAssign: the assign form's times, and the guards best suited for them.
func (w *Web) rosterCellAssign(x rosterCellCtx, d *rosterCellData, st rosterCellState) error {
	start, end := st.Start, st.End
	if start.IsZero() || end.IsZero() {
		start, end = rosterDefaultSlot(x.post, d.Gaps, x.day, x.loc)
	}
	d.Start, d.End, d.SlotSpan = rosterDTLocal(start, x.loc), rosterDTLocal(end, x.loc), fmtSpan(start, end, x.loc)
	allowed, err := w.rosterAllowed(x)
	if err != nil {
		return err
	}
	sugg, err := report.Suggestions(x.ctx(), w.Store, x.post.ID, start, end, x.now)
	if err != nil {
		return err
	}
	pick := st.Pick
	if pick == 0 && !st.PickOpen && len(sugg) > 0 {
		pick = sugg[0].GuardID
	}
	d.Options, d.Others = rosterGuardOptions(x.l, sugg, allowed, 0, pick)
	for i, sg := range sugg {
		if i == 5 {
			break
		}
		reasons := sg.ReasonsVI
		if x.l == "en" {
			reasons = sg.Reasons
		}
		d.Suggest = append(d.Suggest, rosterSuggestView{Suggestion: sg, ScoreText: rosterScore(x.l, sg.Score),
			Reasons: strings.Join(reasons, "; "), Selected: sg.GuardID == pick && !st.PickOpen})
	}
	return nil
}

// rosterAllowed lists the active guards allowed at the post.
func (w *Web) rosterAllowed(x rosterCellCtx) ([]*scheduler.Guard, error) {
	active, postRef := true, x.post.ID
	return w.Store.FindGuards(x.ctx(), scheduler.GuardFilter{PostID: &postRef, Active: &active})
}

// rosterCellShifts: the shifts touching the day with their breaches, and for
// those who may change the roster the choices of their forms.
func (w *Web) rosterCellShifts(x rosterCellCtx, d *rosterCellData, _ rosterCellState) error {
	ctx := x.ctx()
	postRef := x.post.ID
	shifts, err := w.Store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &postRef, From: &x.day, To: &x.dayEnd})
	if err != nil {
		return err
	}
	gn, err := w.guardNames(x.c)
	if err != nil {
		return err
	}
	vs, err := report.Violations(ctx, w.Store, x.day, x.dayEnd, nil)
	if err != nil {
		return err
	}
	byShift := map[int64][]string{}
	for _, v := range vs {
		for _, id := range v.ShiftIDs {
			byShift[id] = append(byShift[id], rosterBreachLine(x.l, v))
		}
	}
	manager := may(x.c, scheduler.ActionRosterWrite)
	var pool []*scheduler.Shift
	var allowed []*scheduler.Guard
	if manager {
		pf, pt := rosterAddDays(x.day, -8, x.loc), rosterAddDays(x.day, 9, x.loc)
		if pool, err = w.Store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &postRef, Status: scheduler.ShiftScheduled, From: &pf, To: &pt}); err != nil {
			return err
		}
		if allowed, err = w.rosterAllowed(x); err != nil {
			return err
		}
	}
	for _, sh := range shifts {
		cs := rosterCellShift{Shift: sh, GuardName: gn.name(sh.GuardID), Span: fmtSpan(sh.Start, sh.End, x.loc),
			Cancelled: sh.Status == scheduler.ShiftCancelled, Open: sh.GuardID == nil, Violations: byShift[sh.ID]}
		if manager && !cs.Cancelled {
			if err := w.rosterShiftForms(x, &cs, allowed, pool, gn); err != nil {
				return err
			}
		}
		d.Shifts = append(d.Shifts, cs)
	}
	return nil
}

// rosterShiftForms fills a shift's form choices: who can take it, best
// first, and the shifts of the post within ±7 days to swap with.
func (w *Web) rosterShiftForms(x rosterCellCtx, cs *rosterCellShift, allowed []*scheduler.Guard, pool []*scheduler.Shift, gn names) error {
	sh := cs.Shift
	ss, err := report.Suggestions(x.ctx(), w.Store, x.post.ID, sh.Start, sh.End, x.now)
	if err != nil {
		return err
	}
	var cur int64
	if sh.GuardID != nil {
		cur = *sh.GuardID
	}
	cs.Options, cs.Others = rosterGuardOptions(x.l, ss, allowed, cur, 0)
	if len(cs.Options) > 0 {
		cs.Options[0].Selected = true
	}
	for _, o := range pool {
		if o.ID == sh.ID || (o.GuardID == nil && sh.GuardID == nil) ||
			o.Start.Before(sh.Start.Add(-7*24*time.Hour)) || o.Start.After(sh.Start.Add(7*24*time.Hour)) {
			continue
		}
		who := gn.name(o.GuardID)
		if who == "" {
			who = tr(x.l, "common.open")
		}
		cs.Swaps = append(cs.Swaps, rosterOption{ID: o.ID, Label: rosterShiftSpan(x.l, o.Start, o.End, x.loc) + " — " + who})
	}
	return nil
}
