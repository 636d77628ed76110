CREATE TYPE "public"."location_biller" AS ENUM('practice_professional', 'practice_facility', 'other_entity');--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "billed_by" "location_biller" DEFAULT 'practice_professional' NOT NULL;--> statement-breakpoint
-- Hospital outpatient departments kept the 837I the claims already built for them.
UPDATE "locations" SET "billed_by" = 'practice_facility' WHERE "place_of_service" IN ('19', '22');--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_billed_by_ck" CHECK ("locations"."billed_by" <> 'practice_facility' or "locations"."place_of_service" <> '11');