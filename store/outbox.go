package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/render"
)

var _ scheduler.OutboxService = (*Store)(nil)

// Enqueue queues notifications, skipping those whose dedupe key is queued already.
func (s *Store) Enqueue(ctx context.Context, ns []*scheduler.Notification) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.enqueue(ctx, tx, ns)
		return err
	})
	return n, err
}

func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, ns []*scheduler.Notification) (int, error) {
	queued := 0
	now := s.now()
	for _, n := range ns {
		if n.DedupeKey == "" {
			return queued, scheduler.Internal(errors.New("store: a notification without a dedupe key"))
		}
		data := string(n.Data)
		if data == "" {
			data = "null"
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO notifications (channel, recipient, type, subject, body_text, body_html,
			data, dedupe_key, status, attempts, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?, 'pending', 0, ?, ?)
			ON CONFLICT (dedupe_key) DO NOTHING`, n.Channel, n.Recipient, n.Type, n.Subject, n.BodyText, n.BodyHTML,
			data, n.DedupeKey, fmtTime(now), fmtTime(now))
		if err != nil {
			return queued, err
		}
		if c, _ := res.RowsAffected(); c == 1 {
			queued++
			n.ID, _ = res.LastInsertId()
			n.Status, n.CreatedAt, n.NextAttemptAt = scheduler.NotifyPending, now, now
		}
	}
	return queued, nil
}

const notificationCols = `id, channel, recipient, type, subject, body_text, body_html, data, dedupe_key, status, attempts,
	last_error, next_attempt_at, created_at, sent_at`

func (s *Store) findNotifications(ctx context.Context, q queryer, cond string, args ...any) ([]*scheduler.Notification, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+notificationCols+` FROM notifications WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	return s.scanNotifications(rows)
}

// scanNotifications reads rows of notificationCols, and closes them.
func (s *Store) scanNotifications(rows *sql.Rows) ([]*scheduler.Notification, error) {
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Notification{}
	for rows.Next() {
		var n scheduler.Notification
		var data, next, created string
		var sent sql.NullString
		err := rows.Scan(&n.ID, &n.Channel, &n.Recipient, &n.Type, &n.Subject, &n.BodyText, &n.BodyHTML, &data,
			&n.DedupeKey, &n.Status, &n.Attempts, &n.LastError, &next, &created, &sent)
		if err != nil {
			return nil, err
		}
		n.Data = json.RawMessage(data)
		if n.NextAttemptAt, err = parseTime(next, loc); err != nil {
			return nil, err
		}
		if n.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if n.SentAt, err = parseNullTime(sent, loc); err != nil {
			return nil, err
		}
		out = append(out, &n)
	}
	return out, rows.Err()
}

// FindNotifications lists notifications, newest first; status "" for all.
func (s *Store) FindNotifications(ctx context.Context, status string, limit int) ([]*scheduler.Notification, error) {
	if limit <= 0 {
		limit = 500
	}
	if status == "" {
		return s.findNotifications(ctx, s.rdb, `1 = 1 ORDER BY id DESC LIMIT ?`, limit)
	}
	return s.findNotifications(ctx, s.rdb, `status = ? ORDER BY id DESC LIMIT ?`, status, limit)
}

// DueNotifications returns pending notifications due by now, oldest first.
// On PostgreSQL it claims them for this instance's sender (OutboxLease,
// outbox_claim.go): another instance's DueNotifications does not return
// them until their outcome is recorded, or the lease runs out.
func (s *Store) DueNotifications(ctx context.Context, now time.Time, limit int) ([]*scheduler.Notification, error) {
	if s.pg {
		return s.claimDue(ctx, now, limit)
	}
	return s.findNotifications(ctx, s.rdb, `status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
		fmtTime(now), limit)
}

// MarkSent records a delivery.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE notifications SET status = 'sent', attempts = attempts + 1, last_error = '',
		sent_at = ?, claimed_by = '', claimed_until = NULL WHERE id = ?`, fmtTime(at), id)
	return err
}

// MarkAttempt records a failed attempt and when to try again (nil: give up).
func (s *Store) MarkAttempt(ctx context.Context, id int64, errMsg string, next *time.Time) error {
	if len(errMsg) > 1000 {
		errMsg = errMsg[:1000]
	}
	if next == nil {
		_, err := s.exec(ctx, `UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = ?,
			claimed_by = '', claimed_until = NULL WHERE id = ?`, errMsg, id)
		return err
	}
	_, err := s.exec(ctx, `UPDATE notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
		claimed_by = '', claimed_until = NULL WHERE id = ?`, errMsg, fmtTime(*next), id)
	return err
}

// HasNotification reports whether a notification whose dedupe key starts with prefix was queued.
func (s *Store) HasNotification(ctx context.Context, prefix string) (bool, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE substr(dedupe_key, 1, ?) = ?`,
		len(prefix), prefix).Scan(&n)
	return n > 0, err
}

// queueShiftNews tells the guards concerned about a change to their own
// shift (by email, and to the webhooks that want shift.changed), in the
// transaction of the change. Past shifts and rotation generation are not announced.
func (s *Store) queueShiftNews(ctx context.Context, tx *sql.Tx, before, after *scheduler.Shift) error {
	now := s.now()
	if !after.End.After(now) && (before == nil || !before.End.After(now)) {
		return nil
	}
	ids := map[int64]bool{}
	for _, sh := range []*scheduler.Shift{before, after} {
		if sh != nil && sh.GuardID != nil {
			ids[*sh.GuardID] = true
		}
	}
	if len(ids) == 0 {
		return nil
	}
	ns, err := s.notificationSettings(ctx, tx)
	if err != nil {
		return err
	}
	post, err := s.findPostByID(ctx, tx, after.PostID)
	if err != nil {
		return err
	}
	names := render.Names{Posts: map[int64]*scheduler.Post{post.ID: post}, Guards: map[int64]*scheduler.Guard{}}
	if before != nil && before.PostID != post.ID {
		if p, err := s.findPostByID(ctx, tx, before.PostID); err == nil {
			names.Posts[p.ID] = p
		}
	}
	var queue []*scheduler.Notification
	for gid := range ids {
		g, err := s.findGuardByID(ctx, tx, gid)
		if err != nil {
			return err
		}
		names.Guards[gid] = g
		// Nothing to say to a guard whose shift is neither gained nor lost nor moved.
		msg, err := render.ShiftChange(before, after, gid, names, s.Location())
		if err != nil {
			return err
		}
		var emails []string
		if g.Email != "" {
			emails = []string{g.Email}
		}
		key := fmt.Sprintf("shift:%d:v%d:guard%d", after.ID, after.Version, gid)
		queue = append(queue, render.FanOut(key, scheduler.TypeShiftChanged, msg, emails, ns.Webhooks)...)
	}
	_, err = s.enqueue(ctx, tx, queue)
	return err
}
