/**
 * Input schema of a billing preview (issue 3 scenario format). Used by the CLI and by the
 * tRPC procedure `billing.preview`; messages name the field so forms can show them in place.
 */
import { z } from "zod";
import { isValidIsoDate } from "./dates";
import { hasAtMostDecimals } from "./exact";
import {
  CHARGE_340B_RULES,
  CLAIM_FREQUENCIES,
  COVERED_ENTITY_TYPES,
  FREE_DRUG_POLICIES,
  HOSPITAL_SITES,
  MODIFIER_340B_POLICIES,
  NDC_POLICIES,
  NDC_UN_PARTIAL_VIAL,
  PAYER_KINDS,
  WASTE_POLICIES,
} from "./reference";

export const ZIsoDate = z
  .string({ error: "must be an ISO date YYYY-MM-DD" })
  .refine(isValidIsoDate, { message: "must be a valid ISO date YYYY-MM-DD" });
export const ZClockTime = z
  .string({ error: "must be a time HH:MM" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time HH:MM, e.g. 10:00");

const ZAmount = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .positive(`${what} must be greater than 0`)
    .max(1_000_000, `${what} is implausibly large`)
    .refine((x) => hasAtMostDecimals(x, 3), { message: `${what} has more than 3 decimals` });

export const ZPayerInput = z.object({
  kind: z.enum(PAYER_KINDS, { error: `payer kind must be one of ${PAYER_KINDS.join(", ")}` }),
  wasteModifiers: z.enum(WASTE_POLICIES, { error: `wasteModifiers must be one of ${WASTE_POLICIES.join(", ")}` }),
  ndc: z.enum(NDC_POLICIES, { error: `ndc must be one of ${NDC_POLICIES.join(", ")}` }),
  priorAuthRequired: z.boolean({ error: "priorAuthRequired must be true or false" }),
  timelyFilingDays: z.number().int().positive("timelyFilingDays must be a positive whole number").optional(),
  /** payer profile template id (MCR, MA, MCD-UN, COMM, COMM-NOJZ); defaults by kind */
  profile: z.string().optional(),
  freeDrug: z.enum(FREE_DRUG_POLICIES).optional(),
  doseRoundingPercent: z.number().min(0).max(50, "doseRoundingPercent must be between 0 and 50").optional(),
  unitCaps: z.record(z.string(), z.number().int().positive()).optional(),
  appealDays: z.number().int().positive().optional(),
  /** SBR09 for 837P (overrides the template), e.g. MB, CI */
  claimFilingIndicator: z.string().regex(/^[A-Z0-9]{2}$/, "claimFilingIndicator is a 2-character X12 code such as MB or CI").optional(),
  /** SBR09 for 837I when it differs (Medicare: MA) */
  institutionalClaimFilingIndicator: z.string().regex(/^[A-Z0-9]{2}$/, "institutionalClaimFilingIndicator is a 2-character X12 code such as MA").optional(),
  /** how 340B drug is identified: JG/TB (Medicare), UD (Medicaid) or none */
  modifier340b: z.enum(MODIFIER_340B_POLICIES, { error: `modifier340b must be one of ${MODIFIER_340B_POLICIES.join(", ")}` }).optional(),
  /** what a 340B drug line is charged */
  charge340b: z.enum(CHARGE_340B_RULES, { error: `charge340b must be one of ${CHARGE_340B_RULES.join(", ")}` }).optional(),
  /** UN quantities: which line counts the vial that was partly given and partly discarded */
  ndcUnPartialVial: z.enum(NDC_UN_PARTIAL_VIAL, { error: `ndcUnPartialVial must be one of ${NDC_UN_PARTIAL_VIAL.join(", ")}` }).optional(),
});

export const ZOrderedDose = z.union([
  z.object({ mg: ZAmount("orderedDose.mg") }).strict(),
  z.object({ mgPerKg: ZAmount("orderedDose.mgPerKg") }).strict(),
], { error: "orderedDose must be { mg } or { mgPerKg }" });

export const ZVialInput = z.object({
  ndc: z.string({ error: "vial ndc must be a string such as 0310-4611-50" }).min(1, "vial ndc is empty"),
  count: z.number().int("vial count must be a whole number").positive("vial count must be at least 1").max(100),
});

export const ZDrugInput = z.object({
  drug: z.string({ error: "drug must be a drug name such as durvalumab" }).min(1),
  hcpcs: z.string().trim().toUpperCase().optional(),
  orderedDose: ZOrderedDose,
  administeredMg: ZAmount("administeredMg"),
  vials: z.array(ZVialInput).min(1, "at least one opened vial is needed"),
  discardedMg: z
    .number()
    .nonnegative("discardedMg cannot be negative")
    .refine((x) => hasAtMostDecimals(x, 3), { message: "discardedMg has more than 3 decimals" })
    .optional(),
  wasteDocumented: z.boolean().optional(),
  /** purchased (buy and bill), free (manufacturer program / replacement), or bought under 340B */
  source: z.enum(["purchased", "free", "340b"], { error: "source must be purchased, free or 340b" }).optional(),
  /** 340B actual acquisition cost per billing unit in dollars (at most 3 decimals), for payers that want it charged */
  acquisitionCostPerUnit: z
    .number()
    .nonnegative("acquisitionCostPerUnit cannot be negative")
    .refine((x) => hasAtMostDecimals(x, 3), { message: "acquisitionCostPerUnit has more than 3 decimals" })
    .optional(),
  /** documented reason the least-waste vials were not used (e.g. out of stock): allows billing the full waste */
  vialChoiceReason: z.string().trim().min(3, "vialChoiceReason needs a few words").max(500).optional(),
  /** the clinician's documented reason for a fixed dose under the weight threshold (from the order) */
  weightDoseOverrideReason: z.string().trim().min(3, "weightDoseOverrideReason needs a few words").max(500).optional(),
  infusion: z.object({ start: ZClockTime, end: ZClockTime.optional() }),
  firstDoseDate: ZIsoDate.optional(),
  /** cycle number in the whole regimen (1-based) */
  cycle: z.number().int().positive().optional(),
  /** the order's phase (label phase key such as with-chemotherapy, maintenance) */
  phase: z.string().trim().min(1).max(40).optional(),
});

/**
 * Another drug given the same day (etoposide, carboplatin, gemcitabine …): not in the catalog, so
 * the user gives its HCPCS and units; its infusion times count for the administration codes.
 */
export const ZOtherDrugInput = z.object({
  hcpcs: z
    .string({ error: "otherDrugs hcpcs is required" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]\d{4}$/, "otherDrugs hcpcs must be a HCPCS/CPT code such as J9045"),
  description: z.string().trim().max(100).optional(),
  units: z.number({ error: "otherDrugs units must be a number" }).int("otherDrugs units must be whole billing units").positive("otherDrugs units must be at least 1").max(9999),
  modifiers: z.array(z.string().trim().toUpperCase().regex(/^[0-9A-Z]{2}$/, "a modifier is 2 letters or digits")).max(4).default([]),
  ndc: ZLineNdcInputShape().optional(),
  /** how it was given: chemotherapy family (96409/96413…), therapeutic (96365/96374…), or not an infusion (no administration code) */
  administration: z.enum(["chemotherapy", "therapeutic", "none"]).default("chemotherapy"),
  infusion: z.object({ start: ZClockTime, end: ZClockTime.optional() }).optional(),
  charge: z.number().nonnegative().optional(),
});

/** Where the service was given: the hospital site (PO/PN on 837I) and the 340B covered-entity type. */
export const ZSiteInput = z.object({
  hospitalSite: z.enum(HOSPITAL_SITES, { error: `site.hospitalSite must be one of ${HOSPITAL_SITES.join(", ")}` }).optional(),
  coveredEntityType: z.enum(COVERED_ENTITY_TYPES, { error: `site.coveredEntityType must be one of ${COVERED_ENTITY_TYPES.join(", ")}` }).optional(),
});

function ZLineNdcInputShape() {
  return z.union([
    z.string().min(1),
    z.object({
      code: z.string().min(1),
      unit: z.string().optional(),
      quantity: z
        .number()
        .positive()
        .refine((x) => hasAtMostDecimals(x, 3), { message: "NDC quantity has more than 3 decimals" })
        .optional(),
    }),
    z.null(),
  ]);
}

export const ZLineNdcInput = ZLineNdcInputShape();

export const ZLineInput = z.object({
  code: z.string({ error: "line code is required" }).trim().toUpperCase().pipe(z.string().min(1, "line code is empty")),
  modifiers: z.array(z.string().trim().toUpperCase()).max(4, "at most 4 modifiers per line").default([]),
  units: z.number({ error: "line units must be a number" }).int("line units must be whole billing units").positive("line units must be at least 1"),
  ndc: ZLineNdcInput.optional(),
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4).optional(),
  charge: z.number().nonnegative().optional(),
});

export const ZPriorAuthInput = z.object({
  number: z.string().min(1, "prior auth number is empty"),
  start: ZIsoDate,
  end: ZIsoDate,
  hcpcs: z.string().trim().toUpperCase(),
  approvedUnits: z.number().int().nonnegative(),
  usedUnits: z.number().int().nonnegative().default(0),
});

export const ZPreviousClaim = z.object({
  dateOfService: ZIsoDate,
  status: z.enum(["submitted", "accepted", "paid", "denied", "rejected"]),
  frequency: z.enum(CLAIM_FREQUENCIES).optional(),
  payerClaimNumber: z.string().optional(),
  lines: z.array(ZLineInput),
});

export const ZScenario = z
  .object({
    claimType: z.enum(["professional", "institutional"], { error: "claimType must be professional or institutional" }),
    placeOfService: z.string().regex(/^\d{2}$/, "placeOfService must be 2 digits, e.g. 11").optional(),
    typeOfBill: z.string().regex(/^0?\d{3}$/, "typeOfBill must be 3 or 4 digits, e.g. 0131").optional(),
    dateOfService: ZIsoDate,
    today: ZIsoDate.optional(),
    payer: ZPayerInput,
    patient: z.object({ weightKg: ZAmount("patient.weightKg").pipe(z.number().max(500, "patient.weightKg is implausible")) }),
    diagnoses: z
      .array(z.string().trim().toUpperCase().regex(/^[A-TV-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/, "not an ICD-10-CM code (e.g. C34.11)"))
      .min(1, "at least one diagnosis is needed")
      .max(12, "an 837 carries at most 12 diagnoses"),
    indication: z.string().optional(),
    drugs: z.array(ZDrugInput).min(1, "at least one drug is needed"),
    /** other drugs given the same day (same-day chemotherapy), billed with the user's units */
    otherDrugs: z.array(ZOtherDrugInput).max(20).optional(),
    site: ZSiteInput.optional(),
    adminCodes: z.array(z.string().trim().regex(/^\d{5}$/, "administration codes are 5-digit CPT codes")).optional(),
    lines: z.array(ZLineInput).min(1, "lines, when given, cannot be empty").optional(),
    priorAuth: z.union([ZPriorAuthInput, z.array(ZPriorAuthInput)]).optional(),
    frequency: z.enum(CLAIM_FREQUENCIES).default("original"),
    payerClaimNumber: z.string().trim().min(1).optional(),
    previousClaims: z.array(ZPreviousClaim).optional(),
    charges: z.record(z.string(), z.number().nonnegative("a price cannot be negative")).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.today !== undefined && s.today < s.dateOfService) {
      ctx.addIssue({ code: "custom", path: ["today"], message: "today is before the date of service" });
    }
    const pas = s.priorAuth === undefined ? [] : Array.isArray(s.priorAuth) ? s.priorAuth : [s.priorAuth];
    pas.forEach((pa, i) => {
      if (pa.end < pa.start) ctx.addIssue({ code: "custom", path: ["priorAuth", ...(Array.isArray(s.priorAuth) ? [i] : []), "end"], message: "prior auth end is before its start" });
    });
    s.drugs.forEach((d, i) => {
      if (d.firstDoseDate !== undefined && d.firstDoseDate > s.dateOfService) {
        ctx.addIssue({ code: "custom", path: ["drugs", i, "firstDoseDate"], message: "firstDoseDate is after the date of service" });
      }
    });
  });

export type TScenarioInput = z.input<typeof ZScenario>;
export type TScenario = z.output<typeof ZScenario>;
export type TLineInput = z.output<typeof ZLineInput>;
export type TDrugInput = z.output<typeof ZDrugInput>;
export type TPriorAuthInput = z.output<typeof ZPriorAuthInput>;
export type TOtherDrugInput = z.output<typeof ZOtherDrugInput>;

export interface ScenarioFieldError {
  field: string;
  message: string;
}

/** Zod issues -> `{ field: "drugs.0.infusion.start", message }` list. */
export function scenarioFieldErrors(error: z.ZodError): ScenarioFieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(root)", message: i.message }));
}
