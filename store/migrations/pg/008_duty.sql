-- catruc schema 8 (PostgreSQL): the duty desk: check-in and check-out of shifts, the handover log,
-- the posts' handover checklists and check-in codes, and no-show alerts.

-- Alerts gain the kind no_show (SQLite rebuilds the table; PostgreSQL changes the CHECK).
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('gap', 'violation', 'no_show'));

CREATE TABLE shift_checks (
    shift_id        BIGINT PRIMARY KEY REFERENCES shifts (id) ON DELETE CASCADE,
    guard_id        BIGINT REFERENCES guards (id), -- the shift's guard at check-in
    check_in_at     TEXT NOT NULL,
    check_in_method TEXT NOT NULL CHECK (check_in_method IN ('app', 'qr', 'manager')),
    check_in_by     TEXT NOT NULL DEFAULT '',
    check_out_at    TEXT,
    check_out_by    TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL
);

CREATE TABLE handovers (
    shift_id              BIGINT PRIMARY KEY REFERENCES shifts (id) ON DELETE CASCADE,
    post_id               BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    guard_id              BIGINT REFERENCES guards (id),
    note                  TEXT NOT NULL DEFAULT '',
    checklist             TEXT NOT NULL DEFAULT '[]', -- JSON []scheduler.ChecklistItem
    written_at            TEXT NOT NULL,
    acknowledged_by       TEXT NOT NULL DEFAULT '',
    acknowledged_guard_id BIGINT REFERENCES guards (id),
    acknowledged_at       TEXT
);
CREATE INDEX handovers_post ON handovers (post_id, written_at);

CREATE TABLE post_checklists (
    post_id    BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    items      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE checkin_codes (
    post_id    BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    code_hash  BYTEA NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
