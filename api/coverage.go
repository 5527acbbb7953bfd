package api

import (
	"context"
	"net/http"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"

	"github.com/labstack/echo/v4"
)

// MaxWindow bounds the analysis windows a request may ask for.
const MaxWindow = 400 * 24 * time.Hour

func (s *Server) registerCoverage(g *router) {
	g.GET("/coverage", s.getCoverage)
	g.GET("/staffing", s.getStaffing)
}

// window reads from and to, defaulting to [now, now + def), and bounds its length.
func (s *Server) window(c echo.Context, def time.Duration) (time.Time, time.Time, error) {
	from, to, err := s.queryRange(c)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	f := s.now().In(s.store.Location())
	if from != nil {
		f = *from
	}
	t := f.Add(def)
	if to != nil {
		t = *to
	}
	if !t.After(f) {
		return f, t, scheduler.Invalid("to", "to must be after from")
	}
	if t.Sub(f) > MaxWindow {
		return f, t, scheduler.Invalid("to", "the window may be at most 400 days")
	}
	return f, t, nil
}

// activePosts returns the active posts, or the one asked for by post_id.
func (s *Server) activePosts(c echo.Context) ([]*scheduler.Post, error) {
	ctx := c.Request().Context()
	pid, err := queryID(c, "post_id")
	if err != nil {
		return nil, err
	}
	if pid != nil {
		p, err := s.store.FindPostByID(ctx, *pid)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return nil, scheduler.Invalid("post_id", "post %d does not exist", *pid)
		}
		if err != nil {
			return nil, err
		}
		return []*scheduler.Post{p}, nil
	}
	active := true
	return s.store.FindPosts(ctx, scheduler.PostFilter{Active: &active})
}

// scheduledEvents returns the events that are not cancelled and overlap [from, to).
func (s *Server) scheduledEvents(ctx context.Context, from, to time.Time) ([]*scheduler.Event, error) {
	return s.store.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
}

// GET /api/v1/coverage?from=&to=[&post_id=] — for each post, the required and
// covered hours and every gap and overstaffed stretch, exact to the minute.
// Default window: the next 7 days.
func (s *Server) getCoverage(c echo.Context) error {
	from, to, err := s.window(c, 7*24*time.Hour)
	if err != nil {
		return err
	}
	posts, err := s.activePosts(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	events, err := s.scheduledEvents(ctx, from, to)
	if err != nil {
		return err
	}
	shifts, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return err
	}
	off, err := s.store.FindTimeOff(ctx, scheduler.TimeOffFilter{From: &from, To: &to})
	if err != nil {
		return err
	}
	rep := coverage.Compute(coverage.Input{From: from, To: to, Loc: s.store.Location(), Posts: posts, Events: events,
		Shifts: shifts, TimeOff: off})
	return c.JSON(http.StatusOK, rep)
}

// GET /api/v1/staffing?from=&to= — how many guards each post needs to be
// held lawfully, against how many may hold it. Default window: the next 4 weeks.
func (s *Server) getStaffing(c echo.Context) error {
	from, to, err := s.window(c, 28*24*time.Hour)
	if err != nil {
		return err
	}
	posts, err := s.activePosts(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	events, err := s.scheduledEvents(ctx, from, to)
	if err != nil {
		return err
	}
	guards, err := s.store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return err
	}
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	rep := coverage.Staffing(coverage.StaffingInput{From: from, To: to, Loc: s.store.Location(), Posts: posts,
		Events: events, Guards: guards, Rules: coverage.Limits{MaxWeeklyHours: rules.MaxWeeklyHours,
			MaxOvertimeMonthHours: rules.MaxOvertimeMonthHours, MaxOvertimeYearHours: rules.MaxOvertimeYearHours}})
	return c.JSON(http.StatusOK, rep)
}
