package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"

	"golang.org/x/text/unicode/norm"
)

// errRollback ends a transaction that must not be kept.
var errRollback = errors.New("rollback")

// An import is decided before it writes. Its plan reads what it needs once,
// in one read transaction (a snapshot, which takes no lock), and checks every
// entry in memory; a dry run ends there. A real run without errors then takes
// the write lock for one short transaction that only stores what the plan
// accepted — unless the data the plan read changed in between (its stamp
// differs), in which case the plan is made again inside that transaction, so
// that what is written is always checked against what is there.

// importPlan is an import decided: the result to answer and how to store it.
type importPlan struct {
	res scheduler.ImportResult
	// write stores what the plan accepted; nil when there is nothing to write.
	write func(ctx context.Context, tx *sql.Tx) error
}

func newImportPlan() *importPlan {
	return &importPlan{res: scheduler.ImportResult{Created: []any{}, Skipped: []scheduler.ImportRemark{}, Errors: []scheduler.ImportRemark{}}}
}

// importKind is one kind of import: plan decides it on what q shows; stamp
// fingerprints the data plan reads, so that a change between the plan and the
// write is seen.
type importKind struct {
	plan  func(ctx context.Context, q queryer) (*importPlan, error)
	stamp func(ctx context.Context, q queryer) (string, error)
}

// runImport plans an import on a snapshot and, unless dryRun or the plan has
// errors (an import is all or nothing), writes it in one transaction.
func (s *Store) runImport(ctx context.Context, dryRun bool, k importKind) (scheduler.ImportResult, error) {
	p, stamp, err := s.planOnSnapshot(ctx, k)
	if err != nil {
		return newImportPlan().res, err
	}
	if dryRun || len(p.res.Errors) > 0 || p.write == nil {
		return p.res, nil
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		now, err := k.stamp(ctx, tx)
		if err != nil {
			return err
		}
		if now != stamp {
			if p, err = k.plan(ctx, tx); err != nil {
				return err
			}
			if len(p.res.Errors) > 0 || p.write == nil {
				return errRollback
			}
		}
		return p.write(ctx, tx)
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return p.res, err
}

// planOnSnapshot runs k's plan and stamp in one read transaction.
func (s *Store) planOnSnapshot(ctx context.Context, k importKind) (*importPlan, string, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	stamp, err := k.stamp(ctx, tx)
	if err != nil {
		return nil, "", err
	}
	p, err := k.plan(ctx, tx)
	return p, stamp, err
}

// rosterStamp is the roster's change counter, which every write of shifts,
// time off, guards, posts and settings moves.
func rosterStamp(ctx context.Context, q queryer) (string, error) {
	var seq string
	err := q.QueryRowContext(ctx, `SELECT seq FROM roster_version WHERE id = 1`).Scan(&seq)
	return seq, err
}

// holidayStamp is the list of changes made to the computed holidays.
func holidayStamp(ctx context.Context, q queryer) (string, error) {
	var all string
	err := q.QueryRowContext(ctx, `SELECT COALESCE(string_agg(date || ' ' || action || ' ' || name, '|' ORDER BY date), '')
		FROM holiday_changes`).Scan(&all)
	return all, err
}

// storedNow is the store's clock as an instant is stored, and as it reads back.
func (s *Store) storedNow() (string, time.Time, error) {
	now := fmtTime(s.now())
	at, err := parseTime(now, s.Location())
	return now, at, err
}

// remarkOf is the remark on item it for err, an *Error; an internal error
// is returned as it is, to end the import.
func remarkOf(list *[]scheduler.ImportRemark, it scheduler.ImportItem, loc *time.Location, err error) error {
	if scheduler.ErrorCode(err) == scheduler.EINTERNAL {
		return err
	}
	*list = append(*list, scheduler.Remark(it, loc, err))
	return nil
}

// clipNote shortens an entry's text to the 1,000 characters a note may hold.
func clipNote(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 1000 {
		return string(r[:1000])
	}
	return s
}

// timeOffKind guesses the kind of time off from an entry's words.
func timeOffKind(text string) string {
	t := strings.ToLower(norm.NFC.String(text))
	switch {
	case strings.Contains(t, "ốm") || strings.Contains(t, "sick") || strings.Contains(t, "bệnh"):
		return scheduler.TimeOffSick
	case strings.Contains(t, "tập huấn") || strings.Contains(t, "training") || strings.Contains(t, "bồi dưỡng"):
		return scheduler.TimeOffTraining
	case strings.Contains(t, "phép") || strings.Contains(t, "leave") || strings.Contains(t, "nghỉ"):
		return scheduler.TimeOffLeave
	}
	return scheduler.TimeOffOther
}

// ImportTimeOff stores a guard's leave calendar: each occurrence becomes
// time off (kind guessed from its words); an identical stretch is skipped.
func (s *Store) ImportTimeOff(ctx context.Context, guardID int64, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error) {
	return s.runImport(ctx, dryRun, importKind{stamp: rosterStamp, plan: func(ctx context.Context, q queryer) (*importPlan, error) {
		return s.planTimeOff(ctx, q, guardID, items)
	}})
}

func (s *Store) planTimeOff(ctx context.Context, q queryer, guardID int64, items []scheduler.ImportItem) (*importPlan, error) {
	loc := s.Location()
	if _, err := s.findGuardByID(ctx, q, guardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, scheduler.E(scheduler.EINVALID, "guard_id", "guard.unknown", "guard_id", guardID)
	} else if err != nil {
		return nil, err
	}
	p := newImportPlan()
	if len(items) == 0 {
		return p, nil
	}
	// The guard's time off over the stretch of the file, in one read.
	from, to := items[0].Start, items[0].End
	for _, it := range items {
		from, to = minTime(from, it.Start), maxTime(to, it.End)
	}
	existing, err := s.findTimeOff(ctx, q, scheduler.TimeOffFilter{GuardID: &guardID, From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	seen := map[[2]string]bool{}
	for _, t := range existing {
		seen[[2]string{fmtTime(t.Start), fmtTime(t.End)}] = true
	}
	actor := scheduler.ActorFrom(ctx)
	_, at, err := s.storedNow()
	if err != nil {
		return nil, err
	}
	var accepted []*scheduler.TimeOff
	for _, it := range items {
		t := &scheduler.TimeOff{GuardID: guardID, Start: it.Start.Truncate(time.Second), End: it.End.Truncate(time.Second),
			Kind: timeOffKind(it.Summary + " " + it.Description), Note: clipNote(it.Summary)}
		k := [2]string{fmtTime(t.Start), fmtTime(t.End)}
		if seen[k] {
			p.res.Skipped = append(p.res.Skipped, scheduler.Remark(it, loc, scheduler.E(scheduler.ECONFLICT, "", "import.time_off_exists")))
			continue
		}
		if err := t.Validate(); err != nil {
			if err := remarkOf(&p.res.Errors, it, loc, err); err != nil {
				return nil, err
			}
			continue
		}
		seen[k] = true
		t.RequestedBy = actor
		if t.Status != scheduler.TimeOffRequested {
			t.DecidedBy = actor
		}
		stampTimeOff(t, at, s.Location()) // as a dry run shows it
		accepted = append(accepted, t)
		p.res.Created = append(p.res.Created, t)
	}
	if len(accepted) > 0 {
		p.write = func(ctx context.Context, tx *sql.Tx) error { return s.insertTimeOff(ctx, tx, accepted) }
	}
	return p, nil
}

// insertTimeOff stores checked time off, setting what the database gives it.
func (s *Store) insertTimeOff(ctx context.Context, tx *sql.Tx, list []*scheduler.TimeOff) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO time_off (guard_id, start_at, end_at, kind, note, status, requested_by,
		decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	now, at, err := s.storedNow()
	if err != nil {
		return err
	}
	for _, t := range list {
		stampTimeOff(t, at, s.Location())
		var decidedAt any
		if t.DecidedAt != nil {
			decidedAt = now
		}
		res, err := stmt.ExecContext(ctx, t.GuardID, fmtTime(t.Start), fmtTime(t.End), t.Kind, t.Note, t.Status, t.RequestedBy,
			t.DecidedBy, decidedAt, now)
		if err != nil {
			return translate(err)
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "create", "time_off", t.ID, nil, t); err != nil {
			return err
		}
	}
	return s.touchRoster(ctx, tx)
}

// stampTimeOff sets what storing new time off at gives it (but its id).
func stampTimeOff(t *scheduler.TimeOff, at time.Time, loc *time.Location) {
	t.CreatedAt, t.DecidedAt = at, nil
	if t.DecidedBy != "" {
		t.DecidedAt = &at
	}
	t.Start, t.End = t.Start.In(loc), t.End.In(loc)
}

// ImportHolidays adds each day of the file's all-day entries as a holiday;
// days already holidays are skipped. The days of one import are at most
// scheduler.MaxImportOccurrences.
func (s *Store) ImportHolidays(ctx context.Context, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error) {
	return s.runImport(ctx, dryRun, importKind{stamp: holidayStamp, plan: func(ctx context.Context, q queryer) (*importPlan, error) {
		return s.planHolidays(ctx, q, items)
	}})
}

func (s *Store) planHolidays(ctx context.Context, q queryer, items []scheduler.ImportItem) (*importPlan, error) {
	loc := s.Location()
	p := newImportPlan()
	years := map[int][]holiday.Holiday{} // read once each, with the days this import adds
	yearHolidays := func(y int) ([]holiday.Holiday, error) {
		if hs, ok := years[y]; ok {
			return hs, nil
		}
		hs, err := s.holidays(ctx, q, y)
		years[y] = hs
		return hs, err
	}
	var adds []holiday.Holiday
	days := 0
	for _, it := range items {
		if !it.AllDay {
			p.res.Errors = append(p.res.Errors, scheduler.Remark(it, loc, scheduler.E(scheduler.EINVALID, "", "import.holiday_not_all_day")))
			continue
		}
		name := strings.TrimSpace(it.Summary)
		if name == "" {
			name = "Ngày nghỉ"
		}
		for d := it.Start.In(loc); d.Before(it.End); d = d.AddDate(0, 0, 1) {
			if days++; days > scheduler.MaxImportOccurrences {
				return nil, scheduler.E(scheduler.EINVALID, "body", "import.too_many_days", "line", it.Line, "max", scheduler.MaxImportOccurrences)
			}
			h, err := decideHoliday(d.Format(scheduler.DateLayout), name, yearHolidays)
			switch scheduler.ErrorCode(err) {
			case "":
				years[d.Year()] = append(years[d.Year()], h)
				adds = append(adds, h)
				p.res.Created = append(p.res.Created, h)
			case scheduler.ECONFLICT:
				p.res.Skipped = append(p.res.Skipped, scheduler.Remark(it, loc, err))
			default:
				if err := remarkOf(&p.res.Errors, it, loc, err); err != nil {
					return nil, err
				}
			}
		}
	}
	if len(adds) > 0 {
		p.write = func(ctx context.Context, tx *sql.Tx) error {
			for _, h := range adds {
				if err := s.writeHoliday(ctx, tx, h); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return p, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
