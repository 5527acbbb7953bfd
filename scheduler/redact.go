package scheduler

// Redacted returns the settings without their secrets — the SMTP password
// and the webhooks' signing secrets — as the audit log and the doors show
// them: secrets are write-only.
func (ns NotificationSettings) Redacted() NotificationSettings {
	ns.SMTP.Password = ""
	ws := make([]Webhook, len(ns.Webhooks))
	for i, w := range ns.Webhooks {
		w.Secret = ""
		ws[i] = w
	}
	ns.Webhooks = ws
	return ns
}

// SecretsSet tells which secrets are set, without them: whether there is an
// SMTP password, and the URLs of the webhooks that have a signing secret.
func (ns NotificationSettings) SecretsSet() (smtpPassword bool, webhooks []string) {
	webhooks = []string{}
	for _, w := range ns.Webhooks {
		if w.Secret != "" {
			webhooks = append(webhooks, w.URL)
		}
	}
	return ns.SMTP.Password != "", webhooks
}
