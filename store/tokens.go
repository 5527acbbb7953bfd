package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"catruc/scheduler"
)

var _ scheduler.TokenService = (*Store)(nil)

// tokenPrefix marks catruc API tokens, so that leaked ones are easy to find.
const tokenPrefix = "ctr_"

// lastUsedEvery throttles the last_used_at write to one per token and minute.
const lastUsedEvery = time.Minute

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// newSecret returns a token secret with 256 random bits.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// CreateToken issues a token; the secret is returned once and only its hash is kept.
func (s *Store) CreateToken(ctx context.Context, name, role string, guardID *int64) (string, *scheduler.Token, error) {
	if err := scheduler.ValidateTokenName(name); err != nil {
		return "", nil, err
	}
	if !scheduler.ValidTokenRole(role) {
		return "", nil, scheduler.E(scheduler.EINVALID, "role", "token.bad_role", "roles", scheduler.TokenRoles)
	}
	if role == scheduler.RoleGuard && guardID == nil {
		return "", nil, scheduler.E(scheduler.EINVALID, "guard_id", "token.guard_required")
	}
	if role != scheduler.RoleGuard && guardID != nil {
		return "", nil, scheduler.E(scheduler.EINVALID, "guard_id", "token.guard_not_allowed")
	}
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	var out *scheduler.Token
	err = s.write(ctx, func(tx *sql.Tx) error {
		if guardID != nil {
			if _, err := s.findGuardByID(ctx, tx, *guardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				return scheduler.E(scheduler.EINVALID, "guard_id", "guard.unknown", "guard_id", *guardID)
			} else if err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tokens WHERE name = ? AND revoked_at IS NULL`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return scheduler.E(scheduler.ECONFLICT, "name", "token.name_taken", "name", name)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO tokens (name, role, guard_id, hash, created_at) VALUES (?,?,?,?,?)`,
			name, role, guardID, hashSecret(secret), fmtTime(s.now()))
		if err != nil {
			return translate(err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		ts, err := s.findTokens(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		out = ts[0]
		return s.audit(ctx, tx, "create", "token", id, nil, out)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, out, nil
}

// Authenticate returns the live token whose secret this is: one indexed
// read of a prepared statement (it runs before every API request).
func (s *Store) Authenticate(ctx context.Context, secret string) (*scheduler.Token, error) {
	unauthorized := scheduler.E(scheduler.EUNAUTHORIZED, "", "token.unknown")
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return nil, unauthorized
	}
	want := hashSecret(secret)
	var t scheduler.Token
	var hash []byte
	var guard sql.NullInt64
	var created string
	var revoked, lastUsed sql.NullString
	err := s.queryRow(ctx, s.rdb, `SELECT id, name, role, guard_id, created_at, last_used_at, revoked_at, hash
		FROM tokens WHERE hash = ?`, want).Scan(&t.ID, &t.Name, &t.Role, &guard, &created, &lastUsed, &revoked, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unauthorized
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(hash, want) != 1 || revoked.Valid {
		return nil, unauthorized
	}
	t.GuardID = nullID(guard)
	loc := s.Location()
	if t.CreatedAt, err = parseTime(created, loc); err != nil {
		return nil, err
	}
	if t.LastUsedAt, err = parseNullTime(lastUsed, loc); err != nil {
		return nil, err
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= lastUsedEvery {
		// Best effort: a busy database must not refuse a valid token.
		if _, err := s.wdb.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ?`, fmtTime(now), t.ID); err == nil {
			used := now.Truncate(time.Second).In(loc)
			t.LastUsedAt = &used
		}
	}
	return &t, nil
}

// FindTokens lists every token, newest first.
func (s *Store) FindTokens(ctx context.Context) ([]*scheduler.Token, error) {
	return s.findTokens(ctx, s.rdb, "1 = 1")
}

func (s *Store) findTokens(ctx context.Context, q queryer, cond string, args ...any) ([]*scheduler.Token, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, role, guard_id, created_at, last_used_at, revoked_at
		FROM tokens WHERE `+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Token{}
	for rows.Next() {
		var t scheduler.Token
		var guard sql.NullInt64
		var created string
		var lastUsed, revoked sql.NullString
		if err := rows.Scan(&t.ID, &t.Name, &t.Role, &guard, &created, &lastUsed, &revoked); err != nil {
			return nil, err
		}
		if guard.Valid {
			g := guard.Int64
			t.GuardID = &g
		}
		if t.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if t.LastUsedAt, err = parseNullTime(lastUsed, loc); err != nil {
			return nil, err
		}
		if t.RevokedAt, err = parseNullTime(revoked, loc); err != nil {
			return nil, err
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// RevokeToken revokes the live token of that name.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		ts, err := s.findTokens(ctx, tx, "name = ? AND revoked_at IS NULL", name)
		if err != nil {
			return err
		}
		if len(ts) == 0 {
			return scheduler.E(scheduler.ENOTFOUND, "name", "token.no_such_name", "name", name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, fmtTime(s.now()), ts[0].ID); err != nil {
			return err
		}
		after, err := s.findTokens(ctx, tx, "id = ?", ts[0].ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "revoke", "token", ts[0].ID, ts[0], after[0])
	})
}
