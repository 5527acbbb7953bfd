package store

import (
	"context"
	"path/filepath"
	"testing"

	"catruc/scheduler"
)

// Ensure settings stored before the hardening rules of issue 11 still load,
// keeping what they meant: a job every 10 s runs every minute, a relative
// backup folder becomes the absolute one it named, and webhooks stored
// before allow_private_webhooks existed keep reaching the office's own
// network — while settings saved since keep the flag they were given.
func TestSettingsStoredBeforeHardeningLoad(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "")
	put := func(key, raw string) {
		t.Helper()
		if _, err := s.wdb.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, raw); err != nil {
			t.Fatal(err)
		}
	}
	put(jobsKey, `{"schedules":{"sweep":"@every 10s"},"horizon_days":62,"lookahead_hours":168,"reminder_lead_minutes":[60],"notify_lead_hours":48,"backup_keep":14,"backup_dir":"sao-luu"}`)
	j, err := s.JobSettings(ctx)
	if err != nil {
		t.Fatalf("old job settings do not load: %v", err)
	}
	abs, _ := filepath.Abs("sao-luu")
	if j.Schedules[scheduler.JobSweep] != "@every 1m" || j.BackupDir != abs {
		t.Errorf("upgraded: sweep %q, backup_dir %q; want @every 1m and %q", j.Schedules[scheduler.JobSweep], j.BackupDir, abs)
	}

	put(notificationsKey, `{"managers":[],"escalation":[],"escalate_after_minutes":30,"smtp":{"port":587,"tls":"starttls"},"webhooks":[{"url":"http://10.0.0.5/bao-dong","secret":""}]}`)
	ns, err := s.NotificationSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ns.AllowPrivateWebhooks {
		t.Errorf("a webhook stored before allow_private_webhooks existed is now refused")
	}
	ns.AllowPrivateWebhooks = false
	ns.Webhooks = []scheduler.Webhook{{URL: "https://hooks.example.vn/bao-dong"}}
	if _, err := s.SetNotificationSettings(ctx, ns, false); err != nil {
		t.Fatal(err)
	}
	if again, err := s.NotificationSettings(ctx); err != nil || again.AllowPrivateWebhooks {
		t.Errorf("saved with allow_private_webhooks false, read %v (%v)", again.AllowPrivateWebhooks, err)
	}
}
