-- catruc schema 14 (issue 14, operations): API tokens of the new role "metrics", which may only scrape /metrics;
-- and each job's last successful run, so that /metrics tells the last success apart from the last run.
-- (13 is the multi-instance outbox claim.)

-- SQLite cannot change a CHECK constraint in place: the tokens table is rebuilt with the same columns and rows.
CREATE TABLE tokens_new (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'guard', 'viewer', 'metrics')),
    guard_id     INTEGER REFERENCES guards (id),
    hash         BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
INSERT INTO tokens_new (id, name, role, guard_id, hash, created_at, last_used_at, revoked_at)
    SELECT id, name, role, guard_id, hash, created_at, last_used_at, revoked_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

-- last_success: the last_run of the newest run without an error (NULL: none yet). Kept by triggers, so that every
-- writer of job_runs keeps it without knowing of it.
ALTER TABLE job_runs ADD COLUMN last_success TEXT;
UPDATE job_runs SET last_success = last_run WHERE last_error = '';
CREATE TRIGGER job_runs_success_ins AFTER INSERT ON job_runs WHEN NEW.last_error = '' BEGIN
    UPDATE job_runs SET last_success = NEW.last_run WHERE name = NEW.name;
END;
CREATE TRIGGER job_runs_success_upd AFTER UPDATE OF last_run, last_error ON job_runs WHEN NEW.last_error = '' BEGIN
    UPDATE job_runs SET last_success = NEW.last_run WHERE name = NEW.name;
END;
