package scheduler

import (
	"context"
	"regexp"
	"time"
)

// User is a person who logs into the web pages. A guard user is linked to
// their guard record.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"` // the login name
	Role      string    `json:"role"`
	GuardID   *int64    `json:"guard_id"`
	Lang      string    `json:"lang"` // "vi" (default) or "en"
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
}

var userNameRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$`)

// ValidateUser checks a user's name, role, guard link and language.
func (u *User) Validate() error {
	if !userNameRE.MatchString(u.Name) {
		return E(EINVALID, "name", "user.bad_name")
	}
	if !ValidRole(u.Role) {
		return E(EINVALID, "role", "user.bad_role")
	}
	if u.Role == RoleGuard && u.GuardID == nil {
		return E(EINVALID, "guard_id", "user.guard_required")
	}
	if u.Role != RoleGuard && u.GuardID != nil {
		return E(EINVALID, "guard_id", "user.guard_not_allowed")
	}
	if u.Lang == "" {
		u.Lang = "vi"
	}
	if u.Lang != "vi" && u.Lang != "en" {
		return E(EINVALID, "lang", "user.bad_lang")
	}
	return nil
}

// ValidatePassword checks a new password.
func ValidatePassword(p string) error {
	if len([]rune(p)) < 8 {
		return E(EINVALID, "password", "user.password_short", "min", 8)
	}
	if len(p) > 256 {
		return E(EINVALID, "password", "user.password_long", "max", 256)
	}
	return nil
}

// Session is a logged-in browser.
type Session struct {
	User      *User
	CSRF      string // the token every state-changing form carries
	ExpiresAt time.Time
}

// UserService keeps users and their sessions.
type UserService interface {
	CreateUser(ctx context.Context, u *User, password string) error
	SetPassword(ctx context.Context, name, password string) error
	SetUserLang(ctx context.Context, id int64, lang string) error
	FindUsers(ctx context.Context) ([]*User, error)
	// Login checks a name and password; EUNAUTHORIZED for a wrong pair or a
	// disabled user, in constant time whether or not the user exists.
	Login(ctx context.Context, name, password string) (*User, error)
	// CreateSession starts a session and returns the cookie's secret.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *Session, error)
	// SessionBySecret returns a live session; EUNAUTHORIZED when none.
	SessionBySecret(ctx context.Context, secret string) (*Session, error)
	DeleteSession(ctx context.Context, secret string) error
}
