-- A/R as of a day from kpi_daily (docs/decisions/0004-dashboard-aggregates.md, fifth step).
-- kpi_ar_intervals keeps each claim's balance history: a row (lo, hi] with balance b says the claim counts in the
-- A/R as of every instant x with lo < x <= hi. The A/R "as of day A" is taken at x = A + 1 at 00:00 UTC, so an
-- interval counts as of day A exactly when date(lo) <= A < date(hi) (UTC dates; hi infinite: from date(lo) on).
-- kpi_daily kind 15 therefore records, per interval, n1 = +1 and n2 = +b on date(lo) and n1 = -1, n2 = -b on
-- date(hi), with v = the claim's first billing date as days since 1970-01-01 (the age and the aging buckets are
-- conditions on v relative to A), and the claim's payer, provider, location and indications. The A/R as of A is
-- the sum of the kind's rows up to A: the whole months before A's month and A's month's days up to A
-- (server/queries/kpis-ar.ts). Rollups: none and each single dimension; two filters at once read
-- kpi_ar_intervals as before (a row with every dimension would be written for nothing).
--
-- The write side lives in kpi_ar_rebuild, the only writer of kpi_ar_intervals (every trigger that can move a
-- claim's intervals or their dimensions calls it: claims, claim payments, denial work items, claim
-- administrations, orders; 0023/0031). It deletes the claims' intervals and inserts them again in one statement,
-- turns the deleted rows into negative events and the inserted ones into positive events, nets them per key
-- (an unchanged interval cancels out) and passes only what is left to kpi_daily_add: a posting that moves one
-- interval boundary of a claim adds two or three keys, not the claim's whole history twice.
--
-- 1. kpi_daily_add: as in 0035, except that kind 15 gets no rollup 0 (every dimension).
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
      -- 6 keeps the payer and the indications: the service authorization rate (13) judges the payer's requirement on them;
      -- A/R (15) keeps no row with every dimension (two filters read kpi_ar_intervals)
      WHERE (r.rollup < 6 OR d.kind = 13) AND (r.rollup > 0 OR d.kind <> 15)
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
-- 2. kpi_ar_rebuild: the intervals as in 0032, in one statement with the deletion of the old ones, and the net
-- change of their kind-15 events added to kpi_daily.
CREATE OR REPLACE FUNCTION kpi_ar_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  changes kpi_daily[];
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
  ), old AS (
    -- the same snapshot as the rest of the statement: it never sees the rows inserted below
    DELETE FROM kpi_ar_intervals WHERE claim_id = ANY(ids)
    RETURNING practice_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents
  ), c AS MATERIALIZED (
    SELECT c.id, c.practice_id, c.payer_id, c.rendering_provider_id, c.location_id, c.total_charge_cents, c.submitted_at,
      (coalesce(oc.submitted_at, c.submitted_at) AT TIME ZONE 'UTC')::date AS billed_on,
      -- the last instant the claim still counts: closed, or a (non-cancelled) re-bill sent (least ignores a missing one)
      least(CASE WHEN c.status = 'closed' THEN c.closed_at END, rb.at) AS stop_at,
      coalesce(i.indication_ids, '{}') AS indication_ids
    FROM want
      -- one probe of the claims' key per id (OFFSET 0: never a hash join over a scan of every claim)
      CROSS JOIN LATERAL (SELECT c.* FROM claims c WHERE c.id = want.id OFFSET 0) c
      LEFT JOIN LATERAL (
        SELECT oc.submitted_at FROM claims oc WHERE oc.id = c.original_claim_id OFFSET 0
      ) oc ON true
      CROSS JOIN LATERAL (
        SELECT min(r.submitted_at) AS at FROM claims r
        WHERE r.practice_id = c.practice_id AND r.original_claim_id = c.id AND r.status <> 'cancelled' AND r.submitted_at IS NOT NULL
      ) rb
      CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT o.indication_id ORDER BY o.indication_id) AS indication_ids
        FROM claim_administrations ca
          CROSS JOIN LATERAL (
            SELECT a.order_id FROM administrations a WHERE a.id = ca.administration_id AND a.practice_id = ca.practice_id OFFSET 0
          ) a
          CROSS JOIN LATERAL (SELECT o.indication_id FROM orders o WHERE o.id = a.order_id AND o.practice_id = ca.practice_id OFFSET 0) o
        WHERE ca.practice_id = c.practice_id AND ca.claim_id = c.id
      ) i
    WHERE c.frequency <> 'void' AND c.status <> 'cancelled' AND c.submitted_at IS NOT NULL
  ), ev AS (
    -- OFFSET 0 and the status compared as text: see 0032
    SELECT c.id AS claim_id, e.at, e.amount FROM c CROSS JOIN LATERAL (
      SELECT coalesce(cp.posted_at, cp.created_at) AS at, cp.paid_cents + cp.contractual_cents + cp.patient_cents AS amount
      FROM claim_payments cp WHERE cp.practice_id = c.practice_id AND cp.claim_id = c.id AND cp.status::text = 'posted'
      OFFSET 0
    ) e
    UNION ALL
    SELECT c.id, e.at, e.amount FROM c CROSS JOIN LATERAL (
      SELECT w.resolved_at AS at, coalesce(w.write_off_cents, 0) AS amount
      FROM denial_work_items w WHERE w.practice_id = c.practice_id AND w.claim_id = c.id AND w.status::text = 'written_off' AND w.resolved_at IS NOT NULL
      OFFSET 0
    ) e
  ), steps AS (
    -- the instants the balance changes, from the submission on (earlier events count from the submission)
    SELECT claim_id, at, sum(amount) AS amount FROM (
      SELECT c.id AS claim_id, c.submitted_at AS at, 0::bigint AS amount FROM c
      UNION ALL
      SELECT ev.claim_id, greatest(ev.at, c.submitted_at), ev.amount FROM ev JOIN c ON c.id = ev.claim_id
    ) x GROUP BY claim_id, at
  ), seg AS (
    SELECT claim_id, at AS lo, lead(at) OVER w AS hi, sum(amount) OVER w AS settled
    FROM steps WINDOW w AS (PARTITION BY claim_id ORDER BY at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ), ins AS (
    INSERT INTO kpi_ar_intervals (practice_id, claim_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents)
    SELECT c.practice_id, c.id, c.payer_id, c.rendering_provider_id, c.location_id, c.indication_ids, c.billed_on,
      tstzrange(s.lo, CASE WHEN c.stop_at IS NULL THEN s.hi WHEN s.hi IS NULL THEN c.stop_at ELSE least(s.hi, c.stop_at) END, '(]'),
      c.total_charge_cents - s.settled
    FROM seg s JOIN c ON c.id = s.claim_id
    WHERE (c.stop_at IS NULL OR s.lo < c.stop_at) AND c.total_charge_cents - s.settled <> 0
    RETURNING practice_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents
  ), x AS (
    SELECT ins.*, 1 AS s FROM ins UNION ALL SELECT old.*, -1 FROM old
  ), e AS (
    -- +1/+b from the day the interval starts counting, -1/-b from the day it stops (none while it is open-ended)
    SELECT x.practice_id, (lower(x.during) AT TIME ZONE 'UTC')::date AS day, x.billed_on, x.payer_id, x.rendering_provider_id, x.location_id,
      x.indication_ids, x.s AS n, x.s * x.balance_cents AS cents
    FROM x WHERE NOT isempty(x.during)
    UNION ALL
    SELECT x.practice_id, (upper(x.during) AT TIME ZONE 'UTC')::date, x.billed_on, x.payer_id, x.rendering_provider_id, x.location_id,
      x.indication_ids, -x.s, -x.s * x.balance_cents
    FROM x WHERE NOT isempty(x.during) AND NOT upper_inf(x.during)
  )
  SELECT ARRAY(
    -- netted here: the intervals a rebuild did not change cancel out before they reach kpi_daily_add
    SELECT ROW(e.practice_id, 15, e.day, e.billed_on - date '1970-01-01', e.payer_id, e.rendering_provider_id, e.location_id, e.indication_ids,
      sum(e.n), sum(e.cents), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'd', 0)::kpi_daily
    FROM e GROUP BY e.practice_id, e.day, e.billed_on, e.payer_id, e.rendering_provider_id, e.location_id, e.indication_ids
    HAVING (sum(e.n), sum(e.cents)) <> (0, 0)
  ) INTO changes;
  PERFORM kpi_daily_add(changes);
END;
$$;
--> statement-breakpoint
-- 3. The rows an A/R figure reads, in the order it reads them: one rollup, its dimension (nil or '{}' in the others),
-- then the months before the day's month and that month's days. INCLUDE: the figure reads the index alone. The key
-- index (practice, kind, rollup, grain, day, dimensions …) would read every payer's rows of the months to pick one
-- payer's. An indication filter reads the distinct indication sets first (a skip scan of this index) and then the
-- ranges of the sets that hold the indication.
CREATE INDEX "kpi_daily_ar_idx" ON "kpi_daily" USING btree ("practice_id","rollup","payer_id","provider_id","location_id","indication_ids","grain","day") INCLUDE ("v","n1","n2") WHERE "kpi_daily"."kind" = 15;
--> statement-breakpoint
-- 4. kpi_ar_build(): the A/R history and its kind-15 rows from scratch, 100,000 claims at a time through
-- kpi_ar_rebuild (the triggers' own path): this migration for the rows already there, the benchmark's seed after
-- loading with triggers off.
CREATE OR REPLACE FUNCTION kpi_ar_build() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  k int := 0;
BEGIN
  DELETE FROM kpi_daily WHERE kind = 15;
  DELETE FROM kpi_ar_intervals;
  LOOP
    ids := ARRAY(SELECT id FROM claims WHERE submitted_at IS NOT NULL ORDER BY submitted_at, id OFFSET k LIMIT 100000);
    EXIT WHEN cardinality(ids) = 0;
    PERFORM kpi_ar_rebuild(ids);
    k := k + 100000;
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT kpi_ar_build();
