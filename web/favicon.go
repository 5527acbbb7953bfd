package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// GET /favicon.ico — the office's star on the brand red (16, 32 and 48 px),
// for browsers that ask for it on every page; no login needed, cached a day.
func favicon(c echo.Context) error {
	b, err := staticFS.ReadFile("static/favicon.ico")
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, "image/x-icon", b)
}
