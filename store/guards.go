package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"catruc/scheduler"
)

var _ scheduler.GuardService = (*Store)(nil)

// FindGuards returns the guards that match, ordered by id.
func (s *Store) FindGuards(ctx context.Context, f scheduler.GuardFilter) ([]*scheduler.Guard, error) {
	return s.findGuards(ctx, s.rdb, f)
}

// FindGuardByID returns one guard or ENOTFOUND.
func (s *Store) FindGuardByID(ctx context.Context, id int64) (*scheduler.Guard, error) {
	return s.findGuardByID(ctx, s.rdb, id)
}

func (s *Store) findGuardByID(ctx context.Context, q queryer, id int64) (*scheduler.Guard, error) {
	gs, err := s.findGuards(ctx, q, scheduler.GuardFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(gs) == 0 {
		return nil, scheduler.NotFound("guard", id)
	}
	return gs[0], nil
}

func (s *Store) findGuards(ctx context.Context, q queryer, f scheduler.GuardFilter) ([]*scheduler.Guard, error) {
	var w where
	if f.ID != nil {
		w.add("g.id = ?", *f.ID)
	}
	if f.PostID != nil {
		w.add("g.id IN (SELECT guard_id FROM guard_posts WHERE post_id = ?)", *f.PostID)
	}
	if f.Unit != "" {
		w.add("g.unit = ?", f.Unit)
	}
	if f.Active != nil {
		w.add("g.active = ?", boolInt(*f.Active))
	}
	rows, err := s.query(ctx, q, `SELECT g.id, g.name, g.phone, g.email, g.unit, g.skills, g.rest_day, g.active,
		g.created_at, g.updated_at, COALESCE((SELECT string_agg(CAST(post_id AS TEXT), ',' ORDER BY post_id)
		FROM guard_posts WHERE guard_id = g.id), '')
		FROM guards g`+w.String()+` ORDER BY g.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Guard{}
	for rows.Next() {
		var g scheduler.Guard
		var skills, created, updated, posts string
		if err := rows.Scan(&g.ID, &g.Name, &g.Phone, &g.Email, &g.Unit, &skills, &g.RestDay, &g.Active,
			&created, &updated, &posts); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(skills), &g.Skills); err != nil {
			return nil, err
		}
		g.PostIDs = []int64{}
		for _, p := range strings.Split(posts, ",") {
			if p == "" {
				continue
			}
			var id int64
			if _, err := fmt.Sscan(p, &id); err != nil {
				return nil, err
			}
			g.PostIDs = append(g.PostIDs, id)
		}
		if g.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if g.UpdatedAt, err = parseTime(updated, loc); err != nil {
			return nil, err
		}
		out = append(out, &g)
	}
	return out, rows.Err()
}

// CreateGuard validates and stores g.
func (s *Store) CreateGuard(ctx context.Context, g *scheduler.Guard) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createGuard(ctx, tx, g) })
}

func (s *Store) createGuard(ctx context.Context, tx *sql.Tx, g *scheduler.Guard) error {
	if err := g.Validate(); err != nil {
		return err
	}
	skills, err := json.Marshal(g.Skills)
	if err != nil {
		return err
	}
	now := fmtTime(s.now())
	res, err := tx.ExecContext(ctx, `INSERT INTO guards (name, phone, email, unit, skills, rest_day, active, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, g.Name, g.Phone, g.Email, g.Unit, string(skills), g.RestDay, boolInt(g.Active), now, now)
	if err != nil {
		return translate(err)
	}
	if g.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := s.setGuardPosts(ctx, tx, g.ID, g.PostIDs); err != nil {
		return err
	}
	stored, err := s.findGuardByID(ctx, tx, g.ID)
	if err != nil {
		return err
	}
	*g = *stored
	return s.audit(ctx, tx, "create", "guard", g.ID, nil, g)
}

func (s *Store) setGuardPosts(ctx context.Context, tx *sql.Tx, guardID int64, postIDs []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM guard_posts WHERE guard_id = ?`, guardID); err != nil {
		return err
	}
	for _, pid := range postIDs {
		if _, err := s.findPostByID(ctx, tx, pid); err != nil {
			if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				return scheduler.E(scheduler.EINVALID, "post_ids", "post.unknown", "post_id", pid)
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO guard_posts (guard_id, post_id) VALUES (?, ?)`, guardID, pid); err != nil {
			return err
		}
	}
	return nil
}

// UpdateGuard loads the guard, lets fn change it, validates and stores it in one transaction.
func (s *Store) UpdateGuard(ctx context.Context, id int64, fn func(*scheduler.Guard) error) (*scheduler.Guard, error) {
	var out *scheduler.Guard
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findGuardByID(ctx, tx, id)
		if err != nil {
			return err
		}
		g := *before
		g.Skills = append([]string(nil), before.Skills...)
		g.PostIDs = append([]int64(nil), before.PostIDs...)
		if err := fn(&g); err != nil {
			return err
		}
		g.ID, g.CreatedAt = before.ID, before.CreatedAt
		if err := g.Validate(); err != nil {
			return err
		}
		if sameGuard(before, &g) {
			out = before
			return nil
		}
		skills, err := json.Marshal(g.Skills)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE guards SET name=?, phone=?, email=?, unit=?, skills=?, rest_day=?, active=?,
			updated_at=? WHERE id=?`, g.Name, g.Phone, g.Email, g.Unit, string(skills), g.RestDay, boolInt(g.Active),
			fmtTime(s.now()), id); err != nil {
			return translate(err)
		}
		if err := s.setGuardPosts(ctx, tx, id, g.PostIDs); err != nil {
			return err
		}
		if out, err = s.findGuardByID(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "guard", id, before, out)
	})
	return out, err
}

// DeleteGuard removes a guard with no shifts, time off or tokens.
func (s *Store) DeleteGuard(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findGuardByID(ctx, tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM shifts WHERE guard_id = ?)
			+ (SELECT COUNT(*) FROM time_off WHERE guard_id = ?) + (SELECT COUNT(*) FROM tokens WHERE guard_id = ?)
			+ `+s.d.rotationMembers(),
			id, id, id, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return scheduler.E(scheduler.ECONFLICT, "", "guard.in_use", "guard_id", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM guards WHERE id = ?`, id); err != nil {
			return translate(err)
		}
		return s.audit(ctx, tx, "delete", "guard", id, before, nil)
	})
}
