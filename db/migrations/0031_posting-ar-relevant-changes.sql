-- The A/R triggers (0023) rebuild a claim's kpi_ar_intervals only when a row changed in a way the
-- rebuild (kpi_ar_rebuild, 0025) can see. It reads of a claim its status only as "closed" (the stop) and
-- "cancelled" (not counted), of claim payments only the posted ones, and of work items only completed
-- write-offs. So:
-- - claims: a status change counts only when it enters or leaves closed or cancelled. Posting's settle
--   (submitted/accepted → adjudicated, amounts, payer claim number) no longer rebuilds the claims the
--   same transaction's claim payments just rebuilt: one rebuild per claim per posting chunk instead of two.
-- - claim payments: inserted or deleted rows count when posted (unmatched and held ones hold no money
--   against a claim); an update counts when the row is or was posted and what the rebuild reads changed
--   (linking a reversal, reversed_by_claim_payment_id, does not).
-- - denial work items: inserted or deleted rows count when written off (a new denial is open); an
--   update counts when the item is or was written off and its write-off facts changed.
-- Same results as before (tests/helpers/kpi-consistency.ts compares the kept history with the raw one).
CREATE OR REPLACE FUNCTION kpi_ar_claims_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(
      SELECT n.id FROM kpi_new n
      UNION SELECT n.original_claim_id FROM kpi_new n WHERE n.original_claim_id IS NOT NULL
      UNION SELECT r.id FROM kpi_new n JOIN claims r ON r.practice_id = n.practice_id AND r.original_claim_id = n.id);
  ELSIF TG_OP = 'UPDATE' THEN
    -- nothing the rebuild reads changed (posting's settle): done. Counted, not EXISTS: EXISTS plans a
    -- fast-start nested loop over the two transition tables (rows × rows comparisons).
    IF (SELECT count(*) FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status = 'closed', n.status = 'cancelled', n.frequency, n.original_claim_id, n.total_charge_cents, n.submitted_at, n.closed_at, n.payer_id, n.rendering_provider_id, n.location_id)
          IS DISTINCT FROM (o.status = 'closed', o.status = 'cancelled', o.frequency, o.original_claim_id, o.total_charge_cents, o.submitted_at, o.closed_at, o.payer_id, o.rendering_provider_id, o.location_id)) = 0 THEN
      RETURN NULL;
    END IF;
    ids := ARRAY(
      WITH changed AS (
        SELECT n.id, n.practice_id, n.original_claim_id, o.original_claim_id AS was_original_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status = 'closed', n.status = 'cancelled', n.frequency, n.original_claim_id, n.total_charge_cents, n.submitted_at, n.closed_at, n.payer_id, n.rendering_provider_id, n.location_id)
          IS DISTINCT FROM (o.status = 'closed', o.status = 'cancelled', o.frequency, o.original_claim_id, o.total_charge_cents, o.submitted_at, o.closed_at, o.payer_id, o.rendering_provider_id, o.location_id)
      )
      SELECT id FROM changed
      UNION SELECT original_claim_id FROM changed WHERE original_claim_id IS NOT NULL
      UNION SELECT was_original_claim_id FROM changed WHERE was_original_claim_id IS NOT NULL
      UNION SELECT r.id FROM changed ch JOIN claims r ON r.practice_id = ch.practice_id AND r.original_claim_id = ch.id);
  ELSE
    ids := ARRAY(
      SELECT o.id FROM kpi_old o
      UNION SELECT o.original_claim_id FROM kpi_old o WHERE o.original_claim_id IS NOT NULL);
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_ar_claim_payments_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n WHERE n.claim_id IS NOT NULL AND n.status = 'posted');
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status = 'posted' OR o.status = 'posted')
          AND (n.claim_id, n.status = 'posted', n.posted_at, n.created_at, n.paid_cents, n.contractual_cents, n.patient_cents)
            IS DISTINCT FROM (o.claim_id, o.status = 'posted', o.posted_at, o.created_at, o.paid_cents, o.contractual_cents, o.patient_cents)
      )
      SELECT claim_id FROM changed WHERE claim_id IS NOT NULL
      UNION SELECT was_claim_id FROM changed WHERE was_claim_id IS NOT NULL);
  ELSE
    ids := ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.claim_id IS NOT NULL AND o.status = 'posted');
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_ar_denial_work_items_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n WHERE n.claim_id IS NOT NULL AND n.status = 'written_off');
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status = 'written_off' OR o.status = 'written_off')
          AND (n.claim_id, n.status = 'written_off', n.resolved_at, n.write_off_cents)
            IS DISTINCT FROM (o.claim_id, o.status = 'written_off', o.resolved_at, o.write_off_cents)
      )
      SELECT claim_id FROM changed WHERE claim_id IS NOT NULL
      UNION SELECT was_claim_id FROM changed WHERE was_claim_id IS NOT NULL);
  ELSE
    ids := ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.claim_id IS NOT NULL AND o.status = 'written_off');
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
