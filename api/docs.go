package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// GET /api/docs — no auth: the rendered reference of the API.
func (s *Server) apiDocs(c echo.Context) error {
	return c.String(http.StatusOK, "todo")
}
