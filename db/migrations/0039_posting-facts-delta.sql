-- Posting and the dashboard's claim facts, second step (docs/benchmarks.md, "835 posting").
--
-- 1. Claim payments inserted as posted add their contribution to the claim facts instead of having the claims'
-- facts of kinds 2, 3, 4 and 6 recomputed (0034). What a posted claim payment P of claim C contributes, read off
-- kpi_facts_rebuild's definitions (0033/0034), at the end of the statement that inserts it:
--   4 (payments posted) and 6 (days to post): sums over C's posted payments grouped by posting day (and days to
--     post): P adds its own count and amounts to its day's group, whatever else C has;
--   3 (live claim by date of service): n4 and n5 are sums of the posted payments' paid and contractual amounts;
--     the other columns read C's lines and the payment lines of its active payments, and P has no payment lines
--     yet (they reference it, so they are inserted by a later statement, whose trigger recomputes kind 3 when C has
--     waste lines). A claim that is not live or is a void has no kind 3 row, and P adds none;
--   2 (first remittance) is not a sum: when C has no first-remittance fact yet (no earlier posted payment that is
--     not a reversal, the usual case when posting), the first of P and the statement's other new payments of C is
--     its first remittance, with n5 (authorization denial) 0: P's adjustments come later, and their trigger
--     recomputes kind 2 of a claim given an authorization denial; when C has one already, kind 2 of C is
--     recomputed as before.
-- Each contribution is a new kpi_claim_facts row (a claim may hold several rows of one key: readers and the
-- rebuild sum them; the next rebuild of the claim replaces them by one) and goes to kpi_daily through
-- kpi_daily_add (0035), which spreads it by day, month and rollup and merges as kpi_facts_rebuild does.
-- What it saves: the old facts' delete and, per claim, the reads of its payments (four times), lines, adjustments
-- and file that the rebuild makes; the new payments are read from the statement's own rows, joined once to their
-- claims (never looked up per claim: a lookup of the statement's rows per claim would cost claims × rows). Updates and deletes of claim payments (reversal links, a manual match, a dismissal)
-- still recompute kinds 2, 3, 4, 6 of their claims, and adjustments and payment lines keep their triggers.
-- The contribution is exact when the claim payments are inserted by their own statement, as every writer does
-- (posting, the demo seed); a single statement that also changed the same claims through a data-modifying WITH
-- could have the claims' rebuild see P before this trigger adds it. tests/integration/posting-facts-delta.test.ts
-- checks, on both engines, that after postings, reversals, corrections, a manual match and re-postings a full
-- rebuild of every claim changes neither kpi_claim_facts (summed per key) nor kpi_daily.
CREATE OR REPLACE FUNCTION kpi_facts_claim_payments_statement() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  changes kpi_daily[];
  again uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH p AS MATERIALIZED (
      SELECT n.id, n.claim_id, n.file_id, n.position, n.is_reversal, n.paid_cents, n.contractual_cents, n.denied_cents, n.created_at,
        coalesce(n.posted_at, n.created_at) AS at
      FROM kpi_new n WHERE n.claim_id IS NOT NULL AND n.status::text = 'posted'
    ), c AS MATERIALIZED (
      -- the claim's dimensions as kpi_facts_rebuild reads them (by key, LATERAL … OFFSET 0), its coverage's
      -- priority (kind 4) and whether it has a first-remittance fact already (kind 2)
      SELECT c.id, c.practice_id, c.payer_id, c.rendering_provider_id AS provider_id, c.location_id, coalesce(i.indication_ids, '{}') AS indication_ids,
        c.status::text AS status, c.frequency::text AS frequency, c.original_claim_id, c.rejected_at, c.date_of_service,
        cv.priority::text AS priority,
        EXISTS (SELECT 1 FROM kpi_claim_facts f WHERE f.claim_id = c.id AND f.kind = 2 OFFSET 0) AS has_first
      FROM (SELECT DISTINCT p.claim_id AS id FROM p) want
        CROSS JOIN LATERAL (SELECT c.* FROM claims c WHERE c.id = want.id OFFSET 0) c
        CROSS JOIN LATERAL (
          SELECT array_agg(DISTINCT o.indication_id ORDER BY o.indication_id) AS indication_ids
          FROM claim_administrations ca
            CROSS JOIN LATERAL (
              SELECT a.order_id FROM administrations a WHERE a.id = ca.administration_id AND a.practice_id = ca.practice_id OFFSET 0
            ) a
            CROSS JOIN LATERAL (SELECT o.indication_id FROM orders o WHERE o.id = a.order_id AND o.practice_id = ca.practice_id OFFSET 0) o
          WHERE ca.practice_id = c.practice_id AND ca.claim_id = c.id
        ) i
        LEFT JOIN LATERAL (SELECT cv.priority FROM coverages cv WHERE cv.id = c.coverage_id AND cv.practice_id = c.practice_id OFFSET 0) cv ON true
    ), pc AS MATERIALIZED (
      -- each new payment with its claim, joined once: every branch below reads these rows, none looks a claim's
      -- payments up again
      SELECT p.*, c.practice_id, c.payer_id, c.provider_id, c.location_id, c.indication_ids, c.status, c.frequency, c.original_claim_id,
        c.rejected_at, c.date_of_service, c.priority, c.has_first
      FROM p JOIN c ON c.id = p.claim_id
    ), fresh (practice_id, claim_id, kind, day, v, payer_id, provider_id, location_id, indication_ids, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12) AS (
      -- 2: first remittance of a claim that had none (n1 adjudicated, n2 first pass, n3 initial denial, n4 its
      -- denied dollars, n5 authorization denial). n5 is 0: a payment's adjustments reference it, so they are inserted
      -- after it, and the adjustments' trigger recomputes kind 2 of a claim given an authorization denial (were they
      -- inserted by the same statement and their trigger ran first, the claim has a first-remittance fact by then,
      -- and kind 2 is recomputed below)
      (SELECT DISTINCT ON (x.claim_id) x.practice_id, x.claim_id, 2, (x.at AT TIME ZONE 'UTC')::date, 0::numeric,
        x.payer_id, x.provider_id, x.location_id, x.indication_ids,
        1, (x.denied_cents = 0 AND x.rejected_at IS NULL AND x.original_claim_id IS NULL)::int,
        (x.original_claim_id IS NULL AND x.frequency = 'original' AND x.denied_cents > 0)::int,
        CASE WHEN x.original_claim_id IS NULL AND x.frequency = 'original' AND x.denied_cents > 0 THEN x.denied_cents ELSE 0 END,
        0, 0, 0, 0, 0, 0, 0, 0
      FROM pc x
      WHERE NOT x.has_first AND x.frequency <> 'void' AND NOT x.is_reversal
      ORDER BY x.claim_id, x.at, x.created_at, x.position)
      UNION ALL
      -- 3: paid (n4) and contractual (n5) of a live claim
      SELECT x.practice_id, x.claim_id, 3, x.date_of_service, 0, x.payer_id, x.provider_id, x.location_id, x.indication_ids,
        0, 0, 0, sum(x.paid_cents), sum(x.contractual_cents), 0, 0, 0, 0, 0, 0, 0
      FROM pc x
      WHERE x.status NOT IN ('cancelled', 'replaced', 'voided') AND x.frequency <> 'void'
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      HAVING sum(x.paid_cents) <> 0 OR sum(x.contractual_cents) <> 0
      UNION ALL
      -- 4: payments posted (n1 count, n2 paid, signed); zero-pay: n3 primary remittances (not reversals), n4 zero-paid denials
      SELECT x.practice_id, x.claim_id, 4, (x.at AT TIME ZONE 'UTC')::date, 0, x.payer_id, x.provider_id, x.location_id, x.indication_ids,
        count(*), sum(x.paid_cents),
        count(*) FILTER (WHERE NOT x.is_reversal AND x.priority = 'primary'),
        count(*) FILTER (WHERE NOT x.is_reversal AND x.priority = 'primary' AND x.paid_cents = 0 AND x.denied_cents > 0),
        0, 0, 0, 0, 0, 0, 0, 0
      FROM pc x
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      UNION ALL
      -- 6: days to post, from the 835's arrival (the file is read once per file, not per payment)
      SELECT x.practice_id, x.claim_id, 6, (x.at AT TIME ZONE 'UTC')::date, extract(epoch FROM (x.at - rf.uploaded_at)) / 86400.0,
        x.payer_id, x.provider_id, x.location_id, x.indication_ids,
        count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM pc x JOIN (
          SELECT rf.id, rf.uploaded_at FROM (SELECT DISTINCT p.file_id FROM p) f
            CROSS JOIN LATERAL (SELECT rf.id, rf.uploaded_at FROM remittance_files rf WHERE rf.id = f.file_id OFFSET 0) rf
        ) rf ON rf.id = x.file_id
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ), ins AS (
      INSERT INTO kpi_claim_facts (practice_id, claim_id, kind, day, v, payer_id, provider_id, location_id, indication_ids, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12)
      SELECT f.practice_id, f.claim_id, f.kind, f.day, f.v, f.payer_id, f.provider_id, f.location_id, f.indication_ids,
        f.n1, f.n2, f.n3, f.n4, f.n5, f.n6, f.n7, f.n8, f.n9, f.n10, f.n11, f.n12
      FROM fresh f
      RETURNING *
    )
    SELECT
      ARRAY(
        SELECT ROW(x.practice_id, x.kind, x.day, x.v, x.payer_id, x.provider_id, x.location_id, x.indication_ids,
          x.n1, x.n2, x.n3, x.n4, x.n5, x.n6, x.n7, x.n8, x.n9, x.n10, x.n11, x.n12, 'd', 0)::kpi_daily
        FROM ins x),
      ARRAY(SELECT DISTINCT x.claim_id FROM pc x WHERE x.has_first AND NOT x.is_reversal)
    INTO changes, again;
    PERFORM kpi_daily_add(changes);
    -- a claim that had a first remittance: which payment is first is recomputed
    PERFORM kpi_facts_rebuild(again, '{2}');
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_facts_rebuild(ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was_claim_id FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status = 'posted' OR o.status = 'posted')
          AND (n.claim_id, n.status = 'posted', n.posted_at, n.created_at, n.position, n.is_reversal, n.reversed_by_claim_payment_id, n.paid_cents,
              n.denied_cents, n.contractual_cents, n.file_id)
            IS DISTINCT FROM (o.claim_id, o.status = 'posted', o.posted_at, o.created_at, o.position, o.is_reversal, o.reversed_by_claim_payment_id, o.paid_cents,
              o.denied_cents, o.contractual_cents, o.file_id)
      )
      SELECT claim_id FROM changed WHERE claim_id IS NOT NULL
      UNION SELECT was_claim_id FROM changed WHERE was_claim_id IS NOT NULL), '{2,3,4,6}');
  ELSE
    PERFORM kpi_facts_rebuild(ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.claim_id IS NOT NULL AND o.status = 'posted'), '{2,3,4,6}');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- 2. remittance_adjustments_carc_idx (practice_id, carc) is read by no query: adjustments are read by their claim
-- payment (remittance_adjustments_payment_idx: the claim's remittance view, the claim documents, the facts'
-- authorization-denial test, the dashboard's authorization denial rate) and never by practice and reason code.
-- Posting kept it up to date for every adjustment it wrote (~20,000 a 10,000-claim file).
DROP INDEX IF EXISTS "remittance_adjustments_carc_idx";
