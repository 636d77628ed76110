import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zText } from "@/server/api/zod-text";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import {
  COMBINATION_DRUGS,
  DOSE_KINDS,
  MAX_ORDER_DIAGNOSES,
  MAX_ORDER_DURATION_MONTHS,
  ORDER_FREQUENCIES,
} from "@/server/domain/orders/codes";
import { ADMINISTRATION_STATES, NOT_GIVEN_REASONS } from "@/server/domain/workflow/administration";
import { ORDER_STATES } from "@/server/domain/workflow/order";

/* Client-safe: the order form uses these with zodResolver, procedures with .input(). */

const ZIsoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine(isValidIsoDate, `Enter the ${label} as a real date, e.g. 2026-09-14.`);

/** An exact decimal written as text (mg, mg/kg): no float ever touches a dose. */
const ZDoseAmount = z
  .string({ error: "Enter the dose." })
  .trim()
  .min(1, "Enter the dose.")
  .regex(/^\d{1,5}(\.\d{1,3})?$/, "Enter the dose as a number with at most 3 decimals, e.g. 1500 or 10.")
  .refine((v) => Number(v) > 0, "The dose must be more than 0.");

export const ZWeightKg = z
  .string({ error: "Enter the weight in kg." })
  .trim()
  .min(1, "Enter the weight in kg.")
  .regex(/^\d{1,3}(\.\d)?$/, "Enter the weight in kg with at most one decimal, e.g. 67.3.")
  .refine((v) => Number(v) >= 1 && Number(v) <= 400, "The weight must be between 1 and 400 kg.");

/** ICD-10-CM as typed (c3411, C34.11) → upper case with its dot (C34.11). */
export const ZIcd10 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d[0-9A-Z]\.?[0-9A-Z]{0,4}$/, "Enter an ICD-10-CM code such as C34.11.")
  .transform((v) => {
    const c = v.replace(".", "");
    return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
  });

export const ZOrderFrequency = z.enum(ORDER_FREQUENCIES, { error: "Choose q2w, q3w or q4w." });
export const ZDoseKind = z.enum(DOSE_KINDS, { error: "Choose a fixed (mg) or weight-based (mg/kg) dose." });

export const ZOrderPhase = z.object({
  name: z.string().trim().min(1, "Name the phase, e.g. maintenance.").max(40, "Use at most 40 characters for the phase name."),
  doseKind: ZDoseKind,
  doseAmount: ZDoseAmount,
  frequency: ZOrderFrequency,
  cycles: z
    .number({ error: "Enter the number of cycles." })
    .int("The number of cycles is a whole number.")
    .min(1, "At least 1 cycle.")
    .max(100, "At most 100 cycles.")
    .nullable(),
});

export const ZOrderCombination = z.object({
  drug: z.enum(COMBINATION_DRUGS, { error: "Choose the combination drug." }),
  doseKind: ZDoseKind,
  doseAmount: ZDoseAmount,
  withAdministrations: z
    .array(z.number().int().min(1, "Infusions are numbered from 1.").max(200), { error: "List the infusions it is given with." })
    .min(1, "List the infusions it is given with, e.g. 1.")
    .max(20, "At most 20 combination doses.")
    .refine((a) => new Set(a).size === a.length, "Each infusion is listed once.")
    .transform((a) => [...a].sort((x, y) => x - y)),
});

const orderFieldShape = {
  indicationId: z.string({ error: "Choose the indication." }).trim().min(1, "Choose the indication.").max(100),
  diagnoses: z
    .array(ZIcd10, { error: "Enter the diagnoses." })
    .min(1, "Enter the principal diagnosis (ICD-10-CM).")
    .max(MAX_ORDER_DIAGNOSES, `At most ${MAX_ORDER_DIAGNOSES} diagnoses.`)
    .refine((a) => new Set(a).size === a.length, "A diagnosis is listed twice."),
  phases: z.array(ZOrderPhase).min(1, "The regimen needs at least one phase.").max(2, "A regimen has at most two phases."),
  durationMonths: z
    .number({ error: "Enter the duration in months." })
    .int("The duration is a whole number of months.")
    .min(1, "At least 1 month.")
    .max(MAX_ORDER_DURATION_MONTHS, `At most ${MAX_ORDER_DURATION_MONTHS} months.`)
    .nullable(),
  combination: ZOrderCombination.nullable(),
  startDate: ZIsoDate("start date"),
  orderingProviderId: z.uuid("Choose the ordering provider."),
  locationId: z.uuid("Choose the location."),
  weightKg: ZWeightKg,
  notes: z
    .string()
    .trim()
    .max(1000, "Use at most 1000 characters for the notes.")
    .nullish()
    .transform((v) => (v ? v : null)),
};

type PlanShape = { phases: { cycles: number | null }[]; durationMonths: number | null };
function refinePlan(v: PlanShape, ctx: z.RefinementCtx) {
  v.phases.forEach((p, i) => {
    if (p.cycles === null && i < v.phases.length - 1) {
      ctx.addIssue({ code: "custom", path: ["phases", i, "cycles"], message: "Only the last phase may be open-ended; enter the number of cycles." });
    }
  });
  const last = v.phases[v.phases.length - 1];
  if (last && last.cycles === null && v.durationMonths === null) {
    ctx.addIssue({ code: "custom", path: ["durationMonths"], message: "Enter the number of cycles or a treatment duration." });
  }
}

export const ZOrderFields = z.object(orderFieldShape);
export const ZCreateOrder = z.object({ patientId: z.uuid("Choose the patient."), ...orderFieldShape }).superRefine(refinePlan);
export type TCreateOrderInput = z.input<typeof ZCreateOrder>;
export type TCreateOrder = z.output<typeof ZCreateOrder>;

export const ZOrderId = z.object({ orderId: z.uuid("Not a valid order id.") });
export const ZUpdateOrder = z
  .object({ orderId: z.uuid("Not a valid order id."), version: z.number().int().min(1), ...orderFieldShape })
  .superRefine(refinePlan);
export type TUpdateOrder = z.output<typeof ZUpdateOrder>;

export const ZSignOrder = ZOrderId.extend({ version: z.number().int().min(1).optional() });
export const ZDiscontinueOrder = ZOrderId.extend({
  reason: z.string({ error: "Give the reason." }).trim().min(3, "Give the reason (at least 3 characters).").max(500, "Use at most 500 characters."),
});
/** The clinician's documented reason for a fixed dose under the label's weight threshold. */
export const ZWeightDoseOverride = ZOrderId.extend({
  version: z.number().int().min(1).optional(),
  reason: zText("clinician's reason", { min: 10, max: 500 }),
});
export type TWeightDoseOverride = z.input<typeof ZWeightDoseOverride>;
export const ZRescheduleAdministration = z.object({
  administrationId: z.uuid("Not a valid administration id."),
  plannedDate: ZIsoDate("new date"),
  reason: z.string({ error: "Give the reason." }).trim().min(3, "Give the reason (at least 3 characters).").max(500, "Use at most 500 characters."),
});
export type TRescheduleAdministration = z.output<typeof ZRescheduleAdministration>;

/** orders.check takes what the form has so far: anything missing or malformed is simply not checked. */
export const ZCheckOrder = z.object({
  indicationId: z.string().max(100).optional(),
  diagnoses: z.array(z.string().max(12)).max(20).optional(),
  weightKg: z.string().max(12).optional(),
  startDate: z.string().max(12).optional(),
  phases: z
    .array(
      z.object({
        name: z.string().max(40),
        doseKind: ZDoseKind,
        doseAmount: z.string().max(12),
        frequency: ZOrderFrequency,
        cycles: z.number().int().min(1).max(100).nullable(),
      }),
    )
    .max(2)
    .optional(),
  durationMonths: z.number().int().min(1).max(MAX_ORDER_DURATION_MONTHS).nullable().optional(),
  combination: z
    .object({ drug: z.enum(COMBINATION_DRUGS), doseKind: ZDoseKind, doseAmount: z.string().max(12), withAdministrations: z.array(z.number().int().min(1).max(200)).max(20) })
    .nullable()
    .optional(),
});
export type TCheckOrder = z.infer<typeof ZCheckOrder>;

export const ZOrderStatus = z.enum(ORDER_STATES);
export const ORDER_SORTS = ["created", "start", "patient", "status"] as const;
export const ZOrderListParams = zListParams(ORDER_SORTS, { sort: "created", dir: "desc" }).extend({
  status: z.enum(ORDER_STATES, { error: `Status must be one of: ${ORDER_STATES.join(", ")}.` }).optional(),
  indicationId: z.string().trim().max(100).optional(),
  patientId: z.uuid("Not a valid patient id.").optional(),
});
export type TOrderListParams = z.output<typeof ZOrderListParams>;

/* ---------- outputs ---------- */

export const ZOrderFinding = z.object({
  field: z.string(),
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  suggestedFix: z.string().optional(),
  source: z.string(),
  /** the clinician's documented reason can turn this error into a warning (recorded on the order) */
  overridable: z.literal("weight_dose").optional(),
});
export type TOrderFinding = z.infer<typeof ZOrderFinding>;

export const ZPlannedAdministration = z.object({
  sequence: z.number(),
  cycle: z.number(),
  day: z.number(),
  phaseIndex: z.number(),
  phaseName: z.string(),
  plannedDate: z.string(),
  includesCombination: z.boolean(),
});

export const ZCheckResult = z.object({
  findings: z.array(ZOrderFinding),
  calendar: z.array(ZPlannedAdministration).nullable(),
  phaseDosesMg: z.array(z.string().nullable()),
  hasErrors: z.boolean(),
});
export type TCheckResult = z.infer<typeof ZCheckResult>;

const ZPhaseOut = z.object({ name: z.string(), doseKind: ZDoseKind, doseAmount: z.string(), frequency: ZOrderFrequency, cycles: z.number().nullable() });
const ZCombinationOut = z.object({ drug: z.enum(COMBINATION_DRUGS), doseKind: ZDoseKind, doseAmount: z.string(), withAdministrations: z.array(z.number()) });

export const ZOrder = z.object({
  id: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  indicationId: z.string(),
  diagnoses: z.array(z.string()),
  phases: z.array(ZPhaseOut),
  durationMonths: z.number().nullable(),
  combination: ZCombinationOut.nullable(),
  startDate: z.string(),
  orderingProviderId: z.string(),
  locationId: z.string(),
  weightKg: z.string(),
  notes: z.string().nullable(),
  status: ZOrderStatus,
  version: z.number(),
  signedAt: z.date().nullable(),
  activatedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  discontinuedAt: z.date().nullable(),
  discontinueReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZAdministrationRow = z.object({
  id: z.string(),
  sequence: z.number(),
  cycle: z.number(),
  day: z.number(),
  phaseIndex: z.number(),
  includesCombination: z.boolean(),
  plannedDate: z.string(),
  originalPlannedDate: z.string(),
  status: z.enum(ADMINISTRATION_STATES),
  notGivenReason: z.enum(NOT_GIVEN_REASONS).nullable(),
  notGivenNote: z.string().nullable(),
});
export type TAdministrationRow = z.infer<typeof ZAdministrationRow>;

export const ORDER_ACTIONS = ["edit", "sign", "complete", "discontinue", "reschedule", "weight_dose_override"] as const;
export const ZOrderDetail = ZOrder.extend({
  patient: z.object({ id: z.string(), mrn: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }),
  indicationName: z.string(),
  orderingProviderName: z.string(),
  locationName: z.string(),
  signedByName: z.string().nullable(),
  discontinuedByName: z.string().nullable(),
  /** the clinician's documented reason for a fixed dose under the weight threshold, with who recorded it when */
  weightDoseOverride: z.object({ reason: z.string(), clinicianName: z.string().nullable(), recordedByName: z.string().nullable(), recordedAt: z.date() }).nullable(),
  administrations: z.array(ZAdministrationRow),
  checks: ZCheckResult,
  /** what the caller may do now (state machine × role) */
  actions: z.array(z.enum(ORDER_ACTIONS)),
});
export type TOrderDetail = z.infer<typeof ZOrderDetail>;

export const ZOrderListItem = z.object({
  id: z.string(),
  status: ZOrderStatus,
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  indicationId: z.string(),
  indicationName: z.string(),
  regimen: z.string(),
  startDate: z.string(),
  orderingProviderName: z.string(),
  administrationsTotal: z.number(),
  administrationsGiven: z.number(),
  nextPlannedDate: z.string().nullable(),
  createdAt: z.date(),
});
export type TOrderListItem = z.infer<typeof ZOrderListItem>;
export const ZOrderPage = zPage(ZOrderListItem);

const ZLabelRegimen = z.object({
  band: z.enum(["at_or_above", "below"]),
  phases: z.array(ZPhaseOut),
  options: z.array(
    z.array(z.object({ phase: z.string(), doseKind: ZDoseKind, doseAmount: z.string(), frequency: ZOrderFrequency, maxCycles: z.number().nullable(), note: z.string().nullable() })),
  ),
  durationMonths: z.number().nullable(),
  combination: ZCombinationOut.nullable(),
});
export type TLabelRegimen = z.infer<typeof ZLabelRegimen>;

export const ZOrderReference = z.object({
  indications: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(["labelled", "withdrawn", "compendia"]),
      labelDate: z.string(),
      withdrawnDate: z.string().nullable(),
      icd10Prefixes: z.array(z.string()),
      weightThresholdKg: z.string(),
      maxDurationMonths: z.number().nullable(),
      maxCycles: z.record(z.string(), z.number()),
      combinationDrug: z.enum(COMBINATION_DRUGS).nullable(),
      regimens: z.object({ at_or_above: ZLabelRegimen, below: ZLabelRegimen }),
    }),
  ),
  icd10: z.array(z.object({ code: z.string(), description: z.string() })),
  providers: z.array(z.object({ id: z.string(), name: z.string(), npi: z.string() })),
  locations: z.array(z.object({ id: z.string(), name: z.string(), placeOfService: z.string() })),
});
export type TOrderReference = z.infer<typeof ZOrderReference>;
