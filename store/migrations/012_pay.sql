-- catruc schema 12: each guard's weekly rest day (ISO weekday 1 Monday … 7 Sunday), which the timesheet for pay
-- prices at the rest-day rate (issue 13). The pay rates themselves are a setting (key "pay").

ALTER TABLE guards ADD COLUMN rest_day INTEGER NOT NULL DEFAULT 7 CHECK (rest_day BETWEEN 1 AND 7);
