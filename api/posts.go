package api

import (
	"context"
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
	for _, p := range ps {
		showTemplates(p)
	}
	return c.JSON(http.StatusOK, ps)
}

// showTemplates gives a post as the API shows it: shift_templates is always
// the effective list — the post's own templates, or the defaults from its
// requirements when it has none (send [] to go back to the defaults).
func showTemplates(p *scheduler.Post) {
	if p != nil {
		p.ShiftTemplates = p.Templates()
	}
}

func shownFind(find func(context.Context, int64) (*scheduler.Post, error)) func(context.Context, int64) (*scheduler.Post, error) {
	return func(ctx context.Context, id int64) (*scheduler.Post, error) {
		p, err := find(ctx, id)
		showTemplates(p)
		return p, err
	}
}

func shownAfter(create func(context.Context, *scheduler.Post) error) func(context.Context, *scheduler.Post) error {
	return func(ctx context.Context, p *scheduler.Post) error {
		if err := create(ctx, p); err != nil {
			return err
		}
		showTemplates(p)
		return nil
	}
}

func shownUpdate(update func(context.Context, int64, func(*scheduler.Post) error) (*scheduler.Post, error)) func(context.Context, int64, func(*scheduler.Post) error) (*scheduler.Post, error) {
	return func(ctx context.Context, id int64, fn func(*scheduler.Post) error) (*scheduler.Post, error) {
		p, err := update(ctx, id, fn)
		if err != nil {
			return nil, err
		}
		showTemplates(p)
		return p, nil
	}
}
