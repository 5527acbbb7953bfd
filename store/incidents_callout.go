package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/render"
)

// DeclareIncident stores an incident and its callout in one transaction:
// whom its kind's plan calls (scheduler.Callout), an acknowledge link for
// each, and every email and webhook of the callout in the outbox.
func (s *Store) DeclareIncident(ctx context.Context, in scheduler.IncidentInput, opt scheduler.CalloutOptions) (*scheduler.Incident, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *scheduler.Incident
	err := s.write(ctx, func(tx *sql.Tx) error {
		post, err := s.findPostByID(ctx, tx, in.PostID)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return scheduler.E(scheduler.EINVALID, "post_id", "post.unknown", "post_id", in.PostID)
		} else if err != nil {
			return err
		}
		now := s.now()
		plans, err := s.incidentPlans(ctx, tx)
		if err != nil {
			return err
		}
		plan := scheduler.PlanFor(plans, in.Kind)
		cin, ns, err := s.calloutInput(ctx, tx, plan, now)
		if err != nil {
			return err
		}
		inc := &scheduler.Incident{Kind: in.Kind, PostID: in.PostID, Title: in.Title, Note: in.Note, Headcount: in.Headcount,
			Status: scheduler.IncidentOpen, DeclaredBy: scheduler.ActorFrom(ctx), DeclaredAt: now,
			AckWithinMinutes: plan.AckWithinMinutes, Checklist: plan.Checklist}
		if err := s.insertIncident(ctx, tx, inc, opt.BaseURL); err != nil {
			return err
		}
		c := callout{s: s, tx: tx, inc: inc, post: post, ns: ns, base: opt.BaseURL, now: now}
		for _, r := range scheduler.Callout(cin) {
			if err := c.call(ctx, r, false); err != nil {
				return err
			}
		}
		if _, err := s.enqueue(ctx, tx, c.queue); err != nil {
			return err
		}
		if out, err = s.findIncidentByID(ctx, tx, inc.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "declare", "incident", inc.ID, nil, out)
	})
	return out, err
}

func (s *Store) insertIncident(ctx context.Context, tx *sql.Tx, inc *scheduler.Incident, base string) error {
	if inc.Checklist == nil {
		inc.Checklist = []string{}
	}
	checklist, err := json.Marshal(inc.Checklist)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO incidents (kind, post_id, title, note, headcount, status, declared_by,
		declared_at, ack_within_minutes, checklist, base_url) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, inc.Kind, inc.PostID, inc.Title,
		inc.Note, inc.Headcount, inc.Status, inc.DeclaredBy, fmtTime(inc.DeclaredAt), inc.AckWithinMinutes, string(checklist), base)
	if err != nil {
		return translate(err)
	}
	if inc.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return s.addTimeline(ctx, tx, inc.ID, inc.DeclaredAt, scheduler.TimelineDeclared, nil, "", inc.Title)
}

// calloutInput loads whom a plan may call at now: the active police posts,
// the office's guards on duty now (a guard away on approved time off is not),
// the managers, the plan's teams.
func (s *Store) calloutInput(ctx context.Context, tx *sql.Tx, plan scheduler.IncidentPlan, now time.Time) (scheduler.CalloutInput, scheduler.NotificationSettings, error) {
	in := scheduler.CalloutInput{Plan: plan}
	ns, err := s.notificationSettings(ctx, tx)
	if err != nil {
		return in, ns, err
	}
	in.Managers = ns.Managers
	active := true
	if in.PolicePosts, err = s.findPosts(ctx, tx, scheduler.PostFilter{Kind: scheduler.PostKindPolice, Active: &active}); err != nil {
		return in, ns, err
	}
	officePosts, err := s.findPosts(ctx, tx, scheduler.PostFilter{Kind: scheduler.PostKindGuard})
	if err != nil {
		return in, ns, err
	}
	office := map[int64]bool{}
	for _, p := range officePosts {
		office[p.ID] = true
	}
	end := now.Add(time.Second)
	shifts, err := s.findShifts(ctx, tx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &now, To: &end})
	if err != nil {
		return in, ns, err
	}
	seen := map[int64]bool{}
	for _, sh := range shifts {
		if sh.GuardID == nil || !office[sh.PostID] || sh.AbsentAt(now) != nil || seen[*sh.GuardID] {
			continue
		}
		seen[*sh.GuardID] = true
		g, err := s.findGuardByID(ctx, tx, *sh.GuardID)
		if err != nil {
			return in, ns, err
		}
		in.OnDuty = append(in.OnDuty, g)
	}
	for _, id := range plan.Responders.TeamIDs {
		t, err := s.findTeamByID(ctx, tx, id)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			continue // a plan never names a deleted team; be safe
		} else if err != nil {
			return in, ns, err
		}
		in.Teams = append(in.Teams, t)
	}
	return in, ns, nil
}

// callout writes the responders of one incident and queues their messages.
type callout struct {
	s     *Store
	tx    *sql.Tx
	inc   *scheduler.Incident
	post  *scheduler.Post
	ns    scheduler.NotificationSettings
	base  string
	now   time.Time
	queue []*scheduler.Notification
}

// hooks are the webhooks that want the callouts.
func (c *callout) hooks() []scheduler.Webhook {
	var out []scheduler.Webhook
	for _, h := range c.ns.Webhooks {
		if h.Wants(scheduler.TypeIncidentCallout) {
			out = append(out, h)
		}
	}
	return out
}

// call stores responder r (new when r.ID is 0) and queues its message, with
// a fresh acknowledge link: by email if it has one, and to every webhook
// that wants callouts when it has any contact; resend marks the escalation.
func (c *callout) call(ctx context.Context, r scheduler.Responder, resend bool) error {
	hooks := c.hooks()
	if r.Phone == "" && r.Email == "" {
		hooks = nil
	}
	r.Channel = scheduler.ChannelNone
	switch {
	case r.Email != "":
		r.Channel = scheduler.ChannelEmail
	case len(hooks) > 0:
		r.Channel = scheduler.ChannelWebhook
	case r.Phone != "":
		r.Channel = scheduler.ChannelPhone
	}
	reached := r.Email != "" || len(hooks) > 0
	if r.ID == 0 {
		if err := c.insertResponder(ctx, &r, reached); err != nil {
			return err
		}
	} else if reached && r.NotifiedAt == nil {
		if _, err := c.tx.ExecContext(ctx, `UPDATE incident_responders SET notified_at = ? WHERE id = ?`, fmtTime(c.now), r.ID); err != nil {
			return err
		}
	}
	if !reached {
		return nil
	}
	secret, err := c.s.newAckLink(ctx, c.tx, r.ID, c.now)
	if err != nil {
		return err
	}
	msg, err := render.IncidentCallout(render.IncidentCall{Incident: c.inc, Responder: &r, PostName: c.post.Name,
		Site: c.post.Site, AckURL: strings.TrimRight(c.base, "/") + "/ack/" + secret, Escalation: resend}, c.s.Location())
	if err != nil {
		return err
	}
	var emails []string
	if r.Email != "" {
		emails = []string{r.Email}
	}
	typ, step := scheduler.TypeIncidentCallout, "callout"
	if resend {
		typ, step = scheduler.TypeIncidentEscalated, "escalated"
	}
	key := fmt.Sprintf("incident:%d:r%d:%s", c.inc.ID, r.ID, step)
	c.queue = append(c.queue, render.FanOut(key, typ, msg, emails, hooks)...)
	rid := r.ID
	return c.s.addTimeline(ctx, c.tx, c.inc.ID, c.now, scheduler.TimelineNotified, &rid, r.Channel, "")
}

func (c *callout) insertResponder(ctx context.Context, r *scheduler.Responder, reached bool) error {
	var notified any
	if reached {
		notified = fmtTime(c.now)
	}
	res, err := c.tx.ExecContext(ctx, `INSERT INTO incident_responders (incident_id, name, kind, channel, phone, email,
		guard_id, team_id, post_id, escalation, notified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, c.inc.ID, r.Name, r.Kind,
		r.Channel, r.Phone, r.Email, r.GuardID, r.TeamID, r.PostID, boolInt(r.Escalation), notified)
	if err != nil {
		return err
	}
	r.ID, err = res.LastInsertId()
	return err
}

// newAckLink makes an acknowledge link's secret for a responder, valid
// scheduler.AckTokenTTL from now; only its SHA-256 is kept.
func (s *Store) newAckLink(ctx context.Context, tx *sql.Tx, responderID int64, now time.Time) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	secret := base64.RawURLEncoding.EncodeToString(b)
	_, err := tx.ExecContext(ctx, `INSERT INTO incident_acks (responder_id, hash, created_at, expires_at) VALUES (?,?,?,?)`,
		responderID, hashSecret(secret), fmtTime(now), fmtTime(now.Add(scheduler.AckTokenTTL)))
	return secret, err
}

// EscalateIncidents escalates, once each, the open incidents whose police
// post has not acknowledged within their plan's minutes: the callout is sent
// again to the police post, and to the managers and the escalation contacts
// of the notification settings (added as responders if the callout did not
// call them), each with a fresh link, in one transaction per incident.
func (s *Store) EscalateIncidents(ctx context.Context, now time.Time) ([]*scheduler.Incident, error) {
	open, _, err := s.findIncidents(ctx, s.rdb, scheduler.IncidentFilter{Status: scheduler.IncidentOpen, Limit: 5000})
	if err != nil {
		return nil, err
	}
	out := []*scheduler.Incident{}
	for _, inc := range open {
		if !scheduler.EscalationDue(inc, now) {
			continue
		}
		var done *scheduler.Incident
		err := s.write(ctx, func(tx *sql.Tx) error {
			var err error
			done, err = s.escalate(ctx, tx, inc.ID, now)
			return err
		})
		if err != nil {
			return out, err
		}
		if done != nil {
			out = append(out, done)
		}
	}
	return out, nil
}

// escalate escalates one incident inside tx if it is still due (nil if not).
func (s *Store) escalate(ctx context.Context, tx *sql.Tx, id int64, now time.Time) (*scheduler.Incident, error) {
	incs, bases, err := s.findIncidents(ctx, tx, scheduler.IncidentFilter{ID: &id})
	if err != nil || len(incs) == 0 || !scheduler.EscalationDue(incs[0], now) {
		return nil, err
	}
	inc := incs[0]
	post, err := s.findPostByID(ctx, tx, inc.PostID)
	if err != nil {
		return nil, err
	}
	ns, err := s.notificationSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE incidents SET escalated_at = ? WHERE id = ?`, fmtTime(now), id); err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%d", inc.AckWithinMinutes)
	if err := s.addTimeline(ctx, tx, id, now, scheduler.TimelineEscalated, nil, "", note); err != nil {
		return nil, err
	}
	c := callout{s: s, tx: tx, inc: inc, post: post, ns: ns, base: bases[id], now: now}
	for _, r := range escalationResponders(inc, ns) {
		if err := c.call(ctx, r, true); err != nil {
			return nil, err
		}
	}
	if _, err := s.enqueue(ctx, tx, c.queue); err != nil {
		return nil, err
	}
	out, err := s.findIncidentByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return out, s.audit(ctx, tx, "escalate", "incident", id, inc, out)
}

// escalationResponders are whom an escalation sends to: the police post
// responders, then the managers and escalation contacts — those already
// called as they are, the others as new responders.
func escalationResponders(inc *scheduler.Incident, ns scheduler.NotificationSettings) []scheduler.Responder {
	var out []scheduler.Responder
	byEmail := map[string]scheduler.Responder{}
	for _, r := range inc.Responders {
		if r.Kind == scheduler.ResponderPolice {
			out = append(out, r)
		}
		if r.Email != "" {
			byEmail[strings.ToLower(r.Email)] = r
		}
	}
	seen := map[string]bool{}
	for _, p := range append(append([]scheduler.Person{}, ns.Managers...), ns.Escalation...) {
		e := strings.ToLower(strings.TrimSpace(p.Email))
		if e == "" || seen[e] {
			continue
		}
		seen[e] = true
		if r, ok := byEmail[e]; ok {
			if r.Kind != scheduler.ResponderPolice {
				out = append(out, r)
			}
			continue
		}
		out = append(out, scheduler.Responder{Name: p.Name, Kind: scheduler.ResponderManager, Email: p.Email, Escalation: true})
	}
	return out
}
