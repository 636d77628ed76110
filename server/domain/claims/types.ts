/**
 * What a claim holds once built (snapshotted on the claim row): the parties as they go on the 837
 * and the CMS-1500, the lines with exact numbers, the diagnoses, and the findings of the last scrub.
 * Pure data; the services store it and the 837 writer and the CMS-1500 renderer read it.
 */
import type { Finding, RuleId } from "@/server/domain/billing/types";
import type { BillingProvider837, Payer837, Patient837, RenderingProvider837, Subscriber837 } from "@/server/domain/x12/claim-837";

export const CLAIM_TYPES = ["professional", "institutional"] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];
export const CLAIM_TYPE_LABELS: Record<ClaimType, string> = { professional: "Professional (837P)", institutional: "Institutional (837I)" };

export const CLAIM_FREQUENCIES = ["original", "replacement", "void"] as const;
export type ClaimFrequency = (typeof CLAIM_FREQUENCIES)[number];
/** CLM05-3 and CMS-1500 item 22. */
export const CLAIM_FREQUENCY_CODES: Record<ClaimFrequency, "1" | "7" | "8"> = { original: "1", replacement: "7", void: "8" };
export const CLAIM_FREQUENCY_LABELS: Record<ClaimFrequency, string> = {
  original: "Original (1)",
  replacement: "Replacement (7)",
  void: "Void (8)",
};

export type InsuranceType = "medicare" | "medicaid" | "group" | "other";

/** The people and organisations on a claim, as of the last time it was built or made ready. */
export interface ClaimParties {
  billingProvider: BillingProvider837;
  /** box 33 phone, digits only */
  billingPhone: string | null;
  subscriber: Subscriber837;
  /** only when the patient is not the subscriber */
  patient?: Patient837;
  payer: Payer837;
  /** payer kind for CMS-1500 item 1 */
  insuranceType: InsuranceType;
  planName: string | null;
  renderingProvider: RenderingProvider837;
  /** where the infusion was given (CMS-1500 item 32) */
  serviceFacility: { name: string; npi: string | null; address: BillingProvider837["address"] };
  /** the patient as a person, whoever the subscriber is (display and CMS-1500 items 2, 3, 5) */
  patientPerson: { lastName: string; firstName: string; birthDate: string; gender: "M" | "F" | "U"; address: BillingProvider837["address"]; phone: string | null };
  /** CMS-1500 item 6 */
  relationship: "self" | "spouse" | "child" | "other";
}

export interface ClaimLineData {
  kind: "drug" | "waste" | "admin" | "other";
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  /** 11 digits, unit and quantity as an exact decimal string ("30", "2.4") */
  ndc: { code11: string; unit: "ML" | "UN"; quantity: string } | null;
  diagnosisPointers: number[];
  revenueCode: string | null;
  /** line-level authorization when it differs from the claim's */
  priorAuthNumber: string | null;
  dateOfService: string;
}

/** Claim-level rules the claim module adds to the engine's. */
export const CLAIM_RULE_IDS = ["CLM-837", "CLM-PARTIES", "CLM-TOTAL", "CLM-DX", "CLM-SETUP"] as const;
export type ClaimRuleId = (typeof CLAIM_RULE_IDS)[number];

export type ClaimFinding = Omit<Finding, "rule"> & { rule: RuleId | ClaimRuleId | "DOC-LOT-EXPIRY" };

/** A finding as stored on the claim: with its fingerprint and, for warnings, whether an override covers it. */
export type StoredClaimFinding = ClaimFinding & { fingerprint: string; overridden: boolean };
