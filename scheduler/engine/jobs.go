package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/alertlife"
	"catruc/scheduler/coverage"
	"catruc/scheduler/render"
)

// world is the roster as a job reads it.
type world struct {
	activePosts []*scheduler.Post
	guardList   []*scheduler.Guard
	events      []*scheduler.Event
	shifts      []*scheduler.Shift
	timeOff     []*scheduler.TimeOff
	names       render.Names
}

// loadWorld reads posts, guards, and the events, shifts and time off overlapping [from, to).
func (e *Engine) loadWorld(ctx context.Context, from, to time.Time) (*world, error) {
	st := e.store
	posts, err := st.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	guards, err := st.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	w := &world{guardList: guards, names: render.Names{Posts: map[int64]*scheduler.Post{}, Guards: map[int64]*scheduler.Guard{}}}
	for _, p := range posts {
		w.names.Posts[p.ID] = p
		if p.Active {
			w.activePosts = append(w.activePosts, p)
		}
	}
	for _, g := range guards {
		w.names.Guards[g.ID] = g
	}
	if w.events, err = st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to}); err != nil {
		return nil, err
	}
	if w.shifts, err = st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to}); err != nil {
		return nil, err
	}
	if w.timeOff, err = st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved, From: &from, To: &to}); err != nil {
		return nil, err
	}
	return w, nil
}

// HorizonResult counts what the horizon job generated.
type HorizonResult struct {
	Rotations int    `json:"rotations"`
	Until     string `json:"until"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Conflicts int    `json:"conflicts"`
}

// horizon keeps every active rotation generated up to today + horizon_days.
func (e *Engine) horizon(ctx context.Context, now time.Time) (any, error) {
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	active := true
	rs, err := e.store.FindRotations(ctx, scheduler.RotationFilter{Active: &active})
	if err != nil {
		return nil, err
	}
	until := now.In(e.store.Location()).AddDate(0, 0, js.HorizonDays).Format(scheduler.DateLayout)
	res := HorizonResult{Rotations: len(rs), Until: until}
	var firstErr error
	for _, r := range rs {
		g, err := e.store.GenerateRotation(ctx, r.ID, until)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("rotation %d: %w", r.ID, err)
			}
			continue
		}
		res.Created += g.Created
		res.Updated += g.Updated
		res.Conflicts += len(g.Conflicts)
	}
	return res, firstErr
}

// reminders reminds each guard with an email before each shift, once per
// shift and lead time. When several leads are due at once (a shift made at
// short notice) only the shortest is sent.
func (e *Engine) reminders(ctx context.Context, now time.Time) (any, error) {
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	if len(js.ReminderLeadMinutes) == 0 {
		return map[string]int{"queued": 0}, nil
	}
	maxLead := time.Duration(js.ReminderLeadMinutes[0]) * time.Minute
	to := now.Add(maxLead)
	w, err := e.loadWorld(ctx, now, to)
	if err != nil {
		return nil, err
	}
	ns, err := e.store.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	loc := e.store.Location()
	var queue []*scheduler.Notification
	for _, sh := range w.shifts {
		if sh.GuardID == nil || sh.WhollyAbsent() { // away on time off: no reminder
			continue
		}
		// The guard is reminded of the hours they really work: a shift whose
		// first hours fall in time off starts, for them, when the work does.
		start := sh.Worked()[0].Start
		if !start.After(now) || start.After(to) {
			continue
		}
		g := w.names.Guards[*sh.GuardID]
		if g == nil {
			continue
		}
		var due time.Duration = -1
		for _, m := range js.ReminderLeadMinutes { // longest first: keep the shortest that is due
			lead := time.Duration(m) * time.Minute
			if !now.Before(start.Add(-lead)) {
				due = lead
			}
		}
		if due < 0 {
			continue
		}
		msg, err := render.Reminder(sh, w.names, due, loc)
		if err != nil {
			return nil, err
		}
		key := fmt.Sprintf("reminder:%d:%d:%d", sh.ID, start.Unix(), int(due.Minutes()))
		queue = append(queue, render.FanOut(key, scheduler.TypeReminder, msg, []string{g.Email}, ns.Webhooks)...)
	}
	n, err := e.store.Enqueue(ctx, queue)
	if n > 0 {
		e.notify()
	}
	return map[string]int{"queued": n}, err
}

// digest sends the managers today's roster by post, the open alerts and the
// gaps of the next 7 days.
func (e *Engine) digest(ctx context.Context, now time.Time) (any, error) {
	loc := e.store.Location()
	dayStart := scheduler.DayStart(now, loc)
	dayEnd := scheduler.DayStart(dayStart.Add(36*time.Hour), loc)
	weekEnd := now.Add(7 * 24 * time.Hour)
	w, err := e.loadWorld(ctx, dayStart, weekEnd)
	if err != nil {
		return nil, err
	}
	ns, err := e.store.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	var posts []render.DigestPost
	for _, p := range w.activePosts {
		dp := render.DigestPost{Name: p.Name}
		for _, sh := range w.shifts {
			if sh.PostID != p.ID || !sh.Start.Before(dayEnd) || !sh.End.After(dayStart) {
				continue
			}
			dp.Lines = append(dp.Lines, render.ShiftLinesVI(sh, w.names, loc)...)
		}
		posts = append(posts, dp)
	}
	open, err := e.store.FindAlerts(ctx, scheduler.AlertFilter{Current: &now})
	if err != nil {
		return nil, err
	}
	var active []*scheduler.Alert
	for _, a := range open {
		if a.Active() {
			active = append(active, a)
		}
	}
	rep := coverage.Compute(coverage.Input{From: now, To: weekEnd, Loc: loc, Posts: w.activePosts, Events: w.events,
		Shifts: w.shifts, TimeOff: w.timeOff})
	var gaps []string
	for _, s := range alertlife.Stretches(rep, now) {
		gaps = append(gaps, fmt.Sprintf("%s: %s (thiếu %d)", w.names.Posts[s.PostID].Name, render.SpanVI(s.Start, s.End, loc), s.Missing))
	}
	msg, err := render.Digest(now, posts, active, gaps, w.names, loc)
	if err != nil {
		return nil, err
	}
	emails := []string{}
	for _, m := range ns.Managers {
		emails = append(emails, m.Email)
	}
	key := "digest:" + dayStart.Format(scheduler.DateLayout)
	n, err := e.store.Enqueue(ctx, render.FanOut(key, scheduler.TypeDigest, msg, emails, ns.Webhooks))
	if n > 0 {
		e.notify()
	}
	return map[string]int{"queued": n, "open_alerts": len(active), "gaps": len(gaps)}, err
}

// policeNotice announces each event with notify_police to the contact of
// every police post notify_lead_hours ahead, and again when it changes or is
// cancelled. The notice says what, when, which posts, and who of the office
// is on duty then.
func (e *Engine) policeNotice(ctx context.Context, now time.Time) (any, error) {
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	lead := time.Duration(js.NotifyLeadHours) * time.Hour
	notify := true
	evs, err := e.store.FindEvents(ctx, scheduler.EventFilter{NotifyPolice: &notify, From: &now})
	if err != nil {
		return nil, err
	}
	ns, err := e.store.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	loc := e.store.Location()
	posts, err := e.store.FindPosts(ctx, scheduler.PostFilter{Kind: scheduler.PostKindPolice})
	if err != nil {
		return nil, err
	}
	var contacts []string
	for _, p := range posts {
		if p.Active && p.Contact.Email != "" {
			contacts = append(contacts, p.Contact.Email)
		}
	}
	queued, announced := 0, 0
	for _, ev := range evs {
		if ev.Start.After(now.Add(lead)) {
			continue // not yet within the lead time
		}
		prefix := fmt.Sprintf("police:%d:", ev.ID)
		before, err := e.store.HasNotification(ctx, prefix)
		if err != nil {
			return nil, err
		}
		change, key := "new", fmt.Sprintf("%sv%d", prefix, ev.Version)
		switch {
		case ev.Status == scheduler.ShiftCancelled && !before:
			continue // never announced: nothing to take back
		case ev.Status == scheduler.ShiftCancelled:
			change, key = "cancelled", prefix+"cancelled"
		case before:
			change = "changed"
		}
		w, err := e.loadWorld(ctx, ev.Start, ev.End)
		if err != nil {
			return nil, err
		}
		var onDuty []string
		sort.Slice(w.shifts, func(i, j int) bool { return w.shifts[i].Start.Before(w.shifts[j].Start) })
		for _, sh := range w.shifts {
			p := w.names.Posts[sh.PostID]
			if sh.GuardID == nil || p == nil || p.Kind != scheduler.PostKindGuard {
				continue
			}
			onDuty = append(onDuty, fmt.Sprintf("%s – %s (%s)", w.names.Guards[*sh.GuardID].Name, p.Name, render.SpanVI(sh.Start, sh.End, loc)))
		}
		msg, err := render.PoliceNotice(ev, change, w.names, onDuty, loc)
		if err != nil {
			return nil, err
		}
		n, err := e.store.Enqueue(ctx, render.FanOut(key, scheduler.TypeEventNotice, msg, contacts, ns.Webhooks))
		if err != nil {
			return nil, err
		}
		if n > 0 {
			announced++
		}
		queued += n
	}
	if queued > 0 {
		e.notify()
	}
	return map[string]int{"events": announced, "queued": queued}, nil
}

// backup writes a timestamped copy of the database and keeps the newest backup_keep.
func (e *Engine) backup(ctx context.Context, now time.Time) (any, error) {
	js, err := e.store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	file, removed, err := e.store.RotateBackups(ctx, e.store.BackupDir(js), js.BackupKeep, now)
	if errors.Is(err, scheduler.ErrBackupElsewhere) {
		return map[string]any{"skipped": "PostgreSQL: back it up with pg_dump"}, nil
	}
	return map[string]any{"file": file, "removed": removed}, err
}
