import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { claims, payerContractRates, payerContractTerms, payers, practiceRemitSettings } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import { ADJUSTMENT_GROUP_LABELS } from "@/server/domain/denials/codes";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { claimStatusText, plbReasonText } from "@/server/domain/remittance/codes";
import { REMITTANCE_FILE_STATE_LABELS, type ClaimPaymentState, type RemittanceFileState } from "@/server/domain/remittance/states";
import type { ClaimPaymentOutcome } from "@/server/domain/remittance/types";
import type { PricingBasis } from "@/server/domain/remittance/underpayment";
import { getClaimPayment, getFile, getPayment } from "@/server/queries/remittances";
import { recordAudit } from "./audit";
import { secondaryStatusOf } from "./claims";
import type { Actor } from "./context";
import { getReference } from "./reference-data";

/** The remittance screens' shapes: query rows with every code in words from the reference tables. */

export async function codeWords(db: Db) {
  const { data } = await getReference(db);
  const carc = new Map(data.adjustmentCodes.filter((c) => c.type === "CARC").map((c) => [c.code, c.description]));
  const rarc = new Map(data.adjustmentCodes.filter((c) => c.type === "RARC").map((c) => [c.code, c.description]));
  return {
    carc: (code: string) => carc.get(code) ?? "Not in the CARC list of the reference data",
    rarc: (code: string) => rarc.get(code) ?? "Not in the RARC list of the reference data",
  };
}

const METHODS: Record<string, string> = { ACH: "EFT", CHK: "Check", FWT: "Wire", BOP: "Financial institution option", NON: "No payment" };
export function methodText(m: string | null): string {
  return m ? (METHODS[m] ?? m) : "Not stated";
}

type FileRow = Awaited<ReturnType<typeof getFile>> & object;
export function fileView(f: Omit<FileRow, "findings" | "payments">, now: Date) {
  const stalled = f.status === "posting" && (!f.leaseUntil || f.leaseUntil < now);
  return {
    id: f.id,
    fileName: f.fileName,
    status: f.status,
    statusLabel: stalled ? "Posting stopped" : REMITTANCE_FILE_STATE_LABELS[f.status],
    statusReason: f.statusReason,
    bytes: f.bytes,
    paymentCount: f.paymentCount,
    claimCount: f.claimCount,
    claimsDone: f.claimsDone,
    postedCount: f.postedCount,
    unmatchedCount: f.unmatchedCount,
    heldCount: f.heldCount,
    denialCount: f.denialCount,
    findingCount: f.findingCount,
    attempts: f.attempts,
    lastError: f.lastError,
    uploadedAt: f.uploadedAt,
    uploadedBy: f.uploadedBy,
    finishedAt: f.finishedAt,
    canRequeue: f.status === "failed" || stalled,
  };
}

export async function fileDetail(db: Db, practiceId: string, fileId: string, now: Date) {
  const f = await getFile(db, practiceId, fileId);
  if (!f) throw new DomainError("NOT_FOUND", "Remittance file not found.");
  return {
    ...fileView(f, now),
    findings: (f.findings as { severity: string; message: string; segment: number; claim?: string }[]).slice(0, 50).map((x) => ({
      severity: x.severity,
      message: x.message,
      segment: x.segment,
      ...(x.claim ? { claim: x.claim } : {}),
    })),
    payments: f.payments.map((p) => ({ id: p.id, traceNumber: p.traceNumber, payerName: p.payerName, amountCents: p.amountCents, duplicate: p.duplicateOf !== null })),
  };
}

export function paymentRowView(r: {
  id: string;
  fileId: string;
  fileName: string;
  fileStatus: RemittanceFileState;
  paymentDate: string | null;
  payerName: string;
  traceNumber: string;
  method: string | null;
  amountCents: number;
  providerAdjustmentCents: number;
  claimCount: number;
  duplicateOf: string | null;
  postedCount: number;
  exceptionCount: number;
  deniedCount: number;
}) {
  return {
    id: r.id,
    fileId: r.fileId,
    fileName: r.fileName,
    fileStatus: r.fileStatus,
    paymentDate: r.paymentDate,
    payerName: r.payerName,
    traceNumber: r.traceNumber,
    method: methodText(r.method),
    amountCents: Number(r.amountCents),
    providerAdjustmentCents: Number(r.providerAdjustmentCents),
    claimCount: r.claimCount,
    postedCount: Number(r.postedCount),
    exceptionCount: Number(r.exceptionCount),
    deniedCount: Number(r.deniedCount),
    duplicate: r.duplicateOf !== null,
  };
}

function claimPaymentRowView(r: {
  id: string;
  position: number;
  status: ClaimPaymentState;
  claimId: string | null;
  claimNumber: string | null;
  patientControlNumber: string;
  patientName: string | null;
  statusCode: string;
  payerClaimNumber: string | null;
  outcome: ClaimPaymentOutcome;
  chargeCents: number;
  paidCents: number;
  patientCents: number;
  contractualCents: number;
  deniedCents: number;
  reason: string | null;
  forwardedToName: string | null;
  reversedBy: string | null;
}) {
  const { reversedBy, ...rest } = r;
  return { ...rest, statusText: claimStatusText(r.statusCode), reversed: reversedBy !== null };
}
export { claimPaymentRowView };

export async function paymentDetail(db: Db, practiceId: string, paymentId: string) {
  const r = await getPayment(db, practiceId, paymentId);
  if (!r) throw new DomainError("NOT_FOUND", "Payment not found.");
  const p = r.p;
  const posted = r.claimPayments.filter((c) => c.status === "posted").length;
  const exceptions = r.claimPayments.filter((c) => c.status === "unmatched" || c.status === "held").length;
  const denied = r.claimPayments.filter((c) => c.status === "posted" && (c.outcome === "denied" || c.outcome === "partially_paid")).length;
  return {
    ...paymentRowView({ ...p, fileName: r.fileName, fileStatus: r.fileStatus, duplicateOf: p.duplicateOfPaymentId, postedCount: posted, exceptionCount: exceptions, deniedCount: denied }),
    payerIdentifier: p.payerIdentifier,
    payeeName: p.payeeName,
    payeeNpi: p.payeeNpi,
    creditDebit: p.creditDebit,
    providerAdjustments: r.providerAdjustments.map((x) => ({ ...x, reasonText: plbReasonText(x.reason) })),
    claimPayments: r.claimPayments.map(claimPaymentRowView),
  };
}

export async function claimPaymentDetail(db: Db, actor: Actor, claimPaymentId: string, canPost: boolean) {
  const r = await getClaimPayment(db, actor.practiceId, claimPaymentId);
  if (!r) throw new DomainError("NOT_FOUND", "Claim payment not found.");
  const words = await codeWords(db);
  const adj = (a: (typeof r.adjustments)[number]) => ({
    group: a.groupCode,
    groupText: ADJUSTMENT_GROUP_LABELS[a.groupCode] ?? a.groupCode,
    carc: a.carc,
    carcText: words.carc(a.carc),
    amountCents: a.amountCents,
    kind: a.kind,
    category: a.category,
  });
  const detail = {
    ...claimPaymentRowView(r),
    paymentId: r.paymentId,
    fileId: r.fileId,
    paymentDate: r.paymentDate,
    payerName: r.payerName,
    traceNumber: r.traceNumber,
    memberId: r.memberId,
    originalPayerClaimNumber: r.originalPayerClaimNumber,
    allowedCents: r.allowedCents,
    deductibleCents: r.deductibleCents,
    coinsuranceCents: r.coinsuranceCents,
    copayCents: r.copayCents,
    interestCents: r.interestCents,
    matchedBy: r.matchedBy,
    postedAt: r.postedAt,
    postedBy: r.postedBy,
    remarks: r.remarks.map((c) => ({ code: c, text: words.rarc(c) })),
    notes: r.notes,
    claimAdjustments: r.adjustments.filter((a) => a.claimPaymentLineId === null).map(adj),
    lines: r.lines.map(({ l, claimLinePosition }) => ({
      id: l.id,
      position: l.position,
      claimLineId: l.claimLineId,
      claimLinePosition,
      unmatchedReason: l.unmatchedReason,
      code: l.code,
      modifiers: l.modifiers,
      submittedCode: l.submittedCode,
      units: l.units.replace(/\.?0+$/, ""),
      serviceDate: l.serviceDate,
      chargeCents: l.chargeCents,
      allowedCents: l.allowedCents,
      allowedSource: l.allowedSource,
      paidCents: l.paidCents,
      adjustments: r.adjustments.filter((a) => a.claimPaymentLineId === l.id).map(adj),
      remarks: l.remarks.map((c) => ({ code: c, text: words.rarc(c) })),
    })),
    workItems: r.workItems,
    canMatch: canPost && (r.status === "unmatched" || r.status === "held"),
    patientId: r.patientId,
    secondary: await secondaryOfPayment(db, actor, r),
  };
  return detail;
}

/**
 * Where a payer's payment is shown, what the next payer gets (the secondary after the primary, the
 * tertiary after the secondary): the live claim, or whether this user can bill it now (checked again
 * by claims.billSecondary). Null for a payment that is not posted and standing (queued, reversed),
 * or when there is no next payer to bill.
 */
async function secondaryOfPayment(db: Db, actor: Actor, r: { status: ClaimPaymentState; statusCode: string; claimId: string | null; reversedBy: string | null }) {
  // CLP02 22: the payer's reversal of an earlier payment, not an adjudication to bill after
  if (r.status !== "posted" || !r.claimId || r.reversedBy !== null || r.statusCode === "22") return null;
  const [claim] = await db.select().from(claims).where(and(eq(claims.id, r.claimId), eq(claims.practiceId, actor.practiceId)));
  if (!claim) return null;
  const s = await secondaryStatusOf(db, actor.practiceId, claim);
  if (!s.next || (!s.canBill && !s.secondaryClaim)) return null;
  return {
    priority: s.next,
    claim: s.secondaryClaim,
    canBill: s.canBill && actor.role !== null && can(actor.role, "claim.write"),
    payerName: s.canBill ? s.payerName : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Contract terms and the write-off threshold (admins)

export const DEFAULT_WRITE_OFF_APPROVAL_CENTS = 50_000;

export async function writeOffApprovalCents(db: DbOrTx, practiceId: string): Promise<number> {
  const [s] = await db.select().from(practiceRemitSettings).where(eq(practiceRemitSettings.practiceId, practiceId));
  return s?.writeOffApprovalCents ?? DEFAULT_WRITE_OFF_APPROVAL_CENTS;
}

export async function saveRemitSettings(db: Db, actor: Actor, input: { writeOffApprovalCents: number }, now: Date) {
  return db.transaction(async (tx) => {
    const before = await writeOffApprovalCents(tx, actor.practiceId);
    await tx
      .insert(practiceRemitSettings)
      .values({ practiceId: actor.practiceId, writeOffApprovalCents: input.writeOffApprovalCents, updatedByUserId: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: practiceRemitSettings.practiceId, set: { writeOffApprovalCents: input.writeOffApprovalCents, updatedByUserId: actor.userId, updatedAt: now } });
    await recordAudit(tx, actor, { action: "remit_settings.saved", entityType: "practice", entityId: actor.practiceId, before: { writeOffApprovalCents: before }, after: input });
    return input;
  });
}

export async function payerTerms(db: Db, practiceId: string) {
  const [list, terms, rates] = await Promise.all([
    db.select({ id: payers.id, name: payers.name, kind: payers.kind }).from(payers).where(and(eq(payers.practiceId, practiceId), eq(payers.isActive, true))).orderBy(asc(payers.name)),
    db.select().from(payerContractTerms).where(eq(payerContractTerms.practiceId, practiceId)),
    db.select().from(payerContractRates).where(eq(payerContractRates.practiceId, practiceId)).orderBy(asc(payerContractRates.code), asc(payerContractRates.effectiveFrom)),
  ]);
  return list.map((p) => {
    const t = terms.find((x) => x.payerId === p.id);
    return {
      payerId: p.id,
      payerName: p.name,
      kind: p.kind,
      basis: t?.basis ?? ((p.kind === "medicare" ? "medicare_asp" : "none") as PricingBasis),
      isDefault: !t,
      aspPercent: t?.aspPercent ?? null,
      toleranceCents: t?.toleranceCents ?? 100,
      rates: rates.filter((r) => r.payerId === p.id).map((r) => ({ id: r.id, code: r.code, ratePerUnit: r.ratePerUnit, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo })),
    };
  });
}

async function payerOfPractice(db: Db, practiceId: string, payerId: string) {
  const [p] = await db.select().from(payers).where(and(eq(payers.id, payerId), eq(payers.practiceId, practiceId)));
  if (!p) throw new DomainError("NOT_FOUND", "Payer not found.", { field: "payerId" });
  return p;
}

export interface ContractTermsInput {
  payerId: string;
  basis: PricingBasis;
  aspPercent?: string | null | undefined;
  toleranceCents: number;
}

export interface ContractRateInput {
  payerId: string;
  code: string;
  ratePerUnit: string;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
}

export async function saveContractTerms(db: Db, actor: Actor, input: ContractTermsInput, now: Date) {
  await payerOfPractice(db, actor.practiceId, input.payerId);
  if (input.basis === "asp_percent" && !input.aspPercent) throw new DomainError("VALIDATION", "Enter the percentage of the ASP payment limit.", { field: "aspPercent" });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(payerContractTerms).where(eq(payerContractTerms.payerId, input.payerId));
    const values = { basis: input.basis, aspPercent: input.basis === "asp_percent" ? (input.aspPercent ?? null) : null, toleranceCents: input.toleranceCents, updatedByUserId: actor.userId, updatedAt: now };
    await tx
      .insert(payerContractTerms)
      .values({ payerId: input.payerId, practiceId: actor.practiceId, ...values })
      .onConflictDoUpdate({ target: [payerContractTerms.payerId, payerContractTerms.practiceId], set: values });
    await recordAudit(tx, actor, { action: "payer_terms.saved", entityType: "payer", entityId: input.payerId, before: before ?? null, after: values });
    return { payerId: input.payerId };
  });
}

export async function addContractRate(db: Db, actor: Actor, input: ContractRateInput, now: Date) {
  await payerOfPractice(db, actor.practiceId, input.payerId);
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom) throw new DomainError("VALIDATION", "The last day comes before the first day.", { field: "effectiveTo" });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payerContractRates)
      .values({ practiceId: actor.practiceId, payerId: input.payerId, code: input.code, ratePerUnit: input.ratePerUnit, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null, createdByUserId: actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError("CONFLICT", `A rate for ${input.code} from ${formatDate(input.effectiveFrom)} already exists; rates are never overwritten — add one from a later date.`, { field: "effectiveFrom" });
    await recordAudit(tx, actor, { action: "payer_rate.added", entityType: "payer", entityId: input.payerId, after: { code: row.code, ratePerUnit: row.ratePerUnit, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo } });
    return { id: row.id };
  });
}
