package store

// The duty desk's storage (schema 8): check-ins and check-outs of shifts, the
// handover log, posts' checklists and check-in codes, and its settings. The
// rules are the domain's (scheduler/duty.go); these methods apply them inside
// their transactions.

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"catruc/scheduler"
)

var _ scheduler.DutyService = (*Store)(nil)

const dutyKey = "duty"

// fillChecks sets the check-in and check-out of shifts read by findShifts.
func (s *Store) fillChecks(ctx context.Context, q queryer, shifts []*scheduler.Shift) error {
	if len(shifts) == 0 {
		return nil
	}
	lo, hi := shifts[0].ID, shifts[0].ID
	byID := map[int64]*scheduler.Shift{}
	for _, sh := range shifts {
		lo, hi = min(lo, sh.ID), max(hi, sh.ID)
		byID[sh.ID] = sh
	}
	rows, err := s.query(ctx, q, `SELECT shift_id, guard_id, check_in_at, check_in_method, check_out_at FROM shift_checks
		WHERE shift_id BETWEEN ? AND ?`, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	loc := s.Location()
	for rows.Next() {
		var id int64
		var guard sql.NullInt64
		var in, method string
		var out sql.NullString
		if err := rows.Scan(&id, &guard, &in, &method, &out); err != nil {
			return err
		}
		sh := byID[id]
		if sh == nil || sh.GuardID == nil || !guard.Valid || guard.Int64 != *sh.GuardID {
			continue // reassigned since: the new guard has not checked in
		}
		t, err := parseTime(in, loc)
		if err != nil {
			return err
		}
		sh.CheckInAt, sh.CheckInMethod, sh.LateMinutes = &t, method, scheduler.LateMinutes(sh.Start, t)
		if sh.CheckOutAt, err = parseNullTime(out, loc); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RecordCheckIn checks a shift in, as decide allows, in one transaction.
func (s *Store) RecordCheckIn(ctx context.Context, shiftID int64, decide func(*scheduler.Shift) (scheduler.CheckIn, error)) (*scheduler.Shift, error) {
	var out *scheduler.Shift
	err := s.write(ctx, func(tx *sql.Tx) error {
		sh, err := s.findShiftByID(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		in, err := decide(sh)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shift_checks (shift_id, guard_id, check_in_at, check_in_method,
			check_in_by, recorded_at) VALUES (?,?,?,?,?,?)
			ON CONFLICT (shift_id) DO UPDATE SET guard_id = excluded.guard_id, check_in_at = excluded.check_in_at,
			check_in_method = excluded.check_in_method, check_in_by = excluded.check_in_by, check_out_at = NULL,
			check_out_by = '', recorded_at = excluded.recorded_at`, sh.ID, sh.GuardID, fmtTime(in.At), in.Method,
			scheduler.ActorFrom(ctx), fmtTime(s.now())); err != nil {
			return err
		}
		if out, err = s.findShiftByID(ctx, tx, shiftID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "check_in", "shift", shiftID, sh, out)
	})
	return out, err
}

// RecordCheckOut checks a shift out and writes its handover, as decide
// allows, in one transaction.
func (s *Store) RecordCheckOut(ctx context.Context, shiftID int64,
	decide func(*scheduler.Shift) (time.Time, *scheduler.Handover, error)) (*scheduler.Shift, *scheduler.Handover, error) {
	var out *scheduler.Shift
	var hout *scheduler.Handover
	err := s.write(ctx, func(tx *sql.Tx) error {
		sh, err := s.findShiftByID(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		at, h, err := decide(sh)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shift_checks SET check_out_at = ?, check_out_by = ? WHERE shift_id = ?`,
			fmtTime(at), scheduler.ActorFrom(ctx), sh.ID); err != nil {
			return err
		}
		list, err := json.Marshal(h.Checklist)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO handovers (shift_id, post_id, guard_id, note, checklist, written_at)
			VALUES (?,?,?,?,?,?)`, h.ShiftID, h.PostID, h.GuardID, h.Note, string(list), fmtTime(h.WrittenAt)); err != nil {
			return err
		}
		if out, err = s.findShiftByID(ctx, tx, shiftID); err != nil {
			return err
		}
		hs, err := s.findHandovers(ctx, tx, scheduler.HandoverFilter{ShiftID: &shiftID})
		if err != nil {
			return err
		}
		hout = hs[0]
		return s.audit(ctx, tx, "check_out", "shift", shiftID, sh, map[string]any{"shift": out, "handover": hout})
	})
	return out, hout, err
}

const handoverCols = `shift_id, post_id, guard_id, note, checklist, written_at, acknowledged_by, acknowledged_guard_id, acknowledged_at`

// FindHandovers returns the handovers that match, in the order written.
func (s *Store) FindHandovers(ctx context.Context, f scheduler.HandoverFilter) ([]*scheduler.Handover, error) {
	return s.findHandovers(ctx, s.rdb, f)
}

func (s *Store) findHandovers(ctx context.Context, q queryer, f scheduler.HandoverFilter) ([]*scheduler.Handover, error) {
	var w where
	if f.PostID != nil {
		w.add("post_id = ?", *f.PostID)
	}
	if f.ShiftID != nil {
		w.add("shift_id = ?", *f.ShiftID)
	}
	if f.From != nil {
		w.add("written_at >= ?", fmtTime(*f.From))
	}
	if f.To != nil {
		w.add("written_at < ?", fmtTime(*f.To))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	rows, err := q.QueryContext(ctx, `SELECT `+handoverCols+` FROM handovers`+w.String()+
		` ORDER BY written_at, shift_id LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Handover{}
	for rows.Next() {
		var h scheduler.Handover
		var guard, ackGuard sql.NullInt64
		var list, written string
		var acked sql.NullString
		if err := rows.Scan(&h.ShiftID, &h.PostID, &guard, &h.Note, &list, &written, &h.AcknowledgedBy, &ackGuard,
			&acked); err != nil {
			return nil, err
		}
		h.GuardID, h.AcknowledgedGuardID = nullID(guard), nullID(ackGuard)
		if err := json.Unmarshal([]byte(list), &h.Checklist); err != nil {
			return nil, err
		}
		if h.WrittenAt, err = parseTime(written, loc); err != nil {
			return nil, err
		}
		if h.AcknowledgedAt, err = parseNullTime(acked, loc); err != nil {
			return nil, err
		}
		out = append(out, &h)
	}
	return out, rows.Err()
}

// AcknowledgeHandover records that the incoming guard read a handover.
func (s *Store) AcknowledgeHandover(ctx context.Context, shiftID int64, guardID *int64, check func(*scheduler.Handover) error) (*scheduler.Handover, error) {
	var out *scheduler.Handover
	err := s.write(ctx, func(tx *sql.Tx) error {
		hs, err := s.findHandovers(ctx, tx, scheduler.HandoverFilter{ShiftID: &shiftID})
		if err != nil {
			return err
		}
		if len(hs) == 0 {
			return scheduler.NotFound("handover", shiftID)
		}
		if err := check(hs[0]); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE handovers SET acknowledged_by = ?, acknowledged_guard_id = ?,
			acknowledged_at = ? WHERE shift_id = ?`, scheduler.ActorFrom(ctx), guardID, fmtTime(s.now()), shiftID); err != nil {
			return err
		}
		after, err := s.findHandovers(ctx, tx, scheduler.HandoverFilter{ShiftID: &shiftID})
		if err != nil {
			return err
		}
		out = after[0]
		return s.audit(ctx, tx, "acknowledge", "handover", shiftID, hs[0], out)
	})
	return out, err
}

// PostChecklist is the post's handover checklist (the defaults until set).
func (s *Store) PostChecklist(ctx context.Context, postID int64) ([]string, error) {
	if _, err := s.findPostByID(ctx, s.rdb, postID); err != nil {
		return nil, err
	}
	var raw string
	err := s.rdb.QueryRowContext(ctx, `SELECT items FROM post_checklists WHERE post_id = ?`, postID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return scheduler.DefaultChecklist(), nil
	}
	if err != nil {
		return nil, err
	}
	out := []string{}
	return out, json.Unmarshal([]byte(raw), &out)
}

// SetPostChecklist validates and stores a post's checklist.
func (s *Store) SetPostChecklist(ctx context.Context, postID int64, items []string) ([]string, error) {
	items, err := scheduler.ValidateChecklist(items)
	if err != nil {
		return nil, err
	}
	before, err := s.PostChecklist(ctx, postID)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	return items, s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO post_checklists (post_id, items, updated_at) VALUES (?,?,?)
			ON CONFLICT (post_id) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at`,
			postID, string(b), fmtTime(s.now())); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "post_checklist", postID, before, items)
	})
}

// RotateCheckInCode makes a new random check-in code for a post; only its
// SHA-256 hash is kept, and the previous code stops working.
func (s *Store) RotateCheckInCode(ctx context.Context, postID int64) (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	code := base64.RawURLEncoding.EncodeToString(b)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.findPostByID(ctx, tx, postID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkin_codes (post_id, code_hash, created_at, created_by) VALUES (?,?,?,?)
			ON CONFLICT (post_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at,
			created_by = excluded.created_by`, postID, hashSecret(code), fmtTime(s.now()), scheduler.ActorFrom(ctx)); err != nil {
			return err
		}
		return s.audit(ctx, tx, "rotate", "checkin_code", postID, nil, map[string]any{"post_id": postID})
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// CheckInCodePost is the post whose current code is code.
func (s *Store) CheckInCodePost(ctx context.Context, code string) (int64, error) {
	want := hashSecret(code)
	var postID int64
	var got []byte
	err := s.rdb.QueryRowContext(ctx, `SELECT post_id, code_hash FROM checkin_codes WHERE code_hash = ?`, want).Scan(&postID, &got)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && subtle.ConstantTimeCompare(got, want) != 1) {
		return 0, scheduler.E(scheduler.EINVALID, "code", "duty.qr_unknown")
	}
	if err != nil {
		return 0, err
	}
	return postID, nil
}

// CheckInCodeCreated is when the post's current code was made; nil if none.
func (s *Store) CheckInCodeCreated(ctx context.Context, postID int64) (*time.Time, error) {
	var at sql.NullString
	err := s.rdb.QueryRowContext(ctx, `SELECT created_at FROM checkin_codes WHERE post_id = ?`, postID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseNullTime(at, s.Location())
}

// DutySettings returns the duty desk's settings: the defaults until changed,
// NoShowSince when the duty desk (schema 8) was installed until set.
func (s *Store) DutySettings(ctx context.Context) (scheduler.DutySettings, error) {
	d := scheduler.DefaultDutySettings()
	if _, err := s.GetSetting(ctx, dutyKey, &d); err != nil {
		return d, err
	}
	if d.NoShowSince == nil {
		var at string
		if err := s.rdb.QueryRowContext(ctx, `SELECT applied_at FROM schema_migrations WHERE version = 8`).Scan(&at); err != nil {
			return d, err
		}
		t, err := parseTime(at, s.Location())
		if err != nil {
			return d, err
		}
		d.NoShowSince = &t
	}
	return d, nil
}

// SetDutySettings validates and stores the settings.
func (s *Store) SetDutySettings(ctx context.Context, d scheduler.DutySettings) (scheduler.DutySettings, error) {
	if err := d.Validate(); err != nil {
		return d, err
	}
	before, err := s.DutySettings(ctx)
	if err != nil {
		return d, err
	}
	if d.NoShowSince == nil {
		d.NoShowSince = before.NoShowSince
	}
	err = s.write(ctx, func(tx *sql.Tx) error { return s.putSetting(ctx, tx, dutyKey, before, d) })
	return d, err
}
