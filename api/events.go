package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/events?from=&to=&post_id=&status=&notify_police=
func (s *Server) listEvents(c echo.Context) error {
	var f scheduler.EventFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.NotifyPolice, err = queryBool(c, "notify_police"); err != nil {
		return err
	}
	f.Status = c.QueryParam("status")
	if f.Status != "" && f.Status != scheduler.ShiftScheduled && f.Status != scheduler.ShiftCancelled {
		return scheduler.E(scheduler.EINVALID, "status", "event.status_unknown")
	}
	es, err := s.store.FindEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, es)
}

// POST /api/v1/events
func (s *Server) createEvent(c echo.Context) error {
	e := scheduler.Event{PostIDs: []int64{}}
	if err := bind(c, &e); err != nil {
		return err
	}
	if e.Status != "" && e.Status != scheduler.ShiftScheduled {
		return scheduler.E(scheduler.EINVALID, "status", "event.new_not_scheduled")
	}
	if err := s.store.CreateEvent(c.Request().Context(), &e); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, e)
}

// DELETE /api/v1/events/:id — cancels the event; it stays, so that the
// cancellation can be announced and shown in calendars.
func (s *Server) cancelEvent(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cur, err := s.store.FindEventByID(ctx, id)
	if err != nil {
		return err
	}
	if cur.Status == scheduler.ShiftCancelled {
		return c.JSON(http.StatusOK, cur)
	}
	e, err := s.store.UpdateEvent(ctx, id, func(e *scheduler.Event) error {
		e.Status = scheduler.ShiftCancelled
		return nil
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}
