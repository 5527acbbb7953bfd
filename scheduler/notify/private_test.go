package notify

import (
	"bytes"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure the sender refuses, when it connects, a webhook whose host resolves
// to a loopback address unless allow_private_webhooks is set: a name that was
// public when saved may point inside the office network later. Nothing
// reaches the receiver, the attempt is recorded with the reason, and with
// the setting on the same webhook is delivered.
func TestSenderRefusesPrivateAddressAtDial(t *testing.T) {
	h := startHook(t)
	// "localhost" stands for any name that resolves to a private address at
	// send time (the settings check refuses this literal name when saved).
	url := strings.Replace(h.URL, "127.0.0.1", "localhost", 1) + "/hook"
	o := &memOutbox{}
	var logs bytes.Buffer
	s := newSender(o, &fakeClock{t: t0}, &logs)
	o.settings = scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: url}}} // private webhooks not allowed
	n := hookNotification(1, url, "")
	n.NextAttemptAt = t0
	o.add(n)
	if got := flush(t, s); got != (flushResult{0, 1}) {
		t.Fatalf("flush: %+v, want one failed attempt", got)
	}
	if len(h.requests()) != 0 {
		t.Fatalf("the private receiver got %d requests", len(h.requests()))
	}
	if got := o.get(1); !strings.Contains(got.LastError, "private") || got.Attempts != 1 {
		t.Fatalf("recorded attempt: %d, %q; want the private address named", got.Attempts, got.LastError)
	}

	o.mu.Lock()
	o.settings.AllowPrivateWebhooks = true
	o.rows[0].NextAttemptAt = t0
	o.mu.Unlock()
	if got := flush(t, s); got != (flushResult{1, 0}) {
		t.Fatalf("flush with allow_private_webhooks: %+v, want one delivery", got)
	}
	if len(h.requests()) != 1 {
		t.Fatalf("the receiver got %d requests, want 1", len(h.requests()))
	}
}

// Ensure the guarded client refuses a literal private address too, and the
// error says why.
func TestWebhookClientRefusesLoopback(t *testing.T) {
	h := startHook(t)
	err := PostWebhook(ctxT(t), WebhookHTTPClient(false), scheduler.Webhook{URL: h.URL}, hookNotification(1, h.URL, ""), t0)
	if err == nil || !strings.Contains(err.Error(), "private") {
		t.Fatalf("PostWebhook to 127.0.0.1 with the guarded client: %v", err)
	}
	if len(h.requests()) != 0 {
		t.Fatalf("the receiver got %d requests", len(h.requests()))
	}
	if err := PostWebhook(ctxT(t), WebhookHTTPClient(true), scheduler.Webhook{URL: h.URL}, hookNotification(2, h.URL, ""), t0); err != nil {
		t.Fatalf("with private addresses allowed: %v", err)
	}
}
