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

// TimeOffBusy is the kind another guard's time off shows as to those who may
// not read its details (see SeesTimeOffOf): they learn the guard is away, not
// why.
const TimeOffBusy = "busy"

// SeesTimeOffOf reports whether p reads the kind and note of the time off of
// guard guardID: those who manage the roster (admin, manager), and a guard
// for their own. Guards and viewers see others' time off only as busy.
func (p Principal) SeesTimeOffOf(guardID int64) bool {
	if p.Can(ActionRosterWrite) {
		return true
	}
	own, only := p.OwnGuard()
	return only && own != 0 && own == guardID
}

// TimeOffFor returns ts as p may read them: another guard's time off, to a
// guard or a viewer, is listed only when approved (a request or a refusal is
// between the guard and the managers), with kind TimeOffBusy and no note nor
// who asked or decided. The entries p may read in full are returned as they
// are; the others are copies.
func TimeOffFor(p Principal, ts []*TimeOff) []*TimeOff {
	out := make([]*TimeOff, 0, len(ts))
	for _, t := range ts {
		switch {
		case p.SeesTimeOffOf(t.GuardID):
			out = append(out, t)
		case t.Status == TimeOffApproved:
			c := *t
			c.Kind, c.Note, c.RequestedBy, c.DecidedBy, c.DecidedAt = TimeOffBusy, "", "", "", nil
			out = append(out, &c)
		}
	}
	return out
}

// ShiftsFor returns ss as p may read them: the absences of another guard's
// shift, to a guard or a viewer, have kind TimeOffBusy. Shifts without such
// absences are returned as they are; the others are copies (the stored
// shifts may be shared, e.g. by a cache).
func ShiftsFor(p Principal, ss []*Shift) []*Shift {
	out := ss
	copied := false
	for i, s := range ss {
		if s == nil || len(s.Absences) == 0 || s.GuardID == nil || p.SeesTimeOffOf(*s.GuardID) {
			continue
		}
		if !copied {
			out = append([]*Shift(nil), ss...)
			copied = true
		}
		c := *s
		c.Absences = make([]Absence, len(s.Absences))
		for j, a := range s.Absences {
			a.Kind = TimeOffBusy
			c.Absences[j] = a
		}
		out[i] = &c
	}
	return out
}
