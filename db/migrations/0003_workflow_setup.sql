CREATE TYPE "public"."payer_free_drug_policy" AS ENUM('fb_zero_charge', 'no_drug_line');--> statement-breakpoint
CREATE TYPE "public"."payer_ndc_policy" AS ENUM('none', 'ML', 'UN');--> statement-breakpoint
CREATE TYPE "public"."payer_kind" AS ENUM('medicare', 'medicare_advantage', 'medicaid', 'commercial');--> statement-breakpoint
CREATE TYPE "public"."place_of_service" AS ENUM('11', '19', '22');--> statement-breakpoint
CREATE TYPE "public"."provider_entity_type" AS ENUM('person', 'organization');--> statement-breakpoint
CREATE TYPE "public"."payer_waste_policy" AS ENUM('jw_jz', 'jw_only', 'none');--> statement-breakpoint
CREATE TYPE "public"."coverage_priority" AS ENUM('primary', 'secondary', 'tertiary');--> statement-breakpoint
CREATE TYPE "public"."patient_sex" AS ENUM('female', 'male', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."subscriber_relationship" AS ENUM('self', 'spouse', 'child', 'other');--> statement-breakpoint
CREATE TYPE "public"."administration_status" AS ENUM('scheduled', 'in_progress', 'documented', 'ready_for_billing', 'not_given');--> statement-breakpoint
CREATE TYPE "public"."not_given_reason" AS ENUM('held_for_toxicity', 'patient_declined', 'insurance', 'other');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('draft', 'signed', 'active', 'completed', 'discontinued');--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"place_of_service" "place_of_service" NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"facility_npi" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_facility_npi_ck" CHECK ("locations"."place_of_service" = '11' or "locations"."facility_npi" is not null)
);
--> statement-breakpoint
CREATE TABLE "payers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"edi_payer_id" text NOT NULL,
	"kind" "payer_kind" NOT NULL,
	"template_id" text,
	"waste_modifiers" "payer_waste_policy" NOT NULL,
	"ndc" "payer_ndc_policy" NOT NULL,
	"prior_auth_required" boolean NOT NULL,
	"timely_filing_days" integer,
	"appeal_days" integer,
	"free_drug" "payer_free_drug_policy" NOT NULL,
	"dose_rounding_percent" integer,
	"unit_caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"claim_filing_indicator" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payers_timely_filing_ck" CHECK ("payers"."timely_filing_days" is not null or "payers"."kind" = 'medicare'),
	CONSTRAINT "payers_timely_filing_positive_ck" CHECK ("payers"."timely_filing_days" is null or "payers"."timely_filing_days" > 0),
	CONSTRAINT "payers_appeal_days_ck" CHECK ("payers"."appeal_days" is null or "payers"."appeal_days" > 0),
	CONSTRAINT "payers_dose_rounding_ck" CHECK ("payers"."dose_rounding_percent" is null or "payers"."dose_rounding_percent" between 0 and 50)
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"entity_type" "provider_entity_type" DEFAULT 'person' NOT NULL,
	"first_name" text,
	"last_name" text NOT NULL,
	"credential" text,
	"npi" text NOT NULL,
	"taxonomy_code" text NOT NULL,
	"can_render" boolean DEFAULT true NOT NULL,
	"can_order" boolean DEFAULT true NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_person_first_name_ck" CHECK ("providers"."entity_type" = 'organization' or "providers"."first_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "coverages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"group_number" text,
	"plan_name" text,
	"priority" "coverage_priority" NOT NULL,
	"relationship" "subscriber_relationship" NOT NULL,
	"subscriber_first_name" text,
	"subscriber_last_name" text,
	"subscriber_date_of_birth" date,
	"effective_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverages_dates_ck" CHECK ("coverages"."end_date" is null or "coverages"."end_date" >= "coverages"."effective_date"),
	CONSTRAINT "coverages_subscriber_ck" CHECK ("coverages"."relationship" = 'self' or ("coverages"."subscriber_first_name" is not null and "coverages"."subscriber_last_name" is not null and "coverages"."subscriber_date_of_birth" is not null))
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"mrn" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" "patient_sex" NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_dob_ck" CHECK ("patients"."date_of_birth" >= '1900-01-01'),
	CONSTRAINT "patients_zip_ck" CHECK ("patients"."zip" ~ '^[0-9]{5}([0-9]{4})?$'),
	CONSTRAINT "patients_phone_ck" CHECK ("patients"."phone" is null or "patients"."phone" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"cycle" integer NOT NULL,
	"day" integer DEFAULT 1 NOT NULL,
	"phase_index" integer NOT NULL,
	"includes_combination" boolean DEFAULT false NOT NULL,
	"planned_date" date NOT NULL,
	"original_planned_date" date NOT NULL,
	"status" "administration_status" DEFAULT 'scheduled' NOT NULL,
	"not_given_reason" "not_given_reason",
	"not_given_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "administrations_not_given_ck" CHECK ("administrations"."status" <> 'not_given' or "administrations"."not_given_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"indication_id" text NOT NULL,
	"diagnoses" jsonb NOT NULL,
	"phases" jsonb NOT NULL,
	"duration_months" integer,
	"combination" jsonb,
	"start_date" date NOT NULL,
	"ordering_provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"weight_kg" numeric(5, 1) NOT NULL,
	"notes" text,
	"status" "order_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"signed_at" timestamp with time zone,
	"signed_by_user_id" uuid,
	"activated_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"discontinued_at" timestamp with time zone,
	"discontinued_by_user_id" uuid,
	"discontinue_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_weight_ck" CHECK ("orders"."weight_kg" > 0),
	CONSTRAINT "orders_duration_ck" CHECK ("orders"."duration_months" is null or "orders"."duration_months" between 1 and 60),
	CONSTRAINT "orders_discontinue_reason_ck" CHECK ("orders"."status" <> 'discontinued' or "orders"."discontinue_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_discontinued_by_user_id_users_id_fk" FOREIGN KEY ("discontinued_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "locations_practice_name_uq" ON "locations" USING btree ("practice_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "payers_practice_edi_uq" ON "payers" USING btree ("practice_id","edi_payer_id");--> statement-breakpoint
CREATE INDEX "payers_practice_name_idx" ON "payers" USING btree ("practice_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_practice_npi_uq" ON "providers" USING btree ("practice_id","npi");--> statement-breakpoint
CREATE INDEX "providers_practice_name_idx" ON "providers" USING btree ("practice_id","last_name");--> statement-breakpoint
CREATE INDEX "coverages_patient_idx" ON "coverages" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "coverages_payer_idx" ON "coverages" USING btree ("payer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_practice_mrn_uq" ON "patients" USING btree ("practice_id","mrn");--> statement-breakpoint
CREATE INDEX "patients_practice_name_idx" ON "patients" USING btree ("practice_id",lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "patients_practice_dob_idx" ON "patients" USING btree ("practice_id","date_of_birth");--> statement-breakpoint
CREATE INDEX "patients_practice_created_idx" ON "patients" USING btree ("practice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "administrations_order_sequence_uq" ON "administrations" USING btree ("order_id","sequence");--> statement-breakpoint
CREATE INDEX "administrations_practice_date_idx" ON "administrations" USING btree ("practice_id","planned_date");--> statement-breakpoint
CREATE INDEX "administrations_practice_status_idx" ON "administrations" USING btree ("practice_id","status","planned_date");--> statement-breakpoint
CREATE INDEX "administrations_patient_idx" ON "administrations" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "orders_practice_status_idx" ON "orders" USING btree ("practice_id","status","created_at");--> statement-breakpoint
CREATE INDEX "orders_practice_patient_idx" ON "orders" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "orders_practice_indication_idx" ON "orders" USING btree ("practice_id","indication_id");