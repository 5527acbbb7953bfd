package api

import (
	"context"
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/swap-requests?status= — a guard sees their own.
func (s *Server) listSwaps(c echo.Context) error {
	rs, err := s.roster.SwapRequests(c.Request().Context(), principal(c), c.QueryParam("status"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rs)
}

// POST /api/v1/swap-requests {shift_a, shift_b, note} — a guard asks a colleague.
func (s *Server) proposeSwap(c echo.Context) error {
	var in struct {
		ShiftA int64  `json:"shift_a"`
		ShiftB int64  `json:"shift_b"`
		Note   string `json:"note"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	r, err := s.roster.ProposeSwap(c.Request().Context(), principal(c), in.ShiftA, in.ShiftB, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// POST /api/v1/swap-requests/:id/accept — the colleague agrees.
func (s *Server) acceptSwap(c echo.Context) error {
	return s.swapStep(c, func(ctx context.Context, id int64) (*scheduler.SwapRequest, error) {
		return s.roster.AcceptSwap(ctx, principal(c), id)
	})
}

// POST /api/v1/swap-requests/:id/approve — a manager agrees: the shifts are swapped.
func (s *Server) approveSwap(c echo.Context) error {
	return s.swapStep(c, s.roster.ApproveSwap)
}

// POST /api/v1/swap-requests/:id/decline — by either guard or a manager.
func (s *Server) declineSwap(c echo.Context) error {
	return s.swapStep(c, func(ctx context.Context, id int64) (*scheduler.SwapRequest, error) {
		return s.roster.DeclineSwap(ctx, principal(c), id)
	})
}

// swapStep reads :id and answers the request after step.
func (s *Server) swapStep(c echo.Context, step func(context.Context, int64) (*scheduler.SwapRequest, error)) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := step(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}
