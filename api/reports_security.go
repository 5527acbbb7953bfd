package api

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"catruc/scheduler/report"
	"catruc/scheduler/security"

	"github.com/labstack/echo/v4"
)

// securityPeriod reads from and to of a security report: by default the last
// full half-year, at most security.MaxDays long.
func (s *Server) securityPeriod(c echo.Context) (time.Time, time.Time, error) {
	from, to, err := s.queryRange(c)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return security.Period(from, to, s.now(), s.store.Location())
}

// GET /api/v1/reports/security?from=&to= — the figures of the six-month or
// annual security report: coverage, alerts, incidents, events, training,
// breaches, staffing and no-shows over [from, to). Default: the last full half-year.
func (s *Server) getSecurityReport(c echo.Context) error {
	from, to, err := s.securityPeriod(c)
	if err != nil {
		return err
	}
	rep, err := report.Security(c.Request().Context(), s.store, from, to)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}

// GET /api/v1/reports/security.docx?from=&to= — the draft report as a Word
// file for the office to edit.
func (s *Server) getSecurityReportDocx(c echo.Context) error {
	from, to, err := s.securityPeriod(c)
	if err != nil {
		return err
	}
	_, d, err := report.SecurityDraft(c.Request().Context(), s.store, from, to, s.now())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := security.WriteDocx(&buf, d); err != nil {
		return err
	}
	loc := s.store.Location()
	name := fmt.Sprintf("bao-cao-an-ninh-%s-%s.docx", from.In(loc).Format("20060102"), to.Add(-time.Nanosecond).In(loc).Format("20060102"))
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buf.Bytes())
}
