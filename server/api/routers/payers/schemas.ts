import { z } from "zod";
import { zClaimText } from "@/server/api/zod-text";
import { CHARGE_340B_RULES, FREE_DRUG_POLICIES, MODIFIER_340B_POLICIES, NDC_POLICIES, NDC_UN_PARTIAL_VIAL, PAYER_KINDS, WASTE_POLICIES } from "@/server/domain/billing/reference";
import { CLAIM_FILING_INDICATORS, EDI_PAYER_ID_RE, HCPCS_RE, PAYER_TEMPLATE_IDS } from "@/server/domain/practice-setup/codes";
import { emptyToNull, ZSeenUpdatedAt } from "../providers/schemas";

/** Form text ("", "180") or a number → number | null; anything else fails on the number check. */
const toOptionalNumber = (v: unknown) => {
  const e = emptyToNull(v);
  return typeof e === "string" ? Number(e.trim()) : e;
};
const ZOptionalWhole = (what: string, min: number, max: number) =>
  z.preprocess(
    toOptionalNumber,
    z
      .number({ error: `${what} must be a whole number.` })
      .int(`${what} must be a whole number.`)
      .min(min, `${what} must be at least ${min}.`)
      .max(max, `${what} must be at most ${max}.`)
      .nullable(),
  );

/**
 * Per-dose unit caps by HCPCS. Accepts the map itself or the form's text "J9173=150, J9347=30"
 * (also one per line, or with ":").
 */
export function parseUnitCapsText(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const piece of text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(piece);
    if (!m) out[piece] = Number.NaN;
    else out[m[1]!.toUpperCase()] = Number(m[2]);
  }
  return out;
}
export function unitCapsToText(caps: Record<string, number>): string {
  return Object.entries(caps)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
export const ZUnitCaps = z.preprocess(
  (v) => (v === undefined || v === null ? {} : typeof v === "string" ? parseUnitCapsText(v) : v),
  z.record(
    z.string().regex(HCPCS_RE, "Unit caps are written HCPCS=units, e.g. J9173=150 (a HCPCS code is a letter and 4 digits)."),
    z
      .number({ error: "Unit caps are written HCPCS=units, e.g. J9173=150 (units must be a whole number)." })
      .int("A unit cap must be a whole number of billing units.")
      .positive("A unit cap must be at least 1 unit.")
      .max(100_000, "A unit cap must be at most 100000 units."),
    { error: "Unit caps are written HCPCS=units, e.g. J9173=150." },
  ),
);

const ZPayerBase = z.object({
  name: zClaimText("payer's name", { max: 200 }),
  ediPayerId: z
    .string({ error: "Enter the EDI payer id." })
    .trim()
    .toUpperCase()
    .regex(EDI_PAYER_ID_RE, "The EDI payer id is 2–80 letters and digits, e.g. 05201: the id your clearinghouse lists for the payer."),
  kind: z.enum(PAYER_KINDS, { error: `Kind must be one of: ${PAYER_KINDS.join(", ")}.` }),
  templateId: z.preprocess(emptyToNull, z.enum(PAYER_TEMPLATE_IDS, { error: `Template must be one of: ${PAYER_TEMPLATE_IDS.join(", ")}.` }).nullable()).optional(),
  wasteModifiers: z.enum(WASTE_POLICIES, { error: `Waste modifiers must be one of: ${WASTE_POLICIES.join(", ")}.` }),
  ndc: z.enum(NDC_POLICIES, { error: `NDC reporting must be one of: ${NDC_POLICIES.join(", ")}.` }),
  priorAuthRequired: z.boolean({ error: "Say whether prior authorization is required." }),
  timelyFilingDays: ZOptionalWhole("Timely filing", 1, 3650).optional(),
  appealDays: ZOptionalWhole("Appeal limit", 1, 3650).optional(),
  freeDrug: z.enum(FREE_DRUG_POLICIES, { error: `Free-drug policy must be one of: ${FREE_DRUG_POLICIES.join(", ")}.` }),
  doseRoundingPercent: ZOptionalWhole("Dose rounding", 0, 50).optional(),
  unitCaps: ZUnitCaps.optional(),
  claimFilingIndicator: z
    .string({ error: "Choose the claim filing indicator." })
    .trim()
    .toUpperCase()
    .pipe(z.enum(CLAIM_FILING_INDICATORS, { error: "Choose a claim filing indicator from the list, e.g. Medicare Part B (MB), Medicaid (MC) or commercial insurance (CI)." })),
  /** SBR09 on institutional claims (837I) when it differs, e.g. MA for Medicare; empty = the same */
  institutionalClaimFilingIndicator: z.preprocess(
    (v) => (typeof v === "string" ? emptyToNull(v.trim().toUpperCase()) : v),
    z.enum(CLAIM_FILING_INDICATORS, { error: "Choose the filing indicator on hospital outpatient claims from the list, e.g. Medicare Part A (MA), or leave it empty." }).nullable(),
  ).optional(),
  modifier340b: z.enum(MODIFIER_340B_POLICIES, { error: `340B modifier must be one of: ${MODIFIER_340B_POLICIES.join(", ")}.` }).default("none"),
  charge340b: z.enum(CHARGE_340B_RULES, { error: `340B charge must be one of: ${CHARGE_340B_RULES.join(", ")}.` }).default("usual_charge"),
  ndcUnPartialVial: z.enum(NDC_UN_PARTIAL_VIAL, { error: `Partly used vial must be one of: ${NDC_UN_PARTIAL_VIAL.join(", ")}.` }).default("administered_line"),
});

function refinePayer(p: z.output<typeof ZPayerBase>, ctx: z.RefinementCtx) {
  if ((p.timelyFilingDays ?? null) === null && p.kind !== "medicare") {
    ctx.addIssue({
      code: "custom",
      path: ["timelyFilingDays"],
      message: "Enter the timely-filing limit in days (only Medicare uses the 12-month rule).",
    });
  }
}

export const ZPayerCreate = ZPayerBase.superRefine(refinePayer);
export type TPayerCreateIn = z.input<typeof ZPayerCreate>;
export type TPayerCreate = z.output<typeof ZPayerCreate>;

export const ZPayerId = z.object({ payerId: z.uuid("Not a valid payer id.") });
export const ZPayerUpdate = ZPayerBase.extend({ payerId: z.uuid("Not a valid payer id."), updatedAt: ZSeenUpdatedAt }).superRefine(refinePayer);
export type TPayerUpdate = z.output<typeof ZPayerUpdate>;

export const ZPayerList = z.object({ activeOnly: z.boolean().optional() }).optional();

export const ZPayer = z.object({
  id: z.string(),
  practiceId: z.string(),
  name: z.string(),
  ediPayerId: z.string(),
  kind: z.enum(PAYER_KINDS),
  templateId: z.string().nullable(),
  wasteModifiers: z.enum(WASTE_POLICIES),
  ndc: z.enum(NDC_POLICIES),
  priorAuthRequired: z.boolean(),
  timelyFilingDays: z.number().nullable(),
  appealDays: z.number().nullable(),
  freeDrug: z.enum(FREE_DRUG_POLICIES),
  doseRoundingPercent: z.number().nullable(),
  unitCaps: z.record(z.string(), z.number()),
  claimFilingIndicator: z.string(),
  institutionalClaimFilingIndicator: z.string().nullable(),
  modifier340b: z.enum(MODIFIER_340B_POLICIES),
  charge340b: z.enum(CHARGE_340B_RULES),
  ndcUnPartialVial: z.enum(NDC_UN_PARTIAL_VIAL),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TPayer = z.infer<typeof ZPayer>;

export const ZPayerTemplate = z.object({
  id: z.enum(PAYER_TEMPLATE_IDS),
  name: z.string(),
  kind: z.enum(PAYER_KINDS),
  wasteModifiers: z.enum(WASTE_POLICIES),
  ndc: z.enum(NDC_POLICIES),
  priorAuthRequired: z.boolean(),
  timelyFilingDays: z.number().nullable(),
  appealDays: z.number().nullable(),
  freeDrug: z.enum(FREE_DRUG_POLICIES),
  doseRoundingPercent: z.number().nullable(),
  unitCaps: z.record(z.string(), z.number()),
  claimFilingIndicator: z.string(),
  institutionalClaimFilingIndicator: z.string().nullable(),
  modifier340b: z.enum(MODIFIER_340B_POLICIES),
  charge340b: z.enum(CHARGE_340B_RULES),
  ndcUnPartialVial: z.enum(NDC_UN_PARTIAL_VIAL),
  source: z.string(),
});
export type TPayerTemplate = z.infer<typeof ZPayerTemplate>;
