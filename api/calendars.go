package api

import (
	"bytes"
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

// cancelledFor is how long a cancelled shift stays in feeds, so that clients remove it.
const cancelledFor = 30 * 24 * time.Hour

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

// feedCache keeps the last bodies built, by ETag, so that a client without
// If-None-Match does not make the feed be built again.
type feedCache struct {
	mu     sync.Mutex
	bodies map[string][]byte
}

func (f *feedCache) get(k string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.bodies[k]
	return b, ok
}

func (f *feedCache) put(k string, b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.bodies == nil || len(f.bodies) >= 256 {
		f.bodies = map[string][]byte{}
	}
	f.bodies[k] = b
}

func (f *feedCache) forget() {
	f.mu.Lock()
	f.bodies = nil
	f.mu.Unlock()
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
	body, ok := s.feeds.get(etag)
	if !ok {
		if body, err = s.buildFeed(c, cal, now); err != nil {
			return err
		}
		s.feeds.put(etag, body)
	}
	h.Set("Content-Disposition", `inline; filename="lich-truc.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
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

// buildFeed renders a calendar's feed at now.
func (s *Server) buildFeed(c echo.Context, cal *scheduler.Calendar, now time.Time) ([]byte, error) {
	ctx := c.Request().Context()
	settings, err := s.store.CalendarSettings(ctx)
	if err != nil {
		return nil, err
	}
	loc := s.store.Location()
	from := now.AddDate(0, 0, -settings.DaysBack)
	to := now.AddDate(0, 0, settings.DaysAhead)
	posts, err := s.store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	guards, err := s.store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	postBy := map[int64]*scheduler.Post{}
	for _, p := range posts {
		postBy[p.ID] = p
	}
	guardBy := map[int64]*scheduler.Guard{}
	for _, g := range guards {
		guardBy[g.ID] = g
	}
	all, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	events, err := s.store.FindEvents(ctx, scheduler.EventFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	var contacts []string
	for _, p := range posts {
		if p.Kind == scheduler.PostKindPolice && p.Active && (p.Contact.Name != "" || p.Contact.Phone != "") {
			contacts = append(contacts, strings.TrimSpace(p.Contact.Name+" "+p.Contact.Phone))
		}
	}
	contact := strings.Join(contacts, "; ")
	// Keep a shift: scheduled, or cancelled within the last 30 days so that clients remove it.
	live := func(sh *scheduler.Shift) bool {
		return sh.Status == scheduler.ShiftScheduled || now.Sub(sh.UpdatedAt) <= cancelledFor
	}
	var scheduled []*scheduler.Shift
	for _, sh := range all {
		if sh.Status == scheduler.ShiftScheduled && sh.GuardID != nil {
			scheduled = append(scheduled, sh)
		}
	}
	sort.Slice(scheduled, func(i, j int) bool { return scheduled[i].Start.Before(scheduled[j].Start) })
	onDuty := func(a, b time.Time, except int64, officeOnly bool) []string {
		var out []string
		i := sort.Search(len(scheduled), func(i int) bool { return !scheduled[i].Start.Before(a.Add(-scheduler.MaxShiftLength)) })
		for ; i < len(scheduled) && scheduled[i].Start.Before(b); i++ {
			x := scheduled[i]
			p := postBy[x.PostID]
			if x.ID == except || !x.End.After(a) || p == nil || (officeOnly && p.Kind != scheduler.PostKindGuard) {
				continue
			}
			out = append(out, fmt.Sprintf("%s (%s, %s–%s)", guardBy[*x.GuardID].Name, p.Name,
				x.Start.In(loc).Format("02/01 15:04"), x.End.In(loc).Format("02/01 15:04")))
		}
		return out
	}
	f := ical.Feed{Name: cal.Name, Loc: loc, Host: s.uidHost(), Now: now,
		Refresh: time.Duration(settings.RefreshMinutes) * time.Minute}
	wantShift := func(sh *scheduler.Shift) bool { return false }
	wantEvent := func(e *scheduler.Event) bool { return false }
	switch cal.Scope {
	case scheduler.ScopeGuard:
		f.Alarm = time.Duration(settings.AlarmMinutes) * time.Minute
		wantShift = func(sh *scheduler.Shift) bool { return sh.GuardID != nil && *sh.GuardID == *cal.TargetID }
	case scheduler.ScopePost:
		wantShift = func(sh *scheduler.Shift) bool { return sh.PostID == *cal.TargetID }
		wantEvent = func(e *scheduler.Event) bool {
			for _, id := range e.PostIDs {
				if id == *cal.TargetID {
					return true
				}
			}
			return false
		}
	case scheduler.ScopeAll:
		wantShift = func(*scheduler.Shift) bool { return true }
		wantEvent = func(*scheduler.Event) bool { return true }
	case scheduler.ScopePolice:
		wantShift = func(sh *scheduler.Shift) bool {
			p := postBy[sh.PostID]
			return p != nil && p.Kind == scheduler.PostKindGuard
		}
		wantEvent = func(e *scheduler.Event) bool { return e.NotifyPolice }
	}
	for _, sh := range all {
		if !wantShift(sh) || !live(sh) {
			continue
		}
		p := postBy[sh.PostID]
		it := ical.ShiftItem{Shift: sh, Contact: contact}
		if p != nil {
			it.PostName, it.Site = p.Name, p.Site
		}
		if sh.GuardID != nil {
			it.GuardName = guardBy[*sh.GuardID].Name
		}
		it.Others = onDuty(sh.Start, sh.End, sh.ID, false)
		f.Shifts = append(f.Shifts, it)
	}
	for _, e := range events {
		if !wantEvent(e) || (e.Status == scheduler.ShiftCancelled && now.Sub(e.UpdatedAt) > cancelledFor) {
			continue
		}
		it := ical.EventItem{Event: e, OnDuty: onDuty(e.Start, e.End, 0, true)}
		for _, id := range e.PostIDs {
			if p := postBy[id]; p != nil {
				it.PostNames = append(it.PostNames, p.Name)
			}
		}
		f.Events = append(f.Events, it)
	}
	return ical.Build(f)
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
// with an iCalendar body. Recurring entries are expanded; the import is all
// or nothing; a dry run shows {created, skipped, errors} and writes nothing.
func (s *Server) importICS(c echo.Context) error {
	kind := c.QueryParam("kind")
	dry := false
	if v := c.QueryParam("dry_run"); v != "" {
		var err error
		if dry, err = strconv.ParseBool(v); err != nil {
			return scheduler.E(scheduler.EINVALID, "dry_run", "api.not_bool")
		}
	}
	var id *int64
	var err error
	switch kind {
	case "time-off":
		if id, err = queryID(c, "guard_id"); err != nil {
			return err
		} else if id == nil {
			return scheduler.E(scheduler.EINVALID, "guard_id", "api.import_guard_required")
		}
	case "shifts":
		if id, err = queryID(c, "post_id"); err != nil {
			return err
		} else if id == nil {
			return scheduler.E(scheduler.EINVALID, "post_id", "api.import_post_required")
		}
	case "holidays":
	default:
		return scheduler.E(scheduler.EINVALID, "kind", "api.import_kind_unknown")
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	loc := s.store.Location()
	now := s.now()
	parsed, err := ical.Parse(bytes.NewReader(body), loc, now.AddDate(0, 0, -31), now.AddDate(2, 0, 0))
	if err != nil {
		return err
	}
	items := make([]scheduler.ImportItem, len(parsed))
	for i, p := range parsed {
		items[i] = scheduler.ImportItem{UID: p.UID, Summary: p.Summary, Description: p.Description, Start: p.Start,
			End: p.End, AllDay: p.AllDay, Line: p.Line}
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
	if len(res.Errors) > 0 && !dry {
		return c.JSON(http.StatusBadRequest, map[string]any{
			"error": errorDetail{Code: scheduler.EINVALID, Field: "body",
				Message: fmt.Sprintf("%d of the entries cannot be imported (first: line %d: %s); nothing was written",
					len(res.Errors), res.Errors[0].Line, res.Errors[0].Reason)},
			"created": res.Created, "skipped": res.Skipped, "errors": res.Errors})
	}
	return c.JSON(http.StatusOK, res)
}
