package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/rotation"
)

var _ scheduler.RotationService = (*Store)(nil)

// MaxGenerateAheadDays bounds how far ahead a rotation may be generated.
const MaxGenerateAheadDays = 731

// FindRotations returns the rotations that match, ordered by id.
func (s *Store) FindRotations(ctx context.Context, f scheduler.RotationFilter) ([]*scheduler.Rotation, error) {
	return s.findRotations(ctx, s.rdb, f)
}

// FindRotationByID returns one rotation or ENOTFOUND.
func (s *Store) FindRotationByID(ctx context.Context, id int64) (*scheduler.Rotation, error) {
	return s.findRotationByID(ctx, s.rdb, id)
}

func (s *Store) findRotationByID(ctx context.Context, q queryer, id int64) (*scheduler.Rotation, error) {
	rs, err := s.findRotations(ctx, q, scheduler.RotationFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, scheduler.NotFound("rotation", id)
	}
	return rs[0], nil
}

func (s *Store) findRotations(ctx context.Context, q queryer, f scheduler.RotationFilter) ([]*scheduler.Rotation, error) {
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.PostID != nil {
		w.add("post_id = ?", *f.PostID)
	}
	if f.Active != nil {
		w.add("active = ?", boolInt(*f.Active))
	}
	rows, err := q.QueryContext(ctx, `SELECT id, post_id, name, preset, handover, start_date, pattern, periods, active,
		generated_until, created_at, updated_at FROM rotations`+w.String()+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Rotation{}
	for rows.Next() {
		var r scheduler.Rotation
		var pattern, periods, created, updated string
		if err := rows.Scan(&r.ID, &r.PostID, &r.Name, &r.Preset, &r.Handover, &r.StartDate, &pattern, &periods,
			&r.Active, &r.GeneratedUntil, &created, &updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(pattern), &r.Pattern); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(periods), &r.MemberPeriods); err != nil {
			return nil, err
		}
		r.Members = []int64{}
		if n := len(r.MemberPeriods); n > 0 {
			r.Members = append(r.Members, r.MemberPeriods[n-1].Members...)
		}
		if r.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if r.UpdatedAt, err = parseTime(updated, loc); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close() // before the next query, which may run on the same connection
	hs, err := s.rotationHandovers(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, r := range out {
		r.Handovers = hs[r.ID]
		if r.Handovers == nil {
			r.Handovers = []scheduler.RotationHandover{}
		}
	}
	return out, nil
}

// checkRotation validates r and what it refers to.
func (s *Store) checkRotation(ctx context.Context, tx *sql.Tx, r *scheduler.Rotation) error {
	if r.PostID <= 0 {
		return scheduler.E(scheduler.EINVALID, "post_id", "common.required")
	}
	if err := rotation.ValidateRotation(r); err != nil {
		return err
	}
	if _, err := scheduler.ParseDate(r.StartDate, s.Location()); err != nil || r.StartDate < "1900-01-01" || r.StartDate > "2199-12-31" {
		return scheduler.E(scheduler.EINVALID, "start_date", "rotation.start_date_range", "min", 1900, "max", 2199)
	}
	post, err := s.findPostByID(ctx, tx, r.PostID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", r.PostID)
	} else if err != nil {
		return err
	}
	if !post.Active && r.Active {
		return scheduler.E(scheduler.EINVALID, "post_id", "post.inactive", "post_id", post.ID, "post", post.Name)
	}
	for _, id := range r.Members {
		g, err := s.findGuardByID(ctx, tx, id)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "members", "guard.unknown", "guard_id", id)
		} else if err != nil {
			return err
		}
		if !g.MayHold(post.ID) {
			return scheduler.E(scheduler.EINVALID, "members", "guard.not_allowed_at_post", "guard_id", g.ID, "guard", g.Name, "post_id", post.ID, "post", post.Name)
		}
		if !g.Active {
			return scheduler.E(scheduler.EINVALID, "members", "guard.inactive", "guard_id", g.ID, "guard", g.Name)
		}
	}
	return nil
}

func (s *Store) saveRotation(ctx context.Context, tx *sql.Tx, r *scheduler.Rotation, insert bool) error {
	pattern, err := json.Marshal(r.Pattern)
	if err != nil {
		return err
	}
	periods, err := json.Marshal(r.MemberPeriods)
	if err != nil {
		return err
	}
	now := fmtTime(s.now())
	if insert {
		res, err := tx.ExecContext(ctx, `INSERT INTO rotations (post_id, name, preset, handover, start_date, pattern,
			periods, active, generated_until, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, r.PostID, r.Name,
			r.Preset, r.Handover, r.StartDate, string(pattern), string(periods), boolInt(r.Active), r.GeneratedUntil, now, now)
		if err != nil {
			return translate(err)
		}
		r.ID, err = res.LastInsertId()
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE rotations SET post_id=?, name=?, preset=?, handover=?, start_date=?, pattern=?,
		periods=?, active=?, generated_until=?, updated_at=? WHERE id=?`, r.PostID, r.Name, r.Preset, r.Handover,
		r.StartDate, string(pattern), string(periods), boolInt(r.Active), r.GeneratedUntil, now, r.ID)
	return translate(err)
}

// CreateRotation validates and stores r; its members hold from start_date.
func (s *Store) CreateRotation(ctx context.Context, r *scheduler.Rotation) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createRotation(ctx, tx, r) })
}

func (s *Store) createRotation(ctx context.Context, tx *sql.Tx, r *scheduler.Rotation) error {
	r.GeneratedUntil = ""
	if err := s.checkRotation(ctx, tx, r); err != nil {
		return err
	}
	r.MemberPeriods = []scheduler.MemberPeriod{periodOf(r, r.StartDate, r.StartDate)}
	if err := s.saveRotation(ctx, tx, r, true); err != nil {
		return err
	}
	stored, err := s.findRotationByID(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	*r = *stored
	return s.audit(ctx, tx, "create", "rotation", r.ID, nil, r)
}

// today is the store clock's date in the office zone.
func (s *Store) today() string { return s.now().In(s.Location()).Format(scheduler.DateLayout) }

func addDays(date string, n int) string {
	t, _ := time.Parse(scheduler.DateLayout, date)
	return t.AddDate(0, 0, n).Format(scheduler.DateLayout)
}

// UpdateRotation changes a rotation; members and pattern changes take effect from effectiveFrom.
func (s *Store) UpdateRotation(ctx context.Context, id int64, effectiveFrom string, fn func(*scheduler.Rotation) error) (*scheduler.Rotation, scheduler.GenerateResult, error) {
	var out *scheduler.Rotation
	res := newResult()
	if effectiveFrom == "" {
		effectiveFrom = s.today()
	} else if _, err := scheduler.ParseDate(effectiveFrom, s.Location()); err != nil {
		return nil, res, scheduler.AtField(err, "effective_from")
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findRotationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		r := *before
		r.Members = append([]int64(nil), before.Members...)
		if err := fn(&r); err != nil {
			return err
		}
		r.ID, r.CreatedAt, r.GeneratedUntil, r.MemberPeriods = before.ID, before.CreatedAt, before.GeneratedUntil, before.MemberPeriods
		if r.PostID != before.PostID {
			return scheduler.E(scheduler.EINVALID, "post_id", "rotation.post_fixed")
		}
		if r.StartDate != before.StartDate && before.GeneratedUntil != "" {
			return scheduler.E(scheduler.EINVALID, "start_date", "rotation.start_date_fixed")
		}
		if err := s.checkRotation(ctx, tx, &r); err != nil {
			return err
		}
		if sameRotation(before, &r) {
			out = before
			return nil
		}
		from := effectiveFrom
		if from < r.StartDate {
			from = r.StartDate
		}
		planChanged := r.Preset != before.Preset || r.Handover != before.Handover || !equalPatterns(r.Pattern, before.Pattern)
		if planChanged || !equalIDs(r.Members, before.Members) {
			var periods []scheduler.MemberPeriod
			anchor := r.StartDate
			for _, p := range before.MemberPeriods {
				if p.From < from {
					periods = append(periods, p)
					if p.Anchor != "" {
						anchor = p.Anchor
					}
				}
			}
			if planChanged {
				anchor = from // a new pattern starts its cycles on its first day
			}
			r.MemberPeriods = append(periods, periodOf(&r, from, anchor))
		}
		if err := s.saveRotation(ctx, tx, &r, false); err != nil {
			return err
		}
		if r.GeneratedUntil != "" && r.GeneratedUntil >= from {
			if !r.Active {
				err = s.cancelRotationShifts(ctx, tx, &r, from, &res)
			} else {
				err = s.reconcile(ctx, tx, &r, from, r.GeneratedUntil, &res)
			}
			if err != nil {
				return err
			}
		}
		if out, err = s.findRotationByID(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "rotation", id, before, out)
	})
	return out, res, err
}

// periodOf is the rotation's current plan as a period from a date, its cycles anchored at anchor.
func periodOf(r *scheduler.Rotation, from, anchor string) scheduler.MemberPeriod {
	p := r.Pattern
	p.Slots = append([]scheduler.Slot(nil), r.Pattern.Slots...)
	return scheduler.MemberPeriod{From: from, Members: append([]int64(nil), r.Members...), Preset: r.Preset,
		Handover: r.Handover, Pattern: &p, Anchor: anchor}
}

func equalPatterns(a, b scheduler.Pattern) bool {
	if a.CycleDays != b.CycleDays || len(a.Slots) != len(b.Slots) {
		return false
	}
	for i := range a.Slots {
		if a.Slots[i] != b.Slots[i] {
			return false
		}
	}
	return true
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func newResult() scheduler.GenerateResult {
	return scheduler.GenerateResult{Conflicts: []scheduler.GenerateConflict{}}
}

// DeleteRotation cancels the rotation's untouched shifts from today on, keeps
// the rest as ordinary shifts and removes the rotation.
func (s *Store) DeleteRotation(ctx context.Context, id int64) (scheduler.GenerateResult, error) {
	res := newResult()
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findRotationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.cancelRotationShifts(ctx, tx, before, s.today(), &res); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET rotation_id = NULL, rotation_key = NULL WHERE rotation_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM rotations WHERE id = ?`, id); err != nil {
			return translate(err)
		}
		return s.audit(ctx, tx, "delete", "rotation", id, before, nil)
	})
	return res, err
}

// GenerateRotation creates the rotation's shifts from the later of its start
// date and yesterday up to and including until.
func (s *Store) GenerateRotation(ctx context.Context, id int64, until string) (scheduler.GenerateResult, error) {
	res := newResult()
	if _, err := scheduler.ParseDate(until, s.Location()); err != nil {
		return res, scheduler.AtField(err, "until")
	}
	today := s.today()
	if until > addDays(today, MaxGenerateAheadDays) {
		return res, scheduler.E(scheduler.EINVALID, "until", "rotation.until_too_far", "days", MaxGenerateAheadDays,
			"date", scheduler.Day(addDays(today, MaxGenerateAheadDays)))
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := s.findRotationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !r.Active {
			return scheduler.E(scheduler.ECONFLICT, "active", "rotation.inactive", "rotation_id", id)
		}
		from := addDays(today, -1)
		if from < r.StartDate {
			from = r.StartDate
		}
		if until < from {
			return nil
		}
		if err := s.reconcile(ctx, tx, r, from, until, &res); err != nil {
			return err
		}
		if until > r.GeneratedUntil {
			if _, err := tx.ExecContext(ctx, `UPDATE rotations SET generated_until = ? WHERE id = ?`, until, id); err != nil {
				return err
			}
		}
		if res.Created+res.Updated+res.Cancelled > 0 {
			return s.audit(ctx, tx, "generate", "rotation", id, nil, map[string]any{"from": from, "until": until, "result": res})
		}
		return nil
	})
	return res, err
}

// rotationShift is a stored shift of a rotation.
type rotationShift struct {
	shift  *scheduler.Shift
	key    string
	manual bool
}

// rotationShifts returns the rotation's shifts whose key's day lies in [from, until].
func (s *Store) rotationShifts(ctx context.Context, tx *sql.Tx, rotationID int64, from, until string) (map[string]rotationShift, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, rotation_key, manual FROM shifts WHERE rotation_id = ?
		AND rotation_key >= ? AND rotation_key < ?`, rotationID, from, addDays(until, 1))
	if err != nil {
		return nil, err
	}
	type row struct {
		id     int64
		key    string
		manual bool
	}
	var found []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.key, &r.manual); err != nil {
			rows.Close()
			return nil, err
		}
		found = append(found, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]rotationShift, len(found))
	for _, r := range found {
		sh, err := s.findShiftByID(ctx, tx, r.id)
		if err != nil {
			return nil, err
		}
		out[r.key] = rotationShift{shift: sh, key: r.key, manual: r.manual}
	}
	return out, nil
}

// reconcile makes the rotation's untouched shifts for the days [from, until]
// match its plan: it creates what is missing, re-plans what differs, cancels
// what the plan no longer has, and leaves alone what a manager changed.
func (s *Store) reconcile(ctx context.Context, tx *sql.Tx, r *scheduler.Rotation, from, until string, res *scheduler.GenerateResult) error {
	plan, err := s.plan(r, from, until)
	if err != nil {
		return err
	}
	existing, err := s.rotationShifts(ctx, tx, r.ID, from, until)
	if err != nil {
		return err
	}
	plan, existing = withoutHandovers(r, plan, existing)
	refs := &refCache{}
	planned := make(map[string]bool, len(plan))
	// Cancel first what the plan no longer has, so that it frees its guard.
	var drop []string
	for k := range existing {
		drop = append(drop, k)
	}
	sort.Strings(drop)
	for _, p := range plan {
		planned[p.Key] = true
	}
	for _, k := range drop {
		ex := existing[k]
		if planned[k] || ex.manual || ex.shift.Status != scheduler.ShiftScheduled {
			continue
		}
		if err := s.setRotationShift(ctx, tx, refs, ex.shift, ex.shift.GuardID, ex.shift.Start, ex.shift.End, scheduler.ShiftCancelled); err != nil {
			return err
		}
		res.Cancelled++
	}
	for _, p := range plan {
		gid := p.GuardID
		ex, ok := existing[p.Key]
		var err error
		switch {
		case ok && ex.manual:
			res.Skipped++
			continue
		case ok && ex.shift.Status == scheduler.ShiftScheduled && ex.shift.GuardID != nil && *ex.shift.GuardID == gid &&
			ex.shift.Start.Equal(p.Start) && ex.shift.End.Equal(p.End):
			res.Skipped++
			continue
		case ok:
			err = s.setRotationShift(ctx, tx, refs, ex.shift, &gid, p.Start, p.End, scheduler.ShiftScheduled)
			if err == nil {
				res.Updated++
			}
		default:
			// Generated shifts are audited together, by the generate entry.
			sh := &scheduler.Shift{PostID: r.PostID, GuardID: &gid, Start: p.Start, End: p.End, Status: scheduler.ShiftScheduled}
			if err = s.checkShiftWith(ctx, tx, sh, refs); err == nil {
				if err = s.labourCheck(ctx, tx, sh, true, refs); err == nil {
					err = s.insertShiftRow(ctx, tx, sh, &r.ID, p.Key)
				}
			}
			if err == nil {
				res.Created++
			}
		}
		if code := scheduler.ErrorCode(err); code == scheduler.ECONFLICT || code == scheduler.EINVALID {
			res.Conflicts = append(res.Conflicts, scheduler.GenerateConflict{Key: p.Key, GuardID: gid,
				Start: p.Start.In(s.Location()), End: p.End.In(s.Location()), Reason: scheduler.ErrorMessage(err)})
		} else if err != nil {
			return err
		}
	}
	return nil
}

// withoutHandovers drops from the plan and the existing shifts the days an
// applied plan took over from the rotation: those days are the plan's, and
// generating never refills or re-plans them.
func withoutHandovers(r *scheduler.Rotation, plan []scheduler.PlannedShift, existing map[string]rotationShift) ([]scheduler.PlannedShift, map[string]rotationShift) {
	if len(r.Handovers) == 0 {
		return plan, existing
	}
	day := func(key string) string { return strings.SplitN(key, "#", 2)[0] }
	kept := plan[:0:0]
	for _, p := range plan {
		if !handedOver(r.Handovers, day(p.Key)) {
			kept = append(kept, p)
		}
	}
	for k := range existing {
		if handedOver(r.Handovers, day(k)) {
			delete(existing, k)
		}
	}
	return kept, existing
}

// plan is what the rotation wants for the days [from, until]: each member
// period's days follow that period's members and pattern, so that a change
// from a date never reaches back before it.
func (s *Store) plan(r *scheduler.Rotation, from, until string) ([]scheduler.PlannedShift, error) {
	periods := r.MemberPeriods
	if len(periods) == 0 {
		periods = []scheduler.MemberPeriod{periodOf(r, r.StartDate, r.StartDate)}
	}
	var out []scheduler.PlannedShift
	for i, p := range periods {
		lo, hi := p.From, until
		if i+1 < len(periods) {
			hi = addDays(periods[i+1].From, -1)
		}
		if lo < from {
			lo = from
		}
		if hi > until {
			hi = until
		}
		if lo > hi {
			continue
		}
		rr := *r
		rr.Members = p.Members
		if p.Pattern != nil {
			rr.Preset, rr.Handover, rr.Pattern = p.Preset, p.Handover, *p.Pattern
		}
		if p.Anchor != "" {
			rr.StartDate = p.Anchor
		}
		part, err := rotation.Expand(rr, nil, lo, hi, s.Location())
		if err != nil {
			return nil, err
		}
		out = append(out, part...)
	}
	return out, nil
}

// setRotationShift re-plans an untouched generated shift; it stays untouched.
func (s *Store) setRotationShift(ctx context.Context, tx *sql.Tx, refs *refCache, before *scheduler.Shift, guardID *int64, start, end time.Time, status string) error {
	sh := *before
	sh.GuardID, sh.Start, sh.End, sh.Status = guardID, start, end, status
	if err := s.checkShiftWith(ctx, tx, &sh, refs); err != nil {
		return err
	}
	if err := s.labourCheck(ctx, tx, &sh, true, refs); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE shifts SET guard_id=?, start_at=?, end_at=?, status=?, version=version+1,
		updated_at=? WHERE id=?`, sh.GuardID, fmtTime(sh.Start), fmtTime(sh.End), sh.Status, fmtTime(s.now()), sh.ID); err != nil {
		return translate(err)
	}
	after, err := s.findShiftByID(ctx, tx, sh.ID)
	if err != nil {
		return err
	}
	action := "replan"
	if status == scheduler.ShiftCancelled {
		action = "cancel"
	}
	return s.audit(ctx, tx, action, "shift", sh.ID, before, after)
}

// cancelRotationShifts cancels the untouched scheduled shifts of the rotation from the day from on.
func (s *Store) cancelRotationShifts(ctx context.Context, tx *sql.Tx, r *scheduler.Rotation, from string, res *scheduler.GenerateResult) error {
	until := r.GeneratedUntil
	if until == "" || until < from {
		return nil
	}
	existing, err := s.rotationShifts(ctx, tx, r.ID, from, until)
	if err != nil {
		return err
	}
	_, existing = withoutHandovers(r, nil, existing)
	keys := make([]string, 0, len(existing))
	for k := range existing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ex := existing[k]
		if ex.manual || ex.shift.Status != scheduler.ShiftScheduled {
			continue
		}
		if err := s.setRotationShift(ctx, tx, &refCache{}, ex.shift, ex.shift.GuardID, ex.shift.Start, ex.shift.End, scheduler.ShiftCancelled); err != nil {
			return err
		}
		res.Cancelled++
	}
	return nil
}
