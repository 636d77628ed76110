import { sql } from "drizzle-orm";
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { administrationStatusEnum, administrations } from "./orders";
import { practices, users } from "./core";
import { payers } from "./practice-setup";

/** One finding that holds an infusion back from billing, as stored for the worklists. */
export interface StoredBlockingFinding {
  rule: string;
  severity: "error" | "warning";
  message: string;
}

/**
 * What the billing engine says about each documented (or ready) infusion, kept current by the
 * services that change what it depends on (documentation, order, coverage, payer, location, prior
 * authorization, fee schedule, reference data, close-out, claims) in their own transaction, through
 * `refreshReadiness` (server/services/readiness.ts). Lists read it with one query instead of running
 * the engine per row. The clock is not part of it: the readiness is judged as of the date of service
 * and the filing deadline is stored, so "days left to file" and "past the limit" are read against
 * today by the list itself.
 */
export const administrationBillingStatus = pgTable(
  "administration_billing_status",
  {
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    administrationId: uuid("administration_id").notNull(),
    /** the administration's status when this was computed (the row is dropped when it leaves documented / ready) */
    status: administrationStatusEnum("status").notNull(),
    /** since when the infusion has been in that status (the worklist's age) */
    statusSince: timestamp("status_since", { withTimezone: true }).notNull(),
    /** every check passes: it may be marked ready for billing (or is) */
    ready: boolean("ready").notNull(),
    /** what still blocks "ready for billing", in sentences, as the infusion page says it */
    blockers: jsonb("blockers").$type<string[]>().notNull(),
    /** the error findings and the warnings not acknowledged yet */
    findings: jsonb("findings").$type<StoredBlockingFinding[]>().notNull(),
    dateOfService: date("date_of_service", { mode: "string" }).notNull(),
    /** the primary coverage's payer on the date of service (what the payer filter reads); null when uncovered */
    primaryPayerId: uuid("primary_payer_id"),
    /** the claim preview's total, cents; null when no claim can be built yet */
    chargeCents: integer("charge_cents"),
    /** the primary payer's last day to file; null when there is no payer or it sets no limit */
    filingDeadline: date("filing_deadline", { mode: "string" }),
    /**
     * Copies of what the worklist filters and sorts read elsewhere (migration 0041): the infusion's
     * patient, its order's location, ordering provider and indication, and its assignee, written by
     * the same refresh (and by `assignWorklistItems` for the assignee), so a filtered page or count
     * reads one index of this table instead of joining each row.
     */
    patientId: uuid("patient_id").notNull(),
    locationId: uuid("location_id").notNull(),
    orderingProviderId: uuid("ordering_provider_id").notNull(),
    indicationId: text("indication_id").notNull(),
    /** the worklist assignee (worklist_assignments), null when nobody is assigned */
    assigneeUserId: uuid("assignee_user_id"),
    /**
     * The patient's last and first names lower-cased, what the date sorts break ties by within a day
     * (migration 0046): kept by triggers on this table's patient and on the patient's names, never
     * written by the app.
     */
    patientSortLast: text("patient_sort_last"),
    patientSortFirst: text("patient_sort_first"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "administration_billing_status_administration_id_fk", columns: [t.practiceId, t.administrationId], foreignColumns: [administrations.practiceId, administrations.id] }),
    primaryKey({ columns: [t.practiceId, t.administrationId] }),
    foreignKey({ name: "administration_billing_status_primary_payer_fk", columns: [t.primaryPayerId, t.practiceId], foreignColumns: [payers.id, payers.practiceId] }),
    // One index per sort the not-ready and ready tabs offer on these columns (migration 0037): a page
    // is an index scan in the list's order, stopped by its LIMIT. The date sorts' indexes end with the
    // patient's sort names and the id (0046), the whole order of the date sort.
    index("administration_billing_status_date_idx").on(t.practiceId, t.status, t.dateOfService, t.patientSortLast, t.patientSortFirst, t.administrationId),
    index("administration_billing_status_deadline_idx").on(t.practiceId, t.status, t.filingDeadline, t.dateOfService),
    index("administration_billing_status_charge_idx").on(t.practiceId, t.status, t.chargeCents, t.dateOfService),
    index("administration_billing_status_payer_idx").on(t.practiceId, t.status, t.primaryPayerId, t.chargeCents, t.dateOfService),
    index("administration_billing_status_age_idx").on(t.practiceId, t.status, sql`((${t.statusSince} at time zone 'UTC')::date)`, t.dateOfService),
    // The filters on the order's keys and the assignee (migration 0041): each filter's rows in date
    // order (the location, provider and indication filters) or in charge order (the assignee), and
    // the patient's rows for the patient sort (read patient by patient in name order).
    index("administration_billing_status_location_idx").on(t.practiceId, t.status, t.locationId, t.dateOfService, t.patientSortLast, t.patientSortFirst, t.administrationId),
    index("administration_billing_status_provider_idx").on(t.practiceId, t.status, t.orderingProviderId, t.dateOfService, t.patientSortLast, t.patientSortFirst, t.administrationId),
    index("administration_billing_status_indication_idx").on(t.practiceId, t.status, t.indicationId, t.dateOfService, t.patientSortLast, t.patientSortFirst, t.administrationId),
    index("administration_billing_status_assignee_idx").on(t.practiceId, t.status, t.assigneeUserId, t.chargeCents, t.dateOfService),
    index("administration_billing_status_patient_idx").on(t.practiceId, t.status, t.patientId, t.dateOfService),
  ],
);

/** Who works a worklist item: one assignee per infusion of a practice (changes are audited). */
export const worklistAssignments = pgTable(
  "worklist_assignments",
  {
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    administrationId: uuid("administration_id").notNull(),
    assigneeUserId: uuid("assignee_user_id")
      .notNull()
      .references(() => users.id),
    assignedByUserId: uuid("assigned_by_user_id").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "worklist_assignments_administration_id_fk", columns: [t.practiceId, t.administrationId], foreignColumns: [administrations.practiceId, administrations.id] }),
    primaryKey({ columns: [t.practiceId, t.administrationId] }),
    index("worklist_assignments_assignee_idx").on(t.practiceId, t.assigneeUserId),
  ],
);

/**
 * A practice's stored readiness being rechecked in the background (migration 0047): a change too wide
 * to re-evaluate inside the request that made it (a shared reference upload, a fee schedule, a payer
 * or location edit touching more infusions than `READINESS_INLINE_LIMIT`) records one row per
 * practice, and the `readiness-recheck` job walks the practice's orders in short transactions,
 * moving `after_order_id` forward. A new request while one runs starts the walk over. The row goes
 * when the walk is done; the worklists show it as a notice meanwhile.
 */
export const readinessRechecks = pgTable("readiness_rechecks", {
  practiceId: uuid("practice_id")
    .primaryKey()
    .references(() => practices.id),
  /** what asked for it, in the biller's words ("Shared reference data: ASP pricing updated") */
  reason: text("reason").notNull(),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
  /** the last order rechecked (orders are walked in id order); null: not started */
  afterOrderId: uuid("after_order_id"),
  /** infusions rechecked so far, of `total` (documented or ready when it was requested) */
  done: integer("done").notNull().default(0),
  total: integer("total").notNull(),
  /** the last step's time: the job sweep sends a walk that has not moved for a while again */
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
