-- Issue 13: the worklists' date sorts break ties within a day by the patient's name, and at 1,000,000
-- administrations a day holds 700-850 infusions: the first page of the due, not-ready and ready tabs
-- read every infusion of its first day and looked up each one's patient to sort them (about 3 ms of
-- the 4-5 ms a page took). Each listed row now carries the patient's names lower-cased, and the date
-- indexes end with them and the id: the first page is the index's first 25 entries. The due and
-- closed tabs' patient sort reads them too. Kept by triggers, whoever writes: an infusion or a stored
-- readiness row inserted or given another patient, and a patient's names corrected.
DROP INDEX "administrations_due_idx";--> statement-breakpoint
DROP INDEX "administrations_due_location_idx";--> statement-breakpoint
DROP INDEX "administrations_due_provider_idx";--> statement-breakpoint
DROP INDEX "administrations_due_indication_idx";--> statement-breakpoint
DROP INDEX "administrations_due_payer_idx";--> statement-breakpoint
DROP INDEX "administration_billing_status_date_idx";--> statement-breakpoint
DROP INDEX "administration_billing_status_location_idx";--> statement-breakpoint
DROP INDEX "administration_billing_status_provider_idx";--> statement-breakpoint
DROP INDEX "administration_billing_status_indication_idx";--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "patient_sort_last" text;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "patient_sort_first" text;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "patient_sort_last" text;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD COLUMN "patient_sort_first" text;--> statement-breakpoint
-- A row inserted or given another patient: that patient's names (one trigger function for both tables).
CREATE OR REPLACE FUNCTION patient_sort_names_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(p.last_name), lower(p.first_name) INTO NEW.patient_sort_last, NEW.patient_sort_first
  FROM patients p WHERE p.id = NEW.patient_id AND p.practice_id = NEW.practice_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER administrations_patient_sort_names BEFORE INSERT OR UPDATE OF patient_id ON "administrations"
  FOR EACH ROW EXECUTE FUNCTION patient_sort_names_row();--> statement-breakpoint
CREATE TRIGGER administration_billing_status_patient_sort_names BEFORE INSERT OR UPDATE OF patient_id ON "administration_billing_status"
  FOR EACH ROW EXECUTE FUNCTION patient_sort_names_row();--> statement-breakpoint
-- A patient's names corrected: every row of the patient in both tables, writing only the rows that change.
CREATE OR REPLACE FUNCTION patient_sort_names_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE administrations a SET patient_sort_last = lower(n.last_name), patient_sort_first = lower(n.first_name)
  FROM patient_names_new n JOIN patient_names_old o ON o.id = n.id AND o.practice_id = n.practice_id
  WHERE (lower(n.last_name), lower(n.first_name)) IS DISTINCT FROM (lower(o.last_name), lower(o.first_name))
    AND a.practice_id = n.practice_id AND a.patient_id = n.id
    AND (a.patient_sort_last, a.patient_sort_first) IS DISTINCT FROM (lower(n.last_name), lower(n.first_name));
  UPDATE administration_billing_status s SET patient_sort_last = lower(n.last_name), patient_sort_first = lower(n.first_name)
  FROM patient_names_new n JOIN patient_names_old o ON o.id = n.id AND o.practice_id = n.practice_id
  WHERE (lower(n.last_name), lower(n.first_name)) IS DISTINCT FROM (lower(o.last_name), lower(o.first_name))
    AND s.practice_id = n.practice_id AND s.patient_id = n.id
    AND (s.patient_sort_last, s.patient_sort_first) IS DISTINCT FROM (lower(n.last_name), lower(n.first_name));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_sort_names_update AFTER UPDATE ON "patients" REFERENCING OLD TABLE AS patient_names_old NEW TABLE AS patient_names_new
  FOR EACH STATEMENT EXECUTE FUNCTION patient_sort_names_patients();--> statement-breakpoint
-- The backfill changes no column the infusion facts (0035) or the claims' indications (0044) read.
ALTER TABLE "administrations" DISABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
ALTER TABLE "administrations" DISABLE TRIGGER "claims_indications_administrations_update";--> statement-breakpoint
UPDATE "administrations" a SET "patient_sort_last" = lower(p."last_name"), "patient_sort_first" = lower(p."first_name")
FROM "patients" p WHERE p."id" = a."patient_id" AND p."practice_id" = a."practice_id";--> statement-breakpoint
ALTER TABLE "administrations" ENABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
ALTER TABLE "administrations" ENABLE TRIGGER "claims_indications_administrations_update";--> statement-breakpoint
UPDATE "administration_billing_status" s SET "patient_sort_last" = lower(p."last_name"), "patient_sort_first" = lower(p."first_name")
FROM "patients" p WHERE p."id" = s."patient_id" AND p."practice_id" = s."practice_id";--> statement-breakpoint
CREATE INDEX "administrations_due_idx" ON "administrations" USING btree ("practice_id","planned_date","patient_sort_last","patient_sort_first","id") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_location_idx" ON "administrations" USING btree ("practice_id","location_id","planned_date","patient_sort_last","patient_sort_first","id") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_provider_idx" ON "administrations" USING btree ("practice_id","ordering_provider_id","planned_date","patient_sort_last","patient_sort_first","id") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_indication_idx" ON "administrations" USING btree ("practice_id","indication_id","planned_date","patient_sort_last","patient_sort_first","id") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_payer_idx" ON "administrations" USING btree ("practice_id","primary_payer_id","planned_date","patient_sort_last","patient_sort_first","id") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administration_billing_status_date_idx" ON "administration_billing_status" USING btree ("practice_id","status","date_of_service","patient_sort_last","patient_sort_first","administration_id");--> statement-breakpoint
CREATE INDEX "administration_billing_status_location_idx" ON "administration_billing_status" USING btree ("practice_id","status","location_id","date_of_service","patient_sort_last","patient_sort_first","administration_id");--> statement-breakpoint
CREATE INDEX "administration_billing_status_provider_idx" ON "administration_billing_status" USING btree ("practice_id","status","ordering_provider_id","date_of_service","patient_sort_last","patient_sort_first","administration_id");--> statement-breakpoint
CREATE INDEX "administration_billing_status_indication_idx" ON "administration_billing_status" USING btree ("practice_id","status","indication_id","date_of_service","patient_sort_last","patient_sort_first","administration_id");--> statement-breakpoint
ANALYZE "administrations";--> statement-breakpoint
ANALYZE "administration_billing_status";
