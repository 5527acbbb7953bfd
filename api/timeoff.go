package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

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
		return scheduler.E(scheduler.EINVALID, "status", "timeoff.status_unknown")
	}
	ts, err := s.store.FindTimeOff(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, scheduler.TimeOffFor(principal(c), ts))
}

// POST /api/v1/time-off — a manager's entry is approved at once; a guard's
// (own guard only) is a request that waits for a manager.
func (s *Server) createTimeOff(c echo.Context) error {
	var t scheduler.TimeOff
	if err := bind(c, &t); err != nil {
		return err
	}
	if err := s.roster.RecordTimeOff(c.Request().Context(), principal(c), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}

// POST /api/v1/time-off/:id/approve
func (s *Server) approveTimeOff(c echo.Context) error {
	return s.decideTimeOff(c, true)
}

// POST /api/v1/time-off/:id/decline
func (s *Server) declineTimeOff(c echo.Context) error {
	return s.decideTimeOff(c, false)
}

func (s *Server) decideTimeOff(c echo.Context, approve bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	t, err := s.roster.DecideTimeOff(c.Request().Context(), id, approve)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// DELETE /api/v1/time-off/:id — a guard may withdraw only their own request
// while it waits (someone else's: 404; a decided one: 409).
func (s *Server) deleteTimeOff(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.roster.WithdrawTimeOff(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
