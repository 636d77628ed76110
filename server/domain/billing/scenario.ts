/**
 * Input schema of a billing preview (issue 3 scenario format). Used by the CLI and by the
 * tRPC procedure `billing.preview`; messages name the field so forms can show them in place.
 */
import { z } from "zod";
import { isValidIsoDate } from "./dates";
import { hasAtMostDecimals } from "./exact";
import { CLAIM_FREQUENCIES, FREE_DRUG_POLICIES, NDC_POLICIES, PAYER_KINDS, WASTE_POLICIES } from "./reference";

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
  source: z.enum(["purchased", "free"]).optional(),
  infusion: z.object({ start: ZClockTime, end: ZClockTime.optional() }),
  firstDoseDate: ZIsoDate.optional(),
  cycle: z.number().int().positive().optional(),
});

export const ZLineNdcInput = z.union([
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

export interface ScenarioFieldError {
  field: string;
  message: string;
}

/** Zod issues -> `{ field: "drugs.0.infusion.start", message }` list. */
export function scenarioFieldErrors(error: z.ZodError): ScenarioFieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(root)", message: i.message }));
}
