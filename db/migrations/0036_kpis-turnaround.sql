CREATE TABLE "kpi_turnaround_facts" (
	"practice_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"day" date NOT NULL,
	"payer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"indication_ids" text[] NOT NULL,
	"channel" text,
	"bucket" integer NOT NULL,
	"hours" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kpi_turnaround_facts_decision_idx" ON "kpi_turnaround_facts" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "kpi_turnaround_facts_bucket_idx" ON "kpi_turnaround_facts" USING btree ("practice_id","bucket","day","hours","payer_id","provider_id","location_id","channel","indication_ids");--> statement-breakpoint
-- Authorization turnaround from maintained aggregates (docs/decisions/0004-dashboard-aggregates.md, fourth step).
-- kpi_turnaround_facts: one row per payer determination that answers a recorded submission (turnaroundBase in
-- server/queries/kpis-auth.ts), on its decision date, with the request's payer, ordering provider, location,
-- indication and channel, its exact hours (the same expression as turnaroundBase, as float8, the type
-- percentile_cont works in) and its whole-hour bucket. kpi_daily kind 14 counts them by bucket (v): n1 all,
-- n2 portal, n3 fax, n4 phone, n5 electronic (no channel: n1 less the others). A median or p90 finds in the
-- bucket counts which buckets hold the ranks it needs, then reads only those buckets' exact hours from the
-- facts (server/queries/kpis-turnaround.ts): exactly the raw figure, reading a few hundred rows instead of a
-- period's determinations. Rebuilt by statement-level triggers on decisions and requests, in the same
-- transaction; posting an 835 touches neither table.
CREATE OR REPLACE FUNCTION kpi_turnaround_facts_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  changes kpi_daily[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
  ), old AS (
    DELETE FROM kpi_turnaround_facts f WHERE f.decision_id = ANY(ids) RETURNING f.*
  ), fresh AS MATERIALIZED (
    SELECT d.practice_id, d.id, d.decided_on AS day, r.payer_id, r.ordering_provider_id AS provider_id, r.location_id,
      ARRAY[r.indication_id] AS indication_ids, r.channel::text AS channel,
      (greatest(extract(epoch from (least(d.created_at, ((d.decided_on + 1)::timestamp AT TIME ZONE 'UTC')) - d.submitted_at)) / 3600.0, 0))::float8 AS hours
    FROM want
      CROSS JOIN LATERAL (
        SELECT d.id, d.practice_id, d.request_id, d.decided_on, d.created_at, d.submitted_at FROM prior_auth_decisions d
        WHERE d.id = want.id AND d.submitted_at IS NOT NULL OFFSET 0
      ) d
      CROSS JOIN LATERAL (
        SELECT r.payer_id, r.ordering_provider_id, r.location_id, r.indication_id, r.channel FROM prior_auth_requests r
        WHERE r.id = d.request_id AND r.practice_id = d.practice_id OFFSET 0
      ) r
  ), ins AS (
    INSERT INTO kpi_turnaround_facts (practice_id, decision_id, day, payer_id, provider_id, location_id, indication_ids, channel, bucket, hours)
    SELECT f.practice_id, f.id, f.day, f.payer_id, f.provider_id, f.location_id, f.indication_ids, f.channel, floor(f.hours)::int, f.hours
    FROM fresh f
    RETURNING *
  )
  SELECT ARRAY(
    SELECT ROW(x.practice_id, 14, x.day, x.bucket, x.payer_id, x.provider_id, x.location_id, x.indication_ids, s,
      s * (x.channel IS NOT DISTINCT FROM 'portal')::int, s * (x.channel IS NOT DISTINCT FROM 'fax')::int,
      s * (x.channel IS NOT DISTINCT FROM 'phone')::int, s * (x.channel IS NOT DISTINCT FROM 'electronic')::int,
      0, 0, 0, 0, 0, 0, 0, 'd', 0)::kpi_daily
    FROM (SELECT ins.*, 1 AS s FROM ins UNION ALL SELECT old.*, -1 FROM old) x
  ) INTO changes;
  PERFORM kpi_daily_add(changes);
END;
$$;
--> statement-breakpoint
-- a determination recorded, re-dated, moved or deleted (decisions are append-only in the app; the rest is for safety)
CREATE OR REPLACE FUNCTION kpi_turnaround_decisions_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_turnaround_facts_rebuild(ARRAY(SELECT n.id FROM kpi_new n WHERE n.submitted_at IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_turnaround_facts_rebuild(ARRAY(
      SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
      WHERE (n.request_id, n.decided_on, n.submitted_at, n.created_at) IS DISTINCT FROM (o.request_id, o.decided_on, o.submitted_at, o.created_at)));
  ELSE
    PERFORM kpi_turnaround_facts_rebuild(ARRAY(SELECT o.id FROM kpi_old o WHERE o.submitted_at IS NOT NULL));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- a request's payer, provider, location, indication or channel are its determinations' dimensions (a status change,
-- the common update, rebuilds nothing)
CREATE OR REPLACE FUNCTION kpi_turnaround_requests_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_turnaround_facts_rebuild(ARRAY(
    SELECT d.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
        AND (n.payer_id, n.ordering_provider_id, n.location_id, n.indication_id, n.channel)
          IS DISTINCT FROM (o.payer_id, o.ordering_provider_id, o.location_id, o.indication_id, o.channel)
      JOIN prior_auth_decisions d ON d.request_id = n.id AND d.practice_id = n.practice_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_turnaround_decisions_insert AFTER INSERT ON prior_auth_decisions REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_turnaround_decisions_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_turnaround_decisions_update AFTER UPDATE ON prior_auth_decisions REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_turnaround_decisions_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_turnaround_decisions_delete AFTER DELETE ON prior_auth_decisions REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_turnaround_decisions_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_turnaround_requests_update AFTER UPDATE ON prior_auth_requests REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_turnaround_requests_statement();
--> statement-breakpoint
-- The facts of every determination there, 100,000 at a time: this migration for the rows already there, the
-- benchmark's seed after loading with triggers off.
CREATE OR REPLACE FUNCTION kpi_turnaround_facts_build() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  k int := 0;
BEGIN
  LOOP
    ids := ARRAY(SELECT id FROM prior_auth_decisions WHERE submitted_at IS NOT NULL ORDER BY decided_on, id OFFSET k LIMIT 100000);
    EXIT WHEN cardinality(ids) = 0;
    PERFORM kpi_turnaround_facts_rebuild(ids);
    k := k + 100000;
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT kpi_turnaround_facts_build();
