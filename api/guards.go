package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerGuards(g *router) {
	g.GET("/guards", s.listGuards)
	g.POST("/guards", createOne(func() *scheduler.Guard {
		return &scheduler.Guard{Active: true, Unit: scheduler.UnitOffice, Skills: []string{}, PostIDs: []int64{}}
	}, s.store.CreateGuard), rosterWriters)
	g.GET("/guards/:id", getOne(s.store.FindGuardByID))
	g.PATCH("/guards/:id", patchOne(s.store.UpdateGuard, "id"), rosterWriters)
	g.DELETE("/guards/:id", deleteOne(s.store.DeleteGuard), rosterWriters)
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
