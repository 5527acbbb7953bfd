-- catruc schema 2: rotations, events, holiday adjustments.

CREATE TABLE rotations (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id),
    name       TEXT NOT NULL,
    preset     TEXT NOT NULL,
    handover   TEXT NOT NULL,
    start_date TEXT NOT NULL,            -- YYYY-MM-DD in the office zone
    pattern    TEXT NOT NULL,            -- JSON scheduler.Pattern
    periods    TEXT NOT NULL,            -- JSON []scheduler.MemberPeriod, sorted by from
    active     INTEGER NOT NULL DEFAULT 1,
    generated_until TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD: the last day generated so far
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Shifts made by a rotation carry its id and the slot key, so that
-- generating again can tell what exists; manual marks a shift a manager has
-- changed since, which generation then leaves as it is.
ALTER TABLE shifts ADD COLUMN rotation_id INTEGER REFERENCES rotations (id);
ALTER TABLE shifts ADD COLUMN rotation_key TEXT;
ALTER TABLE shifts ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX shifts_rotation_key ON shifts (rotation_id, rotation_key) WHERE rotation_id IS NOT NULL;

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    start_at        TEXT NOT NULL,
    end_at          TEXT NOT NULL,
    extra_headcount INTEGER NOT NULL DEFAULT 0,
    notify_police   INTEGER NOT NULL DEFAULT 0,
    note            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX events_start ON events (start_at);

CREATE TABLE event_posts (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    post_id  INTEGER NOT NULL REFERENCES posts (id),
    PRIMARY KEY (event_id, post_id)
);

-- Managers' changes to the computed public holidays of a year: an added day
-- (action 'add', with its name) or a computed day taken away ('remove').
CREATE TABLE holiday_changes (
    date   TEXT PRIMARY KEY, -- YYYY-MM-DD
    action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    name   TEXT NOT NULL DEFAULT ''
);
