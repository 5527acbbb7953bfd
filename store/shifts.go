package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
)

var _ scheduler.ShiftService = (*Store)(nil)

// shiftRow is what a read of shifts selects: a shift's columns as one text,
// "id,post_id,guard_id,start_at,end_at,status,version,rotation_id,created_at,updated_at,note",
// with an absent guard or rotation empty and the note last, as it is
// (parseShiftRow reads it). modernc's driver spends about a microsecond on
// each column of each row (every call takes the connection's mutex): one
// column instead of eleven halves a read of a thousand shifts, which a
// feed, a report or a month's list does.
const shiftRow = `id || ',' || post_id || ',' || COALESCE(CAST(guard_id AS TEXT), '') || ',' || start_at || ',' || end_at || ',' ||
	status || ',' || version || ',' || COALESCE(CAST(rotation_id AS TEXT), '') || ',' || created_at || ',' || updated_at || ',' || note`

// FindShifts returns the shifts that match, ordered by start then id.
func (s *Store) FindShifts(ctx context.Context, f scheduler.ShiftFilter) ([]*scheduler.Shift, error) {
	return s.findShifts(ctx, s.rdb, f)
}

// FindShiftByID returns one shift or ENOTFOUND.
func (s *Store) FindShiftByID(ctx context.Context, id int64) (*scheduler.Shift, error) {
	return s.findShiftByID(ctx, s.rdb, id)
}

func (s *Store) findShiftByID(ctx context.Context, q queryer, id int64) (*scheduler.Shift, error) {
	ss, err := s.findShifts(ctx, q, scheduler.ShiftFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, scheduler.NotFound("shift", id)
	}
	return ss[0], nil
}

func (s *Store) findShifts(ctx context.Context, q queryer, f scheduler.ShiftFilter) ([]*scheduler.Shift, error) {
	var w where
	if f.ID != nil {
		w.add("id = ?", *f.ID)
	}
	if f.PostID != nil {
		w.add("post_id = ?", *f.PostID)
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
		// A shift lasts at most 24 h: this bound lets the index on start_at work.
		w.add("start_at > ?", fmtTime(f.From.Add(-scheduler.MaxShiftLength-time.Hour)))
	}
	return s.scanShifts(ctx, q, `SELECT `+shiftRow+` FROM shifts`+w.String()+` ORDER BY start_at, id`, w.args...)
}

// scanShifts runs query, which selects shiftRow, and reads its shifts with
// their absences.
func (s *Store) scanShifts(ctx context.Context, q queryer, query string, args ...any) ([]*scheduler.Shift, error) {
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Shift{}
	var row sql.RawBytes // valid until the next row: parsed at once
	for rows.Next() {
		if err := rows.Scan(&row); err != nil {
			return nil, err
		}
		sh, err := parseShiftRow(row, loc)
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close() // before the next query, which may run on the same connection
	if err := s.fillChecks(ctx, q, out); err != nil {
		return nil, err
	}
	return out, s.fillAbsences(ctx, q, out)
}

// parseShiftRow reads a shiftRow, with its instants in loc.
func parseShiftRow(row []byte, loc *time.Location) (*scheduler.Shift, error) {
	var f [10][]byte
	rest := row
	for i := range f {
		j := bytes.IndexByte(rest, ',')
		if j < 0 {
			return nil, fmt.Errorf("store: bad shift row %q", row)
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	sh := &scheduler.Shift{Note: string(rest)}
	var err error
	num := func(b []byte) int64 {
		v, e := strconv.ParseInt(string(b), 10, 64) // no allocation: the conversion stays on the stack
		if e != nil && err == nil {
			err = fmt.Errorf("store: bad number %q in shift row %q", b, row)
		}
		return v
	}
	optional := func(b []byte) *int64 {
		if len(b) == 0 {
			return nil
		}
		v := num(b)
		return &v
	}
	sh.ID, sh.PostID, sh.GuardID = num(f[0]), num(f[1]), optional(f[2])
	sh.Version, sh.RotationID = int(num(f[6])), optional(f[7])
	if err != nil {
		return nil, err
	}
	switch string(f[5]) {
	case scheduler.ShiftScheduled:
		sh.Status = scheduler.ShiftScheduled
	case scheduler.ShiftCancelled:
		sh.Status = scheduler.ShiftCancelled
	default:
		sh.Status = string(f[5])
	}
	for _, p := range [...]struct {
		dst *time.Time
		src []byte
	}{{&sh.Start, f[3]}, {&sh.End, f[4]}, {&sh.CreatedAt, f[8]}, {&sh.UpdatedAt, f[9]}} {
		if *p.dst, err = parseStamp(p.src, loc); err != nil {
			return nil, err
		}
	}
	return sh, nil
}

// FindShiftsWithCompany returns guardID's shifts that overlap [from, to),
// of any status, and the scheduled shifts of other guards that overlap both
// [from, to) and one of those: all that a guard's own calendar shows (who
// else is on duty meanwhile), without reading the rest of the roster.
// Ordered by start then id, with their absences.
func (s *Store) FindShiftsWithCompany(ctx context.Context, guardID int64, from, to time.Time) ([]*scheduler.Shift, error) {
	own, err := s.findShifts(ctx, s.rdb, scheduler.ShiftFilter{GuardID: &guardID, From: &from, To: &to})
	if err != nil || len(own) == 0 {
		return own, err
	}
	f, t := fmtTime(from), fmtTime(to)
	lo := fmtTime(from.Add(-scheduler.MaxShiftLength - time.Hour)) // lets the index on start_at work
	rows, err := s.query(ctx, s.rdb, `SELECT DISTINCT o.id FROM shifts m, shifts o
		WHERE m.guard_id = ?1 AND m.start_at < ?2 AND m.end_at > ?3 AND m.start_at > ?4
			AND o.start_at < m.end_at AND o.end_at > m.start_at
			AND o.start_at > `+s.d.hoursBefore("m.start_at", 25)+`
			AND o.status = 'scheduled' AND o.guard_id IS NOT NULL AND o.guard_id <> ?1
			AND o.start_at < ?2 AND o.end_at > ?3`, guardID, t, f, lo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return own, err
	}
	rows.Close()
	var company []*scheduler.Shift
	for len(ids) > 0 { // in chunks, under SQLite's limit of parameters
		n := min(len(ids), 500)
		part, err := s.scanShifts(ctx, s.rdb, `SELECT `+shiftRow+` FROM shifts WHERE id IN (?`+strings.Repeat(",?", n-1)+`)`, ids[:n]...)
		if err != nil {
			return nil, err
		}
		company, ids = append(company, part...), ids[n:]
	}
	out := append(own, company...)
	slices.SortFunc(out, func(a, b *scheduler.Shift) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// normalizeShift puts the instants in storage precision before checks, so
// what is checked is what is stored.
func normalizeShift(sh *scheduler.Shift) {
	sh.Start = sh.Start.Truncate(time.Second)
	sh.End = sh.End.Truncate(time.Second)
}

// checkShift validates sh and what it refers to, and that its guard is free,
// inside the write transaction.
func (s *Store) checkShift(ctx context.Context, tx *sql.Tx, sh *scheduler.Shift) error {
	return s.checkShiftWith(ctx, tx, sh, &refCache{})
}

// refCache remembers posts, guards and rules read inside one transaction, so
// that generating many shifts reads each once.
type refCache struct {
	posts  map[int64]*scheduler.Post
	guards map[int64]*scheduler.Guard
	rules  *labour.Rules
}

func (c *refCache) post(ctx context.Context, s *Store, tx *sql.Tx, id int64) (*scheduler.Post, error) {
	if p, ok := c.posts[id]; ok {
		return p, nil
	}
	p, err := s.findPostByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c.posts == nil {
		c.posts = map[int64]*scheduler.Post{}
	}
	c.posts[id] = p
	return p, nil
}

func (c *refCache) guard(ctx context.Context, s *Store, tx *sql.Tx, id int64) (*scheduler.Guard, error) {
	if g, ok := c.guards[id]; ok {
		return g, nil
	}
	g, err := s.findGuardByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c.guards == nil {
		c.guards = map[int64]*scheduler.Guard{}
	}
	c.guards[id] = g
	return g, nil
}

func (c *refCache) labourRules(ctx context.Context, tx *sql.Tx) (labour.Rules, error) {
	if c.rules != nil {
		return *c.rules, nil
	}
	r, err := rulesIn(ctx, tx)
	if err != nil {
		return r, err
	}
	c.rules = &r
	return r, nil
}

func (s *Store) checkShiftWith(ctx context.Context, tx *sql.Tx, sh *scheduler.Shift, refs *refCache) error {
	normalizeShift(sh)
	if err := sh.Validate(); err != nil {
		return err
	}
	post, err := refs.post(ctx, s, tx, sh.PostID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		post, err = nil, nil
	} else if err != nil {
		return err
	}
	var guard *scheduler.Guard
	var others []*scheduler.Shift
	if post != nil && post.Active && sh.GuardID != nil && sh.Status == scheduler.ShiftScheduled {
		if guard, err = refs.guard(ctx, s, tx, *sh.GuardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			guard, err = nil, nil
		} else if err != nil {
			return err
		}
		// The guard's scheduled shifts that overlap sh: the one rule of overlaps decides.
		if others, err = s.findShifts(ctx, tx, scheduler.ShiftFilter{GuardID: sh.GuardID, Status: scheduler.ShiftScheduled,
			From: &sh.Start, To: &sh.End}); err != nil {
			return err
		}
	}
	return scheduler.CheckAssignment(sh, post, guard, others)
}

// CreateShift validates and stores sh.
func (s *Store) CreateShift(ctx context.Context, sh *scheduler.Shift) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createShift(ctx, tx, sh, true) })
}

// createShift checks and stores a new shift; announce tells its guard.
func (s *Store) createShift(ctx context.Context, tx *sql.Tx, sh *scheduler.Shift, announce bool) error {
	sh.ID = 0
	refs := &refCache{}
	if err := s.checkShiftWith(ctx, tx, sh, refs); err != nil {
		return err
	}
	if err := s.labourCheck(ctx, tx, sh, false, refs); err != nil {
		return err
	}
	violations := sh.Violations
	if err := s.insertShiftRow(ctx, tx, sh, nil, ""); err != nil {
		return err
	}
	stored, err := s.findShiftByID(ctx, tx, sh.ID)
	if err != nil {
		return err
	}
	*sh = *stored
	sh.Violations = violations
	if announce {
		if err := s.queueShiftNews(ctx, tx, nil, sh); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, "create", "shift", sh.ID, nil, sh)
}

// insertShiftRow stores a checked shift and sets its id; rotationID and key
// mark one a rotation made.
func (s *Store) insertShiftRow(ctx context.Context, tx *sql.Tx, sh *scheduler.Shift, rotationID *int64, key string) error {
	now := fmtTime(s.now())
	var k any
	if rotationID != nil {
		k = key
	}
	res, err := s.execTx(ctx, tx, `INSERT INTO shifts (post_id, guard_id, start_at, end_at, status, note, version,
		rotation_id, rotation_key, created_at, updated_at) VALUES (?,?,?,?,?,?,1,?,?,?,?)`, sh.PostID, sh.GuardID,
		fmtTime(sh.Start), fmtTime(sh.End), sh.Status, sh.Note, rotationID, k, now, now)
	if err != nil {
		return translate(err)
	}
	sh.ID, err = res.LastInsertId()
	return err
}

// UpdateShift changes a shift under optimistic concurrency: ifVersion > 0
// must equal the stored version.
func (s *Store) UpdateShift(ctx context.Context, id int64, ifVersion int, fn func(*scheduler.Shift) error) (*scheduler.Shift, error) {
	var out *scheduler.Shift
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findShiftByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := scheduler.CheckVersion(before, ifVersion); err != nil {
			return err
		}
		sh := *before
		if before.GuardID != nil {
			g := *before.GuardID
			sh.GuardID = &g
		}
		if err := fn(&sh); err != nil {
			return err
		}
		sh.ID, sh.CreatedAt, sh.Version, sh.RotationID = before.ID, before.CreatedAt, before.Version, before.RotationID
		if err := s.checkShift(ctx, tx, &sh); err != nil {
			return err
		}
		if sameShift(before, &sh) {
			out = before
			return nil
		}
		if err := s.labourCheck(ctx, tx, &sh, false, &refCache{}); err != nil {
			return err
		}
		action := "update"
		if sh.Status == scheduler.ShiftCancelled && before.Status != scheduler.ShiftCancelled {
			action = "cancel"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET post_id=?, guard_id=?, start_at=?, end_at=?, status=?,
			note=?, version=version+1, manual=1, updated_at=? WHERE id=?`, sh.PostID, sh.GuardID, fmtTime(sh.Start),
			fmtTime(sh.End), sh.Status, sh.Note, fmtTime(s.now()), id); err != nil {
			return translate(err)
		}
		if out, err = s.findShiftByID(ctx, tx, id); err != nil {
			return err
		}
		out.Violations = sh.Violations
		if err := s.queueShiftNews(ctx, tx, before, out); err != nil {
			return err
		}
		return s.audit(ctx, tx, action, "shift", id, before, out)
	})
	return out, err
}

func nullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// SwapShifts swaps the guards of two shifts in one transaction: both change
// or neither does. Either may be open (no guard). The labour check applies to both.
func (s *Store) SwapShifts(ctx context.Context, aID, bID int64) (*scheduler.Shift, *scheduler.Shift, error) {
	var outA, outB *scheduler.Shift
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		outA, outB, err = s.swapShifts(ctx, tx, aID, bID)
		return err
	})
	return outA, outB, err
}

// swapShifts swaps the guards of two shifts inside tx.
func (s *Store) swapShifts(ctx context.Context, tx *sql.Tx, aID, bID int64) (outA, outB *scheduler.Shift, err error) {
	if aID == bID {
		return nil, nil, scheduler.E(scheduler.EINVALID, "b", "swap.self")
	}
	a, err := s.findShiftByID(ctx, tx, aID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, nil, scheduler.E(scheduler.EINVALID, "a", "swap.shift_unknown", "shift_id", aID)
	} else if err != nil {
		return nil, nil, err
	}
	b, err := s.findShiftByID(ctx, tx, bID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, nil, scheduler.E(scheduler.EINVALID, "b", "swap.shift_unknown", "shift_id", bID)
	} else if err != nil {
		return nil, nil, err
	}
	for _, x := range []struct {
		field string
		sh    *scheduler.Shift
	}{{"a", a}, {"b", b}} {
		if x.sh.Status != scheduler.ShiftScheduled {
			return nil, nil, scheduler.E(scheduler.EINVALID, x.field, "swap.shift_cancelled", "shift_id", x.sh.ID)
		}
	}
	if a.GuardID == nil && b.GuardID == nil {
		return nil, nil, scheduler.E(scheduler.EINVALID, "b", "swap.both_open")
	}
	// Write both new assignments first, then check each against the
	// database as it will be, so that each sees the other's new guard.
	na, nb := *a, *b
	na.GuardID, nb.GuardID = b.GuardID, a.GuardID
	for _, sh := range []*scheduler.Shift{&na, &nb} {
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET guard_id = ? WHERE id = ?`, sh.GuardID, sh.ID); err != nil {
			return nil, nil, err
		}
	}
	for _, sh := range []*scheduler.Shift{&na, &nb} {
		if err := s.checkShift(ctx, tx, sh); err != nil {
			return nil, nil, err
		}
		if err := s.labourCheck(ctx, tx, sh, false, &refCache{}); err != nil {
			return nil, nil, err
		}
	}
	now := fmtTime(s.now())
	for i, pair := range []struct{ before, after *scheduler.Shift }{{a, &na}, {b, &nb}} {
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET version = version + 1, manual = 1, updated_at = ? WHERE id = ?`,
			now, pair.after.ID); err != nil {
			return nil, nil, err
		}
		stored, err := s.findShiftByID(ctx, tx, pair.after.ID)
		if err != nil {
			return nil, nil, err
		}
		stored.Violations = pair.after.Violations
		if i == 0 {
			outA = stored
		} else {
			outB = stored
		}
		if err := s.queueShiftNews(ctx, tx, pair.before, stored); err != nil {
			return nil, nil, err
		}
		if err := s.audit(ctx, tx, "swap", "shift", stored.ID, pair.before, stored); err != nil {
			return nil, nil, err
		}
	}
	return outA, outB, nil
}
