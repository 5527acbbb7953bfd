package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerGuards(g *router) {
	g.GET("/guards", s.listGuards)
	g.POST("/guards", s.createGuard, rosterWriters)
	g.GET("/guards/:id", s.getGuard)
	g.PATCH("/guards/:id", s.patchGuard, rosterWriters)
	g.DELETE("/guards/:id", s.deleteGuard, rosterWriters)
}

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

// POST /api/v1/guards
func (s *Server) createGuard(c echo.Context) error {
	g := scheduler.Guard{Active: true, Unit: scheduler.UnitOffice, Skills: []string{}, PostIDs: []int64{}}
	if err := bind(c, &g); err != nil {
		return err
	}
	if err := s.store.CreateGuard(c.Request().Context(), &g); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, g)
}

// GET /api/v1/guards/:id
func (s *Server) getGuard(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	g, err := s.store.FindGuardByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

// PATCH /api/v1/guards/:id — a JSON merge patch.
func (s *Server) patchGuard(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	g, err := s.store.UpdateGuard(c.Request().Context(), id, func(g *scheduler.Guard) error {
		return applyMergePatch(body, g, "id")
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

// DELETE /api/v1/guards/:id
func (s *Server) deleteGuard(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteGuard(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
