package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// requesters may ask for time off: managers record it approved, guards ask for their own.
var requesters = allow(scheduler.RoleAdmin, scheduler.RoleManager, scheduler.RoleGuard)

func (s *Server) registerTimeOff(g *router) {
	g.GET("/time-off", s.listTimeOff)
	g.POST("/time-off", s.createTimeOff, requesters)
	g.POST("/time-off/:id/approve", s.approveTimeOff, rosterWriters)
	g.POST("/time-off/:id/decline", s.declineTimeOff, rosterWriters)
	g.DELETE("/time-off/:id", s.deleteTimeOff, requesters)
}

// GET /api/v1/time-off?guard_id=&from=&to=&status=
func (s *Server) listTimeOff(c echo.Context) error {
	var f scheduler.TimeOffFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.GuardID, err = queryID(c, "guard_id"); err != nil {
		return err
	}
	f.Status = c.QueryParam("status")
	switch f.Status {
	case "", scheduler.TimeOffRequested, scheduler.TimeOffApproved, scheduler.TimeOffDeclined:
	default:
		return scheduler.Invalid("status", "status must be requested, approved or declined")
	}
	ts, err := s.store.FindTimeOff(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ts)
}

// POST /api/v1/time-off — a manager's entry is approved at once; a guard's
// (own guard only) is a request that waits for a manager.
func (s *Server) createTimeOff(c echo.Context) error {
	var t scheduler.TimeOff
	if err := bind(c, &t); err != nil {
		return err
	}
	t.Status = scheduler.TimeOffApproved
	if tok := tokenOf(c); tok.Role == scheduler.RoleGuard {
		if tok.GuardID == nil || t.GuardID != *tok.GuardID {
			return scheduler.Errorf(scheduler.EFORBIDDEN, "a guard may ask for time off only for themself")
		}
		t.Status = scheduler.TimeOffRequested
	}
	if err := s.store.CreateTimeOff(c.Request().Context(), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}

// POST /api/v1/time-off/:id/approve
func (s *Server) approveTimeOff(c echo.Context) error {
	return s.decideTimeOff(c, scheduler.TimeOffApproved)
}

// POST /api/v1/time-off/:id/decline
func (s *Server) declineTimeOff(c echo.Context) error {
	return s.decideTimeOff(c, scheduler.TimeOffDeclined)
}

func (s *Server) decideTimeOff(c echo.Context, status string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	t, err := s.store.DecideTimeOff(c.Request().Context(), id, status)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// DELETE /api/v1/time-off/:id — a guard may withdraw only their own request.
func (s *Server) deleteTimeOff(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if tok := tokenOf(c); tok.Role == scheduler.RoleGuard {
		ts, err := s.store.FindTimeOff(ctx, scheduler.TimeOffFilter{ID: &id})
		if err != nil {
			return err
		}
		if len(ts) == 0 {
			return scheduler.NotFound("time off", id)
		}
		if tok.GuardID == nil || ts[0].GuardID != *tok.GuardID || ts[0].Status != scheduler.TimeOffRequested {
			return scheduler.Errorf(scheduler.EFORBIDDEN, "a guard may withdraw only their own pending request")
		}
	}
	if err := s.store.DeleteTimeOff(ctx, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
