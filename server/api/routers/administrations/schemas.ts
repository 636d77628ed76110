import { z } from "zod";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import { ACQUISITION_SOURCES, CLOCK_TIME, DOCUMENTED_DRUGS, MIN_ACK_REASON, OTHER_DRUG_ADMINISTRATIONS } from "@/server/domain/documentation/codes";
import { ADMINISTRATION_STATES, CLOSE_OUTCOMES, NOT_GIVEN_REASONS } from "@/server/domain/workflow/administration";

/* Client-safe: the documentation form uses these with zodResolver, procedures with .input(). */

/** "" and whitespace become null: a draft may leave anything empty; the checklist says what billing needs. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const optionalText = (label: string, max: number) =>
  z.preprocess(blank, z.string({ error: `Enter the ${label}.` }).trim().max(max, `Use at most ${max} characters for the ${label}.`).nullable().default(null));

const optionalDate = (label: string) =>
  z.preprocess(
    blank,
    z
      .string({ error: `Enter the ${label} as a date.` })
      .trim()
      .refine(isValidIsoDate, `Enter the ${label} as a real date, e.g. 2026-09-14.`)
      .nullable()
      .default(null),
  );

const optionalTime = (label: string) =>
  z.preprocess(blank, z.string({ error: `Enter the ${label}.` }).trim().regex(CLOCK_TIME, `Enter the ${label} as a 24-hour time HH:MM, e.g. 10:00.`).nullable().default(null));

/** Exact mg as text: no float ever touches a drug amount. */
const optionalMg = (label: string, allowZero: boolean) =>
  z.preprocess(
    blank,
    z
      .string({ error: `Enter the ${label}.` })
      .trim()
      .regex(/^\d{1,5}(\.\d{1,3})?$/, `Enter the ${label} in mg with at most 3 decimals, e.g. 673 or 67.5.`)
      .refine((v) => allowZero || Number(v) > 0, `The ${label} must be more than 0 mg.`)
      .nullable()
      .default(null),
  );

export const ZWeightKgOptional = z.preprocess(
  blank,
  z
    .string({ error: "Enter the weight in kg." })
    .trim()
    .regex(/^\d{1,3}(\.\d)?$/, "Enter the weight in kg with at most one decimal, e.g. 67.3.")
    .refine((v) => Number(v) >= 1 && Number(v) <= 400, "The weight must be between 1 and 400 kg.")
    .nullable()
    .default(null),
);

export const ZVialInput = z.object({
  ndc: z
    .string({ error: "Enter the NDC printed on the vial." })
    .trim()
    .min(1, "Enter the NDC printed on the vial.")
    .max(20, "An NDC has at most 11 digits and 2 hyphens."),
  lotNumber: optionalText("lot number", 40),
  expiryDate: optionalDate("expiry date"),
  count: z.coerce
    .number({ error: "Enter how many vials of this NDC and lot were opened." })
    .int("The vial count is a whole number.")
    .min(1, "At least 1 vial.")
    .max(100, "At most 100 vials."),
});

export const ZCombinationInput = z.object({
  mgAdministered: optionalMg("tremelimumab mg administered", false),
  mgDiscarded: optionalMg("tremelimumab mg discarded", true),
  infusionStart: optionalTime("tremelimumab start time"),
  infusionStop: optionalTime("tremelimumab stop time"),
});

/**
 * Another drug given the same day. Its HCPCS is checked for shape only (no catalog for other drugs);
 * durvalumab and tremelimumab are documented above, so their codes are refused here.
 */
export const ZOtherDrugInput = z.object({
  hcpcs: z
    .string({ error: "Enter the drug's HCPCS code, e.g. J9045." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]\d{4}$/, "Enter a HCPCS code: a letter or digit and 4 digits, e.g. J9045.")
    .refine((c) => c !== "J9173" && c !== "J9347", "Durvalumab and tremelimumab are documented above, not as another drug."),
  description: optionalText("drug name", 100),
  units: z.coerce
    .number({ error: "Enter the billing units of this drug." })
    .int("Billing units are whole numbers.")
    .min(1, "At least 1 billing unit.")
    .max(9999, "At most 9999 billing units."),
  administration: z.enum(OTHER_DRUG_ADMINISTRATIONS, { error: "Choose how the drug was given." }).default("chemotherapy"),
  infusionStart: optionalTime("start time"),
  infusionStop: optionalTime("stop time"),
});

/** 340B actual acquisition cost per billing unit: dollars with at most 3 decimals. */
const optionalCost = z.preprocess(
  blank,
  z
    .string({ error: "Enter the acquisition cost per billing unit." })
    .trim()
    .regex(/^\d{1,6}(\.\d{1,3})?$/, "Enter the acquisition cost per billing unit in dollars, e.g. 85.125.")
    .nullable()
    .default(null),
);

export const documentationShape = {
  actualDate: optionalDate("date given"),
  weightKg: ZWeightKgOptional,
  infusionStart: optionalTime("infusion start time"),
  infusionStop: optionalTime("infusion stop time"),
  nurseName: optionalText("nurse's name", 100),
  mgAdministered: optionalMg("mg administered", false),
  mgDiscarded: optionalMg("mg discarded", true),
  wasteTime: optionalTime("time of discard"),
  wasteWitness: optionalText("witness's name", 100),
  acquisition: z.enum(ACQUISITION_SOURCES, { error: "Choose how the drug was acquired." }).default("purchased"),
  acquisitionCostPerUnit: optionalCost,
  vialChoiceReason: optionalText("reason the smaller vials were not used", 500),
  notes: optionalText("notes", 2000),
  combination: ZCombinationInput.nullable().default(null),
  vials: z.array(ZVialInput).max(20, "At most 20 vial lines.").default([]),
  otherDrugs: z.array(ZOtherDrugInput).max(10, "At most 10 other drugs.").default([]),
};

type Times = { infusionStart: string | null; infusionStop: string | null };
type TimesShape = Times & { combination: Times | null; otherDrugs: (Times & { administration: string })[] };
function refineTimes(v: TimesShape, ctx: z.RefinementCtx) {
  v.otherDrugs.forEach((o, i) => {
    if (o.infusionStart && o.infusionStop && o.infusionStop <= o.infusionStart) {
      ctx.addIssue({ code: "custom", path: ["otherDrugs", i, "infusionStop"], message: "The stop time must be after the start time (same day)." });
    }
    if (o.infusionStop && !o.infusionStart) {
      ctx.addIssue({ code: "custom", path: ["otherDrugs", i, "infusionStart"], message: "Enter the start time too." });
    }
  });
  if (v.infusionStart && v.infusionStop && v.infusionStop <= v.infusionStart) {
    ctx.addIssue({ code: "custom", path: ["infusionStop"], message: "The stop time must be after the start time (same day)." });
  }
  const c = v.combination;
  if (c?.infusionStart && c.infusionStop && c.infusionStop <= c.infusionStart) {
    ctx.addIssue({ code: "custom", path: ["combination", "infusionStop"], message: "The stop time must be after the start time (same day)." });
  }
}

export const ZDocumentation = z.object(documentationShape).superRefine(refineTimes);
export type TDocumentationInput = z.input<typeof ZDocumentation>;
export type TDocumentation = z.output<typeof ZDocumentation>;

export const ZAdministrationId = z.object({ administrationId: z.uuid("Not a valid administration id.") });

const ZBaseRevision = z.number({ error: "The revision you saw is missing; reload the page." }).int().min(0);

export const ZSaveDocumentation = z
  .object({
    administrationId: z.uuid("Not a valid administration id."),
    baseRevision: ZBaseRevision,
    /** also mark the infusion documented (refused, with what is missing, unless the record is complete) */
    markDocumented: z.boolean().optional(),
    ...documentationShape,
  })
  .superRefine(refineTimes);
export type TSaveDocumentationInput = z.input<typeof ZSaveDocumentation>;

const ZReason = (what: string, min: number) =>
  z
    .string({ error: `Give the ${what}.` })
    .trim()
    .min(min, `Give the ${what} (at least ${min} characters).`)
    .max(500, "Use at most 500 characters.");

export const ZAmend = z.object({
  administrationId: z.uuid("Not a valid administration id."),
  baseRevision: ZBaseRevision,
  reason: ZReason("reason for the amendment", 5),
  documentation: ZDocumentation.optional(),
});
export type TAmendInput = z.input<typeof ZAmend>;

export const ZMarkNotGiven = z
  .object({
    administrationId: z.uuid("Not a valid administration id."),
    reason: z.enum(NOT_GIVEN_REASONS, { error: "Choose why the infusion was not given." }),
    note: optionalText("note", 500),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Describe the reason when it is “other”." });
  });
export type TMarkNotGivenInput = z.input<typeof ZMarkNotGiven>;

export const ZAcknowledgeWarning = z.object({
  administrationId: z.uuid("Not a valid administration id."),
  rule: z.string().trim().min(1).max(40),
  fingerprint: z.string().trim().min(1).max(64),
  reason: ZReason("reason", MIN_ACK_REASON),
});
export type TAcknowledgeWarningInput = z.input<typeof ZAcknowledgeWarning>;

/** Close an infusion that will not be billed: the outcome, the reason, and the other record for a duplicate. */
export const ZCloseAdministration = z
  .object({
    administrationId: z.uuid("Not a valid administration id."),
    outcome: z.enum(CLOSE_OUTCOMES, { error: "Choose why the infusion will not be billed." }),
    reason: ZReason("reason", 5),
    duplicateOfId: z.preprocess((v) => (v === "" ? null : v), z.uuid("Choose the other record this one duplicates.").nullable()).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "duplicate" && !v.duplicateOfId) ctx.addIssue({ code: "custom", path: ["duplicateOfId"], message: "Choose the other record this one duplicates." });
  });
export type TCloseAdministrationInput = z.input<typeof ZCloseAdministration>;
export const ZDecideWriteOff = z.object({ administrationId: z.uuid("Not a valid administration id."), approve: z.boolean(), reason: ZReason("reason", 5) });
export const ZReopenAdministration = z.object({ administrationId: z.uuid("Not a valid administration id."), reason: ZReason("reason", 5) });

/* ---------- outputs ---------- */

const ZAdministrationState = z.enum(ADMINISTRATION_STATES);

export const ZVialEntry = z.object({
  drug: z.enum(DOCUMENTED_DRUGS),
  ndc11: z.string(),
  lotNumber: z.string().nullable(),
  expiryDate: z.string().nullable(),
  count: z.number(),
});

export const ZDocumentationValues = z.object({
  actualDate: z.string().nullable(),
  weightKg: z.string().nullable(),
  infusionStart: z.string().nullable(),
  infusionStop: z.string().nullable(),
  nurseName: z.string().nullable(),
  mgAdministered: z.string().nullable(),
  mgDiscarded: z.string().nullable(),
  wasteTime: z.string().nullable(),
  wasteWitness: z.string().nullable(),
  acquisition: z.enum(ACQUISITION_SOURCES),
  acquisitionCostPerUnit: z.string().nullable(),
  vialChoiceReason: z.string().nullable(),
  notes: z.string().nullable(),
  combination: z
    .object({ mgAdministered: z.string().nullable(), mgDiscarded: z.string().nullable(), infusionStart: z.string().nullable(), infusionStop: z.string().nullable() })
    .nullable(),
  vials: z.array(ZVialEntry),
  otherDrugs: z.array(
    z.object({
      hcpcs: z.string(),
      description: z.string().nullable(),
      units: z.number(),
      administration: z.enum(OTHER_DRUG_ADMINISTRATIONS),
      infusionStart: z.string().nullable(),
      infusionStop: z.string().nullable(),
    }),
  ),
});
export type TDocumentationValues = z.infer<typeof ZDocumentationValues>;

const ZClaimLine = z.object({
  code: z.string(),
  modifiers: z.array(z.string()),
  units: z.number(),
  ndc: z.object({ code: z.string(), unit: z.enum(["ML", "UN"]), quantity: z.number() }).nullable(),
  diagnosisPointers: z.array(z.number()),
  charge: z.number(),
  chargeCents: z.number(),
});

export const ZEvaluatedFinding = z.object({
  rule: z.string(),
  category: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  suggestedFix: z.object({ action: z.string() }).optional(),
  source: z.string(),
  line: z.number().optional(),
  fingerprint: z.string(),
  acknowledged: z.boolean(),
});
export type TEvaluatedFinding = z.infer<typeof ZEvaluatedFinding>;

export const ZClaimPreview = z.object({
  dateOfService: z.string(),
  lines: z.array(ZClaimLine),
  diagnoses: z.array(z.string()),
  totalChargeCents: z.number(),
  placeOfService: z.string().nullable(),
  /** 837P, or 837I where the practice bills as the facility */
  claimType: z.enum(["professional", "institutional"]),
  typeOfBill: z.string().nullable(),
  priorAuthNumber: z.string().nullable(),
  claimFilingIndicator: z.string().nullable(),
  blocked: z.boolean(),
  arithmetic: z.array(z.object({ topic: z.string(), text: z.string() })),
});
export type TClaimPreview = z.infer<typeof ZClaimPreview>;

export const ZChecklistItem = z.object({ key: z.string(), label: z.string(), done: z.boolean(), detail: z.string().nullable(), field: z.string() });

const ZPayerUsed = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    wasteModifiers: z.string(),
    ndc: z.string(),
    priorAuthRequired: z.boolean(),
    freeDrug: z.string(),
    memberId: z.string(),
    /** the coverage the claim goes to (the patient's primary in force on the date of service) */
    coverageId: z.string(),
  })
  .nullable();

const ZDayDose = z.object({
  ordered: z.string(),
  mg: z.string().nullable(),
  mgMilli: z.number().nullable(),
  basis: z.string(),
  band: z.enum(["at_or_above", "below"]).nullable(),
  labelWeightBased: z.object({ mgPerKg: z.string(), mg: z.string() }).nullable(),
  note: z.string().nullable(),
});

const ZSuggestedVials = z.object({
  drug: z.enum(DOCUMENTED_DRUGS),
  forMg: z.string(),
  vials: z.array(z.object({ ndc11: z.string(), count: z.number(), mg: z.string(), billableUnits: z.number(), description: z.string() })),
  totalMg: z.string(),
  totalUnits: z.number(),
  text: z.string(),
});

export const ZPackageInfo = z.object({
  ndc11: z.string(),
  ndc542: z.string(),
  labelNdc: z.string(),
  drug: z.enum(DOCUMENTED_DRUGS),
  hcpcs: z.string(),
  description: z.string(),
  mg: z.string(),
  ml: z.string(),
  billableUnits: z.number(),
});
export type TPackageInfo = z.infer<typeof ZPackageInfo>;

export const ZAdministrationDetail = z.object({
  administration: z.object({
    id: z.string(),
    status: ZAdministrationState,
    sequence: z.number(),
    cycle: z.number(),
    day: z.number(),
    plannedDate: z.string(),
    originalPlannedDate: z.string(),
    includesCombination: z.boolean(),
    notGivenReason: z.enum(NOT_GIVEN_REASONS).nullable(),
    notGivenNote: z.string().nullable(),
    closeOutcome: z.enum(CLOSE_OUTCOMES).nullable(),
    closeReason: z.string().nullable(),
    closeDuplicateOfId: z.string().nullable(),
    closeAmountCents: z.number().nullable(),
  }),
  order: z.object({
    id: z.string(),
    status: z.string(),
    indicationId: z.string(),
    indicationName: z.string(),
    diagnoses: z.array(z.string()),
    phase: z.object({ name: z.string(), doseKind: z.enum(["fixed", "per_kg"]), doseAmount: z.string(), frequency: z.string() }),
    combination: z.object({ drug: z.string(), doseKind: z.enum(["fixed", "per_kg"]), doseAmount: z.string() }).nullable(),
    weightKg: z.string(),
    locationId: z.string(),
    locationName: z.string(),
    placeOfService: z.string(),
  }),
  patient: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), mrn: z.string(), dateOfBirth: z.string() }),
  dose: ZDayDose,
  combinationDose: ZDayDose.nullable(),
  revision: z.number(),
  documentation: z.object({ version: z.number(), values: ZDocumentationValues }).nullable(),
  versions: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      revision: z.number(),
      isCurrent: z.boolean(),
      amendmentReason: z.string().nullable(),
      createdByName: z.string().nullable(),
      createdAt: z.date(),
      updatedAt: z.date(),
      values: ZDocumentationValues,
    }),
  ),
  packages: z.array(ZPackageInfo),
  suggestedVials: z.array(ZSuggestedVials),
  payer: ZPayerUsed,
  checklist: z.array(ZChecklistItem),
  preview: ZClaimPreview.nullable(),
  authorizations: z.array(
    z.object({
      number: z.string(),
      hcpcs: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      approvedUnits: z.number(),
      usedBefore: z.number(),
      thisInfusion: z.number().nullable(),
      remainingAfter: z.number().nullable(),
      withinDates: z.boolean(),
    }),
  ),
  missing: z.array(z.string()),
  /** another entity bills the drug and its administration at the location: no claim of ours */
  billedElsewhere: z.boolean(),
  findings: z.array(ZEvaluatedFinding),
  blockers: z.array(z.string()),
  acknowledgments: z.array(
    z.object({
      id: z.string(),
      documentationVersion: z.number(),
      rule: z.string(),
      fingerprint: z.string(),
      message: z.string(),
      reason: z.string(),
      userName: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  actions: z.object({
    start: z.boolean(),
    save: z.boolean(),
    markReady: z.boolean(),
    amend: z.boolean(),
    markNotGiven: z.boolean(),
    acknowledge: z.boolean(),
    close: z.boolean(),
    decideWriteOff: z.boolean(),
    reopen: z.boolean(),
  }),
  /** the patient's other open infusions (what a duplicate may point to) */
  siblings: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type TAdministrationDetail = z.infer<typeof ZAdministrationDetail>;

export const ZPreviewResult = z.object({
  administrationId: z.string(),
  status: ZAdministrationState,
  payer: ZPayerUsed,
  preview: ZClaimPreview.nullable(),
  missing: z.array(z.string()),
  /** another entity bills the drug and its administration at the location: no claim of ours */
  billedElsewhere: z.boolean(),
  findings: z.array(ZEvaluatedFinding),
  blockers: z.array(z.string()),
});

export const ZTransitionResult = z.object({ id: z.string(), status: ZAdministrationState, version: z.number().optional(), revision: z.number().optional() });
export const ZAcknowledgment = z.object({ id: z.string(), rule: z.string(), fingerprint: z.string(), documentationVersion: z.number() });
