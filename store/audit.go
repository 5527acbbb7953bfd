package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"catruc/scheduler"
)

var _ scheduler.AuditService = (*Store)(nil)

// FindAudit returns audit entries newest first.
func (s *Store) FindAudit(ctx context.Context, f scheduler.AuditFilter) ([]*scheduler.AuditEntry, error) {
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != nil {
		w.add("entity_id = ?", *f.EntityID)
	}
	if f.From != nil {
		w.add("at >= ?", fmtTime(*f.From))
	}
	if f.To != nil {
		w.add("at < ?", fmtTime(*f.To))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, at, actor, action, entity, entity_id, before_json, after_json
		FROM audit`+w.String()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.AuditEntry{}
	for rows.Next() {
		var e scheduler.AuditEntry
		var at string
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &before, &after); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at, loc); err != nil {
			return nil, err
		}
		e.Before, e.After = rawOrNull(before), rawOrNull(after)
		out = append(out, &e)
	}
	return out, rows.Err()
}

func rawOrNull(ns sql.NullString) json.RawMessage {
	if !ns.Valid {
		return json.RawMessage("null")
	}
	return json.RawMessage(ns.String)
}
