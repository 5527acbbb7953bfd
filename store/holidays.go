package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
)

// HolidayKindAdded marks a day a manager added.
const HolidayKindAdded = "added"

// Holidays returns the public holidays of a year: those of Labor Code
// Art. 112 computed from the lunar calendar, less the days managers took
// away, plus the days they added; sorted by date.
func (s *Store) Holidays(ctx context.Context, year int) ([]holiday.Holiday, error) {
	return s.holidays(ctx, s.rdb, year)
}

func (s *Store) holidays(ctx context.Context, q queryer, year int) ([]holiday.Holiday, error) {
	computed, err := holiday.ForYear(year)
	if err != nil {
		return nil, scheduler.E(scheduler.EINVALID, "year", "holiday.year_range", "min", holiday.FirstYear, "max", holiday.LastYear)
	}
	rows, err := q.QueryContext(ctx, `SELECT date, action, name FROM holiday_changes WHERE date >= ? AND date <= ?`,
		time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format(scheduler.DateLayout),
		time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(scheduler.DateLayout))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	removed := map[string]bool{}
	out := []holiday.Holiday{}
	for rows.Next() {
		var date, action, name string
		if err := rows.Scan(&date, &action, &name); err != nil {
			return nil, err
		}
		if action == "remove" {
			removed[date] = true
		} else {
			out = append(out, holiday.Holiday{Date: date, Name: name, NameEN: name, Kind: HolidayKindAdded})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, h := range computed {
		if !removed[h.Date] {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}

// AddHoliday adds a day off (e.g. the government's extra Tết day).
func (s *Store) AddHoliday(ctx context.Context, date, name string) (holiday.Holiday, error) {
	var h holiday.Holiday
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		h, err = s.addHoliday(ctx, tx, date, name)
		return err
	})
	return h, err
}

// addHoliday adds a day off inside tx; ECONFLICT if it is one already.
func (s *Store) addHoliday(ctx context.Context, tx *sql.Tx, date, name string) (holiday.Holiday, error) {
	h, err := decideHoliday(date, name, func(year int) ([]holiday.Holiday, error) { return s.holidays(ctx, tx, year) })
	if err != nil {
		return holiday.Holiday{}, err
	}
	return h, s.writeHoliday(ctx, tx, h)
}

// decideHoliday checks adding date as a day off called name, given the
// holidays of a year (yearHolidays), and returns the holiday it makes:
// adding back a computed day that was taken away just undoes the removal.
func decideHoliday(date, name string, yearHolidays func(year int) ([]holiday.Holiday, error)) (holiday.Holiday, error) {
	name = strings.TrimSpace(name)
	d, err := time.Parse(scheduler.DateLayout, date)
	if err != nil {
		return holiday.Holiday{}, scheduler.E(scheduler.EINVALID, "date", "common.not_date", "value", date)
	}
	if d.Year() < holiday.FirstYear || d.Year() > holiday.LastYear {
		return holiday.Holiday{}, scheduler.E(scheduler.EINVALID, "date", "holiday.date_range", "min", holiday.FirstYear, "max", holiday.LastYear)
	}
	if name == "" || utf8.RuneCountInString(name) > 200 {
		return holiday.Holiday{}, scheduler.E(scheduler.EINVALID, "name", "holiday.name_required", "max", 200)
	}
	hs, err := yearHolidays(d.Year())
	if err != nil {
		return holiday.Holiday{}, err
	}
	for _, x := range hs {
		if x.Date == date {
			return holiday.Holiday{}, scheduler.E(scheduler.ECONFLICT, "date", "holiday.exists", "date", scheduler.Day(date), "name", x.Name)
		}
	}
	computed, _ := holiday.ForYear(d.Year())
	for _, x := range computed {
		if x.Date == date {
			return x, nil
		}
	}
	return holiday.Holiday{Date: date, Name: name, NameEN: name, Kind: HolidayKindAdded}, nil
}

// writeHoliday stores a holiday decideHoliday made, inside tx.
func (s *Store) writeHoliday(ctx context.Context, tx *sql.Tx, h holiday.Holiday) error {
	var err error
	if h.Kind != HolidayKindAdded {
		_, err = tx.ExecContext(ctx, `DELETE FROM holiday_changes WHERE date = ?`, h.Date)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO holiday_changes (date, action, name) VALUES (?, 'add', ?)`, h.Date, h.Name)
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, "create", "holiday", 0, nil, h)
}

// RemoveHoliday takes a day off the list: an added day is deleted, a computed one is marked removed.
func (s *Store) RemoveHoliday(ctx context.Context, date string) error {
	d, err := time.Parse(scheduler.DateLayout, date)
	if err != nil {
		return scheduler.E(scheduler.EINVALID, "date", "common.not_date", "value", date)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		hs, err := s.holidays(ctx, tx, d.Year())
		if err != nil {
			return err
		}
		var found *holiday.Holiday
		for i := range hs {
			if hs[i].Date == date {
				found = &hs[i]
				break
			}
		}
		if found == nil {
			return scheduler.E(scheduler.ENOTFOUND, "date", "holiday.not_holiday", "date", scheduler.Day(date))
		}
		if found.Kind == HolidayKindAdded {
			_, err = tx.ExecContext(ctx, `DELETE FROM holiday_changes WHERE date = ?`, date)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO holiday_changes (date, action, name) VALUES (?, 'remove', '')
				ON CONFLICT (date) DO UPDATE SET action = 'remove', name = ''`, date)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "delete", "holiday", 0, found, nil)
	})
}
