package web

import (
	"time"

	"catruc/scheduler"
)

// rosterDocHead is the heading of a printed document (scheduler.DocHead).
type rosterDocHead = scheduler.DocHead

// rosterHeading builds the heading of a document the office prints on the day of now (in loc).
func rosterHeading(o scheduler.Office, now time.Time, loc *time.Location) rosterDocHead {
	return scheduler.DocHeading(o, now, loc, "")
}
