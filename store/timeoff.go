package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"catruc/scheduler"
)

var _ scheduler.TimeOffService = (*Store)(nil)

// FindTimeOff returns the time off that matches, ordered by start then id.
func (s *Store) FindTimeOff(ctx context.Context, f scheduler.TimeOffFilter) ([]*scheduler.TimeOff, error) {
	return s.findTimeOff(ctx, s.rdb, f)
}

func (s *Store) findTimeOff(ctx context.Context, q queryer, f scheduler.TimeOffFilter) ([]*scheduler.TimeOff, error) {
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.GuardID != nil {
		w.add("guard_id = ?", *f.GuardID)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.To != nil {
		w.add("start_at < ?", fmtTime(*f.To))
	}
	if f.From != nil {
		w.add("end_at > ?", fmtTime(*f.From))
	}
	rows, err := s.query(ctx, q, `SELECT id, guard_id, start_at, end_at, kind, note, status, requested_by, decided_by, decided_at, created_at FROM time_off`+
		w.String()+` ORDER BY start_at, id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.TimeOff{}
	for rows.Next() {
		var t scheduler.TimeOff
		var start, end, created string
		var decided sql.NullString
		if err := rows.Scan(&t.ID, &t.GuardID, &start, &end, &t.Kind, &t.Note, &t.Status, &t.RequestedBy, &t.DecidedBy,
			&decided, &created); err != nil {
			return nil, err
		}
		if t.DecidedAt, err = parseNullTime(decided, loc); err != nil {
			return nil, err
		}
		for _, p := range []struct {
			dst *time.Time
			src string
		}{{&t.Start, start}, {&t.End, end}, {&t.CreatedAt, created}} {
			if *p.dst, err = parseTime(p.src, loc); err != nil {
				return nil, err
			}
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// CreateTimeOff validates and stores t.
func (s *Store) CreateTimeOff(ctx context.Context, t *scheduler.TimeOff) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createTimeOff(ctx, tx, t) })
}

func (s *Store) createTimeOff(ctx context.Context, tx *sql.Tx, t *scheduler.TimeOff) error {
	t.Start = t.Start.Truncate(time.Second)
	t.End = t.End.Truncate(time.Second)
	if err := t.Validate(); err != nil {
		return err
	}
	if _, err := s.findGuardByID(ctx, tx, t.GuardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return scheduler.E(scheduler.EINVALID, "guard_id", "timeoff.guard_unknown", "guard_id", t.GuardID)
	} else if err != nil {
		return err
	}
	var decidedAt any
	t.RequestedBy, t.DecidedBy = scheduler.ActorFrom(ctx), ""
	if t.Status != scheduler.TimeOffRequested {
		t.DecidedBy, decidedAt = t.RequestedBy, fmtTime(s.now())
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO time_off (guard_id, start_at, end_at, kind, note, status, requested_by,
		decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, t.GuardID, fmtTime(t.Start), fmtTime(t.End),
		t.Kind, t.Note, t.Status, t.RequestedBy, t.DecidedBy, decidedAt, fmtTime(s.now()))
	if err != nil {
		return translate(err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	stored, err := s.findTimeOff(ctx, tx, scheduler.TimeOffFilter{ID: &t.ID})
	if err != nil {
		return err
	}
	*t = *stored[0]
	if err := s.touchRoster(ctx, tx); err != nil {
		return err
	}
	return s.audit(ctx, tx, "create", "time_off", t.ID, nil, t)
}

// DeleteTimeOff removes time off.
func (s *Store) DeleteTimeOff(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findTimeOff(ctx, tx, scheduler.TimeOffFilter{ID: &id})
		if err != nil {
			return err
		}
		if len(before) == 0 {
			return scheduler.NotFound("time off", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM time_off WHERE id = ?`, id); err != nil {
			return err
		}
		if err := s.touchRoster(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, "delete", "time_off", id, before[0], nil)
	})
}

// DecideTimeOff approves or declines a requested stretch of time off.
func (s *Store) DecideTimeOff(ctx context.Context, id int64, status string) (*scheduler.TimeOff, error) {
	if status != scheduler.TimeOffApproved && status != scheduler.TimeOffDeclined {
		return nil, scheduler.E(scheduler.EINVALID, "status", "timeoff.decision_unknown")
	}
	var out *scheduler.TimeOff
	err := s.write(ctx, func(tx *sql.Tx) error {
		cur, err := s.findTimeOff(ctx, tx, scheduler.TimeOffFilter{ID: &id})
		if err != nil {
			return err
		}
		if len(cur) == 0 {
			return scheduler.NotFound("time off", id)
		}
		if cur[0].Status != scheduler.TimeOffRequested {
			return scheduler.E(scheduler.ECONFLICT, "status", "timeoff.decided", "id", id, "status", cur[0].Status)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE time_off SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			status, scheduler.ActorFrom(ctx), fmtTime(s.now()), id); err != nil {
			return err
		}
		after, err := s.findTimeOff(ctx, tx, scheduler.TimeOffFilter{ID: &id})
		if err != nil {
			return err
		}
		out = after[0]
		if err := s.touchRoster(ctx, tx); err != nil {
			return err
		}
		action := "approve"
		if status == scheduler.TimeOffDeclined {
			action = "decline"
		}
		return s.audit(ctx, tx, action, "time_off", id, cur[0], out)
	})
	return out, err
}

// touchRoster moves the roster's change counter (see RosterVersion): time off
// changes what the pages and feeds show of the shifts it falls in.
func (s *Store) touchRoster(ctx context.Context, q queryer) error {
	_, err := q.ExecContext(ctx, `UPDATE roster_version SET seq = seq + 1, changed_at = `+s.d.nowText())
	return err
}

// fillAbsences sets the Absences of shifts (never nil) from the approved time
// off of their guards, read with one query for all of them.
func (s *Store) fillAbsences(ctx context.Context, q queryer, shifts []*scheduler.Shift) error {
	var from, to time.Time
	seen := map[int64]bool{}
	var guards []any
	for _, sh := range shifts {
		sh.Absences = []scheduler.Absence{}
		if sh.GuardID == nil || sh.Status == scheduler.ShiftCancelled {
			continue
		}
		if from.IsZero() || sh.Start.Before(from) {
			from = sh.Start
		}
		if to.IsZero() || sh.End.After(to) {
			to = sh.End
		}
		if !seen[*sh.GuardID] {
			seen[*sh.GuardID] = true
			guards = append(guards, *sh.GuardID)
		}
	}
	if len(guards) == 0 {
		return nil
	}
	var w where
	w.add("status = ?", scheduler.TimeOffApproved)
	w.add("start_at < ?", fmtTime(to))
	w.add("end_at > ?", fmtTime(from))
	if len(guards) <= 500 {
		w.add("guard_id IN (?"+strings.Repeat(",?", len(guards)-1)+")", guards...)
	}
	rows, err := s.query(ctx, q, `SELECT id, guard_id, start_at, end_at, kind FROM time_off`+w.String()+
		` ORDER BY start_at, id`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	loc := s.Location()
	byGuard := map[int64][]*scheduler.TimeOff{}
	for rows.Next() {
		t := &scheduler.TimeOff{Status: scheduler.TimeOffApproved}
		var start, end string
		if err := rows.Scan(&t.ID, &t.GuardID, &start, &end, &t.Kind); err != nil {
			return err
		}
		if t.Start, err = parseTime(start, loc); err != nil {
			return err
		}
		if t.End, err = parseTime(end, loc); err != nil {
			return err
		}
		byGuard[t.GuardID] = append(byGuard[t.GuardID], t)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, sh := range shifts {
		if sh.GuardID != nil && len(byGuard[*sh.GuardID]) > 0 {
			sh.Absences = scheduler.ShiftAbsences(sh, byGuard[*sh.GuardID])
		}
	}
	return nil
}
