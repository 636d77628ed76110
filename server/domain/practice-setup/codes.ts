/**
 * Code lists of the practice set-up screens (payers, providers, locations). Each `as const` array
 * feeds the pg enum (db/schema/practice-setup.ts), the zod enum of the tRPC schemas and the forms.
 * Payer-profile enums (kind, waste, NDC, free drug) live in server/domain/billing/reference.ts.
 */

/** Places of service a durvalumab infusion is billed from (CMS POS code set). */
export const PLACES_OF_SERVICE = ["11", "19", "22"] as const;
export type PlaceOfService = (typeof PLACES_OF_SERVICE)[number];
export const PLACE_OF_SERVICE_LABELS: Record<PlaceOfService, string> = {
  "11": "11 — Office",
  "19": "19 — Off-campus outpatient hospital",
  "22": "22 — On-campus outpatient hospital",
};
/** Hospital outpatient places of service bill under the facility's NPI. */
export function posRequiresFacilityNpi(pos: PlaceOfService): boolean {
  return pos === "19" || pos === "22";
}

/** Providers are a person (first/last name) or an organisation (one name), as NM102 1 / 2. */
export const PROVIDER_ENTITY_TYPES = ["person", "organization"] as const;
export type ProviderEntityType = (typeof PROVIDER_ENTITY_TYPES)[number];

/** X12 837P SBR09 claim filing indicator codes. */
export const CLAIM_FILING_INDICATORS = [
  "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ",
] as const;
export type ClaimFilingIndicator = (typeof CLAIM_FILING_INDICATORS)[number];
export const CLAIM_FILING_INDICATOR_LABELS: Record<ClaimFilingIndicator, string> = {
  "11": "11 — Other non-federal program",
  "12": "12 — PPO",
  "13": "13 — Point of service (POS)",
  "14": "14 — Exclusive provider organisation (EPO)",
  "15": "15 — Indemnity insurance",
  "16": "16 — HMO Medicare risk (Medicare Advantage)",
  "17": "17 — Dental maintenance organisation",
  AM: "AM — Automobile medical",
  BL: "BL — Blue Cross/Blue Shield",
  CH: "CH — CHAMPUS (TRICARE)",
  CI: "CI — Commercial insurance",
  DS: "DS — Disability",
  FI: "FI — Federal Employees Program",
  HM: "HM — Health maintenance organisation",
  LM: "LM — Liability medical",
  MA: "MA — Medicare Part A",
  MB: "MB — Medicare Part B",
  MC: "MC — Medicaid",
  OF: "OF — Other federal program",
  TV: "TV — Title V",
  VA: "VA — Veterans Affairs plan",
  WC: "WC — Workers' compensation",
  ZZ: "ZZ — Mutually defined",
};

/** Payer profile templates an admin starts a payer from (db/seed/reference/payer-profiles.json). */
export const PAYER_TEMPLATE_IDS = ["MCR", "MA", "MCD-UN", "COMM", "COMM-NOJZ"] as const;
export type PayerTemplateId = (typeof PAYER_TEMPLATE_IDS)[number];

/** X12 NM109 payer identifier: 2–80 letters and digits. */
export const EDI_PAYER_ID_RE = /^[A-Za-z0-9]{2,80}$/;
/** NUCC health care provider taxonomy code: 9 alphanumerics + "X", e.g. 207RX0202X. */
export const TAXONOMY_RE = /^[0-9]{3}[0-9A-Z]{6}X$/;
export const HCPCS_RE = /^[A-Z]\d{4}$/;

/** Labels and one-line explanations of the payer-profile settings, shown on the admin screens. */
export const PAYER_KIND_LABELS = {
  medicare: "Medicare Part B (MAC)",
  medicare_advantage: "Medicare Advantage",
  medicaid: "Medicaid",
  commercial: "Commercial",
} as const;
export const WASTE_POLICY_LABELS = {
  jw_jz: "JW and JZ",
  jw_only: "JW only (rejects JZ)",
  none: "No waste modifiers",
} as const;
export const NDC_POLICY_LABELS = {
  none: "Not sent",
  ML: "NDC, quantity in mL (ML)",
  UN: "NDC, quantity in vials (UN)",
} as const;
export const FREE_DRUG_POLICY_LABELS = {
  fb_zero_charge: "Drug line with FB and $0 charge",
  no_drug_line: "No drug line",
} as const;
