-- catruc schema 16: the login throttle's failures (scheduler/login.go), kept in the database instead of each
-- process's memory, so that several instances of one database count the same tries (two instances allowed twice
-- the tries before). Rows older than the window are deleted as new ones come.
CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL, -- "user:<name>" or "addr:<address>"
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
