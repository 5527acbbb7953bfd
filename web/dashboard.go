package web

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/engine"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// onDuty is one post's people on duty now, and those whose shift runs now
// but who are away on approved time off.
type onDuty struct {
	Post   *scheduler.Post
	Shifts []shiftView
	Away   []shiftView
	// Required is how many the post needs now (0: outside its hours).
	Required int
}

// shiftView is a shift with its guard's name.
type shiftView struct {
	*scheduler.Shift
	GuardName string
	// AwayKind is the kind of time off its guard is on now, in the page's
	// language, and AwayFrom–AwayTo that absence; "" when on duty.
	AwayKind         string
	AwayFrom, AwayTo time.Time
}

// barSeg is one piece of a coverage bar: where it starts and how wide it is
// on a 1000-unit scale, covered or not.
type barSeg struct {
	X, W  float64
	Kind  string // ok, gap, none
	Title string
}

type postBar struct {
	Post    *scheduler.Post
	Percent float64
	Segs    []barSeg
	Gaps    int
}

// GET / (managers, viewers) — who is on duty now, each post's coverage for
// the next 7 days, open alerts (live), upcoming events, the staffing verdict.
func (w *Web) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	st := w.Store
	loc := st.Location()
	now := w.Now()
	l := lang(c)
	active := true
	posts, err := st.FindPosts(ctx, scheduler.PostFilter{Active: &active})
	if err != nil {
		return err
	}
	guards, err := w.guardNames(c)
	if err != nil {
		return err
	}
	nowEnd := now.Add(time.Second)
	cur, err := st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &now, To: &nowEnd})
	if err != nil {
		return err
	}
	cur = scheduler.ShiftsFor(principal(c), cur) // others' time off reads as busy to viewers
	// Someone on approved time off is not on duty, whatever the roster says;
	// a post that needs nobody now (the reception site at night) is not a gap.
	duty := dutyNow(l, posts, cur, guards, now)
	nowEvents, err := st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &now, To: &nowEnd})
	if err != nil {
		return err
	}
	for i := range duty {
		for _, sg := range coverage.Required(duty[i].Post, nowEvents, now, nowEnd, loc) {
			duty[i].Required = max(duty[i].Required, sg.Headcount)
		}
	}
	weekEnd := now.Add(7 * 24 * time.Hour)
	cov, err := report.Coverage(ctx, st, now, weekEnd, nil)
	if err != nil {
		return err
	}
	total := weekEnd.Sub(now).Seconds()
	var bars []postBar
	for i, pc := range cov.Posts {
		b := postBar{Post: posts[i], Percent: pc.Percent, Gaps: len(pc.Gaps)}
		x := func(t time.Time) float64 { return 1000 * t.Sub(now).Seconds() / total }
		b.Segs = append(b.Segs, barSeg{X: 0, W: 1000, Kind: "ok"})
		if pc.RequiredHours == 0 {
			b.Segs[0].Kind = "none"
		}
		for _, g := range pc.Gaps {
			title := fmt.Sprintf("%s: %s", tr(l, "dash.gap"), fmtSpan(g.Start, g.End, loc))
			b.Segs = append(b.Segs, barSeg{X: x(g.Start), W: x(g.End) - x(g.Start), Kind: "gap", Title: title})
		}
		bars = append(bars, b)
	}
	twoWeeks := now.Add(14 * 24 * time.Hour)
	events, err := st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &now, To: &twoWeeks})
	if err != nil {
		return err
	}
	staffing, err := report.Staffing(ctx, st, now, now.Add(28*24*time.Hour), nil)
	if err != nil {
		return err
	}
	alerts, err := w.openAlerts(c)
	if err != nil {
		return err
	}
	incidents, err := w.openIncidents(c)
	if err != nil {
		return err
	}
	alerts, more := firstAlerts(alerts, dashboardAlerts)
	return w.render(c, http.StatusOK, "dashboard", map[string]any{"OpenIncidents": incidents,
		"Duty": duty, "Bars": bars, "Events": events, "Staffing": staffing, "Alerts": alerts, "AlertsMore": more,
		"Names": guards, "WeekEnd": weekEnd, "PostNames": postNames(posts)})
}

// names maps ids to names for templates.
type names struct {
	Guards map[int64]string
}

func (n names) name(id *int64) string {
	if id == nil {
		return ""
	}
	return n.Guards[*id]
}

// Name is name for templates.
func (n names) Name(id *int64) string { return n.name(id) }

func (w *Web) guardNames(c echo.Context) (names, error) {
	gs, err := w.Store.FindGuards(c.Request().Context(), scheduler.GuardFilter{})
	if err != nil {
		return names{}, err
	}
	n := names{Guards: map[int64]string{}}
	for _, g := range gs {
		n.Guards[g.ID] = g.Name
	}
	return n, nil
}

func postNames(ps []*scheduler.Post) map[int64]string {
	m := map[int64]string{}
	for _, p := range ps {
		m[p.ID] = p.Name
	}
	return m
}

// alertView is an alert with the names it refers to and where to see it
// on the roster.
type alertView struct {
	*scheduler.Alert
	PostName, GuardName string
	Link                string // the roster cell (or week) of what the alert is about
}

// openAlerts returns the open and acknowledged alerts: uncovered posts first
// (the roster's first duty), then most severe and soonest first.
func (w *Web) openAlerts(c echo.Context) ([]alertView, error) {
	ctx := c.Request().Context()
	var out []alertView
	gs, err := w.guardNames(c)
	if err != nil {
		return nil, err
	}
	posts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	pn := postNames(posts)
	for _, st := range []string{scheduler.AlertOpen, scheduler.AlertAcknowledged} {
		as, err := w.Store.FindAlerts(ctx, scheduler.AlertFilter{Status: st})
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			v := alertView{Alert: a, GuardName: gs.name(a.GuardID)}
			if a.PostID != nil {
				v.PostName = pn[*a.PostID]
			}
			if v.Link, err = w.alertLink(c, a); err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
	rank := map[string]int{scheduler.SeverityCritical: 0, scheduler.SeverityHigh: 1, scheduler.SeverityNormal: 2}
	sort.SliceStable(out, func(i, j int) bool {
		if gi, gj := out[i].Kind == scheduler.AlertGap, out[j].Kind == scheduler.AlertGap; gi != gj {
			return gi
		}
		if rank[out[i].Severity] != rank[out[j].Severity] {
			return rank[out[i].Severity] < rank[out[j].Severity]
		}
		return out[i].Start.Before(out[j].Start)
	})
	return out, nil
}

// alertLink is where an alert's subject shows on the roster: a gap's cell;
// for a labour-rule breach, which has a guard but no post, the cell of the
// guard's first shift in the breach's period (the roster week of its first
// day when no shift of the guard is found there any more).
func (w *Web) alertLink(c echo.Context, a *scheduler.Alert) (string, error) {
	loc := w.Store.Location()
	switch {
	case a.PostID != nil:
		return rosterCellURL(*a.PostID, a.Start, loc), nil
	case a.GuardID == nil:
		return admRosterLink(a.Start, loc), nil
	}
	shs, err := w.Store.FindShifts(c.Request().Context(), scheduler.ShiftFilter{GuardID: a.GuardID,
		Status: scheduler.ShiftScheduled, From: &a.Start, To: &a.End})
	if err != nil {
		return "", err
	}
	// The first shift that starts in the period, else the one running at its start.
	var pick *scheduler.Shift
	for _, sh := range shs {
		if !sh.Start.Before(a.Start) {
			pick = sh
			break
		}
	}
	if pick == nil && len(shs) > 0 {
		pick = shs[0]
	}
	if pick == nil {
		return admRosterLink(a.Start, loc), nil
	}
	return rosterCellURL(pick.PostID, pick.Start, loc), nil
}

// GET /alerts — every open alert, to acknowledge or resolve; resolved ones below.
func (w *Web) alertsPage(c echo.Context) error {
	alerts, err := w.openAlerts(c)
	if err != nil {
		return err
	}
	resolved, err := w.Store.FindAlerts(c.Request().Context(), scheduler.AlertFilter{Status: scheduler.AlertResolved, Limit: 50})
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "alerts", map[string]any{"Alerts": alerts, "Resolved": resolved})
}

// GET /fragments/alerts — the open alerts' list alone, for the live refresh.
func (w *Web) alertsFragment(c echo.Context) error {
	alerts, err := w.openAlerts(c)
	if err != nil {
		return err
	}
	more := 0
	if c.QueryParam("first") != "" {
		alerts, more = firstAlerts(alerts, dashboardAlerts)
	}
	return w.render(c, http.StatusOK, "alerts_fragment", map[string]any{"Alerts": alerts, "AlertsMore": more})
}

// dashboardAlerts is how many open alerts the dashboard lists (the most
// urgent, as openAlerts orders them); the rest are a link to /alerts away.
const dashboardAlerts = 8

// firstAlerts keeps the first n alerts and says how many it left out.
func firstAlerts(as []alertView, n int) ([]alertView, int) {
	if len(as) <= n {
		return as, 0
	}
	return as[:n], len(as) - n
}

// POST /alerts/:id/ack and /alerts/:id/resolve
func (w *Web) ackAlert(c echo.Context) error { return w.alertAction(c, false) }

func (w *Web) resolveAlert(c echo.Context) error { return w.alertAction(c, true) }

func (w *Web) alertAction(c echo.Context, resolve bool) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	_, err = w.Hub.Acknowledge(c.Request().Context(), w.Store, id, resolve)
	switch scheduler.ErrorCode(err) {
	case "":
		w.flash(c, "alerts.done")
	case scheduler.ENOTFOUND:
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	case scheduler.ECONFLICT:
		w.flash(c, "!alerts.already")
	default:
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("back")))
}

// GET /live/alerts — Server-Sent Events of alert changes for the pages
// (session auth). The stream ends when the session does (checked every 30 s)
// and after an hour; the page's EventSource reconnects.
func (w *Web) liveAlerts(c echo.Context) error {
	if w.Hub == nil {
		return c.NoContent(http.StatusNoContent)
	}
	ctx, cancel := w.streamContext(c, scheduler.ActionOverview)
	defer cancel()
	return w.Hub.Stream(ctx, c.Response(), engine.StreamHeartbeat)
}
