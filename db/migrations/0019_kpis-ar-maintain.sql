-- kpi_ar_intervals (db/schema/kpis.ts): each claim's payer balance over time, kept in step with the
-- rows it is derived from by triggers, inside the transaction that changes them.
-- The same rules as the A/R "as of" an instant x over the raw tables (arRawBase in server/queries/kpis-base.ts):
-- a claim counts when submitted before x, neither void nor cancelled, not closed before x, not replaced
-- by a (non-cancelled) claim submitted before x; its balance is its charge less what posted claim
-- payments before x paid, adjusted contractually or moved to the patient, less denial write-offs
-- completed before x. The balance only changes at those instants, so one row per stretch between them.
CREATE OR REPLACE FUNCTION kpi_ar_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kpi_ar_intervals WHERE claim_id = ANY(ids);
  INSERT INTO kpi_ar_intervals (practice_id, claim_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents)
  WITH c AS (
    SELECT c.id, c.practice_id, c.payer_id, c.rendering_provider_id, c.location_id, c.total_charge_cents, c.submitted_at,
      (coalesce(oc.submitted_at, c.submitted_at) AT TIME ZONE 'UTC')::date AS billed_on,
      -- the last instant the claim still counts
      (SELECT min(s) FROM (
         SELECT CASE WHEN c.status = 'closed' THEN c.closed_at END AS s
         UNION ALL
         SELECT r.submitted_at FROM claims r
           WHERE r.practice_id = c.practice_id AND r.original_claim_id = c.id AND r.status <> 'cancelled' AND r.submitted_at IS NOT NULL
       ) stops) AS stop_at,
      coalesce((SELECT array_agg(DISTINCT o.indication_id ORDER BY o.indication_id)
         FROM claim_administrations ca JOIN administrations a ON a.id = ca.administration_id JOIN orders o ON o.id = a.order_id
         WHERE ca.claim_id = c.id AND ca.practice_id = c.practice_id), '{}') AS indication_ids
    FROM claims c LEFT JOIN claims oc ON oc.id = c.original_claim_id
    WHERE c.id = ANY(ids) AND c.frequency <> 'void' AND c.status <> 'cancelled' AND c.submitted_at IS NOT NULL
  ), ev AS (
    SELECT cp.claim_id, coalesce(cp.posted_at, cp.created_at) AS at, cp.paid_cents + cp.contractual_cents + cp.patient_cents AS amount
      FROM claim_payments cp JOIN c ON c.id = cp.claim_id AND cp.practice_id = c.practice_id
      WHERE cp.status = 'posted'
    UNION ALL
    SELECT w.claim_id, w.resolved_at, coalesce(w.write_off_cents, 0)
      FROM denial_work_items w JOIN c ON c.id = w.claim_id AND w.practice_id = c.practice_id
      WHERE w.status = 'written_off' AND w.resolved_at IS NOT NULL
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
  ), bal AS (
    SELECT s.claim_id, s.lo,
      CASE WHEN c.stop_at IS NULL THEN s.hi WHEN s.hi IS NULL THEN c.stop_at ELSE least(s.hi, c.stop_at) END AS hi,
      c.total_charge_cents - s.settled AS balance
    FROM seg s JOIN c ON c.id = s.claim_id
    WHERE c.stop_at IS NULL OR s.lo < c.stop_at
  )
  SELECT c.practice_id, c.id, c.payer_id, c.rendering_provider_id, c.location_id, c.indication_ids, c.billed_on, tstzrange(b.lo, b.hi, '(]'), b.balance
  FROM bal b JOIN c ON c.id = b.claim_id
  WHERE b.balance <> 0;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_ar_claims_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' THEN
    ids := ids || NEW.id;
    IF NEW.original_claim_id IS NOT NULL THEN ids := ids || NEW.original_claim_id; END IF;
    -- a re-bill ages from this claim's submission
    ids := ids || ARRAY(SELECT r.id FROM claims r WHERE r.practice_id = NEW.practice_id AND r.original_claim_id = NEW.id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    ids := ids || OLD.id;
    IF OLD.original_claim_id IS NOT NULL THEN ids := ids || OLD.original_claim_id; END IF;
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_ar_claim_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := '{}';
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.claim_id IS NOT NULL THEN ids := ids || NEW.claim_id; END IF;
  IF TG_OP <> 'INSERT' AND OLD.claim_id IS NOT NULL THEN ids := ids || OLD.claim_id; END IF;
  IF cardinality(ids) > 0 THEN PERFORM kpi_ar_rebuild(ids); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_ar_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_ar_rebuild(ARRAY(
    SELECT DISTINCT ca.claim_id FROM administrations a JOIN claim_administrations ca ON ca.administration_id = a.id AND ca.practice_id = a.practice_id
    WHERE a.practice_id = NEW.practice_id AND a.order_id = NEW.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claims AFTER INSERT OR DELETE OR UPDATE OF status, frequency, original_claim_id, total_charge_cents, submitted_at, closed_at, payer_id, rendering_provider_id, location_id
  ON claims FOR EACH ROW EXECUTE FUNCTION kpi_ar_claims_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_payments AFTER INSERT OR DELETE OR UPDATE OF claim_id, status, posted_at, created_at, paid_cents, contractual_cents, patient_cents
  ON claim_payments FOR EACH ROW EXECUTE FUNCTION kpi_ar_claim_rows_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_denial_work_items AFTER INSERT OR DELETE OR UPDATE OF claim_id, status, resolved_at, write_off_cents
  ON denial_work_items FOR EACH ROW EXECUTE FUNCTION kpi_ar_claim_rows_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_administrations AFTER INSERT OR DELETE OR UPDATE
  ON claim_administrations FOR EACH ROW EXECUTE FUNCTION kpi_ar_claim_rows_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_orders AFTER UPDATE OF indication_id ON orders FOR EACH ROW EXECUTE FUNCTION kpi_ar_order_changed();
--> statement-breakpoint
-- claims already there
SELECT kpi_ar_rebuild(ARRAY(SELECT id FROM claims));
