package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"

	"golang.org/x/text/unicode/norm"
)

// errRollback ends a transaction that must not be kept (a dry run, or an import with errors).
var errRollback = errors.New("rollback")

// importRun runs fn in one transaction and keeps it only when commit says so
// after fn: a dry run goes through every check and insert, then rolls back,
// so its preview is exactly what a real run would do.
func (s *Store) importRun(ctx context.Context, dryRun bool, fn func(tx *sql.Tx, res *scheduler.ImportResult) error) (scheduler.ImportResult, error) {
	res := scheduler.ImportResult{Created: []any{}, Skipped: []scheduler.ImportRemark{}, Errors: []scheduler.ImportRemark{}}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := fn(tx, &res); err != nil {
			return err
		}
		if dryRun || len(res.Errors) > 0 {
			return errRollback
		}
		return nil
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return res, err
}

func remark(it scheduler.ImportItem, reason string, loc *time.Location) scheduler.ImportRemark {
	return scheduler.ImportRemark{Line: it.Line, Summary: it.Summary, Start: it.Start.In(loc).Format(time.RFC3339), Reason: reason}
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
	loc := s.Location()
	return s.importRun(ctx, dryRun, func(tx *sql.Tx, res *scheduler.ImportResult) error {
		if _, err := s.findGuardByID(ctx, tx, guardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "guard_id", "guard.unknown", "guard_id", guardID)
		} else if err != nil {
			return err
		}
		for _, it := range items {
			t := &scheduler.TimeOff{GuardID: guardID, Start: it.Start, End: it.End, Kind: timeOffKind(it.Summary + " " + it.Description),
				Note: strings.TrimSpace(it.Summary)}
			if len([]rune(t.Note)) > 1000 {
				t.Note = string([]rune(t.Note)[:1000])
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM time_off WHERE guard_id = ? AND start_at = ? AND end_at = ?`,
				guardID, fmtTime(t.Start), fmtTime(t.End)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				res.Skipped = append(res.Skipped, remark(it, "the same time off is already recorded", loc))
				continue
			}
			if err := s.createTimeOff(ctx, tx, t); err != nil {
				if scheduler.ErrorCode(err) == scheduler.EINTERNAL {
					return err
				}
				res.Errors = append(res.Errors, remark(it, scheduler.ErrorMessage(err), loc))
				continue
			}
			res.Created = append(res.Created, t)
		}
		return nil
	})
}

// ImportHolidays adds each day of the file's all-day entries as a holiday; days already holidays are skipped.
func (s *Store) ImportHolidays(ctx context.Context, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error) {
	loc := s.Location()
	return s.importRun(ctx, dryRun, func(tx *sql.Tx, res *scheduler.ImportResult) error {
		for _, it := range items {
			if !it.AllDay {
				res.Errors = append(res.Errors, remark(it, "a holiday must be an all-day entry", loc))
				continue
			}
			name := strings.TrimSpace(it.Summary)
			if name == "" {
				name = "Ngày nghỉ"
			}
			for d := it.Start.In(loc); d.Before(it.End); d = d.AddDate(0, 0, 1) {
				date := d.Format(scheduler.DateLayout)
				h, err := s.addHoliday(ctx, tx, date, name)
				switch scheduler.ErrorCode(err) {
				case "":
					res.Created = append(res.Created, h)
				case scheduler.ECONFLICT:
					res.Skipped = append(res.Skipped, remark(it, date+" is already a holiday", loc))
				case scheduler.EINVALID:
					res.Errors = append(res.Errors, remark(it, scheduler.ErrorMessage(err), loc))
				default:
					return err
				}
			}
		}
		return nil
	})
}

// ImportShifts stores the police squad's own roster for a police post,
// matching officers by the name in each entry's summary (or description)
// among the guards allowed at the post. An entry naming nobody, or an
// officer busy then, is an error; an identical shift is skipped.
func (s *Store) ImportShifts(ctx context.Context, postID int64, items []scheduler.ImportItem, dryRun bool) (scheduler.ImportResult, error) {
	loc := s.Location()
	return s.importRun(ctx, dryRun, func(tx *sql.Tx, res *scheduler.ImportResult) error {
		if _, err := s.findPostByID(ctx, tx, postID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", postID)
		} else if err != nil {
			return err
		}
		guards, err := s.findGuards(ctx, tx, scheduler.GuardFilter{PostID: &postID})
		if err != nil {
			return err
		}
		for _, it := range items {
			g := matchGuard(guards, it.Summary)
			if g == nil {
				g = matchGuard(guards, it.Description)
			}
			if g == nil {
				res.Errors = append(res.Errors, remark(it, fmt.Sprintf("no officer of the post is named in %q", it.Summary), loc))
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM shifts WHERE post_id = ? AND guard_id = ? AND start_at = ?
				AND end_at = ? AND status = 'scheduled'`, postID, g.ID, fmtTime(it.Start), fmtTime(it.End)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				res.Skipped = append(res.Skipped, remark(it, "this shift is already on the roster", loc))
				continue
			}
			gid := g.ID
			sh := &scheduler.Shift{PostID: postID, GuardID: &gid, Start: it.Start, End: it.End, Status: scheduler.ShiftScheduled,
				Note: strings.TrimSpace(it.Description)}
			if len([]rune(sh.Note)) > 1000 {
				sh.Note = string([]rune(sh.Note)[:1000])
			}
			if err := s.createShift(ctx, tx, sh, false); err != nil {
				if scheduler.ErrorCode(err) == scheduler.EINTERNAL {
					return err
				}
				res.Errors = append(res.Errors, remark(it, scheduler.ErrorMessage(err), loc))
				continue
			}
			res.Created = append(res.Created, sh)
		}
		return nil
	})
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
		if strings.Contains(t, name) && (best == nil || len(g.Name) > len(best.Name)) {
			best = g
		}
	}
	return best
}
