CREATE TABLE "kpi_auth_facts" (
	"practice_id" uuid NOT NULL,
	"kind" smallint NOT NULL,
	"day" date NOT NULL,
	"payer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"indication_ids" text[] NOT NULL,
	"claim_id" uuid NOT NULL,
	"n1" bigint NOT NULL,
	"n2" bigint NOT NULL,
	"n3" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_infusion_facts" (
	"practice_id" uuid NOT NULL,
	"kind" smallint NOT NULL,
	"day" date NOT NULL,
	"payer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"indication_ids" text[] NOT NULL,
	"administration_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kpi_auth_facts_claim_idx" ON "kpi_auth_facts" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "kpi_infusion_facts_administration_idx" ON "kpi_infusion_facts" USING btree ("administration_id");--> statement-breakpoint
-- Infusions given and the service authorization rate as daily sums (docs/decisions/0004-dashboard-aggregates.md,
-- third step): per-infusion facts (kpi_infusion_facts, kinds 11 and 12) and per-claim authorization facts
-- (kpi_auth_facts, kind 13), rebuilt by statement-level triggers in the same transaction as their source rows;
-- the difference between a rebuild's old and new facts goes to kpi_daily through kpi_daily_add. Kinds and
-- columns are named in server/queries/kpis-daily.ts; each definition is the one of server/queries/kpis-base.ts
-- (administrationBase) and kpis-auth.ts (serviceAuthBase), and tests compare both on every figure.
--
-- kpi_daily_add(changes): adds changes (kpi_daily rows of grain 'd'; grain and rollup ignored, rows of one
-- key summed) to kpi_daily by day and month and rollup, as kpi_facts_rebuild (0033) does for the claim facts:
-- new rows, merged into one per key by the transaction holding the same advisory lock (never waited for).
-- Kind 13 also gets rollup 6 (payer and indications: what its query needs when no provider or location is asked).
CREATE OR REPLACE FUNCTION kpi_daily_add(changes kpi_daily[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  compact boolean;
BEGIN
  IF changes IS NULL OR cardinality(changes) = 0 THEN RETURN; END IF;
  compact := pg_try_advisory_xact_lock(2026120233);
  WITH delta AS (
    -- a rebuild's old and new rows of one key first cancel out (most do: a rebuild seldom changes much)
    SELECT practice_id, kind, day, v, payer_id, provider_id, location_id, indication_ids,
      sum(n1) AS n1, sum(n2) AS n2, sum(n3) AS n3, sum(n4) AS n4, sum(n5) AS n5, sum(n6) AS n6,
      sum(n7) AS n7, sum(n8) AS n8, sum(n9) AS n9, sum(n10) AS n10, sum(n11) AS n11, sum(n12) AS n12
    FROM unnest(changes) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING (sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12))
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ), rolled AS (
    SELECT practice_id, kind, grain, rollup, day, v, payer_id, provider_id, location_id, indication_ids,
      sum(n1) AS n1, sum(n2) AS n2, sum(n3) AS n3, sum(n4) AS n4, sum(n5) AS n5, sum(n6) AS n6,
      sum(n7) AS n7, sum(n8) AS n8, sum(n9) AS n9, sum(n10) AS n10, sum(n11) AS n11, sum(n12) AS n12
    FROM (
      SELECT d.practice_id, d.kind, gr.grain, r.rollup, CASE gr.grain WHEN 'd' THEN d.day ELSE date_trunc('month', d.day)::date END AS day, d.v,
        CASE WHEN r.rollup IN (0, 2, 6) THEN d.payer_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS payer_id,
        CASE WHEN r.rollup IN (0, 3) THEN d.provider_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS provider_id,
        CASE WHEN r.rollup IN (0, 4) THEN d.location_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS location_id,
        CASE WHEN r.rollup IN (0, 5, 6) THEN d.indication_ids ELSE '{}'::text[] END AS indication_ids,
        d.n1, d.n2, d.n3, d.n4, d.n5, d.n6, d.n7, d.n8, d.n9, d.n10, d.n11, d.n12
      FROM delta d CROSS JOIN (VALUES ('d'), ('m')) gr(grain) CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6)) r(rollup)
      -- 6 keeps the payer and the indications: the service authorization rate (13) judges the payer's requirement on them
      WHERE r.rollup < 6 OR d.kind = 13
    ) x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING (sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12))
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ), merged AS (
    DELETE FROM kpi_daily k WHERE compact AND k.ctid = ANY(ARRAY(
      SELECT x.ctid FROM rolled r CROSS JOIN LATERAL (
        SELECT k2.ctid FROM kpi_daily k2
        WHERE k2.practice_id = r.practice_id AND k2.kind = r.kind AND k2.rollup = r.rollup AND k2.grain = r.grain AND k2.day = r.day
          AND k2.payer_id = r.payer_id AND k2.provider_id = r.provider_id AND k2.location_id = r.location_id AND k2.indication_ids = r.indication_ids AND k2.v = r.v
        OFFSET 0
      ) x))
    RETURNING k.practice_id, k.kind, k.grain, k.rollup, k.day, k.v, k.payer_id, k.provider_id, k.location_id, k.indication_ids,
      k.n1, k.n2, k.n3, k.n4, k.n5, k.n6, k.n7, k.n8, k.n9, k.n10, k.n11, k.n12
  )
  INSERT INTO kpi_daily (practice_id, kind, grain, rollup, day, v, payer_id, provider_id, location_id, indication_ids, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12)
  SELECT practice_id, kind, grain, rollup, day, v, payer_id, provider_id, location_id, indication_ids,
    sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12)
  FROM (SELECT * FROM rolled UNION ALL SELECT * FROM merged) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  HAVING (sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12))
    IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
END;
$$;
--> statement-breakpoint
-- Infusions given (administrationBase): 11 once per infusion documented or ready for billing, on its current
-- documentation's date (else the planned date), with its order's provider, location and indication and the nil
-- payer; 12 once per distinct payer of the claims actively billing it (the payer filter reads these).
-- Rows are reached by key through LATERAL … OFFSET 0, as in kpi_facts_rebuild.
CREATE OR REPLACE FUNCTION kpi_infusion_facts_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  changes kpi_daily[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
  ), old AS (
    DELETE FROM kpi_infusion_facts f WHERE f.administration_id = ANY(ids) RETURNING f.*
  ), a AS MATERIALIZED (
    SELECT a.id, a.practice_id, coalesce(d.actual_date, a.planned_date) AS day, o.ordering_provider_id AS provider_id, o.location_id,
      ARRAY[o.indication_id] AS indication_ids
    FROM want
      CROSS JOIN LATERAL (
        SELECT a.id, a.practice_id, a.order_id, a.planned_date FROM administrations a
        WHERE a.id = want.id AND a.status::text IN ('documented', 'ready_for_billing') OFFSET 0
      ) a
      CROSS JOIN LATERAL (
        SELECT o.ordering_provider_id, o.location_id, o.indication_id FROM orders o WHERE o.id = a.order_id AND o.practice_id = a.practice_id OFFSET 0
      ) o
      LEFT JOIN LATERAL (
        SELECT d.actual_date FROM administration_documentation d
        WHERE d.practice_id = a.practice_id AND d.administration_id = a.id AND d.is_current OFFSET 0
      ) d ON true
  ), ins AS (
    INSERT INTO kpi_infusion_facts (practice_id, administration_id, kind, day, payer_id, provider_id, location_id, indication_ids)
    SELECT a.practice_id, a.id, 11, a.day, '00000000-0000-0000-0000-000000000000'::uuid, a.provider_id, a.location_id, a.indication_ids FROM a
    UNION ALL
    SELECT DISTINCT a.practice_id, a.id, 12, a.day, c.payer_id, a.provider_id, a.location_id, a.indication_ids
    FROM a
      JOIN claim_administrations ca ON ca.practice_id = a.practice_id AND ca.administration_id = a.id AND ca.active
      CROSS JOIN LATERAL (SELECT c.payer_id FROM claims c WHERE c.id = ca.claim_id AND c.practice_id = ca.practice_id OFFSET 0) c
    RETURNING *
  )
  SELECT ARRAY(
    SELECT ROW(x.practice_id, x.kind, x.day, 0, x.payer_id, x.provider_id, x.location_id, x.indication_ids, x.n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'd', 0)::kpi_daily
    FROM (SELECT ins.*, 1 AS n FROM ins UNION ALL SELECT old.*, -1 FROM old) x
  ) INTO changes;
  PERFORM kpi_daily_add(changes);
END;
$$;
--> statement-breakpoint
-- Service authorization (serviceAuthBase): 13 for each live primary claim with a J9173 drug line, on its date of
-- service: n1 = 1, n2 = an authorization of the claim's patient and payer covering that date was granted by the end
-- of that day and not replaced before it, n3 = not so, but one granted later covers it (retro). Whether the payer
-- requires authorization (payer rules, then the payer's setting) is read when asked, from the payer, day and
-- indications the fact keeps: changing a rule rebuilds nothing.
CREATE OR REPLACE FUNCTION kpi_auth_facts_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  changes kpi_daily[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
  ), old AS (
    DELETE FROM kpi_auth_facts f WHERE f.claim_id = ANY(ids) RETURNING f.*
  ), c AS MATERIALIZED (
    SELECT c.id, c.practice_id, c.payer_id, c.patient_id, c.rendering_provider_id AS provider_id, c.location_id, c.date_of_service,
      ((c.date_of_service + 1)::timestamp AT TIME ZONE 'UTC') AS day_end, coalesce(i.indication_ids, '{}') AS indication_ids
    FROM want
      CROSS JOIN LATERAL (
        SELECT c.* FROM claims c
        WHERE c.id = want.id AND c.status::text NOT IN ('cancelled', 'replaced', 'voided') AND c.frequency::text <> 'void' AND c.primary_claim_id IS NULL
        OFFSET 0
      ) c
      CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT o.indication_id ORDER BY o.indication_id) AS indication_ids
        FROM claim_administrations ca
          CROSS JOIN LATERAL (
            SELECT a.order_id FROM administrations a WHERE a.id = ca.administration_id AND a.practice_id = ca.practice_id OFFSET 0
          ) a
          CROSS JOIN LATERAL (SELECT o.indication_id FROM orders o WHERE o.id = a.order_id AND o.practice_id = ca.practice_id OFFSET 0) o
        WHERE ca.practice_id = c.practice_id AND ca.claim_id = c.id
      ) i
    WHERE EXISTS (SELECT 1 FROM claim_lines l WHERE l.practice_id = c.practice_id AND l.claim_id = c.id AND l.code = 'J9173' AND l.kind = 'drug')
  ), fresh AS (
    SELECT c.*,
      EXISTS (SELECT 1 FROM authorizations a
        WHERE a.practice_id = c.practice_id AND a.patient_id = c.patient_id AND a.payer_id = c.payer_id AND a.hcpcs = 'J9173'
          AND c.date_of_service BETWEEN a.start_date AND a.end_date AND a.created_at < c.day_end AND (a.voided_at IS NULL OR a.voided_at >= c.day_end)) AS hit,
      EXISTS (SELECT 1 FROM authorizations a
        WHERE a.practice_id = c.practice_id AND a.patient_id = c.patient_id AND a.payer_id = c.payer_id AND a.hcpcs = 'J9173'
          AND c.date_of_service BETWEEN a.start_date AND a.end_date AND a.created_at >= c.day_end AND a.voided_at IS NULL) AS retro
    FROM c
  ), ins AS (
    INSERT INTO kpi_auth_facts (practice_id, claim_id, kind, day, payer_id, provider_id, location_id, indication_ids, n1, n2, n3)
    SELECT f.practice_id, f.id, 13, f.date_of_service, f.payer_id, f.provider_id, f.location_id, f.indication_ids, 1, f.hit::int, (f.retro AND NOT f.hit)::int
    FROM fresh f
    RETURNING *
  )
  SELECT ARRAY(
    SELECT ROW(x.practice_id, x.kind, x.day, 0, x.payer_id, x.provider_id, x.location_id, x.indication_ids, s * x.n1, s * x.n2, s * x.n3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'd', 0)::kpi_daily
    FROM (SELECT ins.*, 1 AS s FROM ins UNION ALL SELECT old.*, -1 FROM old) x
  ) INTO changes;
  PERFORM kpi_daily_add(changes);
END;
$$;
--> statement-breakpoint
-- The triggers, statement-level with transition tables (one per event, as 0023 and 0033); an UPDATE rebuilds
-- only what changed in a way the facts read.
CREATE OR REPLACE FUNCTION kpi_more_facts_administrations_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT n.id FROM kpi_new n WHERE n.status IN ('documented', 'ready_for_billing')));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(
      SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
      WHERE (n.status IN ('documented', 'ready_for_billing'), n.planned_date, n.order_id)
        IS DISTINCT FROM (o.status IN ('documented', 'ready_for_billing'), o.planned_date, o.order_id)
        AND (n.status IN ('documented', 'ready_for_billing') OR o.status IN ('documented', 'ready_for_billing'))));
  ELSE
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT o.id FROM kpi_old o WHERE o.status IN ('documented', 'ready_for_billing')));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- the current documentation's date: a new version (amendment) moves is_current, a save may change the date
CREATE OR REPLACE FUNCTION kpi_more_facts_documentation_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT DISTINCT n.administration_id FROM kpi_new n WHERE n.is_current));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(
      WITH changed AS (
        SELECT n.administration_id, o.administration_id AS was FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
        WHERE (n.is_current OR o.is_current)
          AND (n.administration_id, n.is_current, n.actual_date) IS DISTINCT FROM (o.administration_id, o.is_current, o.actual_date)
      )
      SELECT administration_id FROM changed UNION SELECT was FROM changed));
  ELSE
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT DISTINCT o.administration_id FROM kpi_old o WHERE o.is_current));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- an infusion billed or unbilled: its payers (12) and the claim's indications (13)
CREATE OR REPLACE FUNCTION kpi_more_facts_claim_administrations_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT DISTINCT n.administration_id FROM kpi_new n));
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_infusion_facts_rebuild(ARRAY(
      SELECT n.administration_id FROM kpi_new n JOIN kpi_old o ON o.claim_id = n.claim_id AND o.administration_id = n.administration_id AND o.practice_id = n.practice_id
      WHERE o.active IS DISTINCT FROM n.active
      UNION SELECT n.administration_id FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM kpi_old o WHERE o.claim_id = n.claim_id AND o.administration_id = n.administration_id)
      UNION SELECT o.administration_id FROM kpi_old o WHERE NOT EXISTS (SELECT 1 FROM kpi_new n WHERE o.claim_id = n.claim_id AND o.administration_id = n.administration_id)));
    PERFORM kpi_auth_facts_rebuild(ARRAY(
      SELECT n.claim_id FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM kpi_old o WHERE o.claim_id = n.claim_id AND o.administration_id = n.administration_id)
      UNION SELECT o.claim_id FROM kpi_old o WHERE NOT EXISTS (SELECT 1 FROM kpi_new n WHERE o.claim_id = n.claim_id AND o.administration_id = n.administration_id)));
  ELSE
    PERFORM kpi_infusion_facts_rebuild(ARRAY(SELECT DISTINCT o.administration_id FROM kpi_old o));
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- a claim's service authorization facts follow its liveness, payer, patient, date and dimensions; the payers of
-- the infusions it bills follow its payer
CREATE OR REPLACE FUNCTION kpi_more_facts_claims_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT n.id FROM kpi_new n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_auth_facts_rebuild(ARRAY(
      SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
      WHERE (n.status IN ('cancelled', 'replaced', 'voided'), n.frequency = 'void', n.primary_claim_id IS NULL, n.date_of_service, n.payer_id, n.patient_id,
          n.rendering_provider_id, n.location_id)
        IS DISTINCT FROM (o.status IN ('cancelled', 'replaced', 'voided'), o.frequency = 'void', o.primary_claim_id IS NULL, o.date_of_service, o.payer_id, o.patient_id,
          o.rendering_provider_id, o.location_id)));
    PERFORM kpi_infusion_facts_rebuild(ARRAY(
      SELECT DISTINCT ca.administration_id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id AND o.payer_id IS DISTINCT FROM n.payer_id
        JOIN claim_administrations ca ON ca.claim_id = n.id AND ca.practice_id = n.practice_id));
  ELSE
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT o.id FROM kpi_old o));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- whether a claim has a J9173 drug line
CREATE OR REPLACE FUNCTION kpi_more_facts_claim_lines_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n WHERE n.code = 'J9173' AND n.kind = 'drug'));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_auth_facts_rebuild(ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
        WHERE (n.code = 'J9173' AND n.kind = 'drug' OR o.code = 'J9173' AND o.kind = 'drug')
          AND (n.claim_id, n.code, n.kind) IS DISTINCT FROM (o.claim_id, o.code, o.kind)
      )
      SELECT claim_id FROM changed UNION SELECT was FROM changed));
  ELSE
    PERFORM kpi_auth_facts_rebuild(ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.code = 'J9173' AND o.kind = 'drug'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- an order's provider, location and indication are its infusions' dimensions; its indication is also the
-- indication of the claims billing them
CREATE OR REPLACE FUNCTION kpi_more_facts_orders_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_infusion_facts_rebuild(ARRAY(
    SELECT a.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
        AND (o.ordering_provider_id, o.location_id, o.indication_id) IS DISTINCT FROM (n.ordering_provider_id, n.location_id, n.indication_id)
      JOIN administrations a ON a.practice_id = n.practice_id AND a.order_id = n.id));
  PERFORM kpi_auth_facts_rebuild(ARRAY(
    SELECT DISTINCT ca.claim_id
    FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id AND o.indication_id IS DISTINCT FROM n.indication_id
      JOIN administrations a ON a.practice_id = n.practice_id AND a.order_id = n.id
      JOIN claim_administrations ca ON ca.practice_id = a.practice_id AND ca.administration_id = a.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- an authorization granted, replaced (voided), re-dated or deleted: the claims of its patient and payer whose date
-- of service it covers (before or after the change)
CREATE OR REPLACE FUNCTION kpi_more_facts_authorizations_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_rows authorizations[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed_rows := ARRAY(SELECT n FROM kpi_new n);
  ELSIF TG_OP = 'UPDATE' THEN
    changed_rows := ARRAY(
      WITH ch AS (
        SELECT n.id FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.practice_id = n.practice_id
        WHERE (n.patient_id, n.payer_id, n.hcpcs, n.start_date, n.end_date, n.created_at, n.voided_at)
          IS DISTINCT FROM (o.patient_id, o.payer_id, o.hcpcs, o.start_date, o.end_date, o.created_at, o.voided_at)
      )
      SELECT n FROM kpi_new n WHERE n.id IN (SELECT id FROM ch) UNION ALL SELECT o FROM kpi_old o WHERE o.id IN (SELECT id FROM ch));
  ELSE
    changed_rows := ARRAY(SELECT o FROM kpi_old o);
  END IF;
  PERFORM kpi_auth_facts_rebuild(ARRAY(
    SELECT DISTINCT c.id FROM unnest(changed_rows) a
      JOIN claims c ON c.practice_id = a.practice_id AND c.patient_id = a.patient_id AND c.date_of_service BETWEEN a.start_date AND a.end_date
    WHERE a.hcpcs = 'J9173' AND c.payer_id = a.payer_id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_administrations_insert AFTER INSERT ON administrations REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_administrations_update AFTER UPDATE ON administrations REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_administrations_delete AFTER DELETE ON administrations REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_documentation_insert AFTER INSERT ON administration_documentation REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_documentation_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_documentation_update AFTER UPDATE ON administration_documentation REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_documentation_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_documentation_delete AFTER DELETE ON administration_documentation REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_documentation_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_administrations_insert AFTER INSERT ON claim_administrations REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_administrations_update AFTER UPDATE ON claim_administrations REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_administrations_delete AFTER DELETE ON claim_administrations REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claims_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claims_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claims_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claims_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claims_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claims_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_lines_insert AFTER INSERT ON claim_lines REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_lines_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_lines_update AFTER UPDATE ON claim_lines REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_lines_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_claim_lines_delete AFTER DELETE ON claim_lines REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_claim_lines_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_orders_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_orders_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_authorizations_insert AFTER INSERT ON authorizations REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_authorizations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_authorizations_update AFTER UPDATE ON authorizations REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_authorizations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_more_facts_authorizations_delete AFTER DELETE ON authorizations REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_more_facts_authorizations_statement();
--> statement-breakpoint
-- The facts of every row there, 100,000 at a time (each chunk's changes are summed in memory): this migration
-- for the rows already there, the benchmark's seed after loading with triggers off.
CREATE OR REPLACE FUNCTION kpi_infusion_auth_facts_build() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  k int := 0;
BEGIN
  LOOP
    ids := ARRAY(SELECT id FROM administrations ORDER BY planned_date, id OFFSET k LIMIT 100000);
    EXIT WHEN cardinality(ids) = 0;
    PERFORM kpi_infusion_facts_rebuild(ids);
    k := k + 100000;
  END LOOP;
  k := 0;
  LOOP
    ids := ARRAY(SELECT id FROM claims ORDER BY date_of_service, id OFFSET k LIMIT 100000);
    EXIT WHEN cardinality(ids) = 0;
    PERFORM kpi_auth_facts_rebuild(ids);
    k := k + 100000;
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT kpi_infusion_auth_facts_build();
