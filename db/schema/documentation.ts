import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ACQUISITION_SOURCES, DOCUMENTED_DRUGS } from "@/server/domain/documentation/codes";
import type { OtherDrugEntry } from "@/server/domain/documentation/types";
import { practices, users } from "./core";
import { administrations } from "./orders";

export const acquisitionSourceEnum = pgEnum("drug_acquisition_source", ACQUISITION_SOURCES);
export const documentedDrugEnum = pgEnum("documented_drug", DOCUMENTED_DRUGS);

const CLOCK = "'^([01][0-9]|2[0-3]):[0-5][0-9]$'";

/**
 * How an infusion was given, one row per version. Version 1 is the documentation as first entered;
 * it is edited in place (revision + 1 per save) until the administration is ready for billing.
 * After that only an amendment changes it: a new version row with its reason, `is_current` moves to
 * it and the earlier rows stay as they were. Fields may be null while the documentation is a draft;
 * the checklist (server/domain/documentation/checklist.ts) says what billing still needs.
 * `revision` counts every save of the administration's documentation across versions: the client
 * sends the one it saw, so a concurrent save is a conflict instead of a silent overwrite.
 */
export const administrationDocumentation = pgTable(
  "administration_documentation",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    administrationId: uuid("administration_id").notNull(),
    version: integer("version").notNull(),
    revision: integer("revision").notNull().default(1),
    isCurrent: boolean("is_current").notNull(),
    actualDate: date("actual_date", { mode: "string" }),
    /** kg with one decimal, measured that day */
    weightKg: numeric("weight_kg", { precision: 5, scale: 1 }),
    /** HH:MM, 24-hour clock */
    infusionStart: text("infusion_start"),
    infusionStop: text("infusion_stop"),
    nurseName: text("nurse_name"),
    mgAdministered: numeric("mg_administered", { precision: 10, scale: 3 }),
    mgDiscarded: numeric("mg_discarded", { precision: 10, scale: 3 }),
    wasteTime: text("waste_time"),
    wasteWitness: text("waste_witness"),
    acquisition: acquisitionSourceEnum("acquisition").notNull().default("purchased"),
    /** 340B actual acquisition cost in dollars per billing unit; only with acquisition = purchased_340b */
    acquisitionCostPerUnit: numeric("acquisition_cost_per_unit", { precision: 10, scale: 3 }),
    /** why the least-waste vials were not used (out of stock…): the full waste may then be billed */
    vialChoiceReason: text("vial_choice_reason"),
    /** other drugs given the same day (HCPCS, units, how given, infusion times), in the order entered */
    otherDrugs: jsonb("other_drugs").$type<OtherDrugEntry[]>().notNull().default(sql`'[]'::jsonb`),
    /** the order's combination drug (tremelimumab) when this infusion includes it */
    combinationMgAdministered: numeric("combination_mg_administered", { precision: 10, scale: 3 }),
    combinationMgDiscarded: numeric("combination_mg_discarded", { precision: 10, scale: 3 }),
    combinationInfusionStart: text("combination_infusion_start"),
    combinationInfusionStop: text("combination_infusion_stop"),
    notes: text("notes"),
    amendmentReason: text("amendment_reason"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "administration_documentation_administration_id_fk", columns: [t.practiceId, t.administrationId], foreignColumns: [administrations.practiceId, administrations.id] }),
    uniqueIndex("administration_documentation_version_uq").on(t.administrationId, t.version, t.practiceId),
    uniqueIndex("administration_documentation_current_uq").on(t.administrationId, t.practiceId).where(sql`${t.isCurrent}`),
    index("administration_documentation_practice_idx").on(t.practiceId, t.administrationId),
    check("administration_documentation_version_ck", sql`${t.version} >= 1 and ${t.revision} >= 1`),
    check("administration_documentation_amendment_ck", sql`${t.version} = 1 or ${t.amendmentReason} is not null`),
    check("administration_documentation_weight_ck", sql`${t.weightKg} is null or ${t.weightKg} > 0`),
    check(
      "administration_documentation_340b_cost_ck",
      sql`${t.acquisitionCostPerUnit} is null or (${t.acquisition}::text = 'purchased_340b' and ${t.acquisitionCostPerUnit} >= 0)`,
    ),
    check(
      "administration_documentation_mg_ck",
      sql`(${t.mgAdministered} is null or ${t.mgAdministered} > 0) and (${t.mgDiscarded} is null or ${t.mgDiscarded} >= 0) and (${t.combinationMgAdministered} is null or ${t.combinationMgAdministered} > 0) and (${t.combinationMgDiscarded} is null or ${t.combinationMgDiscarded} >= 0)`,
    ),
    check(
      "administration_documentation_times_ck",
      sql.raw(
        ["infusion_start", "infusion_stop", "waste_time", "combination_infusion_start", "combination_infusion_stop"].map((c) => `(${c} is null or ${c} ~ ${CLOCK})`).join(" and "),
      ),
    ),
  ],
);

/** The vials opened for one documentation version: NDC normalised to 11 digits, lot, expiry, count. */
export const administrationVials = pgTable(
  "administration_vials",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    documentationId: uuid("documentation_id").notNull(),
    /** 1-based order of entry */
    position: integer("position").notNull(),
    drug: documentedDrugEnum("drug").notNull(),
    /** 11 digits, no hyphens (5-4-2) */
    ndc11: text("ndc11").notNull(),
    lotNumber: text("lot_number"),
    expiryDate: date("expiry_date", { mode: "string" }),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "administration_vials_documentation_id_fk", columns: [t.practiceId, t.documentationId], foreignColumns: [administrationDocumentation.practiceId, administrationDocumentation.id] }),
    uniqueIndex("administration_vials_position_uq").on(t.documentationId, t.position, t.practiceId),
    check("administration_vials_ndc_ck", sql`${t.ndc11} ~ '^[0-9]{11}$'`),
    check("administration_vials_count_ck", sql`${t.count} between 1 and 100`),
  ],
);

/**
 * A biller's acknowledgement of one warning of one documentation version (never of an error; the
 * service refuses those). The fingerprint identifies the exact warning text, so a changed warning
 * needs a new acknowledgement. Rows are never updated or deleted.
 */
export const findingAcknowledgments = pgTable(
  "finding_acknowledgments",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    administrationId: uuid("administration_id").notNull(),
    documentationVersion: integer("documentation_version").notNull(),
    rule: text("rule").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** the warning as it read when acknowledged */
    message: text("message").notNull(),
    reason: text("reason").notNull(),
    userId: uuid("user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "finding_acknowledgments_administration_id_fk", columns: [t.practiceId, t.administrationId], foreignColumns: [administrations.practiceId, administrations.id] }),
    uniqueIndex("finding_acknowledgments_uq").on(t.administrationId, t.documentationVersion, t.rule, t.fingerprint, t.practiceId),
    check("finding_acknowledgments_reason_ck", sql`length(${t.reason}) >= 5`),
  ],
);

/**
 * The practice's charges: price per billing unit in cents for a HCPCS/CPT code over a period
 * (effective_to null = open-ended). The claim preview prices its lines from the row in force on the
 * date of service.
 */
export const feeSchedule = pgTable(
  "fee_schedule",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    code: text("code").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("fee_schedule_practice_code_from_uq").on(t.practiceId, t.code, t.effectiveFrom),
    check("fee_schedule_price_ck", sql`${t.unitPriceCents} >= 0`),
    check("fee_schedule_dates_ck", sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);
