package labour

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
)

var weekdaysVI = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// dateEN is "Mon 07/12/2026"; dateVI is "Thứ Hai 07/12/2026".
func dateEN(t time.Time) string { return t.Format("Mon 02/01/2006") }
func dateVI(t time.Time) string { return weekdaysVI[t.Weekday()] + " " + t.Format("02/01/2006") }

// instantEN is "Mon 07/12/2026 07:00"; instantVI is "07:00 Thứ Hai 07/12/2026".
func instantEN(t time.Time) string { return dateEN(t) + " " + t.Format("15:04") }
func instantVI(t time.Time) string { return t.Format("15:04") + " " + dateVI(t) }

// lastDay is the day holding the last instant of a period ending at end.
func lastDay(end time.Time) time.Time { return end.Add(-time.Nanosecond) }

// fmtValue formats a figure found, with one decimal unless more are needed to
// show on which side of limit it lies (12 h 01 min is "12.02", not "12.0").
func fmtValue(v, limit float64) string {
	s := ""
	for d := 1; d <= 4; d++ {
		s = strconv.FormatFloat(v, 'f', d, 64)
		r, _ := strconv.ParseFloat(s, 64)
		if (v > limit) == (r > limit) && (v < limit) == (r < limit) {
			break
		}
	}
	return s
}

// fmtNum formats hours without needless decimals: 12, 12.5.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// fmtRound formats hours to at most one decimal: 32, 32.5.
func fmtRound(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// vi writes a number the Vietnamese way, with a decimal comma.
func vi(s string) string { return strings.ReplaceAll(s, ".", ",") }

func names(g *scheduler.Guard) (en, vn string) {
	if g.Name != "" {
		return g.Name, g.Name
	}
	return fmt.Sprintf("guard #%d", g.ID), fmt.Sprintf("bảo vệ #%d", g.ID)
}

// describe writes the English and Vietnamese messages of v.
func describe(v Violation, g *scheduler.Guard) (en, vn string) {
	nameEN, nameVI := names(g)
	val := fmtValue(v.Value, v.Limit)
	lim := fmtNum(v.Limit)
	s, e := v.Start, v.End
	switch v.Rule {
	case RuleShiftLength:
		return fmt.Sprintf("%s works %s h without a break from %s to %s (limit %s h)",
				nameEN, val, instantEN(s), instantEN(e), lim),
			fmt.Sprintf("%s trực liên tục %s giờ từ %s đến %s (tối đa %s giờ)",
				nameVI, vi(val), instantVI(s), instantVI(e), vi(lim))
	case RuleDailyHours:
		return fmt.Sprintf("%s works %s h on %s (limit %s h)", nameEN, val, dateEN(s), lim),
			fmt.Sprintf("%s làm việc %s giờ trong ngày %s (tối đa %s giờ)", nameVI, vi(val), dateVI(s), vi(lim))
	case RuleRestBetweenShifts:
		return fmt.Sprintf("%s rests only %s h between shifts, from %s to %s (minimum %s h)",
				nameEN, val, instantEN(s), instantEN(e), lim),
			fmt.Sprintf("%s chỉ được nghỉ %s giờ giữa hai ca, từ %s đến %s (tối thiểu %s giờ)",
				nameVI, vi(val), instantVI(s), instantVI(e), vi(lim))
	case RuleWeeklyHours:
		return fmt.Sprintf("%s works %s h in the week %s – %s (limit %s h)",
				nameEN, val, dateEN(s), dateEN(lastDay(e)), lim),
			fmt.Sprintf("%s làm việc %s giờ trong tuần %s – %s (tối đa %s giờ)",
				nameVI, vi(val), dateVI(s), dateVI(lastDay(e)), vi(lim))
	case RuleWeeklyRest:
		return fmt.Sprintf("%s has at most %s h of uninterrupted rest in the week %s – %s (minimum %s h)",
				nameEN, val, dateEN(s), dateEN(lastDay(e)), lim),
			fmt.Sprintf("%s chỉ được nghỉ liên tục nhiều nhất %s giờ trong tuần %s – %s (tối thiểu %s giờ)",
				nameVI, vi(val), dateVI(s), dateVI(lastDay(e)), vi(lim))
	case RuleOvertimeMonth:
		return fmt.Sprintf("%s works %s h of overtime in %s (limit %s h a month)",
				nameEN, val, s.Format("January 2006"), lim),
			fmt.Sprintf("%s làm thêm %s giờ trong tháng %d/%d (tối đa %s giờ/tháng)",
				nameVI, vi(val), int(s.Month()), s.Year(), vi(lim))
	case RuleOvertimeYear:
		return fmt.Sprintf("%s works %s h of overtime in %d (limit %s h a year)", nameEN, val, s.Year(), lim),
			fmt.Sprintf("%s làm thêm %s giờ trong năm %d (tối đa %s giờ/năm)", nameVI, vi(val), s.Year(), vi(lim))
	}
	return "", ""
}

// ruleTitles name the rules in reasons: English, Vietnamese.
var ruleTitles = map[string][2]string{
	RuleShiftLength:       {"shift length", "độ dài ca trực"},
	RuleDailyHours:        {"daily hours", "số giờ làm trong ngày"},
	RuleRestBetweenShifts: {"rest between shifts", "nghỉ giữa hai ca"},
	RuleWeeklyHours:       {"weekly hours", "số giờ làm trong tuần"},
	RuleWeeklyRest:        {"weekly rest", "nghỉ hằng tuần"},
	RuleOvertimeMonth:     {"monthly overtime", "làm thêm trong tháng"},
	RuleOvertimeYear:      {"yearly overtime", "làm thêm trong năm"},
}
