package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/roster"

	"github.com/labstack/echo/v4"
)

// The cell editor's writes. Assigning and reassigning take two clicks: the
// first shows what the change would break (POST /roster/check), the second
// saves it. Each handler reads its form, asks the roster service for the
// preview or the save, and shows the result: the rules are the service's.

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

// POST /roster/shift — creates a shift (post, start, end, guard, note); an
// open shift of the post at exactly these times is filled instead of doubled.
func (w *Web) rosterCreate(c echo.Context) error { return w.rosterAssign(c, true) }

// POST /roster/shift/:id — gives a shift to another guard, or makes it open (version, guard).
func (w *Web) rosterReassign(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	return w.rosterDoReassign(c, id, true)
}

// rosterAssign checks (save false) or saves a new shift.
func (w *Web) rosterAssign(c echo.Context, save bool) error {
	f, resp, ok := w.rosterReadAssign(c)
	if !ok {
		return resp
	}
	if f.Err != nil {
		return w.rosterFail(c, f.Post.ID, f.Day, f.St, f.Err)
	}
	ctx := c.Request().Context()
	pv, err := w.Roster.PreviewCreate(ctx, f.Cand)
	if err != nil {
		return err
	}
	if !save || !pv.Savable() {
		loc := w.Store.Location()
		check := &rosterCheckView{Action: "assign", URL: "/roster/shift", Start: rosterDTLocal(f.Cand.Start, loc),
			End: rosterDTLocal(f.Cand.End, loc), Note: f.St.Note}
		return w.rosterPreview(c, f.Post.ID, f.Day, f.St, pv, check, save)
	}
	out, _, err := w.Roster.CreateShift(ctx, f.Cand)
	if err != nil {
		return w.rosterFail(c, f.Post.ID, f.Day, f.St, err)
	}
	w.rosterSavedWith(c, out.Violations)
	return c.Redirect(http.StatusSeeOther, rosterCellURL(f.Post.ID, f.Day, w.Store.Location()))
}

// rosterDoReassign checks (save false) or saves a shift's new guard (or none).
func (w *Web) rosterDoReassign(c echo.Context, id int64, save bool) error {
	sh, day, resp, ok := w.rosterShiftDay(c, id)
	if !ok {
		return resp
	}
	st := rosterCellState{Focus: sh.ID}
	ver, _ := strconv.Atoi(c.FormValue("version"))
	gid, err := rosterFormGuard(c)
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	ctx := c.Request().Context()
	pv, err := w.Roster.PreviewReassign(ctx, sh.ID, ver, gid)
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	if !save || !pv.Savable() {
		check := &rosterCheckView{Action: "reassign", URL: fmt.Sprintf("/roster/shift/%d", sh.ID), ShiftID: sh.ID,
			Version: sh.Version, FromGuard: sh.GuardID}
		return w.rosterPreview(c, sh.PostID, day, st, pv, check, save)
	}
	out, err := w.Roster.Reassign(ctx, sh.ID, ver, gid)
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	w.rosterSavedWith(c, out.Violations)
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sh.PostID, day, w.Store.Location()))
}

// rosterPreview shows the editor with a preview: the check view of what
// saving would break (save false), or why the save was refused (409). A
// preview whose problem is invalid input shows as that input's error (400).
func (w *Web) rosterPreview(c echo.Context, postID int64, day time.Time, st rosterCellState, pv roster.Preview,
	check *rosterCheckView, save bool) error {
	l := lang(c)
	loc := w.Store.Location()
	if scheduler.ErrorCode(pv.Problem) == scheduler.EINVALID {
		return w.rosterFail(c, postID, day, st, pv.Problem)
	}
	problem := ""
	switch {
	case pv.Overlap != nil:
		problem = tr(l, "roster.err_overlap", rosterShiftSpan(l, pv.Overlap.Start, pv.Overlap.End, loc))
	case pv.Problem != nil:
		_, problem, _ = rosterExplain(l, pv.Problem)
	}
	if save {
		st.Error, st.ErrorField = problem, "guard"
		if problem == "" {
			st.Error = tr(l, "roster.blocked", rosterBreachLine(l, pv.Blocking[0]))
		}
		return w.rosterEditor(c, http.StatusConflict, postID, day, st)
	}
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	sh := pv.Shift
	check.Date, check.Span = day.In(loc).Format(scheduler.DateLayout), fmtSpan(sh.Start, sh.End, loc)
	check.Guard, check.GuardName, check.FromName = "open", gn.name(sh.GuardID), gn.name(check.FromGuard)
	if sh.GuardID != nil {
		check.Guard = strconv.FormatInt(*sh.GuardID, 10)
	}
	check.Violations, check.Blocking, check.Problem = rosterLines(l, pv.Violations), rosterLines(l, pv.Blocking), problem
	st.Check = check
	status := http.StatusOK
	if !pv.Savable() {
		status = http.StatusConflict
	}
	return w.rosterEditor(c, status, postID, day, st)
}

// POST /roster/swap (a, b, date) — swaps the guards of two shifts.
func (w *Web) rosterSwap(c echo.Context) error {
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
		return w.rosterFail(c, sa.PostID, day, st, scheduler.E(scheduler.EINVALID, "b", "roster.swap_shift", "which", "b"))
	}
	x, y, err := w.Roster.Swap(c.Request().Context(), a, b)
	if err != nil {
		return w.rosterFail(c, sa.PostID, day, st, err)
	}
	w.rosterSavedWith(c, append(append([]scheduler.Violation{}, x.Violations...), y.Violations...))
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sa.PostID, day, w.Store.Location()))
}

// POST /roster/shift/:id/cancel (version, date) — cancels a shift; one
// cancelled already says so.
func (w *Web) rosterCancel(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	sh, day, resp, ok := w.rosterShiftDay(c, id)
	if !ok {
		return resp
	}
	st := rosterCellState{Focus: id}
	ver, _ := strconv.Atoi(c.FormValue("version"))
	if err := roster.NeedVersion(ver); err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	_, changed, err := w.Roster.Cancel(c.Request().Context(), id, ver)
	if err != nil {
		return w.rosterFail(c, sh.PostID, day, st, err)
	}
	if changed {
		w.flash(c, "roster.cancelled")
	} else {
		w.flash(c, "!roster.already_cancelled")
	}
	return c.Redirect(http.StatusSeeOther, rosterCellURL(sh.PostID, day, w.Store.Location()))
}
