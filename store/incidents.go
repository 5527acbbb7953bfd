package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

const incidentCols = `id, kind, post_id, title, note, headcount, status, declared_by, declared_at, outcome, closed_by,
	closed_at, ack_within_minutes, checklist, escalated_at, base_url`

// FindIncidents lists the incidents that match, newest first, with their
// responders and response times but without their timelines. D1's duty log
// lists a post's incidents of a day with FindIncidents(ctx,
// scheduler.IncidentFilter{PostID: &id, From: &dayStart, To: &dayEnd}).
func (s *Store) FindIncidents(ctx context.Context, f scheduler.IncidentFilter) ([]*scheduler.Incident, error) {
	out, _, err := s.findIncidents(ctx, s.rdb, f)
	return out, err
}

// FindIncidentByID returns an incident with its timeline, or ENOTFOUND.
func (s *Store) FindIncidentByID(ctx context.Context, id int64) (*scheduler.Incident, error) {
	return s.findIncidentByID(ctx, s.rdb, id)
}

func (s *Store) findIncidentByID(ctx context.Context, q queryer, id int64) (*scheduler.Incident, error) {
	out, _, err := s.findIncidents(ctx, q, scheduler.IncidentFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, scheduler.NotFound("incident", id)
	}
	if out[0].Timeline, err = s.findTimeline(ctx, q, id); err != nil {
		return nil, err
	}
	return out[0], s.deliveries(ctx, q, id, out[0].Responders)
}

// findIncidents also returns each incident's base URL, by id.
func (s *Store) findIncidents(ctx context.Context, q queryer, f scheduler.IncidentFilter) ([]*scheduler.Incident, map[int64]string, error) {
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
	if f.From != nil {
		w.add("declared_at >= ?", fmtTime(*f.From))
	}
	if f.To != nil {
		w.add("declared_at < ?", fmtTime(*f.To))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	rows, err := q.QueryContext(ctx, `SELECT `+incidentCols+` FROM incidents`+w.String()+
		` ORDER BY declared_at DESC, id DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, nil, err
	}
	out, bases, err := s.scanIncidents(rows)
	if err != nil {
		return nil, nil, err
	}
	for _, inc := range out {
		if inc.Responders, err = s.findResponders(ctx, q, inc.ID); err != nil {
			return nil, nil, err
		}
		inc.Timeline = []scheduler.TimelineEntry{}
		scheduler.ComputeResponseTimes(inc)
	}
	return out, bases, nil
}

func (s *Store) scanIncidents(rows *sql.Rows) ([]*scheduler.Incident, map[int64]string, error) {
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Incident{}
	bases := map[int64]string{}
	for rows.Next() {
		var inc scheduler.Incident
		var declared, checklist, base string
		var closed, escalated sql.NullString
		if err := rows.Scan(&inc.ID, &inc.Kind, &inc.PostID, &inc.Title, &inc.Note, &inc.Headcount, &inc.Status,
			&inc.DeclaredBy, &declared, &inc.Outcome, &inc.ClosedBy, &closed, &inc.AckWithinMinutes, &checklist,
			&escalated, &base); err != nil {
			return nil, nil, err
		}
		var err error
		if inc.DeclaredAt, err = parseTime(declared, loc); err != nil {
			return nil, nil, err
		}
		if inc.ClosedAt, err = parseNullTime(closed, loc); err != nil {
			return nil, nil, err
		}
		if inc.EscalatedAt, err = parseNullTime(escalated, loc); err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal([]byte(checklist), &inc.Checklist); err != nil {
			return nil, nil, err
		}
		bases[inc.ID] = base
		out = append(out, &inc)
	}
	return out, bases, rows.Err()
}

func (s *Store) findResponders(ctx context.Context, q queryer, incidentID int64) ([]scheduler.Responder, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, kind, channel, phone, email, guard_id, team_id, post_id, escalation,
		notified_at, acked_at FROM incident_responders WHERE incident_id = ? ORDER BY id`, incidentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []scheduler.Responder{}
	for rows.Next() {
		var r scheduler.Responder
		var guard, team, post sql.NullInt64
		var notified, acked sql.NullString
		if err := rows.Scan(&r.ID, &r.Name, &r.Kind, &r.Channel, &r.Phone, &r.Email, &guard, &team, &post, &r.Escalation,
			&notified, &acked); err != nil {
			return nil, err
		}
		r.GuardID, r.TeamID, r.PostID = nullID(guard), nullID(team), nullID(post)
		if r.NotifiedAt, err = parseNullTime(notified, loc); err != nil {
			return nil, err
		}
		if r.AckedAt, err = parseNullTime(acked, loc); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// deliveries sets each responder's Delivery from the outbox (an incident
// read alone: its page and the API's answers to writes): the messages of a
// callout carry the dedupe key "incident:<id>:r<responder>:<step>…", read as
// a range of the key's unique index ("r" < key < "s").
func (s *Store) deliveries(ctx context.Context, q queryer, incidentID int64, rs []scheduler.Responder) error {
	prefix := fmt.Sprintf("incident:%d:", incidentID)
	rows, err := q.QueryContext(ctx, `SELECT dedupe_key, status, last_error FROM notifications
		WHERE dedupe_key >= ? AND dedupe_key < ? ORDER BY id`, prefix+"r", prefix+"s")
	if err != nil {
		return err
	}
	defer rows.Close()
	byID := map[int64]*scheduler.Responder{}
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
	}
	rank := map[string]int{"": 0, scheduler.DeliveryFailed: 1, scheduler.DeliveryPending: 2, scheduler.DeliverySent: 3}
	for rows.Next() {
		var key, status, lastErr string
		if err := rows.Scan(&key, &status, &lastErr); err != nil {
			return err
		}
		var iid, rid int64
		if _, err := fmt.Sscanf(key, "incident:%d:r%d:", &iid, &rid); err != nil || iid != incidentID {
			continue
		}
		r := byID[rid]
		if r == nil {
			continue
		}
		d := scheduler.DeliveryPending
		switch status {
		case scheduler.NotifySent:
			d = scheduler.DeliverySent
		case scheduler.NotifyFailed:
			d = scheduler.DeliveryFailed
		}
		if rank[d] > rank[r.Delivery] {
			r.Delivery, r.DeliveryError = d, ""
		}
		if r.Delivery == d && d != scheduler.DeliverySent && lastErr != "" {
			r.DeliveryError = lastErr
		}
	}
	return rows.Err()
}

func (s *Store) findTimeline(ctx context.Context, q queryer, incidentID int64) ([]scheduler.TimelineEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.at, t.kind, t.actor, t.responder_id, COALESCE(r.name, ''), t.channel, t.note
		FROM incident_timeline t LEFT JOIN incident_responders r ON r.id = t.responder_id
		WHERE t.incident_id = ? ORDER BY t.at, t.id`, incidentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []scheduler.TimelineEntry{}
	for rows.Next() {
		var e scheduler.TimelineEntry
		var at string
		var rid sql.NullInt64
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Actor, &rid, &e.Name, &e.Channel, &e.Note); err != nil {
			return nil, err
		}
		e.ResponderID = nullID(rid)
		if e.At, err = parseTime(at, loc); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// addTimeline records one step of an incident at now.
func (s *Store) addTimeline(ctx context.Context, tx *sql.Tx, incidentID int64, now time.Time, kind string, responderID *int64,
	channel, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO incident_timeline (incident_id, at, kind, actor, responder_id, channel, note)
		VALUES (?,?,?,?,?,?,?)`, incidentID, fmtTime(now), kind, scheduler.ActorFrom(ctx), responderID, channel, note)
	return err
}

// AddIncidentUpdate adds a note to an open incident's timeline.
func (s *Store) AddIncidentUpdate(ctx context.Context, id int64, note string) (*scheduler.Incident, error) {
	note, err := scheduler.ValidateIncidentText("note", note)
	if err != nil {
		return nil, err
	}
	return s.incidentAction(ctx, id, "update", func(tx *sql.Tx, now time.Time) error {
		return s.addTimeline(ctx, tx, id, now, scheduler.TimelineUpdate, nil, "", note)
	})
}

// CloseIncident closes an open incident with its outcome.
func (s *Store) CloseIncident(ctx context.Context, id int64, outcome string) (*scheduler.Incident, error) {
	outcome, err := scheduler.ValidateIncidentText("outcome", outcome)
	if err != nil {
		return nil, err
	}
	return s.incidentAction(ctx, id, "close", func(tx *sql.Tx, now time.Time) error {
		if _, err := tx.ExecContext(ctx, `UPDATE incidents SET status = 'closed', outcome = ?, closed_by = ?, closed_at = ?
			WHERE id = ?`, outcome, scheduler.ActorFrom(ctx), fmtTime(now), id); err != nil {
			return err
		}
		return s.addTimeline(ctx, tx, id, now, scheduler.TimelineClosed, nil, "", outcome)
	})
}

// incidentAction runs fn on an open incident in one transaction and audits it.
func (s *Store) incidentAction(ctx context.Context, id int64, action string, fn func(tx *sql.Tx, now time.Time) error) (*scheduler.Incident, error) {
	var out *scheduler.Incident
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findIncidentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status != scheduler.IncidentOpen {
			return scheduler.E(scheduler.ECONFLICT, "status", "incident.closed", "incident_id", id)
		}
		if err := fn(tx, s.now()); err != nil {
			return err
		}
		if out, err = s.findIncidentByID(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, action, "incident", id, before, out)
	})
	return out, err
}

// AcknowledgeIncident follows an acknowledge link: the first use within its
// 24 hours marks the responder acknowledged; a later use, or one of another
// link of a responder who acknowledged already, says so.
func (s *Store) AcknowledgeIncident(ctx context.Context, secret string) (scheduler.AckResult, error) {
	return s.incidentAck(ctx, secret, true)
}

// PeekIncidentAck tells what following an acknowledge link would do,
// changing nothing: AckPending for a good link not yet used (else as
// AcknowledgeIncident). A mail scanner that fetches the link acknowledges
// nothing; the page then sends the acknowledgement itself.
func (s *Store) PeekIncidentAck(ctx context.Context, secret string) (scheduler.AckResult, error) {
	return s.incidentAck(ctx, secret, false)
}

// incidentAck looks the link up and, when apply is true, acknowledges.
func (s *Store) incidentAck(ctx context.Context, secret string, apply bool) (scheduler.AckResult, error) {
	res := scheduler.AckResult{Status: scheduler.AckUnknown}
	secret = strings.TrimSpace(secret)
	if secret == "" || len(secret) > 200 {
		return res, nil
	}
	want := hashSecret(secret)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var ackID, rid, incID int64
		var hash []byte
		var expires string
		var used, acked sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT a.id, a.responder_id, r.incident_id, a.hash, a.expires_at, a.used_at, r.acked_at
			FROM incident_acks a JOIN incident_responders r ON r.id = a.responder_id WHERE a.hash = ?`, want).
			Scan(&ackID, &rid, &incID, &hash, &expires, &used, &acked)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && subtle.ConstantTimeCompare(hash, want) != 1) {
			return nil
		}
		if err != nil {
			return err
		}
		now := s.now()
		exp, err := parseTime(expires, s.Location())
		if err != nil {
			return err
		}
		switch {
		case used.Valid || acked.Valid:
			res.Status = scheduler.AckAlready
		case !now.Before(exp):
			res.Status = scheduler.AckExpired
		case !apply:
			res.Status = scheduler.AckPending
		default:
			res.Status = scheduler.AckDone
			if err := s.acknowledge(ctx, tx, ackID, rid, incID, now); err != nil {
				return err
			}
		}
		return s.ackResult(ctx, tx, incID, rid, &res)
	})
	return res, err
}

func (s *Store) acknowledge(ctx context.Context, tx *sql.Tx, ackID, rid, incID int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE incident_acks SET used_at = ? WHERE id = ?`, fmtTime(now), ackID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE incident_responders SET acked_at = ? WHERE id = ?`, fmtTime(now), rid); err != nil {
		return err
	}
	ctx = scheduler.WithActor(ctx, "ack-link")
	if err := s.addTimeline(ctx, tx, incID, now, scheduler.TimelineAcknowledged, &rid, "", ""); err != nil {
		return err
	}
	return s.audit(ctx, tx, "acknowledge", "incident", incID, nil, map[string]any{"responder_id": rid})
}

func (s *Store) ackResult(ctx context.Context, tx *sql.Tx, incID, rid int64, res *scheduler.AckResult) error {
	inc, err := s.findIncidentByID(ctx, tx, incID)
	if err != nil {
		return err
	}
	res.Incident = inc
	for i := range inc.Responders {
		if inc.Responders[i].ID == rid {
			res.Responder = &inc.Responders[i]
		}
	}
	return nil
}

// DutyLogIncidents are the incidents declared at post in [from, to), oldest
// first, as a post's duty log prints them.
func (s *Store) DutyLogIncidents(ctx context.Context, postID int64, from, to time.Time) ([]scheduler.DutyLogIncident, error) {
	is, err := s.FindIncidents(ctx, scheduler.IncidentFilter{PostID: &postID, From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	out := make([]scheduler.DutyLogIncident, 0, len(is))
	for i := len(is) - 1; i >= 0; i-- { // FindIncidents lists the newest first
		in := is[i]
		out = append(out, scheduler.DutyLogIncident{At: in.DeclaredAt, Kind: in.Kind, Title: in.Title, Note: in.Note, Outcome: in.Outcome})
	}
	return out, nil
}
