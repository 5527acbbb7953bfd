package api

import (
	"bytes"
	"fmt"
	"net/http"

	"catruc/scheduler/timesheet"

	"github.com/labstack/echo/v4"
)

// timesheet loads the month of ?month=YYYY-MM[&guard_id=].
func (s *Server) timesheet(c echo.Context) (timesheet.Sheet, error) {
	year, month, err := timesheet.ParseMonth(c.QueryParam("month"))
	if err != nil {
		return timesheet.Sheet{}, err
	}
	guardID, err := queryID(c, "guard_id")
	if err != nil {
		return timesheet.Sheet{}, err
	}
	return timesheet.Load(c.Request().Context(), s.store, year, month, guardID)
}

// GET /api/v1/reports/timesheet?month=YYYY-MM[&guard_id=]
func (s *Server) getTimesheet(c echo.Context) error {
	sh, err := s.timesheet(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sh)
}

// GET /api/v1/reports/timesheet.xlsx?month=YYYY-MM[&guard_id=]
func (s *Server) getTimesheetXLSX(c echo.Context) error {
	sh, err := s.timesheet(c)
	if err != nil {
		return err
	}
	o, err := s.store.Office(c.Request().Context())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := timesheet.WriteXLSX(&buf, sh, o.Name); err != nil {
		return err
	}
	attach(c, "bang-cham-cong-"+sh.Month+".xlsx")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// GET /api/v1/reports/timesheet.csv?month=YYYY-MM[&guard_id=] — UTF-8 with a BOM.
func (s *Server) getTimesheetCSV(c echo.Context) error {
	sh, err := s.timesheet(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := timesheet.WriteCSV(&buf, sh); err != nil {
		return err
	}
	attach(c, "bang-cham-cong-"+sh.Month+".csv")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// attach names the download.
func attach(c echo.Context, name string) {
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
}

// GET /api/v1/settings/pay
func (s *Server) getPaySettings(c echo.Context) error {
	p, err := s.store.PaySettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// PUT /api/v1/settings/pay
func (s *Server) putPaySettings(c echo.Context) error {
	p := timesheet.DefaultPay()
	if err := bind(c, &p); err != nil {
		return err
	}
	p, err := s.store.SetPaySettings(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}
