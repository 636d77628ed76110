-- Issue 13: the claims list, the denial queue, the patient list and the prior-auth worklist answer a page
-- as an index scan with LIMIT (docs/benchmarks.md, "Lists at 1,000,000 administrations").
--
-- 1. Claims per practice and status, kept by triggers (the claims list's status tabs, and its total when
--    the filter is a tab: no count over the practice's claims on every page). Same pattern as kpi_daily
--    (0033): no unique key, every statement adds its change as new rows, so concurrent writers (two
--    posting lanes) neither wait on nor deadlock over the same rows; the one transaction at a time that
--    gets the advisory lock (never waited for) merges the rows of the practices it touched into one per
--    status. Readers sum by status.
CREATE TABLE "claim_status_counts" (
	"practice_id" uuid NOT NULL,
	"status" "claim_status" NOT NULL,
	"n" bigint NOT NULL,
	"cents" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "claim_status_counts" ("practice_id", "status", "n", "cents")
SELECT "practice_id", "status", count(*), coalesce(sum("total_charge_cents"), 0) FROM "claims" GROUP BY 1, 2;
--> statement-breakpoint
CREATE INDEX "claim_status_counts_practice_idx" ON "claim_status_counts" USING btree ("practice_id","status");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claim_status_counts_merge(practice_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(2026120338) THEN RETURN; END IF;
  WITH gone AS (
    DELETE FROM claim_status_counts WHERE practice_id = ANY(practice_ids) RETURNING practice_id, status, n, cents
  )
  INSERT INTO claim_status_counts (practice_id, status, n, cents)
  SELECT practice_id, status, sum(n), sum(cents) FROM gone GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claim_status_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  WITH added AS (
    INSERT INTO claim_status_counts (practice_id, status, n, cents)
    SELECT practice_id, status, count(*), sum(total_charge_cents) FROM new_rows GROUP BY 1, 2
    RETURNING practice_id
  )
  SELECT array_agg(DISTINCT practice_id) INTO touched FROM added;
  IF touched IS NOT NULL THEN PERFORM claim_status_counts_merge(touched); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claim_status_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  -- Most updates of a claim change neither its status nor its charge: the differences sum to zero and
  -- nothing is written.
  WITH d AS (
    SELECT practice_id, status, 1 AS n, total_charge_cents AS cents FROM new_rows
    UNION ALL
    SELECT practice_id, status, -1, -total_charge_cents FROM old_rows
  ), added AS (
    INSERT INTO claim_status_counts (practice_id, status, n, cents)
    SELECT practice_id, status, sum(n), sum(cents) FROM d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0
    RETURNING practice_id
  )
  SELECT array_agg(DISTINCT practice_id) INTO touched FROM added;
  IF touched IS NOT NULL THEN PERFORM claim_status_counts_merge(touched); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claim_status_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  WITH added AS (
    INSERT INTO claim_status_counts (practice_id, status, n, cents)
    SELECT practice_id, status, -count(*), -sum(total_charge_cents) FROM old_rows GROUP BY 1, 2
    RETURNING practice_id
  )
  SELECT array_agg(DISTINCT practice_id) INTO touched FROM added;
  IF touched IS NOT NULL THEN PERFORM claim_status_counts_merge(touched); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claim_status_counts_ins AFTER INSERT ON "claims" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION claim_status_counts_inserted();
--> statement-breakpoint
CREATE TRIGGER claim_status_counts_upd AFTER UPDATE ON "claims" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION claim_status_counts_updated();
--> statement-breakpoint
CREATE TRIGGER claim_status_counts_del AFTER DELETE ON "claims" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION claim_status_counts_deleted();
--> statement-breakpoint
-- 2. Claims: every sort of the list ends with the claim number (unique in the practice) in its own
--    direction, and an index per sort gives that order read forward or backward. Three indexes gain the
--    claim number (same names, same leading columns: what used them still can); one is new (amount).
DROP INDEX IF EXISTS "claims_practice_status_idx";
--> statement-breakpoint
CREATE INDEX "claims_practice_status_idx" ON "claims" USING btree ("practice_id","status","date_of_service","claim_number");
--> statement-breakpoint
DROP INDEX IF EXISTS "claims_practice_dos_idx";
--> statement-breakpoint
-- (INCLUDE: a count of the claims in a range of dates, with a payer or status filter, and their charges read
-- the index alone)
CREATE INDEX "claims_practice_dos_idx" ON "claims" USING btree ("practice_id","date_of_service","claim_number") INCLUDE ("payer_id","status","total_charge_cents");
--> statement-breakpoint
DROP INDEX IF EXISTS "claims_practice_updated_idx";
--> statement-breakpoint
CREATE INDEX "claims_practice_updated_idx" ON "claims" USING btree ("practice_id","updated_at","claim_number");
--> statement-breakpoint
CREATE INDEX "claims_practice_amount_idx" ON "claims" USING btree ("practice_id","total_charge_cents","date_of_service","claim_number");
--> statement-breakpoint
-- 3. Denial work items: the queue's view as a stored column (a view is a set of statuses, which no index
--    on the status gives in one order), and the claim's number and payer stored on the item (the claim
--    sort and the payer filter read them without joining every item to its claim; a claim's number and
--    payer never change after it is made, and a trigger fills both when an item is made; the columns
--    stay nullable so that writers need not send them, but every item has its claim: never null).
--    The indexes are made before the backfill: an index built after an UPDATE in the same transaction is
--    not used while any transaction older than the migration runs (pg_index.indcheckxmin).
ALTER TABLE "denial_work_items"
  ADD COLUMN "list_view" text GENERATED ALWAYS AS (CASE
    WHEN "status" IN ('open', 'in_progress') THEN 'todo'
    WHEN "status" IN ('retro_auth', 'corrected', 'appealed') THEN 'waiting'
    WHEN "status" = 'write_off_pending' THEN 'approval'
    ELSE 'done' END) STORED,
  ADD COLUMN "claim_number" text,
  ADD COLUMN "payer_id" uuid;
--> statement-breakpoint
CREATE INDEX "denial_work_items_view_due_idx" ON "denial_work_items" USING btree ("practice_id","list_view","due_date","created_at","id");
--> statement-breakpoint
CREATE INDEX "denial_work_items_view_amount_idx" ON "denial_work_items" USING btree ("practice_id","list_view","amount_cents","created_at","id");
--> statement-breakpoint
-- (INCLUDE: the view's count with a payer, category, kind or assignee filter reads the index alone)
CREATE INDEX "denial_work_items_view_age_idx" ON "denial_work_items" USING btree ("practice_id","list_view","created_at","id") INCLUDE ("payer_id","category","kind","assignee_user_id");
--> statement-breakpoint
CREATE INDEX "denial_work_items_claim_number_idx" ON "denial_work_items" USING btree ("practice_id","claim_number","created_at","id");
--> statement-breakpoint
UPDATE "denial_work_items" w SET "claim_number" = c."claim_number", "payer_id" = c."payer_id"
FROM "claims" c WHERE c."id" = w."claim_id" AND c."practice_id" = w."practice_id";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION denial_work_items_claim_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.claim_number, c.payer_id INTO NEW.claim_number, NEW.payer_id
  FROM claims c WHERE c.id = NEW.claim_id AND c.practice_id = NEW.practice_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER denial_work_items_claim_keys BEFORE INSERT OR UPDATE OF claim_id ON "denial_work_items"
  FOR EACH ROW EXECUTE FUNCTION denial_work_items_claim_keys();
--> statement-breakpoint
ANALYZE "denial_work_items";
--> statement-breakpoint
ANALYZE "claim_status_counts";
--> statement-breakpoint
-- 4. Prior-auth requests: the "all" view by last change (with or without a payer), in the order's own
--    direction down to the request number.
CREATE INDEX "prior_auth_requests_practice_updated_idx" ON "prior_auth_requests" USING btree ("practice_id","updated_at","request_number");
--> statement-breakpoint
CREATE INDEX "prior_auth_requests_payer_updated_idx" ON "prior_auth_requests" USING btree ("practice_id","payer_id","updated_at","request_number");
--> statement-breakpoint
-- 5. Patients: the "created" sort ends with the id (patients made in one statement share their creation
--    time, and without the id in the index the page sorted every one of them).
DROP INDEX IF EXISTS "patients_practice_created_idx";
--> statement-breakpoint
CREATE INDEX "patients_practice_created_idx" ON "patients" USING btree ("practice_id","created_at","id");
