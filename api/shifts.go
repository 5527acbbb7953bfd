package api

import (
	"net/http"
	"strconv"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/shifts?from=&to=&post_id=&guard_id=&status= — the shifts that
// overlap [from, to), ordered by start. The window is at most 400 days; with
// no dates it runs from 31 days back to 62 days ahead (see listWindow).
func (s *Server) listShifts(c echo.Context) error {
	var f scheduler.ShiftFilter
	from, to, err := s.listWindow(c)
	if err != nil {
		return err
	}
	f.From, f.To = &from, &to
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.GuardID, err = queryID(c, "guard_id"); err != nil {
		return err
	}
	f.Status = c.QueryParam("status")
	if f.Status != "" && f.Status != scheduler.ShiftScheduled && f.Status != scheduler.ShiftCancelled {
		return scheduler.E(scheduler.EINVALID, "status", "shift.status_unknown")
	}
	key := answerKey("shifts|").who(c).time(f.From).time(f.To).id(f.PostID).id(f.GuardID).str(f.Status)
	return s.cachedJSON(c, string(key), func() (any, error) {
		ss, err := s.store.FindShifts(c.Request().Context(), f)
		return scheduler.ShiftsFor(principal(c), ss), err // the key names the principal's role and guard
	})
}

// POST /api/v1/shifts — a new shift: 201 Created. A shift with a guard at
// exactly the times of an open shift of the same post fills that open shift
// instead of adding a second one: 200 OK with the filled shift (its id, its
// new version), as the pages do.
func (s *Server) createShift(c echo.Context) error {
	var sh scheduler.Shift
	if err := bind(c, &sh); err != nil {
		return err
	}
	out, filled, err := s.roster.CreateShift(c.Request().Context(), &sh)
	if err != nil {
		return err
	}
	if filled {
		return s.shiftJSON(c, http.StatusOK, out)
	}
	return s.shiftJSON(c, http.StatusCreated, out)
}

// shiftView is a shift as a write answers it: with the labour-rule breaches
// the write causes (warnings the manager may accept).
type shiftView struct {
	*scheduler.Shift
	Violations []scheduler.Violation `json:"violations"`
}

func viewShift(sh *scheduler.Shift) shiftView {
	v := shiftView{Shift: sh, Violations: sh.Violations}
	if v.Violations == nil {
		v.Violations = []scheduler.Violation{}
	}
	return v
}

func (s *Server) shiftJSON(c echo.Context, status int, sh *scheduler.Shift) error {
	c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(sh.Version)))
	if c.Request().Method == http.MethodGet {
		return c.JSON(status, sh)
	}
	return c.JSON(status, viewShift(sh))
}

// POST /api/v1/shifts/swap {"a":id,"b":id} — swaps the guards of two shifts atomically.
func (s *Server) swapShifts(c echo.Context) error {
	var in struct {
		A int64 `json:"a"`
		B int64 `json:"b"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	a, b, err := s.roster.Swap(c.Request().Context(), in.A, in.B)
	if err != nil {
		return err
	}
	vs := append(append([]scheduler.Violation{}, a.Violations...), b.Violations...)
	return c.JSON(http.StatusOK, map[string]any{"a": viewShift(a), "b": viewShift(b), "violations": vs})
}

// GET /api/v1/shifts/:id
func (s *Server) getShift(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	sh, err := s.store.FindShiftByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.shiftJSON(c, http.StatusOK, scheduler.ShiftsFor(principal(c), []*scheduler.Shift{sh})[0])
}

// ifMatch reads If-Match: a version, quoted or not ("*" or absent: any version → 0).
func ifMatch(c echo.Context) (int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, scheduler.E(scheduler.EINVALID, "If-Match", "api.if_match", "value", h)
	}
	return n, nil
}

// PATCH /api/v1/shifts/:id — a JSON merge patch; If-Match (or "version" in
// the body) guards against lost updates with 409.
func (s *Server) patchShift(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ver, err := ifMatch(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	sh, err := s.roster.Change(c.Request().Context(), id, ver, func(sh *scheduler.Shift) error {
		return applyMergePatch(body, sh, "id")
	})
	if err != nil {
		return err
	}
	return s.shiftJSON(c, http.StatusOK, sh)
}

// DELETE /api/v1/shifts/:id — cancels the shift; it stays for history and
// calendar feeds. Cancelling a cancelled shift changes nothing.
func (s *Server) cancelShift(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ver, err := ifMatch(c)
	if err != nil {
		return err
	}
	sh, _, err := s.roster.Cancel(c.Request().Context(), id, ver)
	if err != nil {
		return err
	}
	return s.shiftJSON(c, http.StatusOK, sh)
}
