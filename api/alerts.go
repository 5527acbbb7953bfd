package api

import (
	"net/http"
	"strconv"

	"catruc/scheduler"
	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/alerts?status=open|acknowledged|resolved&kind=&post_id=&limit=
func (s *Server) listAlerts(c echo.Context) error {
	var f scheduler.AlertFilter
	var err error
	f.Status = c.QueryParam("status")
	switch f.Status {
	case "", scheduler.AlertOpen, scheduler.AlertAcknowledged, scheduler.AlertResolved:
	default:
		return scheduler.E(scheduler.EINVALID, "status", "alert.status_filter")
	}
	f.Kind = c.QueryParam("kind")
	if f.Kind != "" && !scheduler.ValidAlertKind(f.Kind) {
		return scheduler.E(scheduler.EINVALID, "kind", "alert.kind_filter")
	}
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if l := c.QueryParam("limit"); l != "" {
		if f.Limit, err = strconv.Atoi(l); err != nil || f.Limit < 1 || f.Limit > 5000 {
			return scheduler.E(scheduler.EINVALID, "limit", "api.limit_range", "min", 1, "max", 5000)
		}
	}
	as, err := s.store.FindAlerts(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, as)
}

// GET /api/v1/alerts/:id
func (s *Server) getAlert(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	as, err := s.store.FindAlerts(c.Request().Context(), scheduler.AlertFilter{ID: &id})
	if err != nil {
		return err
	}
	if len(as) == 0 {
		return scheduler.NotFound("alert", id)
	}
	return c.JSON(http.StatusOK, as[0])
}

// POST /api/v1/alerts/:id/ack — seen: stops the escalation.
func (s *Server) ackAlert(c echo.Context) error { return s.alertAction(c, false) }

// POST /api/v1/alerts/:id/resolve — closed by hand.
func (s *Server) resolveAlert(c echo.Context) error { return s.alertAction(c, true) }

func (s *Server) alertAction(c echo.Context, resolve bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.hub.Acknowledge(c.Request().Context(), s.store, id, resolve)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// GET /api/v1/alerts/stream — Server-Sent Events: one event per alert change
// (event: alert.opened / alert.updated / alert.escalated / alert.resolved /
// alert.acknowledged; data: {"type","alert"}), and a comment every 25 s to
// keep the connection open. The stream ends when its token is revoked (it is
// checked again every 30 s) and after an hour; the client reconnects.
func (s *Server) streamAlerts(c echo.Context) error {
	if s.hub == nil {
		return scheduler.E(scheduler.ENOTFOUND, "", "api.stream_off")
	}
	ctx, cancel := s.streamContext(c)
	defer cancel()
	return s.hub.Stream(ctx, c.Response(), engine.StreamHeartbeat)
}

// GET /api/v1/notifications?status=pending|sent|failed&limit=
func (s *Server) listNotifications(c echo.Context) error {
	st := c.QueryParam("status")
	switch st {
	case "", scheduler.NotifyPending, scheduler.NotifySent, scheduler.NotifyFailed:
	default:
		return scheduler.E(scheduler.EINVALID, "status", "notify.status_filter")
	}
	limit := 500
	if l := c.QueryParam("limit"); l != "" {
		var err error
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > 5000 {
			return scheduler.E(scheduler.EINVALID, "limit", "api.limit_range", "min", 1, "max", 5000)
		}
	}
	ns, err := s.store.FindNotifications(c.Request().Context(), st, limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ns)
}
