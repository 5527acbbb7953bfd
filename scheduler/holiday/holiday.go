// Package holiday knows the public holidays of Vietnam (Labor Code 2019,
// No. 45/2019/QH14, Art. 112) and the Vietnamese lunar calendar they depend on.
//
// Days are pure dates: strings "YYYY-MM-DD", or time.Time values at midnight
// UTC of which only the year, month and day mean anything. A holiday is a
// civil day in the office's zone (Asia/Ho_Chi_Minh); whoever needs instants
// must build them from the date in the zone they want.
//
// The lunar calendar (Tết, Giỗ Tổ Hùng Vương) is computed, not tabulated:
// see lunar.go. It covers the solar years FirstYear..LastYear (1900–2200).
// Before 1968 the calendar in actual use in Vietnam was computed for China's
// time zone (UTC+8). This package applies the UTC+7 rule to every year, as
// the Vietnamese calendar is defined today, so for a few years before 1968 it
// differs from the almanacs of the time by a day or a leap month (Tết 1903,
// 1925, 1935 and 1965 come one day earlier here, for instance). From 1968 on
// it agrees with Hồ Ngọc Đức's published tables on every Tết, Giỗ Tổ Hùng
// Vương and leap month up to 2100.
package holiday

import (
	"fmt"
	"sort"
	"time"

	"catruc/scheduler"
)

// Kinds of holiday (Holiday.Kind).
const (
	KindNewYear       = "new_year"      // 1/1, Tết Dương lịch
	KindTet           = "tet"           // five days of Tết Nguyên đán
	KindHungKings     = "hung_kings"    // 10/3 lunar, Giỗ Tổ Hùng Vương
	KindReunification = "reunification" // 30/4, Ngày Chiến thắng
	KindLabourDay     = "labour_day"    // 1/5, Ngày Quốc tế Lao động
	KindNationalDay   = "national_day"  // 2/9 and one adjacent day, Quốc khánh
)

// dateLayout is the wire form of a date, the same as scheduler.DateLayout.
const dateLayout = "2006-01-02"

// Holiday is one public holiday: one day off, named in Vietnamese and in
// English. A holiday of several days (Tết, Quốc khánh) is one entry per day.
type Holiday struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Name   string `json:"name"` // Vietnamese, e.g. "Tết Nguyên đán (mùng 1)"
	NameEN string `json:"name_en"`
	Kind   string `json:"kind"` // one of the Kind constants
}

// Options are the choices the government makes each year about the days off.
// The zero value means the default rules of ForYear.
type Options struct {
	// TetFirstDay is the first of the five consecutive Tết days off. Only its
	// date counts. Zero means the default: the last day of the old lunar year
	// (the day before lunar 1/1), so the five days run to mùng 4. Otherwise it
	// must lie from four days before lunar 1/1 to lunar 1/1, so that the five
	// days include lunar New Year's day.
	TetFirstDay time.Time
	// NationalDayAdjacent is the day off next to Quốc khánh (2/9): 1 or 3
	// September of the year. Only its date counts. Zero means the default
	// rule of ForYear.
	NationalDayAdjacent time.Time
}

// ForYear returns the public holidays of Labor Code 2019 Art. 112 in the
// given solar year (FirstYear..LastYear), sorted by date:
//
//   - 1/1, Tết Dương lịch;
//   - Tết Nguyên đán, five days: by default the last day of the previous lunar
//     year (29 or 30 tháng Chạp, whichever is the day before lunar 1/1) and
//     mùng 1 to mùng 4 of the new lunar year;
//   - Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month (never the leap 3rd);
//   - 30/4, Ngày Chiến thắng (Reunification Day);
//   - 1/5, Ngày Quốc tế Lao động;
//   - 2/9, Quốc khánh, and one adjacent day (1/9 or 3/9).
//
// The government fixes the day next to 2/9 each year; the default rule here
// picks the one that joins the holiday to a weekend where it can:
//
//	2/9 on Monday → 3/9      2/9 on Friday   → 1/9
//	2/9 on Tuesday → 1/9     2/9 on Saturday → 1/9
//	2/9 on Wednesday → 1/9   2/9 on Sunday   → 3/9
//	2/9 on Thursday → 3/9
//
// Use ForYearWith for the dates actually decreed when they differ.
//
// Two holidays can fall on the same date (Giỗ Tổ Hùng Vương on 30/4 or 1/5, in
// years with a late lunar 3rd month); both entries are kept, in the order of
// the list above, so that a caller counting entries of one kind finds them all
// and one asking "is this day a holiday" gets yes. Compensatory days off for
// holidays that fall on a weekly rest day (Art. 111) are not part of this list.
func ForYear(year int) ([]Holiday, error) {
	return ForYearWith(year, Options{})
}

// ForYearWith is ForYear with the government's choices for that year.
func ForYearWith(year int, o Options) ([]Holiday, error) {
	if year < FirstYear || year > LastYear {
		return nil, scheduler.E(scheduler.EINVALID, "year", "holiday.year_range", "min", FirstYear, "max", LastYear)
	}
	tet := Tet(year)
	tetFirst := tet.AddDate(0, 0, -1)
	if !o.TetFirstDay.IsZero() {
		tetFirst = pureDate(o.TetFirstDay)
		if tetFirst.Before(tet.AddDate(0, 0, -4)) || tetFirst.After(tet) {
			return nil, scheduler.E(scheduler.EINVALID, "tet_first_day", "holiday.tet_days_off",
				"date", scheduler.Day(tetFirst.Format(dateLayout)), "tet", scheduler.Day(tet.Format(dateLayout)))
		}
	}
	natDay := time.Date(year, time.September, 2, 0, 0, 0, 0, time.UTC)
	adjacent := natDay.AddDate(0, 0, defaultNationalDayShift[natDay.Weekday()])
	if !o.NationalDayAdjacent.IsZero() {
		adjacent = pureDate(o.NationalDayAdjacent)
		if !adjacent.Equal(natDay.AddDate(0, 0, -1)) && !adjacent.Equal(natDay.AddDate(0, 0, 1)) {
			return nil, scheduler.E(scheduler.EINVALID, "national_day_adjacent", "holiday.national_day_adjacent",
				"date", scheduler.Day(adjacent.Format(dateLayout)), "national_day", scheduler.Day(natDay.Format(dateLayout)))
		}
	}

	hs := make([]Holiday, 0, 11)
	add := func(t time.Time, name, nameEN, kind string) {
		hs = append(hs, Holiday{Date: t.Format(dateLayout), Name: name, NameEN: nameEN, Kind: kind})
	}
	add(time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC), "Tết Dương lịch", "New Year's Day", KindNewYear)
	// The last day of the old lunar year is 29 or 30 tháng Chạp, whichever
	// is the day before lunar 1/1.
	eve := tet.AddDate(0, 0, -1)
	lastDay := SolarToLunar(eve.Date()).Day
	for i := 0; i < 5; i++ {
		d := tetFirst.AddDate(0, 0, i)
		off := int(d.Sub(tet).Hours()) / 24 // days from lunar 1/1; exact between UTC midnights
		switch {
		case off >= 0:
			add(d, fmt.Sprintf("Tết Nguyên đán (mùng %d)", off+1), fmt.Sprintf("Lunar New Year (day %d)", off+1), KindTet)
		case off == -1:
			add(d, fmt.Sprintf("Tết Nguyên đán (%d Tết)", lastDay), "Lunar New Year's Eve", KindTet)
		default:
			day := lastDay + 1 + off
			add(d, fmt.Sprintf("Tết Nguyên đán (%d Tết)", day),
				fmt.Sprintf("Lunar New Year (day %d of the 12th lunar month)", day), KindTet)
		}
	}
	add(HungKings(year), "Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day", KindHungKings)
	add(time.Date(year, time.April, 30, 0, 0, 0, 0, time.UTC), "Ngày Chiến thắng", "Reunification Day", KindReunification)
	add(time.Date(year, time.May, 1, 0, 0, 0, 0, time.UTC), "Ngày Quốc tế Lao động", "International Labour Day", KindLabourDay)
	if adjacent.Before(natDay) {
		add(adjacent, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)", KindNationalDay)
		add(natDay, "Quốc khánh", "National Day", KindNationalDay)
	} else {
		add(natDay, "Quốc khánh", "National Day", KindNationalDay)
		add(adjacent, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)", KindNationalDay)
	}
	// Dates compare as strings; the stable sort keeps entries of one date
	// in the order they were added.
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date < hs[j].Date })
	return hs, nil
}

// defaultNationalDayShift is, by the weekday of 2/9, the offset in days of
// the adjacent day off (−1 for 1/9, +1 for 3/9).
var defaultNationalDayShift = [7]int{
	time.Sunday:    +1,
	time.Monday:    +1,
	time.Tuesday:   -1,
	time.Wednesday: -1,
	time.Thursday:  +1,
	time.Friday:    -1,
	time.Saturday:  -1,
}

// pureDate drops the clock and zone of t, keeping its calendar date.
func pureDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Contains reports whether one of hs falls on date (YYYY-MM-DD).
func Contains(hs []Holiday, date string) bool {
	for _, h := range hs {
		if h.Date == date {
			return true
		}
	}
	return false
}
