// Package report answers the manager's questions — coverage, breaches,
// staffing, who can take a shift — by loading what each needs from the store
// and running the scheduler's logic on it. The API and the web pages both
// call it, so that they always agree.
package report

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/labour"
)

// Store is what the reports read.
type Store interface {
	FindPosts(ctx context.Context, f scheduler.PostFilter) ([]*scheduler.Post, error)
	FindGuards(ctx context.Context, f scheduler.GuardFilter) ([]*scheduler.Guard, error)
	FindShifts(ctx context.Context, f scheduler.ShiftFilter) ([]*scheduler.Shift, error)
	FindTimeOff(ctx context.Context, f scheduler.TimeOffFilter) ([]*scheduler.TimeOff, error)
	FindEvents(ctx context.Context, f scheduler.EventFilter) ([]*scheduler.Event, error)
	Rules(ctx context.Context) (labour.Rules, error)
	Location() *time.Location
}

// ActivePosts returns the active posts, or only post postID (any state) when given.
func ActivePosts(ctx context.Context, st Store, postID *int64) ([]*scheduler.Post, error) {
	if postID != nil {
		ps, err := st.FindPosts(ctx, scheduler.PostFilter{ID: postID})
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			return nil, scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", *postID)
		}
		return ps, nil
	}
	active := true
	return st.FindPosts(ctx, scheduler.PostFilter{Active: &active})
}

// Coverage of the posts (all active ones, or postID) over [from, to).
func Coverage(ctx context.Context, st Store, from, to time.Time, postID *int64) (coverage.Report, error) {
	posts, err := ActivePosts(ctx, st, postID)
	if err != nil {
		return coverage.Report{}, err
	}
	events, err := st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return coverage.Report{}, err
	}
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return coverage.Report{}, err
	}
	off, err := st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved, From: &from, To: &to})
	if err != nil {
		return coverage.Report{}, err
	}
	return coverage.Compute(coverage.Input{From: from, To: to, Loc: st.Location(), Posts: posts, Events: events,
		Shifts: shifts, TimeOff: off}), nil
}

// Staffing of the posts (all active ones, or postID) over [from, to).
func Staffing(ctx context.Context, st Store, from, to time.Time, postID *int64) (coverage.StaffingReport, error) {
	posts, err := ActivePosts(ctx, st, postID)
	if err != nil {
		return coverage.StaffingReport{}, err
	}
	events, err := st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return coverage.StaffingReport{}, err
	}
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return coverage.StaffingReport{}, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return coverage.StaffingReport{}, err
	}
	off, err := st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved, From: &from, To: &to})
	if err != nil {
		return coverage.StaffingReport{}, err
	}
	return coverage.Staffing(coverage.StaffingInput{From: from, To: to, Loc: st.Location(), Posts: posts,
		Events: events, Guards: guards, TimeOff: off, Rules: coverage.Limits{MaxWeeklyHours: rules.MaxWeeklyHours,
			MaxOvertimeMonthHours: rules.MaxOvertimeMonthHours, MaxOvertimeYearHours: rules.MaxOvertimeYearHours}}), nil
}

// Violations of the labour rules over the periods overlapping [from, to), of
// every guard or of guardID.
func Violations(ctx context.Context, st Store, from, to time.Time, guardID *int64) ([]scheduler.Violation, error) {
	var guards []*scheduler.Guard
	var err error
	if guardID != nil {
		if guards, err = st.FindGuards(ctx, scheduler.GuardFilter{ID: guardID}); err != nil {
			return nil, err
		}
		if len(guards) == 0 {
			return nil, scheduler.E(scheduler.EINVALID, "guard_id", "guard.unknown", "guard_id", *guardID)
		}
	} else if guards, err = st.FindGuards(ctx, scheduler.GuardFilter{}); err != nil {
		return nil, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	lf, lt := labour.LoadWindow(from, to, loc)
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: guardID, Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
	if err != nil {
		return nil, err
	}
	return labour.Check(labour.Input{Rules: rules, Loc: loc, From: from, To: to, Guards: guards, Shifts: shifts}), nil
}

// Suggestions ranks who can hold post postID over [start, end).
func Suggestions(ctx context.Context, st Store, postID int64, start, end, now time.Time) ([]labour.Suggestion, error) {
	if ps, err := st.FindPosts(ctx, scheduler.PostFilter{ID: &postID}); err != nil {
		return nil, err
	} else if len(ps) == 0 {
		return nil, scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", postID)
	}
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{PostID: &postID})
	if err != nil {
		return nil, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	lf, lt := labour.LoadWindow(start, end, loc)
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
	if err != nil {
		return nil, err
	}
	off, err := st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved, From: &start, To: &end})
	if err != nil {
		return nil, err
	}
	return labour.Suggest(labour.SuggestInput{Rules: rules, Loc: loc, PostID: postID, Start: start, End: end,
		Now: now, Guards: guards, Shifts: shifts, TimeOff: off}), nil
}

// WouldBreak returns the breaches that saving candidate would cause for its
// guard (nothing is saved). As for every shift, the hours the guard would be
// away on approved time off are not counted.
func WouldBreak(ctx context.Context, st Store, candidate *scheduler.Shift) ([]scheduler.Violation, error) {
	if candidate.GuardID == nil {
		return []scheduler.Violation{}, nil
	}
	off, err := st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: candidate.GuardID, Status: scheduler.TimeOffApproved,
		From: &candidate.Start, To: &candidate.End})
	if err != nil {
		return nil, err
	}
	cand := *candidate
	cand.Absences = scheduler.ShiftAbsences(&cand, off)
	candidate = &cand
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{ID: candidate.GuardID})
	if err != nil || len(guards) == 0 {
		return []scheduler.Violation{}, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	lf, lt := labour.LoadWindow(candidate.Start, candidate.End, loc)
	shifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: candidate.GuardID, Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
	if err != nil {
		return nil, err
	}
	return labour.CheckShift(labour.Input{Rules: rules, Loc: loc, From: lf, To: lt, Guards: guards, Shifts: shifts}, candidate), nil
}
