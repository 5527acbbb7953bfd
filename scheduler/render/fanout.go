package render

import (
	"strings"
	"time"

	"catruc/scheduler"
)

// FanOut makes one notification of msg per email address (once each, case
// aside) and per webhook that wants typ, with dedupe keys under key, so that
// queueing them twice queues them once.
func FanOut(key, typ string, msg Message, emails []string, hooks []scheduler.Webhook) []*scheduler.Notification {
	var out []*scheduler.Notification
	seen := map[string]bool{}
	for _, e := range emails {
		e = strings.TrimSpace(e)
		if e == "" || seen[strings.ToLower(e)] {
			continue
		}
		seen[strings.ToLower(e)] = true
		out = append(out, &scheduler.Notification{Channel: scheduler.ChannelEmail, Recipient: e, Type: typ, Subject: msg.Subject,
			BodyText: msg.Text, BodyHTML: msg.HTML, Data: msg.Data, DedupeKey: key + ":email:" + strings.ToLower(e)})
	}
	for _, h := range hooks {
		if !h.Wants(typ) {
			continue
		}
		out = append(out, &scheduler.Notification{Channel: scheduler.ChannelWebhook, Recipient: h.URL, Type: typ,
			Subject: msg.Subject, Data: msg.Data, DedupeKey: key + ":webhook:" + h.URL})
	}
	return out
}

// TestNotifications is the settings page's test message: to email, or to
// every manager when email is empty, and to every webhook that wants "test".
// It is empty when there is nobody to send to.
func TestNotifications(ns scheduler.NotificationSettings, email string, now time.Time, loc *time.Location) ([]*scheduler.Notification, error) {
	msg, err := Test(now, loc)
	if err != nil {
		return nil, err
	}
	emails := []string{email}
	if email == "" {
		emails = emails[:0]
		for _, m := range ns.Managers {
			emails = append(emails, m.Email)
		}
	}
	return FanOut("test:"+now.UTC().Format("20060102T150405.000000000"), scheduler.TypeTest, msg, emails, ns.Webhooks), nil
}
