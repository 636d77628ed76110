-- kpi_ar_rebuild (0023, 0025) reached its claims, their original claims and the infusions' orders by a
-- plain join on id. Since the composite keys of 0029 ((id, practice_id) primary keys, (practice_id, x_id)
-- foreign keys) a freshly loaded database without statistics planned that join as a hash join over a
-- scan of every claim of the database, for every statement that rebuilds (each chunk of a posting; each
-- batch of a bulk claim load): the cost followed the size of the database instead of the number of claims
-- asked for. Each of those rows is now found through LATERAL, one probe of its primary key per row (by id,
-- the key's first column; administrations and orders by their whole key, as the composite foreign keys
-- keep them in the claim's practice), as the rebuild's other joins already were (0025). Same results.
CREATE OR REPLACE FUNCTION kpi_ar_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM kpi_ar_intervals WHERE claim_id = ANY(ids);
  INSERT INTO kpi_ar_intervals (practice_id, claim_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents)
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
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
    -- OFFSET 0 keeps each subquery per claim (not flattened into a join the planner may turn into a scan);
    -- the status is compared as text so that the partial indexes on status (posted payments by date, the
    -- work queue) cannot be chosen over the (practice_id, claim_id) indexes: with statistics older than the
    -- rows they would scan the whole practice for every claim
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
  )
  SELECT c.practice_id, c.id, c.payer_id, c.rendering_provider_id, c.location_id, c.indication_ids, c.billed_on,
    tstzrange(s.lo, CASE WHEN c.stop_at IS NULL THEN s.hi WHEN s.hi IS NULL THEN c.stop_at ELSE least(s.hi, c.stop_at) END, '(]'),
    c.total_charge_cents - s.settled
  FROM seg s JOIN c ON c.id = s.claim_id
  WHERE (c.stop_at IS NULL OR s.lo < c.stop_at) AND c.total_charge_cents - s.settled <> 0;
END;
$$;
