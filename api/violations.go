package api

import (
	"net/http"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/violations?from=&to=[&guard_id=] — the labour-rule breaches of
// the roster over the periods (days, weeks, months, years) overlapping the
// window. Default window: the next 7 days.
func (s *Server) listViolations(c echo.Context) error {
	from, to, err := s.window(c, 7*24*time.Hour)
	if err != nil {
		return err
	}
	gid, err := queryID(c, "guard_id")
	if err != nil {
		return err
	}
	vs, err := report.Violations(c.Request().Context(), s.store, from, to, gid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, vs)
}

// GET /api/v1/suggestions?post_id=&start=&end= — who can take the post then,
// best first, with the reasons and the breaches each would cause.
func (s *Server) listSuggestions(c echo.Context) error {
	pid, err := queryID(c, "post_id")
	if err != nil {
		return err
	}
	if pid == nil {
		return scheduler.E(scheduler.EINVALID, "post_id", "common.required")
	}
	start, err := s.queryTime(c, "start")
	if err != nil {
		return err
	}
	end, err := s.queryTime(c, "end")
	if err != nil {
		return err
	}
	if start == nil {
		return scheduler.E(scheduler.EINVALID, "start", "common.required")
	}
	if end == nil {
		return scheduler.E(scheduler.EINVALID, "end", "common.required")
	}
	if !end.After(*start) || end.Sub(*start) > scheduler.MaxShiftLength {
		return scheduler.E(scheduler.EINVALID, "end", "api.suggest_window", "hours", int(scheduler.MaxShiftLength/time.Hour))
	}
	ss, err := report.Suggestions(c.Request().Context(), s.store, *pid, *start, *end, s.now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ss)
}

// GET /api/v1/settings/rules
func (s *Server) getRules(c echo.Context) error {
	r, err := s.store.Rules(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// PUT /api/v1/settings/rules — the whole rule set; missing numbers are refused, missing enforcement is "warn".
func (s *Server) putRules(c echo.Context) error {
	var r labour.Rules
	if err := bind(c, &r); err != nil {
		return err
	}
	r, err := s.store.SetRules(c.Request().Context(), r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}
