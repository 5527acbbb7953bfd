package scheduler

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Team kinds: the office's reserve teams besides its guards.
const (
	TeamSelfDefence = "self_defence" // trung đội tự vệ
	TeamFire        = "fire"         // đội phòng cháy chữa cháy (PCCC)
	TeamFlood       = "flood"        // đội phòng chống lụt bão
	TeamOther       = "other"
)

// TeamKinds lists the team kinds in display order.
var TeamKinds = []string{TeamSelfDefence, TeamFire, TeamFlood, TeamOther}

// MaxTeamMembers bounds a team's members.
const MaxTeamMembers = 100

// Team is a reserve team an incident may call out: the self-defence
// platoon, the fire-fighting team, the flood and storm team.
type Team struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	Kind      string       `json:"kind"` // one of TeamKinds
	Members   []TeamMember `json:"members"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// TeamMember is one person of a team; GuardID links one who is also a guard
// (so that a callout reaches them once).
type TeamMember struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	GuardID *int64 `json:"guard_id"`
}

// Validate checks a team as it would be stored (the store checks that the
// members' guards exist), trimming its texts.
func (t *Team) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	if err := validateText("name", t.Name, true, 200); err != nil {
		return err
	}
	if strings.ContainsAny(t.Name, "\n\t") {
		return E(EINVALID, "name", "common.control_char")
	}
	if !oneOf(t.Kind, TeamKinds) {
		return E(EINVALID, "kind", "team.kind_unknown", "kinds", TeamKinds)
	}
	if t.Members == nil {
		t.Members = []TeamMember{}
	}
	if len(t.Members) > MaxTeamMembers {
		return E(EINVALID, "members", "team.too_many_members", "max", MaxTeamMembers)
	}
	for i := range t.Members {
		m := &t.Members[i]
		f := fmt.Sprintf("members[%d]", i)
		m.Name = strings.TrimSpace(m.Name)
		if err := validateText(f+".name", m.Name, true, 200); err != nil {
			return err
		}
		c := Contact{Name: m.Name, Phone: m.Phone, Email: m.Email}
		if err := c.validate(f); err != nil {
			return err
		}
		m.Phone, m.Email = c.Phone, c.Email
		if m.GuardID != nil && *m.GuardID <= 0 {
			return E(EINVALID, f+".guard_id", "guard.unknown", "guard_id", *m.GuardID)
		}
	}
	return nil
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TeamService persists teams.
type TeamService interface {
	// FindTeams returns every team, ordered by id.
	FindTeams(ctx context.Context) ([]*Team, error)
	// FindTeamByID returns ENOTFOUND if there is no such team.
	FindTeamByID(ctx context.Context, id int64) (*Team, error)
	// CreateTeam validates and stores t; EINVALID (a member's guard_id
	// naming no guard included).
	CreateTeam(ctx context.Context, t *Team) error
	// UpdateTeam loads the team, lets fn change it, validates and stores it
	// in one transaction. ENOTFOUND, EINVALID.
	UpdateTeam(ctx context.Context, id int64, fn func(*Team) error) (*Team, error)
	// DeleteTeam removes a team; ECONFLICT while an incident plan calls it out.
	DeleteTeam(ctx context.Context, id int64) error
}
