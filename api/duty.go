package api

// The duty desk (issue 12 §1, §2): check-in and check-out of shifts, the
// handover log, the posts' checklists and check-in codes, and its settings.
// The rules are the duty service's (scheduler/duty), which the pages share.

import (
	"net/http"

	"catruc/scheduler"
	"catruc/scheduler/duty"

	"github.com/labstack/echo/v4"
)

// desk is the duty service over the API's store and clock.
func (s *Server) desk() *duty.Service { return duty.New(s.store, s.now) }

// bindOptional decodes the body strictly into v, or leaves v as it is when
// the body is empty (every member of these bodies is optional).
func bindOptional(c echo.Context, v any) error {
	b, err := readBody(c)
	if scheduler.ErrorKey(err) == "body.required" {
		return nil
	}
	if err != nil {
		return err
	}
	return decodeStrict(b, v)
}

// POST /api/v1/shifts/:id/check-in {method?, at?, code?} — a guard their own
// shift (method app, or qr with the post's code), a manager anyone's (at: a
// paper record's time).
func (s *Server) checkIn(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in scheduler.CheckInRequest
	if err := bindOptional(c, &in); err != nil {
		return err
	}
	sh, err := s.desk().CheckIn(c.Request().Context(), principal(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sh)
}

// POST /api/v1/shifts/:id/check-out {handover_note?, checklist?, at?} — the
// handover is written with it; the answer is the shift with its handover.
func (s *Server) checkOut(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in scheduler.CheckOutRequest
	if err := bindOptional(c, &in); err != nil {
		return err
	}
	sh, h, err := s.desk().CheckOut(c.Request().Context(), principal(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		*scheduler.Shift
		Handover *scheduler.Handover `json:"handover"`
	}{sh, h})
}

// POST /api/v1/checkin/qr {code} — a guard checks in to their current shift
// at the post whose sheet they scanned.
func (s *Server) checkInQR(c echo.Context) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	if in.Code == "" {
		return scheduler.E(scheduler.EINVALID, "code", "common.required")
	}
	sh, _, err := s.desk().QRCheckIn(c.Request().Context(), principal(c), in.Code)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sh)
}

// GET /api/v1/handovers?post_id=&from=&to= — from/to bound when they were written.
func (s *Server) listHandovers(c echo.Context) error {
	var f scheduler.HandoverFilter
	var err error
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	hs, err := s.desk().Handovers(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hs)
}

// POST /api/v1/handovers/:id/ack — :id is the shift the handover was written
// at; the guard of the next shift at its post (or a manager) has read it.
func (s *Server) ackHandover(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	h, err := s.desk().AckHandover(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h)
}

// GET /api/v1/posts/:id/checklist — {post_id, items}.
func (s *Server) getChecklist(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	items, err := s.store.PostChecklist(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"post_id": id, "items": items})
}

// PUT /api/v1/posts/:id/checklist {items}
func (s *Server) putChecklist(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in struct {
		Items []string `json:"items"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	items, err := s.store.SetPostChecklist(c.Request().Context(), id, in.Items)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"post_id": id, "items": items})
}

// POST /api/v1/posts/:id/checkin-code — a new check-in code for the post's
// sheet, shown once: {post_id, code, url}. The previous sheet stops working.
func (s *Server) rotateCheckInCode(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	code, err := s.store.RotateCheckInCode(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"post_id": id, "code": code, "url": s.baseURL + "/checkin/" + code})
}

// GET /api/v1/settings/duty
func (s *Server) getDutySettings(c echo.Context) error {
	d, err := s.store.DutySettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// PUT /api/v1/settings/duty {checkin_grace_minutes, checkin_police, no_show_since?}
func (s *Server) putDutySettings(c echo.Context) error {
	d := scheduler.DefaultDutySettings()
	if err := bind(c, &d); err != nil {
		return err
	}
	d, err := s.store.SetDutySettings(c.Request().Context(), d)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}
