-- CLM02 = Σ line charges, always: checked at commit (deferred), so a service may write the claim
-- and its lines in any order inside one transaction, but can never commit them disagreeing.
CREATE OR REPLACE FUNCTION claims_check_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cid uuid;
  expected bigint;
  actual bigint;
BEGIN
  IF TG_TABLE_NAME = 'claims' THEN
    cid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    cid := OLD.claim_id;
  ELSE
    cid := NEW.claim_id;
  END IF;
  SELECT total_charge_cents INTO expected FROM claims WHERE id = cid;
  IF expected IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(sum(charge_cents), 0) INTO actual FROM claim_lines WHERE claim_id = cid;
  IF actual <> expected THEN
    RAISE EXCEPTION 'claim % total % cents differs from the sum of its lines % cents', cid, expected, actual
      USING ERRCODE = 'check_violation', CONSTRAINT = 'claims_total_equals_lines';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claims_total_equals_lines
  AFTER INSERT OR UPDATE OF total_charge_cents ON claims
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION claims_check_total();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER claim_lines_total_equals_claim
  AFTER INSERT OR UPDATE OR DELETE ON claim_lines
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION claims_check_total();
