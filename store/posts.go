package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"catruc/scheduler"
)

var _ scheduler.PostService = (*Store)(nil)

const postCols = `id, code, name, site, kind, contact_name, contact_phone, contact_email, requirements, shift_templates, active, created_at, updated_at,
	COALESCE((SELECT r.handover FROM rotations r WHERE r.post_id = posts.id AND r.active = 1 ORDER BY r.id LIMIT 1), '')`

// FindPosts returns the posts that match, ordered by id.
func (s *Store) FindPosts(ctx context.Context, f scheduler.PostFilter) ([]*scheduler.Post, error) {
	return s.findPosts(ctx, s.rdb, f)
}

// FindPostByID returns one post or ENOTFOUND.
func (s *Store) FindPostByID(ctx context.Context, id int64) (*scheduler.Post, error) {
	return s.findPostByID(ctx, s.rdb, id)
}

func (s *Store) findPostByID(ctx context.Context, q queryer, id int64) (*scheduler.Post, error) {
	ps, err := s.findPosts(ctx, q, scheduler.PostFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, scheduler.NotFound("post", id)
	}
	return ps[0], nil
}

func (s *Store) findPosts(ctx context.Context, q queryer, f scheduler.PostFilter) ([]*scheduler.Post, error) {
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Active != nil {
		w.add("active = ?", boolInt(*f.Active))
	}
	rows, err := s.query(ctx, q, `SELECT `+postCols+` FROM posts`+w.String()+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Post{}
	for rows.Next() {
		var p scheduler.Post
		var reqs, templates, created, updated string
		if err := rows.Scan(&p.ID, &p.Code, &p.Name, &p.Site, &p.Kind, &p.Contact.Name, &p.Contact.Phone,
			&p.Contact.Email, &reqs, &templates, &p.Active, &created, &updated, &p.Handover); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(reqs), &p.Requirements); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(templates), &p.ShiftTemplates); err != nil {
			return nil, err
		}
		if p.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if p.UpdatedAt, err = parseTime(updated, loc); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// CreatePost validates and stores p.
func (s *Store) CreatePost(ctx context.Context, p *scheduler.Post) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createPost(ctx, tx, p) })
}

func (s *Store) createPost(ctx context.Context, tx *sql.Tx, p *scheduler.Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkPostCode(ctx, tx, p.Code, 0); err != nil {
		return err
	}
	reqs, templates, err := postJSON(p)
	if err != nil {
		return err
	}
	now := s.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO posts (code, name, site, kind, contact_name, contact_phone,
		contact_email, requirements, shift_templates, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.Code, p.Name, p.Site, p.Kind, p.Contact.Name, p.Contact.Phone, p.Contact.Email, reqs, templates,
		boolInt(p.Active), fmtTime(now), fmtTime(now))
	if err != nil {
		return translate(err)
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	stored, err := s.findPostByID(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	*p = *stored
	return s.audit(ctx, tx, "create", "post", p.ID, nil, p)
}

func checkPostCode(ctx context.Context, tx *sql.Tx, code string, id int64) error {
	var other int64
	var name string
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM posts WHERE code = ? AND id != ?`, code, id).Scan(&other, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return scheduler.E(scheduler.ECONFLICT, "code", "post.code_taken", "post_id", other, "post", name, "code", code)
}

// UpdatePost loads the post, lets fn change it, validates and stores it in one transaction.
func (s *Store) UpdatePost(ctx context.Context, id int64, fn func(*scheduler.Post) error) (*scheduler.Post, error) {
	var out *scheduler.Post
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findPostByID(ctx, tx, id)
		if err != nil {
			return err
		}
		p := clonePost(before)
		if err := fn(p); err != nil {
			return err
		}
		p.ID, p.CreatedAt = before.ID, before.CreatedAt
		if err := p.Validate(); err != nil {
			return err
		}
		if err := checkPostCode(ctx, tx, p.Code, id); err != nil {
			return err
		}
		if samePost(before, p) {
			out = before
			return nil
		}
		reqs, templates, err := postJSON(p)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET code=?, name=?, site=?, kind=?, contact_name=?,
			contact_phone=?, contact_email=?, requirements=?, shift_templates=?, active=?, updated_at=? WHERE id=?`,
			p.Code, p.Name, p.Site, p.Kind, p.Contact.Name, p.Contact.Phone, p.Contact.Email, reqs, templates,
			boolInt(p.Active), fmtTime(s.now()), id); err != nil {
			return translate(err)
		}
		if out, err = s.findPostByID(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "post", id, before, out)
	})
	return out, err
}

// DeletePost removes a post that no shift refers to.
func (s *Store) DeletePost(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findPostByID(ctx, tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM shifts WHERE post_id = ?)
			+ (SELECT COUNT(*) FROM rotations WHERE post_id = ?) + (SELECT COUNT(*) FROM event_posts WHERE post_id = ?)`,
			id, id, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return scheduler.E(scheduler.ECONFLICT, "", "post.in_use", "post_id", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM posts WHERE id = ?`, id); err != nil {
			return translate(err)
		}
		return s.audit(ctx, tx, "delete", "post", id, before, nil)
	})
}

func clonePost(p *scheduler.Post) *scheduler.Post {
	c := *p
	c.Requirements = make([]scheduler.Requirement, len(p.Requirements))
	for i, r := range p.Requirements {
		r.Days = append([]int(nil), r.Days...)
		c.Requirements[i] = r
	}
	c.ShiftTemplates = append([]scheduler.ShiftTemplate{}, p.ShiftTemplates...)
	return &c
}

// postJSON is how a post's requirements and shift templates are stored.
func postJSON(p *scheduler.Post) (reqs, templates string, err error) {
	if p.ShiftTemplates == nil {
		p.ShiftTemplates = []scheduler.ShiftTemplate{}
	}
	r, err := json.Marshal(p.Requirements)
	if err != nil {
		return "", "", err
	}
	t, err := json.Marshal(p.ShiftTemplates)
	return string(r), string(t), err
}
