-- Issue 13: practice_id in every unique index and foreign key of a practice table, so the schema can
-- be distributed by practice_id (Citus) unchanged. Hand-ordered: the foreign keys go first (they depend
-- on the primary keys they reference), then the primary keys on id alone become (id, practice_id)
-- (id first, so lookups by id alone keep using it), the unique indexes gain practice_id (last, so
-- their existing prefixes still serve the same queries), and the foreign keys between practice tables
-- come back composite: (practice_id, x_id) -> (practice_id, id). Adding them checks every existing
-- row: a reference across practices would stop the migration.
-- drizzle-kit cannot drop a column-level primary key (it writes a comment instead): those DROPs are
-- written here by hand with PostgreSQL's default names (<table>_pkey).
ALTER TABLE "coverages" DROP CONSTRAINT "coverages_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "coverages" DROP CONSTRAINT "coverages_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "administrations" DROP CONSTRAINT "administrations_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "administrations" DROP CONSTRAINT "administrations_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_ordering_provider_id_providers_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_weight_dose_override_provider_id_providers_id_fk";
--> statement-breakpoint
ALTER TABLE "administration_documentation" DROP CONSTRAINT "administration_documentation_administration_id_administrations_id_fk";
--> statement-breakpoint
ALTER TABLE "administration_vials" DROP CONSTRAINT "administration_vials_documentation_id_administration_documentation_id_fk";
--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" DROP CONSTRAINT "finding_acknowledgments_administration_id_administrations_id_fk";
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" DROP CONSTRAINT "acknowledgment_results_file_id_acknowledgment_files_id_fk";
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" DROP CONSTRAINT "acknowledgment_results_batch_id_claim_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" DROP CONSTRAINT "acknowledgment_results_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_administrations" DROP CONSTRAINT "claim_administrations_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_administrations" DROP CONSTRAINT "claim_administrations_administration_id_administrations_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_administrations" DROP CONSTRAINT "claim_administrations_coverage_id_coverages_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_batch_items" DROP CONSTRAINT "claim_batch_items_batch_id_claim_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_batch_items" DROP CONSTRAINT "claim_batch_items_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_batches" DROP CONSTRAINT "claim_batches_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_lines" DROP CONSTRAINT "claim_lines_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_overrides" DROP CONSTRAINT "claim_overrides_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_coverage_id_coverages_id_fk";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_rendering_provider_id_providers_id_fk";
--> statement-breakpoint
ALTER TABLE "phi_access_log" DROP CONSTRAINT "phi_access_log_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" DROP CONSTRAINT "claim_payment_lines_claim_payment_id_claim_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" DROP CONSTRAINT "claim_payment_lines_claim_line_id_claim_lines_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_payments" DROP CONSTRAINT "claim_payments_file_id_remittance_files_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_payments" DROP CONSTRAINT "claim_payments_payment_id_remittance_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_payments" DROP CONSTRAINT "claim_payments_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_notes" DROP CONSTRAINT "denial_notes_work_item_id_denial_work_items_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_work_items" DROP CONSTRAINT "denial_work_items_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_work_items" DROP CONSTRAINT "denial_work_items_claim_payment_id_claim_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_work_items" DROP CONSTRAINT "denial_work_items_claim_payment_line_id_claim_payment_lines_id_fk";
--> statement-breakpoint
ALTER TABLE "denial_work_items" DROP CONSTRAINT "denial_work_items_corrected_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "payer_contract_rates" DROP CONSTRAINT "payer_contract_rates_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "payer_contract_terms" DROP CONSTRAINT "payer_contract_terms_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "provider_adjustments" DROP CONSTRAINT "provider_adjustments_payment_id_remittance_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "provider_adjustments" DROP CONSTRAINT "provider_adjustments_claim_id_claims_id_fk";
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" DROP CONSTRAINT "remittance_adjustments_claim_payment_id_claim_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" DROP CONSTRAINT "remittance_adjustments_claim_payment_line_id_claim_payment_lines_id_fk";
--> statement-breakpoint
ALTER TABLE "remittance_payments" DROP CONSTRAINT "remittance_payments_file_id_remittance_files_id_fk";
--> statement-breakpoint
ALTER TABLE "remittance_payments" DROP CONSTRAINT "remittance_payments_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_request_id_prior_auth_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_decision_id_prior_auth_decisions_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_coverage_id_coverages_id_fk";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" DROP CONSTRAINT "prior_auth_attachments_request_id_prior_auth_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" DROP CONSTRAINT "prior_auth_decisions_request_id_prior_auth_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" DROP CONSTRAINT "prior_auth_evaluations_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" DROP CONSTRAINT "prior_auth_evaluations_coverage_id_coverages_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" DROP CONSTRAINT "prior_auth_evaluations_rule_id_prior_auth_rules_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" DROP CONSTRAINT "prior_auth_evaluations_request_id_prior_auth_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_patient_id_patients_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_coverage_id_coverages_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_rule_id_prior_auth_rules_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_ordering_provider_id_providers_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "prior_auth_rules" DROP CONSTRAINT "prior_auth_rules_payer_id_payers_id_fk";
--> statement-breakpoint
ALTER TABLE "administration_billing_status" DROP CONSTRAINT "administration_billing_status_administration_id_administrations_id_fk";
--> statement-breakpoint
ALTER TABLE "worklist_assignments" DROP CONSTRAINT "worklist_assignments_administration_id_administrations_id_fk";
--> statement-breakpoint
ALTER TABLE "claim_administrations" DROP CONSTRAINT "claim_administrations_claim_id_administration_id_pk";
--> statement-breakpoint
ALTER TABLE "claim_batch_items" DROP CONSTRAINT "claim_batch_items_batch_id_claim_id_pk";
--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";
--> statement-breakpoint
ALTER TABLE "locations" DROP CONSTRAINT "locations_pkey";
--> statement-breakpoint
ALTER TABLE "payers" DROP CONSTRAINT "payers_pkey";
--> statement-breakpoint
ALTER TABLE "providers" DROP CONSTRAINT "providers_pkey";
--> statement-breakpoint
ALTER TABLE "coverages" DROP CONSTRAINT "coverages_pkey";
--> statement-breakpoint
ALTER TABLE "patients" DROP CONSTRAINT "patients_pkey";
--> statement-breakpoint
ALTER TABLE "administrations" DROP CONSTRAINT "administrations_pkey";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey";
--> statement-breakpoint
ALTER TABLE "administration_documentation" DROP CONSTRAINT "administration_documentation_pkey";
--> statement-breakpoint
ALTER TABLE "administration_vials" DROP CONSTRAINT "administration_vials_pkey";
--> statement-breakpoint
ALTER TABLE "fee_schedule" DROP CONSTRAINT "fee_schedule_pkey";
--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" DROP CONSTRAINT "finding_acknowledgments_pkey";
--> statement-breakpoint
ALTER TABLE "acknowledgment_files" DROP CONSTRAINT "acknowledgment_files_pkey";
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" DROP CONSTRAINT "acknowledgment_results_pkey";
--> statement-breakpoint
ALTER TABLE "claim_batches" DROP CONSTRAINT "claim_batches_pkey";
--> statement-breakpoint
ALTER TABLE "claim_lines" DROP CONSTRAINT "claim_lines_pkey";
--> statement-breakpoint
ALTER TABLE "claim_overrides" DROP CONSTRAINT "claim_overrides_pkey";
--> statement-breakpoint
ALTER TABLE "claims" DROP CONSTRAINT "claims_pkey";
--> statement-breakpoint
ALTER TABLE "phi_access_log" DROP CONSTRAINT "phi_access_log_pkey";
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" DROP CONSTRAINT "claim_payment_lines_pkey";
--> statement-breakpoint
ALTER TABLE "claim_payments" DROP CONSTRAINT "claim_payments_pkey";
--> statement-breakpoint
ALTER TABLE "denial_notes" DROP CONSTRAINT "denial_notes_pkey";
--> statement-breakpoint
ALTER TABLE "denial_work_items" DROP CONSTRAINT "denial_work_items_pkey";
--> statement-breakpoint
ALTER TABLE "payer_contract_rates" DROP CONSTRAINT "payer_contract_rates_pkey";
--> statement-breakpoint
ALTER TABLE "payer_contract_terms" DROP CONSTRAINT "payer_contract_terms_pkey";
--> statement-breakpoint
ALTER TABLE "provider_adjustments" DROP CONSTRAINT "provider_adjustments_pkey";
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" DROP CONSTRAINT "remittance_adjustments_pkey";
--> statement-breakpoint
ALTER TABLE "remittance_files" DROP CONSTRAINT "remittance_files_pkey";
--> statement-breakpoint
ALTER TABLE "remittance_payments" DROP CONSTRAINT "remittance_payments_pkey";
--> statement-breakpoint
ALTER TABLE "authorizations" DROP CONSTRAINT "authorizations_pkey";
--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" DROP CONSTRAINT "prior_auth_attachments_pkey";
--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" DROP CONSTRAINT "prior_auth_decisions_pkey";
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" DROP CONSTRAINT "prior_auth_evaluations_pkey";
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" DROP CONSTRAINT "prior_auth_requests_pkey";
--> statement-breakpoint
ALTER TABLE "prior_auth_rules" DROP CONSTRAINT "prior_auth_rules_pkey";
--> statement-breakpoint
DROP INDEX "audit_seq_uq";
--> statement-breakpoint
DROP INDEX "administrations_order_sequence_uq";
--> statement-breakpoint
DROP INDEX "administration_documentation_version_uq";
--> statement-breakpoint
DROP INDEX "administration_documentation_current_uq";
--> statement-breakpoint
DROP INDEX "administration_vials_position_uq";
--> statement-breakpoint
DROP INDEX "finding_acknowledgments_uq";
--> statement-breakpoint
DROP INDEX "claim_administrations_live_uq";
--> statement-breakpoint
DROP INDEX "claim_lines_position_uq";
--> statement-breakpoint
DROP INDEX "claim_overrides_uq";
--> statement-breakpoint
DROP INDEX "claims_secondary_live_uq";
--> statement-breakpoint
DROP INDEX "phi_access_dedup_uq";
--> statement-breakpoint
DROP INDEX "phi_access_seq_uq";
--> statement-breakpoint
DROP INDEX "claim_payment_lines_position_uq";
--> statement-breakpoint
DROP INDEX "claim_payments_position_uq";
--> statement-breakpoint
DROP INDEX "provider_adjustments_position_uq";
--> statement-breakpoint
DROP INDEX "remittance_payments_position_uq";
--> statement-breakpoint
DROP INDEX "prior_auth_evaluations_uq";
--> statement-breakpoint
DROP INDEX "prior_auth_requests_open_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_uq" ON "audit_events" USING btree ("seq","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "administrations_order_sequence_uq" ON "administrations" USING btree ("order_id","sequence","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "administration_documentation_version_uq" ON "administration_documentation" USING btree ("administration_id","version","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "administration_documentation_current_uq" ON "administration_documentation" USING btree ("administration_id","practice_id") WHERE "administration_documentation"."is_current";
--> statement-breakpoint
CREATE UNIQUE INDEX "administration_vials_position_uq" ON "administration_vials" USING btree ("documentation_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "finding_acknowledgments_uq" ON "finding_acknowledgments" USING btree ("administration_id","documentation_version","rule","fingerprint","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_administrations_live_uq" ON "claim_administrations" USING btree ("administration_id","coverage_id","practice_id") WHERE "claim_administrations"."active";
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_lines_position_uq" ON "claim_lines" USING btree ("claim_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_overrides_uq" ON "claim_overrides" USING btree ("claim_id","rule","fingerprint","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "claims_secondary_live_uq" ON "claims" USING btree ("primary_claim_id","practice_id") WHERE "claims"."primary_claim_id" is not null and "claims"."status" not in ('cancelled', 'voided', 'replaced');
--> statement-breakpoint
CREATE UNIQUE INDEX "phi_access_dedup_uq" ON "phi_access_log" USING btree ("dedup_key","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "phi_access_seq_uq" ON "phi_access_log" USING btree ("seq","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_payment_lines_position_uq" ON "claim_payment_lines" USING btree ("claim_payment_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "claim_payments_position_uq" ON "claim_payments" USING btree ("payment_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "provider_adjustments_position_uq" ON "provider_adjustments" USING btree ("payment_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_payments_position_uq" ON "remittance_payments" USING btree ("file_id","position","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "prior_auth_evaluations_uq" ON "prior_auth_evaluations" USING btree ("order_id","coverage_id","hcpcs","practice_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "prior_auth_requests_open_uq" ON "prior_auth_requests" USING btree ("order_id","coverage_id","practice_id") WHERE "prior_auth_requests"."status" in ('needed', 'drafting', 'submitted', 'pending_info', 'peer_to_peer', 'appeal_submitted');
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "administration_vials" ADD CONSTRAINT "administration_vials_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "fee_schedule" ADD CONSTRAINT "fee_schedule_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" ADD CONSTRAINT "finding_acknowledgments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "acknowledgment_files" ADD CONSTRAINT "acknowledgment_files_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_claim_id_administration_id_practice_id_pk" PRIMARY KEY("claim_id","administration_id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_batch_id_claim_id_practice_id_pk" PRIMARY KEY("batch_id","claim_id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "phi_access_log" ADD CONSTRAINT "phi_access_log_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "denial_notes" ADD CONSTRAINT "denial_notes_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "payer_contract_rates" ADD CONSTRAINT "payer_contract_rates_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "payer_contract_terms" ADD CONSTRAINT "payer_contract_terms_payer_id_practice_id_pk" PRIMARY KEY("payer_id","practice_id");
--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "remittance_files" ADD CONSTRAINT "remittance_files_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" ADD CONSTRAINT "prior_auth_decisions_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "prior_auth_rules" ADD CONSTRAINT "prior_auth_rules_id_practice_id_pk" PRIMARY KEY("id","practice_id");
--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_order_id_fk" FOREIGN KEY ("practice_id","order_id") REFERENCES "public"."orders"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "administrations" ADD CONSTRAINT "administrations_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ordering_provider_id_fk" FOREIGN KEY ("practice_id","ordering_provider_id") REFERENCES "public"."providers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_location_id_fk" FOREIGN KEY ("practice_id","location_id") REFERENCES "public"."locations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_weight_dose_override_provider_id_fk" FOREIGN KEY ("practice_id","weight_dose_override_provider_id") REFERENCES "public"."providers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "administration_documentation" ADD CONSTRAINT "administration_documentation_administration_id_fk" FOREIGN KEY ("practice_id","administration_id") REFERENCES "public"."administrations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "administration_vials" ADD CONSTRAINT "administration_vials_documentation_id_fk" FOREIGN KEY ("practice_id","documentation_id") REFERENCES "public"."administration_documentation"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "finding_acknowledgments" ADD CONSTRAINT "finding_acknowledgments_administration_id_fk" FOREIGN KEY ("practice_id","administration_id") REFERENCES "public"."administrations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_file_id_fk" FOREIGN KEY ("practice_id","file_id") REFERENCES "public"."acknowledgment_files"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_batch_id_fk" FOREIGN KEY ("practice_id","batch_id") REFERENCES "public"."claim_batches"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "acknowledgment_results" ADD CONSTRAINT "acknowledgment_results_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_administration_id_fk" FOREIGN KEY ("practice_id","administration_id") REFERENCES "public"."administrations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_administrations" ADD CONSTRAINT "claim_administrations_coverage_id_fk" FOREIGN KEY ("practice_id","coverage_id") REFERENCES "public"."coverages"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_batch_id_fk" FOREIGN KEY ("practice_id","batch_id") REFERENCES "public"."claim_batches"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_batch_items" ADD CONSTRAINT "claim_batch_items_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_overrides" ADD CONSTRAINT "claim_overrides_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_coverage_id_fk" FOREIGN KEY ("practice_id","coverage_id") REFERENCES "public"."coverages"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_location_id_fk" FOREIGN KEY ("practice_id","location_id") REFERENCES "public"."locations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rendering_provider_id_fk" FOREIGN KEY ("practice_id","rendering_provider_id") REFERENCES "public"."providers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "phi_access_log" ADD CONSTRAINT "phi_access_log_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_claim_payment_id_fk" FOREIGN KEY ("practice_id","claim_payment_id") REFERENCES "public"."claim_payments"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_payment_lines" ADD CONSTRAINT "claim_payment_lines_claim_line_id_fk" FOREIGN KEY ("practice_id","claim_line_id") REFERENCES "public"."claim_lines"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_file_id_fk" FOREIGN KEY ("practice_id","file_id") REFERENCES "public"."remittance_files"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_payment_id_fk" FOREIGN KEY ("practice_id","payment_id") REFERENCES "public"."remittance_payments"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claim_payments" ADD CONSTRAINT "claim_payments_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "denial_notes" ADD CONSTRAINT "denial_notes_work_item_id_fk" FOREIGN KEY ("practice_id","work_item_id") REFERENCES "public"."denial_work_items"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_payment_id_fk" FOREIGN KEY ("practice_id","claim_payment_id") REFERENCES "public"."claim_payments"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_claim_payment_line_id_fk" FOREIGN KEY ("practice_id","claim_payment_line_id") REFERENCES "public"."claim_payment_lines"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "denial_work_items" ADD CONSTRAINT "denial_work_items_corrected_claim_id_fk" FOREIGN KEY ("practice_id","corrected_claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payer_contract_rates" ADD CONSTRAINT "payer_contract_rates_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payer_contract_terms" ADD CONSTRAINT "payer_contract_terms_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_payment_id_fk" FOREIGN KEY ("practice_id","payment_id") REFERENCES "public"."remittance_payments"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "provider_adjustments" ADD CONSTRAINT "provider_adjustments_claim_id_fk" FOREIGN KEY ("practice_id","claim_id") REFERENCES "public"."claims"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_claim_payment_id_fk" FOREIGN KEY ("practice_id","claim_payment_id") REFERENCES "public"."claim_payments"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_claim_payment_line_id_fk" FOREIGN KEY ("practice_id","claim_payment_line_id") REFERENCES "public"."claim_payment_lines"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_file_id_fk" FOREIGN KEY ("practice_id","file_id") REFERENCES "public"."remittance_files"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remittance_payments" ADD CONSTRAINT "remittance_payments_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_request_id_fk" FOREIGN KEY ("practice_id","request_id") REFERENCES "public"."prior_auth_requests"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_decision_id_fk" FOREIGN KEY ("practice_id","decision_id") REFERENCES "public"."prior_auth_decisions"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_order_id_fk" FOREIGN KEY ("practice_id","order_id") REFERENCES "public"."orders"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_coverage_id_fk" FOREIGN KEY ("practice_id","coverage_id") REFERENCES "public"."coverages"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_attachments" ADD CONSTRAINT "prior_auth_attachments_request_id_fk" FOREIGN KEY ("practice_id","request_id") REFERENCES "public"."prior_auth_requests"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_decisions" ADD CONSTRAINT "prior_auth_decisions_request_id_fk" FOREIGN KEY ("practice_id","request_id") REFERENCES "public"."prior_auth_requests"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_order_id_fk" FOREIGN KEY ("practice_id","order_id") REFERENCES "public"."orders"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_coverage_id_fk" FOREIGN KEY ("practice_id","coverage_id") REFERENCES "public"."coverages"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_rule_id_fk" FOREIGN KEY ("practice_id","rule_id") REFERENCES "public"."prior_auth_rules"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_evaluations" ADD CONSTRAINT "prior_auth_evaluations_request_id_fk" FOREIGN KEY ("practice_id","request_id") REFERENCES "public"."prior_auth_requests"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_patient_id_fk" FOREIGN KEY ("practice_id","patient_id") REFERENCES "public"."patients"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_order_id_fk" FOREIGN KEY ("practice_id","order_id") REFERENCES "public"."orders"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_coverage_id_fk" FOREIGN KEY ("practice_id","coverage_id") REFERENCES "public"."coverages"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_rule_id_fk" FOREIGN KEY ("practice_id","rule_id") REFERENCES "public"."prior_auth_rules"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_ordering_provider_id_fk" FOREIGN KEY ("practice_id","ordering_provider_id") REFERENCES "public"."providers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_requests" ADD CONSTRAINT "prior_auth_requests_location_id_fk" FOREIGN KEY ("practice_id","location_id") REFERENCES "public"."locations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "prior_auth_rules" ADD CONSTRAINT "prior_auth_rules_payer_id_fk" FOREIGN KEY ("practice_id","payer_id") REFERENCES "public"."payers"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD CONSTRAINT "administration_billing_status_administration_id_fk" FOREIGN KEY ("practice_id","administration_id") REFERENCES "public"."administrations"("practice_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worklist_assignments" ADD CONSTRAINT "worklist_assignments_administration_id_fk" FOREIGN KEY ("practice_id","administration_id") REFERENCES "public"."administrations"("practice_id","id") ON DELETE no action ON UPDATE no action;
