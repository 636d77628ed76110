ALTER TABLE "claims" ADD COLUMN "primary_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "cob" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_secondary_live_uq" ON "claims" USING btree ("primary_claim_id") WHERE "claims"."primary_claim_id" is not null and "claims"."status" not in ('cancelled', 'voided', 'replaced');