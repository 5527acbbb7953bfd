-- catruc schema 12 (PostgreSQL): each guard's weekly rest day (ISO weekday 1 Monday … 7 Sunday).

ALTER TABLE guards ADD COLUMN rest_day BIGINT NOT NULL DEFAULT 7 CHECK (rest_day BETWEEN 1 AND 7);
