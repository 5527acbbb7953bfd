package holiday

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// This file is the Vietnamese lunisolar calendar (âm lịch) as published by
// Hồ Ngọc Đức ("Thuật toán tính âm lịch"): new moons from a truncated series
// of Jean Meeus' "Astronomical Algorithms", the Sun's apparent longitude from
// a short Meeus series, and the rules
//
//   - a lunar month starts on the civil day (UTC+7, 105° E) that contains the
//     new moon;
//   - the month containing the winter solstice is month 11;
//   - when 13 months lie between two months 11, the first month after month 11
//     that contains no major solar term (trung khí, a multiple of 30° of solar
//     longitude) is the leap month and repeats the number of the month before it.
//
// The functions below keep the names and the arithmetic of the published
// algorithm (jdFromDate, jdToDate, newMoon, sunLongitude, getNewMoonDay,
// getSunLongitude, getLunarMonth11, getLeapMonthOffset, convertSolar2Lunar,
// and convertLunar2Solar as lunarMonthStart), with the time zone as a
// parameter that the exported functions always set to +7: the Vietnamese
// calendar is defined by that computation. Computed for UTC+8 the same rules
// give (near enough) the Chinese calendar, which differs in some years (Tết
// 1968, 1985, 2007, 2030, ...).
//
// Departures from the published code: convertSolar2Lunar steps back as far
// as needed to find the month's first day (the published code steps back
// once, and gave lunar day 0 for 2054-05-07), and LunarToSolar refuses leap
// months and days that do not exist instead of returning a date anyway.
//
// From 1968 to 2100 the result agrees with Hồ Ngọc Đức's published year
// tables, computed with more precise astronomy, on every Tết, Giỗ Tổ Hùng
// Vương and leap month, and on every month start but three: the new moons of
// 2054-05-07, 2072-12-09 and 2077-11-15 fall within a minute or two of
// midnight, after it by the short series and before it by the tables, so
// lunar months 4/2054, 11/2072 and 10/2077 begin one day later here.
//
// The window reaches 2200 because the service accepts dates up to
// 2200-12-31 (scheduler.MaxDate); the series are good for centuries around
// J2000 and every day up to 2201-01-31 is checked for a consistent calendar
// (TestRoundTripEveryDay), but no table was compared beyond 2100.

// timeZone is the offset of the calendar's meridian (105° E) from UTC, in hours.
const timeZone = 7.0

// FirstYear and LastYear bound the solar years for which this package answers
// (Tet, HungKings, ForYear). The conversions themselves cover the slightly
// wider window [1899-12-01, 2201-01-31], so that every day of those years and
// the lunar months overlapping their ends can be converted.
const (
	FirstYear = 1900
	LastYear  = 2200
)

var (
	// minJD and maxJD are the Julian day numbers of 1899-12-01 and 2201-01-31,
	// the window in which conversions are answered.
	minJD = jdFromDate(1, 12, 1899)
	maxJD = jdFromDate(31, 1, 2201)
)

// ErrOutOfRange is returned for dates outside the supported window.
var ErrOutOfRange = errors.New("holiday: date outside the supported range 1899-12-01..2201-01-31")

// ErrNoSuchDate is returned by LunarToSolar for a lunar date that does not
// exist: a leap month in a year whose leap month is another (or none), day 30
// of a 29-day month, or a month or day number out of range.
var ErrNoSuchDate = errors.New("holiday: no such lunar date")

// LunarDate is a date of the Vietnamese lunar calendar. Year is the lunar
// year, numbered by the solar year in which it begins (its 1/1, Tết), so its
// months 11 and 12 fall from November or December of Year to February of
// Year+1. Leap marks the leap month (tháng nhuận), which follows the regular
// month of the same number.
type LunarDate struct {
	Year, Month, Day int
	Leap             bool
}

// SolarToLunar converts a Gregorian date to the Vietnamese lunar calendar.
// The date is normalised as time.Date would (e.g. 31 April is 1 May). Outside
// the window 1899-12-01..2201-01-31 it returns the zero LunarDate, whose Year 0
// marks it as invalid.
func SolarToLunar(y int, m time.Month, d int) LunarDate {
	// Normalise through time.Date so that overflowing days roll over.
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	jd := jdFromDate(t.Day(), int(t.Month()), t.Year())
	if jd < minJD || jd > maxJD {
		return LunarDate{}
	}
	return convertSolar2Lunar(jd, timeZone)
}

// LunarToSolar converts a Vietnamese lunar date to the Gregorian calendar. The
// result is a pure date: midnight in time.UTC, of which only the year, month
// and day are meaningful (read them with Date(), and do not convert the value
// to another zone, which could move it to the previous day).
//
// It fails with ErrNoSuchDate (wrapped) when the lunar date does not exist and
// with ErrOutOfRange (wrapped) when it lies outside 1899-12-01..2201-01-31.
func LunarToSolar(ld LunarDate) (time.Time, error) {
	if ld.Month < 1 || ld.Month > 12 || ld.Day < 1 || ld.Day > 30 {
		return time.Time{}, fmt.Errorf("%w: %+v", ErrNoSuchDate, ld)
	}
	// Lunar year 1899 reaches the window only in its last months, lunar year
	// 2201 only in its first days; the window check below settles those.
	if ld.Year < FirstYear-1 || ld.Year > LastYear+1 {
		return time.Time{}, fmt.Errorf("%w: lunar %+v", ErrOutOfRange, ld)
	}
	monthStart, monthLen, ok := lunarMonthStart(ld.Year, ld.Month, ld.Leap, timeZone)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: lunar year %d has no leap month %d", ErrNoSuchDate, ld.Year, ld.Month)
	}
	if ld.Day > monthLen {
		return time.Time{}, fmt.Errorf("%w: lunar month %d of %d has %d days, not %d", ErrNoSuchDate, ld.Month, ld.Year, monthLen, ld.Day)
	}
	jd := monthStart + ld.Day - 1
	if jd < minJD || jd > maxJD {
		return time.Time{}, fmt.Errorf("%w: lunar %+v", ErrOutOfRange, ld)
	}
	return dateOfJD(jd), nil
}

// Tet returns the solar date of Tết Nguyên đán (lunar 1/1) of the lunar year
// that begins in the given solar year, as a pure date (see LunarToSolar).
// Outside FirstYear..LastYear it returns the zero time.Time.
func Tet(year int) time.Time {
	return lunarHoliday(year, 1, 1)
}

// HungKings returns the solar date of Giỗ Tổ Hùng Vương (10th day of the
// regular, non-leap, 3rd lunar month) in the given solar year, as a pure date
// (see LunarToSolar). Outside FirstYear..LastYear it returns the zero time.Time.
func HungKings(year int) time.Time {
	return lunarHoliday(year, 3, 10)
}

func lunarHoliday(year, month, day int) time.Time {
	if year < FirstYear || year > LastYear {
		return time.Time{}
	}
	t, err := LunarToSolar(LunarDate{Year: year, Month: month, Day: day})
	if err != nil {
		// Every lunar year has a regular month 1 and month 3 of at least 29 days.
		panic("holiday: " + err.Error())
	}
	return t
}

// lunarMonthStart returns the Julian day number on which the given lunar
// month begins and its length in days; ok is false if that lunar year has no
// such leap month. It is Hồ Ngọc Đức's convertLunar2Solar for day 1, together
// with the start of the following month.
func lunarMonthStart(year, month int, leap bool, tz float64) (start, length int, ok bool) {
	var a11, b11 int
	if month < 11 {
		a11 = getLunarMonth11(year-1, tz)
		b11 = getLunarMonth11(year, tz)
	} else {
		a11 = getLunarMonth11(year, tz)
		b11 = getLunarMonth11(year+1, tz)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := getLeapMonthOffset(a11, tz)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if leap && month != leapMonth {
			return 0, 0, false
		}
		if leap || off >= leapOff {
			off++
		}
	} else if leap {
		return 0, 0, false
	}
	start = getNewMoonDay(k+off, tz)
	return start, getNewMoonDay(k+off+1, tz) - start, true
}

// convertSolar2Lunar is Hồ Ngọc Đức's conversion of a Julian day number to a
// lunar date, with one fix (see the loop below).
func convertSolar2Lunar(dayNumber int, tz float64) LunarDate {
	yy, _, _ := jdToDate(dayNumber)
	k := int(math.Floor((float64(dayNumber) - 2415021.076998695) / 29.530588853))
	// The published code tries new moon k+1, then k. When the true new moon
	// comes late after the mean one, the k-th can also fall after dayNumber
	// (2054-05-07, the day before the new moon of 2054-05-08, came out as
	// lunar day 0), so step back until the month has begun.
	j := k + 1
	monthStart := getNewMoonDay(j, tz)
	for monthStart > dayNumber {
		j--
		monthStart = getNewMoonDay(j, tz)
	}
	a11 := getLunarMonth11(yy, tz)
	b11 := a11
	var lunarYear int
	if a11 >= monthStart {
		lunarYear = yy
		a11 = getLunarMonth11(yy-1, tz)
	} else {
		lunarYear = yy + 1
		b11 = getLunarMonth11(yy+1, tz)
	}
	lunarDay := dayNumber - monthStart + 1
	diff := (monthStart - a11) / 29 // non-negative: floor
	leap := false
	lunarMonth := diff + 11
	if b11-a11 > 365 {
		leapMonthDiff := getLeapMonthOffset(a11, tz)
		if diff >= leapMonthDiff {
			lunarMonth = diff + 10
			if diff == leapMonthDiff {
				leap = true
			}
		}
	}
	if lunarMonth > 12 {
		lunarMonth -= 12
	}
	if lunarMonth >= 11 && diff < 4 {
		lunarYear--
	}
	return LunarDate{Year: lunarYear, Month: lunarMonth, Day: lunarDay, Leap: leap}
}

// jdFromDate is the Julian day number of a date: Gregorian from 1582-10-15 on,
// Julian before (the published algorithm keeps both branches).
func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	jd := dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
	if jd < 2299161 {
		jd = dd + (153*m+2)/5 + 365*y + y/4 - 32083
	}
	return jd
}

// jdToDate is the inverse of jdFromDate: year, month, day.
func jdToDate(jd int) (year, month, day int) {
	var b, c int
	if jd > 2299160 { // from 1582-10-15, Gregorian calendar
		a := jd + 32044
		b = (4*a + 3) / 146097
		c = a - (b*146097)/4
	} else {
		b = 0
		c = jd + 32082
	}
	d := (4*c + 3) / 1461
	e := c - (1461*d)/4
	m := (5*e + 2) / 153
	day = e - (153*m+2)/5 + 1
	month = m + 3 - 12*(m/10)
	year = b*100 + d - 4800 + m/10
	return year, month, day
}

// dateOfJD is the pure date (midnight UTC) of a Julian day number.
func dateOfJD(jd int) time.Time {
	y, m, d := jdToDate(jd)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// newMoon is the moment (Julian day, dynamical time corrected by ΔT to
// universal time) of the k-th new moon after the one of 1900-01-01 13:51 GMT.
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	T := kf / 1236.85 // Julian centuries from 1900 January 0.5
	T2 := T * T
	T3 := T2 * T
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)      // mean new moon
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3    // Sun's mean anomaly
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3 // Moon's mean anomaly
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3    // Moon's argument of latitude
	C1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	C1 = C1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	C1 = C1 - 0.0004*math.Sin(dr*3*Mpr)
	C1 = C1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	C1 = C1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	C1 = C1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	C1 = C1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltaT float64
	if T < -11 {
		deltaT = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltaT = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return jd1 + C1 - deltaT
}

// sunLongitude is the Sun's apparent longitude, in radians normalised to
// [0, 2π), at the moment jdn (Julian day, UT).
func sunLongitude(jdn float64) float64 {
	const dr = math.Pi / 180
	T := (jdn - 2451545.0) / 36525 // Julian centuries from 2000-01-01 12:00 UT
	T2 := T * T
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2 // mean anomaly, degrees
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2                  // mean longitude, degrees
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr // true longitude, radians
	L -= 2 * math.Pi * math.Floor(L/(2*math.Pi))
	return L
}

// getSunLongitude is the 30° sector (0–11, 0 = from the spring equinox) the
// Sun is in at the local midnight that starts the given day.
func getSunLongitude(dayNumber int, tz float64) int {
	return int(math.Floor(sunLongitude(float64(dayNumber)-0.5-tz/24) / math.Pi * 6))
}

// getNewMoonDay is the Julian day number of the local (UTC+7) day of the k-th
// new moon.
func getNewMoonDay(k int, tz float64) int {
	return int(math.Floor(newMoon(k) + 0.5 + tz/24))
}

// getLunarMonth11 is the Julian day number on which lunar month 11 (the month
// of the winter solstice) of solar year yy begins.
func getLunarMonth11(yy int, tz float64) int {
	off := jdFromDate(31, 12, yy) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := getNewMoonDay(k, tz)
	if getSunLongitude(nm, tz) >= 9 { // the Sun is already past 270°: too late
		nm = getNewMoonDay(k-1, tz)
	}
	return nm
}

// getLeapMonthOffset is, for a 13-month year whose month 11 starts on a11, the
// index (1 = the month right after month 11) of the leap month: the first
// month that contains no major solar term, seen as the Sun staying in the same
// 30° sector at the starts of two consecutive months.
func getLeapMonthOffset(a11 int, tz float64) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1 // start with the month following lunar month 11
	arc := getSunLongitude(getNewMoonDay(k+i, tz), tz)
	for {
		last := arc
		i++
		arc = getSunLongitude(getNewMoonDay(k+i, tz), tz)
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}
