package render

import (
	"fmt"
	"time"

	"catruc/scheduler"
)

// noShowSubject is the subject of a no-show alert's notification.
func noShowSubject(a *scheduler.Alert, what, typ string, names Names, loc *time.Location) string {
	if typ == scheduler.TypeAlertResolved {
		return fmt.Sprintf("%s: %s đã điểm danh nhận ca tại %s (hoặc ca đã giao người khác)", what, names.guard(a.GuardID),
			names.post(a.PostID))
	}
	return fmt.Sprintf("[%s] %s: %s chưa điểm danh nhận ca tại %s, %s", severityVI[a.Severity], what, names.guard(a.GuardID),
		names.post(a.PostID), SpanVI(a.Start, a.End, loc))
}
