/**
 * The denial vocabulary: what kind of problem a payer's adjustment reports (category) and what fixes
 * it (action). One `as const` array each, shared by the reference table, the database enums, the zod
 * schemas and the CLI contract (`npm run billing -- denials <file.835>`); the keys never change.
 */
export const DENIAL_CATEGORIES = [
  "authorization",
  "ndc-coding",
  "modifier",
  "medical-necessity",
  "eligibility",
  "timely-filing",
  "duplicate",
  "units",
  "missing-information",
  "bundling",
  "other",
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

export const DENIAL_ACTIONS = ["corrected_claim", "appeal", "retro_auth", "eligibility_check", "write_off", "review"] as const;
export type DenialAction = (typeof DENIAL_ACTIONS)[number];

/** What a CARC means for posting: a denial opens work; a posting adjustment (CO-45, PR-2 …) does not. */
export const ADJUSTMENT_KINDS = ["denial", "posting"] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** CAS01 adjustment groups (CR is the 4010 correction group some payers still send). */
export const ADJUSTMENT_GROUPS = ["CO", "PR", "OA", "PI", "CR"] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

/** Billing language for each key, as billers read it on screen. */
export const DENIAL_CATEGORY_LABELS: Record<DenialCategory, string> = {
  authorization: "Authorization",
  "ndc-coding": "NDC / coding",
  modifier: "Modifier (JW/JZ)",
  "medical-necessity": "Diagnosis / medical necessity",
  eligibility: "Eligibility / coverage",
  "timely-filing": "Timely filing",
  duplicate: "Duplicate",
  units: "Units",
  "missing-information": "Missing information",
  bundling: "Bundling",
  other: "Other",
};

export const DENIAL_ACTION_LABELS: Record<DenialAction, string> = {
  corrected_claim: "Corrected claim",
  appeal: "Appeal",
  retro_auth: "Retro-authorization",
  eligibility_check: "Check eligibility",
  write_off: "Write off",
  review: "Review",
};

export const ADJUSTMENT_GROUP_LABELS: Record<string, string> = {
  CO: "Contractual obligation",
  PR: "Patient responsibility",
  OA: "Other adjustment",
  PI: "Payer initiated reduction",
  CR: "Correction and reversal",
};
