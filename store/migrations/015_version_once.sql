-- catruc schema 15: on PostgreSQL the roster's version moves once per transaction instead of once per row
-- changed (store/migrations/pg/015_version_once.sql): a transaction that writes thousands of shifts (an import,
-- a plan applied, a copy) updated the one roster_version row thousands of times, and PostgreSQL keeps every
-- version of that row until the transaction ends, so each update took longer than the last. Readers only ever
-- see committed versions, so one move per transaction tells them the same. SQLite rewrites the row in place at
-- no such cost: nothing changes here; the number keeps both dialects at the same schema version.
SELECT 1;
