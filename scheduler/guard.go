package scheduler

import (
	"context"
	"strings"
	"time"
)

// Units a guard can belong to. Any other team name is allowed too.
const (
	UnitOffice = "office" // the office's own guards, bound by the Labor Code rules
	UnitPolice = "police" // officers of the police squad, another force
)

// DefaultRestDay is the weekly rest day of a guard unless set: Sunday (ISO weekday 7).
const DefaultRestDay = 7

// Guard is a person who can hold posts: an office guard or a police officer.
type Guard struct {
	ID     int64    `json:"id"`
	Name   string   `json:"name"`
	Phone  string   `json:"phone"`
	Email  string   `json:"email"`
	Unit   string   `json:"unit"`
	Skills []string `json:"skills"`
	// PostIDs are the posts the guard may hold.
	PostIDs []int64 `json:"post_ids"`
	// RestDay is the guard's weekly rest day, an ISO weekday: 1 Monday …
	// 7 Sunday (the default; 0 on input means it). The timesheet pays work
	// on it at the rest-day rate.
	RestDay   int       `json:"rest_day"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks a guard as it would be stored (references are checked by the store).
func (g *Guard) Validate() error {
	g.Name = strings.TrimSpace(g.Name)
	g.Phone = strings.TrimSpace(g.Phone)
	g.Email = strings.TrimSpace(g.Email)
	g.Unit = strings.TrimSpace(g.Unit)
	if err := validateText("name", g.Name, true, 200); err != nil {
		return err
	}
	if err := validatePhone("phone", g.Phone); err != nil {
		return err
	}
	if err := validateEmail("email", g.Email); err != nil {
		return err
	}
	if g.Unit == "" {
		return E(EINVALID, "unit", "guard.unit_required")
	}
	if err := validateText("unit", g.Unit, true, 100); err != nil {
		return err
	}
	skills := []string{}
	seen := map[string]bool{}
	for _, s := range g.Skills {
		s = strings.TrimSpace(s)
		if s == "" {
			return E(EINVALID, "skills", "guard.skill_empty")
		}
		if err := validateText("skills", s, true, 100); err != nil {
			return err
		}
		if !seen[s] {
			seen[s] = true
			skills = append(skills, s)
		}
	}
	if len(skills) > 50 {
		return E(EINVALID, "skills", "guard.too_many_skills", "max", 50)
	}
	g.Skills = skills
	ids := []int64{}
	seenID := map[int64]bool{}
	for _, id := range g.PostIDs {
		if id <= 0 {
			return E(EINVALID, "post_ids", "post.bad_id", "post_id", id)
		}
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	g.PostIDs = ids
	if g.RestDay == 0 {
		g.RestDay = DefaultRestDay
	}
	if g.RestDay < 1 || g.RestDay > 7 {
		return E(EINVALID, "rest_day", "guard.rest_day_range", "value", g.RestDay)
	}
	return nil
}

// MayHold reports whether the guard is allowed at the post.
func (g *Guard) MayHold(postID int64) bool {
	for _, id := range g.PostIDs {
		if id == postID {
			return true
		}
	}
	return false
}

// GuardFilter selects guards; zero fields select all.
type GuardFilter struct {
	ID     *int64
	PostID *int64 // guards allowed at this post
	Unit   string
	Active *bool
}

// GuardService persists guards.
type GuardService interface {
	// FindGuards returns the guards that match, ordered by id.
	FindGuards(ctx context.Context, f GuardFilter) ([]*Guard, error)
	// FindGuardByID returns ENOTFOUND if there is no such guard.
	FindGuardByID(ctx context.Context, id int64) (*Guard, error)
	// CreateGuard validates and stores g. EINVALID (field post_ids) for an unknown post.
	CreateGuard(ctx context.Context, g *Guard) error
	// UpdateGuard loads, lets fn change, validates and stores in one transaction.
	UpdateGuard(ctx context.Context, id int64, fn func(*Guard) error) (*Guard, error)
	// DeleteGuard removes a guard that nothing refers to; ECONFLICT if shifts
	// or time off refer to the guard (deactivate instead).
	DeleteGuard(ctx context.Context, id int64) error
}
