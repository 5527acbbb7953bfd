-- catruc schema 4: calendar subscriptions, and a version of the roster that
-- feeds use as their ETag without rebuilding themselves.

CREATE TABLE calendars (
    id          INTEGER PRIMARY KEY,
    scope       TEXT NOT NULL CHECK (scope IN ('guard', 'post', 'all', 'police')),
    target_id   INTEGER,           -- the guard or post; NULL for all and police
    name        TEXT NOT NULL,
    token_hash  BLOB NOT NULL UNIQUE, -- SHA-256 of the secret in the URL
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    rotated_at  TEXT,
    last_access TEXT,
    revoked_at  TEXT
);

-- One row: seq grows with every change of what feeds show; changed_at is when (UTC).
CREATE TABLE roster_version (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);
INSERT INTO roster_version (id, seq, changed_at) VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

CREATE TRIGGER shifts_ins AFTER INSERT ON shifts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER shifts_upd AFTER UPDATE ON shifts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER shifts_del AFTER DELETE ON shifts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER events_ins AFTER INSERT ON events BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER events_upd AFTER UPDATE ON events BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER event_posts_ins AFTER INSERT ON event_posts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER event_posts_del AFTER DELETE ON event_posts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER posts_upd AFTER UPDATE ON posts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER guards_upd AFTER UPDATE ON guards BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER settings_ins AFTER INSERT ON settings BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER settings_upd AFTER UPDATE ON settings BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
