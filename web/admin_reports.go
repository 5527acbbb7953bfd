package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// admMaxReportDays bounds the window of a report page.
const admMaxReportDays = 400

// admRange reads from and to (dates of the office zone, both inclusive) with
// defaults; it returns the window [from, to+1 day) and the errors of the fields.
func (w *Web) admRange(c echo.Context, defFrom, defTo time.Time) (time.Time, time.Time, admErrs) {
	l := lang(c)
	loc := w.Store.Location()
	errs := admErrs{}
	from := admDate(errs, l, "from", c.QueryParam("from"), defFrom, loc)
	to := admDate(errs, l, "to", c.QueryParam("to"), defTo, loc)
	if len(errs) == 0 && to.Before(from) {
		errs.add("to", tr(l, "adm.err.to_before_from"))
	}
	if len(errs) == 0 && to.Sub(from) > admMaxReportDays*24*time.Hour {
		errs.add("to", tr(l, "adm.err.too_long", admMaxReportDays))
	}
	end := scheduler.DayStart(to.Add(36*time.Hour), loc)
	return from, end, errs
}

// admViolRow is a breach with its figures in words, the law it breaks cited
// in the page's language (Article hides the domain's English citation), and
// a link to the roster.
type admViolRow struct {
	scheduler.Violation
	Value, Limit string
	Article      string
	Link         string
}

// admViolGroup is one guard's breaches.
type admViolGroup struct {
	GuardID int64
	Name    string
	Rows    []admViolRow
}

// GET /violations?from=&to= — the breaches of the labour rules over the
// window (default: this month), by guard.
func (w *Web) admViolations(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	loc := w.Store.Location()
	today := w.admToday().In(loc)
	first := scheduler.DateStart(today.Year(), today.Month(), 1, loc)
	last := first.AddDate(0, 1, -1)
	from, end, errs := w.admRange(c, first, last)
	data := map[string]any{"From": from.Format(scheduler.DateLayout),
		"To": end.Add(-time.Hour).In(loc).Format(scheduler.DateLayout), "Errs": errs}
	if len(errs) > 0 {
		data["From"], data["To"] = c.QueryParam("from"), c.QueryParam("to")
		return w.render(c, http.StatusBadRequest, "admin_violations", data)
	}
	vs, err := report.Violations(ctx, w.Store, from, end, nil)
	if err != nil {
		return err
	}
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	byGuard := map[int64]*admViolGroup{}
	var groups []*admViolGroup
	for _, v := range vs {
		g := byGuard[v.GuardID]
		if g == nil {
			g = &admViolGroup{GuardID: v.GuardID, Name: gn.Guards[v.GuardID]}
			byGuard[v.GuardID] = g
			groups = append(groups, g)
		}
		g.Rows = append(g.Rows, admViolRow{Violation: v, Value: admNum(l, v.Value), Limit: admNum(l, v.Limit),
			Article: lawArticle(l, v.Article), Link: admRosterLink(v.Start, loc)})
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Name < groups[j].Name })
	for _, g := range groups {
		sort.SliceStable(g.Rows, func(i, j int) bool { return g.Rows[i].Start.Before(g.Rows[j].Start) })
	}
	data["Groups"], data["Count"] = groups, len(vs)
	return w.render(c, http.StatusOK, "admin_violations", data)
}

// admStaffRow is a post's staffing with what it lacks.
type admStaffRow struct {
	coverage.PostStaffing
	Name    string
	Police  bool
	Short   int
	Hours   string
	Verdict string
	PlanURL string // the plans form for the post (or the short posts) over the same days
}

func admStaffView(l string, ps coverage.PostStaffing, name string, police bool) admStaffRow {
	r := admStaffRow{PostStaffing: ps, Name: name, Police: police, Short: max(0, ps.MinGuards-ps.EligibleGuards),
		Hours: admNum(l, ps.RequiredHoursPerWeek), Verdict: ps.VerdictVi}
	if l == "en" {
		r.Verdict = ps.Verdict
	}
	return r
}

// GET /staffing?from=&to= — how many guards each post needs to be held
// lawfully against how many it has (default: the next 4 weeks).
func (w *Web) admStaffing(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	loc := w.Store.Location()
	today := w.admToday()
	from, end, errs := w.admRange(c, today, today.AddDate(0, 0, 27))
	data := map[string]any{"From": from.Format(scheduler.DateLayout),
		"To": end.Add(-time.Hour).In(loc).Format(scheduler.DateLayout), "Errs": errs}
	if len(errs) > 0 {
		data["From"], data["To"] = c.QueryParam("from"), c.QueryParam("to")
		return w.render(c, http.StatusBadRequest, "admin_staffing", data)
	}
	rep, err := report.Staffing(ctx, w.Store, from, end, nil)
	if err != nil {
		return err
	}
	posts, err := report.ActivePosts(ctx, w.Store, nil)
	if err != nil {
		return err
	}
	byID := map[int64]*scheduler.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	var rows []admStaffRow
	planQ := url.Values{"from": {data["From"].(string)}, "to": {data["To"].(string)}}
	short := url.Values{"from": planQ["from"], "to": planQ["to"]}
	for _, ps := range rep.Posts {
		name, police := "", false
		if p := byID[ps.PostID]; p != nil {
			name, police = p.Name, p.Kind == scheduler.PostKindPolice
		}
		row := admStaffView(l, ps, name, police)
		q := url.Values{"from": planQ["from"], "to": planQ["to"], "post": {strconv.FormatInt(ps.PostID, 10)}}
		row.PlanURL = "/plans?" + q.Encode()
		if row.Short > 0 {
			short.Add("post", strconv.FormatInt(ps.PostID, 10))
		}
		rows = append(rows, row)
	}
	data["Rows"] = rows
	total := admStaffView(l, rep.Total, tr(l, "adm.staff.total"), false)
	if len(short["post"]) > 0 {
		total.PlanURL = "/plans?" + short.Encode()
	}
	data["Total"] = total
	return w.render(c, http.StatusOK, "admin_staffing", data)
}
