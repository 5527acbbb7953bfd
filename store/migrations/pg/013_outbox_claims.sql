-- catruc schema 13 (PostgreSQL): the outbox's claims. Several instances on one database each run a sender: a sender
-- claims the due notifications it is about to deliver (claimed_by: its instance, claimed_until: the lease's end, a
-- stored instant) with FOR UPDATE SKIP LOCKED, so that no other instance delivers them meanwhile, and a lease that
-- ran out (its instance died) is claimed again. Recording the outcome clears the claim.

ALTER TABLE notifications ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN claimed_until TEXT;
