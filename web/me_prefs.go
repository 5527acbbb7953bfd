package web

// A guard's preferences on /me: stretches of the week to avoid or to prefer
// and the most night shifts a month they wish, weighed by the planner. Saved
// through the plans service (the API's PUT /me/preferences calls it too).

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// mePrefRow is one window of the preferences form.
type mePrefRow struct {
	I          int
	Days       []int
	Start, End string
}

// mePrefs is the preferences form: what is stored, or what was typed and why
// it was refused (Errs by input name).
type mePrefs struct {
	Avoid, Prefer []mePrefRow
	MaxNights     string
	Errs          admErrs
	Days          []admDay
}

// blank adds an empty row to the list of kind ("avoid" or "prefer").
func (f *mePrefs) blank(kind string) {
	rows := &f.Avoid
	if kind == "prefer" {
		rows = &f.Prefer
	}
	*rows = append(*rows, mePrefRow{I: len(*rows), Days: []int{}})
}

// mePrefsForm is the form of stored preferences p, with a blank row in each list.
func mePrefsForm(l string, p *scheduler.Preferences) *mePrefs {
	f := &mePrefs{Errs: admErrs{}, Days: admDays(l)}
	for i, w := range p.Avoid {
		f.Avoid = append(f.Avoid, mePrefRow{I: i, Days: w.Days, Start: w.Start, End: w.End})
	}
	for i, w := range p.Prefer {
		f.Prefer = append(f.Prefer, mePrefRow{I: i, Days: w.Days, Start: w.Start, End: w.End})
	}
	if p.MaxNightsPerMonth > 0 {
		f.MaxNights = strconv.Itoa(p.MaxNightsPerMonth)
	}
	f.blank("avoid")
	f.blank("prefer")
	return f
}

// mePrefsLoad loads the guard's preferences into the page (none without a plans service).
func (w *Web) mePrefsLoad(c echo.Context, d *meData) error {
	if d.Form.Prefs != nil {
		d.Prefs = d.Form.Prefs
		return nil
	}
	if w.Planning == nil {
		return nil
	}
	p, err := w.Planning.Preferences(c.Request().Context(), principal(c), d.Guard.ID)
	if err != nil {
		return err
	}
	d.Prefs = mePrefsForm(lang(c), p)
	return nil
}

// meReadWindows reads the rows of one list; rowOf[k] is the form row of the k-th window.
func meReadWindows(c echo.Context, f *mePrefs, kind string) ([]scheduler.PrefWindow, []int, error) {
	l := lang(c)
	form, err := c.FormParams()
	if err != nil {
		return nil, nil, err
	}
	n := min(max(admInt(f.Errs, l, kind+"_rows", c.FormValue(kind+"_rows"), 0), 0), 50)
	out := []scheduler.PrefWindow{}
	var rowOf []int
	var rows []mePrefRow
	for i := range n {
		key := fmt.Sprintf("%s-%d-", kind, i)
		if admChecked(c, key+"remove") {
			continue
		}
		row := mePrefRow{I: len(rows), Days: []int{}, Start: strings.TrimSpace(c.FormValue(key + "start")),
			End: strings.TrimSpace(c.FormValue(key + "end"))}
		for _, d := range form[key+"days"] {
			x, err := strconv.Atoi(d)
			if err != nil || x < 1 || x > 7 {
				f.Errs.add(fmt.Sprintf("%s-%d-days", kind, row.I), tr(l, "adm.err.choice"))
				continue
			}
			row.Days = append(row.Days, x)
		}
		if len(row.Days) == 0 && row.Start == "" && row.End == "" {
			continue // a blank row
		}
		rows = append(rows, row)
		out = append(out, scheduler.PrefWindow{Days: row.Days, Start: row.Start, End: row.End})
		rowOf = append(rowOf, row.I)
	}
	if kind == "avoid" {
		f.Avoid = rows
	} else {
		f.Prefer = rows
	}
	return out, rowOf, nil
}

// mePrefField maps a preferences field ("avoid[1].start", "prefer[0].days[2]")
// to the form's input ("avoid-1-start", "prefer-0-days").
func mePrefField(avoidRows, preferRows []int) func(string) string {
	return func(field string) string {
		if field == "max_nights_per_month" {
			return "max_nights"
		}
		for _, x := range []struct {
			list string
			rows []int
		}{{"avoid", avoidRows}, {"prefer", preferRows}} {
			if f, ok := admRowField(field, x.list, x.list, x.rows); ok {
				if i := strings.IndexByte(f, '['); i >= 0 {
					f = f[:i]
				}
				return f
			}
		}
		return field
	}
}

// POST /me/preferences (avoid-N-days/start/end/remove, prefer-…, max_nights;
// action save | addavoid | addprefer) — the guard's own preferences.
func (w *Web) meSavePreferences(c echo.Context) error {
	g, err := w.meGuard(c)
	if err != nil {
		return err
	}
	if w.Planning == nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	l := lang(c)
	f := &mePrefs{Errs: admErrs{}, Days: admDays(l), MaxNights: strings.TrimSpace(c.FormValue("max_nights"))}
	avoid, avoidRows, err := meReadWindows(c, f, "avoid")
	if err != nil {
		return err
	}
	prefer, preferRows, err := meReadWindows(c, f, "prefer")
	if err != nil {
		return err
	}
	maxN := admInt(f.Errs, l, "max_nights", f.MaxNights, 0)
	switch c.FormValue("action") {
	case "addavoid", "addprefer":
		f.blank(strings.TrimPrefix(c.FormValue("action"), "add"))
		return w.renderMe(c, http.StatusOK, meForm{Which: "prefs", Prefs: f})
	}
	f.blank("avoid")
	f.blank("prefer")
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(l, "adm.err.form"))
		return w.renderMe(c, http.StatusBadRequest, meForm{Which: "prefs", Prefs: f})
	}
	p := &scheduler.Preferences{GuardID: g.ID, Avoid: avoid, Prefer: prefer, MaxNightsPerMonth: maxN}
	if _, err := w.Planning.SetPreferences(c.Request().Context(), principal(c), p); err != nil {
		errs, status, err := admUserError(l, err, mePrefField(avoidRows, preferRows))
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.renderMe(c, status, meForm{Which: "prefs", Prefs: f})
	}
	w.flash(c, "me.prefs.saved")
	return c.Redirect(http.StatusSeeOther, "/me#prefs")
}
