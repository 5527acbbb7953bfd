// Package api serves catruc's JSON API under /api/v1 with Echo: routes, token
// authentication and roles, strict JSON decoding, and the one place where
// domain errors become HTTP statuses.
package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// MaxBodyBytes bounds a request body; larger ones get 413.
const MaxBodyBytes = 1 << 20

// Config is what the API needs.
type Config struct {
	Store  Store
	Logger *slog.Logger
	Now    scheduler.Clock // nil: the system clock
	// Engine runs the jobs; Hub carries live alert changes; Wake tells the
	// sender that notifications were queued. All may be nil (no engine).
	Engine *engine.Engine
	Hub    *engine.Hub
	Wake   chan<- struct{}
	// BaseURL is the public address used in calendar links (default http://127.0.0.1:8080).
	BaseURL string
}

// Server holds the API's dependencies.
type Server struct {
	store   Store
	log     *slog.Logger
	now     scheduler.Clock
	engine  *engine.Engine
	hub     *engine.Hub
	wake    chan<- struct{}
	baseURL string
	feeds   feedCache
}

// New returns an Echo instance with every API route registered. Other parts
// (web/) may add their routes to it.
func New(cfg Config) (*echo.Echo, *Server) {
	s := &Server{store: cfg.Store, log: cfg.Logger, now: cfg.Now, engine: cfg.Engine, hub: cfg.Hub, wake: cfg.Wake,
		baseURL: cfg.BaseURL}
	if s.baseURL == "" {
		s.baseURL = "http://127.0.0.1:8080"
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = scheduler.SystemClock
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(s.recoverer, s.accessLog, s.limitBody)
	s.Register(e)
	return e, s
}

// Register adds the API routes to e.
func (s *Server) Register(e *echo.Echo) {
	e.GET("/healthz", s.health)
	g := e.Group("/api/v1")
	g.GET("/healthz", s.health)
	v := &router{g: g, mw: []echo.MiddlewareFunc{s.authenticate}}
	v.GET("/me", s.me)
	s.registerPosts(v)
	s.registerGuards(v)
	s.registerShifts(v)
	s.registerTimeOff(v)
	s.registerRotations(v)
	s.registerEvents(v)
	s.registerCoverage(v)
	s.registerViolations(v)
	s.registerHolidays(v)
	s.registerAlerts(v)
	s.registerJobs(v)
	s.registerCalendars(v)
	s.registerSwaps(v)
	s.registerFeeds(e)
	s.registerAudit(v)
	s.registerSettings(v)
}

// GET /healthz, GET /api/v1/healthz — no auth.
func (s *Server) health(c echo.Context) error {
	v, err := s.store.SchemaVersion(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ok", "schema": v})
}

// router registers routes on a group with middleware that runs before each
// route's own (per route rather than group middleware, so that Echo still
// answers 405 for a known path with another method).
type router struct {
	g  *echo.Group
	mw []echo.MiddlewareFunc
}

func (r *router) add(method, path string, h echo.HandlerFunc, m []echo.MiddlewareFunc) {
	r.g.Add(method, path, h, append(append([]echo.MiddlewareFunc{}, r.mw...), m...)...)
}

func (r *router) GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.add(http.MethodGet, path, h, m)
}
func (r *router) POST(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.add(http.MethodPost, path, h, m)
}
func (r *router) PUT(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.add(http.MethodPut, path, h, m)
}
func (r *router) PATCH(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.add(http.MethodPatch, path, h, m)
}
func (r *router) DELETE(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.add(http.MethodDelete, path, h, m)
}

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

// errorDetail: code (one per HTTP status), key (the stable message key of the
// domain's catalogue) with its named args, the English message, and the field
// at fault.
type errorDetail struct {
	Code    string         `json:"code"`
	Key     string         `json:"key"`
	Message string         `json:"message"`
	Field   string         `json:"field,omitempty"`
	Args    map[string]any `json:"args,omitempty"`
}

var codeStatus = map[string]int{
	scheduler.EINVALID:      http.StatusBadRequest,
	scheduler.EUNAUTHORIZED: http.StatusUnauthorized,
	scheduler.EFORBIDDEN:    http.StatusForbidden,
	scheduler.ENOTFOUND:     http.StatusNotFound,
	scheduler.ECONFLICT:     http.StatusConflict,
	scheduler.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	scheduler.EINTERNAL:     http.StatusInternalServerError,
}

var statusCode = map[int]string{
	http.StatusBadRequest:            scheduler.EINVALID,
	http.StatusUnauthorized:          scheduler.EUNAUTHORIZED,
	http.StatusForbidden:             scheduler.EFORBIDDEN,
	http.StatusNotFound:              scheduler.ENOTFOUND,
	http.StatusConflict:              scheduler.ECONFLICT,
	http.StatusRequestEntityTooLarge: scheduler.ETOOLARGE,
	http.StatusMethodNotAllowed:      "method_not_allowed",
	http.StatusUnsupportedMediaType:  "unsupported_media_type",
}

// handleError is the one place where errors become HTTP answers. Only
// internal errors are logged, and their details never reach the client.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, body := http.StatusInternalServerError, errorDetail{Code: scheduler.EINTERNAL, Key: "common.internal", Message: "internal error"}
	var he *echo.HTTPError
	var se *scheduler.Error
	switch {
	case errors.As(err, &se):
		status = codeStatus[se.Code]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		body = errorDetail{Code: se.Code, Key: scheduler.ErrorKey(se), Message: scheduler.ErrorMessage(se), Field: se.Field,
			Args: se.Args}
		if se.Code == scheduler.EINTERNAL {
			body.Args = nil
			s.log.Error("internal error", "method", c.Request().Method, "path", c.Path(), "err", err)
		}
	case errors.As(err, &he):
		status = he.Code
		code, ok := statusCode[status]
		if !ok {
			code = strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
		}
		body = errorDetail{Code: code, Key: "common.http", Message: strings.ToLower(http.StatusText(status)),
			Args: map[string]any{"status": status}}
		if m, ok := he.Message.(string); ok && m != "" && m != http.StatusText(status) {
			body.Message = m
		}
		if status >= 500 {
			s.log.Error("internal error", "method", c.Request().Method, "path", c.Path(), "err", err)
		}
	default:
		s.log.Error("internal error", "method", c.Request().Method, "path", c.Path(), "err", err)
	}
	if status == http.StatusUnauthorized {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="catruc"`)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.JSON(status, errorBody{Error: body})
}

// recoverer turns a panic into a logged 500, so one bad request cannot take the server down.
func (s *Server) recoverer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic", "method", c.Request().Method, "path", c.Path(), "panic", fmt.Sprint(r),
					"stack", string(debug.Stack()))
				err = scheduler.Errorf(scheduler.EINTERNAL, "internal error")
			}
		}()
		return next(c)
	}
}

// accessLog logs each request without query strings or headers, which may carry secrets.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "(no route)"
		}
		s.log.Info("request", "method", c.Request().Method, "route", route, "status", c.Response().Status,
			"bytes", c.Response().Size, "ms", time.Since(start).Milliseconds(), "remote", c.RealIP())
		return nil
	}
}

// limitBody refuses bodies over MaxBodyBytes with 413.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > MaxBodyBytes {
			return scheduler.Errorf(scheduler.ETOOLARGE, "the request body is larger than %d bytes", MaxBodyBytes)
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxBodyBytes)
		return next(c)
	}
}
