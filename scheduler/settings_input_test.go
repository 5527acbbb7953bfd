package scheduler_test

import (
	"testing"

	"catruc/scheduler"
)

// Ensure a job schedule that fires more often than once a minute is refused
// (naming the job's field), and minute schedules are kept.
func TestJobScheduleMinimumOneMinute(t *testing.T) {
	cases := []struct {
		spec string
		ok   bool
	}{
		{"@every 1s", false}, {"@every 59s", false}, {"@every 500ms", false}, {"@every 1m30s", true},
		{"@every 1m", true}, {"* * * * *", true}, {"*/5 * * * *", true}, {"@hourly", true}, {"off", true},
	}
	for _, c := range cases {
		j := scheduler.DefaultJobSettings()
		j.Schedules[scheduler.JobSweep] = c.spec
		err := j.Validate()
		if c.ok && err != nil {
			t.Errorf("%q: %v, want accepted", c.spec, err)
		}
		if !c.ok && (scheduler.ErrorField(err) != "schedules.sweep" || scheduler.ErrorKey(err) != "jobs.too_often") {
			t.Errorf("%q: %v (field %q), want jobs.too_often at schedules.sweep", c.spec, err, scheduler.ErrorField(err))
		}
	}
}

// Ensure backup_dir is empty (beside the database) or an absolute path.
func TestBackupDirAbsolute(t *testing.T) {
	for _, c := range []struct {
		dir string
		ok  bool
	}{{"", true}, {"/var/backups/catruc", true}, {"backups", false}, {"../../etc", false}, {"./sao-luu", false},
		{"/var/backups/\ncatruc", false}} {
		j := scheduler.DefaultJobSettings()
		j.BackupDir = c.dir
		err := j.Validate()
		if c.ok != (err == nil) || (!c.ok && scheduler.ErrorField(err) != "backup_dir") {
			t.Errorf("backup_dir %q: %v, want ok=%v", c.dir, err, c.ok)
		}
	}
}

// validNotifications are settings that pass.
func validNotifications() scheduler.NotificationSettings {
	return scheduler.NotificationSettings{
		Managers:             []scheduler.Person{{Name: "Chánh Văn phòng", Email: "chanhvp@example.vn"}},
		EscalateAfterMinutes: 30,
		SMTP:                 scheduler.SMTP{Host: "smtp.example.vn", Username: "catruc", From: "catruc <catruc@example.vn>"},
		Webhooks:             []scheduler.Webhook{{URL: "https://hooks.example.vn/catruc"}},
	}
}

// Ensure CR or LF (which would smuggle SMTP commands or mail headers) in the
// SMTP host, user name, sender or a person's name is refused, naming the field.
func TestSMTPNoLineBreaks(t *testing.T) {
	if ns := validNotifications(); ns.Validate() != nil {
		t.Fatalf("valid settings refused: %v", ns.Validate())
	}
	cases := []struct {
		field string
		set   func(*scheduler.NotificationSettings)
	}{
		{"smtp.host", func(ns *scheduler.NotificationSettings) { ns.SMTP.Host = "smtp.example.vn\r\nRCPT TO:<x@evil.example>" }},
		{"smtp.username", func(ns *scheduler.NotificationSettings) { ns.SMTP.Username = "catruc\r\nQUIT" }},
		{"smtp.from", func(ns *scheduler.NotificationSettings) { ns.SMTP.From = "catruc@example.vn\nBcc: x@evil.example" }},
		{"managers[0].name", func(ns *scheduler.NotificationSettings) { ns.Managers[0].Name = "Chánh\r\nBcc: x@evil.example" }},
		{"escalation[0].name", func(ns *scheduler.NotificationSettings) {
			ns.Escalation = []scheduler.Person{{Name: "Phó\nChủ tịch", Email: "pct@example.vn"}}
		}},
	}
	for _, c := range cases {
		ns := validNotifications()
		c.set(&ns)
		if err := ns.Validate(); scheduler.ErrorField(err) != c.field {
			t.Errorf("%s with a line break: %v (field %q)", c.field, err, scheduler.ErrorField(err))
		}
	}
}

// Ensure webhooks to loopback, private, link-local or unspecified addresses
// (and localhost) are refused unless allow_private_webhooks is set.
func TestWebhookPrivateAddresses(t *testing.T) {
	private := []string{"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://api.localhost/x", "http://10.1.2.3/",
		"http://192.168.1.10/", "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/",
		"http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/",
		"http://2130706433/", "http://0x7f000001/", "http://127.1/"}
	for _, u := range private {
		ns := validNotifications()
		ns.Webhooks = []scheduler.Webhook{{URL: "https://hooks.example.vn/a"}, {URL: u}}
		err := ns.Validate()
		if scheduler.ErrorField(err) != "webhooks[1].url" || scheduler.ErrorKey(err) != "webhook.private_address" {
			t.Errorf("%s: %v, want webhook.private_address at webhooks[1].url", u, err)
		}
		ns.AllowPrivateWebhooks = true
		if err := ns.Validate(); err != nil {
			t.Errorf("%s with allow_private_webhooks: %v", u, err)
		}
	}
	for _, u := range []string{"https://hooks.example.vn/catruc", "http://8.8.8.8/", "https://[2001:4860:4860::8888]/"} {
		ns := validNotifications()
		ns.Webhooks = []scheduler.Webhook{{URL: u}}
		if err := ns.Validate(); err != nil {
			t.Errorf("%s: %v, want accepted", u, err)
		}
	}
}
