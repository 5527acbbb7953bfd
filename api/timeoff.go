package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerTimeOff(g *router) {
	g.GET("/time-off", s.listTimeOff)
	g.POST("/time-off", s.createTimeOff, rosterWriters)
	g.DELETE("/time-off/:id", s.deleteTimeOff, rosterWriters)
}

// GET /api/v1/time-off?guard_id=&from=&to=
func (s *Server) listTimeOff(c echo.Context) error {
	var f scheduler.TimeOffFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.GuardID, err = queryID(c, "guard_id"); err != nil {
		return err
	}
	ts, err := s.store.FindTimeOff(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ts)
}

// POST /api/v1/time-off
func (s *Server) createTimeOff(c echo.Context) error {
	var t scheduler.TimeOff
	if err := bind(c, &t); err != nil {
		return err
	}
	if err := s.store.CreateTimeOff(c.Request().Context(), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}

// DELETE /api/v1/time-off/:id
func (s *Server) deleteTimeOff(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteTimeOff(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
