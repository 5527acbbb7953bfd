package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// POST /api/v1/plans — starts a plan in the background: 202 with the plan ("running").
func (s *Server) startPlan(c echo.Context) error {
	var req scheduler.PlanRequest
	if err := bind(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	p, err := s.planning.Start(ctx, principal(c), scheduler.ActorFrom(ctx), req)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", fmt.Sprintf("/api/v1/plans/%d", p.ID))
	return c.JSON(http.StatusAccepted, p)
}

// GET /api/v1/plans — the unexpired plans, newest first.
func (s *Server) listPlans(c echo.Context) error {
	ps, err := s.planning.List(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ps)
}

// GET /api/v1/plans/:id
func (s *Server) getPlan(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.planning.Get(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// POST /api/v1/plans/:id/apply — 200 {created, changed, cancelled}.
func (s *Server) applyPlan(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := s.planning.Apply(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	s.poke()
	return c.JSON(http.StatusOK, res)
}

// DELETE /api/v1/plans/:id — discards the plan (a running one is cancelled first): 204.
func (s *Server) discardPlan(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.planning.Discard(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// poke tells the sender that notifications were queued.
func (s *Server) poke() {
	if s.wake == nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// GET /api/v1/plans/:id/events — Server-Sent Events: "progress"
// {elapsed_s, best_objective} while the plan runs (as the best improves, and
// at least every second), then one "done" (or "failed") event with the whole
// plan, after which the stream ends. A finished plan answers its final event
// at once. The stream also ends when its token is revoked (checked every
// 30 s) and after an hour.
func (s *Server) planEvents(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.planning.Get(c.Request().Context(), principal(c), id); err != nil {
		return err
	}
	ctx, cancel := s.streamContext(c)
	defer cancel()
	updates, stop := s.planning.Subscribe(id)
	defer stop()
	w := c.Response()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 5000\n: catruc plan stream\n\n")
	w.Flush()
	for {
		select {
		case <-ctx.Done():
			return nil
		case p, ok := <-updates:
			if !ok {
				return nil
			}
			final, err := writePlanEvent(w, p)
			if err != nil || final {
				return nil
			}
		}
	}
}

// writePlanEvent writes one event of the plan stream; final tells it was the last.
func writePlanEvent(w *echo.Response, p scheduler.Plan) (final bool, err error) {
	name, data := "progress", any(p.Progress)
	switch p.Status {
	case scheduler.PlanRunning:
	case scheduler.PlanFailed:
		name, data, final = "failed", p, true
	default:
		name, data, final = "done", p, true
	}
	b, err := json.Marshal(data)
	if err != nil {
		return true, err
	}
	if _, err := fmt.Fprintf(w, "id: %d-%d\nevent: %s\ndata: %s\n\n", p.ID, time.Now().UnixMilli(), name, b); err != nil {
		return true, err
	}
	w.Flush()
	return final, nil
}
