package api

import (
	"encoding/json"
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/rotations?post_id=&active=
func (s *Server) listRotations(c echo.Context) error {
	var f scheduler.RotationFilter
	var err error
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.Active, err = queryBool(c, "active"); err != nil {
		return err
	}
	rs, err := s.store.FindRotations(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rs)
}

// POST /api/v1/rotations — a preset fills the pattern; "custom" takes it as given.
func (s *Server) createRotation(c echo.Context) error {
	r := scheduler.Rotation{Active: true, Members: []int64{}}
	if err := bind(c, &r); err != nil {
		return err
	}
	if err := s.store.CreateRotation(c.Request().Context(), &r); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// rotationView is a changed rotation with what the change did to its shifts.
type rotationView struct {
	*scheduler.Rotation
	Replanned scheduler.GenerateResult `json:"replanned"`
}

// PATCH /api/v1/rotations/:id — a JSON merge patch, plus "effective_from"
// (YYYY-MM-DD, default today): the day from which new members or a new
// pattern hold. Shifts already generated from that day on are re-planned,
// except those a manager changed.
func (s *Server) patchRotation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	var m map[string]json.RawMessage
	effective := ""
	if json.Unmarshal(body, &m) == nil {
		if raw, ok := m["effective_from"]; ok {
			if err := json.Unmarshal(raw, &effective); err != nil {
				return scheduler.E(scheduler.EINVALID, "effective_from", "api.effective_from_not_date")
			}
			delete(m, "effective_from")
			if body, err = json.Marshal(m); err != nil {
				return err
			}
		}
	}
	r, res, err := s.store.UpdateRotation(c.Request().Context(), id, effective, func(r *scheduler.Rotation) error {
		return applyMergePatch(body, r, "id")
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rotationView{Rotation: r, Replanned: res})
}

// DELETE /api/v1/rotations/:id — cancels its untouched shifts from today on;
// the others stay as ordinary shifts.
func (s *Server) deleteRotation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := s.store.DeleteRotation(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// POST /api/v1/rotations/:id/generate {"until":"YYYY-MM-DD"} → {created, skipped, …}
func (s *Server) generateRotation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in struct {
		Until string `json:"until"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	if in.Until == "" {
		return scheduler.E(scheduler.EINVALID, "until", "api.until_required")
	}
	res, err := s.store.GenerateRotation(c.Request().Context(), id, in.Until)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
