package engine

import (
	"context"
	"fmt"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/alertlife"
	"catruc/scheduler/coverage"
	"catruc/scheduler/labour"
	"catruc/scheduler/render"
)

// topSuggestions is how many replacement suggestions a gap alert carries.
const topSuggestions = 3

// SweepResult counts what a sweep did.
type SweepResult struct {
	Gaps       int `json:"gaps"`
	Violations int `json:"violations"`
	Opened     int `json:"opened"`
	Updated    int `json:"updated"`
	Resolved   int `json:"resolved"`
	Escalated  int `json:"escalated"`
	Queued     int `json:"notifications"`
}

// sweep turns the coverage gaps and labour-rule breaches from now to now +
// lookahead into alerts: one per uncovered stretch, updated as it changes,
// resolved when filled; critical ones nobody acknowledged are escalated. What
// to change is the alert lifecycle's (alertlife.Diff); the sweep loads its
// inputs, stores the changes with their notifications and publishes them.
func (e *Engine) sweep(ctx context.Context, now time.Time) (any, error) {
	st := e.store
	js, err := st.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	ns, err := st.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	in, w, err := e.sweepInput(ctx, now, time.Duration(js.LookaheadHours)*time.Hour)
	if err != nil {
		return nil, err
	}
	in.EscalateAfter = time.Duration(ns.EscalateAfterMinutes) * time.Minute
	if in.NoShows, err = e.noShows(ctx, now, w); err != nil {
		return nil, err
	}
	changes := alertlife.Diff(in)
	res := SweepResult{Gaps: len(in.Gaps), Violations: len(in.Violations)}
	for _, ch := range changes {
		switch ch.Notify {
		case scheduler.TypeAlertOpened:
			res.Opened++
		case scheduler.TypeAlertUpdated:
			res.Updated++
		case scheduler.TypeAlertResolved:
			res.Resolved++
		case scheduler.TypeAlertEscalated:
			res.Escalated++
		}
	}
	if len(changes) == 0 {
		return res, nil
	}
	loc := st.Location()
	applied, err := st.ApplyAlertChanges(ctx, changes, func(a *scheduler.Alert, typ string) ([]*scheduler.Notification, error) {
		out, err := alertNotifications(a, typ, ns, w, loc)
		res.Queued += len(out)
		return out, err
	})
	if err != nil {
		return nil, err
	}
	for i, a := range applied {
		typ := changes[i].Notify
		if typ == "" {
			typ = scheduler.TypeAlertUpdated
		}
		e.hub.Publish(AlertEvent{Type: typ, Alert: a})
	}
	if res.Queued > 0 {
		e.notify()
	}
	return res, nil
}

// sweepInput loads what the lifecycle decides from over [now, now+ahead):
// the alerts current now, the uncovered stretches and the labour-rule
// breaches, and who could fill each stretch.
func (e *Engine) sweepInput(ctx context.Context, now time.Time, ahead time.Duration) (alertlife.Input, *world, error) {
	st := e.store
	rules, err := st.Rules(ctx)
	if err != nil {
		return alertlife.Input{}, nil, err
	}
	loc := st.Location()
	// Coverage is read from now: a stretch already under way at its first
	// sweep starts now, and keeps the start it was first seen with after that.
	// A stretch that starts inside the window is read to its real end, up to
	// a day past the window (the length of the longest shift), so that an
	// alert never says a gap ends where the look-ahead happens to end.
	from, to := now, now.Add(ahead)
	reach := to.Add(scheduler.MaxShiftLength)
	w, err := e.loadWorld(ctx, from, reach)
	if err != nil {
		return alertlife.Input{}, nil, err
	}
	rep := coverage.Compute(coverage.Input{From: from, To: reach, Loc: loc, Posts: w.activePosts, Events: w.events,
		Shifts: w.shifts, TimeOff: w.timeOff})
	var gaps []alertlife.Stretch
	for _, g := range alertlife.Stretches(rep, now) {
		if g.Start.Before(to) {
			gaps = append(gaps, g)
		}
	}
	lf, lt := labour.LoadWindow(now, to, loc)
	lshifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
	if err != nil {
		return alertlife.Input{}, nil, err
	}
	current, err := st.FindAlerts(ctx, scheduler.AlertFilter{Current: &now})
	if err != nil {
		return alertlife.Input{}, nil, err
	}
	in := alertlife.Input{Current: current, Gaps: gaps, Now: now, WindowFrom: from,
		Names: w.names, Loc: loc,
		Violations: labour.Check(labour.Input{Rules: rules, Loc: loc, From: now, To: to, Guards: w.guardList, Shifts: lshifts}),
		Suggest: func(s alertlife.Stretch) []scheduler.AlertSuggestion {
			return suggestFor(s, now, rules, loc, w, lshifts)
		}}
	return in, w, nil
}

// suggestFor ranks the guards who could fill a stretch (its first 24 hours,
// from now if it is under way), best first.
func suggestFor(s alertlife.Stretch, now time.Time, rules labour.Rules, loc *time.Location, w *world, shifts []*scheduler.Shift) []scheduler.AlertSuggestion {
	end := s.End
	if end.Sub(s.Start) > scheduler.MaxShiftLength {
		end = s.Start.Add(scheduler.MaxShiftLength)
	}
	start := s.Start
	if start.Before(now) && end.After(now) {
		start = now
	}
	var cands []*scheduler.Guard
	for _, g := range w.guardList {
		if g.MayHold(s.PostID) {
			cands = append(cands, g)
		}
	}
	ss := labour.Suggest(labour.SuggestInput{Rules: rules, Loc: loc, PostID: s.PostID, Start: start, End: end, Now: now,
		Guards: cands, Shifts: shifts, TimeOff: w.timeOff})
	out := []scheduler.AlertSuggestion{}
	for i, x := range ss {
		if i == topSuggestions {
			break
		}
		out = append(out, scheduler.AlertSuggestion{GuardID: x.GuardID, Name: x.Name, Score: x.Score, Reasons: x.ReasonsVI})
	}
	return out
}

// alertNotifications renders an alert change for every recipient: managers
// (escalations: the escalation contacts), the police post's contact for
// alerts on a police post, and the webhooks that want the type.
func alertNotifications(a *scheduler.Alert, typ string, ns scheduler.NotificationSettings, w *world, loc *time.Location) ([]*scheduler.Notification, error) {
	msg, err := render.Alert(a, typ, w.names, loc)
	if err != nil {
		return nil, err
	}
	people := ns.Managers
	if typ == scheduler.TypeAlertEscalated {
		people = ns.Escalation
	}
	emails := []string{}
	for _, p := range people {
		emails = append(emails, p.Email)
	}
	emails = append(emails, noShowRecipients(a, w)...)
	if a.PostID != nil {
		if p, ok := w.names.Posts[*a.PostID]; ok && p.Kind == scheduler.PostKindPolice && p.Contact.Email != "" {
			emails = append(emails, p.Contact.Email)
		}
	}
	key := fmt.Sprintf("alert:%d:v%d:%s", a.ID, a.Version, typ)
	return render.FanOut(key, typ, msg, emails, ns.Webhooks), nil
}
