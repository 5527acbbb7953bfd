// Package api serves catruc's JSON API under /api/v1 with Echo: routes, token
// authentication and roles, strict JSON decoding, and the one place where
// domain errors become HTTP statuses.
package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/planning"
	"catruc/scheduler/roster"

	"github.com/labstack/echo/v4"
)

// MaxBodyBytes bounds a request body; larger ones get 413.
const MaxBodyBytes = 1 << 20

// Config is what the API needs.
type Config struct {
	Store Store
	// TrustedProxies are the reverse proxies whose X-Forwarded-For tells the
	// client's address (ParseTrustedProxies; none: the connection's peer).
	TrustedProxies []*net.IPNet
	// Roster is the roster service both doors use for the roster's writes
	// (nil: one over Store).
	Roster *roster.Service
	// Planning is the plans service both doors use (nil: one over Store,
	// when Store keeps plans; its owner closes it).
	Planning *planning.Service
	Logger   *slog.Logger
	Now      scheduler.Clock // nil: the system clock
	// Engine runs the jobs; Hub carries live alert changes; Wake tells the
	// sender that notifications were queued. All may be nil (no engine).
	Engine *engine.Engine
	Hub    *engine.Hub
	Wake   chan<- struct{}
	// BaseURL is the public address used in calendar links (default http://127.0.0.1:8080).
	BaseURL string
	// Streams bound the live streams: how often their token is checked
	// again, how long they live (zero: the defaults, 30 s and an hour).
	Streams scheduler.StreamLimits
	// Leader tells whether this instance runs the cron jobs, for GET
	// /readyz (nil: always, as on SQLite, where one process serves).
	Leader func() bool
	// Version is the running build's version, told by /healthz and
	// /metrics ("" : "dev").
	Version string
}

// Server holds the API's dependencies.
type Server struct {
	store    Store
	roster   *roster.Service
	planning *planning.Service
	log      *slog.Logger
	now      scheduler.Clock
	engine   *engine.Engine
	hub      *engine.Hub
	wake     chan<- struct{}
	baseURL  string
	feeds    feedCache
	streams  scheduler.StreamLimits
	answers  answerCache // GET /shifts and /coverage by roster version
	oas      oasCache    // the OpenAPI document, built once
	docs     docsCache   // its rendered page
	leader   func() bool
	version  string
	metrics  *metrics
	// schemaSeen is the schema version /healthz last read (0: none yet).
	schemaSeen atomic.Int64
}

// New returns an Echo instance with every API route registered. Other parts
// (web/) may add their routes to it.
func New(cfg Config) (*echo.Echo, *Server) {
	s := &Server{store: cfg.Store, roster: cfg.Roster, planning: cfg.Planning, log: cfg.Logger, now: cfg.Now,
		engine: cfg.Engine, hub: cfg.Hub, wake: cfg.Wake, baseURL: cfg.BaseURL, streams: cfg.Streams,
		leader: cfg.Leader, version: cfg.Version}
	if s.roster == nil {
		s.roster = roster.New(cfg.Store)
	}
	if ps, ok := cfg.Store.(planning.Store); ok && s.planning == nil {
		s.planning = planning.New(ps, planning.Options{Logger: cfg.Logger, Now: cfg.Now})
	}
	if s.baseURL == "" {
		s.baseURL = "http://127.0.0.1:8080"
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = scheduler.SystemClock
	}
	if s.leader == nil {
		s.leader = func() bool { return true }
	}
	if s.version == "" {
		s.version = "dev"
	}
	s.metrics = newMetrics(s, s.version)
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	TrustProxies(e, cfg.TrustedProxies) // none unless configured: the peer's address
	e.Use(s.metrics.observe, s.recoverer, s.accessLog, s.limitBody)
	s.Register(e)
	return e, s
}

// Register adds every route of the table to e: the public ones as they are,
// the others behind the token check and their policy action.
func (s *Server) Register(e *echo.Echo) {
	for _, r := range s.routes() {
		mw := r.mw
		if r.action != public {
			mw = append([]echo.MiddlewareFunc{s.authenticate, allow(r.action)}, r.mw...)
		}
		e.Add(r.method, r.path, r.handler, mw...)
	}
}

// route is one route of the API: method, path, handler, and the policy
// action (scheduler.Can) a token's role needs; public routes need no token.
// Middleware runs per route rather than per group, so that Echo still answers
// 405 for a known path with another method.
type route struct {
	method, path string
	handler      echo.HandlerFunc
	action       string
	mw           []echo.MiddlewareFunc
}

// public marks the routes open without a token: health, and the calendar
// feeds whose URL is their credential.
const public = ""

// routes is the API's one table of routes.
func (s *Server) routes() []route {
	const (
		get, post, put, patch, del, head = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch,
			http.MethodDelete, http.MethodHead
		v = "/api/v1"

		read     = scheduler.ActionRead
		write    = scheduler.ActionRosterWrite
		ack      = scheduler.ActionAlertsAck
		audit    = scheduler.ActionAuditRead
		settings = scheduler.ActionSettingsWrite
		secrets  = scheduler.ActionSettingsRead
		calendar = scheduler.ActionCalendarManage
		ask      = scheduler.ActionTimeOffRequest
		swap     = scheduler.ActionSwapRequest
		decline  = scheduler.ActionSwapDecline
		plan     = scheduler.ActionPlan
		prefs    = scheduler.ActionPreferences
		checkin  = scheduler.ActionCheckIn
	)
	st := s.store
	return []route{
		{get, "/healthz", s.health, public, nil},
		{get, v + "/healthz", s.health, public, nil},
		{get, v + "/openapi.json", s.openAPIJSON, public, nil},
		{get, "/api/docs", s.apiDocs, public, nil},
		{get, "/readyz", s.ready, public, nil},
		{get, "/metrics", s.getMetrics, scheduler.ActionMetricsRead, nil},
		{get, "/ical/:file", s.feed, public, nil}, // gzipped by the feed cache, once per version
		{head, "/ical/:file", s.feed, public, nil},
		{get, v + "/me", s.me, read, nil},
		{get, v + "/me/preferences", s.getMyPreferences, prefs, nil},
		{put, v + "/me/preferences", s.putMyPreferences, prefs, nil},

		{get, v + "/posts", s.listPosts, read, nil},
		{post, v + "/posts", createOne(newPost, shownAfter(st.CreatePost)), write, nil},
		{get, v + "/posts/:id", getOne(shownFind(st.FindPostByID)), read, nil},
		{patch, v + "/posts/:id", patchOne(shownUpdate(st.UpdatePost), "id"), write, nil},
		{del, v + "/posts/:id", deleteOne(st.DeletePost), write, nil},

		{get, v + "/guards", s.listGuards, read, nil},
		{post, v + "/guards", createOne(newGuard, st.CreateGuard), write, nil},
		{get, v + "/guards/:id", getOne(st.FindGuardByID), read, nil},
		{patch, v + "/guards/:id", patchOne(st.UpdateGuard, "id"), write, nil},
		{del, v + "/guards/:id", deleteOne(st.DeleteGuard), write, nil},
		{get, v + "/guards/:id/preferences", s.getPreferences, prefs, nil},
		{put, v + "/guards/:id/preferences", s.putPreferences, prefs, nil},

		{get, v + "/plans", s.listPlans, plan, nil},
		{post, v + "/plans", s.startPlan, plan, nil},
		{get, v + "/plans/:id", s.getPlan, plan, nil},
		{get, v + "/plans/:id/events", s.planEvents, plan, nil},
		{post, v + "/plans/:id/apply", s.applyPlan, plan, nil},
		{del, v + "/plans/:id", s.discardPlan, plan, nil},

		{get, v + "/shifts", s.listShifts, read, nil},
		{post, v + "/shifts", s.createShift, write, nil},
		{post, v + "/shifts/swap", s.swapShifts, write, nil},
		{get, v + "/shifts/:id", s.getShift, read, nil},
		{patch, v + "/shifts/:id", s.patchShift, write, nil},
		{del, v + "/shifts/:id", s.cancelShift, write, nil},

		{get, v + "/time-off", s.listTimeOff, read, nil},
		{post, v + "/time-off", s.createTimeOff, ask, nil},
		{post, v + "/time-off/:id/approve", s.approveTimeOff, write, nil},
		{post, v + "/time-off/:id/decline", s.declineTimeOff, write, nil},
		{del, v + "/time-off/:id", s.deleteTimeOff, ask, nil},

		{get, v + "/swap-requests", s.listSwaps, read, nil},
		{post, v + "/swap-requests", s.proposeSwap, swap, nil},
		{post, v + "/swap-requests/:id/accept", s.acceptSwap, swap, nil},
		{post, v + "/swap-requests/:id/approve", s.approveSwap, write, nil},
		{post, v + "/swap-requests/:id/decline", s.declineSwap, decline, nil},

		{get, v + "/rotations", s.listRotations, read, nil},
		{post, v + "/rotations", s.createRotation, write, nil},
		{get, v + "/rotations/:id", getOne(st.FindRotationByID), read, nil},
		{patch, v + "/rotations/:id", s.patchRotation, write, nil},
		{del, v + "/rotations/:id", s.deleteRotation, write, nil},
		{post, v + "/rotations/:id/generate", s.generateRotation, write, nil},

		{get, v + "/events", s.listEvents, read, nil},
		{post, v + "/events", s.createEvent, write, nil},
		{get, v + "/events/:id", getOne(st.FindEventByID), read, nil},
		{patch, v + "/events/:id", patchOne(st.UpdateEvent, "id", "version"), write, nil},
		{del, v + "/events/:id", s.cancelEvent, write, nil},

		{get, v + "/coverage", s.getCoverage, read, nil},
		{get, v + "/staffing", s.getStaffing, read, nil},
		{get, v + "/violations", s.listViolations, read, nil},
		{get, v + "/reports/security", s.getSecurityReport, scheduler.ActionReportsRead, nil},
		{get, v + "/reports/security.docx", s.getSecurityReportDocx, scheduler.ActionReportsRead, nil},
		{get, v + "/suggestions", s.listSuggestions, read, nil},

		{get, v + "/holidays", s.listHolidays, read, nil},
		{post, v + "/holidays", s.addHoliday, write, nil},
		{del, v + "/holidays/:date", s.removeHoliday, write, nil},

		{get, v + "/alerts", s.listAlerts, read, nil},
		{get, v + "/alerts/stream", s.streamAlerts, read, nil},
		{get, v + "/alerts/:id", s.getAlert, read, nil},
		{post, v + "/alerts/:id/ack", s.ackAlert, ack, nil},
		{post, v + "/alerts/:id/resolve", s.resolveAlert, ack, nil},
		{get, v + "/notifications", s.listNotifications, audit, nil},

		{get, v + "/jobs", s.listJobs, read, nil},
		{post, v + "/jobs/:name/run", s.runJob, write, nil},

		{get, v + "/calendars", s.listCalendars, read, nil},
		{post, v + "/calendars", s.createCalendar, calendar, nil},
		{post, v + "/calendars/:id/rotate", s.rotateCalendar, calendar, nil},
		{del, v + "/calendars/:id", s.revokeCalendar, calendar, nil},
		{post, v + "/import/ics", s.importICS, write, nil},

		{get, v + "/audit", s.listAudit, audit, nil},

		{get, v + "/settings/office", s.getOffice, read, nil},
		{put, v + "/settings/office", s.putOffice, settings, nil},
		{get, v + "/settings/rules", s.getRules, read, nil},
		{put, v + "/settings/rules", s.putRules, settings, nil},
		{get, v + "/settings/jobs", s.getJobSettings, read, nil},
		{put, v + "/settings/jobs", s.putJobSettings, settings, nil},
		{get, v + "/settings/notifications", s.getNotificationSettings, secrets, nil},
		{put, v + "/settings/notifications", s.putNotificationSettings, settings, nil},
		{post, v + "/settings/notifications/test", s.testNotification, settings, nil},
		{get, v + "/settings/calendars", s.getCalendarSettings, read, nil},
		{put, v + "/settings/calendars", s.putCalendarSettings, settings, nil},

		{post, v + "/shifts/:id/check-in", s.checkIn, checkin, nil},
		{post, v + "/shifts/:id/check-out", s.checkOut, checkin, nil},
		{post, v + "/checkin/qr", s.checkInQR, checkin, nil},
		{get, v + "/handovers", s.listHandovers, read, nil},
		{post, v + "/handovers/:id/ack", s.ackHandover, checkin, nil},
		{get, v + "/posts/:id/checklist", s.getChecklist, read, nil},
		{put, v + "/posts/:id/checklist", s.putChecklist, write, nil},
		{post, v + "/posts/:id/checkin-code", s.rotateCheckInCode, write, nil},
		{get, v + "/settings/duty", s.getDutySettings, read, nil},
		{put, v + "/settings/duty", s.putDutySettings, settings, nil},
		{get, v + "/teams", s.listTeams, read, nil},
		{post, v + "/teams", createOne(newTeam, st.CreateTeam), write, nil},
		{get, v + "/teams/:id", getOne(st.FindTeamByID), read, nil},
		{patch, v + "/teams/:id", patchOne(st.UpdateTeam, "id"), write, nil},
		{del, v + "/teams/:id", deleteOne(st.DeleteTeam), write, nil},
		{get, v + "/settings/incidents", s.getIncidentPlans, read, nil},
		{put, v + "/settings/incidents", s.putIncidentPlans, settings, nil},
		{get, v + "/incidents", s.listIncidents, read, nil},
		{post, v + "/incidents", s.declareIncident, scheduler.ActionIncidentDeclare, nil},
		{get, v + "/incidents/:id", getOne(st.FindIncidentByID), read, nil},
		{post, v + "/incidents/:id/updates", s.addIncidentUpdate, scheduler.ActionIncidentManage, nil},
		{post, v + "/incidents/:id/close", s.closeIncident, scheduler.ActionIncidentManage, nil},
		{get, v + "/reports/timesheet", s.getTimesheet, scheduler.ActionPayRead, nil},
		{get, v + "/reports/timesheet.xlsx", s.getTimesheetXLSX, scheduler.ActionPayRead, nil},
		{get, v + "/reports/timesheet.csv", s.getTimesheetCSV, scheduler.ActionPayRead, nil},
		{get, v + "/settings/pay", s.getPaySettings, read, nil},
		{put, v + "/settings/pay", s.putPaySettings, settings, nil},
	}
}

// newPost and newGuard are what a POST starts from, before its body.
func newPost() *scheduler.Post {
	return &scheduler.Post{Active: true, Requirements: []scheduler.Requirement{}}
}

func newGuard() *scheduler.Guard {
	return &scheduler.Guard{Active: true, Unit: scheduler.UnitOffice, Skills: []string{}, PostIDs: []int64{}}
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
	scheduler.EUNAVAILABLE:  http.StatusServiceUnavailable,
	scheduler.EINTERNAL:     http.StatusInternalServerError,
}

var statusCode = map[int]string{
	http.StatusBadRequest:            scheduler.EINVALID,
	http.StatusUnauthorized:          scheduler.EUNAUTHORIZED,
	http.StatusForbidden:             scheduler.EFORBIDDEN,
	http.StatusNotFound:              scheduler.ENOTFOUND,
	http.StatusConflict:              scheduler.ECONFLICT,
	http.StatusRequestEntityTooLarge: scheduler.ETOOLARGE,
	http.StatusServiceUnavailable:    scheduler.EUNAVAILABLE,
	http.StatusMethodNotAllowed:      "method_not_allowed",
	http.StatusUnsupportedMediaType:  "unsupported_media_type",
}

// handleError is the one place where errors become HTTP answers. Only
// internal errors are logged, and their details never reach the client.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if scheduler.ClientGone(c.Request().Context(), err) {
		s.log.Info("client closed request", "method", c.Request().Method, "path", c.Path(),
			"status", scheduler.StatusClientClosed, "err", err)
		_ = c.NoContent(scheduler.StatusClientClosed)
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
		switch se.Code {
		case scheduler.EINTERNAL:
			body.Args = nil
			s.log.Error("internal error", "method", c.Request().Method, "path", c.Path(), "err", err)
		case scheduler.EUNAVAILABLE:
			c.Response().Header().Set("Retry-After", strconv.Itoa(scheduler.RetryAfter(se)))
			s.log.Warn("service unavailable", "method", c.Request().Method, "path", c.Path(), "err", err)
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
				err = scheduler.Internal(fmt.Errorf("panic: %v", r))
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
			return scheduler.E(scheduler.ETOOLARGE, "", "api.body_too_large", "max", MaxBodyBytes)
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, MaxBodyBytes)
		return next(c)
	}
}
