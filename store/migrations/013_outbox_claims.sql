-- catruc schema 13: the outbox's claims. Several instances on one PostgreSQL database each run a sender: a sender
-- claims the due notifications it is about to deliver (claimed_by: its instance, claimed_until: the lease's end, a
-- stored instant), so that no other instance delivers them meanwhile, and a lease that ran out (its instance died)
-- is claimed again. Recording the outcome clears the claim. On SQLite one sender serves a file: it reads the due
-- notifications without claiming them, and these columns stay empty.

ALTER TABLE notifications ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN claimed_until TEXT;
