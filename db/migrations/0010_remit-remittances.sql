CREATE TYPE "public"."claim_payment_outcome" AS ENUM('paid', 'partially_paid', 'denied', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."claim_payment_status" AS ENUM('posted', 'unmatched', 'held', 'dismissed', 'not_posted');--> statement-breakpoint
CREATE TYPE "public"."denial_action" AS ENUM('corrected_claim', 'appeal', 'retro_auth', 'eligibility_check', 'write_off', 'review');--> statement-breakpoint
CREATE TYPE "public"."denial_category" AS ENUM('authorization', 'ndc-coding', 'modifier', 'medical-necessity', 'eligibility', 'timely-filing', 'duplicate', 'units', 'missing-information', 'bundling', 'other');--> statement-breakpoint
CREATE TYPE "public"."denial_outcome" AS ENUM('overturned', 'partially_overturned', 'not_needed');--> statement-breakpoint
CREATE TYPE "public"."denial_status" AS ENUM('open', 'in_progress', 'retro_auth', 'corrected', 'appealed', 'write_off_pending', 'written_off', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."pricing_basis" AS ENUM('medicare_asp', 'asp_percent', 'contract_rate', 'none');--> statement-breakpoint
CREATE TYPE "public"."remittance_file_status" AS ENUM('received', 'queued', 'posting', 'posted', 'not_posted', 'duplicate', 'failed');--> statement-breakpoint
CREATE TYPE "public"."work_item_kind" AS ENUM('denial', 'underpayment');--> statement-breakpoint
CREATE TABLE "claim_payment_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_payment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"claim_line_id" uuid,
	"unmatched_reason" text,
	"code" text NOT NULL,
	"modifiers" jsonb NOT NULL,
	"submitted_code" text,
	"units" numeric(12, 3) NOT NULL,
	"submitted_units" numeric(12, 3),
	"service_date" date,
	"charge_cents" bigint NOT NULL,
	"paid_cents" bigint NOT NULL,
	"allowed_cents" bigint NOT NULL,
	"allowed_source" text NOT NULL,
	"remarks" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"claim_id" uuid,
	"status" "claim_payment_status" NOT NULL,
	"matched_by" text,
	"reason" text,
	"patient_control_number" text NOT NULL,
	"status_code" text NOT NULL,
	"payer_claim_number" text,
	"original_payer_claim_number" text,
	"patient_name" text,
	"member_id" text,
	"frequency_code" text,
	"outcome" "claim_payment_outcome" NOT NULL,
	"is_reversal" boolean DEFAULT false NOT NULL,
	"reverses_claim_payment_id" uuid,
	"reversed_by_claim_payment_id" uuid,
	"forwarded_to_name" text,
	"forwarded_to_id" text,
	"charge_cents" bigint NOT NULL,
	"paid_cents" bigint NOT NULL,
	"allowed_cents" bigint NOT NULL,
	"contractual_cents" bigint NOT NULL,
	"patient_cents" bigint NOT NULL,
	"deductible_cents" bigint NOT NULL,
	"coinsurance_cents" bigint NOT NULL,
	"copay_cents" bigint NOT NULL,
	"denied_cents" bigint NOT NULL,
	"interest_cents" bigint DEFAULT 0 NOT NULL,
	"remarks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"posted_at" timestamp with time zone,
	"posted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "denial_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"user_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "denial_work_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"kind" "work_item_kind" NOT NULL,
	"claim_id" uuid NOT NULL,
	"claim_payment_id" uuid NOT NULL,
	"claim_payment_line_id" uuid,
	"status" "denial_status" DEFAULT 'open' NOT NULL,
	"category" "denial_category",
	"action" "denial_action" NOT NULL,
	"codes" jsonb NOT NULL,
	"amount_cents" bigint NOT NULL,
	"explanation" text NOT NULL,
	"detail" jsonb NOT NULL,
	"cause" text,
	"due_date" date,
	"assignee_user_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"corrected_claim_id" uuid,
	"prior_auth_request_id" uuid,
	"appeal_sent_at" timestamp with time zone,
	"appeal_argument" text,
	"write_off_cents" bigint,
	"write_off_reason" text,
	"write_off_requested_by_user_id" uuid,
	"write_off_approved_by_user_id" uuid,
	"outcome" "denial_outcome",
	"recovered_cents" bigint,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "denial_work_items_amount_ck" CHECK ("denial_work_items"."amount_cents" >= 0),
	CONSTRAINT "denial_work_items_kind_ck" CHECK (("denial_work_items"."kind" = 'denial') = ("denial_work_items"."category" is not null)),
	CONSTRAINT "denial_work_items_write_off_ck" CHECK ("denial_work_items"."status" not in ('written_off', 'write_off_pending') or ("denial_work_items"."write_off_cents" is not null and "denial_work_items"."write_off_reason" is not null)),
	CONSTRAINT "denial_work_items_resolved_ck" CHECK ("denial_work_items"."status" <> 'resolved' or "denial_work_items"."outcome" is not null)
);
--> statement-breakpoint
CREATE TABLE "payer_contract_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"rate_per_unit" numeric(12, 3) NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payer_contract_rates_dates_ck" CHECK ("payer_contract_rates"."effective_to" is null or "payer_contract_rates"."effective_to" >= "payer_contract_rates"."effective_from"),
	CONSTRAINT "payer_contract_rates_rate_ck" CHECK ("payer_contract_rates"."rate_per_unit" > 0)
);
--> statement-breakpoint
CREATE TABLE "payer_contract_terms" (
	"payer_id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"basis" "pricing_basis" NOT NULL,
	"asp_percent" numeric(6, 2),
	"tolerance_cents" integer DEFAULT 100 NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payer_contract_terms_percent_ck" CHECK ("payer_contract_terms"."basis" <> 'asp_percent' or ("payer_contract_terms"."asp_percent" is not null and "payer_contract_terms"."asp_percent" > 0)),
	CONSTRAINT "payer_contract_terms_tolerance_ck" CHECK ("payer_contract_terms"."tolerance_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "practice_remit_settings" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"write_off_approval_cents" bigint NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"reason" text NOT NULL,
	"reference" text,
	"amount_cents" bigint NOT NULL,
	"fiscal_period_date" date,
	"claim_id" uuid
);
--> statement-breakpoint
CREATE TABLE "remittance_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_payment_id" uuid NOT NULL,
	"claim_payment_line_id" uuid,
	"group_code" text NOT NULL,
	"carc" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"quantity" numeric(12, 3),
	"kind" text NOT NULL,
	"category" "denial_category"
);
--> statement-breakpoint
CREATE TABLE "remittance_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"status" "remittance_file_status" DEFAULT 'received' NOT NULL,
	"status_reason" text,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"finding_count" integer DEFAULT 0 NOT NULL,
	"duplicate_of_file_id" uuid,
	"payment_count" integer DEFAULT 0 NOT NULL,
	"claim_count" integer DEFAULT 0 NOT NULL,
	"claims_done" integer DEFAULT 0 NOT NULL,
	"posted_count" integer DEFAULT 0 NOT NULL,
	"unmatched_count" integer DEFAULT 0 NOT NULL,
	"held_count" integer DEFAULT 0 NOT NULL,
	"denial_count" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"uploaded_by_user_id" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "remittance_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"payer_name" text NOT NULL,
	"payer_identifier" text,
	"payer_id" uuid,
	"payer_key" text NOT NULL,
	"trace_number" text NOT NULL,
	"method" text,
	"credit_debit" text,
	"payment_date" date,
	"amount_cents" bigint NOT NULL,
	"provider_adjustment_cents" bigint DEFAULT 0 NOT NULL,
	"claim_count" integer NOT NULL,
	"payee_name" text NOT NULL,
	"payee_npi" text,
	"duplicate_of_payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_claim_payment_id_claim_payments_id_fk" FOREIGN KEY ("claim_payment_id") REFERENCES "public"."claim_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_claim_line_id_claim_lines_id_fk" FOREIGN KEY ("claim_line_id") REFERENCES "public"."claim_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_file_id_remittance_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."remittance_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_payment_id_remittance_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."remittance_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_posted_by_user_id_users_id_fk" FOREIGN KEY ("posted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_notes" ADD CONSTRAINT "denial_notes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_notes" ADD CONSTRAINT "denial_notes_work_item_id_denial_work_items_id_fk" FOREIGN KEY ("work_item_id") REFERENCES "public"."denial_work_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_notes" ADD CONSTRAINT "denial_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_payment_id_claim_payments_id_fk" FOREIGN KEY ("claim_payment_id") REFERENCES "public"."claim_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_payment_line_id_claim_payment_lines_id_fk" FOREIGN KEY ("claim_payment_line_id") REFERENCES "public"."claim_payment_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_corrected_claim_id_claims_id_fk" FOREIGN KEY ("corrected_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_write_off_requested_by_user_id_users_id_fk" FOREIGN KEY ("write_off_requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_write_off_approved_by_user_id_users_id_fk" FOREIGN KEY ("write_off_approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_rates" ADD CONSTRAINT "payer_contract_rates_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_rates" ADD CONSTRAINT "payer_contract_rates_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_rates" ADD CONSTRAINT "payer_contract_rates_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_terms" ADD CONSTRAINT "payer_contract_terms_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_terms" ADD CONSTRAINT "payer_contract_terms_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_contract_terms" ADD CONSTRAINT "payer_contract_terms_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_remit_settings" ADD CONSTRAINT "practice_remit_settings_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_remit_settings" ADD CONSTRAINT "practice_remit_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_payment_id_remittance_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."remittance_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_claim_payment_id_claim_payments_id_fk" FOREIGN KEY ("claim_payment_id") REFERENCES "public"."claim_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_claim_payment_line_id_claim_payment_lines_id_fk" FOREIGN KEY ("claim_payment_line_id") REFERENCES "public"."claim_payment_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_files" ADD CONSTRAINT "remittance_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_files" ADD CONSTRAINT "remittance_files_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_file_id_remittance_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."remittance_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_payment_lines_position_uq" ON "claim_payment_lines" USING btree ("claim_payment_id","position");--> statement-breakpoint
CREATE INDEX "claim_payment_lines_line_idx" ON "claim_payment_lines" USING btree ("practice_id","claim_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_payments_position_uq" ON "claim_payments" USING btree ("payment_id","position");--> statement-breakpoint
CREATE INDEX "claim_payments_claim_idx" ON "claim_payments" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE INDEX "claim_payments_file_idx" ON "claim_payments" USING btree ("file_id","status");--> statement-breakpoint
CREATE INDEX "claim_payments_queue_idx" ON "claim_payments" USING btree ("practice_id","status","created_at");--> statement-breakpoint
CREATE INDEX "claim_payments_pcn_idx" ON "claim_payments" USING btree ("practice_id","payer_claim_number");--> statement-breakpoint
CREATE INDEX "denial_notes_item_idx" ON "denial_notes" USING btree ("work_item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "denial_work_items_category_uq" ON "denial_work_items" USING btree ("practice_id","claim_payment_id","category") WHERE "denial_work_items"."kind" = 'denial';--> statement-breakpoint
CREATE UNIQUE INDEX "denial_work_items_line_uq" ON "denial_work_items" USING btree ("practice_id","claim_payment_line_id") WHERE "denial_work_items"."kind" = 'underpayment';--> statement-breakpoint
CREATE INDEX "denial_work_items_queue_idx" ON "denial_work_items" USING btree ("practice_id","status","due_date");--> statement-breakpoint
CREATE INDEX "denial_work_items_claim_idx" ON "denial_work_items" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE INDEX "denial_work_items_assignee_idx" ON "denial_work_items" USING btree ("practice_id","assignee_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "payer_contract_rates_uq" ON "payer_contract_rates" USING btree ("practice_id","payer_id","code","effective_from");--> statement-breakpoint
CREATE INDEX "payer_contract_terms_practice_idx" ON "payer_contract_terms" USING btree ("practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_adjustments_position_uq" ON "provider_adjustments" USING btree ("payment_id","position");--> statement-breakpoint
CREATE INDEX "provider_adjustments_practice_idx" ON "provider_adjustments" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE INDEX "remittance_adjustments_payment_idx" ON "remittance_adjustments" USING btree ("claim_payment_id");--> statement-breakpoint
CREATE INDEX "remittance_adjustments_carc_idx" ON "remittance_adjustments" USING btree ("practice_id","carc");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_files_sha_uq" ON "remittance_files" USING btree ("practice_id","sha256");--> statement-breakpoint
CREATE INDEX "remittance_files_practice_idx" ON "remittance_files" USING btree ("practice_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "remittance_files_status_idx" ON "remittance_files" USING btree ("status","uploaded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_payments_position_uq" ON "remittance_payments" USING btree ("file_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_payments_trace_uq" ON "remittance_payments" USING btree ("practice_id","payer_key","trace_number") WHERE "remittance_payments"."duplicate_of_payment_id" is null;--> statement-breakpoint
CREATE INDEX "remittance_payments_practice_idx" ON "remittance_payments" USING btree ("practice_id","payment_date");