CREATE TYPE "public"."acknowledgment_kind" AS ENUM('999', '277CA');--> statement-breakpoint
CREATE TYPE "public"."adjudication_outcome" AS ENUM('paid', 'partially_paid', 'denied');--> statement-breakpoint
CREATE TYPE "public"."claim_batch_status" AS ENUM('created', 'submitted', 'acknowledged', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."claim_frequency" AS ENUM('original', 'replacement', 'void');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('draft', 'ready', 'batched', 'submitted', 'accepted', 'rejected', 'adjudicated', 'closed', 'replaced', 'voided', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."claim_type" AS ENUM('professional', 'institutional');--> statement-breakpoint
CREATE TYPE "public"."submission_channel" AS ENUM('clearinghouse_upload', 'clearinghouse_sftp', 'payer_portal', 'paper');--> statement-breakpoint
CREATE TABLE "acknowledgment_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"kind" "acknowledgment_kind" NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"findings" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"uploaded_by_user_id" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acknowledgment_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" "acknowledgment_kind" NOT NULL,
	"batch_id" uuid,
	"claim_id" uuid,
	"status" text NOT NULL,
	"reference" text NOT NULL,
	"payer_claim_number" text,
	"detail" jsonb NOT NULL,
	"segment" integer,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_administrations" (
	"claim_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "claim_administrations_claim_id_administration_id_pk" PRIMARY KEY("claim_id","administration_id")
);
--> statement-breakpoint
CREATE TABLE "claim_batch_items" (
	"batch_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "claim_batch_items_batch_id_claim_id_pk" PRIMARY KEY("batch_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "claim_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"claim_type" "claim_type" NOT NULL,
	"status" "claim_batch_status" DEFAULT 'created' NOT NULL,
	"interchange_control_number" integer NOT NULL,
	"group_control_number" integer NOT NULL,
	"transaction_set_control_number" integer NOT NULL,
	"usage" text NOT NULL,
	"claim_count" integer NOT NULL,
	"total_charge_cents" bigint NOT NULL,
	"file_name" text NOT NULL,
	"file_content" "bytea" NOT NULL,
	"file_sha256" text NOT NULL,
	"file_bytes" integer NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_channel" "submission_channel",
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_user_id" uuid,
	"cancel_reason" text,
	"ack_status" text,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "claim_batches_usage_ck" CHECK ("claim_batches"."usage" in ('T', 'P')),
	CONSTRAINT "claim_batches_control_ck" CHECK ("claim_batches"."interchange_control_number" between 1 and 999999999 and "claim_batches"."group_control_number" between 1 and 999999999 and "claim_batches"."transaction_set_control_number" between 1 and 999999999),
	CONSTRAINT "claim_batches_cancel_ck" CHECK ("claim_batches"."status" <> 'cancelled' or "claim_batches"."cancel_reason" is not null),
	CONSTRAINT "claim_batches_ack_ck" CHECK ("claim_batches"."ack_status" is null or "claim_batches"."ack_status" in ('accepted', 'accepted_with_errors', 'partially_accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"modifiers" jsonb NOT NULL,
	"units" integer NOT NULL,
	"charge_cents" bigint NOT NULL,
	"ndc11" text,
	"ndc_unit" text,
	"ndc_quantity" numeric(11, 3),
	"diagnosis_pointers" jsonb NOT NULL,
	"revenue_code" text,
	"prior_auth_number" text,
	"date_of_service" date NOT NULL,
	CONSTRAINT "claim_lines_units_ck" CHECK ("claim_lines"."units" > 0),
	CONSTRAINT "claim_lines_charge_ck" CHECK ("claim_lines"."charge_cents" >= 0),
	CONSTRAINT "claim_lines_ndc_ck" CHECK (("claim_lines"."ndc11" is null and "claim_lines"."ndc_unit" is null and "claim_lines"."ndc_quantity" is null) or ("claim_lines"."ndc11" ~ '^[0-9]{11}$' and "claim_lines"."ndc_unit" in ('ML', 'UN') and "claim_lines"."ndc_quantity" > 0)),
	CONSTRAINT "claim_lines_kind_ck" CHECK ("claim_lines"."kind" in ('drug', 'waste', 'admin', 'other'))
);
--> statement-breakpoint
CREATE TABLE "claim_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"fingerprint" text NOT NULL,
	"message" text NOT NULL,
	"reason" text NOT NULL,
	"source" text DEFAULT 'claim' NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_overrides_reason_ck" CHECK (length("claim_overrides"."reason") >= 5)
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"rendering_provider_id" uuid NOT NULL,
	"claim_type" "claim_type" NOT NULL,
	"frequency" "claim_frequency" DEFAULT 'original' NOT NULL,
	"original_claim_id" uuid,
	"payer_claim_number" text,
	"payer_claim_control_number" text,
	"status" "claim_status" DEFAULT 'draft' NOT NULL,
	"date_of_service" date NOT NULL,
	"place_of_service" text,
	"type_of_bill" text,
	"prior_auth_number" text,
	"prior_auth_id" uuid,
	"diagnoses" jsonb NOT NULL,
	"total_charge_cents" bigint NOT NULL,
	"parties" jsonb NOT NULL,
	"scenario" jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blocked" boolean DEFAULT false NOT NULL,
	"reference_versions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scrubbed_at" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"submission_channel" "submission_channel",
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"accepted_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"rejection" jsonb,
	"adjudicated_at" timestamp with time zone,
	"adjudication_outcome" "adjudication_outcome",
	"paid_cents" bigint,
	"patient_responsibility_cents" bigint,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"cancel_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_total_ck" CHECK ("claims"."total_charge_cents" >= 0),
	CONSTRAINT "claims_frequency_ck" CHECK ("claims"."frequency" = 'original' or ("claims"."original_claim_id" is not null and "claims"."payer_claim_number" is not null)),
	CONSTRAINT "claims_type_ck" CHECK (("claims"."claim_type" = 'professional' and "claims"."place_of_service" is not null) or ("claims"."claim_type" = 'institutional' and "claims"."type_of_bill" is not null)),
	CONSTRAINT "claims_close_ck" CHECK ("claims"."status" <> 'closed' or "claims"."close_reason" is not null),
	CONSTRAINT "claims_cancel_ck" CHECK ("claims"."status" <> 'cancelled' or "claims"."cancel_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "control_counters" (
	"practice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"last_value" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_counters_practice_id_kind_pk" PRIMARY KEY("practice_id","kind"),
	CONSTRAINT "control_counters_value_ck" CHECK ("control_counters"."last_value" between 1 and 999999999)
);
--> statement-breakpoint
CREATE TABLE "practice_submission_settings" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"submitter_name" text NOT NULL,
	"submitter_id" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"receiver_name" text NOT NULL,
	"receiver_id" text NOT NULL,
	"sender_qualifier" text DEFAULT 'ZZ' NOT NULL,
	"receiver_qualifier" text DEFAULT 'ZZ' NOT NULL,
	"usage" text DEFAULT 'T' NOT NULL,
	"billing_zip_plus4" text,
	"billing_taxonomy" text,
	"billing_phone" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_submission_usage_ck" CHECK ("practice_submission_settings"."usage" in ('T', 'P')),
	CONSTRAINT "practice_submission_zip_ck" CHECK ("practice_submission_settings"."billing_zip_plus4" is null or "practice_submission_settings"."billing_zip_plus4" ~ '^[0-9]{9}$'),
	CONSTRAINT "practice_submission_phone_ck" CHECK ("practice_submission_settings"."billing_phone" is null or "practice_submission_settings"."billing_phone" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "acknowledgment_files" ADD CONSTRAINT "acknowledgment_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgment_files" ADD CONSTRAINT "acknowledgment_files_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_file_id_acknowledgment_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."acknowledgment_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_batch_id_claim_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."claim_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_batch_id_claim_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."claim_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_cancelled_by_user_id_users_id_fk" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rendering_provider_id_providers_id_fk" FOREIGN KEY ("rendering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_counters" ADD CONSTRAINT "control_counters_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_submission_settings" ADD CONSTRAINT "practice_submission_settings_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_submission_settings" ADD CONSTRAINT "practice_submission_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acknowledgment_files_sha_uq" ON "acknowledgment_files" USING btree ("practice_id","sha256");--> statement-breakpoint
CREATE INDEX "acknowledgment_files_practice_idx" ON "acknowledgment_files" USING btree ("practice_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "acknowledgment_results_file_idx" ON "acknowledgment_results" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "acknowledgment_results_claim_idx" ON "acknowledgment_results" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE INDEX "acknowledgment_results_batch_idx" ON "acknowledgment_results" USING btree ("practice_id","batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_administrations_live_uq" ON "claim_administrations" USING btree ("administration_id","coverage_id") WHERE "claim_administrations"."active";--> statement-breakpoint
CREATE INDEX "claim_administrations_admin_idx" ON "claim_administrations" USING btree ("practice_id","administration_id");--> statement-breakpoint
CREATE INDEX "claim_batch_items_claim_idx" ON "claim_batch_items" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_batches_icn_uq" ON "claim_batches" USING btree ("practice_id","interchange_control_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_batches_gcn_uq" ON "claim_batches" USING btree ("practice_id","group_control_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_batches_stcn_uq" ON "claim_batches" USING btree ("practice_id","transaction_set_control_number");--> statement-breakpoint
CREATE INDEX "claim_batches_practice_idx" ON "claim_batches" USING btree ("practice_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_lines_position_uq" ON "claim_lines" USING btree ("claim_id","position");--> statement-breakpoint
CREATE INDEX "claim_lines_practice_idx" ON "claim_lines" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_overrides_uq" ON "claim_overrides" USING btree ("claim_id","rule","fingerprint");--> statement-breakpoint
CREATE INDEX "claim_overrides_practice_idx" ON "claim_overrides" USING btree ("practice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_practice_number_uq" ON "claims" USING btree ("practice_id","claim_number");--> statement-breakpoint
CREATE INDEX "claims_practice_status_idx" ON "claims" USING btree ("practice_id","status","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_practice_patient_idx" ON "claims" USING btree ("practice_id","patient_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_practice_payer_idx" ON "claims" USING btree ("practice_id","payer_id","status");--> statement-breakpoint
CREATE INDEX "claims_original_idx" ON "claims" USING btree ("practice_id","original_claim_id");--> statement-breakpoint
CREATE INDEX "claims_payer_ccn_idx" ON "claims" USING btree ("practice_id","payer_claim_control_number");