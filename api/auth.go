package api

import (
	"net/http"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

const tokenKey = "catruc.token"

// authenticate requires "Authorization: Bearer <token>" and puts the token
// in the context; the actor of the audit log is the token's name.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get("Authorization")
		scheme, secret, ok := strings.Cut(h, " ")
		if h == "" {
			return scheduler.E(scheduler.EUNAUTHORIZED, "", "auth.token_required")
		}
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			return scheduler.E(scheduler.EUNAUTHORIZED, "", "auth.bearer_malformed")
		}
		t, err := s.store.Authenticate(c.Request().Context(), strings.TrimSpace(secret))
		if err != nil {
			return err
		}
		c.Set(tokenKey, t)
		ctx := scheduler.WithActor(c.Request().Context(), "token:"+t.Name)
		c.SetRequest(c.Request().WithContext(ctx))
		return next(c)
	}
}

// tokenOf returns the authenticated token.
func tokenOf(c echo.Context) *scheduler.Token {
	t, _ := c.Get(tokenKey).(*scheduler.Token)
	return t
}

// allow returns middleware that lets through only the tokens whose role the
// policy allows action.
func allow(action string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			t := tokenOf(c)
			if t == nil {
				return scheduler.E(scheduler.EUNAUTHORIZED, "", "auth.token_required")
			}
			if err := scheduler.Require(t.Role, action); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// principal is who the token acts for.
func principal(c echo.Context) scheduler.Principal {
	t := tokenOf(c)
	if t == nil {
		return scheduler.Principal{}
	}
	return scheduler.Principal{Role: t.Role, GuardID: t.GuardID}
}

// GET /api/v1/me — the token in use.
func (s *Server) me(c echo.Context) error {
	return c.JSON(http.StatusOK, tokenOf(c))
}
