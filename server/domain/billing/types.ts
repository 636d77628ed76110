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
  /** drug supplied free of charge: the charge stays 0 */
  free?: boolean;
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
    /** SBR09 claim filing indicator from the payer profile (MB, 16, MC, CI ...) */
    claimFilingIndicator?: string;
  };
}
