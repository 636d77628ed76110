import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { COVERAGE_PRIORITIES, SEXES, SUBSCRIBER_RELATIONSHIPS } from "@/server/domain/patients/codes";
import { practices } from "./core";
import { payers } from "./practice-setup";

export const sexEnum = pgEnum("patient_sex", SEXES);
export const coveragePriorityEnum = pgEnum("coverage_priority", COVERAGE_PRIORITIES);
export const subscriberRelationshipEnum = pgEnum("subscriber_relationship", SUBSCRIBER_RELATIONSHIPS);

/** A patient of the practice. MRN is stored upper-case and is unique within the practice. */
export const patients = pgTable(
  "patients",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    mrn: text("mrn").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    sex: sexEnum("sex").notNull(),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2"),
    city: text("city").notNull(),
    /** two-letter code, upper-case */
    state: text("state").notNull(),
    /** 5 or 9 digits, no dash */
    zip: text("zip").notNull(),
    /** 10 digits, no punctuation */
    phone: text("phone"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The patient list's search key, kept by PostgreSQL from the row (migration 0042): the names and
     * the MRN lower-cased, space-separated. A word typed in the list's search box is in one of them
     * exactly when it is in this key (server/queries/patients.ts).
     */
    searchKey: text("search_key").generatedAlwaysAs(sql`lower(last_name) || ' ' || lower(first_name) || ' ' || lower(mrn)`),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("patients_practice_mrn_uq").on(t.practiceId, t.mrn),
    index("patients_practice_name_idx").on(
      t.practiceId,
      sql`lower(${t.lastName})`,
      sql`lower(${t.firstName})`,
    ),
    index("patients_practice_dob_idx").on(t.practiceId, t.dateOfBirth),
    // The header search matches the start of a name or MRN (lower(x) LIKE 'abc%'): text_pattern_ops
    // lets a btree answer that whatever the database's collation.
    index("patients_practice_last_prefix_idx").on(t.practiceId, sql`lower(${t.lastName}) text_pattern_ops`),
    index("patients_practice_first_prefix_idx").on(t.practiceId, sql`lower(${t.firstName}) text_pattern_ops`),
    index("patients_practice_mrn_prefix_idx").on(t.practiceId, sql`lower(${t.mrn}) text_pattern_ops`),
    index("patients_practice_created_idx").on(t.practiceId, t.createdAt, t.id),
    check("patients_dob_ck", sql`${t.dateOfBirth} >= '1900-01-01'`),
    check("patients_zip_ck", sql`${t.zip} ~ '^[0-9]{5}([0-9]{4})?$'`),
    check("patients_phone_ck", sql`${t.phone} is null or ${t.phone} ~ '^[0-9]{10}$'`),
  ],
);

/**
 * A patient's insurance with one payer for a period. At most one coverage of a priority is in force
 * on any date (checked by the service under a lock on the patient row). Ending a coverage sets
 * end_date; rows are never deleted because claims reference them.
 */
export const coverages = pgTable(
  "coverages",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    patientId: uuid("patient_id").notNull(),
    payerId: uuid("payer_id").notNull(),
    memberId: text("member_id").notNull(),
    groupNumber: text("group_number"),
    planName: text("plan_name"),
    priority: coveragePriorityEnum("priority").notNull(),
    relationship: subscriberRelationshipEnum("relationship").notNull(),
    /** the policy holder when the patient is not (relationship ≠ self) */
    subscriberFirstName: text("subscriber_first_name"),
    subscriberLastName: text("subscriber_last_name"),
    subscriberDateOfBirth: date("subscriber_date_of_birth", { mode: "string" }),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "coverages_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    foreignKey({ name: "coverages_payer_id_fk", columns: [t.practiceId, t.payerId], foreignColumns: [payers.practiceId, payers.id] }),
    index("coverages_patient_idx").on(t.practiceId, t.patientId),
    index("coverages_payer_idx").on(t.payerId),
    check("coverages_dates_ck", sql`${t.endDate} is null or ${t.endDate} >= ${t.effectiveDate}`),
    check(
      "coverages_subscriber_ck",
      sql`${t.relationship} = 'self' or (${t.subscriberFirstName} is not null and ${t.subscriberLastName} is not null and ${t.subscriberDateOfBirth} is not null)`,
    ),
  ],
);
