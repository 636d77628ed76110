/**
 * Input contract of the 837 writer (`write837`). Billing code maps a built claim to this shape;
 * the writer only formats and validates it, it decides nothing about billing.
 *
 * Conventions (stable, other modules rely on them):
 * - money is integer cents (`chargeCents`), never floats;
 * - dates are ISO `YYYY-MM-DD`, times `HH:MM` (24 h); nothing here reads the clock;
 * - ICD-10-CM codes are given WITHOUT the dot (`C3411`);
 * - NDC is the 11-digit 5-4-2 form without hyphens (`00310461150`), quantity is a decimal string
 *   with at most 3 decimals (`"30"`, `"2.4"`), exact as documented (no float arithmetic).
 * Optional fields are left out of the output when absent.
 */

export const CLAIM_TYPES_837 = ["professional", "institutional"] as const;
export type ClaimType837 = (typeof CLAIM_TYPES_837)[number];

/** CLM05-3: 1 original, 7 replacement (corrected claim), 8 void. */
export const CLAIM_FREQUENCIES_837 = ["original", "replacement", "void"] as const;
export type ClaimFrequency837 = (typeof CLAIM_FREQUENCIES_837)[number];

/** CTP05-1 unit of measure for the NDC quantity: F2 international unit, GR gram, ME milligram, ML millilitre, UN unit (vial count). */
export const NDC_UNITS_837 = ["F2", "GR", "ME", "ML", "UN"] as const;
export type NdcUnit837 = (typeof NDC_UNITS_837)[number];

export interface Address837 {
  line1: string;
  line2?: string;
  city: string;
  /** two-letter state code */
  state: string;
  /** 5 or 9 digits, no hyphen; the billing provider must have 9 (5010 rule) */
  postalCode: string;
}

export interface Submitter837 {
  /** NM1*41 organisation name */
  name: string;
  /** NM108 46 (ETIN) identifier agreed with the receiver */
  id: string;
  /** PER*IC contact; at least one of phone / email */
  contactName: string;
  /** digits only, e.g. "6155550100" */
  phone?: string;
  email?: string;
}

export interface Receiver837 {
  /** NM1*40 name (clearinghouse or payer) */
  name: string;
  /** NM108 46 identifier */
  id: string;
}

export interface BillingProvider837 {
  /** organisation name (NM1*85*2) */
  name: string;
  /** 10-digit NPI (NM109 XX) */
  npi: string;
  /** 9-digit employer identification number, no hyphen (REF*EI) */
  tin: string;
  address: Address837;
  /** provider taxonomy code (PRV*BI*PXC), e.g. "207RX0202X" */
  taxonomy?: string;
}

export interface Person837 {
  lastName: string;
  firstName: string;
  middleName?: string;
  /** ISO date */
  birthDate: string;
  gender: "M" | "F" | "U";
  address: Address837;
}

export interface Subscriber837 extends Person837 {
  /** payer member id (NM1*IL ... MI) */
  memberId: string;
  /** SBR03 group / policy number */
  groupNumber?: string;
}

/** Only when the patient is NOT the subscriber (writes loop 2000C / 2010CA). */
export interface Patient837 extends Person837 {
  /** PAT01 individual relationship code to the subscriber: 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other */
  relationship: "01" | "19" | "20" | "21" | "39" | "40" | "53" | "G8";
}

export interface Payer837 {
  /** NM1*PR name */
  name: string;
  /** NM109 PI payer identifier */
  id: string;
  /** SBR01: P primary (default), S secondary, T tertiary */
  responsibility?: "P" | "S" | "T";
  /**
   * SBR09 claim filing indicator: MB Medicare Part B, MA Medicare Part A, MC Medicaid,
   * CI commercial, HM HMO, 16 HMO Medicare risk (Medicare Advantage), 12 PPO, BL Blue Cross ...
   */
  claimFilingIndicator: string;
}

export interface RenderingProvider837 {
  lastName: string;
  firstName: string;
  /** 10-digit NPI */
  npi: string;
  /** taxonomy code; PRV*PE (837P) / PRV*AT (837I) is written when present */
  taxonomy?: string;
}

export interface Ndc837 {
  /** 11 digits, no hyphens */
  code11: string;
  unit: NdcUnit837;
  /** decimal string, > 0, at most 8 integer and 3 decimal digits, e.g. "30" or "2.4" */
  quantity: string;
}

export interface ClaimLine837 {
  /** HCPCS / CPT code, e.g. "J9173", "96413" */
  code: string;
  /** up to 4 two-character modifiers, in order */
  modifiers: string[];
  /** service units (SV104 / SV205); positive, at most 3 decimals */
  units: number;
  /** line charge in integer cents */
  chargeCents: number;
  /** ISO date of service (DTP*472) */
  dateOfService: string;
  /** 1-based pointers into `claim.diagnoses` (837P, 1 to 4 of them); ignored on 837I */
  diagnosisPointers: number[];
  ndc: Ndc837 | null;
  /** 837I only: 4-digit revenue code; defaults to "0636" for a line with an NDC or a J code */
  revenueCode?: string;
  /** line-level prior authorization (837P 2400 REF*G1); written only when it differs from the claim's */
  priorAuthNumber?: string;
  /** provider's line item control number (REF*6R), comes back in the 835 */
  lineControlNumber?: string;
  /** 2430: how each other payer (claim.otherPayers) adjudicated this line; for secondary/tertiary claims */
  adjudications?: LineAdjudication837[];
}

/** CAS group codes: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction. */
export const ADJUSTMENT_GROUPS_837 = ["CO", "PR", "OA", "PI", "CR"] as const;
export type AdjustmentGroup837 = (typeof ADJUSTMENT_GROUPS_837)[number];

/** One adjustment as the other payer's 835 posted it (group, CARC, amount in cents, optional quantity). */
export interface Adjustment837 {
  group: AdjustmentGroup837;
  /** claim adjustment reason code (CARC), e.g. "45", "1", "2" */
  reason: string;
  amountCents: number;
  quantity?: number;
}

/**
 * A payer that already adjudicated the claim (COB): loops 2320 (other subscriber information),
 * 2330A (other subscriber name) and 2330B (other payer name). Its line results go on the lines
 * (`ClaimLine837.adjudications` with the same `payer.id`).
 */
export interface OtherPayer837 {
  /** SBR01 of the other payer: P when it was the primary */
  responsibility: "P" | "S" | "T";
  /** SBR02 individual relationship of the patient to the other subscriber: 18 self, 01 spouse, 19 child, 20 employee, 21 unknown, 39, 40, 53, G8 other */
  relationship: string;
  groupNumber?: string;
  /** SBR09 claim filing indicator of the other payer's plan (MB, CI …) */
  claimFilingIndicator: string;
  /** 2330A NM1*IL */
  subscriber: { lastName: string; firstName?: string; middleName?: string; memberId: string };
  /** 2330B NM1*PR; `id` is NM109 and SVD01 of the 2430 lines */
  payer: { name: string; id: string };
  /** AMT*D: what the other payer paid on the claim */
  paidCents: number;
  /** 2320 CAS: claim-level adjustments only (line adjustments go in 2430) */
  claimAdjustments: Adjustment837[];
  /** AMT*EAF: what the patient still owes after this payer (its PR adjustments) */
  remainingPatientLiabilityCents?: number;
  /** the other payer's claim control number (2330B REF*F8) */
  payerClaimControlNumber?: string;
  /** 2330B DTP*573 adjudication date, written when no line carries an adjudication of this payer */
  adjudicationDate: string;
}

/** Loop 2430: one other payer's result for one line. */
export interface LineAdjudication837 {
  /** SVD01 = the other payer's 2330B NM109 */
  payerId: string;
  /** SVD02 */
  paidCents: number;
  /** SVD03: the procedure as the other payer adjudicated it */
  code: string;
  modifiers: string[];
  /** SVD05 */
  units: number;
  /** 837I SVD04 */
  revenueCode?: string;
  adjustments: Adjustment837[];
  /** DTP*573 */
  adjudicationDate: string;
}

export interface Claim837 {
  claimType: ClaimType837;
  submitter: Submitter837;
  receiver: Receiver837;
  billingProvider: BillingProvider837;
  subscriber: Subscriber837;
  /** absent when the patient is the subscriber (SBR02 = 18) */
  patient?: Patient837;
  payer: Payer837;
  claim: {
    /** CLM01, echoed as CLP01 on the 835; at most 20 characters */
    patientControlNumber: string;
    frequency: ClaimFrequency837;
    /** payer claim control number of the claim being replaced or voided (REF*F8); required for replacement / void */
    payerClaimNumber?: string;
    /** 837P: 2-digit place of service (CLM05-1), e.g. "11" */
    placeOfService?: string;
    /** 837I: 4-digit type of bill with leading 0, e.g. "0131"; CLM05 carries its digits 2-3 */
    typeOfBill?: string;
    /** claim-level prior authorization number (2300 REF*G1) */
    priorAuthNumber?: string;
    /** ICD-10-CM without the dot; the first is the principal (ABK), the rest ABF; at most 12 */
    diagnoses: string[];
    /** 837P: rendering provider (2310B); 837I: attending provider (2310A). Omit when it is the billing provider (837P). */
    renderingProvider?: RenderingProvider837;
    /** 837I: patient status code (CL1-03), default "01" discharged to home */
    patientStatusCode?: string;
    /** COB: the payers that adjudicated the claim before this one (2320 / 2330A / 2330B), at most 10 */
    otherPayers?: OtherPayer837[];
    lines: ClaimLine837[];
  };
}

/** Separators used in the output; defaults `*` element, `:` component, `^` repetition, `~` segment. */
export interface Separators837 {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export interface Envelope837 {
  /** ISA05 / ISA07 id qualifiers, default "ZZ" (mutually defined) */
  senderQualifier?: string;
  /** ISA06, at most 15 characters */
  senderId: string;
  receiverQualifier?: string;
  /** ISA08, at most 15 characters */
  receiverId: string;
  /** GS02 / GS03 application codes; default to ISA06 / ISA08 */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ISA13 / IEA02, 1..999999999 */
  interchangeControlNumber: number;
  /** GS06 / GE02, 1..999999999 */
  groupControlNumber: number;
  /** ST02 / SE02, 4 to 9 characters, e.g. "0001" */
  transactionSetControlNumber: string;
  /** ISO date and HH:MM time of creation (ISA09/10, GS04/05, BHT04/05) */
  creationDate: string;
  creationTime: string;
  /** ISA15 */
  usage: "T" | "P";
  /** ISA14, default false */
  acknowledgmentRequested?: boolean;
  /** BHT03 originator reference; defaults to the transaction set control number */
  batchReference?: string;
  /** BHT06: CH chargeable (default) or RP reporting (encounters) */
  transactionType?: "CH" | "RP";
  separators?: Partial<Separators837>;
}
