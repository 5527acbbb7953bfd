package security

import (
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

// Head is the heading of the printed report as Decree 30/2020/NĐ-CP lays it
// out (web/templates/_dochead.html renders it; so does the Word file).
type Head struct {
	ParentBody string // "UBND TỈNH QUẢNG NGÃI"; "" when the office has none
	Agency     string // the office's name in capitals
	Number     string // "Số:        /BC-VP": the number is left blank for the registry
	PlaceDate  string // "Quảng Ngãi, ngày 05 tháng 01 năm 2027"
}

// numberBlank is the room left for the number (no-break spaces).
const numberBlank = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// Heading builds the heading of a report the office dates now (in loc). The
// office's number prefix is the roster's ("/LT-VP"); a report takes the
// symbol BC: "/BC-VP".
func Heading(o scheduler.Office, now time.Time, loc *time.Location) Head {
	now = now.In(loc)
	place := o.Place
	if place == "" {
		place = guessPlace(o.Name)
	}
	return Head{
		ParentBody: strings.ToUpper(o.ParentBody),
		Agency:     strings.ToUpper(o.Name),
		Number:     "Số:" + numberBlank + reportPrefix(o.DocNumberPrefix),
		PlaceDate: fmt.Sprintf("%s, ngày %s tháng %s năm %d", place, adminNumber(now.Day(), 10),
			adminNumber(int(now.Month()), 3), now.Year()),
	}
}

// reportPrefix turns "/LT-VP" into "/BC-VP"; a prefix of another form stays.
func reportPrefix(p string) string {
	if strings.HasPrefix(p, "/") {
		if i := strings.Index(p, "-"); i > 1 {
			return "/BC" + p[i:]
		}
	}
	return p
}

// adminNumber writes a day (below 10) or month (below 3) with a leading zero,
// as Decree 30/2020/NĐ-CP asks.
func adminNumber(n, below int) string {
	if n < below {
		return fmt.Sprintf("%02d", n)
	}
	return fmt.Sprint(n)
}

// guessPlace is the province or city named after "tỉnh" or "thành phố" in
// the office's name, else dots to fill in (as the printed roster does).
func guessPlace(office string) string {
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
