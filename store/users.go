package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"

	"golang.org/x/crypto/argon2"
)

var _ scheduler.UserService = (*Store)(nil)

// argon2id parameters (OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// hashPassword returns the PHC string of an argon2id hash of p.
func hashPassword(p string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(p), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword compares p with a PHC argon2id hash in constant time.
func checkPassword(p, phc string) bool {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var th uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &th); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(p), salt, t, m, th, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a login name is unknown, so that the
// answer takes as long as for a known one.
var dummyHash, _ = hashPassword("catruc-dummy-password")

const userCols = `id, name, role, guard_id, lang, disabled, created_at`

func (s *Store) findUsers(ctx context.Context, q queryer, cond string, args ...any) ([]*scheduler.User, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+userCols+` FROM users WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*scheduler.User{}
	for rows.Next() {
		var u scheduler.User
		var guard sql.NullInt64
		var created string
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, &guard, &u.Lang, &u.Disabled, &created); err != nil {
			return nil, err
		}
		u.GuardID = nullID(guard)
		if u.CreatedAt, err = parseTime(created, s.Location()); err != nil {
			return nil, err
		}
		out = append(out, &u)
	}
	return out, rows.Err()
}

// CreateUser stores a user with an argon2id hash of the password.
func (s *Store) CreateUser(ctx context.Context, u *scheduler.User, password string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := scheduler.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if u.GuardID != nil {
			if _, err := s.findGuardByID(ctx, tx, *u.GuardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
				return scheduler.E(scheduler.EINVALID, "guard_id", "guard.unknown", "guard_id", *u.GuardID)
			} else if err != nil {
				return err
			}
		}
		if us, err := s.findUsers(ctx, tx, s.d.userNameIs(), u.Name); err != nil {
			return err
		} else if len(us) > 0 {
			return scheduler.E(scheduler.ECONFLICT, "name", "user.name_taken", "name", u.Name)
		}
		now := fmtTime(s.now())
		res, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, guard_id, password_hash, lang, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?)`, u.Name, u.Role, u.GuardID, hash, u.Lang, now, now)
		if err != nil {
			return translate(err)
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		us, err := s.findUsers(ctx, tx, "id = ?", u.ID)
		if err != nil {
			return err
		}
		*u = *us[0]
		return s.audit(ctx, tx, "create", "user", u.ID, nil, u)
	})
}

// SetPassword changes a user's password and ends their sessions.
func (s *Store) SetPassword(ctx context.Context, name, password string) error {
	if err := scheduler.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		us, err := s.findUsers(ctx, tx, s.d.userNameIs(), name)
		if err != nil {
			return err
		}
		if len(us) == 0 {
			return scheduler.E(scheduler.ENOTFOUND, "name", "user.no_such_name", "name", name)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`,
			hash, fmtTime(s.now()), us[0].ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, us[0].ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "password", "user", us[0].ID, nil, us[0])
	})
}

// SetUserLang remembers a user's language.
func (s *Store) SetUserLang(ctx context.Context, id int64, lang string) error {
	if lang != "vi" && lang != "en" {
		return scheduler.E(scheduler.EINVALID, "lang", "user.bad_lang")
	}
	_, err := s.exec(ctx, `UPDATE users SET lang = ?, updated_at = ? WHERE id = ?`, lang, fmtTime(s.now()), id)
	return err
}

// FindUsers lists users.
func (s *Store) FindUsers(ctx context.Context) ([]*scheduler.User, error) {
	return s.findUsers(ctx, s.rdb, "1 = 1")
}

// Login checks a name and password.
func (s *Store) Login(ctx context.Context, name, password string) (*scheduler.User, error) {
	bad := scheduler.E(scheduler.EUNAUTHORIZED, "", "session.bad_login")
	var id int64
	var hash string
	var disabled bool
	err := s.rdb.QueryRowContext(ctx, `SELECT id, password_hash, disabled FROM users WHERE `+s.d.userNameIs(), name).Scan(&id, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(password, dummyHash)
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	if !checkPassword(password, hash) || disabled {
		return nil, bad
	}
	us, err := s.findUsers(ctx, s.rdb, "id = ?", id)
	if err != nil {
		return nil, err
	}
	return us[0], nil
}

// CreateSession starts a session for a user.
func (s *Store) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *scheduler.Session, error) {
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	csrf, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	csrf = strings.TrimPrefix(csrf, tokenPrefix)
	now := s.now()
	if _, err := s.exec(ctx, `INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen, expires_at)
		VALUES (?,?,?,?,?,?)`, hashSecret(secret), userID, csrf, fmtTime(now), fmtTime(now), fmtTime(now.Add(ttl))); err != nil {
		return "", nil, err
	}
	// Old sessions go as new ones come.
	_, _ = s.wdb.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ?`, fmtTime(now))
	sess, err := s.SessionBySecret(ctx, secret)
	return secret, sess, err
}

// SessionBySecret returns the live session of a cookie.
func (s *Store) SessionBySecret(ctx context.Context, secret string) (*scheduler.Session, error) {
	none := scheduler.E(scheduler.EUNAUTHORIZED, "", "session.none")
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return nil, none
	}
	var uid int64
	var csrf, expires string
	err := s.rdb.QueryRowContext(ctx, `SELECT s.user_id, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id_hash = ? AND u.disabled = 0`, hashSecret(secret)).Scan(&uid, &csrf, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, none
	}
	if err != nil {
		return nil, err
	}
	exp, err := parseTime(expires, s.Location())
	if err != nil {
		return nil, err
	}
	if !s.now().Before(exp) {
		return nil, none
	}
	us, err := s.findUsers(ctx, s.rdb, "id = ?", uid)
	if err != nil || len(us) == 0 {
		return nil, none
	}
	return &scheduler.Session{User: us[0], CSRF: csrf, ExpiresAt: exp}, nil
}

// DeleteSession logs a browser out.
func (s *Store) DeleteSession(ctx context.Context, secret string) error {
	_, err := s.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, hashSecret(secret))
	return err
}
