// Package planner proposes a lawful, fair roster for some posts over a window
// of office days (issue 10 §2): it lays the posts' shift templates, assigns
// the candidate guards with the solver core (scheduler/solver), verifies every
// planned shift with the Labor Code checker (scheduler/labour) and explains
// the hours it could not cover. It is pure: the caller loads everything.
package planner

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
)

// Input is everything a plan needs.
type Input struct {
	Loc      *time.Location
	From, To time.Time // office midnights; To exclusive; at most scheduler.MaxPlanDays days
	// Posts are the posts to plan; their Templates() are the shifts laid.
	Posts []*scheduler.Post
	// Guards are the candidates: active guards allowed at one of the posts.
	Guards []*scheduler.Guard
	// Shifts: every scheduled shift of the candidates and of the planned posts
	// over labour.LoadWindow(From, To, Loc) (Absences filled) — the record
	// before, in and after the window.
	Shifts []*scheduler.Shift
	// Manual: ids of shifts a manager set by hand (kept by keep "manual").
	Manual map[int64]bool
	// Keep: scheduler.KeepAll (default "" = all), KeepManual, KeepNone.
	Keep string
	// TimeOff: approved (hard) and requested (a strong wish) time off
	// overlapping the window.
	TimeOff     []*scheduler.TimeOff
	Preferences []scheduler.Preferences
	// Events: scheduled events raise the requirement of their posts.
	Events []*scheduler.Event
	// Holidays: public holidays in the window and the 400 days before it (Tết history).
	Holidays []holiday.Holiday
	// Rules: the office's rules; the plan never breaks any (warn or block).
	Rules      labour.Rules
	TimeLimit  time.Duration
	Seed       int64
	Iterations int // > 0: deterministic budget instead of the time limit
	Workers    int // 0: one per CPU
	// Progress may be nil; it is called as the best roster improves.
	Progress func(scheduler.PlanProgress)
}

// Result is a plan.
type Result struct {
	Shifts    []scheduler.PlanShift // the whole roster of the posts in the window: kept + new
	Diff      scheduler.PlanDiff
	Unfilled  []scheduler.Unfilled
	Summary   scheduler.PlanSummary
	Objective int64
}

// Plan proposes the roster. It honours ctx: a cancel returns the best roster
// found so far.
//
// Posts that share no guard are planned apart (see components), which keeps
// each solve small: a province of 50 posts is planned as its clusters.
func Plan(ctx context.Context, in Input) (*Result, error) {
	if err := validate(in); err != nil {
		return nil, err
	}
	if parts := components(in); len(parts) > 1 {
		return planParts(ctx, in, parts, time.Now())
	}
	return plan(ctx, in)
}
