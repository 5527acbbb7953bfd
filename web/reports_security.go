package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/report"
	"catruc/scheduler/security"

	"github.com/labstack/echo/v4"
)

// securityPreset is a period the picker offers in one click.
type securityPreset struct {
	Label   string       // "6 tháng đầu năm 2026"
	Query   template.URL // "from=2026-01-01&to=2026-07-01" (dates only)
	Current bool
}

// securityPage is the data of the printed security report.
type securityPage struct {
	DocHeader security.Head // the heading (templates/_dochead.html)
	D         security.Draft
	Report    security.Report
	Charts    map[string]template.HTML // by security.Chart*
	Presets   []securityPreset
	From, To  string       // the period's dates as the form shows them (to exclusive)
	Query     template.URL // from=…&to=… of this period (dates only)
}

// securityPeriodOf reads from and to (dates YYYY-MM-DD or RFC 3339; to
// exclusive) with the last full half-year as default.
func (w *Web) securityPeriodOf(c echo.Context) (time.Time, time.Time, error) {
	loc := w.Store.Location()
	var from, to *time.Time
	for _, p := range []struct {
		name string
		dst  **time.Time
	}{{"from", &from}, {"to", &to}} {
		if v := c.QueryParam(p.name); v != "" {
			t, err := scheduler.ParseInstant(v, loc)
			if err != nil {
				return time.Time{}, time.Time{}, scheduler.AtField(err, p.name)
			}
			*p.dst = &t
		}
	}
	return security.Period(from, to, w.Now(), loc)
}

// securityBadPeriod shows a refused period in the reader's language.
func (w *Web) securityBadPeriod(c echo.Context, err error) error {
	if scheduler.ErrorCode(err) != scheduler.EINVALID {
		return err
	}
	return w.render(c, http.StatusBadRequest, "error", map[string]any{"Status": http.StatusBadRequest,
		"Message": domainMessage(lang(c), err)})
}

// GET /reports/security?from=&to= — the six-month or annual security report
// as a draft in the office's administrative form, to print on A4 portrait
// (Vietnamese only: it is the office's document).
func (w *Web) securityReport(c echo.Context) error {
	from, to, err := w.securityPeriodOf(c)
	if err != nil {
		return w.securityBadPeriod(c, err)
	}
	r, d, err := report.SecurityDraft(c.Request().Context(), w.Store, from, to, w.Now())
	if err != nil {
		return err
	}
	loc := w.Store.Location()
	p := securityPage{DocHeader: d.Head, D: d, Report: r, From: from.In(loc).Format(scheduler.DateLayout), To: to.In(loc).Format(scheduler.DateLayout),
		Charts: map[string]template.HTML{security.ChartCoverage: coverageChart(r.Coverage.ByMonth),
			security.ChartIncidents: incidentChart(r.Incidents.ByKind)}}
	p.Query = template.URL("from=" + p.From + "&to=" + p.To)
	p.Presets = securityPresets(w.Now(), loc, p.Query)
	return w.render(c, http.StatusOK, "report_security", p)
}

// GET /reports/security.docx?from=&to= — the same draft as a Word file.
func (w *Web) securityReportDocx(c echo.Context) error {
	from, to, err := w.securityPeriodOf(c)
	if err != nil {
		return w.securityBadPeriod(c, err)
	}
	_, d, err := report.SecurityDraft(c.Request().Context(), w.Store, from, to, w.Now())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := security.WriteDocx(&buf, d); err != nil {
		return err
	}
	loc := w.Store.Location()
	name := fmt.Sprintf("bao-cao-an-ninh-%s-%s.docx", from.In(loc).Format("20060102"), to.Add(-time.Nanosecond).In(loc).Format("20060102"))
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buf.Bytes())
}

// securityPresets are the last four half-years and the last two years.
func securityPresets(now time.Time, loc *time.Location, current template.URL) []securityPreset {
	var out []securityPreset
	add := func(f, t time.Time) {
		q := template.URL("from=" + f.Format(scheduler.DateLayout) + "&to=" + t.Format(scheduler.DateLayout))
		out = append(out, securityPreset{Label: security.PeriodVI(f, t, loc), Query: q, Current: q == current})
	}
	f, t := security.LastHalfYear(now, loc)
	for i := 0; i < 4; i++ {
		add(f, t)
		f, t = f.AddDate(0, -6, 0), f
	}
	y := now.In(loc).Year()
	for i := 1; i <= 2; i++ {
		add(scheduler.DateStart(y-i, time.January, 1, loc), scheduler.DateStart(y-i+1, time.January, 1, loc))
	}
	return out
}
