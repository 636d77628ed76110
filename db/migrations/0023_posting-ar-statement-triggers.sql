-- kpi_ar_intervals (migration 0019) kept in step by STATEMENT-level triggers: one rebuild of every claim a
-- statement touched, read from its transition tables, instead of one rebuild per row. Posting a chunk of
-- 500 claim payments now rebuilds those claims three times (payments inserted, claims settled, work items
-- opened) instead of ~2 × 500 times. A transition table cannot go with a column list or several events,
-- so there is one trigger per event, and an UPDATE only rebuilds the rows whose A/R inputs changed.
--
-- kpi_ar_rebuild(ids) is set-based: the claims asked for are one relation joined to their re-bills,
-- infusions, payments and write-offs (no per-claim subqueries), so the same statement serves one claim
-- and every claim of the database (the dashboard benchmark's bulk build). Same rules as 0019 (and as
-- arRawBase in server/queries/kpis-base.ts): a claim counts when submitted, neither void nor cancelled,
-- until it is closed or a (non-cancelled) re-bill of it is submitted; its balance is its charge less posted
-- claim payments (paid, contractual, patient) and completed denial write-offs, from the submission on.
CREATE OR REPLACE FUNCTION kpi_ar_rebuild(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  DELETE FROM kpi_ar_intervals WHERE claim_id = ANY(ids);
  INSERT INTO kpi_ar_intervals (practice_id, claim_id, payer_id, rendering_provider_id, location_id, indication_ids, billed_on, during, balance_cents)
  WITH want AS MATERIALIZED (
    SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL
  ), c AS MATERIALIZED (
    SELECT c.id, c.practice_id, c.payer_id, c.rendering_provider_id, c.location_id, c.total_charge_cents, c.submitted_at,
      (coalesce(oc.submitted_at, c.submitted_at) AT TIME ZONE 'UTC')::date AS billed_on,
      CASE WHEN c.status = 'closed' THEN c.closed_at END AS closed_at
    FROM want JOIN claims c ON c.id = want.id LEFT JOIN claims oc ON oc.id = c.original_claim_id
    WHERE c.frequency <> 'void' AND c.status <> 'cancelled' AND c.submitted_at IS NOT NULL
  ), rebilled AS (
    SELECT r.original_claim_id AS claim_id, min(r.submitted_at) AS at
    FROM c JOIN claims r ON r.practice_id = c.practice_id AND r.original_claim_id = c.id
    WHERE r.status <> 'cancelled' AND r.submitted_at IS NOT NULL
    GROUP BY r.original_claim_id
  ), inds AS (
    SELECT ca.claim_id, array_agg(DISTINCT o.indication_id ORDER BY o.indication_id) AS indication_ids
    FROM c JOIN claim_administrations ca ON ca.practice_id = c.practice_id AND ca.claim_id = c.id
      JOIN administrations a ON a.id = ca.administration_id JOIN orders o ON o.id = a.order_id
    GROUP BY ca.claim_id
  ), cc AS (
    -- the last instant the claim still counts (least ignores a missing one)
    SELECT c.*, least(c.closed_at, rb.at) AS stop_at, coalesce(i.indication_ids, '{}') AS indication_ids
    FROM c LEFT JOIN rebilled rb ON rb.claim_id = c.id LEFT JOIN inds i ON i.claim_id = c.id
  ), ev AS (
    SELECT cp.claim_id, coalesce(cp.posted_at, cp.created_at) AS at, cp.paid_cents + cp.contractual_cents + cp.patient_cents AS amount
      FROM c JOIN claim_payments cp ON cp.practice_id = c.practice_id AND cp.claim_id = c.id
      WHERE cp.status = 'posted'
    UNION ALL
    SELECT w.claim_id, w.resolved_at, coalesce(w.write_off_cents, 0)
      FROM c JOIN denial_work_items w ON w.practice_id = c.practice_id AND w.claim_id = c.id
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
  )
  SELECT cc.practice_id, cc.id, cc.payer_id, cc.rendering_provider_id, cc.location_id, cc.indication_ids, cc.billed_on,
    tstzrange(s.lo, CASE WHEN cc.stop_at IS NULL THEN s.hi WHEN s.hi IS NULL THEN cc.stop_at ELSE least(s.hi, cc.stop_at) END, '(]'),
    cc.total_charge_cents - s.settled
  FROM seg s JOIN cc ON cc.id = s.claim_id
  WHERE (cc.stop_at IS NULL OR s.lo < cc.stop_at) AND cc.total_charge_cents - s.settled <> 0;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kpi_ar_claims ON claims;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kpi_ar_claim_payments ON claim_payments;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kpi_ar_denial_work_items ON denial_work_items;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kpi_ar_claim_administrations ON claim_administrations;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kpi_ar_orders ON orders;
--> statement-breakpoint
DROP FUNCTION IF EXISTS kpi_ar_claims_changed();
--> statement-breakpoint
DROP FUNCTION IF EXISTS kpi_ar_claim_rows_changed();
--> statement-breakpoint
DROP FUNCTION IF EXISTS kpi_ar_order_changed();
--> statement-breakpoint
-- claims: the claim, the claim it re-bills (its stop) and its own re-bills (their first billing date)
CREATE FUNCTION kpi_ar_claims_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(
      SELECT n.id FROM kpi_new n
      UNION SELECT n.original_claim_id FROM kpi_new n WHERE n.original_claim_id IS NOT NULL
      UNION SELECT r.id FROM kpi_new n JOIN claims r ON r.practice_id = n.practice_id AND r.original_claim_id = n.id);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(
      WITH changed AS (
        SELECT n.id, n.practice_id, n.original_claim_id, o.original_claim_id AS was_original_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.status, n.frequency, n.original_claim_id, n.total_charge_cents, n.submitted_at, n.closed_at, n.payer_id, n.rendering_provider_id, n.location_id)
          IS DISTINCT FROM (o.status, o.frequency, o.original_claim_id, o.total_charge_cents, o.submitted_at, o.closed_at, o.payer_id, o.rendering_provider_id, o.location_id)
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
CREATE TRIGGER kpi_ar_claims_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claims_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claims_update AFTER UPDATE ON claims REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claims_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claims_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claims_statement();
--> statement-breakpoint
-- claim payments: the claim before and after, when what counts for A/R changed
CREATE FUNCTION kpi_ar_claim_payments_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n WHERE n.claim_id IS NOT NULL);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.claim_id, n.status, n.posted_at, n.created_at, n.paid_cents, n.contractual_cents, n.patient_cents)
          IS DISTINCT FROM (o.claim_id, o.status, o.posted_at, o.created_at, o.paid_cents, o.contractual_cents, o.patient_cents)
      )
      SELECT claim_id FROM changed WHERE claim_id IS NOT NULL
      UNION SELECT was_claim_id FROM changed WHERE was_claim_id IS NOT NULL);
  ELSE
    ids := ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.claim_id IS NOT NULL);
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_payments_insert AFTER INSERT ON claim_payments REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_payments_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_payments_update AFTER UPDATE ON claim_payments REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_payments_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_payments_delete AFTER DELETE ON claim_payments REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_payments_statement();
--> statement-breakpoint
-- denial work items: write-offs
CREATE FUNCTION kpi_ar_denial_work_items_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n WHERE n.claim_id IS NOT NULL);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(
      WITH changed AS (
        SELECT n.claim_id, o.claim_id AS was_claim_id
        FROM kpi_new n JOIN kpi_old o ON o.id = n.id
        WHERE (n.claim_id, n.status, n.resolved_at, n.write_off_cents)
          IS DISTINCT FROM (o.claim_id, o.status, o.resolved_at, o.write_off_cents)
      )
      SELECT claim_id FROM changed WHERE claim_id IS NOT NULL
      UNION SELECT was_claim_id FROM changed WHERE was_claim_id IS NOT NULL);
  ELSE
    ids := ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o WHERE o.claim_id IS NOT NULL);
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_ar_denial_work_items_insert AFTER INSERT ON denial_work_items REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_denial_work_items_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_denial_work_items_update AFTER UPDATE ON denial_work_items REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_denial_work_items_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_denial_work_items_delete AFTER DELETE ON denial_work_items REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_denial_work_items_statement();
--> statement-breakpoint
-- claim infusions: the indications of the claim (any change, as before)
CREATE FUNCTION kpi_ar_claim_administrations_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT n.claim_id FROM kpi_new n);
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(SELECT n.claim_id FROM kpi_new n UNION SELECT o.claim_id FROM kpi_old o);
  ELSE
    ids := ARRAY(SELECT DISTINCT o.claim_id FROM kpi_old o);
  END IF;
  PERFORM kpi_ar_rebuild(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_administrations_insert AFTER INSERT ON claim_administrations REFERENCING NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_administrations_update AFTER UPDATE ON claim_administrations REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_administrations_statement();
--> statement-breakpoint
CREATE TRIGGER kpi_ar_claim_administrations_delete AFTER DELETE ON claim_administrations REFERENCING OLD TABLE AS kpi_old
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_claim_administrations_statement();
--> statement-breakpoint
-- orders: a changed indication reaches the claims of the order's infusions
CREATE FUNCTION kpi_ar_orders_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_ar_rebuild(ARRAY(
    SELECT DISTINCT ca.claim_id
    FROM kpi_new n JOIN kpi_old o ON o.id = n.id AND o.indication_id IS DISTINCT FROM n.indication_id
      JOIN administrations a ON a.practice_id = n.practice_id AND a.order_id = n.id
      JOIN claim_administrations ca ON ca.practice_id = a.practice_id AND ca.administration_id = a.id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_ar_orders_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_ar_orders_statement();
