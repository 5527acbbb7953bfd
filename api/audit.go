package api

import (
	"net/http"
	"strconv"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/audit?entity=&entity_id=&from=&to=&limit= — newest first.
func (s *Server) listAudit(c echo.Context) error {
	var f scheduler.AuditFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.EntityID, err = queryID(c, "entity_id"); err != nil {
		return err
	}
	f.Entity = c.QueryParam("entity")
	if l := c.QueryParam("limit"); l != "" {
		if f.Limit, err = strconv.Atoi(l); err != nil || f.Limit < 1 || f.Limit > 5000 {
			return scheduler.E(scheduler.EINVALID, "limit", "api.limit_range", "min", 1, "max", 5000)
		}
	}
	es, err := s.store.FindAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, es)
}
