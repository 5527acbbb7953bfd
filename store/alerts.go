package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"catruc/scheduler"
)

var _ scheduler.AlertService = (*Store)(nil)

const alertCols = `id, kind, key, post_id, guard_id, rule, start_at, end_at, missing, severity, status, message, message_vi,
	suggestions, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, critical_at, escalated_at, version, updated_at`

// FindAlerts returns the alerts that match, newest first.
func (s *Store) FindAlerts(ctx context.Context, f scheduler.AlertFilter) ([]*scheduler.Alert, error) {
	return s.findAlerts(ctx, s.rdb, f)
}

func (s *Store) findAlerts(ctx context.Context, q queryer, f scheduler.AlertFilter) ([]*scheduler.Alert, error) {
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.PostID != nil {
		w.add("post_id = ?", *f.PostID)
	}
	if f.Current != nil {
		w.add("(status != 'resolved' OR (resolved_by != 'system' AND end_at > ?))", fmtTime(*f.Current))
	}
	if f.OpenedFrom != nil {
		w.add("opened_at >= ?", fmtTime(*f.OpenedFrom))
	}
	if f.OpenedTo != nil {
		w.add("opened_at < ?", fmtTime(*f.OpenedTo))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	if f.Current != nil || (f.Limit <= 0 && (f.OpenedFrom != nil || f.OpenedTo != nil)) {
		limit = noLimit
	}
	rows, err := q.QueryContext(ctx, `SELECT `+alertCols+` FROM alerts`+w.String()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Alert{}
	for rows.Next() {
		var a scheduler.Alert
		var post, guard sql.NullInt64
		var start, end, sugg, opened, updated string
		var acked, resolved, critical, escalated sql.NullString
		if err := rows.Scan(&a.ID, &a.Kind, &a.Key, &post, &guard, &a.Rule, &start, &end, &a.Missing, &a.Severity,
			&a.Status, &a.Message, &a.MessageVI, &sugg, &opened, &acked, &a.AcknowledgedBy, &resolved, &a.ResolvedBy,
			&critical, &escalated, &a.Version, &updated); err != nil {
			return nil, err
		}
		a.PostID, a.GuardID = nullID(post), nullID(guard)
		if err := json.Unmarshal([]byte(sugg), &a.Suggestions); err != nil {
			return nil, err
		}
		for _, p := range []struct {
			dst *time.Time
			src string
		}{{&a.Start, start}, {&a.End, end}, {&a.OpenedAt, opened}, {&a.UpdatedAt, updated}} {
			if *p.dst, err = parseTime(p.src, loc); err != nil {
				return nil, err
			}
		}
		for _, p := range []struct {
			dst **time.Time
			src sql.NullString
		}{{&a.AcknowledgedAt, acked}, {&a.ResolvedAt, resolved}, {&a.CriticalAt, critical}, {&a.EscalatedAt, escalated}} {
			if *p.dst, err = parseNullTime(p.src, loc); err != nil {
				return nil, err
			}
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

func nullTimeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return fmtTime(*t)
}

// ApplyAlertChanges writes what a sweep decided, and queues the notifications
// of each announced change, in one transaction.
func (s *Store) ApplyAlertChanges(ctx context.Context, changes []scheduler.AlertChange,
	render func(a *scheduler.Alert, typ string) ([]*scheduler.Notification, error)) ([]*scheduler.Alert, error) {
	out := []*scheduler.Alert{}
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, ch := range changes {
			a := ch.Alert
			if a.Suggestions == nil {
				a.Suggestions = []scheduler.AlertSuggestion{}
			}
			sugg, err := json.Marshal(a.Suggestions)
			if err != nil {
				return err
			}
			now := fmtTime(s.now())
			args := []any{a.Kind, a.Key, a.PostID, a.GuardID, a.Rule, fmtTime(a.Start), fmtTime(a.End), a.Missing, a.Severity,
				a.Status, a.Message, a.MessageVI, string(sugg), nullTimeArg(a.AcknowledgedAt), a.AcknowledgedBy,
				nullTimeArg(a.ResolvedAt), a.ResolvedBy, nullTimeArg(a.CriticalAt), nullTimeArg(a.EscalatedAt), now}
			var before []*scheduler.Alert
			if a.ID == 0 {
				res, err := tx.ExecContext(ctx, `INSERT INTO alerts (kind, key, post_id, guard_id, rule, start_at, end_at,
					missing, severity, status, message, message_vi, suggestions, acknowledged_at, acknowledged_by,
					resolved_at, resolved_by, critical_at, escalated_at, updated_at, opened_at, version)
					VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)`, append(args, fmtTime(a.OpenedAt))...)
				if err != nil {
					return err
				}
				if a.ID, err = res.LastInsertId(); err != nil {
					return err
				}
			} else {
				if before, err = s.findAlerts(ctx, tx, scheduler.AlertFilter{ID: &a.ID}); err != nil {
					return err
				}
				bump := 0
				if ch.Notify != "" {
					bump = 1
				}
				if _, err := tx.ExecContext(ctx, `UPDATE alerts SET kind=?, key=?, post_id=?, guard_id=?, rule=?, start_at=?,
					end_at=?, missing=?, severity=?, status=?, message=?, message_vi=?, suggestions=?, acknowledged_at=?,
					acknowledged_by=?, resolved_at=?, resolved_by=?, critical_at=?, escalated_at=?, updated_at=?,
					version = version + ? WHERE id = ?`, append(args, bump, a.ID)...); err != nil {
					return err
				}
			}
			stored, err := s.findAlerts(ctx, tx, scheduler.AlertFilter{ID: &a.ID})
			if err != nil {
				return err
			}
			if len(stored) == 0 {
				return scheduler.NotFound("alert", a.ID)
			}
			action := "update"
			var prev any
			if len(before) > 0 {
				prev = before[0]
			} else {
				action = "open"
			}
			if err := s.audit(ctx, tx, action, "alert", a.ID, prev, stored[0]); err != nil {
				return err
			}
			if ch.Notify != "" && render != nil {
				ns, err := render(stored[0], ch.Notify)
				if err != nil {
					return err
				}
				if _, err := s.enqueue(ctx, tx, ns); err != nil {
					return err
				}
			}
			out = append(out, stored[0])
		}
		return nil
	})
	return out, err
}

// AcknowledgeAlert marks an alert seen: it stops escalation; it still
// updates and resolves by itself.
func (s *Store) AcknowledgeAlert(ctx context.Context, id int64) (*scheduler.Alert, error) {
	return s.alertAction(ctx, id, "acknowledge", func(a *scheduler.Alert, now time.Time) {
		a.Status = scheduler.AlertAcknowledged
		a.AcknowledgedAt = &now
		a.AcknowledgedBy = scheduler.ActorFrom(ctx)
	})
}

// ResolveAlert closes an alert by hand; while its stretch lasts, the sweep
// does not open it again.
func (s *Store) ResolveAlert(ctx context.Context, id int64) (*scheduler.Alert, error) {
	return s.alertAction(ctx, id, "resolve", func(a *scheduler.Alert, now time.Time) {
		a.Status = scheduler.AlertResolved
		a.ResolvedAt = &now
		a.ResolvedBy = scheduler.ActorFrom(ctx)
	})
}

func (s *Store) alertAction(ctx context.Context, id int64, action string, fn func(a *scheduler.Alert, now time.Time)) (*scheduler.Alert, error) {
	var out *scheduler.Alert
	err := s.write(ctx, func(tx *sql.Tx) error {
		as, err := s.findAlerts(ctx, tx, scheduler.AlertFilter{ID: &id})
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return scheduler.NotFound("alert", id)
		}
		before := *as[0]
		if before.Status == scheduler.AlertResolved {
			return scheduler.E(scheduler.ECONFLICT, "status", "alert.resolved", "alert_id", id)
		}
		if action == "acknowledge" && before.Status == scheduler.AlertAcknowledged {
			out = as[0]
			return nil
		}
		a := *as[0]
		fn(&a, s.now())
		if _, err := tx.ExecContext(ctx, `UPDATE alerts SET status=?, acknowledged_at=?, acknowledged_by=?, resolved_at=?,
			resolved_by=?, updated_at=? WHERE id=?`, a.Status, nullTimeArg(a.AcknowledgedAt), a.AcknowledgedBy,
			nullTimeArg(a.ResolvedAt), a.ResolvedBy, fmtTime(s.now()), id); err != nil {
			return err
		}
		stored, err := s.findAlerts(ctx, tx, scheduler.AlertFilter{ID: &id})
		if err != nil {
			return err
		}
		out = stored[0]
		return s.audit(ctx, tx, action, "alert", id, &before, out)
	})
	return out, err
}
