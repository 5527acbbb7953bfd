package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// GET /api/v1/posts?kind=&active=
func (s *Server) listPosts(c echo.Context) error {
	var f scheduler.PostFilter
	var err error
	if f.Active, err = queryBool(c, "active"); err != nil {
		return err
	}
	f.Kind = c.QueryParam("kind")
	if f.Kind != "" && f.Kind != scheduler.PostKindGuard && f.Kind != scheduler.PostKindPolice {
		return scheduler.E(scheduler.EINVALID, "kind", "post.kind_unknown")
	}
	ps, err := s.store.FindPosts(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ps)
}
