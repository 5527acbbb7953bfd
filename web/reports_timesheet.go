package web

import (
	"bytes"
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/timesheet"

	"github.com/labstack/echo/v4"
)

// GET /reports — the reports a manager files, one link each.
func (w *Web) reportsIndex(c echo.Context) error {
	return w.render(c, http.StatusOK, "reports", nil)
}

// tsDay is a column of the grid.
type tsDay struct {
	Num     int
	Weekday string
	Holiday bool
}

// tsCell is one guard's day in the grid.
type tsCell struct {
	Text  string // hours, or the absence letter
	Class string // rest, holiday, absent
	Title string
}

// tsLine is a row of the grid.
type tsLine struct {
	timesheet.Line
	Cells                                                        []tsCell
	Total, Night, OTNormal, OTRest, OTHoliday, OTNight, Pay, YTD string
	Percent                                                      string
	Level                                                        string // ok, warn, over
}

// tsPage is the data of the timesheet's page and print.
type tsPage struct {
	Month     string // YYYY-MM
	MonthText string // 12/2025
	Year      int
	Title     string
	Rates     string
	Cap       string
	Days      []tsDay
	Guards    []tsLine
	Police    []tsLine
	Sections  []tsSection // the guards, then the police officers when there are any
	DocHeader rosterDocHead
}

// tsSection is one table of the grid.
type tsSection struct {
	Title string
	Lines []tsLine
}

// timesheetMonth reads ?month= (default: this month in the office zone).
func (w *Web) timesheetMonth(c echo.Context) (int, time.Month, error) {
	m := c.QueryParam("month")
	if m == "" {
		m = w.Now().In(w.Store.Location()).Format("2006-01")
	}
	return timesheet.ParseMonth(m)
}

// timesheetData loads the month and lays it out in language l.
func (w *Web) timesheetData(c echo.Context, l string) (*tsPage, error) {
	y, m, err := w.timesheetMonth(c)
	if err != nil {
		return nil, err
	}
	sh, err := timesheet.Load(c.Request().Context(), w.Store, y, m, nil)
	if err != nil {
		return nil, err
	}
	p := &tsPage{Month: sh.Month, MonthText: fmt.Sprintf("%02d/%d", int(m), y), Year: y,
		Cap: tsNum(l, sh.Pay.Cap()),
		Rates: tr(l, "ts.rates", sh.Pay.OvertimeNormalDay, sh.Pay.OvertimeRestDay, sh.Pay.OvertimeHoliday,
			sh.Pay.NightBonus, sh.Pay.NightOvertimeBonus)}
	p.Title = tr(l, "ts.title", p.MonthText)
	for _, d := range sh.Guards {
		p.Guards = append(p.Guards, tsRow(l, d))
	}
	for _, d := range sh.Police {
		p.Police = append(p.Police, tsRow(l, d))
	}
	p.Sections = []tsSection{{Title: tr(l, "ts.guards"), Lines: p.Guards}}
	if len(p.Police) > 0 {
		p.Sections = append(p.Sections, tsSection{Title: tr(l, "ts.police"), Lines: p.Police})
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	hol := map[int]bool{}
	for _, ln := range append(append([]timesheet.Line{}, sh.Guards...), sh.Police...) {
		for i, d := range ln.Days {
			hol[i] = hol[i] || d.Kind == timesheet.KindHoliday
		}
	}
	for d := first; d.Month() == m; d = d.AddDate(0, 0, 1) {
		p.Days = append(p.Days, tsDay{Num: d.Day(), Weekday: fmtWeekday(l, d, time.UTC, true), Holiday: hol[d.Day()-1]})
	}
	return p, nil
}

// tsRow formats a guard's line.
func tsRow(l string, ln timesheet.Line) tsLine {
	t := ln.Totals
	r := tsLine{Line: ln, Total: tsNum(l, t.WorkedHours), Night: tsNum(l, t.NightHours),
		OTNormal: tsNum(l, t.Overtime.NormalDay), OTRest: tsNum(l, t.Overtime.RestDay), OTHoliday: tsNum(l, t.Overtime.Holiday),
		OTNight: tsNum(l, t.NightOvertimeHours), Pay: tsNum(l, t.PayEquivalentHours), YTD: tsNum(l, ln.YearToDate.OvertimeHours),
		Percent: cmp.Or(tsNum(l, ln.YearToDate.Percent), "0") + " %", Level: "ok"}
	switch {
	case ln.YearToDate.CapHours > 0 && ln.YearToDate.OvertimeHours > ln.YearToDate.CapHours:
		r.Level = "over"
	case ln.YearToDate.Warning:
		r.Level = "warn"
	}
	for _, d := range ln.Days {
		c := tsCell{Text: tsNum(l, d.Hours)}
		if d.Hours == 0 {
			c.Text = timesheet.AbsenceMark(d.Absence)
		}
		switch d.Kind {
		case timesheet.KindHoliday:
			c.Class = "holiday"
		case timesheet.KindRestDay:
			c.Class = "rest"
		}
		if d.Absence != "" {
			c.Class = strings.TrimSpace(c.Class + " absent")
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

// tsNum writes hours as the language does ("7,5" in Vietnamese); "" for zero.
func tsNum(l string, v float64) string {
	if v == 0 {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if l == "vi" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// timesheetFail answers a bad month with the page's error, anything else as it is.
func (w *Web) timesheetFail(c echo.Context, err error) error {
	if scheduler.ErrorCode(err) == scheduler.EINVALID {
		return w.errorPage(c, http.StatusBadRequest, "ts.err_month")
	}
	return err
}

// GET /reports/timesheet?month=YYYY-MM — the grid, the downloads and the ledger.
func (w *Web) timesheetPage(c echo.Context) error {
	p, err := w.timesheetData(c, lang(c))
	if err != nil {
		return w.timesheetFail(c, err)
	}
	return w.render(c, http.StatusOK, "reports_timesheet", p)
}

// GET /reports/timesheet/print?month=YYYY-MM — the timesheet as the office
// signs it (Vietnamese only): heading, grid, totals, signature blocks.
func (w *Web) timesheetPrint(c echo.Context) error {
	p, err := w.timesheetData(c, "vi")
	if err != nil {
		return w.timesheetFail(c, err)
	}
	p.DocHeader = rosterHeading(mustOffice(c, w), w.Now(), w.Store.Location())
	p.Title = fmt.Sprintf("BẢNG CHẤM CÔNG THÁNG %s/%d", scheduler.AdminNumber(monthOf(p.Month), 3), p.Year)
	return w.render(c, http.StatusOK, "reports_timesheet_print", p)
}

// monthOf is the month number of "YYYY-MM".
func monthOf(ym string) int {
	n, _ := strconv.Atoi(ym[5:])
	return n
}

// GET /reports/timesheet.xlsx?month=YYYY-MM
func (w *Web) timesheetXLSX(c echo.Context) error {
	return w.timesheetFile(c, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
}

// GET /reports/timesheet.csv?month=YYYY-MM — UTF-8 with a byte-order mark.
func (w *Web) timesheetCSV(c echo.Context) error {
	return w.timesheetFile(c, "csv", "text/csv; charset=utf-8")
}

func (w *Web) timesheetFile(c echo.Context, ext, ctype string) error {
	y, m, err := w.timesheetMonth(c)
	if err != nil {
		return w.timesheetFail(c, err)
	}
	sh, err := timesheet.Load(c.Request().Context(), w.Store, y, m, nil)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if ext == "xlsx" {
		err = timesheet.WriteXLSX(&buf, sh, mustOffice(c, w).Name)
	} else {
		err = timesheet.WriteCSV(&buf, sh)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", "bang-cham-cong-"+sh.Month+"."+ext))
	return c.Blob(http.StatusOK, ctype, buf.Bytes())
}

// admRestDay reads the rest-day field: 0 when absent, -1 when not a number
// (the domain then refuses it naming the field).
func admRestDay(v string) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n == 0 {
		return -1
	}
	return n
}

// admRestDays are the choices of the rest-day field, Monday (1) to Sunday (7).
func admRestDays(l string) []admChoice {
	out := make([]admChoice, 0, 7)
	monday := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // a Monday
	for i := 0; i < 7; i++ {
		out = append(out, admChoice{Value: strconv.Itoa(i + 1), Label: fmtWeekday(l, monday.AddDate(0, 0, i), time.UTC, false)})
	}
	return out
}
