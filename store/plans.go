package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"catruc/scheduler"
)

// Plans are kept as their JSON (body) beside the columns that are queried:
// status, expiry, the roster fingerprint. The plans service (scheduler/planning)
// decides what may happen to a plan; the store keeps it and applies it.

// CreatePlan stores a new plan and sets its id.
func (s *Store) CreatePlan(ctx context.Context, p *scheduler.Plan) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO plans (status, roster_version, created_by, created_at, updated_at,
			expires_at, body) VALUES (?,?,?,?,?,?,?)`, p.Status, p.RosterVersion, p.CreatedBy, fmtTime(p.CreatedAt),
			fmtTime(p.UpdatedAt), fmtTime(p.ExpiresAt), string(body))
		if err != nil {
			return translate(err)
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return s.savePlan(ctx, tx, p)
	})
}

// SavePlan stores p's current state (status, progress, results).
func (s *Store) SavePlan(ctx context.Context, p *scheduler.Plan) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.savePlan(ctx, tx, p) })
}

func (s *Store) savePlan(ctx context.Context, tx *sql.Tx, p *scheduler.Plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE plans SET status=?, roster_version=?, updated_at=?, expires_at=?, body=?
		WHERE id=?`, p.Status, p.RosterVersion, fmtTime(p.UpdatedAt), fmtTime(p.ExpiresAt), string(body), p.ID)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return scheduler.NotFound("plan", p.ID)
	}
	return nil
}

// FindPlanByID returns plan id, or ENOTFOUND (also when it has expired).
func (s *Store) FindPlanByID(ctx context.Context, id int64) (*scheduler.Plan, error) {
	return s.findPlanByID(ctx, s.rdb, id)
}

func (s *Store) findPlanByID(ctx context.Context, q queryer, id int64) (*scheduler.Plan, error) {
	ps, err := s.findPlans(ctx, q, &id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, scheduler.NotFound("plan", id)
	}
	return ps[0], nil
}

// FindPlans returns the unexpired plans, newest first.
func (s *Store) FindPlans(ctx context.Context) ([]*scheduler.Plan, error) {
	return s.findPlans(ctx, s.rdb, nil)
}

func (s *Store) findPlans(ctx context.Context, q queryer, id *int64) ([]*scheduler.Plan, error) {
	var w where
	w.add("expires_at > ?", fmtTime(s.now()))
	if id != nil {
		w.add("id = ?", *id)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, roster_version, body FROM plans`+w.String()+` ORDER BY id DESC`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Plan{}
	for rows.Next() {
		var pid int64
		var version, body string
		if err := rows.Scan(&pid, &version, &body); err != nil {
			return nil, err
		}
		var p scheduler.Plan
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return nil, err
		}
		p.ID, p.RosterVersion = pid, version
		inPlanZone(&p, loc)
		out = append(out, &p)
	}
	return out, rows.Err()
}

// inPlanZone gives a plan's instants in the office zone, as every read does.
func inPlanZone(p *scheduler.Plan, loc *time.Location) {
	p.From, p.To = p.From.In(loc), p.To.In(loc)
	p.CreatedAt, p.UpdatedAt, p.ExpiresAt = p.CreatedAt.In(loc), p.UpdatedAt.In(loc), p.ExpiresAt.In(loc)
	for i := range p.Shifts {
		p.Shifts[i].Start, p.Shifts[i].End = p.Shifts[i].Start.In(loc), p.Shifts[i].End.In(loc)
	}
}

// DeleteExpiredPlans removes the plans whose time is up; n is how many.
func (s *Store) DeleteExpiredPlans(ctx context.Context) (n int64, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE expires_at <= ?`, fmtTime(s.now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// FailRunningPlans marks every plan still "running" as failed with reason:
// at start, no plan runs, so one that says so was interrupted.
func (s *Store) FailRunningPlans(ctx context.Context, reason string) (n int, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM plans WHERE status = ?`, scheduler.PlanRunning)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			p, err := s.findPlanByID(ctx, tx, id)
			if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				continue // expired: the daily cleanup removes it
			} else if err != nil {
				return err
			}
			p.Status, p.Error, p.UpdatedAt = scheduler.PlanFailed, reason, s.now()
			if err := s.savePlan(ctx, tx, p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// PlanRoster returns every shift (scheduled or cancelled) that overlaps
// [from, to) and is at one of the posts or held by one of the guards: the
// roster a plan is made against, whose fingerprint apply compares.
func (s *Store) PlanRoster(ctx context.Context, from, to time.Time, postIDs, guardIDs []int64) ([]*scheduler.Shift, error) {
	return s.planRoster(ctx, s.rdb, from, to, postIDs, guardIDs)
}

func (s *Store) planRoster(ctx context.Context, q queryer, from, to time.Time, postIDs, guardIDs []int64) ([]*scheduler.Shift, error) {
	all, err := s.findShifts(ctx, q, scheduler.ShiftFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	posts, guards := idLookup(postIDs), idLookup(guardIDs)
	out := []*scheduler.Shift{}
	for _, sh := range all {
		if posts[sh.PostID] || (sh.GuardID != nil && guards[*sh.GuardID]) {
			out = append(out, sh)
		}
	}
	return out, nil
}

func idLookup(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// ManualShiftIDs returns which of ids a manager set by hand: shifts that no
// rotation made, and rotation shifts a manager changed since.
func (s *Store) ManualShiftIDs(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		chunk := ids[:n]
		ids = ids[n:]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.rdb.QueryContext(ctx, `SELECT id FROM shifts WHERE (rotation_id IS NULL OR manual = 1) AND id IN (?`+
			strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ApplyPlan writes plan id's diff to the roster in one transaction: check
// first decides, with the plan and its roster as they are now (PlanRoster),
// whether it may be applied (the plans service refuses a plan not done, or
// whose roster changed); then the removed shifts are cancelled, the changed
// ones given their new guard, the added ones created — each checked as any
// write is (overlaps, eligibility, labour rules set to block), audited and
// announced to its guards — the active rotations of the planned posts hand
// the window over, and the plan becomes "applied". Any error leaves
// everything as it was.
func (s *Store) ApplyPlan(ctx context.Context, id int64, check func(p *scheduler.Plan, roster []*scheduler.Shift) error) (scheduler.PlanApplyResult, error) {
	var res scheduler.PlanApplyResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		res = scheduler.PlanApplyResult{}
		p, err := s.findPlanByID(ctx, tx, id)
		if err != nil {
			return err
		}
		roster, err := s.planRoster(ctx, tx, p.From, p.To, p.PostIDs, p.GuardIDs)
		if err != nil {
			return err
		}
		if err := check(p, roster); err != nil {
			return err
		}
		if err := s.applyDiff(ctx, tx, p, &res); err != nil {
			return err
		}
		if err := s.handOver(ctx, tx, p); err != nil {
			return err
		}
		before := *p
		p.Status, p.UpdatedAt = scheduler.PlanApplied, s.now()
		if err := s.savePlan(ctx, tx, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, "apply", "plan", id, map[string]any{"status": before.Status},
			map[string]any{"status": p.Status, "result": res})
	})
	return res, err
}

// planWrite is one shift apply writes, before and after.
type planWrite struct {
	before, after *scheduler.Shift
	action        string
}

// applyDiff writes the diff: every change first, raw, then each checked
// against the roster as it now is, so that a guard moved from one shift to
// another never meets their old shift on the way.
func (s *Store) applyDiff(ctx context.Context, tx *sql.Tx, p *scheduler.Plan, res *scheduler.PlanApplyResult) error {
	now := fmtTime(s.now())
	var writes []planWrite
	for _, r := range p.Diff.Removed {
		before, err := s.findShiftByID(ctx, tx, r.ShiftID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET status=?, version=version+1, manual=1, updated_at=? WHERE id=?`,
			scheduler.ShiftCancelled, now, r.ShiftID); err != nil {
			return err
		}
		writes = append(writes, planWrite{before: before, action: "cancel"})
		res.Cancelled++
	}
	for _, c := range p.Diff.Changed {
		before, err := s.findShiftByID(ctx, tx, c.ShiftID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET guard_id=?, version=version+1, manual=1, updated_at=? WHERE id=?`,
			c.ToGuardID, now, c.ShiftID); err != nil {
			return err
		}
		writes = append(writes, planWrite{before: before, action: "update"})
		res.Changed++
	}
	for _, a := range p.Diff.Added {
		gid := a.GuardID
		sh := &scheduler.Shift{PostID: a.PostID, GuardID: &gid, Start: a.Start, End: a.End, Status: scheduler.ShiftScheduled}
		normalizeShift(sh)
		if err := sh.Validate(); err != nil {
			return err
		}
		if err := s.insertShiftRow(ctx, tx, sh, nil, ""); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET manual = 1 WHERE id = ?`, sh.ID); err != nil {
			return err
		}
		writes = append(writes, planWrite{after: sh, action: "create"})
		res.Created++
	}
	return s.checkPlanWrites(ctx, tx, writes)
}

// checkPlanWrites checks, audits and announces the shifts apply wrote.
func (s *Store) checkPlanWrites(ctx context.Context, tx *sql.Tx, writes []planWrite) error {
	refs := &refCache{}
	for _, w := range writes {
		id := w.after
		if id == nil {
			id = w.before
		}
		after, err := s.findShiftByID(ctx, tx, id.ID)
		if err != nil {
			return err
		}
		if err := s.checkShiftWith(ctx, tx, after, refs); err != nil {
			return err
		}
		if err := s.labourCheck(ctx, tx, after, false, refs); err != nil {
			return err
		}
		after.Violations = nil
		if err := s.queueShiftNews(ctx, tx, w.before, after); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, w.action, "shift", after.ID, w.before, after); err != nil {
			return err
		}
	}
	return nil
}

// handOver records, for each active rotation of a planned post, that the
// plan took the window's days over.
func (s *Store) handOver(ctx context.Context, tx *sql.Tx, p *scheduler.Plan) error {
	loc := s.Location()
	from := p.From.In(loc).Format(scheduler.DateLayout)
	to := p.To.Add(-time.Nanosecond).In(loc).Format(scheduler.DateLayout)
	active := true
	rs, err := s.findRotations(ctx, tx, scheduler.RotationFilter{Active: &active})
	if err != nil {
		return err
	}
	posts := idLookup(p.PostIDs)
	for _, r := range rs {
		if !posts[r.PostID] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rotation_handovers (rotation_id, from_date, to_date, plan_id, created_at)
			VALUES (?,?,?,?,?)`, r.ID, from, to, p.ID, fmtTime(s.now())); err != nil {
			return translate(err)
		}
		if err := s.audit(ctx, tx, "handover", "rotation", r.ID, nil, scheduler.RotationHandover{From: from, To: to, PlanID: p.ID}); err != nil {
			return err
		}
	}
	return nil
}

// rotationHandovers returns the handovers of the rotations, by rotation id, oldest first.
func (s *Store) rotationHandovers(ctx context.Context, q queryer) (map[int64][]scheduler.RotationHandover, error) {
	rows, err := q.QueryContext(ctx, `SELECT rotation_id, from_date, to_date, plan_id FROM rotation_handovers ORDER BY from_date, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]scheduler.RotationHandover{}
	for rows.Next() {
		var rid int64
		var h scheduler.RotationHandover
		if err := rows.Scan(&rid, &h.From, &h.To, &h.PlanID); err != nil {
			return nil, err
		}
		out[rid] = append(out[rid], h)
	}
	return out, rows.Err()
}

// handedOver reports whether the day ("YYYY-MM-DD") lies in one of hs.
func handedOver(hs []scheduler.RotationHandover, day string) bool {
	i := sort.Search(len(hs), func(i int) bool { return hs[i].From > day })
	for _, h := range hs[:i] {
		if h.To >= day {
			return true
		}
	}
	return false
}

// Preferences returns guard guardID's preferences: empty ones when none are
// stored; ENOTFOUND when there is no such guard.
func (s *Store) Preferences(ctx context.Context, guardID int64) (*scheduler.Preferences, error) {
	if _, err := s.findGuardByID(ctx, s.rdb, guardID); err != nil {
		return nil, err
	}
	return s.preferences(ctx, s.rdb, guardID)
}

func (s *Store) preferences(ctx context.Context, q queryer, guardID int64) (*scheduler.Preferences, error) {
	p := &scheduler.Preferences{GuardID: guardID, Avoid: []scheduler.PrefWindow{}, Prefer: []scheduler.PrefWindow{}}
	var body, updated string
	err := q.QueryRowContext(ctx, `SELECT body, updated_at FROM guard_preferences WHERE guard_id = ?`, guardID).Scan(&body, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(body), p); err != nil {
		return nil, err
	}
	p.GuardID = guardID
	if p.UpdatedAt, err = parseTime(updated, s.Location()); err != nil {
		return nil, err
	}
	return p, p.Validate()
}

// AllPreferences returns the stored preferences of the guards.
func (s *Store) AllPreferences(ctx context.Context, guardIDs []int64) ([]scheduler.Preferences, error) {
	out := []scheduler.Preferences{}
	for _, id := range guardIDs {
		p, err := s.preferences(ctx, s.rdb, id)
		if err != nil {
			return nil, err
		}
		if !p.UpdatedAt.IsZero() {
			out = append(out, *p)
		}
	}
	return out, nil
}

// SetPreferences validates and stores p (for guard p.GuardID), with an audit entry.
func (s *Store) SetPreferences(ctx context.Context, p *scheduler.Preferences) (*scheduler.Preferences, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var out *scheduler.Preferences
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.findGuardByID(ctx, tx, p.GuardID); err != nil {
			return err
		}
		before, err := s.preferences(ctx, tx, p.GuardID)
		if err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO guard_preferences (guard_id, body, updated_at) VALUES (?,?,?)
			ON CONFLICT (guard_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			p.GuardID, string(body), fmtTime(p.UpdatedAt)); err != nil {
			return translate(err)
		}
		if out, err = s.preferences(ctx, tx, p.GuardID); err != nil {
			return err
		}
		var b any
		if !before.UpdatedAt.IsZero() {
			b = before
		}
		return s.audit(ctx, tx, "update", "preferences", p.GuardID, b, out)
	})
	return out, err
}
