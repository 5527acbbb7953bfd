-- catruc schema 9: the duty desk's reserve teams and incidents (issue 12 §3).

-- Reserve teams: members as JSON [{name, phone, email, guard_id}].
CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('self_defence', 'fire', 'flood', 'other')),
    members    TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Incidents. checklist is the plan's at the declaration (JSON); base_url is the public address the
-- acknowledge links of the incident start with (that of the door it was declared through).
CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL,
    post_id            INTEGER NOT NULL REFERENCES posts (id),
    title              TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    headcount          INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    declared_by        TEXT NOT NULL DEFAULT '',
    declared_at        TEXT NOT NULL,
    outcome            TEXT NOT NULL DEFAULT '',
    closed_by          TEXT NOT NULL DEFAULT '',
    closed_at          TEXT,
    ack_within_minutes INTEGER NOT NULL,
    checklist          TEXT NOT NULL DEFAULT '[]',
    escalated_at       TEXT,
    base_url           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_declared ON incidents (declared_at);
CREATE INDEX incidents_open ON incidents (status, escalated_at);

-- Who an incident called out. guard_id, team_id and post_id are kept as history (no foreign keys).
CREATE TABLE incident_responders (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    guard_id    INTEGER,
    team_id     INTEGER,
    post_id     INTEGER,
    escalation  INTEGER NOT NULL DEFAULT 0,
    notified_at TEXT,
    acked_at    TEXT
);
CREATE INDEX incident_responders_incident ON incident_responders (incident_id);

-- Acknowledge links: only the SHA-256 of the secret is kept; each works once until expires_at.
CREATE TABLE incident_acks (
    id           INTEGER PRIMARY KEY,
    responder_id INTEGER NOT NULL REFERENCES incident_responders (id) ON DELETE CASCADE,
    hash         BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);

-- An incident's timeline, in order of at then id.
CREATE TABLE incident_timeline (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    actor        TEXT NOT NULL DEFAULT '',
    responder_id INTEGER,
    channel      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, at, id);

-- The police post's feed shows incidents: they move the feeds' change counter.
CREATE TRIGGER incidents_ins AFTER INSERT ON incidents BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER incidents_upd AFTER UPDATE ON incidents BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
