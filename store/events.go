package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

var _ scheduler.EventService = (*Store)(nil)

// FindEvents returns the events that match, ordered by start then id.
func (s *Store) FindEvents(ctx context.Context, f scheduler.EventFilter) ([]*scheduler.Event, error) {
	return s.findEvents(ctx, s.rdb, f)
}

// FindEventByID returns one event or ENOTFOUND.
func (s *Store) FindEventByID(ctx context.Context, id int64) (*scheduler.Event, error) {
	return s.findEventByID(ctx, s.rdb, id)
}

func (s *Store) findEventByID(ctx context.Context, q queryer, id int64) (*scheduler.Event, error) {
	es, err := s.findEvents(ctx, q, scheduler.EventFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, scheduler.NotFound("event", id)
	}
	return es[0], nil
}

func (s *Store) findEvents(ctx context.Context, q queryer, f scheduler.EventFilter) ([]*scheduler.Event, error) {
	var w where
	if f.ID != nil {
		w.add("e.id = ?", *f.ID)
	}
	if f.PostID != nil {
		w.add("e.id IN (SELECT event_id FROM event_posts WHERE post_id = ?)", *f.PostID)
	}
	if f.Status != "" {
		w.add("e.status = ?", f.Status)
	}
	if f.NotifyPolice != nil {
		w.add("e.notify_police = ?", boolInt(*f.NotifyPolice))
	}
	if f.To != nil {
		w.add("e.start_at < ?", fmtTime(*f.To))
	}
	if f.From != nil {
		w.add("e.end_at > ?", fmtTime(*f.From))
	}
	rows, err := s.query(ctx, q, `SELECT e.id, e.title, e.kind, e.start_at, e.end_at, e.extra_headcount,
		e.notify_police, e.note, e.status, e.version, e.created_at, e.updated_at,
		COALESCE((SELECT string_agg(CAST(post_id AS TEXT), ',' ORDER BY post_id) FROM event_posts WHERE event_id = e.id), '')
		FROM events e`+w.String()+` ORDER BY e.start_at, e.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Event{}
	for rows.Next() {
		var e scheduler.Event
		var start, end, created, updated, posts string
		if err := rows.Scan(&e.ID, &e.Title, &e.Kind, &start, &end, &e.ExtraHeadcount, &e.NotifyPolice, &e.Note,
			&e.Status, &e.Version, &created, &updated, &posts); err != nil {
			return nil, err
		}
		if e.PostIDs, err = parseIDList(posts); err != nil {
			return nil, err
		}
		for _, p := range []struct {
			dst *time.Time
			src string
		}{{&e.Start, start}, {&e.End, end}, {&e.CreatedAt, created}, {&e.UpdatedAt, updated}} {
			if *p.dst, err = parseTime(p.src, loc); err != nil {
				return nil, err
			}
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}

// parseIDList reads a comma-separated list of ids.
func parseIDList(s string) ([]int64, error) {
	ids := []int64{}
	for _, p := range strings.Split(s, ",") {
		if p == "" {
			continue
		}
		var id int64
		if _, err := fmt.Sscan(p, &id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (s *Store) checkEvent(ctx context.Context, tx *sql.Tx, e *scheduler.Event) error {
	e.Start = e.Start.Truncate(time.Second)
	e.End = e.End.Truncate(time.Second)
	if err := e.Validate(); err != nil {
		return err
	}
	seen := map[int64]bool{}
	ids := []int64{}
	for _, id := range e.PostIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := s.findPostByID(ctx, tx, id); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "post_ids", "post.unknown", "post_id", id)
		} else if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	e.PostIDs = ids
	return nil
}

func (s *Store) setEventPosts(ctx context.Context, tx *sql.Tx, e *scheduler.Event) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_posts WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	for _, id := range e.PostIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_posts (event_id, post_id) VALUES (?, ?)`, e.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// CreateEvent validates and stores e.
func (s *Store) CreateEvent(ctx context.Context, e *scheduler.Event) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := s.checkEvent(ctx, tx, e); err != nil {
			return err
		}
		now := fmtTime(s.now())
		res, err := tx.ExecContext(ctx, `INSERT INTO events (title, kind, start_at, end_at, extra_headcount,
			notify_police, note, status, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)`,
			e.Title, e.Kind, fmtTime(e.Start), fmtTime(e.End), e.ExtraHeadcount, boolInt(e.NotifyPolice), e.Note,
			e.Status, now, now)
		if err != nil {
			return translate(err)
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := s.setEventPosts(ctx, tx, e); err != nil {
			return err
		}
		stored, err := s.findEventByID(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		*e = *stored
		return s.audit(ctx, tx, "create", "event", e.ID, nil, e)
	})
}

// UpdateEvent loads the event, lets fn change it, validates and stores it, bumping its version.
func (s *Store) UpdateEvent(ctx context.Context, id int64, fn func(*scheduler.Event) error) (*scheduler.Event, error) {
	var out *scheduler.Event
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findEventByID(ctx, tx, id)
		if err != nil {
			return err
		}
		e := *before
		e.PostIDs = append([]int64(nil), before.PostIDs...)
		if err := fn(&e); err != nil {
			return err
		}
		e.ID, e.CreatedAt, e.Version = before.ID, before.CreatedAt, before.Version
		if err := s.checkEvent(ctx, tx, &e); err != nil {
			return err
		}
		if sameEvent(before, &e) {
			out = before
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET title=?, kind=?, start_at=?, end_at=?, extra_headcount=?,
			notify_police=?, note=?, status=?, version=version+1, updated_at=? WHERE id=?`, e.Title, e.Kind,
			fmtTime(e.Start), fmtTime(e.End), e.ExtraHeadcount, boolInt(e.NotifyPolice), e.Note, e.Status,
			fmtTime(s.now()), id); err != nil {
			return translate(err)
		}
		if err := s.setEventPosts(ctx, tx, &e); err != nil {
			return err
		}
		if out, err = s.findEventByID(ctx, tx, id); err != nil {
			return err
		}
		action := "update"
		if out.Status == scheduler.ShiftCancelled && before.Status != scheduler.ShiftCancelled {
			action = "cancel"
		}
		return s.audit(ctx, tx, action, "event", id, before, out)
	})
	return out, err
}
