// Package web serves catruc's pages: server-rendered (html/template,
// embedded), Vietnamese first with English by a switch, usable on a phone for
// the guard's pages, with little JavaScript and no build step. Users log in
// with a password; a session cookie follows; every state-changing form carries
// a CSRF token.
package web

import (
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/planning"
	"catruc/scheduler/roster"

	"github.com/labstack/echo/v4"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Deps is what the pages need.
type Deps struct {
	Store Store
	// Roster is the roster service the API uses too (nil: one over Store).
	Roster *roster.Service
	// Planning is the plans service the API uses too (nil: one over Store,
	// when Store is a planning.Store).
	Planning *planning.Service
	Engine   *engine.Engine // may be nil (no jobs)
	Hub      *engine.Hub    // may be nil (no live alerts)
	Wake     chan<- struct{}
	Logger   *slog.Logger
	Now      scheduler.Clock
	BaseURL  string // for calendar links
	// Streams bound the live streams: how often their session is checked
	// again, how long they live (zero: the defaults, 30 s and an hour).
	Streams scheduler.StreamLimits
}

// Web holds the pages' dependencies and state.
type Web struct {
	Deps
	pages *pages
}

// sessionTTL is how long a login lasts.
const sessionTTL = 12 * time.Hour

// Register adds every page to e.
func Register(e *echo.Echo, d Deps) *Web {
	if d.Now == nil {
		d.Now = scheduler.SystemClock
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.BaseURL == "" {
		d.BaseURL = "http://127.0.0.1:8080"
	}
	if d.Roster == nil {
		d.Roster = roster.New(d.Store)
	}
	if d.Planning == nil {
		if ps, ok := d.Store.(planning.Store); ok {
			d.Planning = planning.New(ps, planning.Options{Logger: d.Logger, Now: d.Now})
		}
	}
	w := &Web{Deps: d, pages: loadPages()}
	e.HTTPErrorHandler = w.pageErrors(e.HTTPErrorHandler)
	w.register(e)
	return w
}

// GET / — the dashboard for the staff, a guard's own page for a guard.
func (w *Web) home(c echo.Context) error {
	if !scheduler.Can(sessionOf(c).User.Role, scheduler.ActionOverview) {
		return c.Redirect(http.StatusSeeOther, "/me")
	}
	return w.dashboard(c)
}

// GET /static/* — the stylesheets and scripts, embedded.
func static() echo.HandlerFunc {
	return echo.WrapHandler(cacheStatic(http.FileServer(http.FS(staticFS))))
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "public, max-age=3600")
		rw.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(rw, r)
	})
}

// securityHeaders: a CSP without inline scripts, no framing, a strict referrer policy.
func (w *Web) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		return next(c)
	}
}

// isPage reports whether a path belongs to the pages (not the API, the feeds
// or the operators' /healthz, /readyz and /metrics).
func isPage(p string) bool {
	return !strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/ical/") && p != "/healthz" && p != "/readyz" &&
		p != "/metrics"
}

// pageErrors makes errors on page paths answer with an HTML page; the API keeps its JSON errors.
func (w *Web) pageErrors(prev echo.HTTPErrorHandler) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed || !isPage(c.Request().URL.Path) {
			prev(err, c)
			return
		}
		var he *echo.HTTPError
		switch {
		case scheduler.ClientGone(c.Request().Context(), err):
			w.Logger.Info("client closed request", "method", c.Request().Method, "path", c.Path(),
				"status", scheduler.StatusClientClosed, "err", err)
			_ = c.NoContent(scheduler.StatusClientClosed)
		case scheduler.ErrorCode(err) == scheduler.EUNAVAILABLE:
			w.Logger.Warn("service unavailable", "method", c.Request().Method, "path", c.Path(), "err", err)
			c.Response().Header().Set("Retry-After", strconv.Itoa(scheduler.RetryAfter(err)))
			_ = w.render(c, http.StatusServiceUnavailable, "error", map[string]any{"Status": http.StatusServiceUnavailable,
				"Message": domainMessage(lang(c), err)})
		case errors.As(err, &he) && he.Code == http.StatusNotFound:
			_ = w.errorPage(c, http.StatusNotFound, "err.not_found")
		case errors.As(err, &he) && he.Code < 500:
			_ = w.errorPage(c, he.Code, "err.title")
		case scheduler.ErrorCode(err) == scheduler.ENOTFOUND:
			_ = w.errorPage(c, http.StatusNotFound, "err.not_found")
		case scheduler.ErrorCode(err) == scheduler.EFORBIDDEN:
			_ = w.errorPage(c, http.StatusForbidden, "err.forbidden")
		case scheduler.ErrorCode(err) == scheduler.EINVALID || scheduler.ErrorCode(err) == scheduler.ECONFLICT:
			_ = w.render(c, http.StatusBadRequest, "error", map[string]any{"Status": http.StatusBadRequest, "Message": domainMessage(lang(c), err)})
		default:
			w.Logger.Error("page error", "method", c.Request().Method, "path", c.Path(), "err", err)
			if rerr := w.errorPage(c, http.StatusInternalServerError, "err.internal"); rerr != nil {
				_ = c.String(http.StatusInternalServerError, "internal error")
			}
		}
	}
}
