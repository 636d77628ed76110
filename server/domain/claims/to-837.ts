/**
 * A claim as stored (parties, lines, diagnoses, frequency) → the 837 writer's input. Pure mapping:
 * nothing is decided here that the claim does not already say.
 */
import type { Claim837, ClaimLine837, Receiver837, Submitter837 } from "@/server/domain/x12/claim-837";
import { priorPayersOf, type ClaimCob } from "./cob";
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
  /** a secondary claim: the primary's adjudication (COB loops) */
  cob?: ClaimCob | null;
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

const REPLACEMENTS: Record<string, string> = { "\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L" };

/**
 * Text as the X12 extended character set allows it (printable ASCII): accents dropped (Müller →
 * Muller), dashes and curly quotes made plain, anything else outside ASCII removed. Names and
 * addresses are stored as typed; only what goes into the file is transliterated.
 */
export function x12Text(v: string): string {
  return v
    .replace(/[\u2014\u2013\u2018\u2019\u201c\u201d\u00a0\u00df\u00e6\u00c6\u00f8\u00d8\u0142\u0141]/g, (ch) => REPLACEMENTS[ch] ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every string of a plain object tree through x12Text. */
function clean<T>(v: T): T {
  if (typeof v === "string") return x12Text(v) as T;
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)])) as T;
  return v;
}

export function toClaim837(c: ClaimForX12, submitter: Submitter837, receiver: Receiver837): Claim837 {
  const claim: Claim837["claim"] = {
    patientControlNumber: c.claimNumber,
    frequency: c.frequency,
    diagnoses: [...c.diagnoses],
    renderingProvider: { ...c.parties.renderingProvider },
    lines: c.lines.map((l, i) => toClaimLine837(c.claimNumber, l, i + 1)),
  };
  if (c.cob) {
    // every prior payer (a tertiary claim carries the primary's and the secondary's), first payer first
    claim.otherPayers = [];
    for (const prior of priorPayersOf(c.cob)) {
      const other = clean(prior.otherPayer);
      claim.otherPayers.push(other);
      for (const l of prior.lines) {
        const line = claim.lines[l.position - 1];
        if (line) line.adjudications = [...(line.adjudications ?? []), { ...l.adjudication, payerId: other.payer.id }];
      }
    }
  }
  if (c.payerClaimNumber) claim.payerClaimNumber = c.payerClaimNumber;
  if (c.priorAuthNumber) claim.priorAuthNumber = c.priorAuthNumber;
  if (c.claimType === "institutional") claim.typeOfBill = c.typeOfBill ?? "0131";
  else claim.placeOfService = c.placeOfService ?? "11";
  const out: Claim837 = {
    claimType: c.claimType,
    submitter: clean(submitter),
    receiver: clean(receiver),
    billingProvider: clean(c.parties.billingProvider),
    subscriber: clean(c.parties.subscriber),
    payer: clean(c.parties.payer),
    claim: { ...claim, renderingProvider: clean(claim.renderingProvider!) },
  };
  if (c.parties.patient) out.patient = clean(c.parties.patient);
  return out;
}

/** Σ line charges in cents: CLM02 and CMS-1500 item 28 are always this sum. */
export function totalChargeCents(lines: readonly Pick<ClaimLineData, "chargeCents">[]): number {
  let t = 0;
  for (const l of lines) t += l.chargeCents;
  return t;
}
