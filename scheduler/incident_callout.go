package scheduler

import (
	"context"
	"strings"
	"time"
)

// Incident is a crowd, a fire, a storm … at a post, declared by a guard or a
// manager, and the callout it started.
type Incident struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"` // one of IncidentKinds
	PostID    int64  `json:"post_id"`
	Title     string `json:"title"`
	Note      string `json:"note"`
	Headcount int    `json:"headcount"` // how many people (a crowd's size); 0: not known
	Status    string `json:"status"`    // IncidentOpen or IncidentClosed
	// DeclaredBy is who declared it (the actor: a user or token name).
	DeclaredBy string     `json:"declared_by"`
	DeclaredAt time.Time  `json:"declared_at"`
	Outcome    string     `json:"outcome"`
	ClosedBy   string     `json:"closed_by,omitempty"`
	ClosedAt   *time.Time `json:"closed_at"`
	// AckWithinMinutes and Checklist are the plan's at the declaration.
	AckWithinMinutes int             `json:"ack_within_minutes"`
	Checklist        []string        `json:"checklist"`
	EscalatedAt      *time.Time      `json:"escalated_at"`
	Responders       []Responder     `json:"responders"`
	Timeline         []TimelineEntry `json:"timeline"`
	ResponseTimes    ResponseTimes   `json:"response_times"`
}

// Responder is one person or post called out by an incident.
type Responder struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`    // ResponderPolice, ResponderGuard, ResponderManager or ResponderTeam
	Channel string `json:"channel"` // ChannelEmail, ChannelWebhook, ChannelPhone or ChannelNone
	Phone   string `json:"phone"`   // to call them
	Email   string `json:"-"`
	GuardID *int64 `json:"guard_id,omitempty"`
	TeamID  *int64 `json:"team_id,omitempty"`
	PostID  *int64 `json:"post_id,omitempty"` // the police post a ResponderPolice stands for
	// Escalation marks a responder added when the callout escalated.
	Escalation bool       `json:"escalation"`
	NotifiedAt *time.Time `json:"notified_at"`
	AckedAt    *time.Time `json:"acked_at"`
	// Delivery is how the outbox fared with the responder's messages:
	// DeliverySent when one reached them, DeliveryPending while they wait
	// (DeliveryError says why the last attempt failed), DeliveryFailed when
	// every one was given up; "" when nothing was sent (a phone call).
	Delivery      string `json:"delivery"`
	DeliveryError string `json:"delivery_error,omitempty"`
}

// Deliveries of a responder's callout messages.
const (
	DeliverySent    = "sent"
	DeliveryPending = "pending"
	DeliveryFailed  = "failed"
)

// TimelineEntry is one step of an incident, in order of At then ID.
type TimelineEntry struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	Kind        string    `json:"kind"` // Timeline*
	Actor       string    `json:"actor,omitempty"`
	ResponderID *int64    `json:"responder_id,omitempty"`
	Name        string    `json:"name,omitempty"`    // the responder's
	Channel     string    `json:"channel,omitempty"` // of a notification
	Note        string    `json:"note,omitempty"`
}

// ResponseTimes are the seconds from the declaration to the first
// acknowledgement and to the police post's; nil while there is none.
type ResponseTimes struct {
	FirstAckSeconds  *int64 `json:"first_ack_seconds"`
	PoliceAckSeconds *int64 `json:"police_ack_seconds"`
}

// ComputeResponseTimes fills inc.ResponseTimes from its responders.
func ComputeResponseTimes(inc *Incident) {
	var rt ResponseTimes
	for _, r := range inc.Responders {
		if r.AckedAt == nil {
			continue
		}
		s := int64(r.AckedAt.Sub(inc.DeclaredAt) / time.Second)
		if rt.FirstAckSeconds == nil || s < *rt.FirstAckSeconds {
			v := s
			rt.FirstAckSeconds = &v
		}
		if r.Kind == ResponderPolice && (rt.PoliceAckSeconds == nil || s < *rt.PoliceAckSeconds) {
			v := s
			rt.PoliceAckSeconds = &v
		}
	}
	inc.ResponseTimes = rt
}

// EscalationDue reports whether inc must escalate at now: it is open, has
// not escalated, called out a police post, no police post acknowledged, and
// AckWithinMinutes have passed since the declaration.
func EscalationDue(inc *Incident, now time.Time) bool {
	if inc.Status != IncidentOpen || inc.EscalatedAt != nil {
		return false
	}
	police := false
	for _, r := range inc.Responders {
		if r.Kind == ResponderPolice {
			if r.AckedAt != nil {
				return false
			}
			police = true
		}
	}
	return police && !now.Before(inc.DeclaredAt.Add(time.Duration(inc.AckWithinMinutes)*time.Minute))
}

// CalloutInput is what a callout is worked out from.
type CalloutInput struct {
	Plan        IncidentPlan
	PolicePosts []*Post  // the active police posts
	OnDuty      []*Guard // the office's guards on duty now (not away)
	Managers    []Person
	Teams       []*Team // the plan's teams
}

// Callout lists whom an incident calls out under its plan, in order: the
// police post, the guards on duty, the managers, the teams' members. Each
// person is called once: a team member who is a guard already called, or
// anyone whose email was called already, is left out.
func Callout(in CalloutInput) []Responder {
	var out []Responder
	guards := map[int64]bool{}
	emails := map[string]bool{}
	add := func(r Responder) {
		if r.GuardID != nil && guards[*r.GuardID] {
			return
		}
		e := strings.ToLower(strings.TrimSpace(r.Email))
		if e != "" && emails[e] {
			return
		}
		if r.GuardID != nil {
			guards[*r.GuardID] = true
		}
		if e != "" {
			emails[e] = true
		}
		out = append(out, r)
	}
	p := in.Plan.Responders
	if p.PolicePost {
		for _, post := range in.PolicePosts {
			id := post.ID
			name := post.Contact.Name
			if name == "" {
				name = post.Name
			}
			add(Responder{Name: name, Kind: ResponderPolice, Phone: post.Contact.Phone, Email: post.Contact.Email, PostID: &id})
		}
	}
	if p.OnDuty {
		for _, g := range in.OnDuty {
			id := g.ID
			add(Responder{Name: g.Name, Kind: ResponderGuard, Phone: g.Phone, Email: g.Email, GuardID: &id})
		}
	}
	if p.Managers {
		for _, m := range in.Managers {
			add(Responder{Name: m.Name, Kind: ResponderManager, Email: m.Email})
		}
	}
	for _, t := range in.Teams {
		tid := t.ID
		for _, m := range t.Members {
			add(Responder{Name: m.Name, Kind: ResponderTeam, Phone: m.Phone, Email: m.Email, GuardID: m.GuardID, TeamID: &tid})
		}
	}
	return out
}

// IncidentInput is what a declaration gives.
type IncidentInput struct {
	Kind      string `json:"kind"`
	PostID    int64  `json:"post_id"`
	Title     string `json:"title"`
	Note      string `json:"note"`
	Headcount int    `json:"headcount"`
}

// Validate checks a declaration (the store checks that the post exists).
func (in *IncidentInput) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Note = strings.TrimSpace(in.Note)
	if !oneOf(in.Kind, IncidentKinds) {
		return E(EINVALID, "kind", "incident.kind_unknown", "kinds", IncidentKinds)
	}
	if in.PostID <= 0 {
		return E(EINVALID, "post_id", "common.required")
	}
	if in.Title == "" {
		return E(EINVALID, "title", "common.required")
	}
	if err := validateLine("title", in.Title, MaxIncidentTitle); err != nil {
		return err
	}
	if err := validateText("note", in.Note, false, MaxIncidentNote); err != nil {
		return err
	}
	if in.Headcount < 0 || in.Headcount > MaxIncidentHeadcount {
		return E(EINVALID, "headcount", "common.range", "min", 0, "max", MaxIncidentHeadcount)
	}
	return nil
}

// ValidateIncidentText checks an update's note or a closing outcome.
func ValidateIncidentText(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return s, E(EINVALID, field, "common.required")
	}
	return s, validateText(field, s, true, MaxIncidentNote)
}

// IncidentFilter selects incidents; zero fields select all. From and To
// select those declared in [From, To).
type IncidentFilter struct {
	ID     *int64
	Status string
	Kind   string
	PostID *int64
	From   *time.Time
	To     *time.Time
	Limit  int // 0: 500
}

// Ack results: what an acknowledge link did, or (AckPending) would do.
const (
	AckPending = "pending" // the link is good and not yet used (shown before the acknowledgement is sent)
	AckDone    = "acknowledged"
	AckAlready = "already"
	AckExpired = "expired"
	AckUnknown = "unknown"
)

// AckResult is what following an acknowledge link did.
type AckResult struct {
	Status    string // AckPending, AckDone, AckAlready, AckExpired or AckUnknown
	Incident  *Incident
	Responder *Responder
}

// CalloutOptions are the door's part of a callout: the public address the
// acknowledge links start with.
type CalloutOptions struct {
	BaseURL string
}

// IncidentService keeps teams, incident plans and incidents.
type IncidentService interface {
	TeamService
	// IncidentPlans returns the plans, one per kind (the defaults until set).
	IncidentPlans(ctx context.Context) ([]IncidentPlan, error)
	// SetIncidentPlans validates and stores plans (see ValidateIncidentPlans).
	SetIncidentPlans(ctx context.Context, plans []IncidentPlan) ([]IncidentPlan, error)
	// DeclareIncident stores an incident and, in the same transaction, its
	// callout: the responders, their acknowledge links and the
	// notifications. EINVALID (post_id naming no post included).
	DeclareIncident(ctx context.Context, in IncidentInput, opt CalloutOptions) (*Incident, error)
	// FindIncidents lists incidents, newest first, without their timelines.
	FindIncidents(ctx context.Context, f IncidentFilter) ([]*Incident, error)
	// FindIncidentByID returns an incident with its timeline; ENOTFOUND.
	FindIncidentByID(ctx context.Context, id int64) (*Incident, error)
	// AddIncidentUpdate adds a note to the timeline; ENOTFOUND, ECONFLICT when closed.
	AddIncidentUpdate(ctx context.Context, id int64, note string) (*Incident, error)
	// CloseIncident closes it with an outcome; ENOTFOUND, ECONFLICT when closed.
	CloseIncident(ctx context.Context, id int64, outcome string) (*Incident, error)
	// AcknowledgeIncident follows an acknowledge link (no login needed).
	AcknowledgeIncident(ctx context.Context, secret string) (AckResult, error)
	// PeekIncidentAck tells what following the link would do (AckPending for
	// a good one not yet used) and changes nothing.
	PeekIncidentAck(ctx context.Context, secret string) (AckResult, error)
	// EscalateIncidents escalates every incident due at now (EscalationDue)
	// and returns them.
	EscalateIncidents(ctx context.Context, now time.Time) ([]*Incident, error)
}
