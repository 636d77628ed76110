/** Public shapes of the billing engine: output lines, findings, rule ids and categories. */

export const FINDING_CATEGORIES = [
  "units",
  "waste",
  "vial",
  "ndc",
  "code",
  "modifier",
  "diagnosis",
  "indication",
  "weight",
  "duration",
  "administration",
  "documentation",
  "auth",
  "timely-filing",
  "duplicate",
  "frequency",
  "place-of-service",
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
/** error blocks submission; warning needs an override reason; info is shown only. */
export type Severity = (typeof SEVERITIES)[number];

export const RULE_IDS = [
  "R-UNITS",
  "R-JW",
  "R-JWJZ",
  "R-OVERFILL",
  "R-VIAL",
  "R-NDC",
  "R-NDC-SPLIT",
  "R-ADMIN",
  "R-FACILITY",
  "R-WEIGHT",
  "R-DOSE",
  "R-DURATION",
  "R-DX",
  "R-INDICATION",
  "R-HCPCS",
  "R-MOD",
  "R-AUTH",
  "R-FREQ",
  "R-DUP",
  "R-TIMELY",
  "R-FREE",
  "R-MUE",
  "R-CHARGE",
  "R-340B",
  "R-SITE",
  "R-EM",
  "R-OTHER-DRUG",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type NdcUnit = "ML" | "UN";

export interface ClaimLineNdc {
  /** 11 digits, no hyphens */
  code: string;
  unit: NdcUnit;
  /** at most 3 decimals */
  quantity: number;
}

/** A claim line as the preview prints it (dollars as numbers at this edge only). */
export interface ClaimLine {
  code: string;
  modifiers: string[];
  units: number;
  ndc: ClaimLineNdc | null;
  diagnosisPointers: number[];
  charge: number;
  /** line-level prior authorization (2400 REF*G1), present only when the claim's lines carry different authorizations */
  priorAuthNumber?: string;
}

export interface SuggestedFix {
  /** what the biller should do, in words */
  action: string;
  /** the corrected line, when the fix is one line */
  line?: ClaimLine;
}

export interface Finding {
  rule: RuleId;
  category: FindingCategory;
  severity: Severity;
  message: string;
  suggestedFix?: SuggestedFix;
  /** reference.md section and URL the rule rests on */
  source: string;
  /** 1-based index into the output lines */
  line?: number;
}

export type LineKind = "drug" | "waste" | "admin" | "other";

/** Internal line with exact numbers; `toClaimLine` converts at the edge. */
export interface BuiltLine {
  kind: LineKind;
  code: string;
  modifiers: string[];
  units: number;
  ndc: { code: string; unit: NdcUnit; quantityMilli: number } | null;
  diagnosisPointers: number[];
  chargeCents: number;
  /** drug name for drug/waste lines */
  drug?: string;
  /** 837I revenue code */
  revenueCode?: string;
  /** drug supplied free of charge: the charge stays 0 (or the payer's nominal charge) */
  free?: boolean;
  /** prior authorization covering this line (its drug's own authorization) */
  priorAuthNumber?: string;
  /** what an "other" line is: a same-day drug given with its HCPCS and units, or an E/M visit */
  role?: "same_day_drug" | "em";
}

/** Per drug: the waste arithmetic behind the lines (what was opened, billed and not billed). */
export interface DrugSummary {
  drug: string;
  hcpcs: string | null;
  source: "purchased" | "free" | "340b";
  administeredUnits: number;
  openedUnits: number | null;
  /** opened − administered (whole units; the discarded amount rounded down) */
  wasteUnits: number;
  /** waste billed on the JW line (capped by the least-waste vial combination) */
  billableWasteUnits: number;
  /** waste that cannot be billed: larger vials than needed were opened without a documented reason */
  nonBillableWasteUnits: number;
  /** the least-waste vial combination for the dose, e.g. "3 × 25 mg", and its waste in units */
  leastWasteVials: string | null;
  leastWasteUnits: number | null;
  vialChoiceReason?: string;
  /** 340B modifier put on its lines (JG, TB, UD) */
  modifier340b?: string;
}

/** One infusion or push of the day and how it was coded. */
export interface AdministrationStep {
  drug: string;
  start: string;
  end: string | null;
  minutes: number | null;
  /** initial service, sequential different drug, concurrent (no code), push, repeat of the same drug, not timed */
  role: "initial" | "sequential" | "concurrent" | "push" | "repeat" | "untimed" | "not_administered";
  codes: { code: string; units: number }[];
}

export interface AdministrationSummary {
  /** the drug the initial code belongs to, and why it was chosen */
  initialDrug: string | null;
  initialCode: string | null;
  initialReason: string | null;
  steps: AdministrationStep[];
}

export interface AuthorizationUse {
  number: string;
  hcpcs: string;
  /** 1-based lines it covers */
  lines: number[];
  /** where the 837 carries it: claim level (2300) or line level (2400), or not at all (837I takes one) */
  level: "claim" | "line" | "not_sent";
}

export interface PreviewResult {
  lines: ClaimLine[];
  /** ICD-10-CM without the dot, principal first */
  diagnoses: string[];
  findings: Finding[];
  /** claim-level facts the 837 writer and the UI need */
  claim: {
    claimType: "professional" | "institutional";
    frequency: "original" | "replacement" | "void";
    frequencyCode: string;
    payerClaimNumber?: string;
    placeOfService?: string;
    typeOfBill?: string;
    priorAuthNumber?: string;
    totalChargeCents: number;
    indication?: string;
    /** exact line data (cents, mL thousandths, revenue codes) in the same order as `lines` */
    builtLines: BuiltLine[];
    blocked: boolean;
    /** SBR09 claim filing indicator from the payer profile (MB, 16, MC, CI ...; MA on 837I to Medicare) */
    claimFilingIndicator?: string;
    /** waste arithmetic per drug */
    drugs: DrugSummary[];
    /** which drug is the initial service and how every infusion was coded */
    administration: AdministrationSummary;
    /** authorizations and the lines they cover */
    authorizations: AuthorizationUse[];
  };
}
