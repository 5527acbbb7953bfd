package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"catruc/scheduler"
)

var _ scheduler.IncidentService = (*Store)(nil)

// incidentsKey is the setting of the incident plans (unset: the defaults).
const incidentsKey = "incidents"

// FindTeams returns every team, ordered by id.
func (s *Store) FindTeams(ctx context.Context) ([]*scheduler.Team, error) {
	return s.findTeams(ctx, s.rdb, nil)
}

// FindTeamByID returns one team or ENOTFOUND.
func (s *Store) FindTeamByID(ctx context.Context, id int64) (*scheduler.Team, error) {
	return s.findTeamByID(ctx, s.rdb, id)
}

func (s *Store) findTeamByID(ctx context.Context, q queryer, id int64) (*scheduler.Team, error) {
	ts, err := s.findTeams(ctx, q, &id)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, scheduler.NotFound("team", id)
	}
	return ts[0], nil
}

func (s *Store) findTeams(ctx context.Context, q queryer, id *int64) ([]*scheduler.Team, error) {
	var w where
	if id != nil {
		w.add("id = ?", *id)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, kind, members, created_at, updated_at FROM teams`+w.String()+
		` ORDER BY id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := []*scheduler.Team{}
	for rows.Next() {
		var t scheduler.Team
		var members, created, updated string
		if err := rows.Scan(&t.ID, &t.Name, &t.Kind, &members, &created, &updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(members), &t.Members); err != nil {
			return nil, err
		}
		if t.CreatedAt, err = parseTime(created, loc); err != nil {
			return nil, err
		}
		if t.UpdatedAt, err = parseTime(updated, loc); err != nil {
			return nil, err
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// checkTeam validates t and checks that its members' guards exist.
func (s *Store) checkTeam(ctx context.Context, q queryer, t *scheduler.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	for i, m := range t.Members {
		if m.GuardID == nil {
			continue
		}
		if _, err := s.findGuardByID(ctx, q, *m.GuardID); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, fmt.Sprintf("members[%d].guard_id", i), "guard.unknown", "guard_id", *m.GuardID)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// CreateTeam validates and stores t, setting its id and times.
func (s *Store) CreateTeam(ctx context.Context, t *scheduler.Team) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.createTeam(ctx, tx, t) })
}

func (s *Store) createTeam(ctx context.Context, tx *sql.Tx, t *scheduler.Team) error {
	if err := s.checkTeam(ctx, tx, t); err != nil {
		return err
	}
	members, err := json.Marshal(t.Members)
	if err != nil {
		return err
	}
	now := s.now()
	res, err := tx.ExecContext(ctx, `INSERT INTO teams (name, kind, members, created_at, updated_at) VALUES (?,?,?,?,?)`,
		t.Name, t.Kind, string(members), fmtTime(now), fmtTime(now))
	if err != nil {
		return translate(err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	stored, err := s.findTeamByID(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	*t = *stored
	return s.audit(ctx, tx, "create", "team", t.ID, nil, t)
}

// UpdateTeam loads a team, lets fn change it, validates and stores it.
func (s *Store) UpdateTeam(ctx context.Context, id int64, fn func(*scheduler.Team) error) (*scheduler.Team, error) {
	var out *scheduler.Team
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findTeamByID(ctx, tx, id)
		if err != nil {
			return err
		}
		t := *before
		t.Members = append([]scheduler.TeamMember(nil), before.Members...)
		if err := fn(&t); err != nil {
			return err
		}
		if err := s.checkTeam(ctx, tx, &t); err != nil {
			return err
		}
		members, err := json.Marshal(t.Members)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE teams SET name = ?, kind = ?, members = ?, updated_at = ? WHERE id = ?`,
			t.Name, t.Kind, string(members), fmtTime(s.now()), id); err != nil {
			return err
		}
		if out, err = s.findTeamByID(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "team", id, before, out)
	})
	return out, err
}

// DeleteTeam removes a team that no stored incident plan calls out.
func (s *Store) DeleteTeam(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		before, err := s.findTeamByID(ctx, tx, id)
		if err != nil {
			return err
		}
		var plans []scheduler.IncidentPlan
		if _, err := getSetting(ctx, tx, incidentsKey, &plans); err != nil {
			return err
		}
		for _, p := range plans {
			for _, tid := range p.Responders.TeamIDs {
				if tid == id {
					return scheduler.E(scheduler.ECONFLICT, "", "team.in_plan", "team_id", id, "kind", p.Kind)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM teams WHERE id = ?`, id); err != nil {
			return translate(err)
		}
		return s.audit(ctx, tx, "delete", "team", id, before, nil)
	})
}

// IncidentPlans returns the plans, one per kind: the stored ones, else the defaults.
func (s *Store) IncidentPlans(ctx context.Context) ([]scheduler.IncidentPlan, error) {
	return s.incidentPlans(ctx, s.rdb)
}

func (s *Store) incidentPlans(ctx context.Context, q queryer) ([]scheduler.IncidentPlan, error) {
	var plans []scheduler.IncidentPlan
	ok, err := getSetting(ctx, q, incidentsKey, &plans)
	if err != nil || ok {
		return plans, err
	}
	teams, err := s.findTeams(ctx, q, nil)
	if err != nil {
		return nil, err
	}
	return scheduler.DefaultIncidentPlans(teams), nil
}

// SetIncidentPlans validates and stores the plans; kinds not given keep theirs.
func (s *Store) SetIncidentPlans(ctx context.Context, plans []scheduler.IncidentPlan) ([]scheduler.IncidentPlan, error) {
	var out []scheduler.IncidentPlan
	err := s.write(ctx, func(tx *sql.Tx) error {
		cur, err := s.incidentPlans(ctx, tx)
		if err != nil {
			return err
		}
		teams, err := s.findTeams(ctx, tx, nil)
		if err != nil {
			return err
		}
		ids := map[int64]bool{}
		for _, t := range teams {
			ids[t.ID] = true
		}
		if out, err = scheduler.ValidateIncidentPlans(plans, cur, func(id int64) bool { return ids[id] }); err != nil {
			return err
		}
		return s.putSetting(ctx, tx, incidentsKey, cur, out)
	})
	return out, err
}
