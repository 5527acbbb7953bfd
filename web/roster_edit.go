package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
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

// rosterArticle cites the law in lang.
func rosterArticle(l, a string) string {
	if l == "en" {
		return a
	}
	a = strings.Replace(a, "Labor Code 2019, Arts.", "Bộ luật Lao động 2019, Điều", 1)
	return strings.Replace(a, "Labor Code 2019, Art.", "Bộ luật Lao động 2019, Điều", 1)
}

// rosterBreachLine is a breach as one line: rule, message, article.
func rosterBreachLine(l string, v scheduler.Violation) string {
	s := rosterRuleTitle(l, v.Rule) + ": " + rosterViolationText(l, v)
	if v.Article != "" {
		s += " (" + rosterArticle(l, v.Article) + ")"
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

// rosterEditor shows the editor of post postID on the day starting at day.
func (w *Web) rosterEditor(c echo.Context, status int, postID int64, day time.Time, st rosterCellState) error {
	ctx := c.Request().Context()
	s := w.Store
	loc := s.Location()
	l := lang(c)
	now := w.Now()
	manager := sessionOf(c) != nil && (sessionOf(c).User.Role == scheduler.RoleAdmin || sessionOf(c).User.Role == scheduler.RoleManager)
	post, err := s.FindPostByID(ctx, postID)
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

	// What the post needs that day (events included).
	for _, r := range post.Requirements {
		d.Reqs = append(d.Reqs, rosterRequirementText(l, r))
	}
	events, err := s.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &day, To: &dayEnd})
	if err != nil {
		return err
	}
	for _, seg := range coverage.Required(post, events, day, dayEnd, loc) {
		if seg.Headcount > 0 {
			d.Need = append(d.Need, tr(l, "roster.need_line", rosterClock(seg.Start, dayEnd, loc)+"–"+rosterClock(seg.End, dayEnd, loc), seg.Headcount))
		}
	}

	// The gaps overlapping the day, whole: a day either side is looked at.
	postRef := post.ID
	cov, err := report.Coverage(ctx, s, rosterAddDays(day, -1, loc), rosterAddDays(day, 2, loc), &postRef)
	if err != nil {
		return err
	}
	for _, pc := range cov.Posts {
		for _, g := range pc.Gaps {
			if scheduler.Overlaps(g.Start, g.End, day, dayEnd) {
				d.Gaps = append(d.Gaps, rosterGapView{Interval: g, Span: fmtSpan(g.Start, g.End, loc)})
			}
		}
	}

	// The assign form: its times, and the guards best suited for them.
	start, end := st.Start, st.End
	if start.IsZero() || end.IsZero() {
		start, end = rosterDefaultSlot(post, d.Gaps, day, loc)
	}
	d.Start, d.End, d.SlotSpan = rosterDTLocal(start, loc), rosterDTLocal(end, loc), fmtSpan(start, end, loc)
	active := true
	allowed, err := s.FindGuards(ctx, scheduler.GuardFilter{PostID: &postRef, Active: &active})
	if err != nil {
		return err
	}
	sugg, err := report.Suggestions(ctx, s, post.ID, start, end, now)
	if err != nil {
		return err
	}
	pick := st.Pick
	if pick == 0 && !st.PickOpen && len(sugg) > 0 {
		pick = sugg[0].GuardID
	}
	d.Options, d.Others = rosterGuardOptions(l, sugg, allowed, 0, pick)
	for i, sg := range sugg {
		if i == 5 {
			break
		}
		reasons := sg.ReasonsVI
		if l == "en" {
			reasons = sg.Reasons
		}
		d.Suggest = append(d.Suggest, rosterSuggestView{Suggestion: sg, ScoreText: rosterScore(l, sg.Score),
			Reasons: strings.Join(reasons, "; "), Selected: sg.GuardID == pick && !st.PickOpen})
	}

	// The shifts touching the day.
	shifts, err := s.FindShifts(ctx, scheduler.ShiftFilter{PostID: &postRef, From: &day, To: &dayEnd})
	if err != nil {
		return err
	}
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	vs, err := report.Violations(ctx, s, day, dayEnd, nil)
	if err != nil {
		return err
	}
	byShift := map[int64][]string{}
	for _, v := range vs {
		for _, id := range v.ShiftIDs {
			byShift[id] = append(byShift[id], rosterBreachLine(l, v))
		}
	}
	var pool []*scheduler.Shift
	if manager {
		pf, pt := rosterAddDays(day, -8, loc), rosterAddDays(day, 9, loc)
		if pool, err = s.FindShifts(ctx, scheduler.ShiftFilter{PostID: &postRef, Status: scheduler.ShiftScheduled, From: &pf, To: &pt}); err != nil {
			return err
		}
	}
	for _, sh := range shifts {
		cs := rosterCellShift{Shift: sh, GuardName: gn.name(sh.GuardID), Span: fmtSpan(sh.Start, sh.End, loc),
			Cancelled: sh.Status == scheduler.ShiftCancelled, Open: sh.GuardID == nil, Violations: byShift[sh.ID]}
		if manager && !cs.Cancelled {
			ss, err := report.Suggestions(ctx, s, post.ID, sh.Start, sh.End, now)
			if err != nil {
				return err
			}
			var cur int64
			if sh.GuardID != nil {
				cur = *sh.GuardID
			}
			cs.Options, cs.Others = rosterGuardOptions(l, ss, allowed, cur, 0)
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
					who = tr(l, "common.open")
				}
				cs.Swaps = append(cs.Swaps, rosterOption{ID: o.ID,
					Label: rosterShiftSpan(l, o.Start, o.End, loc) + " — " + who})
			}
		}
		d.Shifts = append(d.Shifts, cs)
	}
	return w.render(c, status, "roster_cell", d)
}

// rosterExplain turns a domain error into a status and a message for the editor
// (status 0: not the user's doing).
func rosterExplain(l string, err error) (int, string, string) {
	field := scheduler.ErrorField(err)
	switch field {
	case "guard_id":
		field = "guard"
	case "post_id":
		field = "post"
	}
	msg := scheduler.ErrorMessage(err)
	switch scheduler.ErrorCode(err) {
	case scheduler.ENOTFOUND:
		return http.StatusNotFound, tr(l, "err.not_found"), ""
	case scheduler.ECONFLICT:
		switch {
		case field == "version":
			return http.StatusConflict, tr(l, "roster.stale"), field
		case field == "status":
			return http.StatusConflict, tr(l, "roster.err_cancelled"), field
		case strings.Contains(msg, "labour rule set to block"):
			return http.StatusConflict, tr(l, "roster.err_blocked", msg), field
		case field == "guard" && strings.Contains(msg, "overlaps"):
			return http.StatusConflict, tr(l, "roster.err_overlap_store"), field
		}
		return http.StatusConflict, domainMessage(l, err), field
	case scheduler.EINVALID:
		if l != "en" {
			if k, ok := rosterInvalidKeys[field]; ok {
				return http.StatusBadRequest, tr(l, k), field
			}
		}
		return http.StatusBadRequest, domainMessage(l, err), field
	}
	return 0, "", ""
}

// rosterInvalidKeys are the Vietnamese messages of invalid fields.
var rosterInvalidKeys = map[string]string{
	"start":   "roster.err_start",
	"end":     "roster.err_end",
	"guard":   "roster.err_guard",
	"post":    "roster.err_post_inactive",
	"note":    "roster.err_note",
	"version": "roster.err_version",
	"a":       "roster.err_swap",
	"b":       "roster.err_swap",
}

// rosterFail shows the editor again with the error, or an error page.
func (w *Web) rosterFail(c echo.Context, postID int64, day time.Time, st rosterCellState, err error) error {
	status, msg, field := rosterExplain(lang(c), err)
	switch status {
	case 0:
		return err
	case http.StatusNotFound:
		return w.errorPage(c, status, "err.not_found")
	}
	st.Error, st.ErrorField = msg, field
	return w.rosterEditor(c, status, postID, day, st)
}

// rosterPreview is what saving a candidate shift would do.
type rosterPreview struct {
	Violations []scheduler.Violation
	Blocking   []scheduler.Violation
	Problem    string
}

// rosterPreviewShift checks a candidate: another shift of its guard at the same
// time (which the store refuses), and the labour rules it would break.
func (w *Web) rosterPreviewShift(c echo.Context, cand *scheduler.Shift) (rosterPreview, error) {
	ctx := c.Request().Context()
	l := lang(c)
	loc := w.Store.Location()
	var p rosterPreview
	if cand.GuardID != nil {
		mine, err := w.Store.FindShifts(ctx, scheduler.ShiftFilter{GuardID: cand.GuardID, Status: scheduler.ShiftScheduled,
			From: &cand.Start, To: &cand.End})
		if err != nil {
			return p, err
		}
		for _, o := range mine {
			if o.ID != cand.ID {
				p.Problem = tr(l, "roster.err_overlap", rosterShiftSpan(l, o.Start, o.End, loc))
				return p, nil
			}
		}
	}
	vs, err := report.WouldBreak(ctx, w.Store, cand)
	if err != nil {
		return p, err
	}
	rules, err := w.Store.Rules(ctx)
	if err != nil {
		return p, err
	}
	p.Violations, p.Blocking = vs, rules.Blocking(vs)
	return p, nil
}

func rosterLines(l string, vs []scheduler.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, rosterBreachLine(l, v))
	}
	return out
}

// rosterReadGuard reads the guard field: "open" or empty is nobody; else a guard
// who is active and allowed at the post.
func (w *Web) rosterReadGuard(c echo.Context, postID int64) (*int64, error) {
	v := c.FormValue("guard")
	if v == "" || v == "open" {
		return nil, nil
	}
	id, err := formID(v)
	if err != nil {
		return nil, scheduler.Invalid("guard_id", "guard must be a guard's id or \"open\"")
	}
	g, err := w.Store.FindGuardByID(c.Request().Context(), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, scheduler.Invalid("guard_id", "guard %d does not exist", id)
	} else if err != nil {
		return nil, err
	}
	if !g.Active || !g.MayHold(postID) {
		return nil, scheduler.Invalid("guard_id", "guard %d (%s) may not hold this post", id, g.Name)
	}
	return &id, nil
}

// rosterFormDay reads the date field of a form, else the day of fallback.
func (w *Web) rosterFormDay(c echo.Context, fallback time.Time) (time.Time, bool) {
	loc := w.Store.Location()
	if v := c.FormValue("date"); v != "" {
		return rosterParseDay(v, w.Now(), loc)
	}
	return scheduler.DayStart(fallback, loc), true
}

// POST /roster/check — shows what an assign or a reassign would break, with the form that saves it.
func (w *Web) rosterCheck(c echo.Context) error {
	switch c.FormValue("action") {
	case "assign":
		return w.rosterAssign(c, false)
	case "reassign":
		id, err := formID(c.FormValue("shift"))
		if err != nil {
			return w.errorPage(c, http.StatusBadRequest, "roster.err_shift")
		}
		return w.rosterDoReassign(c, id, false)
	}
	return w.errorPage(c, http.StatusBadRequest, "roster.err_action")
}

// POST /roster/shift — creates a shift (post, start, end, guard, note).
func (w *Web) rosterCreate(c echo.Context) error { return w.rosterAssign(c, true) }

// POST /roster/shift/:id — gives a shift to another guard, or makes it open (version, guard).
func (w *Web) rosterReassign(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	return w.rosterDoReassign(c, id, true)
}

// assign checks (save false) or saves a new shift. An open shift of the post
// at exactly the same times is given to the guard instead of doubled.
func (w *Web) rosterAssign(c echo.Context, save bool) error {
	ctx := c.Request().Context()
	loc := w.Store.Location()
	l := lang(c)
	postID, err := formID(c.FormValue("post"))
	if err != nil {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_post")
	}
	post, err := w.Store.FindPostByID(ctx, postID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	start, errS := formTime(c.FormValue("start"), loc)
	end, errE := formTime(c.FormValue("end"), loc)
	fallback := w.Now()
	if errS == nil {
		fallback = start
	}
	day, ok := w.rosterFormDay(c, fallback)
	if !ok {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_date")
	}
	st := rosterCellState{Note: c.FormValue("note")}
	if errS == nil && errE == nil && end.After(start) {
		st.Start, st.End = start, end
	}
	gid, err := w.rosterReadGuard(c, post.ID)
	if gid != nil {
		st.Pick = *gid
	} else if err == nil {
		st.PickOpen = true
	}
	switch {
	case err != nil:
		return w.rosterFail(c, post.ID, day, st, err)
	case errS != nil:
		return w.rosterFail(c, post.ID, day, st, scheduler.Invalid("start", "start must be a date and time"))
	case errE != nil:
		return w.rosterFail(c, post.ID, day, st, scheduler.Invalid("end", "end must be a date and time"))
	}
	cand := &scheduler.Shift{PostID: post.ID, GuardID: gid, Start: start, End: end, Status: scheduler.ShiftScheduled,
		Note: st.Note}
	if err := cand.Validate(); err != nil {
		return w.rosterFail(c, post.ID, day, st, err)
	}
	// An open shift at exactly these times is filled rather than doubled.
	var fill *scheduler.Shift
	if gid != nil {
		same, err := w.Store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &post.ID, Status: scheduler.ShiftScheduled,
			From: &start, To: &end})
		if err != nil {
			return err
		}
		for _, o := range same {
			if o.GuardID == nil && o.Start.Equal(start) && o.End.Equal(end) {
				fill = o
				cand.ID = o.ID
				break
			}
		}
	}
	pv, err := w.rosterPreviewShift(c, cand)
	if err != nil {
		return err
	}
	guardField := "open"
	if gid != nil {
		guardField = strconv.FormatInt(*gid, 10)
	}
	if !save {
		gn, err := w.guardNames(c)
		if err != nil {
			return err
		}
		st.Check = &rosterCheckView{Action: "assign", URL: "/roster/shift", Date: day.In(loc).Format(scheduler.DateLayout),
			Start: rosterDTLocal(start, loc), End: rosterDTLocal(end, loc), Span: fmtSpan(start, end, loc), Guard: guardField,
			GuardName: gn.name(gid), Note: st.Note, Violations: rosterLines(l, pv.Violations), Blocking: rosterLines(l, pv.Blocking),
			Problem: pv.Problem}
		status := http.StatusOK
		if pv.Problem != "" || len(pv.Blocking) > 0 {
			status = http.StatusConflict
		}
		return w.rosterEditor(c, status, post.ID, day, st)
	}
	if pv.Problem != "" {
		st.Error, st.ErrorField = pv.Problem, "guard"
		return w.rosterEditor(c, http.StatusConflict, post.ID, day, st)
	}
	if len(pv.Blocking) > 0 {
		st.Error, st.ErrorField = tr(l, "roster.blocked", rosterBreachLine(l, pv.Blocking[0])), "guard"
		return w.rosterEditor(c, http.StatusConflict, post.ID, day, st)
	}
	var saved []scheduler.Violation
	if fill != nil {
		out, err := w.Store.UpdateShift(ctx, fill.ID, fill.Version, func(sh *scheduler.Shift) error {
			sh.GuardID = gid
			if st.Note != "" {
				sh.Note = st.Note
			}
			return nil
		})
		if err != nil {
			return w.rosterFail(c, post.ID, day, st, err)
		}
		saved = out.Violations
	} else {
		cand.ID = 0
		if err := w.Store.CreateShift(ctx, cand); err != nil {
			return w.rosterFail(c, post.ID, day, st, err)
		}
		saved = cand.Violations
	}
	w.rosterSavedWith(c, saved)
	return c.Redirect(http.StatusSeeOther, rosterCellURL(post.ID, day, loc))
}

// reassign checks (save false) or saves a shift's new guard (or none).
func (w *Web) rosterDoReassign(c echo.Context, id int64, save bool) error {
	ctx := c.Request().Context()
	loc := w.Store.Location()
	l := lang(c)
	sh, day, resp, ok := w.rosterShiftDay(c, id)
	if !ok {
		return resp
	}
	st := rosterCellState{Focus: sh.ID}
	ver, err := strconv.Atoi(c.FormValue("version"))
	if err != nil || ver <= 0 {
		return w.rosterFail(c, sh.PostID, day, st, scheduler.Invalid("version", "version must be the shift's version"))
	}
	if ver != sh.Version {
		return w.rosterFail(c, sh.PostID, day, st, scheduler.Conflict("version", "someone changed it"))
	}
	if sh.Status != scheduler.ShiftScheduled {
		return w.rosterFail(c, sh.PostID, day, st, scheduler.Conflict("status", "the shift is cancelled"))
	}
	gid, err := w.rosterReadGuard(c, sh.PostID)
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	if (gid == nil && sh.GuardID == nil) || (gid != nil && sh.GuardID != nil && *gid == *sh.GuardID) {
		return w.rosterFail(c, sh.PostID, day, st, scheduler.Invalid("guard_id", "the shift has this guard already"))
	}
	cand := *sh
	cand.GuardID, cand.Violations = gid, nil
	pv, err := w.rosterPreviewShift(c, &cand)
	if err != nil {
		return err
	}
	if !save {
		gn, err := w.guardNames(c)
		if err != nil {
			return err
		}
		guardField := "open"
		if gid != nil {
			guardField = strconv.FormatInt(*gid, 10)
		}
		st.Check = &rosterCheckView{Action: "reassign", URL: fmt.Sprintf("/roster/shift/%d", sh.ID), ShiftID: sh.ID,
			Version: sh.Version, Date: day.In(loc).Format(scheduler.DateLayout), Span: fmtSpan(sh.Start, sh.End, loc),
			Guard: guardField, GuardName: gn.name(gid), FromName: gn.name(sh.GuardID),
			Violations: rosterLines(l, pv.Violations), Blocking: rosterLines(l, pv.Blocking), Problem: pv.Problem}
		status := http.StatusOK
		if pv.Problem != "" || len(pv.Blocking) > 0 {
			status = http.StatusConflict
		}
		return w.rosterEditor(c, status, sh.PostID, day, st)
	}
	if pv.Problem != "" {
		st.Error, st.ErrorField = pv.Problem, "guard"
		return w.rosterEditor(c, http.StatusConflict, sh.PostID, day, st)
	}
	if len(pv.Blocking) > 0 {
		st.Error, st.ErrorField = tr(l, "roster.blocked", rosterBreachLine(l, pv.Blocking[0])), "guard"
		return w.rosterEditor(c, http.StatusConflict, sh.PostID, day, st)
	}
	out, err := w.Store.UpdateShift(ctx, sh.ID, ver, func(x *scheduler.Shift) error {
		x.GuardID = gid
		return nil
	})
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	w.rosterSavedWith(c, out.Violations)
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sh.PostID, day, loc))
}

// rosterShiftDay loads the shift a form is about and the day its editor shows
// (the form's date, else the shift's). When it cannot, it has answered with
// an error page already: the caller returns resp.
func (w *Web) rosterShiftDay(c echo.Context, id int64) (sh *scheduler.Shift, day time.Time, resp error, ok bool) {
	sh, err := w.Store.FindShiftByID(c.Request().Context(), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, day, w.errorPage(c, http.StatusNotFound, "err.not_found"), false
	} else if err != nil {
		return nil, day, err, false
	}
	day, ok = w.rosterFormDay(c, sh.Start)
	if !ok {
		return nil, day, w.errorPage(c, http.StatusBadRequest, "roster.err_date"), false
	}
	return sh, day, nil, true
}

// POST /roster/swap (a, b, date) — swaps the guards of two shifts.
func (w *Web) rosterSwap(c echo.Context) error {
	ctx := c.Request().Context()
	loc := w.Store.Location()
	a, err := formID(c.FormValue("a"))
	if err != nil {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_shift")
	}
	sa, day, resp, ok := w.rosterShiftDay(c, a)
	if !ok {
		return resp
	}
	st := rosterCellState{Focus: a}
	b, err := formID(c.FormValue("b"))
	if err != nil {
		return w.rosterFail(c, sa.PostID, day, st, scheduler.Invalid("b", "b must be a shift"))
	}
	x, y, err := w.Store.SwapShifts(ctx, a, b)
	if err != nil {
		return w.rosterFail(c, sa.PostID, day, st, err)
	}
	w.rosterSavedWith(c, append(append([]scheduler.Violation{}, x.Violations...), y.Violations...))
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sa.PostID, day, loc))
}

// POST /roster/shift/:id/cancel (version, date) — cancels a shift.
func (w *Web) rosterCancel(c echo.Context) error {
	ctx := c.Request().Context()
	loc := w.Store.Location()
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	sh, day, resp, ok := w.rosterShiftDay(c, id)
	if !ok {
		return resp
	}
	st := rosterCellState{Focus: id}
	ver, err := strconv.Atoi(c.FormValue("version"))
	if err != nil || ver <= 0 {
		return w.rosterFail(c, sh.PostID, day, st, scheduler.Invalid("version", "version must be the shift's version"))
	}
	if sh.Status == scheduler.ShiftCancelled {
		w.flash(c, "!roster.already_cancelled")
		return c.Redirect(http.StatusSeeOther, rosterCellURL(sh.PostID, day, loc))
	}
	if _, err := w.Store.UpdateShift(ctx, id, ver, func(x *scheduler.Shift) error {
		x.Status = scheduler.ShiftCancelled
		return nil
	}); err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	w.flash(c, "roster.cancelled")
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sh.PostID, day, loc))
}

// rosterAcceptedCookie carries the breaches a manager accepted to the next page.
const rosterAcceptedCookie = "catruc_roster_warn"

type rosterAcceptedList struct {
	N int         `json:"n"`
	L [][2]string `json:"l"` // Vietnamese, English
}

// rosterSavedWith leaves the flash of a save, and the breaches it was saved with.
func (w *Web) rosterSavedWith(c echo.Context, vs []scheduler.Violation) {
	if len(vs) == 0 {
		w.flash(c, "roster.saved")
		return
	}
	w.flash(c, "roster.saved_warn")
	a := rosterAcceptedList{N: len(vs)}
	for _, v := range vs {
		a.L = append(a.L, [2]string{rosterBreachLine("vi", v), rosterBreachLine("en", v)})
	}
	var val string
	for len(a.L) > 0 {
		b, _ := json.Marshal(a)
		if val = base64.RawURLEncoding.EncodeToString(b); len(val) <= 3000 {
			break
		}
		a.L = a.L[:len(a.L)-1]
		val = ""
	}
	if val == "" {
		b, _ := json.Marshal(a)
		val = base64.RawURLEncoding.EncodeToString(b)
	}
	c.SetCookie(&http.Cookie{Name: rosterAcceptedCookie, Value: val, Path: "/roster", MaxAge: 60, HttpOnly: true,
		Secure: secure(c), SameSite: http.SameSiteLaxMode})
}

// rosterReadAccepted takes the accepted breaches left by a save: the lines, and how many more there were.
func rosterReadAccepted(c echo.Context) ([]string, int) {
	ck, err := c.Cookie(rosterAcceptedCookie)
	if err != nil || ck.Value == "" {
		return nil, 0
	}
	c.SetCookie(&http.Cookie{Name: rosterAcceptedCookie, Value: "", Path: "/roster", MaxAge: -1})
	b, err := base64.RawURLEncoding.DecodeString(ck.Value)
	var a rosterAcceptedList
	if err != nil || json.Unmarshal(b, &a) != nil {
		return nil, 0
	}
	l := lang(c)
	var out []string
	for _, p := range a.L {
		if l == "en" {
			out = append(out, p[1])
		} else {
			out = append(out, p[0])
		}
	}
	return out, max(a.N-len(out), 0)
}
