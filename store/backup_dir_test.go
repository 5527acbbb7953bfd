package store

import (
	"context"
	"path/filepath"
	"testing"
)

// Ensure the folder the backup job creates is the owner's only (0700), as
// its files are (0600).
func TestBackupDirOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, filepath.Join(dir, "catruc.db"))
	backups := filepath.Join(dir, "sao-luu", "catruc")
	name, _, err := s.RotateBackups(context.Background(), backups, 3, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if m := mode(t, backups); m != 0o700 {
		t.Errorf("backup folder: %v, want drwx------", m)
	}
	if m := mode(t, filepath.Join(dir, "sao-luu")); m != 0o700 {
		t.Errorf("its parent, also created: %v, want drwx------", m)
	}
	if m := mode(t, name); m != 0o600 {
		t.Errorf("backup file: %v, want -rw-------", m)
	}
}
