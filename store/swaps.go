package store

import (
	"context"
	"database/sql"
	"strings"

	"catruc/scheduler"
)

var _ scheduler.SwapService = (*Store)(nil)

func (s *Store) findSwaps(ctx context.Context, q queryer, cond string, args ...any) ([]*scheduler.SwapRequest, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, shift_a, shift_b, guard_a, guard_b, status, note, created_at, accepted_at,
		decided_at, decided_by FROM swap_requests WHERE `+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*scheduler.SwapRequest{}
	loc := s.Location()
	for rows.Next() {
		var r scheduler.SwapRequest
		var created string
		var accepted, decided sql.NullString
		if err := rows.Scan(&r.ID, &r.ShiftA, &r.ShiftB, &r.GuardA, &r.GuardB, &r.Status, &r.Note, &created, &accepted,
			&decided, &r.DecidedBy); err != nil {
			return nil, err
		}
		if r.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if r.AcceptedAt, err = parseNullTime(accepted, loc); err != nil {
			return nil, err
		}
		if r.DecidedAt, err = parseNullTime(decided, loc); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}

// FindSwapRequests lists requests a guard is part of (nil: all), of a status ("" all), newest first.
func (s *Store) FindSwapRequests(ctx context.Context, guardID *int64, status string) ([]*scheduler.SwapRequest, error) {
	cond, args := "1 = 1", []any{}
	if guardID != nil {
		cond += " AND (guard_a = ? OR guard_b = ?)"
		args = append(args, *guardID, *guardID)
	}
	if status != "" {
		cond += " AND status = ?"
		args = append(args, status)
	}
	return s.findSwaps(ctx, s.rdb, cond, args...)
}

// ProposeSwap records a guard's request to swap shifts with a colleague.
func (s *Store) ProposeSwap(ctx context.Context, guardA, shiftA, shiftB int64, note string) (*scheduler.SwapRequest, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 500 {
		return nil, scheduler.E(scheduler.EINVALID, "note", "common.too_long", "max", 500)
	}
	var out *scheduler.SwapRequest
	err := s.write(ctx, func(tx *sql.Tx) error {
		a, err := s.findShiftByID(ctx, tx, shiftA)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "shift_a", "swap.shift_unknown", "shift_id", shiftA)
		} else if err != nil {
			return err
		}
		b, err := s.findShiftByID(ctx, tx, shiftB)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "shift_b", "swap.shift_unknown", "shift_id", shiftB)
		} else if err != nil {
			return err
		}
		now := s.now()
		switch {
		case a.GuardID == nil || *a.GuardID != guardA:
			return scheduler.E(scheduler.EINVALID, "shift_a", "swap.not_yours", "shift_id", shiftA)
		case b.GuardID == nil || *b.GuardID == guardA:
			return scheduler.E(scheduler.EINVALID, "shift_b", "swap.not_colleague", "shift_id", shiftB)
		case a.Status != scheduler.ShiftScheduled || !a.Start.After(now):
			return scheduler.E(scheduler.EINVALID, "shift_a", "swap.shift_past", "shift_id", shiftA)
		case b.Status != scheduler.ShiftScheduled || !b.Start.After(now):
			return scheduler.E(scheduler.EINVALID, "shift_b", "swap.shift_past", "shift_id", shiftB)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO swap_requests (shift_a, shift_b, guard_a, guard_b, status, note, created_at)
			VALUES (?,?,?,?,?,?,?)`, shiftA, shiftB, guardA, *b.GuardID, scheduler.SwapProposed, note, fmtTime(now))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		rs, err := s.findSwaps(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		out = rs[0]
		return s.audit(ctx, tx, "propose", "swap_request", id, nil, out)
	})
	return out, err
}

func (s *Store) swapStep(ctx context.Context, id int64, fn func(tx *sql.Tx, r *scheduler.SwapRequest) (string, error)) (*scheduler.SwapRequest, error) {
	var out *scheduler.SwapRequest
	err := s.write(ctx, func(tx *sql.Tx) error {
		rs, err := s.findSwaps(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return scheduler.NotFound("swap request", id)
		}
		before := rs[0]
		action, err := fn(tx, before)
		if err != nil {
			return err
		}
		after, err := s.findSwaps(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		out = after[0]
		return s.audit(ctx, tx, action, "swap_request", id, before, out)
	})
	return out, err
}

// AcceptSwap is the colleague's yes.
func (s *Store) AcceptSwap(ctx context.Context, id, guardB int64) (*scheduler.SwapRequest, error) {
	return s.swapStep(ctx, id, func(tx *sql.Tx, r *scheduler.SwapRequest) (string, error) {
		if r.GuardB != guardB {
			return "", scheduler.E(scheduler.EFORBIDDEN, "", "swap.accept_not_asked")
		}
		if r.Status != scheduler.SwapProposed {
			return "", scheduler.E(scheduler.ECONFLICT, "status", "swap.request_status", "status", r.Status)
		}
		_, err := tx.ExecContext(ctx, `UPDATE swap_requests SET status = ?, accepted_at = ? WHERE id = ?`,
			scheduler.SwapAccepted, fmtTime(s.now()), id)
		return "accept", err
	})
}

// ApproveSwap is a manager's yes: the guards of the two shifts are swapped in the same transaction.
func (s *Store) ApproveSwap(ctx context.Context, id int64) (*scheduler.SwapRequest, error) {
	return s.swapStep(ctx, id, func(tx *sql.Tx, r *scheduler.SwapRequest) (string, error) {
		if err := r.CheckApprove(); err != nil {
			return "", err
		}
		if _, _, err := s.swapShifts(ctx, tx, r.ShiftA, r.ShiftB); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE swap_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?`,
			scheduler.SwapApproved, fmtTime(s.now()), scheduler.ActorFrom(ctx), id)
		return "approve", err
	})
}

// DeclineSwap ends a request.
func (s *Store) DeclineSwap(ctx context.Context, id, guardID int64) (*scheduler.SwapRequest, error) {
	return s.swapStep(ctx, id, func(tx *sql.Tx, r *scheduler.SwapRequest) (string, error) {
		if guardID != 0 && guardID != r.GuardA && guardID != r.GuardB {
			return "", scheduler.E(scheduler.EFORBIDDEN, "", "swap.request_not_yours")
		}
		if r.Status == scheduler.SwapApproved || r.Status == scheduler.SwapDeclined {
			return "", scheduler.E(scheduler.ECONFLICT, "status", "swap.request_status", "status", r.Status)
		}
		_, err := tx.ExecContext(ctx, `UPDATE swap_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?`,
			scheduler.SwapDeclined, fmtTime(s.now()), scheduler.ActorFrom(ctx), id)
		return "decline", err
	})
}
