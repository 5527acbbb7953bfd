package store

import "time"

// parseStamp reads a stored instant (timeLayout: "2006-01-02T15:04:05Z") and
// returns it in loc, as parseTime does, without time.Parse's layout walk: a
// feed reads four of them for each of a thousand shifts. Anything else it
// leaves to parseTime.
func parseStamp(b []byte, loc *time.Location) (time.Time, error) {
	if len(b) != len(timeLayout) || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[19] != 'Z' {
		return parseTime(string(b), loc)
	}
	n := func(i, w int) int {
		v := 0
		for _, c := range b[i : i+w] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, s := n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2)
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 {
		return parseTime(string(b), loc)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
	if t.Day() != d { // 31 February
		return parseTime(string(b), loc)
	}
	return t.In(loc), nil
}
