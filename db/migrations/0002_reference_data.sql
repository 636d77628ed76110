CREATE TABLE "adjustment_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"recommended_action" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"family" text NOT NULL,
	"role" text NOT NULL,
	"max_minutes" integer,
	"base_minutes" integer,
	"increment_minutes" integer,
	"threshold_minutes" integer,
	"add_on_to" jsonb NOT NULL,
	"professional_in_facility" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asp_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hcpcs" text NOT NULL,
	"quarter" text NOT NULL,
	"based_on_asp" text NOT NULL,
	"payment_limit" numeric(12, 3) NOT NULL,
	"coinsurance_percent" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_frequencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"frequency" text NOT NULL,
	"code" text NOT NULL,
	"needs_payer_claim_number" boolean NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drugs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hcpcs" text NOT NULL,
	"drug" text NOT NULL,
	"brand" text NOT NULL,
	"descriptor" text NOT NULL,
	"unit_amount" numeric(12, 3) NOT NULL,
	"unit_of_measure" text NOT NULL,
	"route" text NOT NULL,
	"single_dose" boolean NOT NULL,
	"complex_biologic" boolean NOT NULL,
	"checkpoint_inhibitor" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "icd10_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"billable" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"label_date" date NOT NULL,
	"withdrawn_date" date,
	"drugs" jsonb NOT NULL,
	"icd10_prefixes" jsonb NOT NULL,
	"weight_threshold_kg" numeric(6, 3) NOT NULL,
	"regimens" jsonb NOT NULL,
	"max_duration_months" integer,
	"max_cycles" jsonb NOT NULL,
	"notes" text,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "modifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"role" text NOT NULL,
	"allowed_on_drug_or_admin" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ndc_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ndc11" text NOT NULL,
	"label_ndc" text NOT NULL,
	"labeler" text NOT NULL,
	"drug" text NOT NULL,
	"hcpcs" text,
	"description" text NOT NULL,
	"package_mg" numeric(12, 3),
	"package_ml" numeric(12, 3),
	"package_quantity" integer NOT NULL,
	"billable_units" integer,
	"status" text NOT NULL,
	"marketed_from" date,
	"obsolete_from" date,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payer_profile_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"waste_modifiers" text NOT NULL,
	"ndc" text NOT NULL,
	"prior_auth_required" boolean NOT NULL,
	"timely_filing_days" integer,
	"timely_filing_months" integer,
	"appeal_days" integer,
	"free_drug" text NOT NULL,
	"dose_rounding_percent" numeric(5, 2),
	"unit_caps" jsonb NOT NULL,
	"claim_filing_indicator" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places_of_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"facility" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revenue_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"use" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wrong_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"used_for_drug" text NOT NULL,
	"actual_drug" text NOT NULL,
	"correct_code" text NOT NULL,
	"explanation" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "adjustment_codes_type_code_uq" ON "adjustment_codes" USING btree ("type","code");--> statement-breakpoint
CREATE UNIQUE INDEX "admin_codes_code_from_uq" ON "admin_codes" USING btree ("code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "asp_prices_hcpcs_quarter_uq" ON "asp_prices" USING btree ("hcpcs","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_frequencies_frequency_uq" ON "claim_frequencies" USING btree ("frequency");--> statement-breakpoint
CREATE UNIQUE INDEX "drugs_hcpcs_from_uq" ON "drugs" USING btree ("hcpcs","effective_from");--> statement-breakpoint
CREATE INDEX "drugs_drug_idx" ON "drugs" USING btree ("drug");--> statement-breakpoint
CREATE UNIQUE INDEX "icd10_codes_code_from_uq" ON "icd10_codes" USING btree ("code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "indications_key_uq" ON "indications" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "modifiers_code_from_uq" ON "modifiers" USING btree ("code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "ndc_packages_ndc_from_uq" ON "ndc_packages" USING btree ("ndc11","effective_from");--> statement-breakpoint
CREATE INDEX "ndc_packages_hcpcs_idx" ON "ndc_packages" USING btree ("hcpcs");--> statement-breakpoint
CREATE UNIQUE INDEX "payer_profile_templates_key_uq" ON "payer_profile_templates" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "places_of_service_code_uq" ON "places_of_service" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "revenue_codes_code_uq" ON "revenue_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "wrong_codes_code_drug_uq" ON "wrong_codes" USING btree ("code","used_for_drug");