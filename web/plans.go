package web

// The plans pages (/plans): a manager chooses a window and the posts, starts
// the planner through the plans service (scheduler/planning, which the API
// calls too), watches it run, previews the proposed roster against today's
// and applies or discards it. plans_view.go builds the plan's page,
// plans_live.go streams its progress.

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// planKeeps are the keep modes the form offers, in order.
var planKeeps = []string{scheduler.KeepAll, scheduler.KeepManual, scheduler.KeepNone}

// planForm is the form that starts a plan, with what was typed and why it was refused.
type planForm struct {
	Mode       string // "month" or "range"
	Month      string // YYYY-MM
	From, To   string // YYYY-MM-DD, To inclusive
	PostIDs    []int64
	Keep       string
	TimeLimitS string
	Posts      []*scheduler.Post
	Errs       admErrs
}

// planListRow is a plan of the recent list.
type planListRow struct {
	*scheduler.Plan
	Posts    string
	LastDay  time.Time
	StatusTx string
}

// planNextMonth is the first day of the month after now's, as "YYYY-MM".
func planNextMonth(now time.Time, loc *time.Location) string {
	n := now.In(loc)
	return scheduler.DateStart(n.Year(), n.Month()+1, 1, loc).Format("2006-01")
}

// GET /plans?post=&from=&to= — the form (the posts given preselected, else
// the first post kept by the office's guards) and the recent plans.
func (w *Web) plansPage(c echo.Context) error {
	loc := w.Store.Location()
	f := &planForm{Mode: "month", Month: planNextMonth(w.Now(), loc), Keep: scheduler.KeepAll,
		TimeLimitS: strconv.Itoa(scheduler.DefaultPlanTimeLimitS), Errs: admErrs{}}
	q := c.QueryParams()
	for _, v := range q["post"] {
		if id, err := formID(v); err == nil {
			f.PostIDs = append(f.PostIDs, id)
		}
	}
	if from, to := q.Get("from"), q.Get("to"); from != "" && to != "" {
		f.Mode, f.From, f.To = "range", from, to
	}
	if k := q.Get("keep"); k != "" {
		f.Keep = k
	}
	if err := w.planPosts(c, f); err != nil {
		return err
	}
	if len(f.PostIDs) == 0 {
		for _, p := range f.Posts {
			if p.Kind == scheduler.PostKindGuard {
				f.PostIDs = []int64{p.ID}
				break
			}
		}
	}
	return w.renderPlans(c, http.StatusOK, f)
}

// planPosts loads the active posts to choose from.
func (w *Web) planPosts(c echo.Context, f *planForm) error {
	active := true
	ps, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{Active: &active})
	if err != nil {
		return err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	f.Posts = ps
	return nil
}

// renderPlans shows the form and the recent plans.
func (w *Web) renderPlans(c echo.Context, status int, f *planForm) error {
	rows, err := w.planList(c)
	if err != nil {
		return err
	}
	return w.render(c, status, "plans", map[string]any{"F": f, "Rows": rows, "Keeps": planKeeps})
}

// planList is the recent plans, newest first.
func (w *Web) planList(c echo.Context) ([]planListRow, error) {
	l := lang(c)
	ps, err := w.Planning.List(c.Request().Context(), principal(c))
	if err != nil {
		return nil, err
	}
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	pn := postNames(posts)
	loc := w.Store.Location()
	var rows []planListRow
	for _, p := range ps {
		var ns []string
		for _, id := range p.PostIDs {
			ns = append(ns, pn[id])
		}
		rows = append(rows, planListRow{Plan: p, Posts: strings.Join(ns, ", "), LastDay: planLastDay(p.To, loc),
			StatusTx: tr(l, "plans.status."+p.Status)})
	}
	return rows, nil
}

// planLastDay is the last day of a window ending (exclusively) at to.
func planLastDay(to time.Time, loc *time.Location) time.Time {
	return scheduler.DayStart(to.Add(-time.Minute), loc)
}

// POST /plans (mode, month | from, to, post, keep, time_limit_s) — start a
// plan and go to its page.
func (w *Web) planStart(c echo.Context) error {
	l := lang(c)
	loc := w.Store.Location()
	f := &planForm{Mode: c.FormValue("mode"), Month: strings.TrimSpace(c.FormValue("month")),
		From: strings.TrimSpace(c.FormValue("from")), To: strings.TrimSpace(c.FormValue("to")),
		Keep: c.FormValue("keep"), TimeLimitS: strings.TrimSpace(c.FormValue("time_limit_s")), Errs: admErrs{}}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	f.PostIDs = admIDs(f.Errs, l, "post_ids", form["post"])
	if err := w.planPosts(c, f); err != nil {
		return err
	}
	req := scheduler.PlanRequest{PostIDs: f.PostIDs, Keep: f.Keep}
	req.TimeLimitS = admInt(f.Errs, l, "time_limit_s", f.TimeLimitS, scheduler.DefaultPlanTimeLimitS)
	if f.Mode == "range" {
		from := admDate(f.Errs, l, "from", f.From, time.Time{}, loc)
		to := admDate(f.Errs, l, "to", f.To, time.Time{}, loc)
		if f.From == "" {
			f.Errs.add("from", tr(l, "adm.err.required"))
		}
		if f.To == "" {
			f.Errs.add("to", tr(l, "adm.err.required"))
		}
		if !from.IsZero() && !to.IsZero() {
			req.From, req.To = from.Format(scheduler.DateLayout), rosterNextDay(to, loc).Format(scheduler.DateLayout)
		}
	} else {
		f.Mode = "month"
		m, err := time.ParseInLocation("2006-01", f.Month, loc)
		if err != nil {
			f.Errs.add("month", tr(l, "plans.err.month"))
		} else {
			req.From = m.Format(scheduler.DateLayout)
			req.To = scheduler.DateStart(m.Year(), m.Month()+1, 1, loc).Format(scheduler.DateLayout)
		}
	}
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(l, "adm.err.form"))
		return w.renderPlans(c, http.StatusBadRequest, f)
	}
	p, err := w.Planning.Start(c.Request().Context(), principal(c), sessionOf(c).User.Name, req)
	if err != nil {
		errs, status, err := admUserError(l, err, planFieldName)
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.renderPlans(c, status, f)
	}
	return c.Redirect(http.StatusSeeOther, "/plans/"+strconv.FormatInt(p.ID, 10))
}

// planFieldName maps a plan request's field to the form's input.
func planFieldName(field string) string {
	switch {
	case strings.HasPrefix(field, "post_ids"):
		return "post_ids"
	case strings.HasPrefix(field, "guard_ids"):
		return ""
	}
	return field
}

// planAgainURL is the form again for plan p's window and posts.
func planAgainURL(p *scheduler.Plan, loc *time.Location) string {
	q := url.Values{}
	for _, id := range p.PostIDs {
		q.Add("post", strconv.FormatInt(id, 10))
	}
	q.Set("from", p.From.In(loc).Format(scheduler.DateLayout))
	q.Set("to", planLastDay(p.To, loc).Format(scheduler.DateLayout))
	if p.Keep != "" {
		q.Set("keep", p.Keep)
	}
	return "/plans?" + q.Encode()
}

// planBadge is the badge class of a plan's status.
func planBadge(status string) string {
	switch status {
	case scheduler.PlanDone, scheduler.PlanApplied:
		return "ok"
	case scheduler.PlanFailed:
		return "bad"
	}
	return "warn"
}
