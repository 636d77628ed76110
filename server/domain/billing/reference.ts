/**
 * Reference data the billing engine takes as plain input (drug catalog, NDC crosswalk, ICD-10-CM,
 * indications, administration codes, modifiers, payer templates, CARC/RARC, ASP limits).
 *
 * The engine never reads files: callers load the seed JSON (db/seed/reference) or the database
 * rows, run `validateReferenceData`, then `prepareReference` once and reuse the result.
 * Exact decimals (mg, mL, dollars) stay strings here; prepare.ts turns them into scaled integers.
 */
import { z } from "zod";
import { denialRuleKey, ZDenialRuleRow, type TDenialRuleRow } from "../denials/rules";

const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date YYYY-MM-DD");
const ZOptDate = ZIsoDate.nullable().optional();
/** Non-negative decimal with at most 3 decimals, written as a string so it stays exact. */
const ZDecimal = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, "must be a decimal string with at most 3 decimals, e.g. \"2.4\"");
const ZSource = z.string().min(1, "every row must cite its source");
const effective = { effectiveFrom: ZOptDate, effectiveTo: ZOptDate, source: ZSource };

export const ZDrugRow = z.object({
  hcpcs: z.string().regex(/^[A-Z]\d{4}$/, "HCPCS must be a letter and 4 digits"),
  drug: z.string().min(1),
  brand: z.string().min(1),
  descriptor: z.string().min(1),
  /** amount of drug in one billing unit, e.g. "10" for J9173 */
  unitAmount: ZDecimal,
  unitOfMeasure: z.literal("mg"),
  route: z.string(),
  singleDose: z.boolean(),
  /** monoclonal antibody / complex biologic: administration belongs to the 96401-96549 family */
  complexBiologic: z.boolean(),
  checkpointInhibitor: z.boolean(),
  ...effective,
});

export const NDC_STATUSES = ["finished", "bulk", "obsolete"] as const;
export const ZNdcPackageRow = z.object({
  ndc11: z.string().regex(/^\d{11}$/, "ndc11 must be 11 digits without hyphens"),
  labelNdc: z.string(),
  labeler: z.string(),
  drug: z.string(),
  hcpcs: z.string().nullable(),
  description: z.string(),
  packageMg: ZDecimal.nullable(),
  packageMl: ZDecimal.nullable(),
  packageQuantity: z.number().int().positive(),
  billableUnits: z.number().int().positive().nullable(),
  status: z.enum(NDC_STATUSES),
  marketedFrom: ZOptDate,
  obsoleteFrom: ZOptDate,
  ...effective,
});

export const ZWrongCodeRow = z.object({
  code: z.string(),
  usedForDrug: z.string(),
  actualDrug: z.string(),
  correctCode: z.string(),
  explanation: z.string(),
  ...effective,
});

export const ZIcd10Row = z.object({
  code: z.string().regex(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/, "ICD-10-CM code with its dot, e.g. C34.11"),
  description: z.string(),
  billable: z.boolean(),
  ...effective,
});

export const WEIGHT_BANDS = ["at_or_above", "below"] as const;
export const ZRegimen = z.object({
  drug: z.string(),
  weightBand: z.enum(WEIGHT_BANDS),
  phase: z.string(),
  doseMg: ZDecimal.nullable(),
  doseMgPerKg: ZDecimal.nullable(),
  everyWeeks: z.number().int().positive().nullable(),
  maxCycles: z.number().int().positive().nullable(),
  note: z.string().nullable().optional(),
});

export const INDICATION_STATUSES = ["labelled", "withdrawn", "compendia"] as const;
export const ZIndicationRow = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  status: z.enum(INDICATION_STATUSES),
  labelDate: ZIsoDate,
  withdrawnDate: ZOptDate,
  drugs: z.array(z.string()).min(1),
  /** ICD-10-CM prefixes with dots as written (C34, C22.1); empty = any diagnosis (compendia) */
  icd10Prefixes: z.array(z.string()),
  weightThresholdKg: ZDecimal,
  regimens: z.array(ZRegimen),
  maxDurationMonths: z.number().int().positive().nullable(),
  maxCycles: z.record(z.string(), z.number().int().positive()),
  notes: z.string().nullable().optional(),
  /** where the label (or the approval) for this row was read: FDA label section, approval page; null for compendia uses */
  labelSource: z.string().min(1).nullable().default(null),
  ...effective,
});

export const ADMIN_FAMILIES = ["chemo", "therapeutic"] as const;
export const ADMIN_ROLES = [
  "push_initial",
  "push_sequential",
  "infusion_initial",
  "infusion_additional_hour",
  "infusion_sequential",
  "infusion_concurrent",
] as const;
export const ZAdminCodeRow = z.object({
  code: z.string().regex(/^\d{5}$/),
  description: z.string(),
  family: z.enum(ADMIN_FAMILIES),
  role: z.enum(ADMIN_ROLES),
  /** push codes: the longest administration still billed as a push */
  maxMinutes: z.number().int().positive().nullable(),
  /** initial/sequential infusion codes: minutes covered by one unit */
  baseMinutes: z.number().int().positive().nullable(),
  /** additional-hour codes: one unit per increment, only when more than thresholdMinutes of it were used */
  incrementMinutes: z.number().int().positive().nullable(),
  thresholdMinutes: z.number().int().nonnegative().nullable(),
  addOnTo: z.array(z.string()),
  /** false for 96401-96549: not reported by the physician in the facility setting */
  professionalInFacility: z.boolean(),
  ...effective,
});

export const MODIFIER_ROLES = [
  "waste",
  "zero_waste",
  "free_drug",
  "route",
  "340b",
  "hospital_site",
  "therapy_plan_of_care",
  "evaluation_management",
  "distinct_service",
] as const;
export const ZModifierRow = z.object({
  code: z.string().regex(/^[0-9A-Z]{2}$/),
  description: z.string(),
  role: z.enum(MODIFIER_ROLES),
  allowedOnDrugOrAdmin: z.boolean(),
  ...effective,
});

export const ZPlaceOfServiceRow = z.object({ code: z.string().regex(/^\d{2}$/), name: z.string(), facility: z.boolean(), ...effective });
export const ZRevenueCodeRow = z.object({
  code: z.string().regex(/^\d{4}$/),
  description: z.string(),
  use: z.enum(["drug", "chemo_administration", "therapeutic_administration", "evaluation_management"]),
  ...effective,
});

export const CLAIM_FREQUENCIES = ["original", "replacement", "void"] as const;
export const ZClaimFrequencyRow = z.object({
  frequency: z.enum(CLAIM_FREQUENCIES),
  code: z.string().regex(/^\d$/),
  needsPayerClaimNumber: z.boolean(),
  source: ZSource,
});

export const ADJUSTMENT_CATEGORIES = [
  "authorization",
  "coding-modifier",
  "ndc",
  "medical-necessity",
  "eligibility",
  "timely-filing",
  "duplicate",
  "units-mue",
  "bundling",
  "patient-responsibility",
  "contractual",
] as const;
export const ZAdjustmentCodeRow = z.object({
  type: z.enum(["CARC", "RARC"]),
  code: z.string().regex(/^[0-9A-Z]{1,6}$/),
  status: z.enum(["current", "deactivated"]),
  description: z.string(),
  category: z.enum(ADJUSTMENT_CATEGORIES),
  recommendedAction: z.string(),
  ...effective,
});

export const PAYER_KINDS = ["medicare", "medicare_advantage", "medicaid", "commercial"] as const;
export const WASTE_POLICIES = ["jw_jz", "jw_only", "none"] as const;
export const NDC_POLICIES = ["none", "ML", "UN"] as const;
/**
 * Free (manufacturer-supplied or replaced) drug: a drug line with FB and a $0.00 charge, no drug
 * line, or the drug's HCPCS at a nominal $0.01 on the same claim as the administration (CGS, NGS).
 */
export const FREE_DRUG_POLICIES = ["fb_zero_charge", "no_drug_line", "nominal_charge"] as const;
/** How drug bought under 340B is identified: Medicare's JG/TB by entity type, Medicaid's UD, or not at all. */
export const MODIFIER_340B_POLICIES = ["jg_tb", "ud", "none"] as const;
/** What a 340B drug line is charged: the practice's usual charge, or the actual acquisition cost (Medicaid). */
export const CHARGE_340B_RULES = ["usual_charge", "acquisition_cost"] as const;
/**
 * NDC quantity in containers (UN): which line counts the vial that was partly given and partly
 * discarded. Every other vial counts on the line whose units it held.
 */
export const NDC_UN_PARTIAL_VIAL = ["administered_line", "waste_line"] as const;
export const ZPayerProfileRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PAYER_KINDS),
  wasteModifiers: z.enum(WASTE_POLICIES),
  ndc: z.enum(NDC_POLICIES),
  priorAuthRequired: z.boolean(),
  timelyFilingDays: z.number().int().positive().nullable(),
  /** Medicare style: calendar months after the DOS (12 = one calendar year) */
  timelyFilingMonths: z.number().int().positive().nullable(),
  appealDays: z.number().int().positive().nullable(),
  freeDrug: z.enum(FREE_DRUG_POLICIES),
  // A number in seed JSON; an exact decimal string when read back from a numeric column.
  doseRoundingPercent: z.union([z.number(), z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).transform(Number)]).pipe(z.number().nonnegative().max(50)).nullable(),
  /** per-dose caps in billing units, by HCPCS */
  unitCaps: z.record(z.string(), z.number().int().positive()),
  claimFilingIndicator: z.string(),
  /** SBR09 on institutional claims (837I) when it differs, e.g. MA for Medicare (hospital claims go to Part A MACs) */
  institutionalClaimFilingIndicator: z.string().regex(/^[A-Z0-9]{2}$/).nullable().default(null),
  modifier340b: z.enum(MODIFIER_340B_POLICIES).default("none"),
  charge340b: z.enum(CHARGE_340B_RULES).default("usual_charge"),
  ndcUnPartialVial: z.enum(NDC_UN_PARTIAL_VIAL).default("administered_line"),
  ...effective,
});

/** 340B covered entity types as CMS's modifier instructions distinguish them. */
export const COVERED_ENTITY_TYPES = ["dsh", "rrc", "sch_urban", "sch_rural", "childrens", "cancer_exempt", "cah", "maryland", "grantee"] as const;
/** Where a hospital outpatient service is given (42 CFR 413.65): on the main campus, or off campus (excepted / not excepted under section 603 of the BBA 2015). */
export const HOSPITAL_SITES = ["on_campus", "off_campus_excepted", "off_campus_non_excepted"] as const;
export const MODIFIER_RULE_ROLES = ["340b", "hospital_site"] as const;
export const CLAIM_TYPES = ["professional", "institutional"] as const;

/**
 * Which modifier a line must carry in a context, by date: the 340B modifier by payer policy and
 * covered-entity type, the off-campus site modifier (PO/PN) by site. Empty lists match anything.
 * `alsoAccepted` are modifiers a payer still takes in that period (shown as a warning, not an error).
 */
export const ZModifierRuleRow = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  role: z.enum(MODIFIER_RULE_ROLES),
  policy: z.enum(MODIFIER_340B_POLICIES).nullable(),
  entityTypes: z.array(z.enum(COVERED_ENTITY_TYPES)),
  sites: z.array(z.enum(HOSPITAL_SITES)),
  claimTypes: z.array(z.enum(CLAIM_TYPES)).min(1),
  modifier: z.string().regex(/^[0-9A-Z]{2}$/),
  alsoAccepted: z.array(z.string().regex(/^[0-9A-Z]{2}$/)),
  note: z.string().nullable().optional(),
  ...effective,
});

/** Office or outpatient E/M visit codes and what a drug-administration claim needs with them. */
export const ZEmCodeRow = z.object({
  code: z.string().regex(/^\d{5}$/),
  description: z.string(),
  level: z.number().int().min(1).max(5),
  /** modifier the visit needs on the claim of a drug administration (25) */
  modifierWithDrugAdministration: z.string().regex(/^[0-9A-Z]{2}$/),
  /** Medicare pays no visit of this code with chemotherapy administration, with or without the modifier (99211) */
  notPayableWithChemoAdministration: z.boolean(),
  ...effective,
});

export const ZAspPriceRow = z.object({
  hcpcs: z.string().regex(/^[A-Z]\d{4}$/, "HCPCS must be a letter and 4 digits"),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/),
  basedOnAsp: z.string(),
  /** dollars per billing unit, at most 3 decimals */
  paymentLimit: ZDecimal,
  coinsurancePercent: z.number().int().min(0).max(100),
  effectiveFrom: ZIsoDate,
  effectiveTo: ZIsoDate,
  source: ZSource,
});

/** One schema per table, keyed like ReferenceData. */
export const referenceTableSchemas = {
  drugs: ZDrugRow,
  ndcPackages: ZNdcPackageRow,
  wrongCodes: ZWrongCodeRow,
  icd10Codes: ZIcd10Row,
  indications: ZIndicationRow,
  adminCodes: ZAdminCodeRow,
  modifiers: ZModifierRow,
  placesOfService: ZPlaceOfServiceRow,
  revenueCodes: ZRevenueCodeRow,
  claimFrequencies: ZClaimFrequencyRow,
  adjustmentCodes: ZAdjustmentCodeRow,
  payerProfiles: ZPayerProfileRow,
  aspPrices: ZAspPriceRow,
  denialRules: ZDenialRuleRow,
  modifierRules: ZModifierRuleRow,
  emCodes: ZEmCodeRow,
} as const;

export type TDrugRow = z.infer<typeof ZDrugRow>;
export type TNdcPackageRow = z.infer<typeof ZNdcPackageRow>;
export type TWrongCodeRow = z.infer<typeof ZWrongCodeRow>;
export type TIcd10Row = z.infer<typeof ZIcd10Row>;
export type TRegimen = z.infer<typeof ZRegimen>;
export type TIndicationRow = z.infer<typeof ZIndicationRow>;
export type TAdminCodeRow = z.infer<typeof ZAdminCodeRow>;
export type TModifierRow = z.infer<typeof ZModifierRow>;
export type TPlaceOfServiceRow = z.infer<typeof ZPlaceOfServiceRow>;
export type TRevenueCodeRow = z.infer<typeof ZRevenueCodeRow>;
export type TClaimFrequencyRow = z.infer<typeof ZClaimFrequencyRow>;
export type TAdjustmentCodeRow = z.infer<typeof ZAdjustmentCodeRow>;
export type TPayerProfileRow = z.infer<typeof ZPayerProfileRow>;
export type TAspPriceRow = z.infer<typeof ZAspPriceRow>;
export type TModifierRuleRow = z.infer<typeof ZModifierRuleRow>;
export type TEmCodeRow = z.infer<typeof ZEmCodeRow>;

export type ReferenceTable = keyof typeof referenceTableSchemas;

export interface ReferenceData {
  drugs: TDrugRow[];
  ndcPackages: TNdcPackageRow[];
  wrongCodes: TWrongCodeRow[];
  icd10Codes: TIcd10Row[];
  indications: TIndicationRow[];
  adminCodes: TAdminCodeRow[];
  modifiers: TModifierRow[];
  placesOfService: TPlaceOfServiceRow[];
  revenueCodes: TRevenueCodeRow[];
  claimFrequencies: TClaimFrequencyRow[];
  adjustmentCodes: TAdjustmentCodeRow[];
  payerProfiles: TPayerProfileRow[];
  aspPrices: TAspPriceRow[];
  denialRules: TDenialRuleRow[];
  modifierRules: TModifierRuleRow[];
  emCodes: TEmCodeRow[];
}

export interface ReferenceRowError {
  table: ReferenceTable | "(root)";
  /** 0-based row index in the table, or -1 for table-level problems */
  row: number;
  field: string;
  message: string;
}

export type ReferenceValidation = { ok: true; data: ReferenceData } | { ok: false; errors: ReferenceRowError[] };

/**
 * Validates parsed seed JSON (or DB rows mapped to the same shape) into ReferenceData.
 * Every bad row is reported with its table, index and field; nothing throws.
 */
export function validateReferenceData(raw: unknown): ReferenceValidation {
  const errors: ReferenceRowError[] = [];
  if (typeof raw !== "object" || raw === null) {
    return { ok: false, errors: [{ table: "(root)", row: -1, field: "", message: "reference data must be an object of tables" }] };
  }
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown[]> = {};
  for (const table of Object.keys(referenceTableSchemas) as ReferenceTable[]) {
    const rows = input[table];
    if (!Array.isArray(rows)) {
      errors.push({ table, row: -1, field: "", message: `table ${table} is missing or not an array` });
      continue;
    }
    const schema = referenceTableSchemas[table] as z.ZodType;
    const parsed: unknown[] = [];
    rows.forEach((row, i) => {
      const r = schema.safeParse(row);
      if (r.success) parsed.push(r.data);
      else for (const issue of r.error.issues) errors.push({ table, row: i, field: issue.path.join("."), message: issue.message });
    });
    out[table] = parsed;
  }
  if (errors.length === 0) crossCheck(out as unknown as ReferenceData, errors);
  return errors.length ? { ok: false, errors } : { ok: true, data: out as unknown as ReferenceData };
}

/** Relations between tables that a row schema cannot see. */
function crossCheck(ref: ReferenceData, errors: ReferenceRowError[]): void {
  const hcpcs = new Set(ref.drugs.map((d) => d.hcpcs));
  const drugNames = new Set(ref.drugs.map((d) => d.drug));
  const seenNdc = new Set<string>();
  ref.ndcPackages.forEach((p, i) => {
    const key = `${p.ndc11}|${p.effectiveFrom ?? ""}`;
    if (seenNdc.has(key)) errors.push({ table: "ndcPackages", row: i, field: "ndc11", message: `duplicate NDC ${p.ndc11} for the same effectiveFrom` });
    seenNdc.add(key);
    if (p.status === "finished" && (p.hcpcs === null || p.billableUnits === null || p.packageMg === null || p.packageMl === null)) {
      errors.push({ table: "ndcPackages", row: i, field: "hcpcs", message: "a finished package needs hcpcs, packageMg, packageMl and billableUnits" });
    }
    if (p.hcpcs !== null && !hcpcs.has(p.hcpcs)) errors.push({ table: "ndcPackages", row: i, field: "hcpcs", message: `unknown HCPCS ${p.hcpcs}` });
  });
  ref.indications.forEach((ind, i) => {
    for (const d of ind.drugs) if (!drugNames.has(d)) errors.push({ table: "indications", row: i, field: "drugs", message: `unknown drug ${d}` });
    ind.regimens.forEach((r, j) => {
      if ((r.doseMg === null) === (r.doseMgPerKg === null)) {
        errors.push({ table: "indications", row: i, field: `regimens.${j}`, message: "a regimen has exactly one of doseMg / doseMgPerKg" });
      }
    });
  });
  ref.aspPrices.forEach((p, i) => {
    if (!hcpcs.has(p.hcpcs)) errors.push({ table: "aspPrices", row: i, field: "hcpcs", message: `unknown HCPCS ${p.hcpcs}: add it to the drug catalog first` });
    if (p.effectiveTo < p.effectiveFrom) errors.push({ table: "aspPrices", row: i, field: "effectiveTo", message: "effectiveTo is before effectiveFrom" });
  });
  ref.wrongCodes.forEach((w, i) => {
    if (!hcpcs.has(w.correctCode)) errors.push({ table: "wrongCodes", row: i, field: "correctCode", message: `unknown HCPCS ${w.correctCode}` });
  });
  for (const role of ["infusion_initial", "infusion_additional_hour", "infusion_sequential", "push_initial"] as const) {
    if (!ref.adminCodes.some((a) => a.family === "chemo" && a.role === role)) {
      errors.push({ table: "adminCodes", row: -1, field: "role", message: `no chemo administration code with role ${role}` });
    }
  }
  crossCheckDenialRules(ref, errors);
  for (const role of ["waste", "zero_waste", "free_drug"] as const) {
    if (!ref.modifiers.some((m) => m.role === role)) errors.push({ table: "modifiers", row: -1, field: "role", message: `no modifier with role ${role}` });
  }
  const modifierCodes = new Set(ref.modifiers.map((m) => m.code));
  ref.modifierRules.forEach((r, i) => {
    for (const m of [r.modifier, ...r.alsoAccepted]) {
      if (!modifierCodes.has(m)) errors.push({ table: "modifierRules", row: i, field: "modifier", message: `modifier ${m} is not in the modifier table` });
    }
    if ((r.role === "340b") !== (r.policy !== null)) errors.push({ table: "modifierRules", row: i, field: "policy", message: "a 340B rule names the payer policy it implements; a site rule has none" });
  });
  ref.emCodes.forEach((e, i) => {
    if (!modifierCodes.has(e.modifierWithDrugAdministration)) errors.push({ table: "emCodes", row: i, field: "modifierWithDrugAdministration", message: `modifier ${e.modifierWithDrugAdministration} is not in the modifier table` });
  });
}

/** Denial rules name codes of the CARC/RARC table (so every code shows in words) and never repeat a key. */
function crossCheckDenialRules(ref: ReferenceData, errors: ReferenceRowError[]): void {
  const carcs = new Set(ref.adjustmentCodes.filter((c) => c.type === "CARC").map((c) => c.code));
  const rarcs = new Set(ref.adjustmentCodes.filter((c) => c.type === "RARC").map((c) => c.code));
  const seen = new Set<string>();
  ref.denialRules.forEach((r, i) => {
    if (!carcs.has(r.carc)) errors.push({ table: "denialRules", row: i, field: "carc", message: `CARC ${r.carc} is not in the CARC/RARC table: add it there first` });
    if (r.rarc !== null && !rarcs.has(r.rarc)) errors.push({ table: "denialRules", row: i, field: "rarc", message: `RARC ${r.rarc} is not in the CARC/RARC table: add it there first` });
    const key = denialRuleKey(r);
    if (seen.has(key)) errors.push({ table: "denialRules", row: i, field: "carc", message: `another rule has the same CARC ${r.carc}, group ${r.group ?? "(any)"} and RARC ${r.rarc ?? "(any)"}` });
    seen.add(key);
  });
}
