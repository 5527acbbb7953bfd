// Package web serves catruc's pages. For now: a start page that says what
// runs here and where the API is.
package web

import (
	"embed"
	"html/template"
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

//go:embed templates/*.html
var templateFS embed.FS

var pages = template.Must(template.ParseFS(templateFS, "templates/*.html"))

// Register adds the pages to e.
func Register(e *echo.Echo, st scheduler.Store) {
	e.GET("/", func(c echo.Context) error {
		o, err := st.Office(c.Request().Context())
		if err != nil {
			return err
		}
		schema, err := st.SchemaVersion(c.Request().Context())
		if err != nil {
			return err
		}
		c.Response().Header().Set("Content-Type", "text/html; charset=utf-8")
		c.Response().Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
		c.Response().Header().Set("X-Frame-Options", "DENY")
		c.Response().WriteHeader(http.StatusOK)
		return pages.ExecuteTemplate(c.Response(), "index.html", map[string]any{"Office": o, "Schema": schema})
	})
}
