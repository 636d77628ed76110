-- The worklists' not-ready and ready tabs page through administration_billing_status in the order
-- of its own columns: the primary payer on the date of service is stored next to the date of
-- service (both written by refreshReadiness in the transaction of every change they depend on), and
-- each offered sort of these tabs has an index (practice_id, status, key, date_of_service), so a
-- page is an index scan with LIMIT instead of a sort of every row of the tab.
ALTER TABLE "administration_billing_status" ADD COLUMN "primary_payer_id" uuid;--> statement-breakpoint
-- Replaced below by an index that also gives the date order; dropped first so the backfill
-- maintains the primary key alone.
DROP INDEX IF EXISTS "administration_billing_status_deadline_idx";--> statement-breakpoint
-- Set-based backfill: the coverage in force on the date of service that started last, like
-- coverageOn (server/domain/patients/coverage.ts) over primaryCoverageOn's rows.
UPDATE "administration_billing_status" s SET "primary_payer_id" = (
  SELECT c."payer_id" FROM "coverages" c
  JOIN "payers" p ON p."id" = c."payer_id" AND p."practice_id" = c."practice_id"
  WHERE c."practice_id" = s."practice_id" AND c."patient_id" = a."patient_id" AND c."priority" = 'primary'
    AND c."effective_date" <= s."date_of_service" AND (c."end_date" IS NULL OR c."end_date" >= s."date_of_service")
  ORDER BY c."effective_date" DESC LIMIT 1)
FROM "administrations" a
WHERE a."practice_id" = s."practice_id" AND a."id" = s."administration_id";--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD CONSTRAINT "administration_billing_status_primary_payer_fk" FOREIGN KEY ("primary_payer_id","practice_id") REFERENCES "public"."payers"("id","practice_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "administration_billing_status_date_idx" ON "administration_billing_status" USING btree ("practice_id","status","date_of_service","administration_id");--> statement-breakpoint
CREATE INDEX "administration_billing_status_deadline_idx" ON "administration_billing_status" USING btree ("practice_id","status","filing_deadline","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_charge_idx" ON "administration_billing_status" USING btree ("practice_id","status","charge_cents","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_payer_idx" ON "administration_billing_status" USING btree ("practice_id","status","primary_payer_id","charge_cents","date_of_service");--> statement-breakpoint
CREATE INDEX "administration_billing_status_age_idx" ON "administration_billing_status" USING btree ("practice_id","status",((("status_since" AT TIME ZONE 'UTC'))::date),"date_of_service");
