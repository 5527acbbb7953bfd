package planning

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
	"catruc/scheduler/planner"
)

// holidayHistoryDays is how far before the window the holidays reach: last
// Tết, whose duty decides who is last in line for this one.
const holidayHistoryDays = 400

// gather loads everything the planner needs for req over the window w.
// Errors: EINVALID naming post_ids or guard_ids for unknown or inactive ones.
func (s *Service) gather(ctx context.Context, req scheduler.PlanRequest, w scheduler.PlanWindow) (planner.Input, error) {
	loc := s.store.Location()
	in := planner.Input{Loc: loc, From: w.From, To: w.To, Keep: req.Keep, Seed: req.Seed, Iterations: req.Iterations,
		TimeLimit: time.Duration(req.TimeLimitS) * time.Second, Workers: s.opt.Workers}
	var err error
	if in.Posts, err = s.planPosts(ctx, req.PostIDs); err != nil {
		return in, err
	}
	if in.Guards, err = s.candidates(ctx, in.Posts, req.GuardIDs); err != nil {
		return in, err
	}
	if in.Holidays, err = s.holidays(ctx, w); err != nil {
		return in, err
	}
	if in.Shifts, in.Manual, err = s.record(ctx, in); err != nil {
		return in, err
	}
	if in.TimeOff, err = s.timeOff(ctx, in); err != nil {
		return in, err
	}
	if in.Preferences, err = s.store.AllPreferences(ctx, guardIDs(in.Guards)); err != nil {
		return in, err
	}
	if in.Events, err = s.store.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &w.From, To: &w.To}); err != nil {
		return in, err
	}
	in.Rules, err = s.store.Rules(ctx)
	return in, err
}

// planPosts loads the posts to plan, in the request's order: each must exist
// and be active.
func (s *Service) planPosts(ctx context.Context, ids []int64) ([]*scheduler.Post, error) {
	all, err := s.store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*scheduler.Post{}
	for _, p := range all {
		byID[p.ID] = p
	}
	out := make([]*scheduler.Post, 0, len(ids))
	for _, id := range ids {
		p, ok := byID[id]
		if !ok {
			return nil, scheduler.E(scheduler.EINVALID, "post_ids", "post.unknown", "post_id", id)
		}
		if !p.Active {
			return nil, scheduler.E(scheduler.EINVALID, "post_ids", "post.inactive", "post_id", id, "post", p.Name)
		}
		out = append(out, p)
	}
	return out, nil
}

// candidates are the active guards allowed at one of the posts — officers
// of the police unit only when a police post is planned — narrowed to only
// when it is given (each of which must exist).
func (s *Service) candidates(ctx context.Context, posts []*scheduler.Post, only []int64) ([]*scheduler.Guard, error) {
	all, err := s.store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	known := map[int64]bool{}
	for _, g := range all {
		known[g.ID] = true
	}
	for _, id := range only {
		if !known[id] {
			return nil, scheduler.E(scheduler.EINVALID, "guard_ids", "guard.unknown", "guard_id", id)
		}
	}
	police := false
	for _, p := range posts {
		police = police || p.Kind == scheduler.PostKindPolice
	}
	want := idSet(only)
	out := []*scheduler.Guard{}
	for _, g := range all {
		if !g.Active || (len(only) > 0 && !want[g.ID]) || (g.Unit == scheduler.UnitPolice && !police) {
			continue
		}
		for _, p := range posts {
			if g.MayHold(p.ID) {
				out = append(out, g)
				break
			}
		}
	}
	return out, nil
}

func idSet(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// record is every scheduled shift of the candidates and of the planned posts
// over the labour rules' load window (absences filled by the store), and
// which of the planned posts' shifts in the window a manager set by hand.
func (s *Service) record(ctx context.Context, in planner.Input) ([]*scheduler.Shift, map[int64]bool, error) {
	from, to := labour.LoadWindow(in.From, in.To, in.Loc)
	all, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return nil, nil, err
	}
	tet, err := s.tetHistory(ctx, in.Holidays, from)
	if err != nil {
		return nil, nil, err
	}
	all = append(tet, all...)
	posts, guards := map[int64]bool{}, idSet(guardIDs(in.Guards))
	for _, p := range in.Posts {
		posts[p.ID] = true
	}
	out := []*scheduler.Shift{}
	var inWindow []int64
	for _, sh := range all {
		if !posts[sh.PostID] && (sh.GuardID == nil || !guards[*sh.GuardID]) {
			continue
		}
		out = append(out, sh)
		if posts[sh.PostID] && sh.Start.Before(in.To) && sh.End.After(in.From) {
			inWindow = append(inWindow, sh.ID)
		}
	}
	manual, err := s.store.ManualShiftIDs(ctx, inWindow)
	return out, manual, err
}

// timeOff is the candidates' approved and requested time off overlapping the window.
func (s *Service) timeOff(ctx context.Context, in planner.Input) ([]*scheduler.TimeOff, error) {
	all, err := s.store.FindTimeOff(ctx, scheduler.TimeOffFilter{From: &in.From, To: &in.To})
	if err != nil {
		return nil, err
	}
	guards := idSet(guardIDs(in.Guards))
	out := []*scheduler.TimeOff{}
	for _, t := range all {
		if guards[t.GuardID] && (t.Status == scheduler.TimeOffApproved || t.Status == scheduler.TimeOffRequested) {
			out = append(out, t)
		}
	}
	return out, nil
}

// holidays are the public holidays of the window and the days before it back to last Tết.
func (s *Service) holidays(ctx context.Context, w scheduler.PlanWindow) ([]holiday.Holiday, error) {
	loc := s.store.Location()
	first := w.From.In(loc).AddDate(0, 0, -holidayHistoryDays).Format(scheduler.DateLayout)
	end := w.To.In(loc).Format(scheduler.DateLayout)
	out := []holiday.Holiday{}
	for y := w.From.In(loc).AddDate(0, 0, -holidayHistoryDays).Year(); y <= w.To.In(loc).Year(); y++ {
		hs, err := s.store.Holidays(ctx, y)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if h.Date >= first && h.Date < end {
				out = append(out, h)
			}
		}
	}
	return out, nil
}

// tetHistory is the scheduled shifts of the Tết days among hs before the
// instant before (the load window's start): who worked last Tết is last in
// line for the next.
func (s *Service) tetHistory(ctx context.Context, hs []holiday.Holiday, before time.Time) ([]*scheduler.Shift, error) {
	loc := s.store.Location()
	var from, to time.Time
	for _, h := range hs {
		d, err := scheduler.ParseDate(h.Date, loc)
		if err != nil || h.Kind != holiday.KindTet || !d.Before(before) {
			continue
		}
		end := d.AddDate(0, 0, 1)
		if from.IsZero() || d.Before(from) {
			from = d
		}
		if end.After(to) {
			to = end
		}
	}
	if from.IsZero() {
		return nil, nil
	}
	if to.After(before) {
		to = before
	}
	out, err := s.store.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, sh := range out {
		if sh.Start.Before(before) && !sh.End.After(before) {
			kept = append(kept, sh) // those reaching into the load window come with it
		}
	}
	return kept, nil
}
