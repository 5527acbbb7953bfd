package scheduler

import (
	"fmt"
	"strings"
	"time"
)

// DocHead is the heading of a document the office prints, as Decree
// 30/2020/NĐ-CP lays it out: on the left the parent body, the office and the
// "Số:" line; on the right the national name, the motto (in the template,
// web/templates/_dochead.html, and the Word file) and the place and date.
type DocHead struct {
	ParentBody string // "UBND TỈNH QUẢNG NGÃI"; "" when the office has none
	Agency     string // the office's name in capitals
	Number     string // "Số:        /LT-VP": the number is left blank for the registry to write
	PlaceDate  string // "Quảng Ngãi, ngày 01 tháng 12 năm 2026"
}

// docNumberBlank is the room left for the number on the "Số:" line (no-break spaces).
const docNumberBlank = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// DocHeading builds the heading of a document the office dates now (in loc).
// symbol, when not "", replaces the kind of document in the office's number
// prefix: the roster's "/LT-VP" becomes "/BC-VP" for a report (symbol "BC");
// a prefix of another form stays.
func DocHeading(o Office, now time.Time, loc *time.Location, symbol string) DocHead {
	now = now.In(loc)
	place := o.Place
	if place == "" {
		place = DocPlace(o.Name)
	}
	prefix := o.DocNumberPrefix
	if symbol != "" && strings.HasPrefix(prefix, "/") {
		if i := strings.Index(prefix, "-"); i > 1 {
			prefix = "/" + symbol + prefix[i:]
		}
	}
	return DocHead{
		ParentBody: strings.ToUpper(o.ParentBody),
		Agency:     strings.ToUpper(o.Name),
		Number:     "Số:" + docNumberBlank + prefix,
		PlaceDate: fmt.Sprintf("%s, ngày %s tháng %s năm %d", place, AdminNumber(now.Day(), 10),
			AdminNumber(int(now.Month()), 3), now.Year()),
	}
}

// AdminNumber writes a day or month as Vietnamese administrative documents do
// (Decree 30/2020/NĐ-CP): days below 10 and months below 3 with a leading zero.
func AdminNumber(n, below int) string {
	if n < below {
		return fmt.Sprintf("%02d", n)
	}
	return fmt.Sprint(n)
}

// DocPlace guesses the place of a document from the office's name: the
// province or city named after "tỉnh" or "thành phố", else dots to fill in.
func DocPlace(office string) string {
	lower := strings.ToLower(office)
	for _, k := range []string{"thành phố ", "tỉnh "} {
		if i := strings.LastIndex(lower, k); i >= 0 {
			if p := strings.TrimSpace(office[i+len(k):]); p != "" {
				return p
			}
		}
	}
	return "……"
}
