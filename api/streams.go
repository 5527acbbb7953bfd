package api

import (
	"context"
	"strings"

	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// streamContext is the context a live stream opened with c's token runs in:
// it ends when the client leaves, when the token is revoked (looked up again
// every s.streams.Recheck), or after s.streams.MaxAge; the server's read and
// write timeouts no longer apply to the stream. The stream's handler must
// call cancel when it ends.
func (s *Server) streamContext(c echo.Context) (context.Context, context.CancelFunc) {
	_, secret, _ := strings.Cut(c.Request().Header.Get("Authorization"), " ")
	secret = strings.TrimSpace(secret)
	return engine.GuardStream(c.Request().Context(), c.Response(), s.streams, func(ctx context.Context) error {
		_, err := s.store.Authenticate(ctx, secret)
		return err
	})
}
