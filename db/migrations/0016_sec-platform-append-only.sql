-- The platform audit trail and the reference version history are append-only, like the practices'
-- audit trail: any UPDATE, DELETE or TRUNCATE fails, whoever issues it.
CREATE TRIGGER platform_audit_events_no_update BEFORE UPDATE ON platform_audit_events
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER platform_audit_events_no_delete BEFORE DELETE ON platform_audit_events
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER platform_audit_events_no_truncate BEFORE TRUNCATE ON platform_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER reference_versions_no_update BEFORE UPDATE ON reference_versions
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER reference_versions_no_delete BEFORE DELETE ON reference_versions
  FOR EACH ROW EXECUTE FUNCTION append_only_reject_change();
--> statement-breakpoint
CREATE TRIGGER reference_versions_no_truncate BEFORE TRUNCATE ON reference_versions
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_reject_change();
