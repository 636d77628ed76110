/**
 * Global reference data for the billing engine (no practice_id): drug catalog, NDC crosswalk,
 * wrong codes, ICD-10-CM, indications, administration codes, modifiers, places of service,
 * revenue codes, claim frequencies, CARC/RARC, payer profile templates, ASP payment limits.
 * Seeded from db/seed/reference/*.json; rows carry their source and effective dates.
 * Exact decimals use numeric with an explicit scale; the engine reads them as strings.
 */
import { boolean, date, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const effective = {
  effectiveFrom: date("effective_from", { mode: "string" }),
  effectiveTo: date("effective_to", { mode: "string" }),
  source: text("source").notNull(),
};

export const drugs = pgTable(
  "drugs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hcpcs: text("hcpcs").notNull(),
    drug: text("drug").notNull(),
    brand: text("brand").notNull(),
    descriptor: text("descriptor").notNull(),
    unitAmount: numeric("unit_amount", { precision: 12, scale: 3 }).notNull(),
    unitOfMeasure: text("unit_of_measure").notNull(),
    route: text("route").notNull(),
    singleDose: boolean("single_dose").notNull(),
    complexBiologic: boolean("complex_biologic").notNull(),
    checkpointInhibitor: boolean("checkpoint_inhibitor").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("drugs_hcpcs_from_uq").on(t.hcpcs, t.effectiveFrom), index("drugs_drug_idx").on(t.drug)],
);

export const ndcPackages = pgTable(
  "ndc_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ndc11: text("ndc11").notNull(),
    labelNdc: text("label_ndc").notNull(),
    labeler: text("labeler").notNull(),
    drug: text("drug").notNull(),
    hcpcs: text("hcpcs"),
    description: text("description").notNull(),
    packageMg: numeric("package_mg", { precision: 12, scale: 3 }),
    packageMl: numeric("package_ml", { precision: 12, scale: 3 }),
    packageQuantity: integer("package_quantity").notNull(),
    billableUnits: integer("billable_units"),
    /** finished | bulk | obsolete */
    status: text("status").notNull(),
    marketedFrom: date("marketed_from", { mode: "string" }),
    obsoleteFrom: date("obsolete_from", { mode: "string" }),
    ...effective,
  },
  (t) => [uniqueIndex("ndc_packages_ndc_from_uq").on(t.ndc11, t.effectiveFrom), index("ndc_packages_hcpcs_idx").on(t.hcpcs)],
);

export const wrongCodes = pgTable(
  "wrong_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    usedForDrug: text("used_for_drug").notNull(),
    actualDrug: text("actual_drug").notNull(),
    correctCode: text("correct_code").notNull(),
    explanation: text("explanation").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("wrong_codes_code_drug_uq").on(t.code, t.usedForDrug)],
);

export const icd10Codes = pgTable(
  "icd10_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** with its dot, e.g. C34.11 */
    code: text("code").notNull(),
    description: text("description").notNull(),
    billable: boolean("billable").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("icd10_codes_code_from_uq").on(t.code, t.effectiveFrom)],
);

export const indications = pgTable(
  "indications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** stable id, e.g. nsclc-stage3-consolidation */
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** labelled | withdrawn | compendia */
    status: text("status").notNull(),
    labelDate: date("label_date", { mode: "string" }).notNull(),
    withdrawnDate: date("withdrawn_date", { mode: "string" }),
    drugs: jsonb("drugs").$type<string[]>().notNull(),
    icd10Prefixes: jsonb("icd10_prefixes").$type<string[]>().notNull(),
    weightThresholdKg: numeric("weight_threshold_kg", { precision: 6, scale: 3 }).notNull(),
    /** [{ drug, weightBand, phase, doseMg, doseMgPerKg, everyWeeks, maxCycles, note }] */
    regimens: jsonb("regimens").$type<Record<string, unknown>[]>().notNull(),
    maxDurationMonths: integer("max_duration_months"),
    maxCycles: jsonb("max_cycles").$type<Record<string, number>>().notNull(),
    notes: text("notes"),
    /** where the label (or approval) for this indication was read; null for compendium uses */
    labelSource: text("label_source"),
    ...effective,
  },
  (t) => [uniqueIndex("indications_key_uq").on(t.key)],
);

export const adminCodes = pgTable(
  "admin_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    description: text("description").notNull(),
    /** chemo | therapeutic */
    family: text("family").notNull(),
    /** push_initial | push_sequential | infusion_initial | infusion_additional_hour | infusion_sequential | infusion_concurrent */
    role: text("role").notNull(),
    maxMinutes: integer("max_minutes"),
    baseMinutes: integer("base_minutes"),
    incrementMinutes: integer("increment_minutes"),
    thresholdMinutes: integer("threshold_minutes"),
    addOnTo: jsonb("add_on_to").$type<string[]>().notNull(),
    professionalInFacility: boolean("professional_in_facility").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("admin_codes_code_from_uq").on(t.code, t.effectiveFrom)],
);

export const modifiers = pgTable(
  "modifiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    description: text("description").notNull(),
    role: text("role").notNull(),
    allowedOnDrugOrAdmin: boolean("allowed_on_drug_or_admin").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("modifiers_code_from_uq").on(t.code, t.effectiveFrom)],
);

export const placesOfService = pgTable(
  "places_of_service",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    facility: boolean("facility").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("places_of_service_code_uq").on(t.code)],
);

export const revenueCodes = pgTable(
  "revenue_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    description: text("description").notNull(),
    use: text("use").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("revenue_codes_code_uq").on(t.code)],
);

export const claimFrequencies = pgTable(
  "claim_frequencies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frequency: text("frequency").notNull(),
    code: text("code").notNull(),
    needsPayerClaimNumber: boolean("needs_payer_claim_number").notNull(),
    source: text("source").notNull(),
  },
  (t) => [uniqueIndex("claim_frequencies_frequency_uq").on(t.frequency)],
);

export const adjustmentCodes = pgTable(
  "adjustment_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** CARC | RARC */
    type: text("type").notNull(),
    code: text("code").notNull(),
    /** current | deactivated */
    status: text("status").notNull(),
    description: text("description").notNull(),
    category: text("category").notNull(),
    recommendedAction: text("recommended_action").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("adjustment_codes_type_code_uq").on(t.type, t.code)],
);

export const payerProfileTemplates = pgTable(
  "payer_profile_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** MCR, MA, MCD-UN, COMM, COMM-NOJZ */
    key: text("key").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    wasteModifiers: text("waste_modifiers").notNull(),
    ndc: text("ndc").notNull(),
    priorAuthRequired: boolean("prior_auth_required").notNull(),
    timelyFilingDays: integer("timely_filing_days"),
    timelyFilingMonths: integer("timely_filing_months"),
    appealDays: integer("appeal_days"),
    freeDrug: text("free_drug").notNull(),
    doseRoundingPercent: numeric("dose_rounding_percent", { precision: 5, scale: 2 }),
    unitCaps: jsonb("unit_caps").$type<Record<string, number>>().notNull(),
    claimFilingIndicator: text("claim_filing_indicator").notNull(),
    /** SBR09 on 837I claims when it differs (MA for Medicare) */
    institutionalClaimFilingIndicator: text("institutional_claim_filing_indicator"),
    /** jg_tb | ud | none */
    modifier340b: text("modifier_340b").notNull().default("none"),
    /** usual_charge | acquisition_cost */
    charge340b: text("charge_340b").notNull().default("usual_charge"),
    /** administered_line | waste_line */
    ndcUnPartialVial: text("ndc_un_partial_vial").notNull().default("administered_line"),
    ...effective,
  },
  (t) => [uniqueIndex("payer_profile_templates_key_uq").on(t.key)],
);

export const aspPrices = pgTable(
  "asp_prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hcpcs: text("hcpcs").notNull(),
    quarter: text("quarter").notNull(),
    basedOnAsp: text("based_on_asp").notNull(),
    /** dollars per billing unit */
    paymentLimit: numeric("payment_limit", { precision: 12, scale: 3 }).notNull(),
    coinsurancePercent: integer("coinsurance_percent").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }).notNull(),
    source: text("source").notNull(),
  },
  (t) => [uniqueIndex("asp_prices_hcpcs_quarter_uq").on(t.hcpcs, t.quarter)],
);

/**
 * Denial rules (issue 11): for a payer adjustment (CARC, optionally only with a group or a RARC),
 * whether it is a denial and, if so, its category, usual action and explanation. Empty group/rarc
 * means "any"; the classifier (server/domain/denials) picks the most specific row.
 */
export const denialRules = pgTable(
  "denial_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carc: text("carc").notNull(),
    group: text("adjustment_group"),
    rarc: text("rarc"),
    /** denial | posting */
    kind: text("kind").notNull(),
    category: text("category"),
    action: text("action"),
    explanation: text("explanation").notNull(),
    source: text("source").notNull(),
  },
  (t) => [index("denial_rules_carc_idx").on(t.carc)],
);

/** Which modifier a context requires (340B by payer policy and entity type, PO/PN by site), by date. */
export const modifierRules = pgTable(
  "modifier_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** stable id, e.g. 340b-2024-jg */
    key: text("key").notNull(),
    /** 340b | hospital_site */
    role: text("role").notNull(),
    /** jg_tb | ud (340B rows); null for site rows */
    policy: text("policy"),
    entityTypes: jsonb("entity_types").$type<string[]>().notNull(),
    sites: jsonb("sites").$type<string[]>().notNull(),
    claimTypes: jsonb("claim_types").$type<string[]>().notNull(),
    modifier: text("modifier").notNull(),
    alsoAccepted: jsonb("also_accepted").$type<string[]>().notNull(),
    note: text("note"),
    ...effective,
  },
  (t) => [uniqueIndex("modifier_rules_key_uq").on(t.key)],
);

/** Office/outpatient E/M visit codes and what a drug-administration claim needs with them (modifier 25). */
export const emCodes = pgTable(
  "em_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    description: text("description").notNull(),
    level: integer("level").notNull(),
    modifierWithDrugAdministration: text("modifier_with_drug_administration").notNull(),
    notPayableWithChemoAdministration: boolean("not_payable_with_chemo_administration").notNull(),
    ...effective,
  },
  (t) => [uniqueIndex("em_codes_code_from_uq").on(t.code, t.effectiveFrom)],
);
