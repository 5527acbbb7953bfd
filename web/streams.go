package web

import (
	"context"

	"catruc/scheduler"
	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// streamContext is the context a page's live stream runs in: it ends when
// the browser leaves, when the session is gone (logged out, expired, its
// user disabled) or its user's role no longer allows action — looked up
// again every w.Streams.Recheck — or after w.Streams.MaxAge; the server's
// read and write timeouts no longer apply to the stream. The stream's
// handler must call cancel when it ends.
func (w *Web) streamContext(c echo.Context, action string) (context.Context, context.CancelFunc) {
	secret := ""
	if ck, err := c.Cookie(sessionCookie); err == nil {
		secret = ck.Value
	}
	return engine.GuardStream(c.Request().Context(), c.Response(), w.Streams, func(ctx context.Context) error {
		s, err := w.Store.SessionBySecret(ctx, secret)
		if err != nil {
			return err
		}
		return scheduler.Require(s.User.Role, action)
	})
}
