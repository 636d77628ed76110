CREATE TABLE "kpi_ar_intervals" (
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"rendering_provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"indication_ids" text[] NOT NULL,
	"billed_on" date NOT NULL,
	"during" "tstzrange" NOT NULL,
	"balance_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kpi_ar_intervals_claim_idx" ON "kpi_ar_intervals" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "kpi_ar_intervals_during_idx" ON "kpi_ar_intervals" USING gist ("during");--> statement-breakpoint
CREATE INDEX "claims_practice_submitted_idx" ON "claims" USING btree ("practice_id","submitted_at");--> statement-breakpoint
CREATE INDEX "claims_practice_dos_idx" ON "claims" USING btree ("practice_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claim_payments_posted_at_idx" ON "claim_payments" USING btree ("practice_id",coalesce("posted_at", "created_at")) WHERE "claim_payments"."status" = 'posted';