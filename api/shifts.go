package api

import (
	"net/http"
	"strconv"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerShifts(g *router) {
	g.GET("/shifts", s.listShifts)
	g.POST("/shifts", s.createShift, rosterWriters)
	g.POST("/shifts/swap", s.swapShifts, rosterWriters)
	g.GET("/shifts/:id", s.getShift)
	g.PATCH("/shifts/:id", s.patchShift, rosterWriters)
	g.DELETE("/shifts/:id", s.cancelShift, rosterWriters)
}

// GET /api/v1/shifts?from=&to=&post_id=&guard_id=&status= — the shifts that
// overlap [from, to), ordered by start.
func (s *Server) listShifts(c echo.Context) error {
	var f scheduler.ShiftFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.GuardID, err = queryID(c, "guard_id"); err != nil {
		return err
	}
	f.Status = c.QueryParam("status")
	if f.Status != "" && f.Status != scheduler.ShiftScheduled && f.Status != scheduler.ShiftCancelled {
		return scheduler.Invalid("status", "status must be %q or %q", scheduler.ShiftScheduled, scheduler.ShiftCancelled)
	}
	ss, err := s.store.FindShifts(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ss)
}

// POST /api/v1/shifts
func (s *Server) createShift(c echo.Context) error {
	var sh scheduler.Shift
	if err := bind(c, &sh); err != nil {
		return err
	}
	if sh.Status != "" && sh.Status != scheduler.ShiftScheduled {
		return scheduler.Invalid("status", "a new shift is %q", scheduler.ShiftScheduled)
	}
	sh.Status = scheduler.ShiftScheduled
	if err := s.store.CreateShift(c.Request().Context(), &sh); err != nil {
		return err
	}
	return s.shiftJSON(c, http.StatusCreated, &sh)
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
	if in.A <= 0 {
		return scheduler.Invalid("a", "a must be a shift id")
	}
	if in.B <= 0 {
		return scheduler.Invalid("b", "b must be a shift id")
	}
	a, b, err := s.store.SwapShifts(c.Request().Context(), in.A, in.B)
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
	return s.shiftJSON(c, http.StatusOK, sh)
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
		return 0, scheduler.Invalid("If-Match", "If-Match must be the shift's version (its ETag), not %q", h)
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
	sh, err := s.store.UpdateShift(c.Request().Context(), id, ver, func(sh *scheduler.Shift) error {
		cur := sh.Version
		if err := applyMergePatch(body, sh, "id"); err != nil {
			return err
		}
		if sh.Version != 0 && sh.Version != cur {
			return scheduler.Conflict("version", "shift %d is at version %d, not %d: someone changed it; reload and try again",
				id, cur, sh.Version)
		}
		return nil
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
	ctx := c.Request().Context()
	cur, err := s.store.FindShiftByID(ctx, id)
	if err != nil {
		return err
	}
	if cur.Status == scheduler.ShiftCancelled && (ver == 0 || ver == cur.Version) {
		return s.shiftJSON(c, http.StatusOK, cur)
	}
	sh, err := s.store.UpdateShift(ctx, id, ver, func(sh *scheduler.Shift) error {
		sh.Status = scheduler.ShiftCancelled
		return nil
	})
	if err != nil {
		return err
	}
	return s.shiftJSON(c, http.StatusOK, sh)
}
