package api

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerPosts(g *router) {
	g.GET("/posts", s.listPosts)
	g.POST("/posts", s.createPost, rosterWriters)
	g.GET("/posts/:id", s.getPost)
	g.PATCH("/posts/:id", s.patchPost, rosterWriters)
	g.DELETE("/posts/:id", s.deletePost, rosterWriters)
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
		return scheduler.Invalid("kind", "kind must be %q or %q", scheduler.PostKindGuard, scheduler.PostKindPolice)
	}
	ps, err := s.store.FindPosts(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ps)
}

// POST /api/v1/posts
func (s *Server) createPost(c echo.Context) error {
	p := scheduler.Post{Active: true, Requirements: []scheduler.Requirement{}}
	if err := bind(c, &p); err != nil {
		return err
	}
	if err := s.store.CreatePost(c.Request().Context(), &p); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, p)
}

// GET /api/v1/posts/:id
func (s *Server) getPost(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.store.FindPostByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// PATCH /api/v1/posts/:id — a JSON merge patch.
func (s *Server) patchPost(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	p, err := s.store.UpdatePost(c.Request().Context(), id, func(p *scheduler.Post) error {
		return applyMergePatch(body, p, "id")
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// DELETE /api/v1/posts/:id
func (s *Server) deletePost(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.store.DeletePost(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
