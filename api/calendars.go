package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/ical"

	"github.com/labstack/echo/v4"
)

// feedURLs builds the https and webcal URLs of a secret.
func (s *Server) feedURLs(secret string) (string, string) {
	u := strings.TrimRight(s.baseURL, "/") + "/ical/" + secret + ".ics"
	web := u
	if i := strings.Index(u, "://"); i >= 0 {
		web = "webcal" + u[i:]
	}
	return u, web
}

// ownCalendar refuses a guard token anything but its own guard's calendars.
func ownCalendar(c echo.Context, cal *scheduler.Calendar) error {
	gid, only := principal(c).OwnGuard()
	if !only {
		return nil
	}
	if cal.Scope != scheduler.ScopeGuard || cal.TargetID == nil || *cal.TargetID != gid {
		return scheduler.E(scheduler.EFORBIDDEN, "", "calendar.not_own")
	}
	return nil
}

// calendarFor reads :id and checks the token may manage that calendar.
func (s *Server) calendarFor(c echo.Context) (int64, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, err
	}
	cur, err := s.store.FindCalendarByID(c.Request().Context(), id)
	if err != nil {
		return 0, err
	}
	return id, ownCalendar(c, cur)
}

// GET /api/v1/calendars?scope=&target_id= — live subscriptions, with last_access (not their URLs: those are shown once).
func (s *Server) listCalendars(c echo.Context) error {
	tid, err := queryID(c, "target_id")
	if err != nil {
		return err
	}
	scope := c.QueryParam("scope")
	if gid, only := principal(c).OwnGuard(); only {
		scope, tid = scheduler.ScopeGuard, &gid
	}
	cs, err := s.store.FindCalendars(c.Request().Context(), scope, tid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}

// POST /api/v1/calendars {scope, target_id} → the calendar with its URL, shown once.
func (s *Server) createCalendar(c echo.Context) error {
	var in struct {
		Scope    string `json:"scope"`
		TargetID *int64 `json:"target_id"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	cal := &scheduler.Calendar{Scope: in.Scope, TargetID: in.TargetID}
	if err := ownCalendar(c, cal); err != nil {
		return err
	}
	secret, err := s.store.CreateCalendar(c.Request().Context(), cal)
	if err != nil {
		return err
	}
	cal.URL, cal.WebcalURL = s.feedURLs(secret)
	return c.JSON(http.StatusCreated, cal)
}

// POST /api/v1/calendars/:id/rotate — a new URL; the old one dies.
func (s *Server) rotateCalendar(c echo.Context) error {
	id, err := s.calendarFor(c)
	if err != nil {
		return err
	}
	cal, secret, err := s.store.RotateCalendar(c.Request().Context(), id)
	if err != nil {
		return err
	}
	s.feeds.forget()
	cal.URL, cal.WebcalURL = s.feedURLs(secret)
	return c.JSON(http.StatusOK, cal)
}

// DELETE /api/v1/calendars/:id — revokes: the URL answers 404 from now on.
func (s *Server) revokeCalendar(c echo.Context) error {
	id, err := s.calendarFor(c)
	if err != nil {
		return err
	}
	if err := s.store.RevokeCalendar(c.Request().Context(), id); err != nil {
		return err
	}
	s.feeds.forget()
	return c.NoContent(http.StatusNoContent)
}

// GET /api/v1/settings/calendars
func (s *Server) getCalendarSettings(c echo.Context) error {
	cs, err := s.store.CalendarSettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}

// PUT /api/v1/settings/calendars
func (s *Server) putCalendarSettings(c echo.Context) error {
	cs := scheduler.DefaultCalendarSettings()
	if err := bind(c, &cs); err != nil {
		return err
	}
	cs, err := s.store.SetCalendarSettings(c.Request().Context(), cs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}

// feedCache keeps the last bodies built, by ETag (a calendar at a roster
// version on a day), so that a client without If-None-Match does not make
// the feed be built again, nor gzipped again.
type feedCache struct {
	mu     sync.Mutex
	bodies map[string]*feedBody
	size   int // bytes held, plain and gzipped
	// seq is the newest roster version a body was asked for: the bodies of
	// older versions are let go when it moves on, since no client is sent
	// them again (their ETags no longer match); under a roster that changes
	// every few seconds they were most of what the cache held.
	seq int64
	// reuse is each calendar's VEVENTs of its last build (by calendar id),
	// which its next build copies where its shifts did not change.
	reuse map[int64]*ical.Reuse
}

// feedReuseCalendars bounds how many calendars' last builds feedCache
// keeps for reuse, and feedReuseBytes the text they hold (which is mostly
// the bodies the cache holds anyway); past either, it starts again empty.
const (
	feedReuseCalendars = 64
	feedReuseBytes     = 16 << 20
)

// reuseFor returns calendar id's Reuse.
func (f *feedCache) reuseFor(id int64) *ical.Reuse {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.reuse[id]; ok {
		return r
	}
	held := 0
	for _, r := range f.reuse {
		held += r.Bytes()
	}
	if f.reuse == nil || len(f.reuse) >= feedReuseCalendars || held > feedReuseBytes {
		f.reuse = map[int64]*ical.Reuse{}
	}
	r := &ical.Reuse{}
	f.reuse[id] = r
	return r
}

// feedCacheBytes bounds what feedCache holds; past it, it starts again empty.
const feedCacheBytes = 16 << 20

// feedBody is a feed as built, and gzipped once when first asked for so.
// It is in the cache from when its build starts: the requests that come
// meanwhile wait for that one build (done) instead of each building it.
type feedBody struct {
	done  chan struct{} // closed when plain (or err) is set
	plain []byte
	err   error
	once  sync.Once
	gz    []byte
}

// wait waits for the body's build.
func (b *feedBody) wait(ctx context.Context) ([]byte, error) {
	select {
	case <-b.done:
		return b.plain, b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// gzipped returns the body gzipped (made once; the fastest level: a feed is
// text that repeats, and one build of it must stay cheap).
func (b *feedBody) gzipped() []byte {
	b.once.Do(func() {
		var buf bytes.Buffer
		buf.Grow(len(b.plain) / 6)
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		_, _ = zw.Write(b.plain)
		_ = zw.Close()
		gzipWriters.Put(zw)
		b.gz = buf.Bytes()
	})
	return b.gz
}

// gzipWriters keep their compressor's tables (most of a megabyte) from one body to the next.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// body returns the body under k, of roster version seq, and whether the
// caller is to build it (then it must call built).
func (f *feedCache) body(k string, seq int64) (*feedBody, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if seq > f.seq {
		f.bodies, f.size, f.seq = nil, 0, seq
	}
	if b, ok := f.bodies[k]; ok {
		return b, false
	}
	if f.bodies == nil || len(f.bodies) >= 256 || f.size > feedCacheBytes {
		f.bodies, f.size = map[string]*feedBody{}, 0
	}
	b := &feedBody{done: make(chan struct{})}
	f.bodies[k] = b
	return b, true
}

// built sets the body under k as built (or failed: then it leaves the
// cache, so that the next request tries again). The gzipped form, made
// later, counts as a sixth of the plain one.
func (f *feedCache) built(k string, b *feedBody, plain []byte, err error) {
	b.plain, b.err = plain, err
	close(b.done)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err != nil {
		if f.bodies[k] == b {
			delete(f.bodies, k)
		}
		return
	}
	f.size += len(plain) + len(plain)/6
}

func (f *feedCache) forget() {
	f.mu.Lock()
	f.bodies, f.size, f.reuse = nil, 0, nil
	f.mu.Unlock()
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (named, or *, without q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(strings.ToLower(params), " ", ""), "q=")
		if !ok {
			return true
		}
		if v, err := strconv.ParseFloat(q, 64); err == nil && v > 0 {
			return true
		}
	}
	return false
}

// GET|HEAD /ical/:token.ics — a calendar feed. ETag and Last-Modified come
// from the roster's change counter and the day (the window slides daily), so
// a 304 costs two indexed reads and no building.
func (s *Server) feed(c echo.Context) error {
	file := c.Param("file")
	if !strings.HasSuffix(file, ".ics") {
		return scheduler.E(scheduler.ENOTFOUND, "", "calendar.no_such")
	}
	ctx := c.Request().Context()
	cal, err := s.store.CalendarBySecret(ctx, strings.TrimSuffix(file, ".ics"))
	if err != nil {
		return err
	}
	seq, changed, err := s.store.RosterVersion(ctx)
	if err != nil {
		return err
	}
	loc := s.store.Location()
	now := s.now()
	today := scheduler.DayStart(now, loc)
	etag := fmt.Sprintf(`"%d-%d-%s"`, cal.ID, seq, today.Format("20060102"))
	mod := changed
	if today.After(mod) {
		mod = today
	}
	mod = mod.UTC().Truncate(time.Second)
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", mod.Format(http.TimeFormat))
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	if notModified(c.Request(), etag, mod) {
		return c.NoContent(http.StatusNotModified)
	}
	body, out, err := s.feedBody(c, etag, seq, cal, now)
	if err != nil {
		return err
	}
	h.Set("Content-Disposition", `inline; filename="lich-truc.ics"`)
	if acceptsGzip(c.Request()) {
		out = body.gzipped()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(out)))
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", out)
}

// feedBody returns the cached body under etag and its plain bytes,
// building it when no other request is: one build per version, however
// many phones ask at once. A build cut short by its own client hanging up
// is taken over by a request still waiting.
func (s *Server) feedBody(c echo.Context, etag string, seq int64, cal *scheduler.Calendar, now time.Time) (*feedBody, []byte, error) {
	ctx := c.Request().Context()
	for {
		body, build := s.feeds.body(etag, seq)
		if build {
			plain, err := s.buildFeed(c, cal, now)
			s.feeds.built(etag, body, plain, err)
		}
		plain, err := body.wait(ctx)
		if err != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			continue // the builder's client left; this one has not
		}
		return body, plain, err
	}
}

// notModified applies If-None-Match, or else If-Modified-Since.
func notModified(r *http.Request, etag string, mod time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/"))
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !mod.After(t) {
			return true
		}
	}
	return false
}

// buildFeed renders a calendar's feed at now: it loads what the feed may
// show; ical.FeedFor chooses and names it.
func (s *Server) buildFeed(c echo.Context, cal *scheduler.Calendar, now time.Time) ([]byte, error) {
	ctx := c.Request().Context()
	settings, err := s.store.CalendarSettings(ctx)
	if err != nil {
		return nil, err
	}
	from, to := ical.Window(now, settings)
	in := ical.Content{Calendar: cal, Settings: settings, Loc: s.store.Location(), Host: s.uidHost(), Now: now}
	if in.Posts, err = s.store.FindPosts(ctx, scheduler.PostFilter{}); err != nil {
		return nil, err
	}
	if in.Guards, err = s.store.FindGuards(ctx, scheduler.GuardFilter{}); err != nil {
		return nil, err
	}
	if in.Shifts, err = s.feedShifts(ctx, cal, from, to); err != nil {
		return nil, err
	}
	if cal.Scope != scheduler.ScopeGuard { // a guard's own calendar shows no events nor incidents
		if in.Events, err = s.store.FindEvents(ctx, scheduler.EventFilter{From: &from, To: &to}); err != nil {
			return nil, err
		}
		if in.Incidents, err = s.store.FindIncidents(ctx, scheduler.IncidentFilter{From: &from, To: &to}); err != nil {
			return nil, err
		}
	}
	f := ical.FeedFor(in)
	f.Reuse = s.feeds.reuseFor(cal.ID)
	return ical.Build(f)
}

// windowFinder is what a store offers that keeps the feeds' window of
// shifts in memory, current to the last change (store.Store does): shifts
// shared, never to be changed.
type windowFinder interface {
	FeedShifts(ctx context.Context, from, to time.Time) ([]*scheduler.Shift, error)
}

// companyFinder is what a store offers that can read a guard's shifts with
// those of the guards on duty meanwhile (store.Store does).
type companyFinder interface {
	FindShiftsWithCompany(ctx context.Context, guardID int64, from, to time.Time) ([]*scheduler.Shift, error)
}

// feedShifts loads the shifts a feed may show over [from, to): the store's
// in-memory window when it keeps one (ical.FeedFor chooses from it); else,
// for a guard's own calendar, the guard's and those overlapping them (which
// ical.FeedFor names as company), not the whole roster.
func (s *Server) feedShifts(ctx context.Context, cal *scheduler.Calendar, from, to time.Time) ([]*scheduler.Shift, error) {
	if wf, ok := s.store.(windowFinder); ok {
		return wf.FeedShifts(ctx, from, to)
	}
	if cf, ok := s.store.(companyFinder); ok && cal.Scope == scheduler.ScopeGuard && cal.TargetID != nil {
		return cf.FindShiftsWithCompany(ctx, *cal.TargetID, from, to)
	}
	return s.store.FindShifts(ctx, scheduler.ShiftFilter{From: &from, To: &to})
}

// uidHost is the host part of feed UIDs: the base URL's host without port.
func (s *Server) uidHost() string {
	u, err := url.Parse(s.baseURL)
	if err != nil || u.Hostname() == "" {
		return "catruc"
	}
	return u.Hostname()
}

// POST /api/v1/import/ics?kind=time-off&guard_id=N | kind=holidays | kind=shifts&post_id=N [&dry_run=true]
// with an iCalendar body. Recurring entries are expanded inside the import
// window (31 days back, two years ahead); what lies outside it is listed as
// skipped, with the reason. The import is all or nothing: it is parsed and
// checked before anything is written, then written in one short
// transaction; a dry run shows {created, skipped, errors} and writes nothing.
func (s *Server) importICS(c echo.Context) error {
	kind, id, dry, err := importQuery(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	items, outside, err := ical.ReadImport(bytes.NewReader(body), s.store.Location(), s.now())
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var res scheduler.ImportResult
	switch kind {
	case "time-off":
		res, err = s.store.ImportTimeOff(ctx, *id, items, dry)
	case "shifts":
		res, err = s.store.ImportShifts(ctx, *id, items, dry)
	default:
		res, err = s.store.ImportHolidays(ctx, items, dry)
	}
	if err != nil {
		return err
	}
	res.Skipped = append(outside, res.Skipped...)
	sort.SliceStable(res.Skipped, func(i, j int) bool { return res.Skipped[i].Line < res.Skipped[j].Line })
	if len(res.Errors) > 0 && !dry {
		e := scheduler.E(scheduler.EINVALID, "body", "import.has_errors", "count", len(res.Errors), "line", res.Errors[0].Line)
		return c.JSON(http.StatusBadRequest, map[string]any{
			"error":   errorDetail{Code: e.Code, Key: e.Key, Message: e.Message, Field: e.Field, Args: e.Args},
			"created": res.Created, "skipped": res.Skipped, "errors": res.Errors})
	}
	return c.JSON(http.StatusOK, res)
}

// importQuery reads an import's kind, the id it needs (guard_id for
// time-off, post_id for shifts) and dry_run.
func importQuery(c echo.Context) (kind string, id *int64, dry bool, err error) {
	kind = c.QueryParam("kind")
	if v := c.QueryParam("dry_run"); v != "" {
		if dry, err = strconv.ParseBool(v); err != nil {
			return "", nil, false, scheduler.E(scheduler.EINVALID, "dry_run", "api.not_bool")
		}
	}
	switch kind {
	case "time-off":
		if id, err = queryID(c, "guard_id"); err == nil && id == nil {
			err = scheduler.E(scheduler.EINVALID, "guard_id", "api.import_guard_required")
		}
	case "shifts":
		if id, err = queryID(c, "post_id"); err == nil && id == nil {
			err = scheduler.E(scheduler.EINVALID, "post_id", "api.import_post_required")
		}
	case "holidays":
	default:
		err = scheduler.E(scheduler.EINVALID, "kind", "api.import_kind_unknown")
	}
	return kind, id, dry, err
}
