-- The access log of patients' records is append-only like the audit trail: any UPDATE, DELETE or
-- TRUNCATE fails, whoever issues it. (ON CONFLICT DO NOTHING, which the app uses, updates nothing.)
CREATE OR REPLACE FUNCTION append_only_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER phi_access_log_no_update BEFORE UPDATE ON phi_access_log
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER phi_access_log_no_delete BEFORE DELETE ON phi_access_log
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER phi_access_log_no_truncate BEFORE TRUNCATE ON phi_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();
