package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"catruc/scheduler"
)

// feedWindow is the calendar feeds' in-memory copy of the shifts of their
// window, kept current by reading again only the shifts that the log of
// changes (shift_changes, schema 11) names since it last looked: after a
// post's site or one shift changes, a feed is built without reading the
// window's thousand shifts again. The shifts it hands out are shared and
// never changed: a change replaces a shift by a new one.
type feedWindow struct {
	mu       sync.Mutex
	from, to time.Time
	held     bool               // whether shifts hold the window [from, to)
	seq      int64              // the last change read (0: the log was empty)
	shifts   []*scheduler.Shift // overlapping [from, to), by start then id
	stats    FeedWindowStats
}

// FeedWindowStats counts the feed window's work since the store opened.
type FeedWindowStats struct {
	Reloads  int64 // reads of the whole window
	RowsRead int64 // shifts read from the database
}

// feedWindowReloadAt is how many changed shifts make reading the whole
// window again the cheaper way (a rotation generated, a plan applied).
const feedWindowReloadAt = 400

// FeedWindowStats reports the feed window's work (tests and benchmarks).
func (s *Store) FeedWindowStats() FeedWindowStats {
	s.feedWin.mu.Lock()
	defer s.feedWin.mu.Unlock()
	return s.feedWin.stats
}

// FeedShifts returns the shifts overlapping [from, to), of any status, with
// their check-ins and absences, ordered by start then id: what FindShifts
// reads, from the in-memory copy kept for the feeds. The shifts are shared:
// the caller must not change them, nor the slice.
func (s *Store) FeedShifts(ctx context.Context, from, to time.Time) ([]*scheduler.Shift, error) {
	w := &s.feedWin
	w.mu.Lock()
	defer w.mu.Unlock()
	last, oldest, err := s.shiftChangesSpan(ctx)
	if err != nil {
		return nil, err
	}
	if !w.held || !from.Equal(w.from) || !to.Equal(w.to) || oldest > w.seq+1 {
		return w.reload(ctx, s, from, to, last)
	}
	if last == w.seq {
		return w.shifts, nil
	}
	ids, all, err := s.shiftChangesSince(ctx, w.seq, last)
	if err != nil {
		return nil, err
	}
	if all || len(ids) >= feedWindowReloadAt {
		return w.reload(ctx, s, from, to, last)
	}
	changed, err := s.findShiftsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	w.stats.RowsRead += int64(len(changed))
	w.shifts, w.seq = w.merged(ids, changed), last
	return w.shifts, nil
}

// reload reads the whole window; last is the newest change before the read.
func (w *feedWindow) reload(ctx context.Context, s *Store, from, to time.Time, last int64) ([]*scheduler.Shift, error) {
	shifts, err := s.findShifts(ctx, s.rdb, scheduler.ShiftFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	w.stats.Reloads++
	w.stats.RowsRead += int64(len(shifts))
	w.from, w.to, w.seq, w.shifts, w.held = from, to, last, shifts, true
	return shifts, nil
}

// merged is the window with the shifts of ids replaced by changed (those of
// them still there), kept when they overlap the window.
func (w *feedWindow) merged(ids []int64, changed []*scheduler.Shift) []*scheduler.Shift {
	gone := make(map[int64]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	out := make([]*scheduler.Shift, 0, len(w.shifts)+len(changed))
	for _, sh := range w.shifts {
		if !gone[sh.ID] {
			out = append(out, sh)
		}
	}
	for _, sh := range changed {
		if sh.Start.Before(w.to) && sh.End.After(w.from) {
			out = append(out, sh)
		}
	}
	slices.SortFunc(out, func(a, b *scheduler.Shift) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// shiftChangesSpan returns the newest and the oldest change logged (0 when none).
func (s *Store) shiftChangesSpan(ctx context.Context) (last, oldest int64, err error) {
	err = s.queryRow(ctx, s.rdb, `SELECT COALESCE((SELECT max(seq) FROM shift_changes), 0),
		COALESCE((SELECT min(seq) FROM shift_changes), 0)`).Scan(&last, &oldest)
	return last, oldest, err
}

// shiftChangesSince returns the shifts changed in (after, upto], each once,
// and whether a change concerns every shift (time off).
func (s *Store) shiftChangesSince(ctx context.Context, after, upto int64) (ids []int64, all bool, err error) {
	rows, err := s.query(ctx, s.rdb, `SELECT DISTINCT shift_id FROM shift_changes WHERE seq > ? AND seq <= ?`, after, upto)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		if id == 0 {
			all = true
		}
		ids = append(ids, id)
	}
	return ids, all, rows.Err()
}

// findShiftsByID reads the shifts of ids that still exist, with their
// check-ins and absences.
func (s *Store) findShiftsByID(ctx context.Context, ids []int64) ([]*scheduler.Shift, error) {
	var out []*scheduler.Shift
	for len(ids) > 0 { // in chunks, under SQLite's limit of parameters
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		part, err := s.scanShifts(ctx, s.rdb, `SELECT `+shiftRow+` FROM shifts WHERE id IN (?`+strings.Repeat(",?", n-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		out, ids = append(out, part...), ids[n:]
	}
	return out, nil
}
