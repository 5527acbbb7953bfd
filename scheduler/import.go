package scheduler

import "time"

// MaxImportOccurrences bounds what one import of a calendar file may hold:
// occurrences of its entries, and days of its holidays.
const MaxImportOccurrences = 10000

// ImportWindow is the stretch of time an import at now reads: from 31 days
// back to two years ahead. Entries outside it are skipped, with the reason.
func ImportWindow(now time.Time) (from, to time.Time) {
	return now.AddDate(0, 0, -31), now.AddDate(2, 0, 0)
}

// Remark says why the item it of an import is skipped or refused: by the key
// and arguments of err, an *Error (any other error is an internal failure,
// never a remark). Start is shown in loc.
func Remark(it ImportItem, loc *time.Location, err error) ImportRemark {
	return ImportRemark{Line: it.Line, Summary: it.Summary, Start: it.Start.In(loc).Format(time.RFC3339),
		Key: ErrorKey(err), Args: ErrorArgs(err), Reason: ErrorMessage(err)}
}

// OutsideWindow is the remark on an entry of the file left out, wholly
// (recurring false) or in part, because it lies outside the window [from,
// to) of ImportWindow.
func OutsideWindow(it ImportItem, loc *time.Location, from, to time.Time, recurring bool) ImportRemark {
	key := "import.outside_window"
	if recurring {
		key = "import.recurrence_outside_window"
	}
	f, t := Day(from.In(loc).Format(DateLayout)), Day(to.In(loc).Format(DateLayout))
	return Remark(it, loc, E(EINVALID, "", key, "line", it.Line, "from", f, "to", t))
}
