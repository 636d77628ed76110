CREATE TYPE "public"."drug_acquisition_source" AS ENUM('purchased', 'free_manufacturer_program');--> statement-breakpoint
CREATE TYPE "public"."documented_drug" AS ENUM('durvalumab', 'tremelimumab');--> statement-breakpoint
CREATE TABLE "administration_documentation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"is_current" boolean NOT NULL,
	"actual_date" date,
	"weight_kg" numeric(5, 1),
	"infusion_start" text,
	"infusion_stop" text,
	"nurse_name" text,
	"mg_administered" numeric(10, 3),
	"mg_discarded" numeric(10, 3),
	"waste_time" text,
	"waste_witness" text,
	"acquisition" "drug_acquisition_source" DEFAULT 'purchased' NOT NULL,
	"combination_mg_administered" numeric(10, 3),
	"combination_mg_discarded" numeric(10, 3),
	"combination_infusion_start" text,
	"combination_infusion_stop" text,
	"notes" text,
	"amendment_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "administration_documentation_version_ck" CHECK ("administration_documentation"."version" >= 1 and "administration_documentation"."revision" >= 1),
	CONSTRAINT "administration_documentation_amendment_ck" CHECK ("administration_documentation"."version" = 1 or "administration_documentation"."amendment_reason" is not null),
	CONSTRAINT "administration_documentation_weight_ck" CHECK ("administration_documentation"."weight_kg" is null or "administration_documentation"."weight_kg" > 0),
	CONSTRAINT "administration_documentation_mg_ck" CHECK (("administration_documentation"."mg_administered" is null or "administration_documentation"."mg_administered" > 0) and ("administration_documentation"."mg_discarded" is null or "administration_documentation"."mg_discarded" >= 0) and ("administration_documentation"."combination_mg_administered" is null or "administration_documentation"."combination_mg_administered" > 0) and ("administration_documentation"."combination_mg_discarded" is null or "administration_documentation"."combination_mg_discarded" >= 0)),
	CONSTRAINT "administration_documentation_times_ck" CHECK ((infusion_start is null or infusion_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$') and (infusion_stop is null or infusion_stop ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$') and (waste_time is null or waste_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$') and (combination_infusion_start is null or combination_infusion_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$') and (combination_infusion_stop is null or combination_infusion_stop ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'))
);
--> statement-breakpoint
CREATE TABLE "administration_vials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"documentation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"drug" "documented_drug" NOT NULL,
	"ndc11" text NOT NULL,
	"lot_number" text,
	"expiry_date" date,
	"count" integer NOT NULL,
	CONSTRAINT "administration_vials_ndc_ck" CHECK ("administration_vials"."ndc11" ~ '^[0-9]{11}$'),
	CONSTRAINT "administration_vials_count_ck" CHECK ("administration_vials"."count" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "fee_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"code" text NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_schedule_price_ck" CHECK ("fee_schedule"."unit_price_cents" >= 0),
	CONSTRAINT "fee_schedule_dates_ck" CHECK ("fee_schedule"."effective_to" is null or "fee_schedule"."effective_to" >= "fee_schedule"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "finding_acknowledgments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"documentation_version" integer NOT NULL,
	"rule" text NOT NULL,
	"fingerprint" text NOT NULL,
	"message" text NOT NULL,
	"reason" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finding_acknowledgments_reason_ck" CHECK (length("finding_acknowledgments"."reason") >= 5)
);
--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_vials" ADD CONSTRAINT "administration_vials_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_vials" ADD CONSTRAINT "administration_vials_documentation_id_administration_documentation_id_fk" FOREIGN KEY ("documentation_id") REFERENCES "public"."administration_documentation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedule" ADD CONSTRAINT "fee_schedule_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" ADD CONSTRAINT "finding_acknowledgments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" ADD CONSTRAINT "finding_acknowledgments_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" ADD CONSTRAINT "finding_acknowledgments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "administration_documentation_version_uq" ON "administration_documentation" USING btree ("administration_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "administration_documentation_current_uq" ON "administration_documentation" USING btree ("administration_id") WHERE "administration_documentation"."is_current";--> statement-breakpoint
CREATE INDEX "administration_documentation_practice_idx" ON "administration_documentation" USING btree ("practice_id","administration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "administration_vials_position_uq" ON "administration_vials" USING btree ("documentation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedule_practice_code_from_uq" ON "fee_schedule" USING btree ("practice_id","code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "finding_acknowledgments_uq" ON "finding_acknowledgments" USING btree ("administration_id","documentation_version","rule","fingerprint");