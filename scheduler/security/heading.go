package security

import (
	"time"

	"catruc/scheduler"
)

// Head is the heading of the printed report (web/templates/_dochead.html
// renders it; so does the Word file).
type Head = scheduler.DocHead

// Heading builds the heading of a report the office dates now (in loc): the
// office's number prefix with the symbol of a report, "/LT-VP" → "/BC-VP".
func Heading(o scheduler.Office, now time.Time, loc *time.Location) Head {
	return scheduler.DocHeading(o, now, loc, "BC")
}
