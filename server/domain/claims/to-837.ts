/**
 * A claim as stored (parties, lines, diagnoses, frequency) → the 837 writer's input. Pure mapping:
 * nothing is decided here that the claim does not already say.
 */
import type { Claim837, ClaimLine837, Receiver837, Submitter837 } from "@/server/domain/x12/claim-837";
import { lineControlNumber } from "./numbers";
import type { ClaimFrequency, ClaimLineData, ClaimParties, ClaimType } from "./types";

export interface ClaimForX12 {
  claimNumber: string;
  claimType: ClaimType;
  frequency: ClaimFrequency;
  payerClaimNumber: string | null;
  placeOfService: string | null;
  typeOfBill: string | null;
  priorAuthNumber: string | null;
  diagnoses: string[];
  parties: ClaimParties;
  lines: ClaimLineData[];
}

export function toClaimLine837(claimNumber: string, l: ClaimLineData, position: number): ClaimLine837 {
  const out: ClaimLine837 = {
    code: l.code,
    modifiers: [...l.modifiers],
    units: l.units,
    chargeCents: l.chargeCents,
    dateOfService: l.dateOfService,
    diagnosisPointers: [...l.diagnosisPointers],
    ndc: l.ndc ? { code11: l.ndc.code11, unit: l.ndc.unit, quantity: l.ndc.quantity } : null,
    lineControlNumber: lineControlNumber(claimNumber, position),
  };
  if (l.revenueCode) out.revenueCode = l.revenueCode;
  if (l.priorAuthNumber) out.priorAuthNumber = l.priorAuthNumber;
  return out;
}

export function toClaim837(c: ClaimForX12, submitter: Submitter837, receiver: Receiver837): Claim837 {
  const claim: Claim837["claim"] = {
    patientControlNumber: c.claimNumber,
    frequency: c.frequency,
    diagnoses: [...c.diagnoses],
    renderingProvider: { ...c.parties.renderingProvider },
    lines: c.lines.map((l, i) => toClaimLine837(c.claimNumber, l, i + 1)),
  };
  if (c.payerClaimNumber) claim.payerClaimNumber = c.payerClaimNumber;
  if (c.priorAuthNumber) claim.priorAuthNumber = c.priorAuthNumber;
  if (c.claimType === "institutional") claim.typeOfBill = c.typeOfBill ?? "0131";
  else claim.placeOfService = c.placeOfService ?? "11";
  const out: Claim837 = {
    claimType: c.claimType,
    submitter,
    receiver,
    billingProvider: structuredClone(c.parties.billingProvider),
    subscriber: structuredClone(c.parties.subscriber),
    payer: { ...c.parties.payer },
    claim,
  };
  if (c.parties.patient) out.patient = structuredClone(c.parties.patient);
  return out;
}

/** Σ line charges in cents: CLM02 and CMS-1500 item 28 are always this sum. */
export function totalChargeCents(lines: readonly Pick<ClaimLineData, "chargeCents">[]): number {
  let t = 0;
  for (const l of lines) t += l.chargeCents;
  return t;
}
