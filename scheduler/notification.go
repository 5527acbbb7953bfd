package scheduler

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// Notification channels.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// Notification statuses.
const (
	NotifyPending = "pending"
	NotifySent    = "sent"
	NotifyFailed  = "failed" // gave up after the last attempt
)

// Notification types: the webhook "type" and what an email is about.
const (
	TypeAlertOpened    = "alert.opened"
	TypeAlertUpdated   = "alert.updated"
	TypeAlertEscalated = "alert.escalated"
	TypeAlertResolved  = "alert.resolved"
	TypeEventNotice    = "event.notice"
	TypeReminder       = "reminder"
	TypeDigest         = "digest"
	TypeShiftChanged   = "shift.changed"
	TypeTest           = "test"
)

// NotificationTypes lists the types a webhook may subscribe to.
var NotificationTypes = []string{TypeAlertOpened, TypeAlertUpdated, TypeAlertEscalated, TypeAlertResolved,
	TypeEventNotice, TypeReminder, TypeDigest, TypeShiftChanged, TypeTest, TypeIncidentCallout, TypeIncidentEscalated}

// Notification is one message to one recipient, kept in the outbox from the
// moment the change that causes it is written (in the same transaction)
// until it is delivered. Its content is rendered when it is queued, so every
// retry sends the same thing; ID is the stable idempotency id a webhook
// receiver uses to drop repeats.
type Notification struct {
	ID        int64  `json:"id"`
	Channel   string `json:"channel"`   // ChannelEmail or ChannelWebhook
	Recipient string `json:"recipient"` // an email address or a webhook URL
	Type      string `json:"type"`
	Subject   string `json:"subject"`
	// BodyText and BodyHTML are the email's two parts (UTF-8).
	BodyText string `json:"-"`
	BodyHTML string `json:"-"`
	// Data is the webhook payload's "data" member.
	Data json.RawMessage `json:"-"`
	// DedupeKey makes queueing idempotent: a second notification with the
	// same key is not queued.
	DedupeKey     string     `json:"-"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	LastError     string     `json:"last_error"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	CreatedAt     time.Time  `json:"created_at"`
	SentAt        *time.Time `json:"sent_at"`
}

// WebhookID is the stable id of a notification in webhook payloads.
func (n *Notification) WebhookID() string {
	return "ntf_" + itoa(n.ID)
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Contact of a notification list.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// SMTP is how email leaves. Password is write-only through the API.
type SMTP struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	Password string `json:"password,omitempty"`
	From     string `json:"from"`
	TLS      string `json:"tls"` // "none", "starttls" or "tls"
}

// Webhook is a URL that receives signed JSON for the listed types (all when empty).
type Webhook struct {
	URL    string   `json:"url"`
	Secret string   `json:"secret,omitempty"` // write-only through the API
	Events []string `json:"events"`
}

// Wants reports whether the webhook receives notifications of type t.
func (w Webhook) Wants(t string) bool {
	if len(w.Events) == 0 {
		return true
	}
	for _, e := range w.Events {
		if e == t {
			return true
		}
	}
	return false
}

// NotificationSettings say who is told and how.
type NotificationSettings struct {
	Managers             []Person  `json:"managers"`
	Escalation           []Person  `json:"escalation"`
	EscalateAfterMinutes int       `json:"escalate_after_minutes"`
	SMTP                 SMTP      `json:"smtp"`
	Webhooks             []Webhook `json:"webhooks"`
	// AllowPrivateWebhooks lets webhooks go to loopback, private and
	// link-local addresses (a receiver on the office's own network); false
	// refuses them when saved and when sent.
	AllowPrivateWebhooks bool `json:"allow_private_webhooks"`
}

// Validate checks the settings, naming the field at fault, and fills in defaults (TLS, port).
func (ns *NotificationSettings) Validate() error {
	for _, l := range []struct {
		field string
		ps    *[]Person
	}{{"managers", &ns.Managers}, {"escalation", &ns.Escalation}} {
		if *l.ps == nil {
			*l.ps = []Person{}
		}
		for i, p := range *l.ps {
			f := fmt.Sprintf("%s[%d].email", l.field, i)
			a, err := mail.ParseAddress(strings.TrimSpace(p.Email))
			if err != nil || a.Address != strings.TrimSpace(p.Email) {
				return E(EINVALID, f, "common.not_email", "value", p.Email)
			}
			(*l.ps)[i].Email = strings.TrimSpace(p.Email)
			(*l.ps)[i].Name = strings.TrimSpace(p.Name)
		}
	}
	if err := ns.checkSMTPLines(); err != nil {
		return err
	}
	if ns.EscalateAfterMinutes < 1 || ns.EscalateAfterMinutes > 7*24*60 {
		return E(EINVALID, "escalate_after_minutes", "common.range", "min", 1, "max", 7*24*60)
	}
	sm := &ns.SMTP
	sm.Host = strings.TrimSpace(sm.Host)
	if sm.TLS == "" {
		sm.TLS = "starttls"
	}
	if sm.TLS != "none" && sm.TLS != "starttls" && sm.TLS != "tls" {
		return E(EINVALID, "smtp.tls", "smtp.tls_unknown")
	}
	if sm.Port == 0 {
		sm.Port = map[string]int{"none": 25, "starttls": 587, "tls": 465}[sm.TLS]
	}
	if sm.Port < 1 || sm.Port > 65535 {
		return E(EINVALID, "smtp.port", "common.range", "min", 1, "max", 65535)
	}
	if sm.Host != "" {
		if strings.ContainsAny(sm.Host, " /:") {
			return E(EINVALID, "smtp.host", "smtp.host_with_port")
		}
		if a, err := mail.ParseAddress(sm.From); err != nil || sm.From == "" {
			return E(EINVALID, "smtp.from", "smtp.from_not_email")
		} else {
			_ = a
		}
	}
	if ns.Webhooks == nil {
		ns.Webhooks = []Webhook{}
	}
	seen := map[string]bool{}
	for i := range ns.Webhooks {
		w := &ns.Webhooks[i]
		f := fmt.Sprintf("webhooks[%d]", i)
		u, err := url.Parse(w.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return E(EINVALID, f+".url", "webhook.bad_url")
		}
		if err := ns.checkWebhookHost(f+".url", u); err != nil {
			return err
		}
		if seen[w.URL] {
			return E(EINVALID, f+".url", "webhook.url_twice")
		}
		seen[w.URL] = true
		if w.Events == nil {
			w.Events = []string{}
		}
		for _, e := range w.Events {
			ok := false
			for _, t := range NotificationTypes {
				ok = ok || t == e
			}
			if !ok {
				return E(EINVALID, f+".events", "webhook.unknown_type", "type", e, "types", NotificationTypes)
			}
		}
	}
	return nil
}
