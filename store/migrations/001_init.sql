-- catruc schema 1: the roster's base. Instants are TEXT in UTC, fixed width
-- "YYYY-MM-DDTHH:MM:SSZ", so that text order is time order.
CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    site          TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('guard', 'police')),
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    requirements  TEXT NOT NULL DEFAULT '[]', -- JSON array of scheduler.Requirement
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE guards (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    unit       TEXT NOT NULL,
    skills     TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The posts a guard may hold.
CREATE TABLE guard_posts (
    guard_id INTEGER NOT NULL REFERENCES guards (id) ON DELETE CASCADE,
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (guard_id, post_id)
);
CREATE INDEX guard_posts_post ON guard_posts (post_id);

CREATE TABLE shifts (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id),
    guard_id   INTEGER REFERENCES guards (id), -- NULL: open shift
    start_at   TEXT NOT NULL,
    end_at     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX shifts_guard_start ON shifts (guard_id, start_at);
CREATE INDEX shifts_post_start ON shifts (post_id, start_at);
CREATE INDEX shifts_start ON shifts (start_at);

CREATE TABLE time_off (
    id         INTEGER PRIMARY KEY,
    guard_id   INTEGER NOT NULL REFERENCES guards (id),
    start_at   TEXT NOT NULL,
    end_at     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('leave', 'sick', 'training', 'other')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX time_off_guard_start ON time_off (guard_id, start_at);
CREATE INDEX time_off_start ON time_off (start_at);

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    before_json TEXT, -- NULL: did not exist
    after_json  TEXT  -- NULL: no longer exists
);
CREATE INDEX audit_entity ON audit (entity, entity_id, id);
CREATE INDEX audit_at ON audit (at);

-- API tokens: only the SHA-256 of the secret is kept.
CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'guard', 'viewer')),
    guard_id     INTEGER REFERENCES guards (id),
    hash         BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;

-- Settings: one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
