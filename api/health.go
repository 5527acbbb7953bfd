package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// GET /healthz, GET /api/v1/healthz — no auth: the process answers, its
// schema and version. Cheap: one read of the schema's version. It is the
// liveness probe: a database out of reach is /readyz's business (an
// orchestrator restarting the process would not bring it back), so then it
// still answers 200, with the schema last read and "db":"unreachable".
func (s *Server) health(c echo.Context) error {
	v, err := s.store.SchemaVersion(c.Request().Context())
	if err != nil {
		last := s.schemaSeen.Load()
		if last == 0 {
			return err
		}
		s.log.Warn("healthz: the database does not answer", "err", err)
		return c.JSON(http.StatusOK, map[string]any{"status": "ok", "schema": last, "version": s.version, "db": "unreachable"})
	}
	s.schemaSeen.Store(int64(v))
	return c.JSON(http.StatusOK, map[string]any{"status": "ok", "schema": v, "version": s.version})
}

// pinger is what /readyz asks of the store: that the database answers.
type pinger interface {
	Ping(ctx context.Context) error
}

// readyTimeout bounds /readyz's check of the database.
const readyTimeout = 5 * time.Second

// readiness is the answer of GET /readyz.
type readiness struct {
	Status string `json:"status"` // "ok" or "unavailable"
	DB     string `json:"db"`     // "ok" or a short reason
	Leader bool   `json:"leader"` // whether this instance runs the cron jobs
}

// GET /readyz — no auth: whether this instance can serve, for a load
// balancer or an orchestrator. 200 {"status":"ok","db":"ok","leader":…};
// 503 {"status":"unavailable","db":"<reason>",…} when the database does not
// answer. leader tells whether this instance runs the cron jobs.
func (s *Server) ready(c echo.Context) error {
	r := readiness{Status: "ok", DB: "ok", Leader: s.leader()}
	c.Response().Header().Set("Cache-Control", "no-store")
	if err := s.ping(c.Request().Context()); err != nil {
		s.log.Warn("readyz: the database does not answer", "err", err)
		r.Status, r.DB = "unavailable", dbReason(err)
		return c.JSON(http.StatusServiceUnavailable, r)
	}
	return c.JSON(http.StatusOK, r)
}

// ping checks the database within readyTimeout: the store's Ping, or a read
// of the schema's version for a store without one.
func (s *Server) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	if p, ok := s.store.(pinger); ok {
		return p.Ping(ctx)
	}
	_, err := s.store.SchemaVersion(ctx)
	return err
}

// dbReason is a short reason for a failed check, without the error's
// details (which may name hosts or files): "timeout", "closed" or "error".
func dbReason(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case err != nil && err.Error() == "sql: database is closed":
		return "closed"
	}
	return "error"
}
