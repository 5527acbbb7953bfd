package api

import (
	"net/http"
	"strconv"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/holidays?year=YYYY — the public holidays (Labor Code Art. 112)
// with managers' changes; default: this year.
func (s *Server) listHolidays(c echo.Context) error {
	year := s.now().In(s.store.Location()).Year()
	if y := c.QueryParam("year"); y != "" {
		var err error
		if year, err = strconv.Atoi(y); err != nil {
			return scheduler.E(scheduler.EINVALID, "year", "api.year_not_number")
		}
	}
	hs, err := s.store.Holidays(c.Request().Context(), year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hs)
}

// POST /api/v1/holidays {"date":"YYYY-MM-DD","name":"…"} — adds a day off.
func (s *Server) addHoliday(c echo.Context) error {
	var in struct {
		Date string `json:"date"`
		Name string `json:"name"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	h, err := s.store.AddHoliday(c.Request().Context(), in.Date, in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h)
}

// DELETE /api/v1/holidays/:date — takes a day off the list.
func (s *Server) removeHoliday(c echo.Context) error {
	if err := s.store.RemoveHoliday(c.Request().Context(), c.Param("date")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
