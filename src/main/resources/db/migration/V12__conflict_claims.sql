-- A resolution that writes to a target claims its conflict for a while (a lease) in a short
-- transaction of its own, calls the external system with no transaction open, and records the
-- outcome in another short one. A claim left behind by a crash runs out, and the conflict can be
-- resolved again. A claim is not a resolution: the conflict stays unresolved until it is recorded.
ALTER TABLE sync_conflict
    ADD COLUMN claim_token   uuid,
    ADD COLUMN claimed_until timestamptz,
    ADD CONSTRAINT sync_conflict_claim_check CHECK ((claim_token IS NULL) = (claimed_until IS NULL));
