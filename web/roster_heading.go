package web

import (
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

// rosterDocHead is the heading of a printed document as Decree 30/2020/NĐ-CP
// lays it out: on the left the parent body, the office and the "Số:" line; on
// the right the national name, the motto and the place and date.
type rosterDocHead struct {
	ParentBody string // "UBND TỈNH QUẢNG NGÃI"; "" when the office has none
	Agency     string // the office's name in capitals
	Number     string // "Số:      /LT-VP": the number is left blank for the registry to write
	PlaceDate  string // "Quảng Ngãi, ngày 01 tháng 12 năm 2026"
}

// docNumberBlank is the room left for the number on the "Số:" line (no-break spaces).
const docNumberBlank = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// rosterHeading builds the heading of a document the office prints on the day of now (in loc).
func rosterHeading(o scheduler.Office, now time.Time, loc *time.Location) rosterDocHead {
	now = now.In(loc)
	place := o.Place
	if place == "" {
		place = rosterPlace(o.Name)
	}
	return rosterDocHead{
		ParentBody: strings.ToUpper(o.ParentBody),
		Agency:     strings.ToUpper(o.Name),
		Number:     "Số:" + docNumberBlank + o.DocNumberPrefix,
		PlaceDate: fmt.Sprintf("%s, ngày %s tháng %s năm %d", place, rosterAdminNumber(now.Day(), 10),
			rosterAdminNumber(int(now.Month()), 3), now.Year()),
	}
}
