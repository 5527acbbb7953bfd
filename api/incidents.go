package api

import (
	"net/http"
	"strconv"

	"catruc/scheduler"
	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// The duty desk's reserve teams, incident plans and incidents. The routes
// are in the table of server.go; these are their handlers.

// newTeam is what POST /api/v1/teams starts from.
func newTeam() *scheduler.Team { return &scheduler.Team{Members: []scheduler.TeamMember{}} }

// GET /api/v1/teams
func (s *Server) listTeams(c echo.Context) error {
	ts, err := s.store.FindTeams(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ts)
}

// GET /api/v1/settings/incidents — one plan per kind (the defaults until set).
func (s *Server) getIncidentPlans(c echo.Context) error {
	ps, err := s.store.IncidentPlans(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ps)
}

// PUT /api/v1/settings/incidents — [{kind, responders, ack_within_minutes,
// checklist}]; kinds left out keep their plan. Answers with all the plans.
func (s *Server) putIncidentPlans(c echo.Context) error {
	var ps []scheduler.IncidentPlan
	if err := bind(c, &ps); err != nil {
		return err
	}
	out, err := s.store.SetIncidentPlans(c.Request().Context(), ps)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// POST /api/v1/incidents {kind, post_id, title, note, headcount} — a guard or
// a manager declares an incident: 201 with the incident and its responders;
// the callout is in the outbox already.
func (s *Server) declareIncident(c echo.Context) error {
	var in scheduler.IncidentInput
	if err := bind(c, &in); err != nil {
		return err
	}
	inc, err := s.store.DeclareIncident(c.Request().Context(), in, scheduler.CalloutOptions{BaseURL: s.baseURL})
	if err != nil {
		return err
	}
	s.hub.PublishIncident(engine.TypeIncidentDeclared, inc)
	s.wakeSender()
	return c.JSON(http.StatusCreated, inc)
}

// wakeSender tells the sender that notifications were queued.
func (s *Server) wakeSender() {
	if s.wake == nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// GET /api/v1/incidents?status=open|closed&kind=&post_id=&from=&to=&limit= —
// newest first, by the time of declaration.
func (s *Server) listIncidents(c echo.Context) error {
	var f scheduler.IncidentFilter
	var err error
	if f.From, f.To, err = s.queryRange(c); err != nil {
		return err
	}
	if f.PostID, err = queryID(c, "post_id"); err != nil {
		return err
	}
	f.Status = c.QueryParam("status")
	if f.Status != "" && f.Status != scheduler.IncidentOpen && f.Status != scheduler.IncidentClosed {
		return scheduler.E(scheduler.EINVALID, "status", "incident.status_filter")
	}
	f.Kind = c.QueryParam("kind")
	if f.Kind != "" {
		known := false
		for _, k := range scheduler.IncidentKinds {
			known = known || k == f.Kind
		}
		if !known {
			return scheduler.E(scheduler.EINVALID, "kind", "incident.kind_unknown", "kinds", scheduler.IncidentKinds)
		}
	}
	if l := c.QueryParam("limit"); l != "" {
		if f.Limit, err = strconv.Atoi(l); err != nil || f.Limit < 1 || f.Limit > 5000 {
			return scheduler.E(scheduler.EINVALID, "limit", "api.limit_range", "min", 1, "max", 5000)
		}
	}
	out, err := s.store.FindIncidents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// POST /api/v1/incidents/:id/updates {note} — adds to the timeline.
func (s *Server) addIncidentUpdate(c echo.Context) error {
	var body struct {
		Note string `json:"note"`
	}
	return s.incidentAction(c, &body, engine.TypeIncidentUpdated, func(id int64) (*scheduler.Incident, error) {
		return s.store.AddIncidentUpdate(c.Request().Context(), id, body.Note)
	})
}

// POST /api/v1/incidents/:id/close {outcome}
func (s *Server) closeIncident(c echo.Context) error {
	var body struct {
		Outcome string `json:"outcome"`
	}
	return s.incidentAction(c, &body, engine.TypeIncidentClosed, func(id int64) (*scheduler.Incident, error) {
		return s.store.CloseIncident(c.Request().Context(), id, body.Outcome)
	})
}

func (s *Server) incidentAction(c echo.Context, body any, typ string, act func(id int64) (*scheduler.Incident, error)) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := bind(c, body); err != nil {
		return err
	}
	inc, err := act(id)
	if err != nil {
		return err
	}
	s.hub.PublishIncident(typ, inc)
	return c.JSON(http.StatusOK, inc)
}
