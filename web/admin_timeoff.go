package web

import (
	"net/http"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// admToffRow is time off with its guard's name.
type admToffRow struct {
	*scheduler.TimeOff
	GuardName string
	Past      bool
}

// admSwapRow is a swap request with its two shifts.
type admSwapRow struct {
	*scheduler.SwapRequest
	NameA, NameB   string
	ShiftA, ShiftB *scheduler.Shift
	PostA, PostB   string
}

// admToffForm is the form that records time off.
type admToffForm struct {
	GuardID int64
	Kind    string
	Start   string
	End     string
	Note    string
	Errs    admErrs
}

// GET /time-off — requests to decide, swaps to approve, the form to record
// time off, and the time off of the last 30 days and ahead.
func (w *Web) admTimeOff(c echo.Context) error {
	loc := w.Store.Location()
	start := w.admToday().AddDate(0, 0, 1).Add(7 * time.Hour)
	f := &admToffForm{Kind: scheduler.TimeOffLeave, Start: start.In(loc).Format("2006-01-02T15:04"),
		End: start.AddDate(0, 0, 1).In(loc).Format("2006-01-02T15:04"), Errs: admErrs{}}
	return w.admTimeOffPage(c, http.StatusOK, f, "")
}

func (w *Web) admTimeOffPage(c echo.Context, status int, f *admToffForm, errMsg string) error {
	ctx := c.Request().Context()
	l := lang(c)
	now := w.Now()
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	pending, err := w.Store.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffRequested})
	if err != nil {
		return err
	}
	var reqs []admToffRow
	for _, t := range pending {
		reqs = append(reqs, admToffRow{TimeOff: t, GuardName: gn.Guards[t.GuardID], Past: !t.End.After(now)})
	}
	from, to := now.AddDate(0, 0, -30), now.AddDate(1, 0, 0)
	all, err := w.Store.FindTimeOff(ctx, scheduler.TimeOffFilter{From: &from, To: &to})
	if err != nil {
		return err
	}
	var list []admToffRow
	for _, t := range all {
		if t.Status != scheduler.TimeOffRequested {
			list = append(list, admToffRow{TimeOff: t, GuardName: gn.Guards[t.GuardID], Past: !t.End.After(now)})
		}
	}
	swaps, err := w.Store.FindSwapRequests(ctx, nil, scheduler.SwapAccepted)
	if err != nil {
		return err
	}
	posts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return err
	}
	pn := postNames(posts)
	var swapRows []admSwapRow
	for _, s := range swaps {
		row := admSwapRow{SwapRequest: s, NameA: gn.Guards[s.GuardA], NameB: gn.Guards[s.GuardB]}
		if row.ShiftA, err = w.Store.FindShiftByID(ctx, s.ShiftA); err != nil {
			return err
		}
		if row.ShiftB, err = w.Store.FindShiftByID(ctx, s.ShiftB); err != nil {
			return err
		}
		row.PostA, row.PostB = pn[row.ShiftA.PostID], pn[row.ShiftB.PostID]
		swapRows = append(swapRows, row)
	}
	active := true
	guards, err := w.Store.FindGuards(ctx, scheduler.GuardFilter{Active: &active})
	if err != nil {
		return err
	}
	var kinds []admChoice
	for _, k := range scheduler.TimeOffKinds {
		kinds = append(kinds, admChoice{k, tr(l, "kind."+k)})
	}
	return w.render(c, status, "admin_timeoff", map[string]any{"Requests": reqs, "List": list, "Swaps": swapRows,
		"Guards": guards, "Kinds": kinds, "F": f, "Error": errMsg})
}

// POST /time-off — a manager records time off, approved at once.
func (w *Web) admTimeOffCreate(c echo.Context) error {
	l := lang(c)
	loc := w.Store.Location()
	f := &admToffForm{Kind: c.FormValue("kind"), Start: strings.TrimSpace(c.FormValue("start")),
		End: strings.TrimSpace(c.FormValue("end")), Note: c.FormValue("note"), Errs: admErrs{}}
	if ids := admIDs(f.Errs, l, "guard_id", []string{c.FormValue("guard_id")}); len(ids) == 1 {
		f.GuardID = ids[0]
	} else {
		f.Errs.add("guard_id", tr(l, "adm.err.required"))
	}
	t := scheduler.TimeOff{GuardID: f.GuardID, Kind: f.Kind, Note: f.Note}
	var err error
	if t.Start, err = formTime(f.Start, loc); err != nil {
		f.Errs.add("start", tr(l, "adm.err.datetime"))
	}
	if t.End, err = formTime(f.End, loc); err != nil {
		f.Errs.add("end", tr(l, "adm.err.datetime"))
	}
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(l, "adm.err.form"))
		return w.admTimeOffPage(c, http.StatusBadRequest, f, "")
	}
	if err := w.Roster.RecordTimeOff(c.Request().Context(), principal(c), &t); err != nil {
		errs, status, err := admUserError(l, err, nil)
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admTimeOffPage(c, status, f, "")
	}
	w.flash(c, "adm.toff.recorded")
	return c.Redirect(http.StatusSeeOther, "/time-off")
}

// POST /time-off/:id/approve and /decline
func (w *Web) admTimeOffApprove(c echo.Context) error {
	return w.admTimeOffDecide(c, true)
}

func (w *Web) admTimeOffDecline(c echo.Context) error {
	return w.admTimeOffDecide(c, false)
}

func (w *Web) admTimeOffDecide(c echo.Context, approve bool) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	t, err := w.Roster.DecideTimeOff(c.Request().Context(), id, approve)
	switch scheduler.ErrorCode(err) {
	case "":
		w.flash(c, "adm.toff."+t.Status)
	case scheduler.ENOTFOUND:
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	case scheduler.ECONFLICT:
		w.flash(c, "!adm.toff.already")
	default:
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/time-off")
}

// POST /time-off/:id/delete
func (w *Web) admTimeOffDelete(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	if err := w.Roster.WithdrawTimeOff(c.Request().Context(), principal(c), id); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	w.flash(c, "adm.toff.deleted")
	return c.Redirect(http.StatusSeeOther, "/time-off")
}

// POST /time-off/swaps/:id/approve — the shifts are swapped at once.
func (w *Web) admSwapApprove(c echo.Context) error {
	return w.admSwapDecide(c, true)
}

// POST /time-off/swaps/:id/decline
func (w *Web) admSwapDecline(c echo.Context) error {
	return w.admSwapDecide(c, false)
}

func (w *Web) admSwapDecide(c echo.Context, approve bool) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	ctx := c.Request().Context()
	if approve {
		_, err = w.Roster.ApproveSwap(ctx, id)
	} else {
		_, err = w.Roster.DeclineSwap(ctx, principal(c), id)
	}
	switch scheduler.ErrorCode(err) {
	case "":
		if approve {
			w.flash(c, "adm.swap.approved")
		} else {
			w.flash(c, "adm.swap.declined")
		}
	case scheduler.ENOTFOUND:
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	case scheduler.ECONFLICT, scheduler.EINVALID:
		return w.admTimeOffPage(c, http.StatusConflict, &admToffForm{Kind: scheduler.TimeOffLeave, Errs: admErrs{}},
			tr(lang(c), "adm.swap.failed")+" "+domainMessage(lang(c), err))
	default:
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/time-off")
}
