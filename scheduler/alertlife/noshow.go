package alertlife

import (
	"fmt"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/render"
)

// NoShow is a shift whose guard has not checked in although its grace time
// is over (scheduler.NoShowDue decided it).
type NoShow struct {
	ShiftID, PostID, GuardID int64
	Start, End               time.Time
}

// noShowKey identifies the alert of a no-show across sweeps: the shift and
// its guard (a reassigned shift is another matter).
func noShowKey(n NoShow) string { return fmt.Sprintf("no_show|%d|%d", n.ShiftID, n.GuardID) }

// diffNoShows opens one critical alert per no-show, escalates it like a gap
// when nobody acknowledged it within EscalateAfter, and leaves it to
// resolveUnmatched when the guard checks in or the shift is reassigned.
func diffNoShows(in Input, matched map[int64]bool) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	byKey := map[string]*scheduler.Alert{}
	for _, a := range in.Current {
		if a.Kind == scheduler.AlertNoShow {
			byKey[a.Key] = a
		}
	}
	now := in.Now
	for _, n := range in.NoShows {
		if m, ok := byKey[noShowKey(n)]; ok {
			matched[m.ID] = true
			if m.Status == scheduler.AlertOpen && m.EscalatedAt == nil && m.CriticalAt != nil &&
				!now.Before(m.CriticalAt.Add(in.EscalateAfter)) {
				esc := *m
				esc.EscalatedAt = &now
				changes = append(changes, scheduler.AlertChange{Alert: &esc, Notify: scheduler.TypeAlertEscalated})
			}
			continue
		}
		pid, gid := n.PostID, n.GuardID
		a := &scheduler.Alert{Kind: scheduler.AlertNoShow, Key: noShowKey(n), PostID: &pid, GuardID: &gid,
			Start: n.Start, End: n.End, Missing: 1, Severity: scheduler.SeverityCritical, Status: scheduler.AlertOpen,
			OpenedAt: now, CriticalAt: &now}
		if in.Suggest != nil {
			from := n.Start
			if from.Before(now) {
				from = now
			}
			a.Suggestions = in.Suggest(Stretch{PostID: n.PostID, Start: from, End: n.End, Missing: 1})
		}
		noShowMessages(a, in.Names, in.Loc)
		changes = append(changes, scheduler.AlertChange{Alert: a, Notify: scheduler.TypeAlertOpened})
	}
	return changes
}

func noShowMessages(a *scheduler.Alert, names render.Names, loc *time.Location) {
	post, guard := "", ""
	if p, ok := names.Posts[*a.PostID]; ok {
		post = p.Name
	}
	if g, ok := names.Guards[*a.GuardID]; ok {
		guard = g.Name
	}
	a.Message = fmt.Sprintf("%s has not checked in at %s for the shift from %s to %s", guard, post,
		render.WhenEN(a.Start, loc), render.WhenEN(a.End, loc))
	a.MessageVI = fmt.Sprintf("%s chưa điểm danh nhận ca tại %s, ca từ %s đến %s", guard, post,
		render.WhenVI(a.Start, loc), render.WhenVI(a.End, loc))
}
