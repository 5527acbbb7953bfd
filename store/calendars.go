package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"strings"
	"time"

	"catruc/scheduler"
)

var _ scheduler.CalendarService = (*Store)(nil)

// calendarPrefix marks calendar secrets.
const calendarPrefix = "cal_"

// lastAccessEvery throttles the last_access write of a feed.
const lastAccessEvery = 15 * time.Minute

const calendarsKey = "calendars"

const calendarCols = `id, scope, target_id, name, created_by, created_at, rotated_at, last_access`

func (s *Store) findCalendars(ctx context.Context, q queryer, cond string, args ...any) ([]*scheduler.Calendar, error) {
	rows, err := s.query(ctx, q, `SELECT `+calendarCols+` FROM calendars WHERE revoked_at IS NULL AND `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Calendar{}
	for rows.Next() {
		var c scheduler.Calendar
		var target sql.NullInt64
		var created string
		var rotated, last sql.NullString
		if err := rows.Scan(&c.ID, &c.Scope, &target, &c.Name, &c.CreatedBy, &created, &rotated, &last); err != nil {
			return nil, err
		}
		c.TargetID = nullID(target)
		if c.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if c.RotatedAt, err = parseNullTime(rotated, loc); err != nil {
			return nil, err
		}
		if c.LastAccess, err = parseNullTime(last, loc); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// CreateCalendar checks the scope and its target, names the calendar and stores it.
func (s *Store) CreateCalendar(ctx context.Context, c *scheduler.Calendar) (string, error) {
	secret, err := newCalendarSecret()
	if err != nil {
		return "", err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		switch c.Scope {
		case scheduler.ScopeGuard, scheduler.ScopePost:
			if c.TargetID == nil || *c.TargetID <= 0 {
				return scheduler.E(scheduler.EINVALID, "target_id", "calendar.target_required", "scope", c.Scope)
			}
		case scheduler.ScopeAll, scheduler.ScopePolice:
			if c.TargetID != nil {
				return scheduler.E(scheduler.EINVALID, "target_id", "calendar.target_not_allowed", "scope", c.Scope)
			}
		default:
			return scheduler.E(scheduler.EINVALID, "scope", "calendar.scope_unknown")
		}
		switch c.Scope {
		case scheduler.ScopeGuard:
			g, err := s.findGuardByID(ctx, tx, *c.TargetID)
			if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				return scheduler.E(scheduler.EINVALID, "target_id", "guard.unknown", "guard_id", *c.TargetID)
			} else if err != nil {
				return err
			}
			c.Name = "Lịch trực – " + g.Name
		case scheduler.ScopePost:
			p, err := s.findPostByID(ctx, tx, *c.TargetID)
			if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				return scheduler.E(scheduler.EINVALID, "target_id", "post.unknown", "post_id", *c.TargetID)
			} else if err != nil {
				return err
			}
			c.Name = "Lịch trực – " + p.Name
		case scheduler.ScopeAll:
			o := scheduler.DefaultOffice()
			if _, err := getSetting(ctx, tx, officeKey, &o); err != nil {
				return err
			}
			c.Name = "Lịch trực – " + o.Name
		case scheduler.ScopePolice:
			c.Name = "Lịch trực – Công an: sự kiện và người trực"
		}
		c.CreatedBy = scheduler.ActorFrom(ctx)
		res, err := tx.ExecContext(ctx, `INSERT INTO calendars (scope, target_id, name, token_hash, created_by, created_at)
			VALUES (?,?,?,?,?,?)`, c.Scope, c.TargetID, c.Name, hashSecret(secret), c.CreatedBy, fmtTime(s.now()))
		if err != nil {
			return translate(err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		cs, err := s.findCalendars(ctx, tx, "id = ?", c.ID)
		if err != nil {
			return err
		}
		*c = *cs[0]
		return s.audit(ctx, tx, "create", "calendar", c.ID, nil, c)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

func newCalendarSecret() (string, error) {
	s, err := newSecret()
	if err != nil {
		return "", err
	}
	return calendarPrefix + strings.TrimPrefix(s, tokenPrefix), nil
}

// RotateCalendar replaces a calendar's secret.
func (s *Store) RotateCalendar(ctx context.Context, id int64) (*scheduler.Calendar, string, error) {
	secret, err := newCalendarSecret()
	if err != nil {
		return nil, "", err
	}
	var out *scheduler.Calendar
	err = s.write(ctx, func(tx *sql.Tx) error {
		cs, err := s.findCalendars(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return scheduler.NotFound("calendar", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calendars SET token_hash = ?, rotated_at = ? WHERE id = ?`,
			hashSecret(secret), fmtTime(s.now()), id); err != nil {
			return err
		}
		after, err := s.findCalendars(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		out = after[0]
		return s.audit(ctx, tx, "rotate", "calendar", id, cs[0], out)
	})
	return out, secret, err
}

// RevokeCalendar ends a subscription.
func (s *Store) RevokeCalendar(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		cs, err := s.findCalendars(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return scheduler.NotFound("calendar", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calendars SET revoked_at = ? WHERE id = ?`, fmtTime(s.now()), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "revoke", "calendar", id, cs[0], nil)
	})
}

// FindCalendars lists live calendars, of a scope and target if given.
func (s *Store) FindCalendars(ctx context.Context, scope string, targetID *int64) ([]*scheduler.Calendar, error) {
	cond, args := "1 = 1", []any{}
	if scope != "" {
		cond += " AND scope = ?"
		args = append(args, scope)
	}
	if targetID != nil {
		cond += " AND target_id = ?"
		args = append(args, *targetID)
	}
	return s.findCalendars(ctx, s.rdb, cond, args...)
}

// FindCalendarByID returns a live calendar or ENOTFOUND.
func (s *Store) FindCalendarByID(ctx context.Context, id int64) (*scheduler.Calendar, error) {
	cs, err := s.findCalendars(ctx, s.rdb, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, scheduler.NotFound("calendar", id)
	}
	return cs[0], nil
}

// CalendarBySecret returns the live calendar whose URL carries secret.
func (s *Store) CalendarBySecret(ctx context.Context, secret string) (*scheduler.Calendar, error) {
	notFound := scheduler.E(scheduler.ENOTFOUND, "", "calendar.no_such")
	if !strings.HasPrefix(secret, calendarPrefix) || len(secret) > 100 {
		return nil, notFound
	}
	want := hashSecret(secret)
	var c scheduler.Calendar
	var target sql.NullInt64
	var hash []byte
	var last sql.NullString
	err := s.stmtCalendar.QueryRowContext(ctx, want).Scan(&c.ID, &c.Scope, &target, &c.Name, &hash, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(hash, want) != 1 {
		return nil, notFound
	}
	c.TargetID = nullID(target)
	now := s.now()
	if lu, err := parseNullTime(last, time.UTC); err == nil && (lu == nil || now.Sub(*lu) >= lastAccessEvery) {
		_, _ = s.wdb.ExecContext(ctx, `UPDATE calendars SET last_access = ? WHERE id = ?`, fmtTime(now), c.ID)
	}
	return &c, nil
}

// RosterVersion is the roster's change counter and when it last moved.
func (s *Store) RosterVersion(ctx context.Context) (int64, time.Time, error) {
	var seq int64
	var at string
	if err := s.stmtVersion.QueryRowContext(ctx).Scan(&seq, &at); err != nil {
		return 0, time.Time{}, err
	}
	// On PostgreSQL the office's zone may have been changed by another
	// instance (on SQLite only this process serves, and changes it itself).
	if s.pg && seq != s.locSeq.Load() {
		if err := s.loadLocation(ctx); err != nil {
			return 0, time.Time{}, err
		}
		s.locSeq.Store(seq)
	}
	t, err := time.Parse(timeLayout, at)
	return seq, t, err
}

// CalendarSettings returns the feed settings.
func (s *Store) CalendarSettings(ctx context.Context) (scheduler.CalendarSettings, error) {
	c := scheduler.DefaultCalendarSettings()
	_, err := s.GetSetting(ctx, calendarsKey, &c)
	return c, err
}

// SetCalendarSettings validates and stores the feed settings.
func (s *Store) SetCalendarSettings(ctx context.Context, c scheduler.CalendarSettings) (scheduler.CalendarSettings, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before := scheduler.DefaultCalendarSettings()
		if _, err := getSetting(ctx, tx, calendarsKey, &before); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, calendarsKey, before, c)
	})
	return c, err
}
