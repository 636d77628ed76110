import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  CHARGE_340B_RULES,
  COVERED_ENTITY_TYPES,
  FREE_DRUG_POLICIES,
  HOSPITAL_SITES,
  MODIFIER_340B_POLICIES,
  NDC_POLICIES,
  NDC_UN_PARTIAL_VIAL,
  PAYER_KINDS,
  WASTE_POLICIES,
} from "@/server/domain/billing/reference";
import { LOCATION_BILLERS, PLACES_OF_SERVICE, PROVIDER_ENTITY_TYPES } from "@/server/domain/practice-setup/codes";
import { practices } from "./core";

export const payerKindEnum = pgEnum("payer_kind", PAYER_KINDS);
export const wastePolicyEnum = pgEnum("payer_waste_policy", WASTE_POLICIES);
export const ndcPolicyEnum = pgEnum("payer_ndc_policy", NDC_POLICIES);
export const freeDrugPolicyEnum = pgEnum("payer_free_drug_policy", FREE_DRUG_POLICIES);
export const placeOfServiceEnum = pgEnum("place_of_service", PLACES_OF_SERVICE);
export const modifier340bPolicyEnum = pgEnum("payer_340b_modifier_policy", MODIFIER_340B_POLICIES);
export const charge340bRuleEnum = pgEnum("payer_340b_charge_rule", CHARGE_340B_RULES);
export const ndcUnPartialVialEnum = pgEnum("payer_ndc_un_partial_vial", NDC_UN_PARTIAL_VIAL);
export const hospitalSiteEnum = pgEnum("hospital_site", HOSPITAL_SITES);
export const coveredEntityTypeEnum = pgEnum("covered_entity_type_340b", COVERED_ENTITY_TYPES);
export const locationBillerEnum = pgEnum("location_biller", LOCATION_BILLERS);
export const providerEntityTypeEnum = pgEnum("provider_entity_type", PROVIDER_ENTITY_TYPES);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A payer the practice bills, with the payer-profile settings the billing engine applies to its
 * claims (server/domain/practice-setup/payer-profile.ts maps a row to the engine input).
 * Rows are never deleted (coverages and claims reference them): `is_active = false` hides them
 * from pickers.
 */
export const payers = pgTable(
  "payers",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    name: text("name").notNull(),
    /** X12 NM109 payer id (clearinghouse payer id), stored upper-case */
    ediPayerId: text("edi_payer_id").notNull(),
    kind: payerKindEnum("kind").notNull(),
    /** payer-profile template the payer was created from (MCR, MA, MCD-UN, COMM, COMM-NOJZ) */
    templateId: text("template_id"),
    wasteModifiers: wastePolicyEnum("waste_modifiers").notNull(),
    ndc: ndcPolicyEnum("ndc").notNull(),
    priorAuthRequired: boolean("prior_auth_required").notNull(),
    /** null only for Medicare (kind = medicare): 12 calendar months after the date of service */
    timelyFilingDays: integer("timely_filing_days"),
    appealDays: integer("appeal_days"),
    freeDrug: freeDrugPolicyEnum("free_drug").notNull(),
    /** whole percent, 0–50; null = the payer does not allow rounding the dose to a vial */
    doseRoundingPercent: integer("dose_rounding_percent"),
    /** per-dose caps in billing units by HCPCS, e.g. {"J9173": 150} */
    unitCaps: jsonb("unit_caps").$type<Record<string, number>>().notNull().default({}),
    /** SBR09 claim filing indicator: MB, 16, MC, CI ... */
    claimFilingIndicator: text("claim_filing_indicator").notNull(),
    /** SBR09 on 837I claims when it differs (Medicare: MA); null = as on 837P */
    institutionalClaimFilingIndicator: text("institutional_claim_filing_indicator"),
    /** how 340B-acquired drug is identified on this payer's claims: JG/TB, UD or none */
    modifier340b: modifier340bPolicyEnum("modifier_340b").notNull().default("none"),
    /** what a 340B drug line is charged: usual charge or actual acquisition cost */
    charge340b: charge340bRuleEnum("charge_340b").notNull().default("usual_charge"),
    /** NDC quantity in vials (UN): which line counts the vial partly given and partly discarded */
    ndcUnPartialVial: ndcUnPartialVialEnum("ndc_un_partial_vial").notNull().default("administered_line"),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("payers_practice_edi_uq").on(t.practiceId, t.ediPayerId),
    index("payers_practice_name_idx").on(t.practiceId, t.name),
    check("payers_timely_filing_ck", sql`${t.timelyFilingDays} is not null or ${t.kind} = 'medicare'`),
    check("payers_timely_filing_positive_ck", sql`${t.timelyFilingDays} is null or ${t.timelyFilingDays} > 0`),
    check("payers_appeal_days_ck", sql`${t.appealDays} is null or ${t.appealDays} > 0`),
    check("payers_dose_rounding_ck", sql`${t.doseRoundingPercent} is null or ${t.doseRoundingPercent} between 0 and 50`),
  ],
);

/** Rendering / ordering providers (people or organisations), identified by NPI. */
export const providers = pgTable(
  "providers",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    entityType: providerEntityTypeEnum("entity_type").notNull().default("person"),
    firstName: text("first_name"),
    /** last name of a person, or the organisation name */
    lastName: text("last_name").notNull(),
    /** MD, DO, NP, PA ... */
    credential: text("credential"),
    npi: text("npi").notNull(),
    /** NUCC taxonomy, e.g. 207RX0202X medical oncology */
    taxonomyCode: text("taxonomy_code").notNull(),
    canRender: boolean("can_render").notNull().default(true),
    canOrder: boolean("can_order").notNull().default(true),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("providers_practice_npi_uq").on(t.practiceId, t.npi),
    index("providers_practice_name_idx").on(t.practiceId, t.lastName),
    check("providers_person_first_name_ck", sql`${t.entityType} = 'organization' or ${t.firstName} is not null`),
  ],
);

/** Where infusions are given; the place of service goes on every claim line. */
export const locations = pgTable(
  "locations",
  {
    id: uuid("id").notNull().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    name: text("name").notNull(),
    placeOfService: placeOfServiceEnum("place_of_service").notNull(),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2"),
    city: text("city").notNull(),
    state: text("state").notNull(),
    zip: text("zip").notNull(),
    /** the hospital outpatient department's NPI: required for POS 19 and 22 */
    facilityNpi: text("facility_npi"),
    /** hospital departments: on the campus, or off campus excepted (PO) / non-excepted (PN); null for an office */
    hospitalSite: hospitalSiteEnum("hospital_site"),
    /** the 340B covered-entity type this site is registered under (chooses JG or TB); null = not a 340B site */
    coveredEntityType340b: coveredEntityTypeEnum("covered_entity_type_340b"),
    /** who bills the drug and its administration here: this practice (837P), this practice as the facility (837I) or another entity */
    billedBy: locationBillerEnum("billed_by").notNull().default("practice_professional"),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("locations_practice_name_uq").on(t.practiceId, t.name),
    check("locations_facility_npi_ck", sql`${t.placeOfService} = '11' or ${t.facilityNpi} is not null`),
    check("locations_billed_by_ck", sql`${t.billedBy} <> 'practice_facility' or ${t.placeOfService} <> '11'`),
    check(
      "locations_hospital_site_ck",
      sql`${t.hospitalSite} is null or (${t.placeOfService} = '22' and ${t.hospitalSite} = 'on_campus') or (${t.placeOfService} = '19' and ${t.hospitalSite} <> 'on_campus')`,
    ),
  ],
);
