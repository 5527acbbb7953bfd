package web

// The guard's own page (/me), made for a phone: their next shifts, the
// month's hours and nights, time-off requests, shift swaps with colleagues and
// the calendar subscription (a secret link shown once, with a QR code).

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"
)

// meDays is how far ahead the page looks for shifts.
const meDays = 14

// nightStart and nightEnd bound night work (Labor Code art. 106), in the office zone.
const (
	meNightStartHour = 22
	meNightEndHour   = 6
)

// meShift is a shift with the names the page shows.
type meShift struct {
	*scheduler.Shift
	PostName, Site string
	GuardName      string // for colleagues' shifts
	NextDay        bool   // it ends on a later day than it starts
	Current        bool   // it is running now, and the guard is not away
	Others         []meOther
	// Pieces are the worked and absent parts when the guard is on approved
	// time off for some of it (nil otherwise); Away names the kinds of time
	// off when the guard is away for all of it.
	Pieces []shiftPiece
	Away   string
}

// meOther is someone else on duty during one of the guard's shifts.
type meOther struct {
	Name, Post string
	When       string // "14:00 – 22:00", with the day when it is not the shift's first day
}

type meTimeOff struct {
	*scheduler.TimeOff
	LastDay time.Time // the last day it covers
	Pending bool
}

// Span is when the time off runs, to the minute: "03/12/2026 18:00 – 05/12/2026 00:00".
func (t meTimeOff) Span(loc *time.Location) string {
	const layout = "02/01/2006 15:04"
	return t.Start.In(loc).Format(layout) + " – " + t.End.In(loc).Format(layout)
}

type meSwap struct {
	*scheduler.SwapRequest
	Mine           bool // the guard asked
	A, B           *meShift
	NameA, NameB   string
	CanAnswer      bool // addressed to the guard, waiting for their yes
	CanCancel      bool // the guard's own request, not yet decided
	StatusKey      string
	StatusBadgeCls string
}

// meForm keeps what was typed into a refused form, and why it was refused.
type meForm struct {
	// Which is the form refused: "timeoff", "swap" (a new request),
	// "swapstep" (an answer to a request) or "calendar"; its message shows
	// next to that form, which the form's action names as the anchor.
	Which                string
	Error, Field         string
	Kind, From, To, Note string
	ShiftA, ShiftB       int64
	SwapNote             string
	Prefs                *mePrefs // the preferences form as typed ("prefs")
}

type meData struct {
	Guard       *scheduler.Guard
	Shifts      []meShift // the next 14 days
	Mine        []meShift // the guard's shifts that can still be swapped
	Colleagues  []meShift // colleagues' shifts at posts the guard may hold
	Month       time.Time
	MonthLabel  string // "12/2026"
	MonthHours  string
	MonthNights int
	MonthShifts int
	TimeOff     []meTimeOff
	Kinds       []string
	Swaps       []meSwap
	Calendars   []*scheduler.Calendar
	Prefs       *mePrefs // nil without a plans service
	Form        meForm
	Duty        *meDuty // the check-in / check-out card (duty.go)
	Today       string
	Until       time.Time
}

// meGuard returns the logged-in guard's record.
func (w *Web) meGuard(c echo.Context) (*scheduler.Guard, error) {
	s := sessionOf(c)
	if s == nil || s.User.GuardID == nil {
		return nil, scheduler.E(scheduler.EFORBIDDEN, "", "user.no_guard")
	}
	return w.Store.FindGuardByID(c.Request().Context(), *s.User.GuardID)
}

// GET /me
func (w *Web) mePage(c echo.Context) error {
	return w.renderMe(c, http.StatusOK, meForm{})
}

// renderMe builds the page, with a refused form's state if any.
func (w *Web) renderMe(c echo.Context, status int, form meForm) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	d, err := w.meData(c, g)
	if err != nil {
		return err
	}
	d.Form = form
	if err := w.mePrefsLoad(c, d); err != nil {
		return err
	}
	if err := w.meDutyLoad(c, d); err != nil {
		return err
	}
	return w.render(c, status, "me", d)
}

// meData loads the page: each section with its own loader.
func (w *Web) meData(c echo.Context, g *scheduler.Guard) (*meData, error) {
	loc := w.Store.Location()
	now := w.Now()
	until := now.Add(meDays * 24 * time.Hour)
	d := &meData{Guard: g, Kinds: scheduler.TimeOffKinds, Today: now.In(loc).Format(scheduler.DateLayout), Until: until}
	view, err := w.meViewer(c, now)
	if err != nil {
		return nil, err
	}
	if err := w.meShifts(c, d, view, now, until); err != nil {
		return nil, err
	}
	if err := w.meMonth(c, d, now); err != nil {
		return nil, err
	}
	since := now.AddDate(0, 0, -30)
	if err := w.meTimeOff(c, d, since); err != nil {
		return nil, err
	}
	if err := w.meSwaps(c, d, view, since); err != nil {
		return nil, err
	}
	gid := g.ID
	if d.Calendars, err = w.Store.FindCalendars(c.Request().Context(), scheduler.ScopeGuard, &gid); err != nil {
		return nil, err
	}
	return d, nil
}

// meViewer returns the function that names a shift for the page.
func (w *Web) meViewer(c echo.Context, now time.Time) (func(*scheduler.Shift) *meShift, error) {
	loc := w.Store.Location()
	l := lang(c)
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	postBy := map[int64]*scheduler.Post{}
	for _, p := range posts {
		postBy[p.ID] = p
	}
	names, err := w.guardNames(c)
	if err != nil {
		return nil, err
	}
	return func(sh *scheduler.Shift) *meShift {
		v := &meShift{Shift: sh, GuardName: names.name(sh.GuardID)}
		if p := postBy[sh.PostID]; p != nil {
			v.PostName, v.Site = p.Name, p.Site
		}
		v.NextDay = sh.End.In(loc).Format(scheduler.DateLayout) != sh.Start.In(loc).Format(scheduler.DateLayout) &&
			!sh.End.Equal(scheduler.DayStart(sh.End, loc))
		v.Current = !now.Before(sh.Start) && now.Before(sh.End) && sh.AbsentAt(now) == nil
		v.Pieces = shiftPieces(l, sh, func(a, b time.Time) string { return fmtSpan(a, b, loc) })
		v.Away = awayKinds(l, sh)
		return v
	}, nil
}

// meShifts loads every scheduled shift of the next 14 days: the guard's,
// with who else works meanwhile, and colleagues' it may ask to swap for.
func (w *Web) meShifts(c echo.Context, d *meData, view func(*scheduler.Shift) *meShift, now, until time.Time) error {
	loc := w.Store.Location()
	g := d.Guard
	all, err := w.Store.FindShifts(c.Request().Context(), scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &now, To: &until})
	if err != nil {
		return err
	}
	all = scheduler.ShiftsFor(principal(c), all) // colleagues' time off reads as busy
	for _, sh := range all {
		switch {
		case sh.GuardID != nil && *sh.GuardID == g.ID:
			v := view(sh)
			for _, o := range all {
				if o.ID == sh.ID || o.GuardID == nil || *o.GuardID == g.ID || !meTogether(sh, o) {
					continue
				}
				ov := view(o)
				other := meOther{Name: ov.GuardName, Post: ov.PostName, When: fmtSpan(o.Start, o.End, loc)}
				if day := o.Start.In(loc).Format("02/01"); day != sh.Start.In(loc).Format("02/01") && !strings.Contains(other.When, "/") {
					other.When = day + " " + other.When
				}
				v.Others = append(v.Others, other)
			}
			d.Shifts = append(d.Shifts, *v)
			if sh.Start.After(now) {
				d.Mine = append(d.Mine, *v)
			}
		case sh.GuardID != nil && sh.Start.After(now) && g.MayHold(sh.PostID):
			d.Colleagues = append(d.Colleagues, *view(sh))
		}
	}
	return nil
}

// meTogether reports whether the guards of a and b both work at some instant
// (neither away on time off then).
func meTogether(a, b *scheduler.Shift) bool {
	for _, x := range a.Worked() {
		if b.WorkedIn(x.Start, x.End) {
			return true
		}
	}
	return false
}

// meMonth works out this month's hours, night shifts and shifts, in the
// office zone: only the hours actually worked, not those on time off.
func (w *Web) meMonth(c echo.Context, d *meData, now time.Time) error {
	loc := w.Store.Location()
	n := now.In(loc)
	d.Month = scheduler.DateStart(n.Year(), n.Month(), 1, loc)
	monthEnd := scheduler.DateStart(n.Year(), n.Month()+1, 1, loc)
	d.MonthLabel = d.Month.In(loc).Format("01/2006")
	gid := d.Guard.ID
	month, err := w.Store.FindShifts(c.Request().Context(), scheduler.ShiftFilter{GuardID: &gid, Status: scheduler.ShiftScheduled,
		From: &d.Month, To: &monthEnd})
	if err != nil {
		return err
	}
	var total time.Duration
	for _, sh := range month {
		var worked, night time.Duration
		for _, x := range sh.Worked() {
			a, b := meClip(x.Start, x.End, d.Month, monthEnd)
			if b.After(a) {
				worked += b.Sub(a)
				night += meNightTime(a, b, loc)
			}
		}
		if worked == 0 {
			continue
		}
		total += worked
		d.MonthShifts++
		if night >= time.Hour {
			d.MonthNights++
		}
	}
	d.MonthHours = meHours(lang(c), total)
	return nil
}

// meTimeOff loads the guard's current and coming time off, and that of the last 30 days.
func (w *Web) meTimeOff(c echo.Context, d *meData, since time.Time) error {
	gid := d.Guard.ID
	offs, err := w.Store.FindTimeOff(c.Request().Context(), scheduler.TimeOffFilter{GuardID: &gid, From: &since})
	if err != nil {
		return err
	}
	for _, t := range offs {
		d.TimeOff = append(d.TimeOff, meTimeOff{TimeOff: t, LastDay: t.End.Add(-time.Nanosecond),
			Pending: t.Status == scheduler.TimeOffRequested})
	}
	return nil
}

// meSwaps loads the swap requests the guard made or was asked.
func (w *Web) meSwaps(c echo.Context, d *meData, view func(*scheduler.Shift) *meShift, since time.Time) error {
	ctx := c.Request().Context()
	st := w.Store
	g := d.Guard
	gid := g.ID
	swaps, err := st.FindSwapRequests(ctx, &gid, "")
	if err != nil {
		return err
	}
	names, err := w.guardNames(c)
	if err != nil {
		return err
	}
	for _, r := range swaps {
		v := meSwap{SwapRequest: r, Mine: r.GuardA == g.ID, NameA: names.Guards[r.GuardA], NameB: names.Guards[r.GuardB]}
		if sh, err := st.FindShiftByID(ctx, r.ShiftA); err == nil {
			v.A = view(sh)
		}
		if sh, err := st.FindShiftByID(ctx, r.ShiftB); err == nil {
			v.B = view(sh)
		}
		open := r.Status == scheduler.SwapProposed || r.Status == scheduler.SwapAccepted
		v.CanAnswer = !v.Mine && r.Status == scheduler.SwapProposed
		v.CanCancel = open && !v.CanAnswer
		v.StatusKey = "me.swap.status." + r.Status
		switch r.Status {
		case scheduler.SwapApproved:
			v.StatusBadgeCls = "ok"
		case scheduler.SwapDeclined:
			v.StatusBadgeCls = "bad"
		default:
			v.StatusBadgeCls = "warn"
		}
		// Keep old decided requests off a phone screen.
		if !open && v.A != nil && v.A.End.Before(since) {
			continue
		}
		d.Swaps = append(d.Swaps, v)
	}
	return nil
}

// meClip returns [a, b) ∩ [from, to).
func meClip(a, b, from, to time.Time) (time.Time, time.Time) {
	if a.Before(from) {
		a = from
	}
	if b.After(to) {
		b = to
	}
	return a, b
}

// meNightTime is how much of [a, b) falls between 22:00 and 06:00 in loc.
func meNightTime(a, b time.Time, loc *time.Location) time.Duration {
	var total time.Duration
	day := scheduler.DayStart(a, loc).AddDate(0, 0, -1)
	for day.Before(b) {
		y, m, dd := day.In(loc).Date()
		ns := time.Date(y, m, dd, meNightStartHour, 0, 0, 0, loc)
		ne := time.Date(y, m, dd+1, meNightEndHour, 0, 0, 0, loc)
		if s, e := meClip(a, b, ns, ne); e.After(s) {
			total += e.Sub(s)
		}
		day = scheduler.DateStart(y, m, dd+1, loc)
	}
	return total
}

// meHours writes hours with at most one decimal, a decimal comma in Vietnamese.
func meHours(l string, d time.Duration) string {
	h := float64(d.Round(6*time.Minute)) / float64(time.Hour)
	s := strconv.FormatFloat(h, 'f', -1, 64)
	if l != "en" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// POST /me/time-off (kind, from, to, note) — a request that a manager decides.
func (w *Web) meRequestTimeOff(c echo.Context) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	l := lang(c)
	loc := w.Store.Location()
	f := meForm{Which: "timeoff", Kind: c.FormValue("kind"), From: strings.TrimSpace(c.FormValue("from")),
		To: strings.TrimSpace(c.FormValue("to")), Note: c.FormValue("note")}
	refuse := func(field, key string) error {
		f.Field, f.Error = field, tr(l, key)
		return w.renderMe(c, http.StatusBadRequest, f)
	}
	kindOK := false
	for _, k := range scheduler.TimeOffKinds {
		kindOK = kindOK || k == f.Kind
	}
	if !kindOK {
		return refuse("kind", "me.err.kind")
	}
	from, err := scheduler.ParseDate(f.From, loc)
	if err != nil {
		return refuse("from", "me.err.date")
	}
	to, err := scheduler.ParseDate(f.To, loc)
	if err != nil {
		return refuse("to", "me.err.date")
	}
	if to.Before(from) {
		return refuse("to", "me.err.range")
	}
	y, m, d := to.Date()
	t := &scheduler.TimeOff{GuardID: g.ID, Kind: f.Kind, Note: f.Note, Start: from, End: scheduler.DateStart(y, m, d+1, loc)}
	if t.End.Sub(t.Start) > scheduler.MaxTimeOffLength {
		return refuse("to", "me.err.too_long")
	}
	if err := w.Roster.RecordTimeOff(c.Request().Context(), principal(c), t); err != nil {
		if code := scheduler.ErrorCode(err); code == scheduler.EINVALID || code == scheduler.ECONFLICT {
			f.Field, f.Error = scheduler.ErrorField(err), domainMessage(lang(c), err)
			return w.renderMe(c, meStatus(code), f)
		}
		return err
	}
	w.flash(c, "me.timeoff.sent")
	return c.Redirect(http.StatusSeeOther, "/me#timeoff")
}

func meStatus(code string) int {
	if code == scheduler.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

// POST /me/time-off/:id/withdraw — only the guard's own request, while it waits.
func (w *Web) meWithdrawTimeOff(c echo.Context) error {
	_, err := w.meGuard(c)
	if err != nil {
		return err
	}
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	switch err := w.Roster.WithdrawTimeOff(c.Request().Context(), principal(c), id); scheduler.ErrorCode(err) {
	case "":
	case scheduler.ENOTFOUND:
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	case scheduler.ECONFLICT:
		return w.errorPage(c, http.StatusConflict, "me.timeoff.decided")
	default:
		return err
	}
	w.flash(c, "me.timeoff.withdrawn")
	return c.Redirect(http.StatusSeeOther, "/me#timeoff")
}

// POST /me/swaps (shift_a, shift_b, note) — ask a colleague to swap shifts.
func (w *Web) meProposeSwap(c echo.Context) error {
	_, err := w.meGuard(c)
	if err != nil {
		return err
	}
	l := lang(c)
	f := meForm{Which: "swap", SwapNote: c.FormValue("note")}
	refuse := func(field, key string) error {
		f.Field, f.Error = field, tr(l, key)
		return w.renderMe(c, http.StatusBadRequest, f)
	}
	a, err := formID(c.FormValue("shift_a"))
	if err != nil {
		return refuse("shift_a", "me.err.shift_a")
	}
	f.ShiftA = a
	b, err := formID(c.FormValue("shift_b"))
	if err != nil {
		return refuse("shift_b", "me.err.shift_b")
	}
	f.ShiftB = b
	if _, err := w.Roster.ProposeSwap(c.Request().Context(), principal(c), a, b, f.SwapNote); err != nil {
		if code := scheduler.ErrorCode(err); code == scheduler.EINVALID || code == scheduler.ECONFLICT {
			f.Field, f.Error = scheduler.ErrorField(err), domainMessage(lang(c), err)
			switch {
			case scheduler.ErrorKey(err) == "roster.swap_not_your_post":
			case f.Field == "shift_a":
				f.Error = tr(l, "me.err.shift_a")
			case f.Field == "shift_b":
				f.Error = tr(l, "me.err.shift_b")
			}
			return w.renderMe(c, meStatus(code), f)
		}
		return err
	}
	w.flash(c, "me.swap.sent")
	return c.Redirect(http.StatusSeeOther, "/me#swaps")
}

// POST /me/swaps/:id/accept — the colleague asked says yes; a manager approves next.
func (w *Web) meAcceptSwap(c echo.Context) error {
	return w.meSwapStep(c, func(id, gid int64) error {
		_, err := w.Roster.AcceptSwap(c.Request().Context(), principal(c), id)
		return err
	}, "me.swap.accepted")
}

// POST /me/swaps/:id/decline — either guard of the request says no (or withdraws it).
func (w *Web) meDeclineSwap(c echo.Context) error {
	return w.meSwapStep(c, func(id, gid int64) error {
		_, err := w.Roster.DeclineSwap(c.Request().Context(), principal(c), id)
		return err
	}, "me.swap.declined")
}

func (w *Web) meSwapStep(c echo.Context, step func(id, gid int64) error, done string) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	switch err := step(id, g.ID); scheduler.ErrorCode(err) {
	case "":
		w.flash(c, done)
	case scheduler.ENOTFOUND:
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	case scheduler.EFORBIDDEN:
		return w.errorPage(c, http.StatusForbidden, "err.forbidden")
	case scheduler.ECONFLICT:
		return w.renderMe(c, http.StatusConflict, meForm{Which: "swapstep", Error: tr(lang(c), "me.swap.already")})
	default:
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/me#swaps")
}

// meLink is a calendar's secret link, shown once.
type meLink struct {
	Calendar *scheduler.Calendar
	URL      string
	Webcal   template.URL // webcal:// — html/template would refuse the scheme otherwise
	QR       template.URL // a data: URL of the QR code's PNG
	Rotated  bool
}

// GET /me/calendar — a reload of the result page: back to /me (the link is not shown again).
func (w *Web) meCalendarBack(c echo.Context) error {
	return c.Redirect(http.StatusSeeOther, "/me#calendar")
}

// POST /me/calendar — makes the guard's calendar link and shows it once.
func (w *Web) meCreateCalendar(c echo.Context) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	gid := g.ID
	cur, err := w.Store.FindCalendars(ctx, scheduler.ScopeGuard, &gid)
	if err != nil {
		return err
	}
	if len(cur) > 0 {
		return w.renderMe(c, http.StatusConflict, meForm{Which: "calendar", Error: tr(lang(c), "me.cal.exists")})
	}
	cal := &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &gid}
	secret, err := w.Store.CreateCalendar(ctx, cal)
	if err != nil {
		return err
	}
	return w.renderLink(c, cal, secret, false)
}

// POST /me/calendar/:id/rotate — a new link for the guard's calendar; the old one stops working.
func (w *Web) meRotateCalendar(c echo.Context) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	ctx := c.Request().Context()
	cur, err := w.Store.FindCalendarByID(ctx, id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	if cur.Scope != scheduler.ScopeGuard || cur.TargetID == nil || *cur.TargetID != g.ID {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	cal, secret, err := w.Store.RotateCalendar(ctx, id)
	if err != nil {
		return err
	}
	return w.renderLink(c, cal, secret, true)
}

// renderLink shows the link of a secret, its webcal form and a QR code of
// it, right in the answer to the POST: the secret never travels in a URL of
// ours nor reaches a log.
func (w *Web) renderLink(c echo.Context, cal *scheduler.Calendar, secret string, rotated bool) error {
	https, webcal := meFeedURLs(w.BaseURL, secret)
	png, err := qrcode.Encode(webcal, qrcode.Medium, 320)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "me_calendar", meLink{Calendar: cal, URL: https, Rotated: rotated,
		Webcal: template.URL(webcal), QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
}

// meFeedURLs builds the https and webcal URLs of a calendar secret, as the API does.
func meFeedURLs(base, secret string) (string, string) {
	u := strings.TrimRight(base, "/") + "/ical/" + secret + ".ics"
	webcal := u
	if i := strings.Index(u, "://"); i >= 0 {
		webcal = "webcal" + u[i:]
	}
	return u, webcal
}
