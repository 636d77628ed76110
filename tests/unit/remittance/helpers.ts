import { readFileSync } from "node:fs";
import path from "node:path";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData } from "@/server/domain/billing/reference";
import { indexDenialRules } from "@/server/domain/denials/classify";
import type { ClaimLookup, ClaimSnapshot, ClaimLineSnapshot, PostedPaymentSnapshot } from "@/server/domain/remittance/types";
import { parse835 } from "@/server/domain/x12/parse-835";

export const remitFixture = (name: string) => path.resolve(import.meta.dirname, "../../fixtures/x12/835/remit", name);
export const read835 = (name: string) => parse835(readFileSync(remitFixture(name), "latin1"));

const v = validateReferenceData(referenceSeed);
if (!v.ok) throw new Error("reference seed invalid");
export const reference = v.data;
export const denialIndex = indexDenialRules(reference.denialRules, reference.adjustmentCodes);

/** A durvalumab claim as the fixtures expect it: J9173-JZ ×150 ($22,500) + 96413 ($300) on one date. */
export function claimSnapshot(claimNumber: string, over: Partial<ClaimSnapshot> & { dos?: string; lineOver?: Partial<ClaimLineSnapshot>[] } = {}): ClaimSnapshot {
  const dos = over.dos ?? "2026-09-14";
  const base: ClaimLineSnapshot[] = [
    { id: `${claimNumber}-L1`, lineNumber: 1, procedureCode: "J9173", modifiers: ["JZ"], units: "150", serviceDate: dos, chargeCents: 2250000, activePostings: 0 },
    { id: `${claimNumber}-L2`, lineNumber: 2, procedureCode: "96413", modifiers: [], units: 1, serviceDate: dos, chargeCents: 30000, activePostings: 0 },
  ];
  const lines = base.map((l, i) => ({ ...l, ...(over.lineOver?.[i] ?? {}) }));
  const { dos: _d, lineOver: _l, ...rest } = over;
  return {
    id: `claim-${claimNumber}`,
    claimNumber,
    status: "accepted",
    notPostableReason: null,
    payerSequence: "primary",
    payerIds: ["SHP01"],
    frequencyCode: "1",
    superseded: false,
    chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    serviceDate: dos,
    payerClaimNumbers: [],
    payments: [],
    lines,
    ...rest,
  };
}

export function paidBefore(claim: ClaimSnapshot, payerClaimNumber: string, paidCents: number): ClaimSnapshot {
  const payment: PostedPaymentSnapshot = {
    id: `payment-${payerClaimNumber}`,
    payerClaimNumber,
    paidCents,
    chargeCents: claim.chargeCents,
    reversed: false,
    isReversal: false,
    lineIds: claim.lines.map((l) => l.id),
  };
  return {
    ...claim,
    payerClaimNumbers: [...claim.payerClaimNumbers, payerClaimNumber],
    payments: [...claim.payments, payment],
    lines: claim.lines.map((l) => ({ ...l, activePostings: l.activePostings + 1 })),
  };
}

export function lookupOf(claims: ClaimSnapshot[]): ClaimLookup {
  return {
    byNumber: (n) => claims.filter((c) => c.claimNumber.toUpperCase() === n.toUpperCase()),
    byPayerClaimNumber: (n) => claims.filter((c) => c.payerClaimNumbers.includes(n)),
  };
}
