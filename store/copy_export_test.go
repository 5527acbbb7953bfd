package store

import "context"

// RecordMigrationForTest records a migration as applied without running one:
// a database from a newer catruc, as far as Copy can tell.
func RecordMigrationForTest(ctx context.Context, s *Store, version int, name string) error {
	_, err := s.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, fmtTime(s.now()))
	return err
}
