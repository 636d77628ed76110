CREATE TABLE "denial_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carc" text NOT NULL,
	"adjustment_group" text,
	"rarc" text,
	"kind" text NOT NULL,
	"category" text,
	"action" text,
	"explanation" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "denial_rules_carc_idx" ON "denial_rules" USING btree ("carc");