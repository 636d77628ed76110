import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { OrderCombination, OrderPhase } from "@/server/domain/orders/types";
import { ADMINISTRATION_STATES, CLOSE_OUTCOMES, NOT_GIVEN_REASONS } from "@/server/domain/workflow/administration";
import { ORDER_STATES } from "@/server/domain/workflow/order";
import { practices, users } from "./core";
import { patients } from "./patients";
import { locations, providers } from "./practice-setup";

export const orderStatusEnum = pgEnum("order_status", ORDER_STATES);
export const administrationStatusEnum = pgEnum("administration_status", ADMINISTRATION_STATES);
export const notGivenReasonEnum = pgEnum("not_given_reason", NOT_GIVEN_REASONS);
export const closeOutcomeEnum = pgEnum("administration_close_outcome", CLOSE_OUTCOMES);

/**
 * A durvalumab order. The regimen is one or two phases (jsonb, exact decimal strings for doses);
 * diagnoses are ICD-10-CM codes with their dot, principal first (at most 12, as on an 837P).
 * `version` is bumped on every edit of a draft (optimistic concurrency); status changes go through
 * the order state machine (server/domain/workflow/order.ts).
 */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    patientId: uuid("patient_id").notNull(),
    /** the billing engine's indication id, e.g. nsclc-stage3-consolidation */
    indicationId: text("indication_id").notNull(),
    diagnoses: jsonb("diagnoses").$type<string[]>().notNull(),
    phases: jsonb("phases").$type<OrderPhase[]>().notNull(),
    /** planned duration in months from the start date (end exclusive); null when cycles bound the plan */
    durationMonths: integer("duration_months"),
    combination: jsonb("combination").$type<OrderCombination | null>(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    orderingProviderId: uuid("ordering_provider_id").notNull(),
    locationId: uuid("location_id").notNull(),
    /** weight at order, kg with one decimal */
    weightKg: numeric("weight_kg", { precision: 5, scale: 1 }).notNull(),
    notes: text("notes"),
    status: orderStatusEnum("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedByUserId: uuid("signed_by_user_id").references(() => users.id),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    discontinuedAt: timestamp("discontinued_at", { withTimezone: true }),
    discontinuedByUserId: uuid("discontinued_by_user_id").references(() => users.id),
    discontinueReason: text("discontinue_reason"),
    /**
     * R-WEIGHT override: the clinician's documented reason for a fixed dose below the label's weight
     * threshold, the clinician (the ordering provider) it is attributed to, and who recorded it when.
     * Turns the error that blocks signing (and the claim's error) into a warning. All set or none.
     */
    weightDoseOverrideReason: text("weight_dose_override_reason"),
    weightDoseOverrideProviderId: uuid("weight_dose_override_provider_id"),
    weightDoseOverrideByUserId: uuid("weight_dose_override_by_user_id").references(() => users.id),
    weightDoseOverrideAt: timestamp("weight_dose_override_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "orders_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    foreignKey({ name: "orders_ordering_provider_id_fk", columns: [t.practiceId, t.orderingProviderId], foreignColumns: [providers.practiceId, providers.id] }),
    foreignKey({ name: "orders_location_id_fk", columns: [t.practiceId, t.locationId], foreignColumns: [locations.practiceId, locations.id] }),
    foreignKey({ name: "orders_weight_dose_override_provider_id_fk", columns: [t.practiceId, t.weightDoseOverrideProviderId], foreignColumns: [providers.practiceId, providers.id] }),
    index("orders_practice_status_idx").on(t.practiceId, t.status, t.createdAt),
    index("orders_practice_patient_idx").on(t.practiceId, t.patientId),
    index("orders_practice_indication_idx").on(t.practiceId, t.indicationId),
    check("orders_weight_ck", sql`${t.weightKg} > 0`),
    check("orders_duration_ck", sql`${t.durationMonths} is null or ${t.durationMonths} between 1 and 60`),
    check("orders_discontinue_reason_ck", sql`${t.status} <> 'discontinued' or ${t.discontinueReason} is not null`),
    check(
      "orders_weight_dose_override_ck",
      sql`(${t.weightDoseOverrideReason} is null) = (${t.weightDoseOverrideAt} is null) and (${t.weightDoseOverrideReason} is null) = (${t.weightDoseOverrideByUserId} is null) and (${t.weightDoseOverrideReason} is null) = (${t.weightDoseOverrideProviderId} is null)`,
    ),
  ],
);

/**
 * The treatment calendar: one row per planned infusion, created when the order is signed.
 * Scheduling only; the infusion documentation (vials, times, amounts) lives in its own tables that
 * reference administrations.id.
 */
export const administrations = pgTable(
  "administrations",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    orderId: uuid("order_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** 1-based position in the order's calendar */
    sequence: integer("sequence").notNull(),
    cycle: integer("cycle").notNull(),
    day: integer("day").notNull().default(1),
    /** index into orders.phases */
    phaseIndex: integer("phase_index").notNull(),
    /** whether the order's combination drug (tremelimumab) is given with this infusion */
    includesCombination: boolean("includes_combination").notNull().default(false),
    plannedDate: date("planned_date", { mode: "string" }).notNull(),
    /** the date the calendar first planned, kept when the infusion is rescheduled */
    originalPlannedDate: date("original_planned_date", { mode: "string" }).notNull(),
    status: administrationStatusEnum("status").notNull().default("scheduled"),
    notGivenReason: notGivenReasonEnum("not_given_reason"),
    notGivenNote: text("not_given_note"),
    /** closed without a claim of this practice (or a write-off awaiting approval): why, in the user's words */
    closeOutcome: closeOutcomeEnum("close_outcome"),
    closeReason: text("close_reason"),
    /** the record this one duplicates (outcome duplicate) */
    closeDuplicateOfId: uuid("close_duplicate_of_id"),
    /** the charge left unbilled (the claim preview's total when closed), cents */
    closeAmountCents: integer("close_amount_cents"),
    closedByUserId: uuid("closed_by_user_id"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /**
     * The primary coverage's payer on the date of service (the current documentation's date given,
     * else the planned date), null when uncovered: what the due and closed worklists filter and sort
     * by. Kept by triggers (migration 0041) on this table's planned date and patient, on the
     * documentation's date and current version, and on coverages; never written by the app.
     */
    primaryPayerId: uuid("primary_payer_id"),
    /**
     * The order's location, ordering provider and indication, copied onto the infusion: what the due
     * and closed worklists filter by, each filter with its index, so a filtered page or count joins no
     * order per row. Kept by triggers (migration 0045) on this table's order and on the order's keys;
     * never written by the app (null only in the instant before the insert trigger fills them).
     */
    locationId: uuid("location_id"),
    orderingProviderId: uuid("ordering_provider_id"),
    indicationId: text("indication_id"),
    /**
     * The patient's last and first names lower-cased, what the due and closed worklists sort by (the
     * patient sort, and the date sorts' ties within a day; migration 0046). Kept by triggers on this
     * table's patient and on the patient's names; never written by the app.
     */
    patientSortLast: text("patient_sort_last"),
    patientSortFirst: text("patient_sort_first"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "administrations_order_id_fk", columns: [t.practiceId, t.orderId], foreignColumns: [orders.practiceId, orders.id] }),
    foreignKey({ name: "administrations_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    uniqueIndex("administrations_order_sequence_uq").on(t.orderId, t.sequence, t.practiceId),
    index("administrations_practice_date_idx").on(t.practiceId, t.plannedDate),
    index("administrations_practice_status_idx").on(t.practiceId, t.status, t.plannedDate),
    // The due worklist (scheduled or under way) in planned-date order, one range for both statuses
    // (migration 0041): a page reads its first days, not the whole window. Its queries spell the
    // statuses as literals so the planner can match this predicate.
    // Each index ends with the patient's sort names and the id (migration 0046): the whole order of
    // the date sort, so its first page is the index's first entries.
    index("administrations_due_idx").on(t.practiceId, t.plannedDate, t.patientSortLast, t.patientSortFirst, t.id).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    // The due tab's filters on the order's keys and the payer, each a range of its own (migration 0045).
    index("administrations_due_location_idx").on(t.practiceId, t.locationId, t.plannedDate, t.patientSortLast, t.patientSortFirst, t.id).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    index("administrations_due_provider_idx").on(t.practiceId, t.orderingProviderId, t.plannedDate, t.patientSortLast, t.patientSortFirst, t.id).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    index("administrations_due_indication_idx").on(t.practiceId, t.indicationId, t.plannedDate, t.patientSortLast, t.patientSortFirst, t.id).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    index("administrations_due_payer_idx").on(t.practiceId, t.primaryPayerId, t.plannedDate, t.patientSortLast, t.patientSortFirst, t.id).where(sql`${t.status} in ('scheduled', 'in_progress')`),
    index("administrations_patient_idx").on(t.practiceId, t.patientId),
    check("administrations_not_given_ck", sql`${t.status} <> 'not_given' or ${t.notGivenReason} is not null`),
    check("administrations_closed_ck", sql`${t.status}::text not in ('closed', 'close_pending_approval') or (${t.closeOutcome} is not null and ${t.closeReason} is not null)`),
  ],
);
