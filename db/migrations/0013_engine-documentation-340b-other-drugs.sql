ALTER TYPE "public"."drug_acquisition_source" ADD VALUE 'purchased_340b';--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD COLUMN "acquisition_cost_per_unit" numeric(10, 3);--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD COLUMN "vial_choice_reason" text;--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD COLUMN "other_drugs" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_340b_cost_ck" CHECK ("administration_documentation"."acquisition_cost_per_unit" is null or ("administration_documentation"."acquisition"::text = 'purchased_340b' and "administration_documentation"."acquisition_cost_per_unit" >= 0));