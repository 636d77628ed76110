/**
 * Remittances (issue 11): 835 files as received, the payments in them, each claim payment posted
 * (or left unmatched / held with the reason), its lines and adjustments, provider-level
 * adjustments, and the work they open — denials and underpayments — with notes. Money in cents.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { DENIAL_ACTIONS, DENIAL_CATEGORIES } from "@/server/domain/denials/codes";
import { PRICING_BASES } from "@/server/domain/remittance/underpayment";
import { DENIAL_OUTCOMES, DENIAL_STATES } from "@/server/domain/workflow/denial";
import { CLAIM_PAYMENT_STATES, REMITTANCE_FILE_STATES, WORK_ITEM_KINDS } from "@/server/domain/remittance/states";
import { CLAIM_PAYMENT_OUTCOMES } from "@/server/domain/remittance/types";
import { bytea, claimLines, claims } from "./claims";
import { practices, users } from "./core";
import { payers } from "./practice-setup";

export const remittanceFileStatusEnum = pgEnum("remittance_file_status", REMITTANCE_FILE_STATES);
export const claimPaymentStatusEnum = pgEnum("claim_payment_status", CLAIM_PAYMENT_STATES);
export const claimPaymentOutcomeEnum = pgEnum("claim_payment_outcome", CLAIM_PAYMENT_OUTCOMES);
export const denialCategoryEnum = pgEnum("denial_category", DENIAL_CATEGORIES);
export const denialActionEnum = pgEnum("denial_action", DENIAL_ACTIONS);
export const denialStatusEnum = pgEnum("denial_status", DENIAL_STATES);
export const denialOutcomeEnum = pgEnum("denial_outcome", DENIAL_OUTCOMES);
export const workItemKindEnum = pgEnum("work_item_kind", WORK_ITEM_KINDS);
export const pricingBasisEnum = pgEnum("pricing_basis", PRICING_BASES);

const stamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * An uploaded 835, stored byte for byte before anything reads it. Its status and counters are the
 * progress of the posting job, so a reloaded page shows where it stands. The same bytes are stored
 * once per practice (sha256).
 */
export const remittanceFiles = pgTable(
  "remittance_files",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    fileName: text("file_name").notNull(),
    content: bytea("content").notNull(),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    status: remittanceFileStatusEnum("status").notNull().default("received"),
    /** why nothing posted (unreadable, does not add up, the same payment already posted) */
    statusReason: text("status_reason"),
    /** the reader's findings (capped), with segment positions */
    findings: jsonb("findings").$type<unknown[]>().notNull().default([]),
    findingCount: integer("finding_count").notNull().default(0),
    /** the earlier file that already posted the same payment */
    duplicateOfFileId: uuid("duplicate_of_file_id"),
    paymentCount: integer("payment_count").notNull().default(0),
    claimCount: integer("claim_count").notNull().default(0),
    /** claim payments written so far (progress), and how they ended */
    claimsDone: integer("claims_done").notNull().default(0),
    postedCount: integer("posted_count").notNull().default(0),
    unmatchedCount: integer("unmatched_count").notNull().default(0),
    heldCount: integer("held_count").notNull().default(0),
    denialCount: integer("denial_count").notNull().default(0),
    /** the worker holding the file while it posts, and until when (a dead worker's lease runs out) */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("remittance_files_sha_uq").on(t.practiceId, t.sha256),
    index("remittance_files_practice_idx").on(t.practiceId, t.uploadedAt),
    index("remittance_files_status_idx").on(t.status, t.uploadedAt),
  ],
);

/**
 * One payment (ST/SE transaction): check or EFT with its trace. A payment (TRN02 trace + payer) posts
 * once per practice: a second file carrying it is recorded as a duplicate of the first.
 */
export const remittancePayments = pgTable(
  "remittance_payments",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    fileId: uuid("file_id").notNull(),
    /** 0-based transaction position in the file */
    position: integer("position").notNull(),
    payerName: text("payer_name").notNull(),
    /** N1*PR N104 or REF*2U */
    payerIdentifier: text("payer_identifier"),
    /** the practice's payer it was recognised as, when one matches */
    payerId: uuid("payer_id"),
    /** TRN03 (1 + payer TIN), or the payer identifier/name: with the trace, what makes a payment unique */
    payerKey: text("payer_key").notNull(),
    traceNumber: text("trace_number").notNull(),
    method: text("method"),
    creditDebit: text("credit_debit"),
    paymentDate: date("payment_date", { mode: "string" }),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** Σ PLB (positive decreases the payment) */
    providerAdjustmentCents: bigint("provider_adjustment_cents", { mode: "number" }).notNull().default(0),
    claimCount: integer("claim_count").notNull(),
    payeeName: text("payee_name").notNull(),
    payeeNpi: text("payee_npi"),
    /** set when another file already brought this payment: nothing of it posts */
    duplicateOfPaymentId: uuid("duplicate_of_payment_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "remittance_payments_file_id_fk", columns: [t.practiceId, t.fileId], foreignColumns: [remittanceFiles.practiceId, remittanceFiles.id] }),
    foreignKey({ name: "remittance_payments_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    uniqueIndex("remittance_payments_position_uq").on(t.fileId, t.position, t.practiceId),
    uniqueIndex("remittance_payments_trace_uq").on(t.practiceId, t.payerKey, t.traceNumber).where(sql`${t.duplicateOfPaymentId} is null`),
    index("remittance_payments_practice_idx").on(t.practiceId, t.paymentDate),
  ],
);

/**
 * One claim payment (CLP loop): posted to a claim, or unmatched / held with the reason in words
 * until a biller matches or dismisses it. A reversal points at the payment it takes back.
 */
export const claimPayments = pgTable(
  "claim_payments",
  {
    id: uuid("id").notNull().defaultRandom(),
    // no key of its own to practices: the composite key to its file (file_id, NOT NULL) already ties the row to its
    // practice, and posting checked both for every row it wrote (migration 0034)
    practiceId: uuid("practice_id").notNull(),
    fileId: uuid("file_id").notNull(),
    paymentId: uuid("payment_id").notNull(),
    /** 0-based CLP position in its transaction */
    position: integer("position").notNull(),
    claimId: uuid("claim_id"),
    status: claimPaymentStatusEnum("status").notNull(),
    /** claim_number | payer_claim_number | manual */
    matchedBy: text("matched_by"),
    /** why it is unmatched or held, or why it was dismissed */
    reason: text("reason"),
    patientControlNumber: text("patient_control_number").notNull(),
    statusCode: text("status_code").notNull(),
    payerClaimNumber: text("payer_claim_number"),
    originalPayerClaimNumber: text("original_payer_claim_number"),
    patientName: text("patient_name"),
    memberId: text("member_id"),
    frequencyCode: text("frequency_code"),
    outcome: claimPaymentOutcomeEnum("outcome").notNull(),
    isReversal: boolean("is_reversal").notNull().default(false),
    reversesClaimPaymentId: uuid("reverses_claim_payment_id"),
    reversedByClaimPaymentId: uuid("reversed_by_claim_payment_id"),
    forwardedToName: text("forwarded_to_name"),
    forwardedToId: text("forwarded_to_id"),
    chargeCents: bigint("charge_cents", { mode: "number" }).notNull(),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull(),
    allowedCents: bigint("allowed_cents", { mode: "number" }).notNull(),
    contractualCents: bigint("contractual_cents", { mode: "number" }).notNull(),
    patientCents: bigint("patient_cents", { mode: "number" }).notNull(),
    deductibleCents: bigint("deductible_cents", { mode: "number" }).notNull(),
    coinsuranceCents: bigint("coinsurance_cents", { mode: "number" }).notNull(),
    copayCents: bigint("copay_cents", { mode: "number" }).notNull(),
    deniedCents: bigint("denied_cents", { mode: "number" }).notNull(),
    interestCents: bigint("interest_cents", { mode: "number" }).notNull().default(0),
    /** claim-level remark codes (MOA/MIA) */
    remarks: jsonb("remarks").$type<string[]>().notNull().default([]),
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    /** null when posted automatically */
    postedByUserId: uuid("posted_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claim_payments_file_id_fk", columns: [t.practiceId, t.fileId], foreignColumns: [remittanceFiles.practiceId, remittanceFiles.id] }),
    foreignKey({ name: "claim_payments_payment_id_fk", columns: [t.practiceId, t.paymentId], foreignColumns: [remittancePayments.practiceId, remittancePayments.id] }),
    foreignKey({ name: "claim_payments_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    uniqueIndex("claim_payments_position_uq").on(t.paymentId, t.position, t.practiceId),
    index("claim_payments_claim_idx").on(t.practiceId, t.claimId),
    index("claim_payments_file_idx").on(t.fileId, t.status),
    index("claim_payments_queue_idx").on(t.practiceId, t.status, t.createdAt),
    index("claim_payments_pcn_idx").on(t.practiceId, t.payerClaimNumber),
    // dashboards: posted claim payments by the time they took effect (POSTED_AT in server/queries/kpis-sql.ts)
    index("claim_payments_posted_at_idx")
      .on(t.practiceId, sql`coalesce(${t.postedAt}, ${t.createdAt})`)
      .where(sql`${t.status} = 'posted'`),
  ],
);

/** The service lines of a claim payment (SVC), with the claim line each posted to. */
export const claimPaymentLines = pgTable(
  "claim_payment_lines",
  {
    id: uuid("id").notNull().defaultRandom(),
    // no key of its own to practices: the composite key to its claim payment (claim_payment_id, NOT NULL) already ties the row to its
    // practice, and posting checked both for every row it wrote (migration 0034)
    practiceId: uuid("practice_id").notNull(),
    claimPaymentId: uuid("claim_payment_id").notNull(),
    /** 0-based SVC position in the CLP loop */
    position: integer("position").notNull(),
    claimLineId: uuid("claim_line_id"),
    unmatchedReason: text("unmatched_reason"),
    code: text("code").notNull(),
    modifiers: jsonb("modifiers").$type<string[]>().notNull(),
    submittedCode: text("submitted_code"),
    units: numeric("units", { precision: 12, scale: 3 }).notNull(),
    submittedUnits: numeric("submitted_units", { precision: 12, scale: 3 }),
    serviceDate: date("service_date", { mode: "string" }),
    chargeCents: bigint("charge_cents", { mode: "number" }).notNull(),
    paidCents: bigint("paid_cents", { mode: "number" }).notNull(),
    allowedCents: bigint("allowed_cents", { mode: "number" }).notNull(),
    /** B6 (AMT*B6) or computed */
    allowedSource: text("allowed_source").notNull(),
    remarks: jsonb("remarks").$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "claim_payment_lines_claim_payment_id_fk", columns: [t.practiceId, t.claimPaymentId], foreignColumns: [claimPayments.practiceId, claimPayments.id] }),
    foreignKey({ name: "claim_payment_lines_claim_line_id_fk", columns: [t.practiceId, t.claimLineId], foreignColumns: [claimLines.practiceId, claimLines.id] }),
    uniqueIndex("claim_payment_lines_position_uq").on(t.claimPaymentId, t.position, t.practiceId),
    index("claim_payment_lines_line_idx").on(t.practiceId, t.claimLineId),
  ],
);

/** Every CAS adjustment (claim or line level) of a claim payment, classified. */
export const remittanceAdjustments = pgTable(
  "remittance_adjustments",
  {
    id: uuid("id").notNull().defaultRandom(),
    // no key of its own to practices: the composite key to its claim payment (claim_payment_id, NOT NULL) already ties the row to its
    // practice, and posting checked both for every row it wrote (migration 0034)
    practiceId: uuid("practice_id").notNull(),
    claimPaymentId: uuid("claim_payment_id").notNull(),
    /** null for a claim-level adjustment */
    claimPaymentLineId: uuid("claim_payment_line_id"),
    groupCode: text("group_code").notNull(),
    carc: text("carc").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    quantity: numeric("quantity", { precision: 12, scale: 3 }),
    /** denial | posting (denial rules) */
    kind: text("kind").notNull(),
    category: denialCategoryEnum("category"),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "remittance_adjustments_claim_payment_id_fk", columns: [t.practiceId, t.claimPaymentId], foreignColumns: [claimPayments.practiceId, claimPayments.id] }),
    foreignKey({ name: "remittance_adjustments_claim_payment_line_id_fk", columns: [t.practiceId, t.claimPaymentLineId], foreignColumns: [claimPaymentLines.practiceId, claimPaymentLines.id] }),
    index("remittance_adjustments_payment_idx").on(t.claimPaymentId),
    // no (practice_id, carc) index: no query reads adjustments by reason code, and posting kept one up to date for every
    // adjustment it wrote (dropped by migration 0039)
  ],
);

/** PLB: amounts that change the payment but belong to no claim payment (recoveries, interest …). */
export const providerAdjustments = pgTable(
  "provider_adjustments",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    paymentId: uuid("payment_id").notNull(),
    position: integer("position").notNull(),
    reason: text("reason").notNull(),
    reference: text("reference"),
    /** positive decreases the payment, negative increases it */
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    fiscalPeriodDate: date("fiscal_period_date", { mode: "string" }),
    claimId: uuid("claim_id"),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "provider_adjustments_payment_id_fk", columns: [t.practiceId, t.paymentId], foreignColumns: [remittancePayments.practiceId, remittancePayments.id] }),
    foreignKey({ name: "provider_adjustments_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    uniqueIndex("provider_adjustments_position_uq").on(t.paymentId, t.position, t.practiceId),
    index("provider_adjustments_practice_idx").on(t.practiceId, t.claimId),
  ],
);

/**
 * A denial or underpayment to work: opened by posting, one per denial category per claim payment
 * (or per underpaid line). Status through the denial state machine; every change audited.
 */
export const denialWorkItems = pgTable(
  "denial_work_items",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    kind: workItemKindEnum("kind").notNull(),
    claimId: uuid("claim_id").notNull(),
    claimPaymentId: uuid("claim_payment_id").notNull(),
    /** for an underpayment: the line */
    claimPaymentLineId: uuid("claim_payment_line_id"),
    status: denialStatusEnum("status").notNull().default("open"),
    /** null for underpayments */
    category: denialCategoryEnum("category"),
    /** the recommended action (denial rules) */
    action: denialActionEnum("action").notNull(),
    /** "CO-197, CO-197" → the codes as the payer sent them */
    codes: jsonb("codes").$type<string[]>().notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** the codes in words and what to do */
    explanation: text("explanation").notNull(),
    /** each denied adjustment (line, code, amount, words) or the underpayment arithmetic */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    /** the cause found in our workflow, in words (the missing authorization, the NDC sent …) */
    cause: text("cause"),
    dueDate: date("due_date", { mode: "string" }),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    /** bumped on every change: the client sends the one it saw */
    revision: integer("revision").notNull().default(1),
    correctedClaimId: uuid("corrected_claim_id"),
    priorAuthRequestId: uuid("prior_auth_request_id"),
    appealSentAt: timestamp("appeal_sent_at", { withTimezone: true }),
    appealArgument: text("appeal_argument"),
    writeOffCents: bigint("write_off_cents", { mode: "number" }),
    writeOffReason: text("write_off_reason"),
    writeOffRequestedByUserId: uuid("write_off_requested_by_user_id").references(() => users.id),
    writeOffApprovedByUserId: uuid("write_off_approved_by_user_id").references(() => users.id),
    outcome: denialOutcomeEnum("outcome"),
    recoveredCents: bigint("recovered_cents", { mode: "number" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolutionNote: text("resolution_note"),
    ...stamps,
    /** the queue's view of the status (todo, waiting, approval, done), stored for the list's indexes (0038) */
    listView: text("list_view").generatedAlwaysAs(
      sql`CASE WHEN status IN ('open', 'in_progress') THEN 'todo' WHEN status IN ('retro_auth', 'corrected', 'appealed') THEN 'waiting' WHEN status = 'write_off_pending' THEN 'approval' ELSE 'done' END`,
    ),
    /** the claim's number and payer, filled by a trigger when the item is made (a claim never changes them) */
    claimNumber: text("claim_number"),
    payerId: uuid("payer_id"),
    /** the payer's name, for the payer sort: filled with the claim keys, rewritten by a trigger on payers when a payer is renamed (0042) */
    payerName: text("payer_name"),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "denial_work_items_claim_id_fk", columns: [t.practiceId, t.claimId], foreignColumns: [claims.practiceId, claims.id] }),
    foreignKey({ name: "denial_work_items_claim_payment_id_fk", columns: [t.practiceId, t.claimPaymentId], foreignColumns: [claimPayments.practiceId, claimPayments.id] }),
    foreignKey({ name: "denial_work_items_claim_payment_line_id_fk", columns: [t.practiceId, t.claimPaymentLineId], foreignColumns: [claimPaymentLines.practiceId, claimPaymentLines.id] }),
    foreignKey({ name: "denial_work_items_corrected_claim_id_fk", columns: [t.practiceId, t.correctedClaimId], foreignColumns: [claims.practiceId, claims.id] }),
    uniqueIndex("denial_work_items_category_uq").on(t.practiceId, t.claimPaymentId, t.category).where(sql`${t.kind} = 'denial'`),
    uniqueIndex("denial_work_items_line_uq").on(t.practiceId, t.claimPaymentLineId).where(sql`${t.kind} = 'underpayment'`),
    index("denial_work_items_queue_idx").on(t.practiceId, t.status, t.dueDate),
    index("denial_work_items_claim_idx").on(t.practiceId, t.claimId),
    index("denial_work_items_assignee_idx").on(t.practiceId, t.assigneeUserId, t.status),
    // the queue's sorts, within a view (migration 0038)
    index("denial_work_items_view_due_idx").on(t.practiceId, t.listView, t.dueDate, t.createdAt, t.id),
    index("denial_work_items_view_amount_idx").on(t.practiceId, t.listView, t.amountCents, t.createdAt, t.id),
    // migration 0038 adds INCLUDE (payer_id, category, kind, assignee_user_id), which drizzle's index builder cannot say
    index("denial_work_items_view_age_idx").on(t.practiceId, t.listView, t.createdAt, t.id),
    index("denial_work_items_claim_number_idx").on(t.practiceId, t.claimNumber, t.createdAt, t.id),
    index("denial_work_items_view_payer_idx").on(t.practiceId, t.listView, t.payerName, t.createdAt, t.id),
    index("denial_work_items_view_payer_age_idx").on(t.practiceId, t.listView, t.payerId, t.createdAt, t.id),
    check("denial_work_items_amount_ck", sql`${t.amountCents} >= 0`),
    check("denial_work_items_kind_ck", sql`(${t.kind} = 'denial') = (${t.category} is not null)`),
    check("denial_work_items_write_off_ck", sql`${t.status} not in ('written_off', 'write_off_pending') or (${t.writeOffCents} is not null and ${t.writeOffReason} is not null)`),
    check("denial_work_items_resolved_ck", sql`${t.status} <> 'resolved' or ${t.outcome} is not null`),
  ],
);

/** Notes on a work item (never edited). */
export const denialNotes = pgTable(
  "denial_notes",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    workItemId: uuid("work_item_id").notNull(),
    userId: uuid("user_id").references(() => users.id),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "denial_notes_work_item_id_fk", columns: [t.practiceId, t.workItemId], foreignColumns: [denialWorkItems.practiceId, denialWorkItems.id] }),
    index("denial_notes_item_idx").on(t.workItemId, t.createdAt),
  ],
);

/**
 * What a payer is expected to allow (underpayment checks): Medicare's ASP payment limit, a percentage
 * of it, or contract rates per code; and the tolerance before a shortfall counts.
 */
export const payerContractTerms = pgTable(
  "payer_contract_terms",
  {
    payerId: uuid("payer_id").notNull(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    basis: pricingBasisEnum("basis").notNull(),
    aspPercent: numeric("asp_percent", { precision: 6, scale: 2 }),
    toleranceCents: integer("tolerance_cents").notNull().default(100),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.payerId, t.practiceId] }),
    foreignKey({ name: "payer_contract_terms_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    index("payer_contract_terms_practice_idx").on(t.practiceId),
    check("payer_contract_terms_percent_ck", sql`${t.basis} <> 'asp_percent' or (${t.aspPercent} is not null and ${t.aspPercent} > 0)`),
    check("payer_contract_terms_tolerance_ck", sql`${t.toleranceCents} >= 0`),
  ],
);

/** Contract rates per billing unit, by code, with effective dates (never overwritten). */
export const payerContractRates = pgTable(
  "payer_contract_rates",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    payerId: uuid("payer_id").notNull(),
    code: text("code").notNull(),
    /** dollars per billing unit, 3 decimals */
    ratePerUnit: numeric("rate_per_unit", { precision: 12, scale: 3 }).notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "payer_contract_rates_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    uniqueIndex("payer_contract_rates_uq").on(t.practiceId, t.payerId, t.code, t.effectiveFrom),
    check("payer_contract_rates_dates_ck", sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check("payer_contract_rates_rate_ck", sql`${t.ratePerUnit} > 0`),
  ],
);

/** Remittance settings of a practice: above this amount a write-off needs a manager's approval. */
export const practiceRemitSettings = pgTable("practice_remit_settings", {
  practiceId: uuid("practice_id")
    .primaryKey()
    .references(() => practices.id),
  writeOffApprovalCents: bigint("write_off_approval_cents", { mode: "number" }).notNull(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
