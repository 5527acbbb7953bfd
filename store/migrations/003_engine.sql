-- catruc schema 3: alerts, the notification outbox, job runs.

CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('gap', 'violation')),
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
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_end ON alerts (end_at);

-- The outbox: a notification is queued in the transaction of the change that
-- causes it and stays until delivered. dedupe_key makes queueing idempotent.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient       TEXT NOT NULL,
    type            TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    body_text       TEXT NOT NULL DEFAULT '',
    body_html       TEXT NOT NULL DEFAULT '',
    data            TEXT NOT NULL DEFAULT 'null', -- JSON: the webhook payload's data
    dedupe_key      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);

-- The last run of each job, so that GET /jobs tells it across restarts.
CREATE TABLE job_runs (
    name             TEXT PRIMARY KEY,
    last_run         TEXT NOT NULL,
    last_duration_ms INTEGER NOT NULL,
    last_error       TEXT NOT NULL DEFAULT '',
    last_result      TEXT NOT NULL DEFAULT 'null'
);
