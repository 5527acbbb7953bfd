package scheduler

import (
	"context"
	"regexp"
	"time"
)

// Roles, from most to least powerful.
const (
	RoleAdmin   = "admin"   // everything, including tokens and settings
	RoleManager = "manager" // writes the roster
	RoleGuard   = "guard"   // reads; later: own time off and calendar links
	RoleViewer  = "viewer"  // reads only (e.g. the police liaison)
)

// Roles lists the roles.
var Roles = []string{RoleAdmin, RoleManager, RoleGuard, RoleViewer}

// ValidRole reports whether r is a role.
func ValidRole(r string) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Token is an API token. The secret itself is shown once at creation and
// stored only as a SHA-256 hash.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	GuardID    *int64     `json:"guard_id"` // for role guard: whose token it is
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

var tokenNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// ValidateTokenName checks a token's name.
func ValidateTokenName(name string) error {
	if !tokenNameRE.MatchString(name) {
		return E(EINVALID, "name", "token.bad_name")
	}
	return nil
}

// TokenService issues and checks API tokens.
type TokenService interface {
	// CreateToken issues a token and returns its secret, shown only now.
	// ECONFLICT if an unrevoked token has the name.
	CreateToken(ctx context.Context, name, role string, guardID *int64) (secret string, t *Token, err error)
	// Authenticate returns the token of secret; EUNAUTHORIZED if it is
	// unknown or revoked.
	Authenticate(ctx context.Context, secret string) (*Token, error)
	// FindTokens lists tokens, revoked ones too.
	FindTokens(ctx context.Context) ([]*Token, error)
	// RevokeToken revokes the unrevoked token of that name; ENOTFOUND.
	RevokeToken(ctx context.Context, name string) error
}
