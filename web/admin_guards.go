package web

import (
	"net/http"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// admGuardRow is a guard of the list.
type admGuardRow struct {
	*scheduler.Guard
	UnitLabel string
	PostNames []string
}

func admUnitLabel(l, unit string) string {
	switch unit {
	case scheduler.UnitOffice, scheduler.UnitPolice:
		return tr(l, "adm.unit."+unit)
	}
	return unit
}

// GET /guards — every guard with unit, contacts, posts and state.
func (w *Web) admGuards(c echo.Context) error {
	return w.admGuardsPage(c, http.StatusOK, "")
}

func (w *Web) admGuardsPage(c echo.Context, status int, errMsg string) error {
	ctx := c.Request().Context()
	l := lang(c)
	gs, err := w.Store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return err
	}
	posts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return err
	}
	pn := postNames(posts)
	var rows []admGuardRow
	for _, g := range gs {
		row := admGuardRow{Guard: g, UnitLabel: admUnitLabel(l, g.Unit)}
		for _, id := range g.PostIDs {
			row.PostNames = append(row.PostNames, pn[id])
		}
		rows = append(rows, row)
	}
	return w.render(c, status, "admin_guards", map[string]any{"Rows": rows, "Error": errMsg})
}

// admGuardForm is the create or edit form of a guard.
type admGuardForm struct {
	ID        int64
	Name      string
	Phone     string
	Email     string
	Unit      string // office, police or other
	UnitOther string
	Skills    string
	PostIDs   []int64
	Active    bool
	RestDay   int // ISO weekday 1..7 (0: unchanged, on create the default Sunday)
	Posts     []*scheduler.Post
	Errs      admErrs
}

func (w *Web) admGuardFormPage(c echo.Context, status int, f *admGuardForm) error {
	ps, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return err
	}
	f.Posts = ps
	if f.PostIDs == nil {
		f.PostIDs = []int64{}
	}
	return w.render(c, status, "admin_guard_form", map[string]any{"F": f, "RestDays": admRestDays(lang(c)),
		"Units": []admChoice{{scheduler.UnitOffice, tr(lang(c), "adm.unit.office")}, {scheduler.UnitPolice, tr(lang(c), "adm.unit.police")},
			{"other", tr(lang(c), "adm.unit.other")}}})
}

// GET /guards/new
func (w *Web) admGuardNew(c echo.Context) error {
	return w.admGuardFormPage(c, http.StatusOK, &admGuardForm{Unit: scheduler.UnitOffice, Active: true,
		RestDay: scheduler.DefaultRestDay, Errs: admErrs{}})
}

// admReadGuard reads the form into f and returns the guard it describes.
func admReadGuard(c echo.Context, f *admGuardForm) (scheduler.Guard, error) {
	l := lang(c)
	f.Name = c.FormValue("name")
	f.Phone = c.FormValue("phone")
	f.Email = c.FormValue("email")
	f.Unit = c.FormValue("unit")
	f.UnitOther = strings.TrimSpace(c.FormValue("unit_other"))
	f.Skills = c.FormValue("skills")
	f.Active = admChecked(c, "active")
	f.RestDay = admRestDay(c.FormValue("rest_day"))
	form, err := c.FormParams()
	if err != nil {
		return scheduler.Guard{}, err
	}
	f.PostIDs = admIDs(f.Errs, l, "post_ids", form["post_ids"])
	unit := f.Unit
	switch f.Unit {
	case scheduler.UnitOffice, scheduler.UnitPolice:
	case "other":
		unit = f.UnitOther
		if unit == "" {
			f.Errs.add("unit_other", tr(l, "adm.guard.unit_other_required"))
		}
	default:
		f.Errs.add("unit", tr(l, "adm.err.choice"))
	}
	return scheduler.Guard{Name: f.Name, Phone: f.Phone, Email: f.Email, Unit: unit, Skills: admSplit(f.Skills),
		PostIDs: f.PostIDs, Active: f.Active, RestDay: f.RestDay}, nil
}

func admGuardRename(f *admGuardForm) func(string) string {
	return func(field string) string {
		if field == "unit" && f.Unit == "other" {
			return "unit_other"
		}
		return field
	}
}

// POST /guards — create a guard.
func (w *Web) admGuardCreate(c echo.Context) error {
	f := &admGuardForm{Errs: admErrs{}}
	g, err := admReadGuard(c, f)
	if err != nil {
		return err
	}
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(lang(c), "adm.err.form"))
		return w.admGuardFormPage(c, http.StatusBadRequest, f)
	}
	if err := w.Store.CreateGuard(c.Request().Context(), &g); err != nil {
		errs, status, err := admUserError(lang(c), err, admGuardRename(f))
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admGuardFormPage(c, status, f)
	}
	w.flash(c, "adm.guard.created")
	return c.Redirect(http.StatusSeeOther, "/guards")
}

func (w *Web) admLoadGuard(c echo.Context) (*scheduler.Guard, error) {
	return admLoad(w, c, w.Store.FindGuardByID)
}

// GET /guards/:id — the edit form.
func (w *Web) admGuardEdit(c echo.Context) error {
	g, err := w.admLoadGuard(c)
	if g == nil {
		return err
	}
	f := &admGuardForm{ID: g.ID, Name: g.Name, Phone: g.Phone, Email: g.Email, Unit: g.Unit, Skills: strings.Join(g.Skills, ", "),
		PostIDs: g.PostIDs, Active: g.Active, RestDay: g.RestDay, Errs: admErrs{}}
	if g.Unit != scheduler.UnitOffice && g.Unit != scheduler.UnitPolice {
		f.Unit, f.UnitOther = "other", g.Unit
	}
	return w.admGuardFormPage(c, http.StatusOK, f)
}

// POST /guards/:id — save the edit form.
func (w *Web) admGuardUpdate(c echo.Context) error {
	cur, err := w.admLoadGuard(c)
	if cur == nil {
		return err
	}
	f := &admGuardForm{ID: cur.ID, Errs: admErrs{}}
	g, err := admReadGuard(c, f)
	if err != nil {
		return err
	}
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(lang(c), "adm.err.form"))
		return w.admGuardFormPage(c, http.StatusBadRequest, f)
	}
	_, err = w.Store.UpdateGuard(c.Request().Context(), cur.ID, func(x *scheduler.Guard) error {
		x.Name, x.Phone, x.Email, x.Unit, x.Skills, x.PostIDs, x.Active = g.Name, g.Phone, g.Email, g.Unit, g.Skills, g.PostIDs, g.Active
		if g.RestDay != 0 {
			x.RestDay = g.RestDay
		}
		return nil
	})
	if err != nil {
		errs, status, err := admUserError(lang(c), err, admGuardRename(f))
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admGuardFormPage(c, status, f)
	}
	w.flash(c, "common.saved")
	return c.Redirect(http.StatusSeeOther, "/guards")
}

// POST /guards/:id/active (active=0|1) — deactivate or reactivate a guard.
func (w *Web) admGuardActive(c echo.Context) error {
	cur, err := w.admLoadGuard(c)
	if cur == nil {
		return err
	}
	on := c.FormValue("active") == "1"
	if _, err := w.Store.UpdateGuard(c.Request().Context(), cur.ID, func(g *scheduler.Guard) error {
		g.Active = on
		return nil
	}); err != nil {
		errs, status, err := admUserError(lang(c), err, nil)
		if err != nil {
			return err
		}
		return w.admGuardsPage(c, status, admFirst(errs))
	}
	if on {
		w.flash(c, "adm.guard.activated")
	} else {
		w.flash(c, "adm.guard.deactivated")
	}
	return c.Redirect(http.StatusSeeOther, "/guards")
}

// POST /guards/:id/delete — refused (409, with the store's reason) when the guard has history.
func (w *Web) admGuardDelete(c echo.Context) error {
	cur, err := w.admLoadGuard(c)
	if cur == nil {
		return err
	}
	if err := w.Store.DeleteGuard(c.Request().Context(), cur.ID); err != nil {
		if scheduler.ErrorCode(err) == scheduler.ECONFLICT {
			return w.admGuardsPage(c, http.StatusConflict, tr(lang(c), "adm.guard.delete_refused", cur.Name)+" "+scheduler.ErrorMessage(err))
		}
		return err
	}
	w.flash(c, "adm.guard.deleted")
	return c.Redirect(http.StatusSeeOther, "/guards")
}

// admFirst is the most specific message of a form's errors.
func admFirst(errs admErrs) string {
	for k, v := range errs {
		if k != "" {
			return v
		}
	}
	return errs[""]
}
