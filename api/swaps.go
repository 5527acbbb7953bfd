package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

var guardsOnly = allow(scheduler.RoleGuard)

func (s *Server) registerSwaps(g *router) {
	g.GET("/swap-requests", s.listSwaps)
	g.POST("/swap-requests", s.proposeSwap, guardsOnly)
	g.POST("/swap-requests/:id/accept", s.acceptSwap, guardsOnly)
	g.POST("/swap-requests/:id/approve", s.approveSwap, rosterWriters)
	g.POST("/swap-requests/:id/decline", s.declineSwap, requesters)
}

// ownGuard is the guard of a guard token.
func ownGuard(c echo.Context) (int64, error) {
	t := tokenOf(c)
	if t == nil || t.GuardID == nil {
		return 0, scheduler.Errorf(scheduler.EFORBIDDEN, "this needs a guard's token")
	}
	return *t.GuardID, nil
}

// GET /api/v1/swap-requests?status= — a guard sees their own.
func (s *Server) listSwaps(c echo.Context) error {
	var gid *int64
	if t := tokenOf(c); t.Role == scheduler.RoleGuard {
		gid = t.GuardID
	}
	st := c.QueryParam("status")
	switch st {
	case "", scheduler.SwapProposed, scheduler.SwapAccepted, scheduler.SwapApproved, scheduler.SwapDeclined:
	default:
		return scheduler.Invalid("status", "status must be proposed, accepted, approved or declined")
	}
	rs, err := s.store.FindSwapRequests(c.Request().Context(), gid, st)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rs)
}

// POST /api/v1/swap-requests {shift_a, shift_b, note} — a guard asks a colleague.
func (s *Server) proposeSwap(c echo.Context) error {
	gid, err := ownGuard(c)
	if err != nil {
		return err
	}
	var in struct {
		ShiftA int64  `json:"shift_a"`
		ShiftB int64  `json:"shift_b"`
		Note   string `json:"note"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	r, err := s.store.ProposeSwap(c.Request().Context(), gid, in.ShiftA, in.ShiftB, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// POST /api/v1/swap-requests/:id/accept — the colleague agrees.
func (s *Server) acceptSwap(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	gid, err := ownGuard(c)
	if err != nil {
		return err
	}
	r, err := s.store.AcceptSwap(c.Request().Context(), id, gid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// POST /api/v1/swap-requests/:id/approve — a manager agrees: the shifts are swapped.
func (s *Server) approveSwap(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.store.ApproveSwap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// POST /api/v1/swap-requests/:id/decline — by either guard or a manager.
func (s *Server) declineSwap(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var gid int64
	if t := tokenOf(c); t.Role == scheduler.RoleGuard {
		if gid, err = ownGuard(c); err != nil {
			return err
		}
	}
	r, err := s.store.DeclineSwap(c.Request().Context(), id, gid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}
