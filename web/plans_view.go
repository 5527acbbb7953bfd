package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// The kinds of a preview entry, against today's roster.
const (
	planKept    = "kept"
	planAdded   = "added"
	planChanged = "changed"
	planRemoved = "removed"
)

// planEntry is one shift in a cell of the preview.
type planEntry struct {
	Kind        string // planKept, planAdded, planChanged or planRemoved
	Short, Name string // the guard ("" for an open shift)
	Was         string // for a changed shift: who held it ("" when it was open)
	WasOpen     bool
	Times       string // "06:00–14:00"
	Start       time.Time
}

// planCell is one post on one day of the preview.
type planCell struct {
	Day     *rosterDay
	Entries []planEntry
	Changes bool // something in it changes
}

type planGridRow struct {
	Post  *scheduler.Post
	Cells []planCell
}

// planGrid is the preview: the plan's posts × the days of its window.
type planGrid struct {
	Days []rosterDay
	Rows []planGridRow
}

// planFairRow is one guard's line of the fairness table.
type planFairRow struct {
	scheduler.GuardLoad
	Name  string
	Hours string
	Prefs string // "2/3", or "—" without preferences
}

// planReason is why one guard could not take an unfilled stretch.
type planReason struct{ Name, Text string }

// planUnfilled is an unfilled stretch as the page shows it.
type planUnfilled struct {
	Post    string
	When    string // "07/12 22:00–08/12 06:00"
	Missing int
	Reasons []planReason
}

// planPage is what the plan's page shows.
type planPage struct {
	P          *scheduler.Plan
	Running    bool
	Finished   bool // done, applied or discarded: the result shows
	Posts      string
	LastDay    time.Time
	StatusTx   string
	KeepTx     string
	Elapsed    string
	Best       string
	Verdict    string
	Required   string
	Covered    string
	Uncovered  string
	HoursRange string
	Grid       planGrid
	Counts     [3]int // added, changed, removed
	Fair       []planFairRow
	Unfilled   []planUnfilled
	Applied    string   // the counts after an apply
	Months     []string // YYYY-MM of the window, for links to the roster
	Conflict   string   // why an apply was refused
	AgainURL   string
}

// GET /plans/:id — the plan: its progress while it runs, then its result.
func (w *Web) planPageGet(c echo.Context) error {
	p, err := w.planLoad(c)
	if p == nil {
		return err
	}
	v, err := w.planView(c, p)
	if err != nil {
		return err
	}
	if a := c.QueryParam("applied"); a != "" && p.Status == scheduler.PlanApplied {
		n := strings.Split(a, ",")
		if len(n) == 3 {
			v.Applied = tr(lang(c), "plans.applied", n[0], n[1], n[2])
		}
	}
	return w.render(c, http.StatusOK, "plan", v)
}

// planLoad returns the plan of the path's id, or nil and the error page's error.
func (w *Web) planLoad(c echo.Context) (*scheduler.Plan, error) {
	id, err := formID(c.Param("id"))
	if err != nil {
		return nil, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	p, err := w.Planning.Get(c.Request().Context(), principal(c), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	return p, err
}

// planView builds the page of p: each section with its own builder.
func (w *Web) planView(c echo.Context, p *scheduler.Plan) (*planPage, error) {
	l := lang(c)
	loc := w.Store.Location()
	v := &planPage{P: p, Running: p.Status == scheduler.PlanRunning, LastDay: planLastDay(p.To, loc),
		StatusTx: tr(l, "plans.status."+p.Status), KeepTx: tr(l, "plans.keep."+p.Keep), AgainURL: planAgainURL(p, loc)}
	v.Finished = p.Summary != nil && p.Status != scheduler.PlanRunning && p.Status != scheduler.PlanFailed
	v.Elapsed, v.Best = planProgressText(l, p.Progress)
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*scheduler.Post{}
	for _, x := range posts {
		byID[x.ID] = x
	}
	var ns []string
	for _, id := range p.PostIDs {
		if x := byID[id]; x != nil {
			ns = append(ns, x.Name)
		}
	}
	v.Posts = strings.Join(ns, ", ")
	for m := p.From.In(loc); m.Before(p.To); m = scheduler.DateStart(m.Year(), m.Month()+1, 1, loc) {
		v.Months = append(v.Months, m.Format("2006-01"))
	}
	if !v.Finished {
		return v, nil
	}
	gn, err := w.guardNames(c)
	if err != nil {
		return nil, err
	}
	v.planSummary(l, p.Summary)
	if err := w.planGrid(c, v, byID, gn); err != nil {
		return nil, err
	}
	v.Fair = planFairness(l, p.Summary, gn)
	v.Unfilled = planUnfilledView(l, p, byID, gn, loc)
	return v, nil
}

// planProgressText is the elapsed time and the best objective so far, in words.
func planProgressText(l string, pr scheduler.PlanProgress) (string, string) {
	best := "—"
	if pr.BestObjective != nil {
		best = strconv.FormatInt(*pr.BestObjective, 10)
	}
	return tr(l, "plans.seconds", admNum(l, float64(int(pr.ElapsedS*10))/10)), best
}

// planSummary fills the summary box's figures.
func (v *planPage) planSummary(l string, s *scheduler.PlanSummary) {
	v.Verdict = s.VerdictVi
	if l == "en" || v.Verdict == "" {
		v.Verdict = s.Verdict
	}
	v.Required, v.Covered, v.Uncovered = admNum(l, s.RequiredHours), admNum(l, s.CoveredHours), admNum(l, s.UncoveredHours)
	v.HoursRange = admNum(l, s.Fairness.HoursSpread)
}

// planGrid lays out the preview: every shift of the plan on the day it
// starts, marked against today's roster, and the shifts the plan cancels.
func (w *Web) planGrid(c echo.Context, v *planPage, posts map[int64]*scheduler.Post, gn names) error {
	loc := w.Store.Location()
	p := v.P
	var g rosterGrid
	if err := w.rosterDays(c, &g, scheduler.DayStart(p.From, loc), p.To); err != nil {
		return err
	}
	v.Grid.Days = g.Days
	short := rosterShortNames(gn.Guards)
	name := func(id *int64) (string, string) {
		if id == nil {
			return "", ""
		}
		return short[*id], gn.Guards[*id]
	}
	times := func(a, b time.Time) string { return a.In(loc).Format("15:04") + "–" + b.In(loc).Format("15:04") }
	changed := map[int64]scheduler.PlanChange{}
	for _, ch := range p.Diff.Changed {
		changed[ch.ShiftID] = ch
	}
	var all []planEntryAt
	for _, s := range p.Shifts {
		gid := s.GuardID
		e := planEntry{Kind: planAdded, Times: times(s.Start, s.End), Start: s.Start}
		e.Short, e.Name = name(&gid)
		if ch, ok := changed[s.ShiftID]; ok && s.ShiftID != 0 {
			e.Kind = planChanged
			e.Was, _ = name(ch.FromGuardID)
			e.WasOpen = ch.FromGuardID == nil
			delete(changed, s.ShiftID)
		} else if s.Kept || s.ShiftID != 0 {
			e.Kind = planKept
		}
		all = append(all, planEntryAt{s.PostID, e})
	}
	for _, ch := range p.Diff.Changed {
		if _, left := changed[ch.ShiftID]; !left {
			continue // shown with the plan's shifts
		}
		gid := ch.ToGuardID
		e := planEntry{Kind: planChanged, Times: times(ch.Start, ch.End), Start: ch.Start, WasOpen: ch.FromGuardID == nil}
		e.Short, e.Name = name(&gid)
		e.Was, _ = name(ch.FromGuardID)
		all = append(all, planEntryAt{ch.PostID, e})
	}
	for _, r := range p.Diff.Removed {
		e := planEntry{Kind: planRemoved, Times: times(r.Start, r.End), Start: r.Start}
		e.Short, e.Name = name(r.GuardID)
		all = append(all, planEntryAt{r.PostID, e})
	}
	v.Counts = [3]int{len(p.Diff.Added), len(p.Diff.Changed), len(p.Diff.Removed)}
	v.Grid.Rows = planRows(v.Grid.Days, p.PostIDs, posts, all)
	return nil
}

// planEntryAt is an entry of the preview and its post.
type planEntryAt struct {
	PostID int64
	E      planEntry
}

// planRows puts each entry in the cell of its post and of the day it starts.
func planRows(days []rosterDay, postIDs []int64, posts map[int64]*scheduler.Post, all []planEntryAt) []planGridRow {
	var rows []planGridRow
	at := map[int64]int{}
	for _, id := range postIDs {
		p := posts[id]
		if p == nil {
			p = &scheduler.Post{ID: id, Name: "#" + strconv.FormatInt(id, 10)}
		}
		row := planGridRow{Post: p, Cells: make([]planCell, len(days))}
		for i := range days {
			row.Cells[i].Day = &days[i]
		}
		at[id] = len(rows)
		rows = append(rows, row)
	}
	for _, x := range all {
		r, ok := at[x.PostID]
		if !ok {
			continue
		}
		i := sort.Search(len(days), func(i int) bool { return days[i].End.After(x.E.Start) })
		if i >= len(days) || x.E.Start.Before(days[i].Start) {
			continue
		}
		cell := &rows[r].Cells[i]
		cell.Entries = append(cell.Entries, x.E)
		cell.Changes = cell.Changes || x.E.Kind != planKept
	}
	order := map[string]int{planRemoved: 0, planKept: 1, planChanged: 1, planAdded: 1}
	for r := range rows {
		for i := range rows[r].Cells {
			es := rows[r].Cells[i].Entries
			sort.SliceStable(es, func(a, b int) bool {
				if !es[a].Start.Equal(es[b].Start) {
					return es[a].Start.Before(es[b].Start)
				}
				return order[es[a].Kind] < order[es[b].Kind]
			})
		}
	}
	return rows
}

// planFairness is the fairness table: one line per guard, by name.
func planFairness(l string, s *scheduler.PlanSummary, gn names) []planFairRow {
	var out []planFairRow
	for _, g := range s.Guards {
		r := planFairRow{GuardLoad: g, Name: gn.Guards[g.GuardID], Hours: admNum(l, g.Hours), Prefs: "—"}
		if r.Name == "" {
			r.Name = "#" + strconv.FormatInt(g.GuardID, 10)
		}
		if g.PreferencesTotal > 0 {
			r.Prefs = fmt.Sprintf("%d/%d", g.PreferencesMet, g.PreferencesTotal)
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// planUnfilledView is the unfilled stretches with each guard's reason in language l.
func planUnfilledView(l string, p *scheduler.Plan, posts map[int64]*scheduler.Post, gn names, loc *time.Location) []planUnfilled {
	var out []planUnfilled
	for _, u := range p.Unfilled {
		x := planUnfilled{Missing: u.Missing, When: planStretch(u.Start, u.End, loc)}
		if pp := posts[u.PostID]; pp != nil {
			x.Post = pp.Name
		}
		for _, r := range u.Reasons {
			n := gn.Guards[r.GuardID]
			if n == "" {
				n = "#" + strconv.FormatInt(r.GuardID, 10)
			}
			x.Reasons = append(x.Reasons, planReason{Name: n, Text: planReasonText(l, r, loc)})
		}
		out = append(out, x)
	}
	return out
}

// planStretch is "07/12 22:00–08/12 06:00", or "07/12 06:00–14:00" within a day
// (24:00 for the end of the day).
func planStretch(a, b time.Time, loc *time.Location) string {
	a, b = a.In(loc), b.In(loc)
	end := b.Format("02/01 15:04")
	if a.Format("20060102") == b.Format("20060102") {
		end = b.Format("15:04")
	} else if b.Equal(rosterNextDay(a, loc)) {
		end = "24:00"
	}
	return a.Format("02/01 15:04") + "–" + end
}

// planReasonText is why a guard could not take an unfilled stretch, in
// language l, by the reason's key (the catalogue "planner"; Vietnamese from
// errorsPlannerVI). Arguments that are instants (also as RFC 3339 text, as
// they come back from storage) show in the office zone, dates as dd/mm/yyyy.
func planReasonText(l string, r scheduler.UnfilledReason, loc *time.Location) string {
	if r.Key == "" {
		if l == "en" {
			return r.Message
		}
		return tr(l, "plans.reason."+r.Rule)
	}
	args := map[string]any{}
	for k, v := range r.Args {
		switch x := v.(type) {
		case time.Time:
			v = x.In(loc)
		case string:
			if t, err := time.Parse(time.RFC3339, x); err == nil {
				v = t.In(loc)
			} else if _, err := time.Parse(scheduler.DateLayout, x); err == nil {
				v = scheduler.Day(x)
			}
		}
		args[k] = v
	}
	return keyMessage(l, r.Key, args)
}

// keyMessage renders a catalogue key with its arguments in language l.
func keyMessage(l, key string, args map[string]any) string {
	if l != "en" {
		if t, ok := errorTextVI(key); ok {
			return scheduler.RenderMessage(t, args, func(v any) string { return formatArg("vi", v) })
		}
	}
	return scheduler.RenderMessage(scheduler.MessageEN(key), args, func(v any) string { return formatArg("en", v) })
}

// POST /plans/:id/apply — write the plan to the roster; a conflict (the
// roster changed since, or the plan was applied already) shows why.
func (w *Web) planApply(c echo.Context) error {
	p, err := w.planLoad(c)
	if p == nil {
		return err
	}
	res, err := w.Planning.Apply(c.Request().Context(), principal(c), p.ID)
	if code := scheduler.ErrorCode(err); code == scheduler.ECONFLICT || code == scheduler.EINVALID {
		v, verr := w.planView(c, p)
		if verr != nil {
			return verr
		}
		v.Conflict = domainMessage(lang(c), err)
		return w.render(c, meStatus(code), "plan", v)
	} else if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/plans/%d?applied=%d,%d,%d", p.ID, res.Created, res.Changed, res.Cancelled))
}

// POST /plans/:id/discard — drop the plan (a running one stops first).
func (w *Web) planDiscard(c echo.Context) error {
	p, err := w.planLoad(c)
	if p == nil {
		return err
	}
	if err := w.Planning.Discard(c.Request().Context(), principal(c), p.ID); err != nil {
		if code := scheduler.ErrorCode(err); code == scheduler.ECONFLICT || code == scheduler.EINVALID {
			v, verr := w.planView(c, p)
			if verr != nil {
				return verr
			}
			v.Conflict = domainMessage(lang(c), err)
			return w.render(c, meStatus(code), "plan", v)
		}
		return err
	}
	w.flash(c, "plans.discarded")
	return c.Redirect(http.StatusSeeOther, "/plans")
}
