package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"catruc/scheduler"
)

const officeKey = "office"

// GetSetting decodes the JSON value of key into v; it reports whether the key was set.
func (s *Store) GetSetting(ctx context.Context, key string, v any) (bool, error) {
	return decodeSetting(s.queryRow(ctx, s.rdb, settingQuery, key), key, v) // prepared once: every feed reads one
}

const settingQuery = `SELECT value FROM settings WHERE key = ?`

func getSetting(ctx context.Context, q queryer, key string, v any) (bool, error) {
	return decodeSetting(q.QueryRowContext(ctx, settingQuery, key), key, v)
}

// decodeSetting decodes the value read by settingQuery into v.
func decodeSetting(row *sql.Row, key string, v any) (bool, error) {
	var raw string
	err := row.Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return true, nil
}

// putSetting stores a setting and audits it, inside tx. The value stored is
// the last of v (so a caller may audit a redacted form and store a sealed one).
func (s *Store) putSetting(ctx context.Context, tx *sql.Tx, key string, before, v any, stored ...any) error {
	value := v
	if len(stored) > 0 {
		value = stored[0]
	}
	b, err := json.Marshal(value)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(b)); err != nil {
		return err
	}
	return s.audit(ctx, tx, "update", "settings."+key, 0, before, v)
}

// Office returns the office settings.
func (s *Store) Office(ctx context.Context) (scheduler.Office, error) {
	o := scheduler.DefaultOffice()
	if _, err := s.GetSetting(ctx, officeKey, &o); err != nil {
		return o, err
	}
	return o, nil
}

// SetOffice validates and stores the office settings; the zone applies at once.
func (s *Store) SetOffice(ctx context.Context, o scheduler.Office) (scheduler.Office, error) {
	loc, err := o.Validate()
	if err != nil {
		return o, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		before := scheduler.DefaultOffice()
		if _, err := getSetting(ctx, tx, officeKey, &before); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, officeKey, before, o)
	})
	if err != nil {
		return o, err
	}
	s.loc.Store(loc)
	return o, nil
}

func (s *Store) loadLocation(ctx context.Context) error {
	o, err := s.Office(ctx)
	if err != nil {
		return err
	}
	loc, err := o.Validate()
	if err != nil {
		return fmt.Errorf("store: office settings: %w", err)
	}
	s.loc.Store(loc)
	return nil
}
