-- catruc schema 6: the planner (issue 10): shift templates of posts, guards' preferences, plans and the
-- windows a plan took over from a rotation.

-- Shift templates the planner lays at a post, as JSON [{name, start, hours}]; '[]' means the defaults.
ALTER TABLE posts ADD COLUMN shift_templates TEXT NOT NULL DEFAULT '[]';

-- A guard's soft wishes, as JSON {avoid, prefer, max_nights_per_month}.
CREATE TABLE guard_preferences (
    guard_id   INTEGER PRIMARY KEY REFERENCES guards (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Plans: the whole plan as its JSON (body), with the columns that are queried beside it.
-- roster_version is the fingerprint of the planned roster when the plan started.
CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'applied', 'discarded')),
    roster_version TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    body           TEXT NOT NULL
);
CREATE INDEX plans_expires ON plans (expires_at);

-- A rotation's days [from_date, to_date] (office dates, both included) that an applied plan took over:
-- generating the rotation leaves them alone.
CREATE TABLE rotation_handovers (
    id          INTEGER PRIMARY KEY,
    rotation_id INTEGER NOT NULL REFERENCES rotations (id) ON DELETE CASCADE,
    from_date   TEXT NOT NULL,
    to_date     TEXT NOT NULL,
    plan_id     INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX rotation_handovers_rotation ON rotation_handovers (rotation_id, from_date);
