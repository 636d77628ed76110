import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { anyOf, insertRows, textArrayLiteral } from "@/db/bulk";
import type { DbOrTx, Tx } from "@/db/client";
import {
  auditEvents,
  claimLines,
  claimPaymentLines,
  claimPayments,
  claims,
  coverages,
  denialWorkItems,
  payerContractRates,
  payerContractTerms,
  payers,
  remittanceAdjustments,
} from "@/db/schema";
import { addDays } from "@/server/domain/billing/dates";
import type { ReferenceData } from "@/server/domain/billing/reference";
import { denialCause, type CauseContext } from "@/server/domain/denials/cause";
import { DENIAL_CATEGORY_LABELS } from "@/server/domain/denials/codes";
import { plannedPaymentId } from "@/server/domain/remittance/post";
import type { ClaimLookup, ClaimPaymentPlan, ClaimSnapshot, PayerSequence } from "@/server/domain/remittance/types";
import { checkUnderpayment, type PricingTerms } from "@/server/domain/remittance/underpayment";
import { CLAIM_STATES, claimMachine, type ClaimState } from "@/server/domain/workflow/claim";
import { canTransition } from "@/server/domain/workflow/machine";
import type { Actor } from "./context";

/**
 * The database side of posting, shared by the posting job, the biller's manual match and the demo
 * seed: claim snapshots for the matcher, writing planned claim payments with their lines and
 * adjustments, settling the claims they touch (adjudication through the claim state machine, in
 * bulk), and opening denial and underpayment work items. Everything takes the caller's transaction.
 */

const LOOKUP_CHUNK = 5000;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The list's items by key, in their order. */
function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const SENT: readonly ClaimState[] = ["submitted", "accepted", "rejected", "adjudicated", "closed", "replaced", "voided"];

function notPostableReason(status: ClaimState): string | null {
  if (SENT.includes(status)) return null;
  if (status === "cancelled") return "it was cancelled and never sent to a payer.";
  return `it has not been sent to a payer yet (${status.replace(/_/g, " ")}).`;
}

/** Which payer position a claim went to: the coverage's priority. */
function sequenceOf(priority: string | null): PayerSequence {
  return priority === "secondary" ? "secondary" : priority === "tertiary" ? "tertiary" : "primary";
}

const norm = (s: string) => s.trim().toUpperCase();

/**
 * Snapshots of the practice's claims that a remittance can name (by claim number or by a payer
 * claim number seen before), with their lines and active payments, and a lookup over them.
 */
export async function loadClaimLookup(
  tx: DbOrTx,
  practiceId: string,
  keys: { claimNumbers: readonly string[]; payerClaimNumbers: readonly string[] },
): Promise<{ lookup: ClaimLookup; snapshots: Map<string, ClaimSnapshot> }> {
  const ids = new Set<string>();
  // our claim numbers are written in capitals (formatClaimNumber); CLP01 echoes CLM01 but a payer may
  // change its case. Each key is looked up as sent, in capitals and in small letters, through the
  // (practice_id, claim_number) index — comparing upper(claim_number) instead read every claim of the
  // practice against every key (a 10,000-claim file against 10,000 claims: 10^8 comparisons)
  const numbers = [...new Set(keys.claimNumbers.flatMap((k) => [k.trim(), norm(k), k.trim().toLowerCase()]).filter(Boolean))];
  const pcns = [...new Set(keys.payerClaimNumbers.map(norm).filter(Boolean))];
  for (const part of chunks(numbers, LOOKUP_CHUNK)) {
    const rows = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.practiceId, practiceId), sql`${claims.claimNumber} = ${anyOf(part, "text")}`));
    for (const r of rows) ids.add(r.id);
  }
  for (const part of chunks(pcns, LOOKUP_CHUNK)) {
    const a = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.practiceId, practiceId), sql`${claims.payerClaimControlNumber} = ${anyOf(part, "text")}`));
    const b = await tx
      .selectDistinct({ id: claimPayments.claimId })
      .from(claimPayments)
      .where(and(eq(claimPayments.practiceId, practiceId), sql`${claimPayments.payerClaimNumber} = ${anyOf(part, "text")}`, eq(claimPayments.status, "posted")));
    for (const r of [...a, ...b]) if (r.id) ids.add(r.id);
  }
  const snapshots = await claimSnapshots(tx, practiceId, [...ids]);
  const byNumber = new Map<string, ClaimSnapshot[]>();
  const byPcn = new Map<string, ClaimSnapshot[]>();
  const push = (m: Map<string, ClaimSnapshot[]>, k: string, v: ClaimSnapshot) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const s of snapshots.values()) {
    push(byNumber, norm(s.claimNumber), s);
    for (const p of s.payerClaimNumbers) push(byPcn, norm(p), s);
  }
  return {
    snapshots,
    lookup: { byNumber: (n) => byNumber.get(norm(n)) ?? [], byPayerClaimNumber: (n) => byPcn.get(norm(n)) ?? [] },
  };
}

export async function claimSnapshots(tx: DbOrTx, practiceId: string, claimIds: readonly string[]): Promise<Map<string, ClaimSnapshot>> {
  const out = new Map<string, ClaimSnapshot>();
  for (const part of chunks(claimIds, LOOKUP_CHUNK)) {
    const rows = await tx
      .select({
        id: claims.id,
        claimNumber: claims.claimNumber,
        status: claims.status,
        frequency: claims.frequency,
        chargeCents: claims.totalChargeCents,
        dateOfService: claims.dateOfService,
        payerClaimControlNumber: claims.payerClaimControlNumber,
        ediPayerId: payers.ediPayerId,
        priority: coverages.priority,
      })
      .from(claims)
      .innerJoin(payers, eq(payers.id, claims.payerId))
      .leftJoin(coverages, eq(coverages.id, claims.coverageId))
      .where(and(eq(claims.practiceId, practiceId), sql`${claims.id} = ${anyOf(part, "uuid")}`));
    const lines = await tx
      .select({ id: claimLines.id, claimId: claimLines.claimId, position: claimLines.position, code: claimLines.code, modifiers: claimLines.modifiers, units: claimLines.units, chargeCents: claimLines.chargeCents, revenueCode: claimLines.revenueCode, dateOfService: claimLines.dateOfService })
      .from(claimLines)
      .where(and(eq(claimLines.practiceId, practiceId), sql`${claimLines.claimId} = ${anyOf(part, "uuid")}`))
      .orderBy(claimLines.claimId, claimLines.position);
    const pays = await tx
      .select({
        id: claimPayments.id,
        claimId: claimPayments.claimId,
        payerClaimNumber: claimPayments.payerClaimNumber,
        paidCents: claimPayments.paidCents,
        chargeCents: claimPayments.chargeCents,
        isReversal: claimPayments.isReversal,
        reversedBy: claimPayments.reversedByClaimPaymentId,
      })
      .from(claimPayments)
      .where(and(eq(claimPayments.practiceId, practiceId), sql`${claimPayments.claimId} = ${anyOf(part, "uuid")}`, eq(claimPayments.status, "posted")));
    const payIds = pays.map((p) => p.id);
    const payLines = payIds.length
      ? await tx
          .select({ claimPaymentId: claimPaymentLines.claimPaymentId, claimLineId: claimPaymentLines.claimLineId })
          .from(claimPaymentLines)
          .where(and(eq(claimPaymentLines.practiceId, practiceId), sql`${claimPaymentLines.claimPaymentId} = ${anyOf(payIds, "uuid")}`))
      : [];
    const linesOfPayment = new Map<string, string[]>();
    for (const l of payLines) {
      if (!l.claimLineId) continue;
      const list = linesOfPayment.get(l.claimPaymentId);
      if (list) list.push(l.claimLineId);
      else linesOfPayment.set(l.claimPaymentId, [l.claimLineId]);
    }
    const active = new Map<string, number>();
    for (const p of pays) {
      if (p.isReversal || p.reversedBy) continue;
      for (const id of linesOfPayment.get(p.id) ?? []) active.set(id, (active.get(id) ?? 0) + 1);
    }
    const linesOf = groupBy(lines, (l) => l.claimId);
    const paysOf = groupBy(pays, (p) => p.claimId!);
    for (const c of rows) {
      const superseded = c.status === "replaced" || c.status === "voided";
      const mine = paysOf.get(c.id) ?? [];
      const pcns = new Set<string>();
      if (c.payerClaimControlNumber) pcns.add(norm(c.payerClaimControlNumber));
      for (const p of mine) if (p.payerClaimNumber) pcns.add(norm(p.payerClaimNumber));
      out.set(c.id, {
        id: c.id,
        claimNumber: c.claimNumber,
        status: c.status,
        notPostableReason: notPostableReason(c.status),
        payerSequence: sequenceOf(c.priority),
        payerIds: [norm(c.ediPayerId)],
        frequencyCode: c.frequency === "replacement" ? "7" : c.frequency === "void" ? "8" : "1",
        superseded,
        chargeCents: c.chargeCents,
        serviceDate: c.dateOfService,
        payerClaimNumbers: [...pcns],
        payments: mine.map((p) => ({
          id: p.id,
          payerClaimNumber: p.payerClaimNumber,
          paidCents: p.paidCents,
          chargeCents: p.chargeCents,
          reversed: p.reversedBy !== null,
          isReversal: p.isReversal,
          lineIds: linesOfPayment.get(p.id) ?? [],
        })),
        lines: (linesOf.get(c.id) ?? []).map((l) => ({
            id: l.id,
            lineNumber: l.position,
            procedureCode: l.code,
            modifiers: l.modifiers,
            units: l.units,
            serviceDate: l.dateOfService,
            chargeCents: l.chargeCents,
            revenueCode: l.revenueCode,
            controlNumber: `${c.claimNumber}L${l.position}`,
            activePostings: active.get(l.id) ?? 0,
          })),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing claim payments

export interface WriteContext {
  practiceId: string;
  fileId: string;
  paymentId: string;
  /** payment (remittance) date, for appeal due dates */
  paymentDate: string | null;
  /** placeholder id (planned:x:y) → row id, shared across the chunks of one file */
  ids: Map<string, string>;
  now: Date;
  postedByUserId: string | null;
}

export interface WrittenClaimPayment {
  id: string;
  plan: ClaimPaymentPlan;
  lineIds: string[];
}

/** Inserts claim payments (any disposition) with their lines and adjustments; links reversals. */
export async function writeClaimPayments(
  tx: Tx,
  ctx: WriteContext,
  paymentIndex: number,
  plans: readonly ClaimPaymentPlan[],
  phase: (name: string) => void = () => {},
): Promise<WrittenClaimPayment[]> {
  const written: WrittenClaimPayment[] = [];
  const paymentRows: (typeof claimPayments.$inferInsert)[] = [];
  const lineRows: (typeof claimPaymentLines.$inferInsert)[] = [];
  const adjRows: (typeof remittanceAdjustments.$inferInsert)[] = [];
  const reversals: { target: string; by: string }[] = [];
  for (const p of plans) {
    const key = plannedPaymentId(paymentIndex, p.index);
    const id = ctx.ids.get(key) ?? randomUUID();
    ctx.ids.set(key, id);
    const posted = p.disposition === "post";
    const status = posted ? "posted" : p.disposition === "unmatched" ? "unmatched" : "held";
    const reverses = p.reversesPaymentId ? (ctx.ids.get(p.reversesPaymentId) ?? p.reversesPaymentId) : null;
    if (posted && reverses) reversals.push({ target: reverses, by: id });
    paymentRows.push({
      id,
      practiceId: ctx.practiceId,
      fileId: ctx.fileId,
      paymentId: ctx.paymentId,
      position: p.index,
      claimId: p.claimId,
      status,
      matchedBy: p.matchedBy,
      reason: p.reason,
      patientControlNumber: p.patientControlNumber,
      statusCode: p.statusCode,
      payerClaimNumber: p.payerClaimNumber,
      originalPayerClaimNumber: p.originalPayerClaimNumber,
      patientName: p.patientName,
      memberId: p.memberId,
      frequencyCode: p.frequencyCode,
      outcome: p.outcome,
      isReversal: p.isReversal,
      reversesClaimPaymentId: posted ? reverses : null,
      forwardedToName: p.forwardedTo?.name ?? null,
      forwardedToId: p.forwardedTo?.id ?? null,
      chargeCents: p.totals.chargeCents,
      paidCents: p.totals.paidCents,
      allowedCents: p.totals.allowedCents,
      contractualCents: p.totals.contractualCents,
      patientCents: p.totals.patientCents,
      deductibleCents: p.totals.deductibleCents,
      coinsuranceCents: p.totals.coinsuranceCents,
      copayCents: p.totals.copayCents,
      deniedCents: p.totals.deniedCents,
      interestCents: p.totals.interestCents,
      remarks: p.remarks,
      notes: p.notes,
      postedAt: posted ? ctx.now : null,
      postedByUserId: posted ? ctx.postedByUserId : null,
    });
    for (const a of p.claimAdjustments) {
      adjRows.push({ practiceId: ctx.practiceId, claimPaymentId: id, claimPaymentLineId: null, groupCode: a.group, carc: a.carc, amountCents: a.amountCents, quantity: a.quantity === null ? null : String(a.quantity), kind: a.kind, category: a.category });
    }
    const lineIds: string[] = [];
    for (const l of p.lines) {
      const lineId = randomUUID();
      lineIds.push(lineId);
      lineRows.push({
        id: lineId,
        practiceId: ctx.practiceId,
        claimPaymentId: id,
        position: l.svcIndex,
        claimLineId: posted || p.claimId ? l.claimLineId : null,
        unmatchedReason: l.unmatchedReason,
        code: l.code,
        modifiers: l.modifiers,
        submittedCode: l.submittedCode,
        units: String(l.units),
        submittedUnits: l.submittedUnits === null ? null : String(l.submittedUnits),
        serviceDate: l.serviceDate,
        chargeCents: l.chargeCents,
        paidCents: l.paidCents,
        allowedCents: l.allowedCents,
        allowedSource: l.allowedSource,
        remarks: l.remarks,
      });
      for (const a of l.adjustments) {
        adjRows.push({ practiceId: ctx.practiceId, claimPaymentId: id, claimPaymentLineId: lineId, groupCode: a.group, carc: a.carc, amountCents: a.amountCents, quantity: a.quantity === null ? null : String(a.quantity), kind: a.kind, category: a.category });
      }
    }
    written.push({ id, plan: p, lineIds });
  }
  phase("chunk: build rows");
  await insertRows(tx, claimPayments, paymentRows);
  phase("chunk: insert claim payments");
  await insertRows(tx, claimPaymentLines, lineRows);
  phase("chunk: insert payment lines");
  await insertRows(tx, remittanceAdjustments, adjRows);
  phase("chunk: insert adjustments");
  if (reversals.length) {
    await tx.execute(sql`
      update ${claimPayments} as cp set reversed_by_claim_payment_id = r.by
      from unnest(${textArrayLiteral(reversals.map((r) => r.target))}::uuid[], ${textArrayLiteral(reversals.map((r) => r.by))}::uuid[]) as r(target, by)
      where cp.id = r.target and cp.practice_id = ${ctx.practiceId}`);
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// Settling claims

/** The claim states from which the claim machine lets posting adjudicate. */
const ADJUDICABLE = CLAIM_STATES.filter((st) => canTransition(claimMachine, st, "adjudicate"));

/**
 * Recomputes each claim's adjudication from its active payments (posted, not a reversal, not
 * reversed) and applies the claim machine's `adjudicate` where it allows it; claims already past it
 * (replaced, voided, closed) keep their status and get the amounts. One audit row per claim.
 * Two statements whatever the number of claims: lock the claims (in id order), then one statement
 * that sums their payments, updates them and writes their audit rows. The sums are a separate
 * statement from the lock on purpose: it reads the payments as they are once the lock is held (a
 * concurrent posting to the same claim has committed by then).
 */
export async function settleClaims(tx: Tx, actor: Actor, claimIds: readonly string[], now: Date, note: Record<string, unknown>): Promise<void> {
  if (claimIds.length === 0) return;
  const ids = anyOf([...new Set(claimIds)], "uuid");
  await tx.execute(sql`select id from ${claims} where practice_id = ${actor.practiceId} and id = ${ids} order by id for update`);
  const active = sql`(not cp.is_reversal and cp.reversed_by_claim_payment_id is null)`;
  const at = now.toISOString();
  await tx.execute(sql`
    with cur as (
      select c.id, c.status, c.adjudication_outcome, c.paid_cents, c.patient_responsibility_cents
      from ${claims} c where c.practice_id = ${actor.practiceId} and c.id = ${ids}
    ), sums as (
      select cp.claim_id,
        coalesce(sum(cp.paid_cents) filter (where ${active}), 0)::bigint as paid,
        coalesce(sum(cp.patient_cents) filter (where ${active}), 0)::bigint as patient,
        coalesce(sum(cp.denied_cents) filter (where ${active}), 0)::bigint as denied,
        count(*) filter (where ${active}) as active,
        (array_agg(cp.payer_claim_number order by cp.created_at desc, cp.position desc) filter (where ${active} and cp.payer_claim_number is not null))[1] as last_pcn
      from ${claimPayments} cp
      where cp.practice_id = ${actor.practiceId} and cp.claim_id = ${ids} and cp.status = 'posted'
      group by cp.claim_id
    ), o as (
      select cur.*, coalesce(s.paid, 0) as paid, coalesce(s.patient, 0) as patient, s.last_pcn,
        (case when coalesce(s.active, 0) = 0 then null when s.denied > 0 then (case when s.paid > 0 then 'partially_paid' else 'denied' end) else 'paid' end)::adjudication_outcome as outcome
      from cur left join sums s on s.claim_id = cur.id
    ), v as (
      select o.*, (case when o.outcome is not null and o.status::text = ${anyOf(ADJUDICABLE, "text")} then 'adjudicated' else o.status::text end)::claim_status as to_status
      from o
    ), upd as (
      update ${claims} as c set
        status = v.to_status,
        adjudication_outcome = v.outcome,
        paid_cents = v.paid,
        patient_responsibility_cents = v.patient,
        payer_claim_control_number = coalesce(v.last_pcn, c.payer_claim_control_number),
        adjudicated_at = case when v.outcome is not null then ${at}::timestamptz else c.adjudicated_at end,
        updated_at = ${at}::timestamptz
      from v where c.id = v.id and c.practice_id = ${actor.practiceId}
    )
    insert into ${auditEvents} (practice_id, actor_user_id, action, entity_type, entity_id, before, after, request_id)
    select ${actor.practiceId}::uuid, ${actor.userId}::uuid,
      case when v.to_status <> v.status or v.status = 'adjudicated' then 'claim.adjudicate' else 'claim.remittance_posted' end,
      'claim', v.id::text,
      jsonb_build_object('status', v.status, 'adjudicationOutcome', v.adjudication_outcome, 'paidCents', v.paid_cents, 'patientResponsibilityCents', v.patient_responsibility_cents),
      jsonb_build_object('status', v.to_status, 'adjudicationOutcome', v.outcome, 'paidCents', v.paid, 'patientResponsibilityCents', v.patient) || ${JSON.stringify(note)}::jsonb,
      ${actor.requestId}::text
    from v order by v.id`);
}

// ---------------------------------------------------------------------------------------------
// Work items

export interface WorkItemContext {
  reference: ReferenceData;
  /** payer terms by payer id (absent: Medicare gets its ASP basis, others are not checked) */
  terms: Map<string, PricingTerms>;
}

/** Pricing terms of the practice's payers: stored terms, else the Medicare default for Medicare payers. */
export async function loadPricingTerms(tx: DbOrTx, practiceId: string): Promise<Map<string, PricingTerms>> {
  const [list, stored, rates] = await Promise.all([
    tx.select({ id: payers.id, kind: payers.kind }).from(payers).where(eq(payers.practiceId, practiceId)),
    tx.select().from(payerContractTerms).where(eq(payerContractTerms.practiceId, practiceId)),
    tx.select().from(payerContractRates).where(eq(payerContractRates.practiceId, practiceId)),
  ]);
  const out = new Map<string, PricingTerms>();
  for (const p of list) {
    const t = stored.find((s) => s.payerId === p.id);
    const r = rates
      .filter((x) => x.payerId === p.id)
      .map((x) => ({ code: x.code, ratePerUnit: x.ratePerUnit, effectiveFrom: x.effectiveFrom, effectiveTo: x.effectiveTo }));
    if (t) out.set(p.id, { basis: t.basis, aspPercent: t.aspPercent, toleranceCents: t.toleranceCents, rates: r });
    else if (p.kind === "medicare") out.set(p.id, { basis: "medicare_asp", aspPercent: null, toleranceCents: 100, rates: r });
  }
  return out;
}

/** The facts of a claim the denial cause needs. */
async function causeContexts(tx: DbOrTx, practiceId: string, claimIds: readonly string[], reference: ReferenceData) {
  const out = new Map<string, Omit<CauseContext, "deniedPositions" | "allowedUnits"> & { payerId: string; appealDays: number | null; lineIdToPosition: Map<string, number> }>();
  for (const part of chunks([...new Set(claimIds)], LOOKUP_CHUNK)) {
    const rows = await tx
      .select({
        c: {
          id: claims.id,
          claimNumber: claims.claimNumber,
          dateOfService: claims.dateOfService,
          diagnoses: claims.diagnoses,
          priorAuthNumber: claims.priorAuthNumber,
          submittedAt: claims.submittedAt,
        },
        p: {
          id: payers.id,
          name: payers.name,
          kind: payers.kind,
          appealDays: payers.appealDays,
          wasteModifiers: payers.wasteModifiers,
          ndc: payers.ndc,
          priorAuthRequired: payers.priorAuthRequired,
          timelyFilingDays: payers.timelyFilingDays,
        },
        cov: { memberId: coverages.memberId, effectiveDate: coverages.effectiveDate, endDate: coverages.endDate },
      })
      .from(claims)
      .innerJoin(payers, eq(payers.id, claims.payerId))
      .leftJoin(coverages, eq(coverages.id, claims.coverageId))
      .where(and(eq(claims.practiceId, practiceId), sql`${claims.id} = ${anyOf(part, "uuid")}`));
    const lines = await tx
      .select({
        id: claimLines.id,
        claimId: claimLines.claimId,
        position: claimLines.position,
        code: claimLines.code,
        modifiers: claimLines.modifiers,
        units: claimLines.units,
        ndc11: claimLines.ndc11,
        ndcUnit: claimLines.ndcUnit,
        ndcQuantity: claimLines.ndcQuantity,
      })
      .from(claimLines)
      .where(and(eq(claimLines.practiceId, practiceId), sql`${claimLines.claimId} = ${anyOf(part, "uuid")}`))
      .orderBy(claimLines.claimId, claimLines.position);
    const linesOf = groupBy(lines, (l) => l.claimId);
    const dxText = new Map(reference.icd10Codes.map((d) => [d.code.replace(".", ""), d.description]));
    for (const { c, p, cov } of rows) {
      const mine = linesOf.get(c.id) ?? [];
      out.set(c.id, {
        claimNumber: c.claimNumber,
        dateOfService: c.dateOfService,
        diagnoses: c.diagnoses,
        diagnosisText: dxText,
        priorAuthNumber: c.priorAuthNumber,
        submittedOn: c.submittedAt ? c.submittedAt.toISOString().slice(0, 10) : null,
        lines: mine.map((l) => ({ position: l.position, code: l.code, modifiers: l.modifiers, units: l.units, ndc11: l.ndc11, ndcUnit: l.ndcUnit, ndcQuantity: l.ndcQuantity })),
        payer: { name: p.name, wasteModifiers: p.wasteModifiers, ndc: p.ndc, priorAuthRequired: p.priorAuthRequired, timelyFilingDays: p.timelyFilingDays },
        coverage: cov ? { memberId: cov.memberId, effectiveDate: cov.effectiveDate, terminationDate: cov.endDate } : null,
        payerId: p.id,
        appealDays: appealDaysOf(p),
        lineIdToPosition: new Map(mine.map((l) => [l.id, l.position])),
      });
    }
  }
  return out;
}

/** Payer and appeal window of each claim (the facts an underpayment item needs). */
async function claimPayers(tx: DbOrTx, practiceId: string, claimIds: readonly string[]) {
  const out = new Map<string, { payerId: string; appealDays: number | null }>();
  for (const part of chunks([...new Set(claimIds)], LOOKUP_CHUNK)) {
    const rows = await tx
      .select({ id: claims.id, payerId: payers.id, kind: payers.kind, appealDays: payers.appealDays })
      .from(claims)
      .innerJoin(payers, eq(payers.id, claims.payerId))
      .where(and(eq(claims.practiceId, practiceId), sql`${claims.id} = ${anyOf(part, "uuid")}`));
    for (const r of rows) out.set(r.id, { payerId: r.payerId, appealDays: appealDaysOf(r) });
  }
  return out;
}

function appealDaysOf(p: { kind: string; appealDays: number | null }): number | null {
  return p.appealDays ?? (p.kind === "medicare" ? 120 : null);
}

/**
 * Opens the denial work items (one per category per claim payment) and the underpayment items (one
 * per underpaid line) of posted claim payments. Idempotent: an item that exists is left alone.
 */
export async function openWorkItems(tx: Tx, actor: Actor, ctx: WorkItemContext, written: readonly WrittenClaimPayment[], paymentDate: string | null, now: Date): Promise<number> {
  const posted = written.filter((w) => w.plan.disposition === "post" && w.plan.claimId && !w.plan.isReversal);
  // the cause of a denial needs the claim's facts (lines, NDCs, authorization, coverage); an underpaid
  // line only its payer's terms and appeal window — and only when some payer of the practice has terms
  const denied = posted.filter((w) => w.plan.denials.length > 0);
  const priced = ctx.terms.size > 0 ? posted.filter((w) => w.plan.denials.length === 0) : [];
  if (denied.length === 0 && priced.length === 0) return 0;
  const facts = await causeContexts(tx, actor.practiceId, denied.map((w) => w.plan.claimId!), ctx.reference);
  const payerFacts = new Map<string, { payerId: string; appealDays: number | null }>(facts);
  for (const [id, f] of await claimPayers(tx, actor.practiceId, priced.map((w) => w.plan.claimId!))) payerFacts.set(id, f);
  const items: (typeof denialWorkItems.$inferInsert)[] = [];
  const from = paymentDate ?? now.toISOString().slice(0, 10);
  for (const w of posted) {
    const p = payerFacts.get(w.plan.claimId!);
    if (!p) continue;
    const due = p.appealDays ? addDays(from, p.appealDays) : null;
    const f = facts.get(w.plan.claimId!);
    for (const d of w.plan.denials) {
      if (!f) break;
      const positions = d.parts.map((x) => (x.claimLineId ? f.lineIdToPosition.get(x.claimLineId) : undefined)).filter((x): x is number => x !== undefined);
      const allowedUnits = new Map<number, number>();
      for (const l of w.plan.lines) {
        const pos = l.claimLineId ? f.lineIdToPosition.get(l.claimLineId) : undefined;
        if (pos !== undefined) allowedUnits.set(pos, l.units);
      }
      items.push({
        practiceId: actor.practiceId,
        kind: "denial",
        claimId: w.plan.claimId!,
        claimPaymentId: w.id,
        category: d.category,
        action: d.action,
        codes: d.parts.map((x) => `${x.group}-${x.carc}`),
        amountCents: d.amountCents,
        explanation: `${DENIAL_CATEGORY_LABELS[d.category]}: ${d.parts[0]!.explanation}`,
        detail: { parts: d.parts },
        cause: denialCause(d.category, { ...f, deniedPositions: positions, allowedUnits }),
        dueDate: due,
        createdAt: now,
        updatedAt: now,
      });
    }
    const terms = ctx.terms.get(p.payerId);
    if (!terms) continue;
    w.plan.lines.forEach((l, i) => {
      if (l.adjustments.some((a) => a.kind === "denial") || l.allowedCents <= 0 || l.paidCents <= 0) return;
      const check = checkUnderpayment({ code: l.submittedCode ?? l.code, units: l.units, serviceDate: l.serviceDate, allowedCents: l.allowedCents, allowedSource: l.allowedSource }, terms, ctx.reference.aspPrices);
      if (!check?.underpaid) return;
      items.push({
        practiceId: actor.practiceId,
        kind: "underpayment",
        claimId: w.plan.claimId!,
        claimPaymentId: w.id,
        claimPaymentLineId: w.lineIds[i]!,
        category: null,
        action: "appeal",
        codes: [l.submittedCode ?? l.code],
        amountCents: check.varianceCents,
        explanation: check.arithmetic,
        detail: { expectedCents: check.expectedCents, allowedCents: check.allowedCents, varianceCents: check.varianceCents, code: l.code, units: l.units, serviceDate: l.serviceDate },
        cause: `Line ${i + 1} ${l.code} ×${l.units}: ${check.arithmetic}`,
        dueDate: due,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  if (items.length === 0) return 0;
  const rows = await insertRows(tx, denialWorkItems, items, { onConflictDoNothing: true, returning: ["id", "kind", "category", "amountCents", "claimId"] });
  await insertRows(
    tx,
    auditEvents,
    rows.map((r) => ({
      practiceId: actor.practiceId,
      actorUserId: actor.userId,
      action: "denial.opened",
      entityType: "denial",
      entityId: String(r.id),
      before: null,
      after: { status: "open", kind: r.kind, category: r.category, amountCents: Number(r.amountCents), claimId: r.claimId },
      requestId: actor.requestId,
    })),
  );
  return rows.length;
}
