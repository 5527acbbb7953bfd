package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/guards/:id/preferences — a guard only their own.
func (s *Server) getPreferences(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.showPreferences(c, id)
}

// PUT /api/v1/guards/:id/preferences — {avoid, prefer, max_nights_per_month}; a guard only their own.
func (s *Server) putPreferences(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.setPreferences(c, id)
}

// GET /api/v1/me/preferences — the preferences of the token's guard.
func (s *Server) getMyPreferences(c echo.Context) error {
	id, err := myGuard(c)
	if err != nil {
		return err
	}
	return s.showPreferences(c, id)
}

// PUT /api/v1/me/preferences
func (s *Server) putMyPreferences(c echo.Context) error {
	id, err := myGuard(c)
	if err != nil {
		return err
	}
	return s.setPreferences(c, id)
}

// showPreferences answers guard id's preferences.
func (s *Server) showPreferences(c echo.Context, id int64) error {
	p, err := s.planning.Preferences(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// setPreferences replaces guard id's preferences with the body's.
func (s *Server) setPreferences(c echo.Context, id int64) error {
	p := scheduler.Preferences{GuardID: id, Avoid: []scheduler.PrefWindow{}, Prefer: []scheduler.PrefWindow{}}
	if err := bind(c, &p); err != nil {
		return err
	}
	if p.GuardID != id {
		return scheduler.E(scheduler.EINVALID, "guard_id", "plan.preferences_guard_fixed")
	}
	out, err := s.planning.SetPreferences(c.Request().Context(), principal(c), &p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// myGuard is the guard the token acts for (ENOTFOUND when none).
func myGuard(c echo.Context) (int64, error) {
	p := principal(c)
	if p.GuardID == nil {
		return 0, scheduler.E(scheduler.ENOTFOUND, "", "plan.me_no_guard")
	}
	return *p.GuardID, nil
}
