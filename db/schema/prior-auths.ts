import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { PA_CHANNELS, PA_REQUEST_KINDS, PA_RULE_KINDS, PA_TRIGGERS, type ClinicalSummary, type RequestedLine } from "@/server/domain/prior-auth/codes";
import { PRIOR_AUTH_STATES } from "@/server/domain/workflow/prior-auth";
import { bytea } from "./claims";
import { practices, users } from "./core";
import { orders } from "./orders";
import { coverages, patients } from "./patients";
import { locations, payers, providers } from "./practice-setup";

export const priorAuthStatusEnum = pgEnum("prior_auth_status", PRIOR_AUTH_STATES);
export const priorAuthRequestKindEnum = pgEnum("prior_auth_request_kind", PA_REQUEST_KINDS);
export const priorAuthRuleKindEnum = pgEnum("prior_auth_rule_kind", PA_RULE_KINDS);
export const priorAuthChannelEnum = pgEnum("prior_auth_channel", PA_CHANNELS);
export const priorAuthTriggerEnum = pgEnum("prior_auth_trigger", PA_TRIGGERS);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A payer's prior-authorization rule for one drug code, edited by an admin. It refines the payer's
 * `prior_auth_required` switch: the most specific active rule in force wins (indication over any,
 * request kind over any). A rule with `required = false` records that the payer waives PA there.
 */
export const priorAuthRules = pgTable(
  "prior_auth_rules",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    payerId: uuid("payer_id").notNull(),
    hcpcs: text("hcpcs").notNull(),
    /** the engine's indication id; null = every indication */
    indicationId: text("indication_id"),
    requestKind: priorAuthRuleKindEnum("request_kind").notNull().default("any"),
    required: boolean("required").notNull(),
    /** longest authorization the payer grants, in days (from the first dose) */
    maxDays: integer("max_days"),
    maxUnits: integer("max_units"),
    maxDoses: integer("max_doses"),
    /** submit this many days before the first dose or before the current authorization runs out */
    leadTimeDays: integer("lead_time_days").notNull().default(14),
    /** the payer's decision turnaround in calendar days (overdue after) */
    turnaroundDays: integer("turnaround_days").notNull().default(15),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    note: text("note"),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "prior_auth_rules_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    index("prior_auth_rules_payer_idx").on(t.practiceId, t.payerId, t.hcpcs),
    check("prior_auth_rules_dates_ck", sql`${t.endDate} is null or ${t.endDate} >= ${t.effectiveDate}`),
    check(
      "prior_auth_rules_limits_ck",
      sql`(${t.maxDays} is null or ${t.maxDays} > 0) and (${t.maxUnits} is null or ${t.maxUnits} > 0) and (${t.maxDoses} is null or ${t.maxDoses} > 0) and ${t.leadTimeDays} >= 0 and ${t.turnaroundDays} > 0`,
    ),
  ],
);

/**
 * One request for authorization of an order's drug under one coverage. At most one open request per
 * order and coverage (partial unique index); renewals are new requests once the earlier one is
 * decided. `revision` is bumped on every change: the client sends the one it saw.
 */
export const priorAuthRequests = pgTable(
  "prior_auth_requests",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    /** PA-000123, per practice */
    requestNumber: text("request_number").notNull(),
    patientId: uuid("patient_id").notNull(),
    orderId: uuid("order_id").notNull(),
    coverageId: uuid("coverage_id").notNull(),
    payerId: uuid("payer_id").notNull(),
    kind: priorAuthRequestKindEnum("kind").notNull().default("initial"),
    status: priorAuthStatusEnum("status").notNull().default("needed"),
    /** the rule that required it (null: the payer's setting alone) */
    ruleId: uuid("rule_id"),
    trigger: priorAuthTriggerEnum("trigger").notNull(),
    indicationId: text("indication_id").notNull(),
    diagnoses: jsonb("diagnoses").$type<string[]>().notNull(),
    requestedLines: jsonb("requested_lines").$type<RequestedLine[]>().notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    /** first infusion the request must cover (lead time and "treatment soon" flags) */
    firstDoseDate: date("first_dose_date", { mode: "string" }),
    clinical: jsonb("clinical").$type<ClinicalSummary>().notNull(),
    orderingProviderId: uuid("ordering_provider_id").notNull(),
    locationId: uuid("location_id").notNull(),
    channel: priorAuthChannelEnum("channel"),
    payerReference: text("payer_reference"),
    payerContact: text("payer_contact"),
    notes: text("notes"),
    /** the payer's turnaround in days when the request was made (from the rule, else 15) */
    turnaroundDays: integer("turnaround_days").notNull().default(15),
    /** pending information: what the payer asked for and by when */
    infoRequested: text("info_requested"),
    infoDueDate: date("info_due_date", { mode: "string" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    denialReason: text("denial_reason"),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    revision: integer("revision").notNull().default(1),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "prior_auth_requests_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    foreignKey({ name: "prior_auth_requests_order_id_fk", columns: [t.practiceId, t.orderId], foreignColumns: [orders.practiceId, orders.id] }),
    foreignKey({ name: "prior_auth_requests_coverage_id_fk", columns: [t.practiceId, t.coverageId], foreignColumns: [coverages.practiceId, coverages.id] }),
    foreignKey({ name: "prior_auth_requests_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    foreignKey({ name: "prior_auth_requests_rule_id_fk", columns: [t.practiceId, t.ruleId], foreignColumns: [priorAuthRules.practiceId, priorAuthRules.id] }),
    foreignKey({ name: "prior_auth_requests_ordering_provider_id_fk", columns: [t.practiceId, t.orderingProviderId], foreignColumns: [providers.practiceId, providers.id] }),
    foreignKey({ name: "prior_auth_requests_location_id_fk", columns: [t.practiceId, t.locationId], foreignColumns: [locations.practiceId, locations.id] }),
    uniqueIndex("prior_auth_requests_number_uq").on(t.practiceId, t.requestNumber),
    uniqueIndex("prior_auth_requests_open_uq")
      .on(t.orderId, t.coverageId, t.practiceId)
      .where(sql`${t.status} in ('needed', 'drafting', 'submitted', 'pending_info', 'peer_to_peer', 'appeal_submitted')`),
    index("prior_auth_requests_practice_status_idx").on(t.practiceId, t.status, t.updatedAt),
    index("prior_auth_requests_practice_updated_idx").on(t.practiceId, t.updatedAt, t.requestNumber),
    index("prior_auth_requests_payer_updated_idx").on(t.practiceId, t.payerId, t.updatedAt, t.requestNumber),
    index("prior_auth_requests_patient_idx").on(t.practiceId, t.patientId),
    index("prior_auth_requests_order_idx").on(t.orderId),
    check("prior_auth_requests_dates_ck", sql`${t.endDate} >= ${t.startDate}`),
    check("prior_auth_requests_info_ck", sql`${t.status} <> 'pending_info' or ${t.infoDueDate} is not null`),
    check("prior_auth_requests_revision_ck", sql`${t.revision} >= 1`),
  ],
);

/** Every payer decision on a request (a denial, then an approval on appeal …), append-only. */
export const priorAuthDecisions = pgTable(
  "prior_auth_decisions",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    requestId: uuid("request_id").notNull(),
    outcome: priorAuthStatusEnum("outcome").notNull(),
    authorizationNumber: text("authorization_number"),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    /** approved units per HCPCS, as the payer wrote them */
    approvedLines: jsonb("approved_lines").$type<{ hcpcs: string; units: number; doses: number | null }[]>().notNull().default([]),
    denialReason: text("denial_reason"),
    /** the coordinator confirmed approved units above those requested (payer rounding to vials) */
    exceedsRequestConfirmed: boolean("exceeds_request_confirmed").notNull().default(false),
    payerReference: text("payer_reference"),
    note: text("note"),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    /** when the submission this decision answers went to the payer (the request, its appeal or peer-to-peer): the turnaround clock's start */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "prior_auth_decisions_request_id_fk", columns: [t.practiceId, t.requestId], foreignColumns: [priorAuthRequests.practiceId, priorAuthRequests.id] }),
    index("prior_auth_decisions_request_idx").on(t.requestId, t.createdAt),
    index("prior_auth_decisions_decided_idx").on(t.practiceId, t.decidedOn),
    check("prior_auth_decisions_outcome_ck", sql`${t.outcome} in ('approved', 'partially_approved', 'denied')`),
    check(
      "prior_auth_decisions_fields_ck",
      sql`(${t.outcome} = 'denied' and ${t.denialReason} is not null) or (${t.outcome} <> 'denied' and ${t.authorizationNumber} is not null and ${t.startDate} is not null and ${t.endDate} is not null and ${t.endDate} >= ${t.startDate})`,
    ),
  ],
);

/**
 * An authorization in force: one row per approved drug code (each drug line carries its own
 * REF*G1). The ledger (server/domain/prior-auth/ledger.ts) counts used and scheduled units against
 * `approved_units` inside the dates. `voided_at` ends it early (a later decision replaced it).
 */
export const authorizations = pgTable(
  "authorizations",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    requestId: uuid("request_id").notNull(),
    decisionId: uuid("decision_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    orderId: uuid("order_id").notNull(),
    coverageId: uuid("coverage_id").notNull(),
    payerId: uuid("payer_id").notNull(),
    authorizationNumber: text("authorization_number").notNull(),
    hcpcs: text("hcpcs").notNull(),
    approvedUnits: integer("approved_units").notNull(),
    approvedDoses: integer("approved_doses"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "authorizations_request_id_fk", columns: [t.practiceId, t.requestId], foreignColumns: [priorAuthRequests.practiceId, priorAuthRequests.id] }),
    foreignKey({ name: "authorizations_decision_id_fk", columns: [t.practiceId, t.decisionId], foreignColumns: [priorAuthDecisions.practiceId, priorAuthDecisions.id] }),
    foreignKey({ name: "authorizations_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    foreignKey({ name: "authorizations_order_id_fk", columns: [t.practiceId, t.orderId], foreignColumns: [orders.practiceId, orders.id] }),
    foreignKey({ name: "authorizations_coverage_id_fk", columns: [t.practiceId, t.coverageId], foreignColumns: [coverages.practiceId, coverages.id] }),
    foreignKey({ name: "authorizations_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    index("authorizations_order_idx").on(t.practiceId, t.orderId, t.hcpcs),
    index("authorizations_patient_idx").on(t.practiceId, t.patientId),
    index("authorizations_request_idx").on(t.requestId),
    index("authorizations_end_idx").on(t.practiceId, t.endDate),
    check("authorizations_dates_ck", sql`${t.endDate} >= ${t.startDate}`),
    check("authorizations_units_ck", sql`${t.approvedUnits} >= 0 and (${t.approvedDoses} is null or ${t.approvedDoses} >= 0)`),
  ],
);

/** Supporting documents sent with a request (PDF or image), kept in the database, served as downloads only. */
export const priorAuthAttachments = pgTable(
  "prior_auth_attachments",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    requestId: uuid("request_id").notNull(),
    fileName: text("file_name").notNull(),
    /** the type found by the file's magic bytes, not the one the browser claimed */
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    description: text("description"),
    content: bytea("content").notNull(),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "prior_auth_attachments_request_id_fk", columns: [t.practiceId, t.requestId], foreignColumns: [priorAuthRequests.practiceId, priorAuthRequests.id] }),
    index("prior_auth_attachments_request_idx").on(t.requestId, t.createdAt),
    check("prior_auth_attachments_size_ck", sql`${t.sizeBytes} > 0`),
  ],
);

/**
 * The last requirement evaluation for an order, coverage and drug code: required or not, the rule
 * that decided (null = the payer's setting), what triggered it and the request it opened.
 */
export const priorAuthEvaluations = pgTable(
  "prior_auth_evaluations",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    orderId: uuid("order_id").notNull(),
    coverageId: uuid("coverage_id").notNull(),
    hcpcs: text("hcpcs").notNull(),
    required: boolean("required").notNull(),
    ruleId: uuid("rule_id"),
    /** the rule or setting in words, as shown on the order */
    reason: text("reason").notNull(),
    trigger: priorAuthTriggerEnum("trigger").notNull(),
    requestId: uuid("request_id"),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "prior_auth_evaluations_order_id_fk", columns: [t.practiceId, t.orderId], foreignColumns: [orders.practiceId, orders.id] }),
    foreignKey({ name: "prior_auth_evaluations_coverage_id_fk", columns: [t.practiceId, t.coverageId], foreignColumns: [coverages.practiceId, coverages.id] }),
    foreignKey({ name: "prior_auth_evaluations_rule_id_fk", columns: [t.practiceId, t.ruleId], foreignColumns: [priorAuthRules.practiceId, priorAuthRules.id] }),
    foreignKey({ name: "prior_auth_evaluations_request_id_fk", columns: [t.practiceId, t.requestId], foreignColumns: [priorAuthRequests.practiceId, priorAuthRequests.id] }),
    uniqueIndex("prior_auth_evaluations_uq").on(t.orderId, t.coverageId, t.hcpcs, t.practiceId),
    index("prior_auth_evaluations_practice_idx").on(t.practiceId, t.orderId),
  ],
);
