-- catruc schema 8: the duty desk (issue 12 §1, §2): check-in and check-out of shifts, the handover log,
-- the posts' handover checklists and check-in codes, and no-show alerts.

-- Alerts gain the kind no_show: SQLite cannot change a CHECK, so the table is rebuilt as it was, plus the kind.
CREATE TABLE alerts_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('gap', 'violation', 'no_show')),
    key             TEXT NOT NULL DEFAULT '',
    post_id         INTEGER REFERENCES posts (id),
    guard_id        INTEGER REFERENCES guards (id),
    rule            TEXT NOT NULL DEFAULT '',
    start_at        TEXT NOT NULL,
    end_at          TEXT NOT NULL,
    missing         INTEGER NOT NULL DEFAULT 0,
    severity        TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'normal')),
    status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    message         TEXT NOT NULL,
    message_vi      TEXT NOT NULL DEFAULT '',
    suggestions     TEXT NOT NULL DEFAULT '[]', -- JSON []scheduler.AlertSuggestion
    opened_at       TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    resolved_at     TEXT,
    resolved_by     TEXT NOT NULL DEFAULT '',
    critical_at     TEXT,
    escalated_at    TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
);
INSERT INTO alerts_new (id, kind, key, post_id, guard_id, rule, start_at, end_at, missing, severity, status, message,
    message_vi, suggestions, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, critical_at,
    escalated_at, version, updated_at)
SELECT id, kind, key, post_id, guard_id, rule, start_at, end_at, missing, severity, status, message,
    message_vi, suggestions, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, critical_at,
    escalated_at, version, updated_at FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_end ON alerts (end_at);

-- The check-in and check-out of a shift: one row per shift, written at check-in.
-- method: app (the guard's phone), qr (the post's check-in sheet), manager (recorded by a manager).
CREATE TABLE shift_checks (
    shift_id        INTEGER PRIMARY KEY REFERENCES shifts (id) ON DELETE CASCADE,
    guard_id        INTEGER REFERENCES guards (id), -- the shift's guard at check-in
    check_in_at     TEXT NOT NULL,
    check_in_method TEXT NOT NULL CHECK (check_in_method IN ('app', 'qr', 'manager')),
    check_in_by     TEXT NOT NULL DEFAULT '', -- the actor who recorded it
    check_out_at    TEXT,
    check_out_by    TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL
);

-- The handover log (sổ giao ca): written at check-out by the outgoing guard, acknowledged by the incoming one.
CREATE TABLE handovers (
    shift_id              INTEGER PRIMARY KEY REFERENCES shifts (id) ON DELETE CASCADE,
    post_id               INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    guard_id              INTEGER REFERENCES guards (id),
    note                  TEXT NOT NULL DEFAULT '',
    checklist             TEXT NOT NULL DEFAULT '[]', -- JSON []scheduler.ChecklistItem
    written_at            TEXT NOT NULL,
    acknowledged_by       TEXT NOT NULL DEFAULT '',
    acknowledged_guard_id INTEGER REFERENCES guards (id),
    acknowledged_at       TEXT
);
CREATE INDEX handovers_post ON handovers (post_id, written_at);

-- The items of a post's handover checklist, as JSON ["Chìa khóa", …]; no row: the defaults.
CREATE TABLE post_checklists (
    post_id    INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    items      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The code printed as a QR on a post's check-in sheet, stored only as its SHA-256 hash. Rotating it
-- replaces the row: the old sheet stops working.
CREATE TABLE checkin_codes (
    post_id    INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    code_hash  BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
