import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, date, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TScenarioInput } from "@/server/domain/billing/scenario";
import type { ClaimCob } from "@/server/domain/claims/cob";
import { CLAIM_FREQUENCIES, CLAIM_TYPES, type ClaimParties, type StoredClaimFinding } from "@/server/domain/claims/types";
import { BATCH_STATES, SUBMISSION_CHANNELS } from "@/server/domain/workflow/batch";
import { ADJUDICATION_OUTCOMES, CLAIM_STATES } from "@/server/domain/workflow/claim";
import { practices, users } from "./core";
import { administrations } from "./orders";
import { coverages, patients } from "./patients";
import { locations, payers, providers } from "./practice-setup";

export const claimStatusEnum = pgEnum("claim_status", CLAIM_STATES);
export const claimTypeEnum = pgEnum("claim_type", CLAIM_TYPES);
export const claimFrequencyEnum = pgEnum("claim_frequency", CLAIM_FREQUENCIES);
export const claimBatchStatusEnum = pgEnum("claim_batch_status", BATCH_STATES);
export const submissionChannelEnum = pgEnum("submission_channel", SUBMISSION_CHANNELS);
export const adjudicationOutcomeEnum = pgEnum("adjudication_outcome", ADJUDICATION_OUTCOMES);
export const acknowledgmentKindEnum = pgEnum("acknowledgment_kind", ["999", "277CA"]);

/**
 * Files are kept byte for byte. postgres.js returns bytea as a Buffer, PGlite as a Uint8Array:
 * both become a Buffer here.
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => "bytea",
  toDriver: (v) => v,
  fromDriver: (v) => (typeof v === "string" ? Buffer.from(v.startsWith("\\x") ? v.slice(2) : v, "hex") : Buffer.from(v)),
});

/**
 * Per-practice counters for numbers that must be unique, increasing and never reused: claim numbers
 * and the X12 interchange (ISA13), group (GS06) and transaction set (ST02) control numbers. They are
 * bumped with `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the transaction that uses the
 * number: the row lock makes concurrent transactions (in any number of app processes) take turns,
 * and a rolled-back transaction never wrote a file with its number.
 */
export const controlCounters = pgTable(
  "control_counters",
  {
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    kind: text("kind").notNull(),
    lastValue: bigint("last_value", { mode: "number" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.kind] }), check("control_counters_value_ck", sql`${t.lastValue} between 1 and 999999999`)],
);

/** What the practice needs to send 837s: submitter (ETIN), receiver (clearinghouse), ISA usage, billing extras. */
export const practiceSubmissionSettings = pgTable(
  "practice_submission_settings",
  {
    practiceId: uuid("practice_id")
      .primaryKey()
      .references(() => practices.id),
    submitterName: text("submitter_name").notNull(),
    /** ISA06 / 1000A NM109 (ETIN agreed with the clearinghouse) */
    submitterId: text("submitter_id").notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    receiverName: text("receiver_name").notNull(),
    /** ISA08 / 1000B NM109 */
    receiverId: text("receiver_id").notNull(),
    senderQualifier: text("sender_qualifier").notNull().default("ZZ"),
    receiverQualifier: text("receiver_qualifier").notNull().default("ZZ"),
    /** ISA15: T test, P production */
    usage: text("usage").notNull().default("T"),
    /** the practice's ZIP+4 (9 digits) for the 837P billing provider */
    billingZipPlus4: text("billing_zip_plus4"),
    billingTaxonomy: text("billing_taxonomy"),
    /** CMS-1500 item 33 phone, 10 digits */
    billingPhone: text("billing_phone"),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("practice_submission_usage_ck", sql`${t.usage} in ('T', 'P')`),
    check("practice_submission_zip_ck", sql`${t.billingZipPlus4} is null or ${t.billingZipPlus4} ~ '^[0-9]{9}$'`),
    check("practice_submission_phone_ck", sql`${t.billingPhone} is null or ${t.billingPhone} ~ '^[0-9]{10}$'`),
  ],
);

/**
 * A claim: built from ready infusions of one patient, one date of service and one coverage. The
 * parties, lines, diagnoses, the engine scenario it was built from, the findings of the last scrub
 * and the reference-data versions used are snapshotted here, so what was sent can always be shown.
 * Status changes go through the claim state machine (server/domain/workflow/claim.ts).
 * CLM02 = total_charge_cents = Σ claim_lines.charge_cents (a deferred trigger checks it at commit).
 */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    /** CLM01, unique per practice, never reused */
    claimNumber: text("claim_number").notNull(),
    patientId: uuid("patient_id").notNull(),
    coverageId: uuid("coverage_id").notNull(),
    payerId: uuid("payer_id").notNull(),
    locationId: uuid("location_id").notNull(),
    renderingProviderId: uuid("rendering_provider_id").notNull(),
    claimType: claimTypeEnum("claim_type").notNull(),
    frequency: claimFrequencyEnum("frequency").notNull().default("original"),
    /** the claim this one replaces or voids */
    originalClaimId: uuid("original_claim_id"),
    /** a secondary claim: the primary claim whose adjudication it carries (COB) */
    primaryClaimId: uuid("primary_claim_id"),
    /** a secondary claim: the primary's adjudication as written in the 837's COB loops */
    cob: jsonb("cob").$type<ClaimCob | null>(),
    /** REF*F8: the payer's number of the claim being replaced or voided */
    payerClaimNumber: text("payer_claim_number"),
    /** the payer's number for THIS claim (277CA REF*1K, 835 CLP07) */
    payerClaimControlNumber: text("payer_claim_control_number"),
    status: claimStatusEnum("status").notNull().default("draft"),
    dateOfService: date("date_of_service", { mode: "string" }).notNull(),
    placeOfService: text("place_of_service"),
    typeOfBill: text("type_of_bill"),
    priorAuthNumber: text("prior_auth_number"),
    /** the authorization record the number came from (prior-auth module), when there is one */
    priorAuthId: uuid("prior_auth_id"),
    /** ICD-10-CM without the dot, principal first */
    diagnoses: jsonb("diagnoses").$type<string[]>().notNull(),
    totalChargeCents: bigint("total_charge_cents", { mode: "number" }).notNull(),
    /**
     * The indications of the orders of the infusions the claim bills (every claim_administrations row),
     * sorted: kept by triggers (migration 0044) so a dashboard filter by indication reads the claim alone.
     */
    indicationIds: text("indication_ids").array().notNull().default(sql`'{}'::text[]`),
    parties: jsonb("parties").$type<ClaimParties>().notNull(),
    scenario: jsonb("scenario").$type<TScenarioInput>().notNull(),
    findings: jsonb("findings").$type<StoredClaimFinding[]>().notNull().default([]),
    blocked: boolean("blocked").notNull().default(false),
    /** reference table → fingerprint of the version in force at the last scrub */
    referenceVersions: jsonb("reference_versions").$type<Record<string, string>>().notNull().default({}),
    scrubbedAt: timestamp("scrubbed_at", { withTimezone: true }).notNull(),
    /** bumped on every edit: the client sends the one it saw */
    revision: integer("revision").notNull().default(1),
    submissionChannel: submissionChannelEnum("submission_channel"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedByUserId: uuid("submitted_by_user_id").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    /** the latest rejection: who rejected, why, in words, with the codes and the segment */
    rejection: jsonb("rejection").$type<ClaimRejection | null>(),
    adjudicatedAt: timestamp("adjudicated_at", { withTimezone: true }),
    adjudicationOutcome: adjudicationOutcomeEnum("adjudication_outcome"),
    paidCents: bigint("paid_cents", { mode: "number" }),
    patientResponsibilityCents: bigint("patient_responsibility_cents", { mode: "number" }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closeReason: text("close_reason"),
    cancelReason: text("cancel_reason"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claims_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    foreignKey({ name: "claims_coverage_id_fk", columns: [t.practiceId, t.coverageId], foreignColumns: [coverages.practiceId, coverages.id] }),
    foreignKey({ name: "claims_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    foreignKey({ name: "claims_location_id_fk", columns: [t.practiceId, t.locationId], foreignColumns: [locations.practiceId, locations.id] }),
    foreignKey({ name: "claims_rendering_provider_id_fk", columns: [t.practiceId, t.renderingProviderId], foreignColumns: [providers.practiceId, providers.id] }),
    uniqueIndex("claims_practice_number_uq").on(t.practiceId, t.claimNumber),
    // the list's sorts end with the claim number (migration 0038): status tabs by date of service or age
    index("claims_practice_status_idx").on(t.practiceId, t.status, t.dateOfService, t.claimNumber),
    index("claims_practice_patient_idx").on(t.practiceId, t.patientId, t.dateOfService),
    index("claims_practice_payer_idx").on(t.practiceId, t.payerId, t.status),
    index("claims_original_idx").on(t.practiceId, t.originalClaimId),
    index("claims_payer_ccn_idx").on(t.practiceId, t.payerClaimControlNumber),
    // dashboards: claims sent in a period, claims by date of service
    index("claims_practice_submitted_idx").on(t.practiceId, t.submittedAt),
    // migration 0038 adds INCLUDE (payer_id, status, total_charge_cents), which drizzle's index builder cannot say
    index("claims_practice_dos_idx").on(t.practiceId, t.dateOfService, t.claimNumber),
    index("claims_practice_amount_idx").on(t.practiceId, t.totalChargeCents, t.dateOfService, t.claimNumber),
    // one payer's claims over a period (the list's payer + dates filter, counted and summed from the index alone);
    // migration 0043 adds INCLUDE (status, total_charge_cents)
    index("claims_practice_payer_dos_idx").on(t.practiceId, t.payerId, t.dateOfService, t.claimNumber),
    // the claims list opens on the latest changed first
    index("claims_practice_updated_idx").on(t.practiceId, t.updatedAt, t.claimNumber),
    // one live secondary claim per primary (a second "bill secondary" is a conflict)
    uniqueIndex("claims_secondary_live_uq")
      .on(t.primaryClaimId, t.practiceId)
      .where(sql`${t.primaryClaimId} is not null and ${t.status} not in ('cancelled', 'voided', 'replaced')`),
    check("claims_total_ck", sql`${t.totalChargeCents} >= 0`),
    check("claims_frequency_ck", sql`${t.frequency} = 'original' or (${t.originalClaimId} is not null and ${t.payerClaimNumber} is not null)`),
    check("claims_type_ck", sql`(${t.claimType} = 'professional' and ${t.placeOfService} is not null) or (${t.claimType} = 'institutional' and ${t.typeOfBill} is not null)`),
    check("claims_close_ck", sql`${t.status} <> 'closed' or ${t.closeReason} is not null`),
    check("claims_cancel_ck", sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
  ],
);

export interface ClaimRejection {
  /** who rejected: the clearinghouse's 999, or the payer's (or clearinghouse's) 277CA */
  source: "999" | "277CA";
  /** ISO timestamp of the import */
  at: string;
  /** in words, one sentence per problem */
  reasons: string[];
  /** the codes as received (999 IK3/IK4/IK5 codes, 277CA category:status:entity) */
  codes: string[];
  /** segment in error in the 837 (999), or the STC position in the 277CA */
  segment: string | null;
  acknowledgmentFileId: string;
}

/** The lines of a claim, in order (LX). Money in cents; NDC quantity an exact decimal. */
/**
 * Claims and their charges per practice and status, kept by the claims table's statement-level
 * triggers (migration 0038) in the transaction that writes the claims: the claims list's status tabs
 * and its total when the filter is a tab. No unique key: each statement adds its changes as new rows
 * (concurrent writers never wait on each other's rows), and the one transaction at a time holding an
 * advisory lock merges a practice's rows into one per status. Readers sum by status.
 */
export const claimStatusCounts = pgTable(
  "claim_status_counts",
  {
    practiceId: uuid("practice_id").notNull(),
    status: claimStatusEnum("status").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
    cents: bigint("cents", { mode: "number" }).notNull(),
  },
  (t) => [index("claim_status_counts_practice_idx").on(t.practiceId, t.status)],
);

export const claimLines = pgTable(
  "claim_lines",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    claimId: uuid("claim_id").notNull(),
    /** 1-based LX number */
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    code: text("code").notNull(),
    modifiers: jsonb("modifiers").$type<string[]>().notNull(),
    units: integer("units").notNull(),
    chargeCents: bigint("charge_cents", { mode: "number" }).notNull(),
    ndc11: text("ndc11"),
    ndcUnit: text("ndc_unit"),
    ndcQuantity: numeric("ndc_quantity", { precision: 11, scale: 3 }),
    diagnosisPointers: jsonb("diagnosis_pointers").$type<number[]>().notNull(),
    revenueCode: text("revenue_code"),
    priorAuthNumber: text("prior_auth_number"),
    dateOfService: date("date_of_service", { mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claim_lines_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    uniqueIndex("claim_lines_position_uq").on(t.claimId, t.position, t.practiceId),
    index("claim_lines_practice_idx").on(t.practiceId, t.claimId),
    check("claim_lines_units_ck", sql`${t.units} > 0`),
    check("claim_lines_charge_ck", sql`${t.chargeCents} >= 0`),
    check("claim_lines_ndc_ck", sql`(${t.ndc11} is null and ${t.ndcUnit} is null and ${t.ndcQuantity} is null) or (${t.ndc11} ~ '^[0-9]{11}$' and ${t.ndcUnit} in ('ML', 'UN') and ${t.ndcQuantity} > 0)`),
    check("claim_lines_kind_ck", sql`${t.kind} in ('drug', 'waste', 'admin', 'other')`),
  ],
);

/**
 * Which infusions a claim bills, for which coverage. `active` is true while the claim is live
 * (not cancelled, replaced or voided): an infusion is on at most one live claim per coverage.
 */
export const claimAdministrations = pgTable(
  "claim_administrations",
  {
    claimId: uuid("claim_id").notNull(),
    administrationId: uuid("administration_id").notNull(),
    coverageId: uuid("coverage_id").notNull(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    foreignKey({ name: "claim_administrations_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    foreignKey({ name: "claim_administrations_administration_id_fk", columns: [t.practiceId, t.administrationId], foreignColumns: [administrations.practiceId, administrations.id] }),
    foreignKey({ name: "claim_administrations_coverage_id_fk", columns: [t.practiceId, t.coverageId], foreignColumns: [coverages.practiceId, coverages.id] }),
    primaryKey({ columns: [t.claimId, t.administrationId, t.practiceId] }),
    uniqueIndex("claim_administrations_live_uq").on(t.administrationId, t.coverageId, t.practiceId).where(sql`${t.active}`),
    index("claim_administrations_admin_idx").on(t.practiceId, t.administrationId),
  ],
);

/** A biller's override of one warning of a claim, with the reason (kept, shown, reported). Never updated or deleted. */
export const claimOverrides = pgTable(
  "claim_overrides",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    claimId: uuid("claim_id").notNull(),
    rule: text("rule").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** the warning as it read when overridden */
    message: text("message").notNull(),
    reason: text("reason").notNull(),
    /** "claim" (overridden on the claim) or "documentation" (acknowledged on the infusion before the claim was built) */
    source: text("source").notNull().default("claim"),
    userId: uuid("user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claim_overrides_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    uniqueIndex("claim_overrides_uq").on(t.claimId, t.rule, t.fingerprint, t.practiceId),
    index("claim_overrides_practice_idx").on(t.practiceId, t.createdAt),
    check("claim_overrides_reason_ck", sql`length(${t.reason}) >= 5`),
  ],
);

/**
 * An 837 batch: one file for one payer and one claim type, written once when the batch is created
 * and kept byte for byte (sha256 checked on every download). Control numbers are unique per practice.
 */
export const claimBatches = pgTable(
  "claim_batches",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    payerId: uuid("payer_id").notNull(),
    claimType: claimTypeEnum("claim_type").notNull(),
    status: claimBatchStatusEnum("status").notNull().default("created"),
    interchangeControlNumber: integer("interchange_control_number").notNull(),
    groupControlNumber: integer("group_control_number").notNull(),
    transactionSetControlNumber: integer("transaction_set_control_number").notNull(),
    usage: text("usage").notNull(),
    claimCount: integer("claim_count").notNull(),
    totalChargeCents: bigint("total_charge_cents", { mode: "number" }).notNull(),
    fileName: text("file_name").notNull(),
    fileContent: bytea("file_content").notNull(),
    fileSha256: text("file_sha256").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submissionChannel: submissionChannelEnum("submission_channel"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedByUserId: uuid("submitted_by_user_id").references(() => users.id),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledByUserId: uuid("cancelled_by_user_id").references(() => users.id),
    cancelReason: text("cancel_reason"),
    /** 999 result for this file's transaction set */
    ackStatus: text("ack_status"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claim_batches_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    uniqueIndex("claim_batches_icn_uq").on(t.practiceId, t.interchangeControlNumber),
    uniqueIndex("claim_batches_gcn_uq").on(t.practiceId, t.groupControlNumber),
    uniqueIndex("claim_batches_stcn_uq").on(t.practiceId, t.transactionSetControlNumber),
    index("claim_batches_practice_idx").on(t.practiceId, t.status, t.createdAt),
    check("claim_batches_usage_ck", sql`${t.usage} in ('T', 'P')`),
    check("claim_batches_control_ck", sql`${t.interchangeControlNumber} between 1 and 999999999 and ${t.groupControlNumber} between 1 and 999999999 and ${t.transactionSetControlNumber} between 1 and 999999999`),
    check("claim_batches_cancel_ck", sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
    check("claim_batches_ack_ck", sql`${t.ackStatus} is null or ${t.ackStatus} in ('accepted', 'accepted_with_errors', 'partially_accepted', 'rejected')`),
  ],
);

/** The claims of a batch, in file order. A claim can be in several batches over time (a cancelled batch, then another). */
export const claimBatchItems = pgTable(
  "claim_batch_items",
  {
    batchId: uuid("batch_id").notNull(),
    claimId: uuid("claim_id").notNull(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    position: integer("position").notNull(),
  },
  (t) => [
    foreignKey({ name: "claim_batch_items_batch_id_fk", columns: [t.practiceId, t.batchId], foreignColumns: [claimBatches.practiceId, claimBatches.id] }),
    foreignKey({ name: "claim_batch_items_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    primaryKey({ columns: [t.batchId, t.claimId, t.practiceId] }),
    index("claim_batch_items_claim_idx").on(t.practiceId, t.claimId),
  ],
);

/** An imported 999 or 277CA file, kept byte for byte; importing the same bytes again changes nothing. */
export const acknowledgmentFiles = pgTable(
  "acknowledgment_files",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    kind: acknowledgmentKindEnum("kind").notNull(),
    fileName: text("file_name").notNull(),
    content: bytea("content").notNull(),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    /** the reader's findings on the file (problems with their segment position) */
    findings: jsonb("findings").$type<unknown[]>().notNull(),
    /** counts: matched, unmatched, accepted, rejected … */
    summary: jsonb("summary").$type<Record<string, number>>().notNull(),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("acknowledgment_files_sha_uq").on(t.practiceId, t.sha256),
    index("acknowledgment_files_practice_idx").on(t.practiceId, t.uploadedAt),
  ],
);

/**
 * One answer inside an acknowledgment: a 999 transaction set result (matched to a batch by group and
 * transaction control numbers) or a 277CA claim status (matched to a claim by CLM01). Unmatched
 * answers are kept too, with what identified them.
 */
export const acknowledgmentResults = pgTable(
  "acknowledgment_results",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    fileId: uuid("file_id").notNull(),
    kind: acknowledgmentKindEnum("kind").notNull(),
    batchId: uuid("batch_id"),
    claimId: uuid("claim_id"),
    /** accepted | accepted_with_errors | partially_accepted | rejected | pending */
    status: text("status").notNull(),
    /** 999: "GS06/ST02"; 277CA: CLM01 */
    reference: text("reference").notNull(),
    payerClaimNumber: text("payer_claim_number"),
    /** the 999 errors or the 277CA status codes, with descriptions */
    detail: jsonb("detail").$type<unknown>().notNull(),
    /** position of the answer's first segment in the acknowledgment file */
    segment: integer("segment"),
    /** what the answer changed (claim/batch status), or why nothing */
    outcome: text("outcome").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "acknowledgment_results_file_id_fk", columns: [t.practiceId, t.fileId], foreignColumns: [acknowledgmentFiles.practiceId, acknowledgmentFiles.id] }),
    foreignKey({ name: "acknowledgment_results_batch_id_fk", columns: [t.practiceId, t.batchId], foreignColumns: [claimBatches.practiceId, claimBatches.id] }),
    foreignKey({ name: "acknowledgment_results_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    index("acknowledgment_results_file_idx").on(t.fileId),
    index("acknowledgment_results_claim_idx").on(t.practiceId, t.claimId),
    index("acknowledgment_results_batch_idx").on(t.practiceId, t.batchId),
  ],
);
