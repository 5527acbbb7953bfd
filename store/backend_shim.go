package store

// TEMPORARY until helper A's pg-core is merged: Backend on SQLite only.

// BackendPostgres is Backend's answer on PostgreSQL.
const BackendPostgres = "postgres"

// Backend names the database behind the store.
func (s *Store) Backend() string { return "sqlite" }
