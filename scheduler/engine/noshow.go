package engine

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/alertlife"
)

// noShows finds, among the shifts the sweep loaded (those under way from
// now on), those whose guard has not checked in past the grace time
// (scheduler.NoShowDue: police posts only when the settings say so, only
// shifts that started within a day and after the duty desk was installed).
func (e *Engine) noShows(ctx context.Context, now time.Time, w *world) ([]alertlife.NoShow, error) {
	ds, err := e.store.DutySettings(ctx)
	if err != nil {
		return nil, err
	}
	var out []alertlife.NoShow
	for _, sh := range w.shifts {
		if !scheduler.NoShowDue(sh, w.names.Posts[sh.PostID], ds, now) {
			continue
		}
		out = append(out, alertlife.NoShow{ShiftID: sh.ID, PostID: sh.PostID, GuardID: *sh.GuardID, Start: sh.Start, End: sh.End})
	}
	return out, nil
}

// noShowRecipients adds the guard of a no-show alert to those its
// notifications go to: they are told they are expected at the post.
func noShowRecipients(a *scheduler.Alert, w *world) []string {
	if a.Kind != scheduler.AlertNoShow || a.GuardID == nil {
		return nil
	}
	if g, ok := w.names.Guards[*a.GuardID]; ok && g.Email != "" {
		return []string{g.Email}
	}
	return nil
}
