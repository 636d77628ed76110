-- Issue 13: every worklist variant answers a page as an index scan stopped by its LIMIT, and a
-- filtered total as one index range (docs/benchmarks.md, "Worklist filters on stored keys").
--
-- 1. The documented tabs (administration_billing_status) store what their filters read elsewhere:
--    the infusion's patient (the patient sort), its order's location, ordering provider and
--    indication, and its assignee. refreshReadiness writes them with the rest of the row, in the
--    transaction of every change (an order edit refreshes its order); assignWorklistItems writes the
--    assignee. Before, a location or assignee filter joined orders or assignments for each of up to
--    10,001 rows it counted.
ALTER TABLE "administration_billing_status" ADD COLUMN "patient_id" uuid;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "ordering_provider_id" uuid;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "indication_id" text;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "assignee_user_id" uuid;--> statement-breakpoint
UPDATE "administration_billing_status" s
SET "patient_id" = a."patient_id", "location_id" = o."location_id", "ordering_provider_id" = o."ordering_provider_id",
    "indication_id" = o."indication_id", "assignee_user_id" = w."assignee_user_id"
FROM "administrations" a
JOIN "orders" o ON o."id" = a."order_id" AND o."practice_id" = a."practice_id"
LEFT JOIN "worklist_assignments" w ON w."administration_id" = a."id" AND w."practice_id" = a."practice_id"
WHERE a."practice_id" = s."practice_id" AND a."id" = s."administration_id";--> statement-breakpoint
ALTER TABLE "administration_billing_status" ALTER COLUMN "patient_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ALTER COLUMN "location_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ALTER COLUMN "ordering_provider_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ALTER COLUMN "indication_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "administration_billing_status_location_idx" ON "administration_billing_status" USING btree ("practice_id","status","location_id","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_provider_idx" ON "administration_billing_status" USING btree ("practice_id","status","ordering_provider_id","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_indication_idx" ON "administration_billing_status" USING btree ("practice_id","status","indication_id","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_assignee_idx" ON "administration_billing_status" USING btree ("practice_id","status","assignee_user_id","charge_cents","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_patient_idx" ON "administration_billing_status" USING btree ("practice_id","status","patient_id","date_of_service");--> statement-breakpoint
ANALYZE "administration_billing_status";--> statement-breakpoint
-- 2. The due and closed tabs start from administrations: each infusion stores the primary coverage's
--    payer on its date of service (the current documentation's date, else the planned date), so the
--    payer filter and sort read a column instead of looking up the patient's coverages per row. Kept
--    by triggers, whoever writes: a planned date or patient written on the infusion, a documentation
--    version inserted, moved off or on current, or its date changed, and any coverage written or
--    removed (every infusion of its patient).
ALTER TABLE "administrations" ADD COLUMN "primary_payer_id" uuid;--> statement-breakpoint
-- The coverage in force on the date that started last, exactly as the lists computed it per row
-- (server/queries/worklists.ts before 0041, coverageOn in server/domain/patients/coverage.ts).
CREATE OR REPLACE FUNCTION primary_payer_on(p_practice uuid, p_patient uuid, p_date date) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT c.payer_id FROM coverages c
  WHERE c.practice_id = p_practice AND c.patient_id = p_patient AND c.priority = 'primary'
    AND c.effective_date <= p_date AND (c.end_date IS NULL OR c.end_date >= p_date)
  ORDER BY c.effective_date DESC LIMIT 1
$$;--> statement-breakpoint
-- Recomputes the stored payer of the given infusions, writing only the rows whose payer changes.
CREATE OR REPLACE FUNCTION administrations_primary_payer_refresh(p_practice uuid, p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE administrations a SET primary_payer_id = x.payer
  FROM (
    SELECT a2.id, primary_payer_on(a2.practice_id, a2.patient_id, coalesce(d.actual_date, a2.planned_date)) AS payer
    FROM administrations a2
    LEFT JOIN administration_documentation d ON d.administration_id = a2.id AND d.practice_id = a2.practice_id AND d.is_current
    WHERE a2.practice_id = p_practice AND a2.id = ANY(p_ids)
  ) x
  WHERE a.practice_id = p_practice AND a.id = x.id AND a.primary_payer_id IS DISTINCT FROM x.payer
$$;--> statement-breakpoint
-- A new infusion has no documentation yet: its planned date decides. A new planned date (or patient)
-- on an existing one reads its current documentation's date first.
CREATE OR REPLACE FUNCTION administrations_primary_payer_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dos date := NEW.planned_date;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(d.actual_date, NEW.planned_date) INTO dos FROM administration_documentation d
    WHERE d.administration_id = NEW.id AND d.practice_id = NEW.practice_id AND d.is_current;
    dos := coalesce(dos, NEW.planned_date);
  END IF;
  NEW.primary_payer_id := primary_payer_on(NEW.practice_id, NEW.patient_id, dos);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer BEFORE INSERT OR UPDATE OF planned_date, patient_id ON "administrations"
  FOR EACH ROW EXECUTE FUNCTION administrations_primary_payer_row();--> statement-breakpoint
-- A statement's transition tables exist only for its event: one query per event.
CREATE OR REPLACE FUNCTION administrations_primary_payer_documentation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT practice_id, array_agg(DISTINCT administration_id) AS ids FROM payer_doc_new GROUP BY practice_id LOOP
      PERFORM administrations_primary_payer_refresh(r.practice_id, r.ids);
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR r IN
      SELECT x.practice_id, array_agg(DISTINCT x.administration_id) AS ids FROM (
        SELECT n.practice_id, n.administration_id FROM payer_doc_new n
        UNION ALL
        SELECT o.practice_id, o.administration_id FROM payer_doc_old o
      ) x GROUP BY x.practice_id
    LOOP
      PERFORM administrations_primary_payer_refresh(r.practice_id, r.ids);
    END LOOP;
  ELSE
    FOR r IN SELECT practice_id, array_agg(DISTINCT administration_id) AS ids FROM payer_doc_old GROUP BY practice_id LOOP
      PERFORM administrations_primary_payer_refresh(r.practice_id, r.ids);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Every infusion of a patient whose coverages changed.
CREATE OR REPLACE FUNCTION administrations_primary_payer_of_patients(p_practice uuid, p_patients uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT administrations_primary_payer_refresh(p_practice, ARRAY(
    SELECT a.id FROM administrations a WHERE a.practice_id = p_practice AND a.patient_id = ANY(p_patients)))
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION administrations_primary_payer_coverages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT practice_id, array_agg(DISTINCT patient_id) AS ids FROM payer_cov_new GROUP BY practice_id LOOP
      PERFORM administrations_primary_payer_of_patients(r.practice_id, r.ids);
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR r IN
      SELECT x.practice_id, array_agg(DISTINCT x.patient_id) AS ids FROM (
        SELECT n.practice_id, n.patient_id FROM payer_cov_new n
        UNION ALL
        SELECT o.practice_id, o.patient_id FROM payer_cov_old o
      ) x GROUP BY x.practice_id
    LOOP
      PERFORM administrations_primary_payer_of_patients(r.practice_id, r.ids);
    END LOOP;
  ELSE
    FOR r IN SELECT practice_id, array_agg(DISTINCT patient_id) AS ids FROM payer_cov_old GROUP BY practice_id LOOP
      PERFORM administrations_primary_payer_of_patients(r.practice_id, r.ids);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_doc_insert AFTER INSERT ON "administration_documentation" REFERENCING NEW TABLE AS payer_doc_new
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_documentation();--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_doc_update AFTER UPDATE ON "administration_documentation" REFERENCING OLD TABLE AS payer_doc_old NEW TABLE AS payer_doc_new
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_documentation();--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_doc_delete AFTER DELETE ON "administration_documentation" REFERENCING OLD TABLE AS payer_doc_old
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_documentation();--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_cov_insert AFTER INSERT ON "coverages" REFERENCING NEW TABLE AS payer_cov_new
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_coverages();--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_cov_update AFTER UPDATE ON "coverages" REFERENCING OLD TABLE AS payer_cov_old NEW TABLE AS payer_cov_new
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_coverages();--> statement-breakpoint
CREATE TRIGGER administrations_primary_payer_cov_delete AFTER DELETE ON "coverages" REFERENCING OLD TABLE AS payer_cov_old
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_primary_payer_coverages();--> statement-breakpoint
-- The backfill changes no column the infusion facts read (0035): their statement trigger would only
-- compare every row with itself.
ALTER TABLE "administrations" DISABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
UPDATE "administrations" a SET "primary_payer_id" = x.payer
FROM (
  SELECT a2."id", a2."practice_id", primary_payer_on(a2."practice_id", a2."patient_id", coalesce(d."actual_date", a2."planned_date")) AS payer
  FROM "administrations" a2
  LEFT JOIN "administration_documentation" d ON d."administration_id" = a2."id" AND d."practice_id" = a2."practice_id" AND d."is_current"
) x
WHERE a."practice_id" = x."practice_id" AND a."id" = x."id" AND x.payer IS NOT NULL;--> statement-breakpoint
ALTER TABLE "administrations" ENABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
-- 3. The due tab in planned-date order: one index range for both of its statuses, so a page reads its
--    first days instead of sorting the whole window (the queries spell the statuses as literals).
CREATE INDEX "administrations_due_idx" ON "administrations" USING btree ("practice_id","planned_date") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
ANALYZE "administrations";
