package timesheet

import "catruc/scheduler"

// Pay holds the pay rates of the timesheet (Labor Code 2019 Art. 98, Decree
// 145/2020/NĐ-CP Arts. 55–57), in percent of the hourly wage of normal work,
// and the yearly overtime cap of the ledger. Zero values are not defaults:
// the store returns DefaultPay until someone changes it.
type Pay struct {
	// OvertimeNormalDay is the rate of overtime on a normal working day. Default 150.
	OvertimeNormalDay float64 `json:"overtime_normal_day"`
	// OvertimeRestDay is the rate of work on the guard's weekly rest day. Default 200.
	OvertimeRestDay float64 `json:"overtime_rest_day"`
	// OvertimeHoliday is the rate of work on a public holiday, not counting
	// the holiday's own paid day (paid with the monthly wage). Default 300.
	OvertimeHoliday float64 `json:"overtime_holiday"`
	// NightBonus is added to night work (22:00–06:00, the labour rules'
	// night window). Default 30.
	NightBonus float64 `json:"night_bonus"`
	// NightOvertimeBonus is added to overtime worked at night, as a percent
	// of the day rate of that overtime (Art. 57: 20 % × 150 = 30 points on a
	// normal day). Default 20.
	NightOvertimeBonus float64 `json:"night_overtime_bonus"`
	// Cap300 raises the yearly overtime cap of the ledger from 200 to 300
	// hours (the sectors Decree 145/2020 Art. 61 lists). Default false.
	Cap300 bool `json:"cap_300"`
}

// The yearly overtime caps (Art. 107) and the share of the cap at which the
// ledger warns.
const (
	CapHours        = 200
	CapHoursRaised  = 300
	CapWarnFraction = 0.8
	// MaxRate bounds every rate, in percent.
	MaxRate = 1000
)

// DefaultPay is the law's minimum.
func DefaultPay() Pay {
	return Pay{OvertimeNormalDay: 150, OvertimeRestDay: 200, OvertimeHoliday: 300, NightBonus: 30, NightOvertimeBonus: 20}
}

// Cap is the yearly overtime cap in force: 200 or 300 hours.
func (p Pay) Cap() float64 {
	if p.Cap300 {
		return CapHoursRaised
	}
	return CapHours
}

// Validate checks the rates: overtime rates at least the law's minimum of
// their day (150/200/300), bonuses from 0, none above MaxRate. Errors are
// EINVALID naming the JSON field.
func (p Pay) Validate() error {
	for _, f := range []struct {
		field    string
		v, least float64
	}{
		{"overtime_normal_day", p.OvertimeNormalDay, 150},
		{"overtime_rest_day", p.OvertimeRestDay, 200},
		{"overtime_holiday", p.OvertimeHoliday, 300},
		{"night_bonus", p.NightBonus, 30},
		{"night_overtime_bonus", p.NightOvertimeBonus, 20},
	} {
		if f.v != f.v || f.v < f.least || f.v > MaxRate {
			return scheduler.E(scheduler.EINVALID, f.field, "pay.rate_range", "min", f.least, "max", MaxRate)
		}
	}
	return nil
}
