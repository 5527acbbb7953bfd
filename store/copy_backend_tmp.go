package store

// Backend is a stand-in until pg-core's Backend arrives (removed on merge).
func (s *Store) Backend() string { return "sqlite" }
