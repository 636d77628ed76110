ALTER TABLE "prior_auth_decisions" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "prior_auth_decisions_decided_idx" ON "prior_auth_decisions" USING btree ("practice_id","decided_on");
--> statement-breakpoint
-- Decisions recorded before this column: the submission each answers is the latest submit, appeal
-- or peer-to-peer of its request audited up to the decision (the request row keeps only the last).
UPDATE "prior_auth_decisions" d SET "submitted_at" = coalesce(
  (SELECT (e."after"->>'submittedAt')::timestamptz FROM "audit_events" e
    WHERE e."practice_id" = d."practice_id" AND e."entity_type" = 'prior_auth' AND e."entity_id" = d."request_id"::text
      AND e."after" ? 'submittedAt' AND e."after"->>'submittedAt' IS NOT NULL AND e."created_at" <= d."created_at"
    ORDER BY e."seq" DESC LIMIT 1),
  (SELECT r."submitted_at" FROM "prior_auth_requests" r WHERE r."id" = d."request_id" AND r."submitted_at" <= d."created_at"));
