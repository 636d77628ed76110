/**
 * Coordination of benefits: what the primary payer's posted remittance says about a claim, in the
 * shape the secondary claim carries to the 837 (2320 / 2330A / 2330B and 2430). Pure: the service
 * loads the posted claim payments and passes them in.
 */
import type { Adjustment837, AdjustmentGroup837, LineAdjudication837, OtherPayer837 } from "@/server/domain/x12/claim-837";
import { ADJUSTMENT_GROUPS_837 } from "@/server/domain/x12/claim-837";
import type { ClaimLineData, ClaimParties } from "./types";

/** One prior payer's adjudication of the claim, as it goes on the 837 (2320/2330 and its 2430 lines). */
export interface PriorPayerCob {
  /** the claim that payer adjudicated (ours, billed to it) */
  primaryClaimId: string;
  primaryClaimNumber: string;
  otherPayer: OtherPayer837;
  /** one per adjudicated claim line (1-based position); empty when the payer adjudicated the claim as a whole */
  lines: { position: number; adjudication: Omit<LineAdjudication837, "payerId"> }[];
}

/**
 * Stored on a secondary or tertiary claim: the adjudication of the claim it follows (for a secondary
 * the primary's, for a tertiary the secondary's; `primaryClaimId` names that claim), and for a
 * tertiary the payers before it in `earlier` (the primary's adjudication), first payer first.
 */
export interface ClaimCob extends PriorPayerCob {
  earlier?: PriorPayerCob[];
}

/** Every prior payer of a COB claim in payment order (primary first), each with its lines. */
export function priorPayersOf(cob: ClaimCob): PriorPayerCob[] {
  const { earlier, ...last } = cob;
  return [...(earlier ?? []), last];
}

export interface PostedAdjustment {
  group: string;
  carc: string;
  amountCents: number;
  quantity: number | null;
}

/** A posted (not reversed) claim payment of the primary, with its lines and adjustments. */
export interface PostedClaimPayment {
  paidCents: number;
  payerClaimNumber: string | null;
  paymentDate: string;
  claimAdjustments: PostedAdjustment[];
  lines: { claimLinePosition: number | null; code: string; modifiers: string[]; units: number; chargeCents: number; paidCents: number; adjustments: PostedAdjustment[] }[];
}

const toAdjustment = (a: PostedAdjustment): Adjustment837 => {
  const out: Adjustment837 = { group: a.group as AdjustmentGroup837, reason: a.carc, amountCents: a.amountCents };
  if (a.quantity !== null && a.quantity > 0) out.quantity = a.quantity;
  return out;
};
const sum = (xs: readonly { amountCents: number }[]) => xs.reduce((t, x) => t + x.amountCents, 0);

export type CobResult = { ok: true; cob: ClaimCob } | { ok: false; reason: string };

/**
 * The primary's result for the secondary claim. Line-level (2430) when every claim line was
 * adjudicated by exactly one posted payment line that balances (charge = paid + its adjustments);
 * otherwise claim-level (2320 CAS with every adjustment). Either way the claim must balance:
 * charge = paid + Σ adjustments; a remittance that does not is refused with the figures.
 */
export function cobFromRemittance(input: {
  primary: { id: string; claimNumber: string; parties: ClaimParties; totalChargeCents: number; cob?: ClaimCob | null };
  lines: readonly ClaimLineData[];
  payments: readonly PostedClaimPayment[];
}): CobResult {
  const r = adjudicationOf(input);
  if (!r.ok) return r;
  // billing the third payer: the claim adjudicated now was itself a secondary, so its own prior payers come first
  const prior = input.primary.cob;
  return prior ? { ok: true, cob: { ...r.cob, earlier: priorPayersOf(prior) } } : r;
}

function adjudicationOf(input: {
  primary: { id: string; claimNumber: string; parties: ClaimParties; totalChargeCents: number };
  lines: readonly ClaimLineData[];
  payments: readonly PostedClaimPayment[];
}): CobResult {
  const { primary, payments } = input;
  if (payments.length === 0) return { ok: false, reason: `Claim ${primary.claimNumber} has no posted remittance.` };
  const all = payments.flatMap((p) => [...p.claimAdjustments, ...p.lines.flatMap((l) => l.adjustments)]);
  const unknown = all.find((a) => !(ADJUSTMENT_GROUPS_837 as readonly string[]).includes(a.group));
  if (unknown) return { ok: false, reason: `The primary's remittance has an adjustment with group "${unknown.group}", which an 837 cannot carry.` };
  const paidCents = payments.reduce((t, p) => t + p.paidCents, 0);
  const adjustedCents = sum(all);
  if (paidCents + adjustedCents !== primary.totalChargeCents) {
    return {
      ok: false,
      reason: `The primary's remittance does not balance to claim ${primary.claimNumber}: paid ${dollars(paidCents)} + adjustments ${dollars(adjustedCents)} ≠ charge ${dollars(primary.totalChargeCents)}.`,
    };
  }
  const patientCents = sum(all.filter((a) => a.group === "PR"));
  const dates = payments.map((p) => p.paymentDate).sort();
  const adjudicationDate = dates.at(-1)!;
  const parties = primary.parties;
  const otherPayer: OtherPayer837 = {
    responsibility: parties.payer.responsibility ?? "P",
    relationship: parties.patient ? parties.patient.relationship : "18",
    claimFilingIndicator: parties.payer.claimFilingIndicator,
    subscriber: { lastName: parties.subscriber.lastName, firstName: parties.subscriber.firstName, memberId: parties.subscriber.memberId },
    payer: { name: parties.payer.name, id: parties.payer.id },
    paidCents,
    claimAdjustments: [],
    remainingPatientLiabilityCents: patientCents,
    adjudicationDate,
  };
  if (parties.subscriber.groupNumber) otherPayer.groupNumber = parties.subscriber.groupNumber;
  const ccn = payments.find((p) => p.payerClaimNumber)?.payerClaimNumber;
  if (ccn) otherPayer.payerClaimControlNumber = ccn;

  // line level when each claim line has exactly one balanced payment line and nothing is left at claim level
  const byPosition = new Map<number, { pay: PostedClaimPayment; line: PostedClaimPayment["lines"][number] }[]>();
  for (const pay of payments) for (const l of pay.lines) if (l.claimLinePosition !== null) byPosition.set(l.claimLinePosition, [...(byPosition.get(l.claimLinePosition) ?? []), { pay, line: l }]);
  const lineLevel =
    payments.every((p) => p.claimAdjustments.length === 0 && p.lines.every((l) => l.claimLinePosition !== null)) &&
    input.lines.every((l, i) => {
      const m = byPosition.get(i + 1);
      return m?.length === 1 && m[0]!.line.chargeCents === l.chargeCents && m[0]!.line.paidCents + sum(m[0]!.line.adjustments) === l.chargeCents;
    });
  if (!lineLevel) {
    return { ok: true, cob: { primaryClaimId: primary.id, primaryClaimNumber: primary.claimNumber, otherPayer: { ...otherPayer, claimAdjustments: all.map(toAdjustment) }, lines: [] } };
  }
  const lines = input.lines.map((_, i) => {
    const { pay, line } = byPosition.get(i + 1)![0]!;
    return {
      position: i + 1,
      adjudication: { paidCents: line.paidCents, code: line.code, modifiers: [...line.modifiers], units: line.units, adjustments: line.adjustments.map(toAdjustment), adjudicationDate: pay.paymentDate },
    };
  });
  return { ok: true, cob: { primaryClaimId: primary.id, primaryClaimNumber: primary.claimNumber, otherPayer, lines } };
}

function dollars(cents: number): string {
  const s = (Math.abs(cents) / 100).toFixed(2);
  return `${cents < 0 ? "-" : ""}$${s}`;
}
