package api

import (
	"net/http"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// MaxWindow bounds the analysis windows a request may ask for.
const MaxWindow = 400 * 24 * time.Hour

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
		return f, t, scheduler.E(scheduler.EINVALID, "to", "api.to_before_from")
	}
	if t.Sub(f) > MaxWindow {
		return f, t, scheduler.E(scheduler.EINVALID, "to", "api.window_too_long", "days", int(MaxWindow/(24*time.Hour)))
	}
	return f, t, nil
}

// The default window of GET /api/v1/shifts when no dates are given: whole
// office days from ShiftListBackDays before today to the end of the day
// ShiftListAheadDays after it (a month back, two ahead), rather than every
// shift ever written.
const (
	ShiftListBackDays  = 31
	ShiftListAheadDays = 62
)

// listWindow reads from and to of a list: with neither, the default window
// around now; with only one, the other lies the default window's length
// away; at most MaxWindow long (400, naming to).
func (s *Server) listWindow(c echo.Context) (time.Time, time.Time, error) {
	from, to, err := s.queryRange(c)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	length := (ShiftListBackDays + ShiftListAheadDays) * 24 * time.Hour
	var f, t time.Time
	switch {
	case from == nil && to == nil:
		loc := s.store.Location()
		now := s.now().In(loc)
		f = scheduler.DateStart(now.Year(), now.Month(), now.Day()-ShiftListBackDays, loc)
		t = scheduler.DateStart(now.Year(), now.Month(), now.Day()+ShiftListAheadDays+1, loc)
	case to == nil:
		f, t = *from, from.Add(length)
	case from == nil:
		f, t = to.Add(-length), *to
	default:
		f, t = *from, *to
	}
	if t.Sub(f) > MaxWindow {
		return f, t, scheduler.E(scheduler.EINVALID, "to", "api.window_too_long", "days", int(MaxWindow/(24*time.Hour)))
	}
	return f, t, nil
}

// GET /api/v1/coverage?from=&to=[&post_id=] — for each post, the required and
// covered hours and every gap and overstaffed stretch, exact to the minute.
// Default window: the next 7 days.
func (s *Server) getCoverage(c echo.Context) error {
	from, to, err := s.window(c, 7*24*time.Hour)
	if err != nil {
		return err
	}
	pid, err := queryID(c, "post_id")
	if err != nil {
		return err
	}
	build := func() (any, error) { return report.Coverage(c.Request().Context(), s.store, from, to, pid) }
	if c.QueryParam("from") == "" { // a window from now: never asked twice
		rep, err := build()
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, rep)
	}
	return s.cachedJSON(c, string(answerKey("coverage|").who(c).time(&from).time(&to).id(pid)), build)
}

// GET /api/v1/staffing?from=&to= — how many guards each post needs to be
// held lawfully, against how many may hold it. Default window: the next 4 weeks.
func (s *Server) getStaffing(c echo.Context) error {
	from, to, err := s.window(c, 28*24*time.Hour)
	if err != nil {
		return err
	}
	pid, err := queryID(c, "post_id")
	if err != nil {
		return err
	}
	rep, err := report.Staffing(c.Request().Context(), s.store, from, to, pid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}
