-- catruc schema 5: people who log in, their sessions, time-off requests and swap requests.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE, -- the login name
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'guard', 'viewer')),
    guard_id      INTEGER REFERENCES guards (id),
    password_hash TEXT NOT NULL, -- argon2id, PHC string form
    lang          TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Sessions: only the SHA-256 of the cookie is kept; csrf is the token forms carry.
CREATE TABLE sessions (
    id_hash    BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Time off is requested by a guard and decided by a manager; a manager's own entries are approved at once.
ALTER TABLE time_off ADD COLUMN status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('requested', 'approved', 'declined'));
ALTER TABLE time_off ADD COLUMN requested_by TEXT NOT NULL DEFAULT '';
ALTER TABLE time_off ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE time_off ADD COLUMN decided_at TEXT;

-- A guard asks a colleague to swap shifts; the colleague accepts, a manager approves.
CREATE TABLE swap_requests (
    id           INTEGER PRIMARY KEY,
    shift_a      INTEGER NOT NULL REFERENCES shifts (id), -- the asking guard's shift
    shift_b      INTEGER NOT NULL REFERENCES shifts (id), -- the colleague's shift
    guard_a      INTEGER NOT NULL REFERENCES guards (id),
    guard_b      INTEGER NOT NULL REFERENCES guards (id),
    status       TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'approved', 'declined')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    accepted_at  TEXT,
    decided_at   TEXT,
    decided_by   TEXT NOT NULL DEFAULT ''
);
