package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// mode is the permission bits of a file.
func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// Ensure the files that hold the office's data or its secrets are readable
// by their owner only (0600): a backup (`catruc backup`), the backup job's
// copies, and the key that seals the SMTP password.
func TestFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "catruc.db")
	s := openTest(t, db)
	ctx := context.Background()
	ns, err := s.NotificationSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ns.SMTP.Host, ns.SMTP.Port, ns.SMTP.From, ns.SMTP.Password = "smtp.example.vn", 587, "catruc@example.vn", "mật-khẩu-smtp"
	if _, err := s.SetNotificationSettings(ctx, ns, false); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, db+".key"); m != 0o600 {
		t.Errorf("key file: %v, want -rw-------", m)
	}
	out := filepath.Join(dir, "sao-luu", "catruc-copy.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, out); m != 0o600 {
		t.Errorf("backup: %v, want -rw-------", m)
	}
	// The copy is a whole database.
	copyDB := openTest(t, out)
	if n := count(t, copyDB, "settings"); n != count(t, s, "settings") {
		t.Error("the backup holds no settings")
	}
	name, _, err := s.RotateBackups(ctx, filepath.Join(dir, "backups"), 3, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if m := mode(t, name); m != 0o600 {
		t.Errorf("the backup job's copy: %v, want -rw-------", m)
	}
	// A failed backup leaves no file behind, and an existing file is refused.
	if err := s.Backup(ctx, out); err == nil {
		t.Error("a backup over an existing file was accepted")
	}
}
