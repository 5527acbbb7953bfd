package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerPosts(g *router) {
	g.GET("/posts", s.listPosts)
	g.POST("/posts", createOne(func() *scheduler.Post {
		return &scheduler.Post{Active: true, Requirements: []scheduler.Requirement{}}
	}, s.store.CreatePost), rosterWriters)
	g.GET("/posts/:id", getOne(s.store.FindPostByID))
	g.PATCH("/posts/:id", patchOne(s.store.UpdatePost, "id"), rosterWriters)
	g.DELETE("/posts/:id", deleteOne(s.store.DeletePost), rosterWriters)
}

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
