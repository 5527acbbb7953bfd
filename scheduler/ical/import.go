package ical

import (
	"io"
	"time"

	"catruc/scheduler"
)

// ReadImport reads a calendar file for an import at now: the occurrences
// inside scheduler.ImportWindow(now) as items, and a remark for each entry
// left out, wholly or in part, because it lies outside that window (so that
// nothing is dropped silently). Errors are Parse's.
func ReadImport(r io.Reader, loc *time.Location, now time.Time) ([]scheduler.ImportItem, []scheduler.ImportRemark, error) {
	from, to := scheduler.ImportWindow(now)
	parsed, outside, err := ParseAll(r, loc, from, to)
	if err != nil {
		return nil, nil, err
	}
	items := make([]scheduler.ImportItem, len(parsed))
	for i, p := range parsed {
		items[i] = importItem(p)
	}
	skipped := make([]scheduler.ImportRemark, len(outside))
	for i, o := range outside {
		skipped[i] = scheduler.OutsideWindow(importItem(o.Item), loc, from, to, o.Recurring)
	}
	return items, skipped, nil
}

func importItem(p Item) scheduler.ImportItem {
	return scheduler.ImportItem{UID: p.UID, Summary: p.Summary, Description: p.Description, Start: p.Start,
		End: p.End, AllDay: p.AllDay, Line: p.Line}
}
