-- A claim's indications (those of the orders of the infusions it bills), kept on the claim. The dashboard's
-- indication filter on claims read three tables per candidate claim (claim_administrations, administrations,
-- orders): timely-filing exposure with an indication filter at 1M administrations probed them for ~8,700
-- unsent claims, 0.8 s. With the ids on the claim it is a filter on the row already read.
ALTER TABLE "claims" ADD COLUMN "indication_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Recomputes the indications of the given claims from every claim_administrations row (active or not: the
-- claim billed those infusions), writing only the claims whose set changed.
CREATE OR REPLACE FUNCTION claims_indications_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE claims c SET indication_ids = x.indication_ids
  FROM (
    SELECT w.id, coalesce((
        SELECT array_agg(DISTINCT o.indication_id ORDER BY o.indication_id)
        FROM claim_administrations ca
          JOIN administrations a ON a.id = ca.administration_id AND a.practice_id = ca.practice_id
          JOIN orders o ON o.id = a.order_id AND o.practice_id = a.practice_id
        WHERE ca.claim_id = w.id), '{}'::text[]) AS indication_ids
    FROM (SELECT DISTINCT u.id FROM unnest(ids) AS u(id) WHERE u.id IS NOT NULL) w
  ) x
  WHERE c.id = x.id AND c.indication_ids IS DISTINCT FROM x.indication_ids;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION claims_indications_links_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM claims_indications_refresh(ARRAY(SELECT n.claim_id FROM claims_ind_new n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM claims_indications_refresh(ARRAY(
      SELECT n.claim_id FROM claims_ind_new n UNION SELECT o.claim_id FROM claims_ind_old o
      EXCEPT
      SELECT n.claim_id FROM claims_ind_new n JOIN claims_ind_old o
        ON o.claim_id = n.claim_id AND o.administration_id = n.administration_id AND o.practice_id = n.practice_id));
  ELSE
    PERFORM claims_indications_refresh(ARRAY(SELECT o.claim_id FROM claims_ind_old o));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER claims_indications_links_insert AFTER INSERT ON claim_administrations REFERENCING NEW TABLE AS claims_ind_new
  FOR EACH STATEMENT EXECUTE FUNCTION claims_indications_links_statement();--> statement-breakpoint
CREATE TRIGGER claims_indications_links_update AFTER UPDATE ON claim_administrations REFERENCING OLD TABLE AS claims_ind_old NEW TABLE AS claims_ind_new
  FOR EACH STATEMENT EXECUTE FUNCTION claims_indications_links_statement();--> statement-breakpoint
CREATE TRIGGER claims_indications_links_delete AFTER DELETE ON claim_administrations REFERENCING OLD TABLE AS claims_ind_old
  FOR EACH STATEMENT EXECUTE FUNCTION claims_indications_links_statement();--> statement-breakpoint
-- An infusion moved to another order, or an order's indication corrected: the claims that bill them.
CREATE OR REPLACE FUNCTION claims_indications_administrations_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claims_indications_refresh(ARRAY(
    SELECT ca.claim_id FROM claims_ind_new n JOIN claims_ind_old o ON o.id = n.id AND o.practice_id = n.practice_id
      JOIN claim_administrations ca ON ca.administration_id = n.id AND ca.practice_id = n.practice_id
    WHERE n.order_id IS DISTINCT FROM o.order_id));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER claims_indications_administrations_update AFTER UPDATE ON administrations REFERENCING OLD TABLE AS claims_ind_old NEW TABLE AS claims_ind_new
  FOR EACH STATEMENT EXECUTE FUNCTION claims_indications_administrations_statement();--> statement-breakpoint
CREATE OR REPLACE FUNCTION claims_indications_orders_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claims_indications_refresh(ARRAY(
    SELECT ca.claim_id FROM claims_ind_new n JOIN claims_ind_old o ON o.id = n.id AND o.practice_id = n.practice_id
      JOIN administrations a ON a.order_id = n.id AND a.practice_id = n.practice_id
      JOIN claim_administrations ca ON ca.administration_id = a.id AND ca.practice_id = a.practice_id
    WHERE n.indication_id IS DISTINCT FROM o.indication_id));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER claims_indications_orders_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS claims_ind_old NEW TABLE AS claims_ind_new
  FOR EACH STATEMENT EXECUTE FUNCTION claims_indications_orders_statement();--> statement-breakpoint
-- Every claim's indications from scratch, in one pass (a hash join, not a probe per claim): this migration's
-- backfill, and what code that loads claims with triggers off runs afterwards (the dashboard bench seed).
CREATE OR REPLACE FUNCTION claims_indications_build() RETURNS void LANGUAGE sql AS $$
  UPDATE claims c SET indication_ids = x.indication_ids
  FROM (
    SELECT ca.claim_id, array_agg(DISTINCT o.indication_id ORDER BY o.indication_id) AS indication_ids
    FROM claim_administrations ca
      JOIN administrations a ON a.id = ca.administration_id AND a.practice_id = ca.practice_id
      JOIN orders o ON o.id = a.order_id AND o.practice_id = a.practice_id
    GROUP BY ca.claim_id
  ) x
  WHERE c.id = x.claim_id AND c.indication_ids IS DISTINCT FROM x.indication_ids;
$$;--> statement-breakpoint
SELECT claims_indications_build();
