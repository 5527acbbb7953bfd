package web

import (
	"context"
	"time"

	"catruc/scheduler/coverage"
)

// Where the roster begins. Before the first shift of a post nothing was ever
// planned there: the month and week grids show those days as "no roster
// yet" rather than as gaps, so that red on the grid means a real gap only
// (e.g. the days before a new office, or the demo, starts). A post with no
// shift at all begins with the office's first shift: once the office keeps a
// roster, a post nobody was ever put on is a real gap.
// wordsRosterFirst are words of the pages (key → {Vietnamese, English}); pageWords lists them all.
var wordsRosterFirst = map[string][2]string{
	"roster.no_roster":        {"chưa có lịch", "no roster yet"},
	"roster.no_roster_legend": {"ngày trước ca trực đầu tiên, chưa lập lịch", "a day before the first shift, not yet planned"},
}

// rosterStart tells where the roster of each post begins.
type rosterStart struct {
	office time.Time // the office's first shift; zero: no shift at all yet
	posts  map[int64]time.Time
}

// rosterStarts loads where each post's roster begins.
func (w *Web) rosterStarts(ctx context.Context) (rosterStart, error) {
	posts, err := w.Store.FirstShiftStarts(ctx)
	if err != nil {
		return rosterStart{}, err
	}
	r := rosterStart{posts: posts}
	for _, t := range posts {
		if r.office.IsZero() || t.Before(r.office) {
			r.office = t
		}
	}
	return r, nil
}

// of is where the roster of a post begins; zero when the office has no roster
// at all (then every day is before it).
func (r rosterStart) of(postID int64) time.Time {
	if t, ok := r.posts[postID]; ok {
		return t
	}
	return r.office
}

// before reports whether the stretch ending at end lies wholly before the
// roster of the post: a day to show as "no roster yet".
func (r rosterStart) before(postID int64, end time.Time) bool {
	first := r.of(postID)
	return first.IsZero() || !end.After(first)
}

// clip drops from each post's gaps what lies before the post's roster begins.
func (r rosterStart) clip(gaps map[int64][]coverage.Interval) {
	for id, gs := range gaps {
		first := r.of(id)
		var kept []coverage.Interval
		for _, g := range gs {
			switch {
			case first.IsZero() || !g.End.After(first):
				continue
			case g.Start.Before(first):
				g.Start = first
			}
			kept = append(kept, g)
		}
		gaps[id] = kept
	}
}
