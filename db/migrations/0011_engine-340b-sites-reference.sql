CREATE TYPE "public"."payer_340b_charge_rule" AS ENUM('usual_charge', 'acquisition_cost');--> statement-breakpoint
CREATE TYPE "public"."covered_entity_type_340b" AS ENUM('dsh', 'rrc', 'sch_urban', 'sch_rural', 'childrens', 'cancer_exempt', 'cah', 'maryland', 'grantee');--> statement-breakpoint
CREATE TYPE "public"."hospital_site" AS ENUM('on_campus', 'off_campus_excepted', 'off_campus_non_excepted');--> statement-breakpoint
CREATE TYPE "public"."payer_340b_modifier_policy" AS ENUM('jg_tb', 'ud', 'none');--> statement-breakpoint
CREATE TYPE "public"."payer_ndc_un_partial_vial" AS ENUM('administered_line', 'waste_line');--> statement-breakpoint
ALTER TYPE "public"."payer_free_drug_policy" ADD VALUE 'nominal_charge';--> statement-breakpoint
CREATE TABLE "em_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"level" integer NOT NULL,
	"modifier_with_drug_administration" text NOT NULL,
	"not_payable_with_chemo_administration" boolean NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "modifier_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"role" text NOT NULL,
	"policy" text,
	"entity_types" jsonb NOT NULL,
	"sites" jsonb NOT NULL,
	"claim_types" jsonb NOT NULL,
	"modifier" text NOT NULL,
	"also_accepted" jsonb NOT NULL,
	"note" text,
	"effective_from" date,
	"effective_to" date,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indications" ADD COLUMN "label_source" text;--> statement-breakpoint
ALTER TABLE "payer_profile_templates" ADD COLUMN "institutional_claim_filing_indicator" text;--> statement-breakpoint
ALTER TABLE "payer_profile_templates" ADD COLUMN "modifier_340b" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "payer_profile_templates" ADD COLUMN "charge_340b" text DEFAULT 'usual_charge' NOT NULL;--> statement-breakpoint
ALTER TABLE "payer_profile_templates" ADD COLUMN "ndc_un_partial_vial" text DEFAULT 'administered_line' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "hospital_site" "hospital_site";--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "covered_entity_type_340b" "covered_entity_type_340b";--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "institutional_claim_filing_indicator" text;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "modifier_340b" "payer_340b_modifier_policy" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "charge_340b" "payer_340b_charge_rule" DEFAULT 'usual_charge' NOT NULL;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "ndc_un_partial_vial" "payer_ndc_un_partial_vial" DEFAULT 'administered_line' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "em_codes_code_from_uq" ON "em_codes" USING btree ("code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "modifier_rules_key_uq" ON "modifier_rules" USING btree ("key");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_hospital_site_ck" CHECK ("locations"."hospital_site" is null or ("locations"."place_of_service" = '22' and "locations"."hospital_site" = 'on_campus') or ("locations"."place_of_service" = '19' and "locations"."hospital_site" <> 'on_campus'));