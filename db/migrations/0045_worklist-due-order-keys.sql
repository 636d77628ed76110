-- Issue 13: the due tab's location, provider and indication filters read the infusion's own row.
-- Before, each filter joined the order of every due infusion in the window: at 1,000,000
-- administrations the provider filter's count probed orders 4,949 times for a week (11.5 ms), and its
-- page as many. Each infusion now carries its order's keys, kept by triggers whoever writes (an
-- infusion inserted or moved to another order, an order's location, provider or indication
-- corrected), and each due filter, the payer's too, is an index range of its own.
ALTER TABLE "administrations" ADD COLUMN "location_id" uuid;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "ordering_provider_id" uuid;--> statement-breakpoint
ALTER TABLE "administrations" ADD COLUMN "indication_id" text;--> statement-breakpoint
-- A new infusion, or one moved to another order: its order's keys.
CREATE OR REPLACE FUNCTION administrations_order_keys_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.location_id, o.ordering_provider_id, o.indication_id
    INTO NEW.location_id, NEW.ordering_provider_id, NEW.indication_id
  FROM orders o WHERE o.id = NEW.order_id AND o.practice_id = NEW.practice_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER administrations_order_keys BEFORE INSERT OR UPDATE OF order_id ON "administrations"
  FOR EACH ROW EXECUTE FUNCTION administrations_order_keys_row();--> statement-breakpoint
-- An order's keys corrected: every infusion of the order, writing only the rows that change.
CREATE OR REPLACE FUNCTION administrations_order_keys_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE administrations a
  SET location_id = n.location_id, ordering_provider_id = n.ordering_provider_id, indication_id = n.indication_id
  FROM order_keys_new n
  JOIN order_keys_old o ON o.id = n.id AND o.practice_id = n.practice_id
  WHERE (n.location_id, n.ordering_provider_id, n.indication_id) IS DISTINCT FROM (o.location_id, o.ordering_provider_id, o.indication_id)
    AND a.practice_id = n.practice_id AND a.order_id = n.id
    AND (a.location_id, a.ordering_provider_id, a.indication_id) IS DISTINCT FROM (n.location_id, n.ordering_provider_id, n.indication_id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER administrations_order_keys_orders_update AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS order_keys_old NEW TABLE AS order_keys_new
  FOR EACH STATEMENT EXECUTE FUNCTION administrations_order_keys_orders();--> statement-breakpoint
-- The backfill changes no column the infusion facts (0035) or the claims' indications (0044) read:
-- their statement triggers would only compare every row with itself.
ALTER TABLE "administrations" DISABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
ALTER TABLE "administrations" DISABLE TRIGGER "claims_indications_administrations_update";--> statement-breakpoint
UPDATE "administrations" a
SET "location_id" = o."location_id", "ordering_provider_id" = o."ordering_provider_id", "indication_id" = o."indication_id"
FROM "orders" o
WHERE o."id" = a."order_id" AND o."practice_id" = a."practice_id";--> statement-breakpoint
ALTER TABLE "administrations" ENABLE TRIGGER "kpi_more_facts_administrations_update";--> statement-breakpoint
ALTER TABLE "administrations" ENABLE TRIGGER "claims_indications_administrations_update";--> statement-breakpoint
CREATE INDEX "administrations_due_location_idx" ON "administrations" USING btree ("practice_id","location_id","planned_date") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_provider_idx" ON "administrations" USING btree ("practice_id","ordering_provider_id","planned_date") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_indication_idx" ON "administrations" USING btree ("practice_id","indication_id","planned_date") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
CREATE INDEX "administrations_due_payer_idx" ON "administrations" USING btree ("practice_id","primary_payer_id","planned_date") WHERE "administrations"."status" in ('scheduled', 'in_progress');--> statement-breakpoint
ANALYZE "administrations";
