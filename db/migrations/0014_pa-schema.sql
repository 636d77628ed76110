CREATE TYPE "public"."prior_auth_channel" AS ENUM('portal', 'fax', 'phone', 'electronic');--> statement-breakpoint
CREATE TYPE "public"."prior_auth_request_kind" AS ENUM('initial', 'renewal');--> statement-breakpoint
CREATE TYPE "public"."prior_auth_rule_kind" AS ENUM('any', 'initial', 'renewal');--> statement-breakpoint
CREATE TYPE "public"."prior_auth_status" AS ENUM('needed', 'drafting', 'submitted', 'pending_info', 'approved', 'partially_approved', 'denied', 'peer_to_peer', 'appeal_submitted', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TYPE "public"."prior_auth_trigger" AS ENUM('order_signed', 'coverage_changed', 'order_extended', 'manual');--> statement-breakpoint
CREATE TABLE "authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"authorization_number" text NOT NULL,
	"hcpcs" text NOT NULL,
	"approved_units" integer NOT NULL,
	"approved_doses" integer,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authorizations_dates_ck" CHECK ("authorizations"."end_date" >= "authorizations"."start_date"),
	CONSTRAINT "authorizations_units_ck" CHECK ("authorizations"."approved_units" >= 0 and ("authorizations"."approved_doses" is null or "authorizations"."approved_doses" >= 0))
);
--> statement-breakpoint
CREATE TABLE "prior_auth_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"description" text,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_auth_attachments_size_ck" CHECK ("prior_auth_attachments"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "prior_auth_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"outcome" "prior_auth_status" NOT NULL,
	"authorization_number" text,
	"start_date" date,
	"end_date" date,
	"approved_lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"denial_reason" text,
	"exceeds_request_confirmed" boolean DEFAULT false NOT NULL,
	"payer_reference" text,
	"note" text,
	"decided_on" date NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_auth_decisions_outcome_ck" CHECK ("prior_auth_decisions"."outcome" in ('approved', 'partially_approved', 'denied')),
	CONSTRAINT "prior_auth_decisions_fields_ck" CHECK (("prior_auth_decisions"."outcome" = 'denied' and "prior_auth_decisions"."denial_reason" is not null) or ("prior_auth_decisions"."outcome" <> 'denied' and "prior_auth_decisions"."authorization_number" is not null and "prior_auth_decisions"."start_date" is not null and "prior_auth_decisions"."end_date" is not null and "prior_auth_decisions"."end_date" >= "prior_auth_decisions"."start_date"))
);
--> statement-breakpoint
CREATE TABLE "prior_auth_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"hcpcs" text NOT NULL,
	"required" boolean NOT NULL,
	"rule_id" uuid,
	"reason" text NOT NULL,
	"trigger" "prior_auth_trigger" NOT NULL,
	"request_id" uuid,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prior_auth_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"request_number" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"kind" "prior_auth_request_kind" DEFAULT 'initial' NOT NULL,
	"status" "prior_auth_status" DEFAULT 'needed' NOT NULL,
	"rule_id" uuid,
	"trigger" "prior_auth_trigger" NOT NULL,
	"indication_id" text NOT NULL,
	"diagnoses" jsonb NOT NULL,
	"requested_lines" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"first_dose_date" date,
	"clinical" jsonb NOT NULL,
	"ordering_provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"channel" "prior_auth_channel",
	"payer_reference" text,
	"payer_contact" text,
	"notes" text,
	"turnaround_days" integer DEFAULT 15 NOT NULL,
	"info_requested" text,
	"info_due_date" date,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"denial_reason" text,
	"assignee_user_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_auth_requests_dates_ck" CHECK ("prior_auth_requests"."end_date" >= "prior_auth_requests"."start_date"),
	CONSTRAINT "prior_auth_requests_info_ck" CHECK ("prior_auth_requests"."status" <> 'pending_info' or "prior_auth_requests"."info_due_date" is not null),
	CONSTRAINT "prior_auth_requests_revision_ck" CHECK ("prior_auth_requests"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "prior_auth_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"hcpcs" text NOT NULL,
	"indication_id" text,
	"request_kind" "prior_auth_rule_kind" DEFAULT 'any' NOT NULL,
	"required" boolean NOT NULL,
	"max_days" integer,
	"max_units" integer,
	"max_doses" integer,
	"lead_time_days" integer DEFAULT 14 NOT NULL,
	"turnaround_days" integer DEFAULT 15 NOT NULL,
	"effective_date" date NOT NULL,
	"end_date" date,
	"note" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_auth_rules_dates_ck" CHECK ("prior_auth_rules"."end_date" is null or "prior_auth_rules"."end_date" >= "prior_auth_rules"."effective_date"),
	CONSTRAINT "prior_auth_rules_limits_ck" CHECK (("prior_auth_rules"."max_days" is null or "prior_auth_rules"."max_days" > 0) and ("prior_auth_rules"."max_units" is null or "prior_auth_rules"."max_units" > 0) and ("prior_auth_rules"."max_doses" is null or "prior_auth_rules"."max_doses" > 0) and "prior_auth_rules"."lead_time_days" >= 0 and "prior_auth_rules"."turnaround_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_request_id_prior_auth_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."prior_auth_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_decision_id_prior_auth_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."prior_auth_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_request_id_prior_auth_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."prior_auth_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" ADD CONSTRAINT "prior_auth_decisions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" ADD CONSTRAINT "prior_auth_decisions_request_id_prior_auth_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."prior_auth_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" ADD CONSTRAINT "prior_auth_decisions_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_rule_id_prior_auth_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."prior_auth_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_request_id_prior_auth_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."prior_auth_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_rule_id_prior_auth_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."prior_auth_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_rules" ADD CONSTRAINT "prior_auth_rules_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_auth_rules" ADD CONSTRAINT "prior_auth_rules_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorizations_order_idx" ON "authorizations" USING btree ("practice_id","order_id","hcpcs");--> statement-breakpoint
CREATE INDEX "authorizations_patient_idx" ON "authorizations" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "authorizations_request_idx" ON "authorizations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "authorizations_end_idx" ON "authorizations" USING btree ("practice_id","end_date");--> statement-breakpoint
CREATE INDEX "prior_auth_attachments_request_idx" ON "prior_auth_attachments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "prior_auth_decisions_request_idx" ON "prior_auth_decisions" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prior_auth_evaluations_uq" ON "prior_auth_evaluations" USING btree ("order_id","coverage_id","hcpcs");--> statement-breakpoint
CREATE INDEX "prior_auth_evaluations_practice_idx" ON "prior_auth_evaluations" USING btree ("practice_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prior_auth_requests_number_uq" ON "prior_auth_requests" USING btree ("practice_id","request_number");--> statement-breakpoint
CREATE UNIQUE INDEX "prior_auth_requests_open_uq" ON "prior_auth_requests" USING btree ("order_id","coverage_id") WHERE "prior_auth_requests"."status" in ('needed', 'drafting', 'submitted', 'pending_info', 'peer_to_peer', 'appeal_submitted');--> statement-breakpoint
CREATE INDEX "prior_auth_requests_practice_status_idx" ON "prior_auth_requests" USING btree ("practice_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "prior_auth_requests_patient_idx" ON "prior_auth_requests" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "prior_auth_requests_order_idx" ON "prior_auth_requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "prior_auth_rules_payer_idx" ON "prior_auth_rules" USING btree ("practice_id","payer_id","hcpcs");