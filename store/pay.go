package store

import (
	"context"
	"database/sql"

	"catruc/scheduler/timesheet"
)

const payKey = "pay"

var _ timesheet.Store = (*Store)(nil)
var _ timesheet.PayStore = (*Store)(nil)

// PaySettings returns the pay rates of the timesheet (the law's minimum until changed).
func (s *Store) PaySettings(ctx context.Context) (timesheet.Pay, error) {
	p := timesheet.DefaultPay()
	if _, err := s.GetSetting(ctx, payKey, &p); err != nil {
		return p, err
	}
	return p, nil
}

// SetPaySettings validates and stores the pay rates.
func (s *Store) SetPaySettings(ctx context.Context, p timesheet.Pay) (timesheet.Pay, error) {
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before := timesheet.DefaultPay()
		if _, err := getSetting(ctx, tx, payKey, &before); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, payKey, before, p)
	})
	return p, err
}
