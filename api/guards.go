package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/guards?post_id=&unit=&active=
func (s *Server) listGuards(c echo.Context) error {
	var f scheduler.GuardFilter
	var err error
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.Active, err = queryBool(c, "active"); err != nil {
		return err
	}
	f.Unit = c.QueryParam("unit")
	gs, err := s.store.FindGuards(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, gs)
}
