package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"

	"golang.org/x/text/unicode/norm"
)

// ImportShifts stores the police squad's own roster for a police post,
// matching officers by the name in each entry's summary (or description)
// among the guards allowed at the post. An entry naming nobody, or an
// officer busy then, is an error; an identical shift is skipped.
//
// The checks are those of CreateShift — the one rule of overlaps
// (scheduler.CheckAssignment) and the labour rules set to block — made in
// memory against one read of the officers' shifts.
func (s *Store) ImportShifts(ctx context.Context, postID int64, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error) {
	return s.runImport(ctx, dryRun, importKind{stamp: rosterStamp, plan: func(ctx context.Context, q queryer) (*importPlan, error) {
		return s.planShifts(ctx, q, postID, items)
	}})
}

// shiftImport is what planShifts reads once: the post, its officers, the
// labour rules and each officer's scheduled shifts around the file's entries.
type shiftImport struct {
	post     *scheduler.Post
	guards   map[int64]*scheduler.Guard
	rules    labour.Rules
	blocking bool // some labour rule blocks a write
	books    map[int64]*book
}

func (s *Store) planShifts(ctx context.Context, q queryer, postID int64, items []scheduler.ImportItem) (*importPlan, error) {
	loc := s.Location()
	in := &shiftImport{guards: map[int64]*scheduler.Guard{}}
	var err error
	if in.post, err = s.findPostByID(ctx, q, postID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", postID)
	} else if err != nil {
		return nil, err
	}
	guards, err := s.findGuards(ctx, q, scheduler.GuardFilter{PostID: &postID})
	if err != nil {
		return nil, err
	}
	cands := make([]*scheduler.Shift, len(items)) // nil: the entry names no officer
	for i, it := range items {
		g := matchGuard(guards, it.Summary)
		if g == nil {
			g = matchGuard(guards, it.Description)
		}
		if g == nil {
			continue
		}
		in.guards[g.ID] = g
		gid := g.ID
		cands[i] = &scheduler.Shift{PostID: postID, GuardID: &gid, Start: it.Start, End: it.End, Status: scheduler.ShiftScheduled,
			Note: clipNote(it.Description)}
		normalizeShift(cands[i])
	}
	if in.rules, err = rulesIn(ctx, q); err != nil {
		return nil, err
	}
	for _, m := range in.rules.Enforcement {
		in.blocking = in.blocking || m == labour.ModeBlock
	}
	if in.books, err = s.readBooks(ctx, q, cands); err != nil {
		return nil, err
	}
	p := newImportPlan()
	_, at, err := s.storedNow()
	if err != nil {
		return nil, err
	}
	var accepted []*scheduler.Shift
	for i, sh := range cands {
		it := items[i]
		if sh == nil {
			p.res.Errors = append(p.res.Errors, scheduler.Remark(it, loc, scheduler.E(scheduler.EINVALID, "", "import.no_officer", "summary", it.Summary)))
			continue
		}
		b := in.books[*sh.GuardID]
		if b.holds(sh) {
			p.res.Skipped = append(p.res.Skipped, scheduler.Remark(it, loc, scheduler.E(scheduler.ECONFLICT, "", "import.shift_exists")))
			continue
		}
		if err := in.check(sh, loc); err != nil {
			if err := remarkOf(&p.res.Errors, it, loc, err); err != nil {
				return nil, err
			}
			continue
		}
		b.add(sh)
		stampShift(sh, at, loc) // as a dry run shows it
		accepted = append(accepted, sh)
		p.res.Created = append(p.res.Created, sh)
	}
	if len(accepted) > 0 {
		p.write = func(ctx context.Context, tx *sql.Tx) error { return s.insertShifts(ctx, tx, accepted) }
	}
	return p, nil
}

// stampShift sets what storing a new shift at gives it (but its id).
func stampShift(sh *scheduler.Shift, at time.Time, loc *time.Location) {
	sh.Version, sh.RotationID, sh.CreatedAt, sh.UpdatedAt = 1, nil, at, at
	sh.Start, sh.End = sh.Start.In(loc), sh.End.In(loc)
}

// check is createShift's checks of sh, in memory: the shift itself, the
// rule of overlaps against its officer's book, and the blocking labour rules.
func (in *shiftImport) check(sh *scheduler.Shift, loc *time.Location) error {
	if err := sh.Validate(); err != nil {
		return err
	}
	g, b := in.guards[*sh.GuardID], in.books[*sh.GuardID]
	if err := scheduler.CheckAssignment(sh, in.post, g, b.around(sh.Start, sh.End)); err != nil {
		return err
	}
	sh.Violations = []scheduler.Violation{}
	if !in.blocking {
		return nil // warnings only: an import shows none
	}
	from, to := labour.LoadWindow(sh.Start, sh.End, loc)
	sh.Violations = labour.CheckShift(labour.Input{Rules: in.rules, Loc: loc, From: from, To: to,
		Guards: []*scheduler.Guard{g}, Shifts: b.around(from, to)}, sh)
	if bl := in.rules.Blocking(sh.Violations); len(bl) > 0 {
		return scheduler.E(scheduler.ECONFLICT, "guard_id", "shift.breaks_blocking_rule", "rule", bl[0].Rule,
			"message", scheduler.Sentence{EN: bl[0].Message, VI: bl[0].MessageVI})
	}
	return nil
}

// readBooks reads, for each officer of cands, the scheduled shifts that the
// checks of its entries need (the labour rules' window around them, which
// holds every shift that could overlap), and fills the entries' absences.
func (s *Store) readBooks(ctx context.Context, q queryer, cands []*scheduler.Shift) (map[int64]*book, error) {
	spans := map[int64][2]time.Time{}
	var all []*scheduler.Shift
	for _, sh := range cands {
		if sh == nil {
			continue
		}
		all = append(all, sh)
		sp, ok := spans[*sh.GuardID]
		if !ok {
			sp = [2]time.Time{sh.Start, sh.End}
		}
		spans[*sh.GuardID] = [2]time.Time{minTime(sp[0], sh.Start), maxTime(sp[1], sh.End)}
	}
	books := map[int64]*book{}
	for gid, sp := range spans {
		from, to := labour.LoadWindow(sp[0], sp[1], s.Location())
		shifts, err := s.findShifts(ctx, q, scheduler.ShiftFilter{GuardID: &gid, Status: scheduler.ShiftScheduled, From: &from, To: &to})
		if err != nil {
			return nil, err
		}
		b := &book{}
		for _, sh := range shifts {
			b.add(sh)
		}
		books[gid] = b
	}
	return books, s.fillAbsences(ctx, q, all)
}

// book is one officer's scheduled shifts in time order: those read and
// those the import accepts.
type book struct{ shifts []*scheduler.Shift }

// add files sh after the shifts that start no later.
func (b *book) add(sh *scheduler.Shift) {
	i := sort.Search(len(b.shifts), func(i int) bool { return b.shifts[i].Start.After(sh.Start) })
	b.shifts = append(b.shifts, nil)
	copy(b.shifts[i+1:], b.shifts[i:])
	b.shifts[i] = sh
}

// around returns the shifts that overlap [from, to) and a few before
// (a shift lasts at most scheduler.MaxShiftLength); callers filter.
func (b *book) around(from, to time.Time) []*scheduler.Shift {
	lo := sort.Search(len(b.shifts), func(i int) bool { return b.shifts[i].Start.After(from.Add(-scheduler.MaxShiftLength)) })
	hi := sort.Search(len(b.shifts), func(i int) bool { return !b.shifts[i].Start.Before(to) })
	if hi < lo {
		hi = lo
	}
	return b.shifts[lo:hi]
}

// holds reports whether the book has a shift identical to sh at its post.
func (b *book) holds(sh *scheduler.Shift) bool {
	for _, o := range b.around(sh.Start, sh.End) {
		if o.PostID == sh.PostID && o.Start.Equal(sh.Start) && o.End.Equal(sh.End) {
			return true
		}
	}
	return false
}

// insertShifts stores checked shifts with one prepared statement, each
// audited as CreateShift does, and sets what the database gives them.
func (s *Store) insertShifts(ctx context.Context, tx *sql.Tx, list []*scheduler.Shift) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO shifts (post_id, guard_id, start_at, end_at, status, note, version,
		rotation_id, rotation_key, created_at, updated_at) VALUES (?,?,?,?,?,?,1,NULL,NULL,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	loc := s.Location()
	now, at, err := s.storedNow()
	if err != nil {
		return err
	}
	for _, sh := range list {
		res, err := stmt.ExecContext(ctx, sh.PostID, sh.GuardID, fmtTime(sh.Start), fmtTime(sh.End), sh.Status, sh.Note, now, now)
		if err != nil {
			return translate(err)
		}
		if sh.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		stampShift(sh, at, loc)
		if err := s.audit(ctx, tx, "create", "shift", sh.ID, nil, sh); err != nil {
			return err
		}
	}
	return nil
}

// matchGuard finds the guard whose full name appears in text (case and
// Unicode normalisation aside), preferring the longest name.
func matchGuard(guards []*scheduler.Guard, text string) *scheduler.Guard {
	t := strings.ToLower(norm.NFC.String(text))
	var best *scheduler.Guard
	for _, g := range guards {
		name := strings.ToLower(norm.NFC.String(g.Name))
		if name != "" && strings.Contains(t, name) && (best == nil || len(g.Name) > len(best.Name)) {
			best = g
		}
	}
	if best != nil {
		return best
	}
	// Officers are often listed without their rank ("Võ Thành Nam" for "Thượng úy Võ Thành Nam").
	for _, g := range guards {
		name := strings.ToLower(norm.NFC.String(g.Name))
		for _, rank := range []string{"đại úy ", "thượng úy ", "trung úy ", "thiếu úy ", "thượng sĩ ", "trung sĩ ", "hạ sĩ ", "binh nhất ", "binh nhì "} {
			name = strings.TrimPrefix(name, rank)
		}
		if name != "" && strings.Contains(t, name) && (best == nil || len(g.Name) > len(best.Name)) {
			best = g
		}
	}
	return best
}
