CREATE TYPE "public"."administration_close_outcome" AS ENUM('billed_elsewhere', 'past_filing_limit', 'free_drug_nothing_billable', 'duplicate');--> statement-breakpoint
ALTER TYPE "public"."administration_status" ADD VALUE 'close_pending_approval';--> statement-breakpoint
ALTER TYPE "public"."administration_status" ADD VALUE 'closed';--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "close_outcome" "administration_close_outcome";--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "close_duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "close_amount_cents" integer;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "closed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_closed_ck" CHECK ("administrations"."status"::text not in ('closed', 'close_pending_approval') or ("administrations"."close_outcome" is not null and "administrations"."close_reason" is not null));