-- The claims list opens on the claims changed last (sort "updated", descending): an index on
-- (practice_id, updated_at) gives that order without sorting every claim of the practice.
-- practice_id first, like every other list index (docs: running on Citus); not unique.
CREATE INDEX IF NOT EXISTS "claims_practice_updated_idx" ON "claims" USING btree ("practice_id","updated_at");
