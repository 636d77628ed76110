-- Issue 13: the patient list's contains-search reads one stored lower-cased key per patient instead of
-- case-folding three columns, and the denial queue sorted by payer reads the payer's name stored on the
-- work item instead of joining payers (docs/benchmarks.md, "Patient search key, denial payer name and payer
-- index (migration 0042)").
--
-- 1. Patients: the search box's words are each looked for in the last name, the first name or the MRN,
--    anywhere in them (ILIKE '%word%'), which no btree answers. PostgreSQL keeps one lower-cased key per
--    patient (a stored generated column: no trigger, an edit of a name or the MRN rewrites it in the same
--    row), and the list matches each word with one LIKE on it: the same answer (on a UTF-8 database
--    ILIKE is lower(text) LIKE lower(pattern); a word holds no space, so it never matches across the
--    separators), one narrow column instead of three case-folded ones: the case folding (lower() of
--    three columns per row and word) was most of the search's time. No index: a word anywhere in the key
--    is not a btree range, and an index holding the key measured no faster than the table (the LIKEs are
--    the cost). (Not pg_trgm yet: the embedded PGlite would have to load it as an extension in every
--    process that opens a data directory, and a trigram index does not help a word that most patients
--    match or one shorter than three letters; see docs/benchmarks.md.)
ALTER TABLE "patients" ADD COLUMN "search_key" text GENERATED ALWAYS AS (lower(last_name) || ' ' || lower(first_name) || ' ' || lower(mrn)) STORED;
--> statement-breakpoint
ANALYZE "patients";
--> statement-breakpoint
-- 2. Denial work items: the payer's name stored next to the payer (0038), so the queue sorted by payer is
--    an index scan of the work items that stops after the page, like its other sorts. Filled with the claim
--    number and payer when an item is made; a payer's rename rewrites its items' copy in the same
--    transaction (a claim never changes its payer, so the payer's own name is the only source that
--    moves). The index is made before the backfill (0038's note on pg_index.indcheckxmin).
ALTER TABLE "denial_work_items" ADD COLUMN "payer_name" text;
--> statement-breakpoint
CREATE INDEX "denial_work_items_view_payer_idx" ON "denial_work_items" USING btree ("practice_id","list_view","payer_name","created_at","id");
--> statement-breakpoint
UPDATE "denial_work_items" w SET "payer_name" = p."name"
FROM "payers" p WHERE p."id" = w."payer_id";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION denial_work_items_claim_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.claim_number, c.payer_id, p.name INTO NEW.claim_number, NEW.payer_id, NEW.payer_name
  FROM claims c LEFT JOIN payers p ON p.id = c.payer_id
  WHERE c.id = NEW.claim_id AND c.practice_id = NEW.practice_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION denial_work_items_payer_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE denial_work_items SET payer_name = NEW.name
  WHERE payer_id = NEW.id AND payer_name IS DISTINCT FROM NEW.name;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER denial_work_items_payer_renamed AFTER UPDATE OF name ON "payers"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION denial_work_items_payer_renamed();
--> statement-breakpoint
-- 3. Denial work items: a view filtered by one payer, newest or oldest first (the age sort), read from one
--    index range: the page stops after 25 entries and the capped count reads only that payer's items of
--    the view (before, the view's every item of every payer, through the age index's INCLUDE columns).
CREATE INDEX "denial_work_items_view_payer_age_idx" ON "denial_work_items" USING btree ("practice_id","list_view","payer_id","created_at","id");
--> statement-breakpoint
ANALYZE "denial_work_items";
