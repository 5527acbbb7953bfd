package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/settings/office
func (s *Server) getOffice(c echo.Context) error {
	o, err := s.store.Office(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, o)
}

// PUT /api/v1/settings/office
func (s *Server) putOffice(c echo.Context) error {
	var o scheduler.Office
	if err := bind(c, &o); err != nil {
		return err
	}
	o, err := s.store.SetOffice(c.Request().Context(), o)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, o)
}
