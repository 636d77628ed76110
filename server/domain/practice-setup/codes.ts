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

/**
 * Who bills the drug and its administration at a location: this practice on a professional claim
 * (837P, an office), this practice as the facility on an institutional claim (837I, a hospital
 * outpatient department of the practice's organisation, type of bill 013x), or another entity (the
 * hospital bills them; there is nothing to bill here).
 */
export const LOCATION_BILLERS = ["practice_professional", "practice_facility", "other_entity"] as const;
export type LocationBiller = (typeof LOCATION_BILLERS)[number];
export const LOCATION_BILLER_LABELS: Record<LocationBiller, string> = {
  practice_professional: "This practice, professional claim (837P)",
  practice_facility: "This practice as the facility, institutional claim (837I)",
  other_entity: "Another entity (the hospital bills; nothing to bill here)",
};
/** Short form for tables and the documentation page. */
export const LOCATION_BILLER_SHORT: Record<LocationBiller, string> = {
  practice_professional: "This practice (837P)",
  practice_facility: "This practice as facility (837I)",
  other_entity: "Another entity",
};
/** What a new location bills by default: an office on the 837P, a hospital department on the 837I. */
export function defaultBiller(pos: PlaceOfService): LocationBiller {
  return posRequiresFacilityNpi(pos) ? "practice_facility" : "practice_professional";
}
/** An office cannot bill as a facility: the 837I is for hospital outpatient departments (19, 22). */
export function billerAllowed(pos: PlaceOfService, billedBy: LocationBiller): { ok: true } | { ok: false; message: string } {
  if (billedBy === "practice_facility" && !posRequiresFacilityNpi(pos)) {
    return { ok: false, message: "Only a hospital outpatient department (place of service 19 or 22) bills as the facility on an 837I." };
  }
  return { ok: true };
}

/**
 * The hospital site a location's place of service implies (issue 14 item 9): 22 is on the campus;
 * 19 is off campus and the admin says whether the department is excepted (PO) or not (PN); an office
 * (11) is no hospital site (a choice left over from another place of service is dropped).
 */
export function hospitalSiteFor(pos: PlaceOfService, chosen: string | null | undefined): { ok: true; site: "on_campus" | "off_campus_excepted" | "off_campus_non_excepted" | null } | { ok: false; message: string } {
  if (pos === "11") return { ok: true, site: null };
  if (pos === "22") return { ok: true, site: "on_campus" };
  if (chosen === "off_campus_excepted" || chosen === "off_campus_non_excepted") return { ok: true, site: chosen };
  if (chosen === "on_campus") return { ok: false, message: "Place of service 19 is an off-campus department: say whether it is excepted (PO) or not excepted (PN)." };
  // Not said yet: the 837I's PO/PN cannot be checked until it is (the claim preview says so).
  return { ok: true, site: null };
}

/** Providers are a person (first/last name) or an organisation (one name), as NM102 1 / 2. */
export const PROVIDER_ENTITY_TYPES = ["person", "organization"] as const;
export type ProviderEntityType = (typeof PROVIDER_ENTITY_TYPES)[number];

/** Claim filing indicator codes (which program the payer bills the claim under; X12 837 SBR09). */
export const CLAIM_FILING_INDICATORS = [
  "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ",
] as const;
export type ClaimFilingIndicator = (typeof CLAIM_FILING_INDICATORS)[number];
/** The claim filing indicator in billing words: "claim filing indicator: commercial insurance". */
export const CLAIM_FILING_INDICATOR_NAMES: Record<ClaimFilingIndicator, string> = {
  "11": "Other non-federal program",
  "12": "PPO",
  "13": "Point of service (POS)",
  "14": "Exclusive provider organisation (EPO)",
  "15": "Indemnity insurance",
  "16": "HMO Medicare risk (Medicare Advantage)",
  "17": "Dental maintenance organisation",
  AM: "Automobile medical",
  BL: "Blue Cross/Blue Shield",
  CH: "CHAMPUS (TRICARE)",
  CI: "Commercial insurance",
  DS: "Disability",
  FI: "Federal Employees Program",
  HM: "Health maintenance organisation",
  LM: "Liability medical",
  MA: "Medicare Part A",
  MB: "Medicare Part B",
  MC: "Medicaid",
  OF: "Other federal program",
  TV: "Title V",
  VA: "Veterans Affairs plan",
  WC: "Workers' compensation",
  ZZ: "Mutually defined",
};
/** The choice in a list: the words first, the X12 code as a hint ("Commercial insurance (CI)"). */
export const CLAIM_FILING_INDICATOR_LABELS = Object.fromEntries(
  CLAIM_FILING_INDICATORS.map((c) => [c, `${CLAIM_FILING_INDICATOR_NAMES[c]} (${c})`]),
) as Record<ClaimFilingIndicator, string>;

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
/** Short forms for one line of payer facts (the infusion page): "JW/JZ waste modifiers · NDC unit: milliliters". */
export const WASTE_POLICY_SHORT: Record<keyof typeof WASTE_POLICY_LABELS, string> = {
  jw_jz: "JW/JZ waste modifiers",
  jw_only: "JW waste modifier only",
  none: "no waste modifiers",
};
export const NDC_POLICY_SHORT: Record<keyof typeof NDC_POLICY_LABELS, string> = {
  none: "NDC not sent",
  ML: "NDC unit: milliliters",
  UN: "NDC unit: vials",
};
/** A payer's waste and NDC settings in words, for values typed as plain strings. */
export function payerPolicyText(waste: string, ndc: string): string {
  const w = (WASTE_POLICY_SHORT as Record<string, string>)[waste] ?? waste;
  const n = (NDC_POLICY_SHORT as Record<string, string>)[ndc] ?? ndc;
  return `${w} · ${n}`;
}
export const FREE_DRUG_POLICY_LABELS = {
  fb_zero_charge: "Drug line with FB and $0 charge",
  no_drug_line: "No drug line",
  nominal_charge: "Drug line at a nominal $0.01 (Medicare)",
} as const;
export const MODIFIER_340B_POLICY_LABELS = {
  jg_tb: "JG or TB by entity type (Medicare)",
  ud: "UD (Medicaid)",
  none: "No 340B modifier",
} as const;
export const CHARGE_340B_RULE_LABELS = {
  usual_charge: "Usual charge",
  acquisition_cost: "Actual acquisition cost",
} as const;
export const NDC_UN_PARTIAL_VIAL_LABELS = {
  administered_line: "Partly used vial counted on the administered line",
  waste_line: "Partly used vial counted on the waste (JW) line",
} as const;
export const HOSPITAL_SITE_LABELS = {
  on_campus: "On the hospital campus",
  off_campus_excepted: "Off campus, excepted (PO)",
  off_campus_non_excepted: "Off campus, not excepted (PN)",
} as const;
export const COVERED_ENTITY_TYPE_LABELS = {
  dsh: "Disproportionate share hospital",
  rrc: "Rural referral center",
  sch_urban: "Sole community hospital (urban)",
  sch_rural: "Sole community hospital (rural)",
  childrens: "Children's hospital",
  cancer_exempt: "PPS-exempt cancer hospital",
  cah: "Critical access hospital",
  maryland: "Maryland model hospital",
  grantee: "Non-hospital covered entity (grantee, FQHC)",
} as const;
