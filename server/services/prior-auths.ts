import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { administrations, auditEvents, authorizations, claimAdministrations, claims, coverages, locations, orders, patients, payers, priorAuthAttachments, priorAuthDecisions, priorAuthEvaluations, priorAuthRequests, priorAuthRules, providers, users } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import type { TPriorAuthInput } from "@/server/domain/billing/scenario";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { EMPTY_CLINICAL_SUMMARY, PA_ATTACHMENT_MAX_BYTES, type ClinicalSummary, type PaAttachmentType, type PaChannel, type PaTrigger, type RequestedLine } from "@/server/domain/prior-auth/codes";
import { addDays, authorizationFor, daysBetween, ledgerAlerts, rangesOverlap, usedBefore, type LedgerAlert } from "@/server/domain/prior-auth/ledger";
import { DEFAULT_TURNAROUND_DAYS, evaluateRequirement, requestSpan, type RequirementRule } from "@/server/domain/prior-auth/requirements";
import { describeDose } from "@/server/domain/orders/dose";
import { allowedEvents } from "@/server/domain/workflow/machine";
import { AWAITING_PAYER, OPEN_PRIOR_AUTH_STATES, priorAuthMachine, PRIOR_AUTH_EVENT_LABELS, PRIOR_AUTH_STATE_LABELS, type DecisionEvent, type PriorAuthEvent, type PriorAuthState } from "@/server/domain/workflow/prior-auth";
import { primaryCoverageOn } from "@/server/queries/documentation";
import { activeUsers, attachmentsOf, decisionsOf, evaluationsOfOrder, getRequestRow, listRequests, orderDrugCodes, orderLedgerDoses, orderLedgers, ordersWithAuthorizations, patientAuthorizationHistory, payerRules, requestCandidates, type PaListFilter } from "@/server/queries/prior-auths";
import { refreshReadiness } from "./readiness";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { getPreparedReference, preparedReferenceIn } from "./reference-data";
import { applyTransition } from "./transition";

/**
 * Prior authorization: requirement evaluation (order signed, coverage changed, order extended),
 * requests through the state machine (server/domain/workflow/prior-auth.ts), payer decisions that
 * create authorizations per drug code, and the ledger the documentation and claims check. Every
 * write is one transaction with its audit row; every change names the revision the user saw.
 */

type RequestRow = typeof priorAuthRequests.$inferSelect;
const ENTITY = "prior_auth";

function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function ruleOf(r: typeof priorAuthRules.$inferSelect): RequirementRule {
  return {
    id: r.id,
    hcpcs: r.hcpcs,
    indicationId: r.indicationId,
    requestKind: r.requestKind,
    required: r.required,
    maxDays: r.maxDays,
    maxUnits: r.maxUnits,
    maxDoses: r.maxDoses,
    leadTimeDays: r.leadTimeDays,
    turnaroundDays: r.turnaroundDays,
    effectiveDate: r.effectiveDate,
    endDate: r.endDate,
    isActive: r.isActive,
  };
}

/** PA-000001 per practice; a transaction-scoped advisory lock keeps concurrent creations in turn. */
async function nextRequestNumber(tx: Tx, practiceId: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`prior-auth-number:${practiceId}`}))`);
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(substring(${priorAuthRequests.requestNumber} from 4)::int), 0)` })
    .from(priorAuthRequests)
    .where(eq(priorAuthRequests.practiceId, practiceId));
  return `PA-${String(Number(r?.n ?? 0) + 1).padStart(6, "0")}`;
}

/* ------------------------------------------------------------------ requirement evaluation */

export interface RequirementOutcome {
  hcpcs: string;
  required: boolean;
  reason: string;
  ruleId: string | null;
  coverageId: string;
  payerName: string;
  requestId: string | null;
  /** true when this evaluation opened the request */
  created: boolean;
}

/**
 * Judges whether the order's drugs need authorization under the primary coverage in force on its
 * first infusion not yet covered, records the result per drug code (with the rule that decided),
 * and opens one request for the order and coverage when any code requires it, unless an open
 * request already exists or the authorizations on file cover every planned infusion. Runs inside
 * the caller's transaction (signing, coverage change, order extension).
 */
export async function evaluateOrderPriorAuth(tx: Tx, actor: Actor, ref: PreparedReference, input: { orderId: string; trigger: PaTrigger }, now: Date): Promise<RequirementOutcome[]> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.practiceId, actor.practiceId)));
  if (!order) throw new DomainError("NOT_FOUND", "Order not found.");
  if (!["signed", "active"].includes(order.status)) return [];
  const today = isoDate(now);
  const auths = await tx
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.orderId, order.id), eq(authorizations.practiceId, actor.practiceId), isNull(authorizations.voidedAt)));
  const planned = await tx
    .select({ id: administrations.id, date: administrations.plannedDate })
    .from(administrations)
    .where(and(eq(administrations.orderId, order.id), eq(administrations.practiceId, actor.practiceId), inArray(administrations.status, ["scheduled", "in_progress"])))
    .orderBy(asc(administrations.plannedDate));
  const upcoming = planned.filter((p) => p.date >= today);
  const codes = orderDrugCodes(ref, { combination: order.combination ?? null });
  // An infusion is covered when an authorization's ledger covers it (dates and units); the first
  // infusion not covered decides the coverage and the request's start.
  const ledgers = await orderLedgers(tx, actor.practiceId, ref, order.id);
  const covered = (hcpcs: string, administrationId: string) =>
    ledgers.some((l) => l.authorization.hcpcs === hcpcs && l.ledger.doses.some((d) => d.administrationId === administrationId && d.coverage === "covered"));
  const uncoveredDates = upcoming.filter((p) => codes.some((c) => !covered(c.hcpcs, p.id))).map((p) => p.date);
  const judgeDate = uncoveredDates[0] ?? upcoming[0]?.date ?? today;
  const primary = await primaryCoverageOn(tx, actor.practiceId, order.patientId, judgeDate);
  if (!primary) return [];
  const rules = (await payerRules(tx, actor.practiceId, primary.payer.id)).map(ruleOf);
  const results = codes.map((c) => {
    const kind = auths.some((a) => a.hcpcs === c.hcpcs) ? ("renewal" as const) : ("initial" as const);
    return { ...c, kind, result: evaluateRequirement({ payerName: primary.payer.name, payerRequiresPa: primary.payer.priorAuthRequired, hcpcs: c.hcpcs, indicationId: order.indicationId, indicationName: ref.indicationsById.get(order.indicationId)?.row.name, kind, date: judgeDate, rules }) };
  });
  const required = results.filter((r) => r.result.required);
  let requestId: string | null = null;
  let created = false;
  if (required.length > 0 && uncoveredDates.length > 0) {
    const [open] = await tx
      .select({ id: priorAuthRequests.id })
      .from(priorAuthRequests)
      .where(and(eq(priorAuthRequests.orderId, order.id), eq(priorAuthRequests.coverageId, primary.coverage.id), inArray(priorAuthRequests.status, [...OPEN_PRIOR_AUTH_STATES])));
    if (open) {
      requestId = open.id;
    } else {
      const lines: RequestedLine[] = [];
      let span = null as { startDate: string; endDate: string } | null;
      const dosesByCode = await orderLedgerDoses(tx, actor.practiceId, ref, order.id, primary.payer.wasteModifiers !== "none");
      for (const r of required) {
        const doses = (dosesByCode.get(r.hcpcs) ?? []).filter((d) => d.kind === "scheduled" && d.date >= today && !covered(r.hcpcs, d.administrationId));
        const rule = r.result.rule;
        const s = requestSpan(doses, { maxDays: rule?.maxDays ?? null, maxUnits: rule?.maxUnits ?? null, maxDoses: rule?.maxDoses ?? null });
        if (!s) continue;
        const ndc = ref.packagesByHcpcs.get(r.hcpcs)?.[0]?.ndc11 ?? null;
        lines.push({ hcpcs: r.hcpcs, ndc, units: s.units, doses: s.doses });
        span = span ? { startDate: span.startDate < s.startDate ? span.startDate : s.startDate, endDate: span.endDate > s.endDate ? span.endDate : s.endDate } : s;
      }
      if (span && lines.length > 0) {
        const decider = required.find((r) => r.result.rule)?.result ?? required[0]!.result;
        const [row] = await tx
          .insert(priorAuthRequests)
          .values({
            practiceId: actor.practiceId,
            requestNumber: await nextRequestNumber(tx, actor.practiceId),
            patientId: order.patientId,
            orderId: order.id,
            coverageId: primary.coverage.id,
            payerId: primary.payer.id,
            kind: required.some((r) => r.kind === "renewal") ? "renewal" : "initial",
            status: "needed",
            ruleId: decider.rule?.id ?? null,
            trigger: input.trigger,
            indicationId: order.indicationId,
            diagnoses: order.diagnoses,
            requestedLines: lines,
            startDate: span.startDate,
            endDate: span.endDate,
            firstDoseDate: span.startDate,
            clinical: EMPTY_CLINICAL_SUMMARY,
            orderingProviderId: order.orderingProviderId,
            locationId: order.locationId,
            turnaroundDays: decider.turnaroundDays,
            createdByUserId: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        requestId = row!.id;
        created = true;
        await recordAudit(tx, actor, {
          action: "prior_auth.opened",
          entityType: ENTITY,
          entityId: row!.id,
          after: { requestNumber: row!.requestNumber, status: "needed", trigger: input.trigger, orderId: order.id, payer: primary.payer.name, requestedLines: lines, startDate: span.startDate, endDate: span.endDate, reason: decider.reason },
        });
      }
    }
  }
  const out: RequirementOutcome[] = [];
  for (const r of results) {
    const reqId = r.result.required ? requestId : null;
    await tx
      .insert(priorAuthEvaluations)
      .values({ practiceId: actor.practiceId, orderId: order.id, coverageId: primary.coverage.id, hcpcs: r.hcpcs, required: r.result.required, ruleId: r.result.rule?.id ?? null, reason: r.result.reason, trigger: input.trigger, requestId: reqId, evaluatedAt: now })
      .onConflictDoUpdate({
        target: [priorAuthEvaluations.orderId, priorAuthEvaluations.coverageId, priorAuthEvaluations.hcpcs, priorAuthEvaluations.practiceId],
        set: { required: r.result.required, ruleId: r.result.rule?.id ?? null, reason: r.result.reason, trigger: input.trigger, requestId: reqId, evaluatedAt: now },
      });
    out.push({ hcpcs: r.hcpcs, required: r.result.required, reason: r.result.reason, ruleId: r.result.rule?.id ?? null, coverageId: primary.coverage.id, payerName: primary.payer.name, requestId: reqId, created: created && reqId !== null });
  }
  // The evaluation rows are the record (the signing or coverage change audits itself; an opened request audits "prior_auth.opened").
  return out;
}

/** Re-evaluates every signed or active order of a patient (after a coverage change). */
export async function evaluatePatientOrders(tx: Tx, actor: Actor, ref: PreparedReference, patientId: string, trigger: PaTrigger, now: Date): Promise<RequirementOutcome[]> {
  const rows = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.patientId, patientId), eq(orders.practiceId, actor.practiceId), inArray(orders.status, ["signed", "active"])));
  const out: RequirementOutcome[] = [];
  for (const o of rows) out.push(...(await evaluateOrderPriorAuth(tx, actor, ref, { orderId: o.id, trigger }, now)));
  return out;
}

/**
 * Opens (or finds) the request for an order by hand: the coordinator's "new request", and the
 * denial worklist's retro-authorization (call with trigger "manual"). Returns the open request of
 * the order and coverage if there is one; never a second.
 */
export async function openRequestForOrder(db: Db, actor: Actor, input: { orderId: string }, now: Date): Promise<{ id: string | null; requestNumber: string | null; created: boolean; reasons: string[] }> {
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.practiceId, actor.practiceId)))
      .for("update");
    if (!order) throw new DomainError("NOT_FOUND", "Order not found.");
    if (!["signed", "active"].includes(order.status)) throw new DomainError("VALIDATION", `The order is ${order.status}: only a signed or active order can be authorized.`, { field: "orderId" });
    const results = await evaluateOrderPriorAuth(tx, actor, ref, { orderId: order.id, trigger: "manual" }, now);
    if (results.length === 0) throw new DomainError("VALIDATION", "The patient has no primary coverage in force for the order's next infusion.", { field: "orderId" });
    const id = results.find((r) => r.requestId)?.requestId ?? null;
    // "Not required" (or everything already covered) is recorded with its reason, and no request opens.
    const reasons = id ? [] : results.map((r) => (r.required ? `${r.hcpcs}: every planned infusion is covered by an authorization on file.` : r.reason));
    if (!id) return { id: null, requestNumber: null, created: false, reasons };
    const [r] = await tx.select({ requestNumber: priorAuthRequests.requestNumber }).from(priorAuthRequests).where(eq(priorAuthRequests.id, id));
    return { id, requestNumber: r!.requestNumber, created: results.some((x) => x.created), reasons };
  });
}

/**
 * A retro-authorization request for a denied claim (CO-197 / N54): opened in the caller's
 * transaction (the denial worklist's "request retro-authorization"). It asks for the units the
 * claim's infusions used on their dates under the claim's coverage. If a request for the order and
 * coverage is already open it is returned instead (never a second one).
 */
export async function openRetroAuthRequest(tx: Tx, actor: Actor, ref: PreparedReference, input: { claimId: string; note: string | null }, now: Date): Promise<{ id: string; requestNumber: string; created: boolean }> {
  const [claim] = await tx
    .select({ id: claims.id, claimNumber: claims.claimNumber, coverageId: claims.coverageId, payerId: claims.payerId, patientId: claims.patientId })
    .from(claims)
    .where(and(eq(claims.id, input.claimId), eq(claims.practiceId, actor.practiceId)));
  if (!claim) throw new DomainError("NOT_FOUND", "Claim not found.");
  const links = await tx
    .select({ administrationId: claimAdministrations.administrationId, orderId: administrations.orderId })
    .from(claimAdministrations)
    .innerJoin(administrations, eq(administrations.id, claimAdministrations.administrationId))
    .where(and(eq(claimAdministrations.claimId, claim.id), eq(claimAdministrations.practiceId, actor.practiceId)));
  const orderId = links[0]?.orderId;
  if (!orderId) throw new DomainError("VALIDATION", `Claim ${claim.claimNumber} is not linked to a documented infusion: open the request from the order instead.`);
  const [open] = await tx
    .select({ id: priorAuthRequests.id, requestNumber: priorAuthRequests.requestNumber })
    .from(priorAuthRequests)
    .where(and(eq(priorAuthRequests.orderId, orderId), eq(priorAuthRequests.coverageId, claim.coverageId), inArray(priorAuthRequests.status, [...OPEN_PRIOR_AUTH_STATES])));
  if (open) return { ...open, created: false };
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  const [payer] = await tx.select({ wasteModifiers: payers.wasteModifiers }).from(payers).where(eq(payers.id, claim.payerId));
  const dosesByCode = await orderLedgerDoses(tx, actor.practiceId, ref, orderId, (payer?.wasteModifiers ?? "jw_jz") !== "none");
  const ids = new Set(links.map((l) => l.administrationId));
  const lines: RequestedLine[] = [];
  const dates: string[] = [];
  for (const [hcpcs, doses] of dosesByCode) {
    const mine = doses.filter((d) => ids.has(d.administrationId));
    if (mine.length === 0) continue;
    lines.push({ hcpcs, ndc: ref.packagesByHcpcs.get(hcpcs)?.[0]?.ndc11 ?? null, units: mine.reduce((n, d) => n + d.units, 0), doses: mine.length });
    dates.push(...mine.map((d) => d.date));
  }
  if (lines.length === 0) throw new DomainError("VALIDATION", `Claim ${claim.claimNumber} has no drug units to authorize.`);
  dates.sort();
  const [row] = await tx
    .insert(priorAuthRequests)
    .values({
      practiceId: actor.practiceId,
      requestNumber: await nextRequestNumber(tx, actor.practiceId),
      patientId: claim.patientId,
      orderId,
      coverageId: claim.coverageId,
      payerId: claim.payerId,
      kind: "initial",
      status: "needed",
      trigger: "manual",
      indicationId: order!.indicationId,
      diagnoses: order!.diagnoses,
      requestedLines: lines,
      startDate: dates[0]!,
      endDate: dates.at(-1)!,
      firstDoseDate: dates[0]!,
      clinical: EMPTY_CLINICAL_SUMMARY,
      orderingProviderId: order!.orderingProviderId,
      locationId: order!.locationId,
      notes: `Retro-authorization for claim ${claim.claimNumber}${input.note ? `: ${input.note}` : ""}`,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { action: "prior_auth.opened", entityType: ENTITY, entityId: row!.id, after: { requestNumber: row!.requestNumber, status: "needed", retroForClaim: claim.claimNumber, requestedLines: lines, startDate: row!.startDate, endDate: row!.endDate } });
  return { id: row!.id, requestNumber: row!.requestNumber, created: true };
}

/* ------------------------------------------------------------------ working a request */

async function withRequest<T>(db: Db, actor: Actor, input: { id: string; revision: number }, fn: (tx: Tx, r: RequestRow) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(priorAuthRequests)
      .where(and(eq(priorAuthRequests.id, input.id), eq(priorAuthRequests.practiceId, actor.practiceId)))
      .for("update");
    if (!r) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");
    if (r.revision !== input.revision) {
      throw new DomainError("CONFLICT", `Someone else changed request ${r.requestNumber} since you opened it (it is now ${PRIOR_AUTH_STATE_LABELS[r.status].toLowerCase()}). Reload to see what they did.`);
    }
    const out = await fn(tx, r);
    // A decision adds or voids authorizations: the order's infusions are judged against them again.
    await refreshReadiness(tx, actor.practiceId, { orderIds: [r.orderId] }, await preparedReferenceIn(db, tx));
    return out;
  });
}

async function move(tx: Tx, actor: Actor, r: RequestRow, event: PriorAuthEvent, now: Date, set: Record<string, unknown> = {}, note: Record<string, unknown> = {}): Promise<PriorAuthState> {
  return applyTransition(tx, actor, {
    machine: priorAuthMachine,
    table: priorAuthRequests,
    entityType: ENTITY,
    id: r.id,
    from: r.status,
    event,
    set: { ...set, revision: r.revision + 1, updatedAt: now },
    note: { requestNumber: r.requestNumber, ...note },
  });
}

export interface ActionResult {
  id: string;
  status: PriorAuthState;
  revision: number;
}

const EDITABLE: readonly PriorAuthState[] = ["needed", "drafting", "submitted", "pending_info"];

export interface RequestEdit {
  id: string;
  revision: number;
  requestedLines: RequestedLine[];
  startDate: string;
  endDate: string;
  clinical: ClinicalSummary;
  channel: PaChannel | null;
  payerReference: string | null;
  payerContact: string | null;
  notes: string | null;
  /** left out: unchanged */
  indicationId?: string | undefined;
  diagnoses?: string[] | undefined;
  orderingProviderId?: string | undefined;
  locationId?: string | undefined;
}

/** Checks the indication, diagnoses, provider and site a request form names against the reference data and the practice. */
async function checkRequestParties(tx: Tx, actor: Actor, ref: PreparedReference, input: RequestEdit): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  {
    if (input.indicationId !== undefined) {
      if (!ref.indicationsById.has(input.indicationId)) throw new DomainError("VALIDATION", `Unknown indication "${input.indicationId}".`, { field: "indicationId" });
      out.indicationId = input.indicationId;
    }
    if (input.diagnoses !== undefined) {
      input.diagnoses.forEach((code, i) => {
        if (!ref.icdByCode.has(code.replace(".", ""))) throw new DomainError("VALIDATION", `${code} is not an ICD-10-CM code in the reference data.`, { field: `diagnoses.${i}` });
      });
      out.diagnoses = input.diagnoses;
    }
  }
  if (input.orderingProviderId !== undefined) {
    const [p] = await tx.select({ id: providers.id }).from(providers).where(and(eq(providers.id, input.orderingProviderId), eq(providers.practiceId, actor.practiceId)));
    if (!p) throw new DomainError("VALIDATION", "Choose a provider of this practice.", { field: "orderingProviderId" });
    out.orderingProviderId = input.orderingProviderId;
  }
  if (input.locationId !== undefined) {
    const [l] = await tx.select({ id: locations.id }).from(locations).where(and(eq(locations.id, input.locationId), eq(locations.practiceId, actor.practiceId)));
    if (!l) throw new DomainError("VALIDATION", "Choose a site of this practice.", { field: "locationId" });
    out.locationId = input.locationId;
  }
  return out;
}

/** Saves the request form. The first save of a "needed" request starts the draft. */
export async function updateRequest(db: Db, actor: Actor, input: RequestEdit, now: Date): Promise<ActionResult> {
  const ref = await getPreparedReference(db);
  return withRequest(db, actor, input, async (tx, r) => {
    if (!EDITABLE.includes(r.status)) throw new DomainError("VALIDATION", `Request ${r.requestNumber} is ${PRIOR_AUTH_STATE_LABELS[r.status].toLowerCase()}: it can no longer be edited.`);
    const codes = new Set(r.requestedLines.map((l) => l.hcpcs));
    input.requestedLines.forEach((l, i) => {
      if (!codes.has(l.hcpcs)) throw new DomainError("VALIDATION", `${l.hcpcs} is not a drug of this order's request (${[...codes].join(", ")}).`, { field: `requestedLines.${i}.hcpcs` });
    });
    if (r.status === "submitted" || r.status === "pending_info") {
      const changed = JSON.stringify(input.requestedLines) !== JSON.stringify(r.requestedLines) || input.startDate !== r.startDate || input.endDate !== r.endDate;
      if (changed) throw new DomainError("VALIDATION", "The request was already sent: the units and dates can no longer change (withdraw it and start a new one, or ask the payer to amend it).", { field: "requestedLines" });
    }
    const fields = {
      requestedLines: input.requestedLines,
      startDate: input.startDate,
      endDate: input.endDate,
      clinical: input.clinical,
      channel: input.channel,
      payerReference: input.payerReference,
      payerContact: input.payerContact,
      notes: input.notes,
      ...(await checkRequestParties(tx, actor, ref, input)),
    };
    const before = Object.fromEntries(Object.keys(fields).map((k) => [k, r[k as keyof typeof fields]]));
    let status = r.status;
    let revision = r.revision + 1;
    if (r.status === "needed") {
      status = await move(tx, actor, r, "start_draft", now, fields);
    } else {
      await tx
        .update(priorAuthRequests)
        .set({ ...fields, revision, updatedAt: now })
        .where(and(eq(priorAuthRequests.id, r.id), eq(priorAuthRequests.revision, r.revision)));
    }
    await recordAudit(tx, actor, { action: "prior_auth.updated", entityType: ENTITY, entityId: r.id, before, after: fields });
    revision = r.revision + 1;
    return { id: r.id, status, revision };
  });
}

export interface TransitionInput {
  id: string;
  revision: number;
  event: Exclude<PriorAuthEvent, DecisionEvent>;
  /** the payer's reference (case number, fax confirmation) given with this step */
  payerReference?: string | null | undefined;
  /** what the payer asked for (request_info) */
  infoRequested?: string | null | undefined;
  infoDueDate?: string | null | undefined;
  note?: string | null | undefined;
}

/** Every non-decision step: submit, payer asks for information, information sent, peer-to-peer, appeal, withdraw, expire. */
export async function transitionRequest(db: Db, actor: Actor, input: TransitionInput, now: Date): Promise<ActionResult> {
  const today = isoDate(now);
  return withRequest(db, actor, input, async (tx, r) => {
    const set: Record<string, unknown> = {};
    const ref = input.payerReference ?? null;
    if (ref) set.payerReference = ref;
    switch (input.event) {
      case "submit":
        if (!r.channel) throw new DomainError("VALIDATION", "Say how the request goes to the payer (portal, fax, phone or electronic) before submitting.", { field: "channel" });
        if (r.requestedLines.every((l) => l.units <= 0)) throw new DomainError("VALIDATION", "Request at least one unit before submitting.", { field: "requestedLines" });
        set.submittedAt = now;
        break;
      case "request_info":
        if (!input.infoDueDate) throw new DomainError("VALIDATION", "Enter the date the payer needs the information by.", { field: "infoDueDate" });
        if (input.infoDueDate < today) throw new DomainError("VALIDATION", `The due date ${formatDate(input.infoDueDate)} has passed (today is ${formatDate(today)}).`, { field: "infoDueDate" });
        if (!input.infoRequested) throw new DomainError("VALIDATION", "Say what the payer asked for.", { field: "infoRequested" });
        set.infoDueDate = input.infoDueDate;
        set.infoRequested = input.infoRequested;
        break;
      case "submit_appeal":
      case "request_peer_to_peer":
        // The payer's turnaround clock starts again with the appeal or the review.
        set.submittedAt = now;
        break;
      case "withdraw":
        if (!input.note) throw new DomainError("VALIDATION", "Say why the request is withdrawn.", { field: "note" });
        break;
      case "expire": {
        const live = await tx
          .select({ end: authorizations.endDate })
          .from(authorizations)
          .where(and(eq(authorizations.requestId, r.id), isNull(authorizations.voidedAt), sql`${authorizations.endDate} >= ${today}`));
        if (live.length > 0) throw new DomainError("VALIDATION", `The authorization is valid through ${live[0]!.end}: it has not expired.`);
        break;
      }
      default:
        break;
    }
    const status = await move(tx, actor, r, input.event, now, set, { note: input.note ?? null, payerReference: ref });
    return { id: r.id, status, revision: r.revision + 1 };
  });
}

export interface DecisionInput {
  id: string;
  revision: number;
  outcome: DecisionEvent;
  decidedOn: string;
  authorizationNumber: string | null;
  startDate: string | null;
  endDate: string | null;
  lines: { hcpcs: string; units: number; doses: number | null }[];
  denialReason: string | null;
  /** the payer approved more units than requested (rounding to vials): the coordinator confirms */
  exceedsRequestConfirmed: boolean;
  /** overlapping authorizations of the order for the same code are replaced by this one */
  replaceOverlapping: boolean;
  payerReference: string | null;
  note: string | null;
}

/**
 * Records the payer's decision. An approval (full or partial) creates one authorization per drug
 * code, with its units and dates; it replaces the earlier authorizations of the same request
 * (a partial approval overturned on appeal), and refuses to overlap another request's
 * authorization for the same order and code unless told to replace it.
 */
export async function decideRequest(db: Db, actor: Actor, input: DecisionInput, now: Date): Promise<ActionResult & { authorizationIds: string[] }> {
  return withRequest(db, actor, input, async (tx, r) => {
    // Illegal from this state: refuse before validating the form.
    if (!allowedEvents(priorAuthMachine, r.status).includes(input.outcome)) {
      throw new DomainError("INVALID_TRANSITION", `Request ${r.requestNumber} is ${PRIOR_AUTH_STATE_LABELS[r.status].toLowerCase()}: a decision is recorded only while the payer is deciding (submitted, information sent, peer-to-peer or appeal).`);
    }
    if (r.submittedAt && input.decidedOn < isoDate(r.submittedAt)) throw new DomainError("VALIDATION", `The decision date is before the request was submitted (${formatDate(isoDate(r.submittedAt))}).`, { field: "decidedOn" });
    if (input.decidedOn > isoDate(now)) throw new DomainError("VALIDATION", "The decision date cannot be in the future.", { field: "decidedOn" });
    const outcome = input.outcome === "approve" ? "approved" : input.outcome === "approve_partially" ? "partially_approved" : "denied";
    const authorizationIds: string[] = [];
    if (outcome === "denied") {
      if (!input.denialReason) throw new DomainError("VALIDATION", "Enter the payer's reason for the denial.", { field: "denialReason" });
    } else {
      if (!input.authorizationNumber) throw new DomainError("VALIDATION", "Enter the authorization number the payer gave.", { field: "authorizationNumber" });
      if (!input.startDate || !input.endDate) throw new DomainError("VALIDATION", "Enter the authorization's start and end dates.", { field: input.startDate ? "endDate" : "startDate" });
      if (input.endDate < input.startDate) throw new DomainError("VALIDATION", "The end date is before the start date.", { field: "endDate" });
      if (input.lines.length === 0) throw new DomainError("VALIDATION", "Enter the approved units of at least one drug.", { field: "lines" });
      const seen = new Set<string>();
      input.lines.forEach((l, i) => {
        const req = r.requestedLines.find((x) => x.hcpcs === l.hcpcs);
        if (!req) throw new DomainError("VALIDATION", `${l.hcpcs} was not requested (${r.requestedLines.map((x) => x.hcpcs).join(", ")}).`, { field: `lines.${i}.hcpcs` });
        if (seen.has(l.hcpcs)) throw new DomainError("VALIDATION", `${l.hcpcs} is listed twice.`, { field: `lines.${i}.hcpcs` });
        seen.add(l.hcpcs);
        if (l.units > req.units && !input.exceedsRequestConfirmed) {
          throw new DomainError("VALIDATION", `${l.units} units of ${l.hcpcs} approved is more than the ${req.units} requested: check the letter, or confirm that the payer approved more.`, { field: `lines.${i}.units` });
        }
      });
      if (outcome === "approved") {
        const less = input.lines.find((l) => l.units < (r.requestedLines.find((x) => x.hcpcs === l.hcpcs)?.units ?? 0));
        if (less) throw new DomainError("VALIDATION", `${less.units} units of ${less.hcpcs} is fewer than requested: record it as a partial approval.`, { field: "outcome" });
      }
      // No two authorizations of one order and code on the same day, unless the new one replaces the old.
      const others = await tx
        .select()
        .from(authorizations)
        .where(and(eq(authorizations.orderId, r.orderId), eq(authorizations.practiceId, actor.practiceId), isNull(authorizations.voidedAt), ne(authorizations.requestId, r.id)));
      const clash = others.filter((a) => seen.has(a.hcpcs) && rangesOverlap(a, { startDate: input.startDate!, endDate: input.endDate! }));
      if (clash.length > 0 && !input.replaceOverlapping) {
        const c = clash[0]!;
        throw new DomainError("VALIDATION", `Authorization ${c.authorizationNumber} (${c.hcpcs}) already covers ${formatDate(c.startDate)} to ${formatDate(c.endDate)}, overlapping these dates: say that this one replaces it, or correct the dates.`, { field: "startDate" });
      }
      for (const c of clash) {
        await tx.update(authorizations).set({ voidedAt: now, voidReason: `Replaced by ${input.authorizationNumber}` }).where(eq(authorizations.id, c.id));
        await recordAudit(tx, actor, { action: "authorization.replaced", entityType: "authorization", entityId: c.id, before: { voidedAt: null }, after: { voidedAt: now, replacedBy: input.authorizationNumber } });
      }
      // A new decision on the same request (an appeal won) replaces its earlier authorizations.
      const own = await tx
        .update(authorizations)
        .set({ voidedAt: now, voidReason: `Replaced by the decision of ${input.decidedOn}` })
        .where(and(eq(authorizations.requestId, r.id), isNull(authorizations.voidedAt)))
        .returning({ id: authorizations.id });
      for (const o of own) await recordAudit(tx, actor, { action: "authorization.replaced", entityType: "authorization", entityId: o.id, before: { voidedAt: null }, after: { voidedAt: now } });
    }
    const [d] = await tx
      .insert(priorAuthDecisions)
      .values({
        practiceId: actor.practiceId,
        requestId: r.id,
        outcome,
        authorizationNumber: outcome === "denied" ? null : input.authorizationNumber,
        startDate: outcome === "denied" ? null : input.startDate,
        endDate: outcome === "denied" ? null : input.endDate,
        approvedLines: outcome === "denied" ? [] : input.lines,
        denialReason: outcome === "denied" ? input.denialReason : null,
        exceedsRequestConfirmed: input.exceedsRequestConfirmed,
        payerReference: input.payerReference,
        note: input.note,
        decidedOn: input.decidedOn,
        submittedAt: r.submittedAt,
        recordedByUserId: actor.userId,
        createdAt: now,
      })
      .returning();
    if (outcome !== "denied") {
      const [cov] = await tx.select({ payerId: coverages.payerId }).from(coverages).where(eq(coverages.id, r.coverageId));
      const rows = await tx
        .insert(authorizations)
        .values(
          input.lines.map((l) => ({
            practiceId: actor.practiceId,
            requestId: r.id,
            decisionId: d!.id,
            patientId: r.patientId,
            orderId: r.orderId,
            coverageId: r.coverageId,
            payerId: cov?.payerId ?? r.payerId,
            authorizationNumber: input.authorizationNumber!,
            hcpcs: l.hcpcs,
            approvedUnits: l.units,
            approvedDoses: l.doses,
            startDate: input.startDate!,
            endDate: input.endDate!,
            createdAt: now,
          })),
        )
        .returning({ id: authorizations.id });
      authorizationIds.push(...rows.map((x) => x.id));
    }
    const status = await move(
      tx,
      actor,
      r,
      input.outcome,
      now,
      { decidedAt: now, denialReason: outcome === "denied" ? input.denialReason : null, ...(input.payerReference ? { payerReference: input.payerReference } : {}) },
      {
        decisionId: d!.id,
        authorizationNumber: d!.authorizationNumber,
        startDate: d!.startDate,
        endDate: d!.endDate,
        approvedLines: d!.approvedLines,
        denialReason: d!.denialReason,
        payerReference: input.payerReference,
        turnaroundDays: r.submittedAt ? daysBetween(isoDate(r.submittedAt), input.decidedOn) : null,
      },
    );
    return { id: r.id, status, revision: r.revision + 1, authorizationIds };
  });
}

/** Assigns requests to a coordinator (or nobody), all or none: a request changed meanwhile fails the batch. */
export async function assignRequests(db: Db, actor: Actor, input: { items: { id: string; revision: number }[]; assigneeUserId: string | null }, now: Date): Promise<ActionResult[]> {
  return db.transaction(async (tx) => {
    if (input.assigneeUserId) {
      const [u] = await tx
        .select({ role: users.role, active: users.isActive })
        .from(users)
        .where(and(eq(users.id, input.assigneeUserId), eq(users.practiceId, actor.practiceId)));
      if (!u || !u.active) throw new DomainError("VALIDATION", "Assign to an active user of the practice.", { field: "assigneeUserId" });
      if (!can(u.role, "priorAuth.write")) throw new DomainError("VALIDATION", "That user's role cannot work prior authorizations.", { field: "assigneeUserId" });
    }
    const out: ActionResult[] = [];
    for (const item of input.items) {
      const [r] = await tx
        .select()
        .from(priorAuthRequests)
        .where(and(eq(priorAuthRequests.id, item.id), eq(priorAuthRequests.practiceId, actor.practiceId)))
        .for("update");
      if (!r) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");
      if (r.revision !== item.revision) throw new DomainError("CONFLICT", `Someone else changed request ${r.requestNumber} since you loaded the list. Reload and assign again.`);
      await tx
        .update(priorAuthRequests)
        .set({ assigneeUserId: input.assigneeUserId, revision: r.revision + 1, updatedAt: now })
        .where(eq(priorAuthRequests.id, r.id));
      await recordAudit(tx, actor, { action: "prior_auth.assigned", entityType: ENTITY, entityId: r.id, before: { assigneeUserId: r.assigneeUserId }, after: { assigneeUserId: input.assigneeUserId } });
      out.push({ id: r.id, status: r.status, revision: r.revision + 1 });
    }
    return out;
  });
}

/* ------------------------------------------------------------------ attachments */

/** The type a file really is, from its first bytes; null when it is none of the accepted ones. */
export function sniffAttachmentType(bytes: Uint8Array): PaAttachmentType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a])) return "image/tiff";
  return null;
}

/** A file name safe in a Content-Disposition header: no path, quotes or control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "attachment";
  const clean = base.replace(/[^\w.\- ()]/g, "_").replace(/^\.+/, "").slice(0, 120);
  return clean || "attachment";
}

export async function addAttachment(db: Db, actor: Actor, input: { requestId: string; fileName: string; bytes: Uint8Array; description: string | null }, now: Date) {
  if (input.bytes.length === 0) throw new DomainError("VALIDATION", "The file is empty.", { field: "file" });
  if (input.bytes.length > PA_ATTACHMENT_MAX_BYTES) throw new DomainError("VALIDATION", `The file is ${(input.bytes.length / 1048576).toFixed(1)} MB; the limit is ${PA_ATTACHMENT_MAX_BYTES / 1048576} MB.`, { field: "file" });
  const type = sniffAttachmentType(input.bytes);
  if (!type) throw new DomainError("VALIDATION", "Only PDF, PNG, JPEG or TIFF files can be attached (checked by the file's content, not its name).", { field: "file" });
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: priorAuthRequests.id, requestNumber: priorAuthRequests.requestNumber, status: priorAuthRequests.status })
      .from(priorAuthRequests)
      .where(and(eq(priorAuthRequests.id, input.requestId), eq(priorAuthRequests.practiceId, actor.practiceId)));
    if (!r) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");
    if (r.status === "withdrawn" || r.status === "expired") throw new DomainError("VALIDATION", `Request ${r.requestNumber} is ${r.status}: nothing can be attached.`);
    const sha256 = createHash("sha256").update(input.bytes).digest("hex");
    const fileName = safeFileName(input.fileName);
    const [a] = await tx
      .insert(priorAuthAttachments)
      .values({ practiceId: actor.practiceId, requestId: r.id, fileName, contentType: type, sizeBytes: input.bytes.length, sha256, description: input.description, content: Buffer.from(input.bytes), uploadedByUserId: actor.userId, createdAt: now })
      .returning({ id: priorAuthAttachments.id });
    await recordAudit(tx, actor, { action: "prior_auth.attachment_added", entityType: ENTITY, entityId: r.id, after: { attachmentId: a!.id, fileName, contentType: type, sizeBytes: input.bytes.length, sha256 } });
    return { id: a!.id, fileName, contentType: type, sizeBytes: input.bytes.length, sha256 };
  });
}

/** An attachment's bytes for download (the route serves it as an attachment, never inline). */
export async function attachmentForDownload(db: DbOrTx, actor: Actor, attachmentId: string) {
  const [a] = await db
    .select({ a: priorAuthAttachments, patientId: priorAuthRequests.patientId, requestNumber: priorAuthRequests.requestNumber })
    .from(priorAuthAttachments)
    .innerJoin(priorAuthRequests, eq(priorAuthRequests.id, priorAuthAttachments.requestId))
    .where(and(eq(priorAuthAttachments.id, attachmentId), eq(priorAuthAttachments.practiceId, actor.practiceId)));
  if (!a) throw new DomainError("NOT_FOUND", "Attachment not found.");
  return { ...a.a, content: new Uint8Array(a.a.content), patientId: a.patientId, requestNumber: a.requestNumber };
}

/* ------------------------------------------------------------------ rules (admin) */

export interface RuleInput {
  id?: string | undefined;
  payerId: string;
  hcpcs: string;
  indicationId: string | null;
  requestKind: RequirementRule["requestKind"];
  required: boolean;
  maxDays: number | null;
  maxUnits: number | null;
  maxDoses: number | null;
  leadTimeDays: number;
  turnaroundDays: number;
  effectiveDate: string;
  endDate: string | null;
  note: string | null;
  isActive: boolean;
}

export async function saveRule(db: Db, actor: Actor, input: RuleInput, now: Date) {
  const ref = await getPreparedReference(db);
  if (!ref.drugsByHcpcs.has(input.hcpcs)) throw new DomainError("VALIDATION", `${input.hcpcs} is not a drug code in the reference data.`, { field: "hcpcs" });
  if (input.indicationId && !ref.indicationsById.has(input.indicationId)) throw new DomainError("VALIDATION", `Unknown indication "${input.indicationId}".`, { field: "indicationId" });
  if (input.endDate && input.endDate < input.effectiveDate) throw new DomainError("VALIDATION", "The end date is before the effective date.", { field: "endDate" });
  return db.transaction(async (tx) => {
    const [p] = await tx.select({ id: payers.id }).from(payers).where(and(eq(payers.id, input.payerId), eq(payers.practiceId, actor.practiceId)));
    if (!p) throw new DomainError("VALIDATION", "Choose a payer of this practice.", { field: "payerId" });
    const { id, ...fields } = input;
    if (id) {
      const [before] = await tx.select().from(priorAuthRules).where(and(eq(priorAuthRules.id, id), eq(priorAuthRules.practiceId, actor.practiceId))).for("update");
      if (!before) throw new DomainError("NOT_FOUND", "Rule not found.");
      const [after] = await tx.update(priorAuthRules).set({ ...fields, updatedAt: now }).where(eq(priorAuthRules.id, id)).returning();
      await recordAudit(tx, actor, { action: "prior_auth_rule.updated", entityType: "prior_auth_rule", entityId: id, before, after });
      return after!;
    }
    const [row] = await tx.insert(priorAuthRules).values({ ...fields, practiceId: actor.practiceId, createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, actor, { action: "prior_auth_rule.created", entityType: "prior_auth_rule", entityId: row!.id, after: row });
    return row!;
  });
}

/* ------------------------------------------------------------------ what the engine and the pages read */

/**
 * The authorizations an infusion is billed against, as the engine's scenario takes them: each
 * drug code's authorization whose dates contain `date`, with the units used by the order's other
 * infusions before this one (so the engine compares this claim's units with what is left).
 * Nothing when the order has no authorization: the engine then reports the missing one.
 */
export async function priorAuthsForAdministration(db: DbOrTx, practiceId: string, ref: PreparedReference, input: { orderId: string; administrationId: string; date: string }): Promise<TPriorAuthInput[]> {
  const ledgers = await orderLedgers(db, practiceId, ref, input.orderId);
  const out: TPriorAuthInput[] = [];
  for (const hcpcs of new Set(ledgers.map((l) => l.authorization.hcpcs))) {
    const chosen = authorizationFor(
      ledgers.filter((l) => l.authorization.hcpcs === hcpcs).map((l) => ({ ...l, hcpcs, startDate: l.authorization.startDate, endDate: l.authorization.endDate })),
      hcpcs,
      input.date,
    );
    // Outside every authorization's dates: give the engine the nearest one so it names the dates.
    const l = chosen ?? ledgers.filter((x) => x.authorization.hcpcs === hcpcs).reduce((best, x) => (Math.abs(daysBetween(x.authorization.endDate, input.date)) < Math.abs(daysBetween(best.authorization.endDate, input.date)) ? x : best));
    out.push({
      number: l.authorization.authorizationNumber,
      start: l.authorization.startDate,
      end: l.authorization.endDate,
      hcpcs,
      approvedUnits: l.authorization.approvedUnits,
      usedUnits: usedBefore(l.ledger, input.administrationId),
    });
  }
  return out;
}

/** Alerts of one order's authorizations (worklist, patient page). */
export async function orderAuthorizationAlerts(db: DbOrTx, practiceId: string, ref: PreparedReference, orderId: string, today: string, leadTimeDays = 14): Promise<LedgerAlert[]> {
  const ledgers = await orderLedgers(db, practiceId, ref, orderId);
  const scheduled = ledgers[0]?.doses.filter((d) => d.kind === "scheduled") ?? [];
  return ledgerAlerts(
    ledgers.map((l) => l.ledger),
    scheduled,
    today,
    leadTimeDays,
  );
}

/** Flags of a request in the queue: overdue decision, information due tomorrow, treatment soon with no approval. */
export function requestFlags(r: { status: PriorAuthState; submittedAt: Date | null; turnaroundDays: number; infoDueDate: string | null; nextInfusion: string | null }, today: string, soonDays = 7): string[] {
  const flags: string[] = [];
  if (AWAITING_PAYER.includes(r.status) && r.submittedAt) {
    const waited = daysBetween(isoDate(r.submittedAt), today);
    if (waited > r.turnaroundDays) flags.push(`No decision after ${waited} days (payer turnaround ${r.turnaroundDays})`);
  }
  if (r.status === "pending_info" && r.infoDueDate) {
    if (r.infoDueDate < today) flags.push(`Information was due ${formatDate(r.infoDueDate)}`);
    else if (r.infoDueDate === addDays(today, 1)) flags.push("Information due tomorrow");
    else if (r.infoDueDate === today) flags.push("Information due today");
  }
  if (r.nextInfusion && !["approved", "partially_approved"].includes(r.status) && daysBetween(today, r.nextInfusion) < soonDays) {
    flags.push(`Treatment in ${daysBetween(today, r.nextInfusion)} days with no approval`);
  }
  return flags;
}

export async function getRequestDetail(db: Db, actor: Actor, id: string, now: Date) {
  const today = isoDate(now);
  const row = await getRequestRow(db, actor.practiceId, id);
  if (!row) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");
  const ref = await getPreparedReference(db);
  const [decisions, attachments, ledgers, history, nextRow, dosesByCode] = await Promise.all([
    decisionsOf(db, actor.practiceId, id),
    attachmentsOf(db, actor.practiceId, id),
    orderLedgers(db, actor.practiceId, ref, row.request.orderId),
    db
      .select({ action: auditEvents.action, at: auditEvents.createdAt, actorName: users.name, after: auditEvents.after, before: auditEvents.before })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.practiceId, actor.practiceId)))
      .orderBy(asc(auditEvents.seq)),
    db
      .select({ d: sql<string | null>`min(${administrations.plannedDate})::text` })
      .from(administrations)
      .where(and(eq(administrations.orderId, row.request.orderId), inArray(administrations.status, ["scheduled", "in_progress"]), sql`${administrations.plannedDate} >= ${today}`)),
    orderLedgerDoses(db, actor.practiceId, ref, row.request.orderId, row.payer.wasteModifiers !== "none"),
  ]);
  const r = row.request;
  const mayWrite = actor.role !== null && can(actor.role, "priorAuth.write");
  const mayDecide = actor.role !== null && can(actor.role, "priorAuth.decide");
  const events = allowedEvents(priorAuthMachine, r.status).filter((e) => (["approve", "approve_partially", "deny"].includes(e) ? mayDecide : mayWrite));
  const nextInfusion = nextRow[0]?.d ?? null;
  const indication = ref.indicationsById.get(r.indicationId);
  return {
    request: r,
    statusLabel: PRIOR_AUTH_STATE_LABELS[r.status],
    patient: { id: row.patient.id, name: `${row.patient.lastName}, ${row.patient.firstName}`, mrn: row.patient.mrn, dateOfBirth: row.patient.dateOfBirth },
    payer: { id: row.payer.id, name: row.payer.name, memberId: row.coverage.memberId },
    order: {
      id: row.order.id,
      status: row.order.status,
      indicationName: indication?.row.name ?? r.indicationId,
      startDate: row.order.startDate,
      weightKg: row.order.weightKg,
      regimen: [
        row.order.phases.map((p) => `${p.name}: durvalumab ${describeDose(p.doseKind, p.doseAmount)} ${p.frequency}${p.cycles !== null ? ` ×${p.cycles}` : ""}`).join(" → "),
        row.order.combination ? `with ${row.order.combination.drug} ${describeDose(row.order.combination.doseKind, row.order.combination.doseAmount)}` : null,
      ]
        .filter(Boolean)
        .join(", "),
    },
    assigneeName: row.assigneeName,
    nextInfusion,
    flags: requestFlags({ ...r, nextInfusion }, today),
    daysPending: AWAITING_PAYER.includes(r.status) && r.submittedAt ? daysBetween(isoDate(r.submittedAt), today) : null,
    turnaround: r.submittedAt && r.decidedAt ? daysBetween(isoDate(r.submittedAt), isoDate(r.decidedAt)) : null,
    decisions: decisions.map((d) => ({ ...d.decision, recordedBy: d.recordedBy })),
    attachments,
    ledgers: ledgers.map((l) => ({ authorization: l.authorization, ledger: l.ledger })),
    alerts: ledgerAlerts(
      ledgers.map((l) => l.ledger),
      ledgers[0]?.doses.filter((d) => d.kind === "scheduled") ?? [],
      today,
      14,
    ),
    history: history.map((h) => ({ action: h.action, at: h.at, actorName: h.actorName, after: h.after as Record<string, unknown> | null })),
    // The order's calendar at today's dose, per drug code: the form recomputes units and doses over its dates from it.
    plannedDoses: [...dosesByCode].map(([hcpcs, doses]) => ({ hcpcs, doses: doses.filter((d) => d.kind === "scheduled").map((d) => ({ date: d.date, units: d.units })) })),
    actions: { edit: mayWrite && EDITABLE.includes(r.status), attach: mayWrite && r.status !== "withdrawn" && r.status !== "expired", events },
    eventLabels: PRIOR_AUTH_EVENT_LABELS,
    defaultTurnaroundDays: DEFAULT_TURNAROUND_DAYS,
  };
}
export type RequestDetail = Awaited<ReturnType<typeof getRequestDetail>>;

/** The coordinator's queue: one line per request, with its flags. */
export async function listRequestPage(db: Db, actor: Actor, params: PaListFilter, now: Date) {
  const today = isoDate(now);
  const page = await listRequests(db, actor.practiceId, actor.userId ?? "", params, today);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      requestNumber: r.requestNumber,
      status: r.status,
      kind: r.kind,
      patientId: r.patientId,
      patientName: r.patientName,
      mrn: r.mrn,
      orderId: r.orderId,
      payerId: r.payerId,
      payerName: r.payerName,
      requested: r.requestedLines.map((l) => `${l.hcpcs} × ${l.units} (${l.doses} dose${l.doses === 1 ? "" : "s"})`).join(", "),
      startDate: r.startDate,
      endDate: r.endDate,
      dueDate: r.dueDate,
      daysPending: AWAITING_PAYER.includes(r.status) && r.submittedAt ? daysBetween(isoDate(r.submittedAt), today) : null,
      nextInfusion: r.nextInfusion,
      assigneeUserId: r.assigneeUserId,
      assigneeName: r.assigneeName,
      payerReference: r.payerReference,
      flags: requestFlags(r, today),
      revision: r.revision,
    })),
    total: page.total,
    totalCapped: page.totalCapped,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** An order's requirement evaluations, authorizations with their ledgers, and alerts. */
export async function orderAuthorizations(db: Db, actor: Actor, orderId: string, now: Date) {
  const [o] = await db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, orderId), eq(orders.practiceId, actor.practiceId)));
  if (!o) throw new DomainError("NOT_FOUND", "Order not found.");
  const ref = await getPreparedReference(db);
  const [evaluations, ledgers] = await Promise.all([evaluationsOfOrder(db, actor.practiceId, orderId), orderLedgers(db, actor.practiceId, ref, orderId)]);
  return {
    evaluations: evaluations.map((e) => ({ hcpcs: e.evaluation.hcpcs, required: e.evaluation.required, reason: e.evaluation.reason, trigger: e.evaluation.trigger, payerName: e.payerName, requestId: e.evaluation.requestId, evaluatedAt: e.evaluation.evaluatedAt })),
    ledgers: ledgers.map((l) => ({ authorization: l.authorization, ledger: l.ledger })),
    alerts: ledgerAlerts(
      ledgers.map((l) => l.ledger),
      ledgers[0]?.doses.filter((d) => d.kind === "scheduled") ?? [],
      isoDate(now),
      14,
    ),
  };
}

/** A patient's authorization history (patient page, episode timeline) with the alerts of the authorizations in force. */
export async function patientAuthorizations(db: Db, actor: Actor, patientId: string, now: Date) {
  const [p] = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)));
  if (!p) throw new DomainError("NOT_FOUND", "Patient not found.");
  const h = await patientAuthorizationHistory(db, actor.practiceId, patientId);
  const ref = await getPreparedReference(db);
  const alerts: LedgerAlert[] = [];
  for (const orderId of new Set(h.authorizations.filter((a) => a.voidedAt === null).map((a) => a.orderId))) {
    alerts.push(...(await orderAuthorizationAlerts(db, actor.practiceId, ref, orderId, isoDate(now))));
  }
  return { requests: h.requests, authorizations: h.authorizations, alerts };
}

/* ------------------------------------------------------------------ the queue's side panels */

/** Who requests can be assigned to: active users whose role works prior authorizations. */
export async function paAssignees(db: Db, actor: Actor) {
  return (await activeUsers(db, actor.practiceId)).filter((u) => can(u.role, "priorAuth.write"));
}

/**
 * The authorization alerts of the whole practice for the queue: every signed or active order with an
 * authorization in force or ended in the last 60 days, its ledger's alerts (expiring in 30/14/7
 * days, runs out before the next infusion, an infusion outside every authorization, renewal due).
 * Errors first, then by date.
 */
export async function worklistAlerts(db: Db, actor: Actor, now: Date) {
  const today = isoDate(now);
  const ref = await getPreparedReference(db);
  const rows = await ordersWithAuthorizations(db, actor.practiceId, addDays(today, -60));
  const out: (LedgerAlert & { orderId: string; patientId: string; patientName: string; mrn: string })[] = [];
  for (const o of rows) {
    for (const a of await orderAuthorizationAlerts(db, actor.practiceId, ref, o.orderId, today)) out.push({ ...a, ...o });
  }
  const rank = (a: LedgerAlert) => (a.severity === "error" ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.patientName.localeCompare(b.patientName));
}

/** Signed or active orders matching a patient name or MRN, for "New request" (with any open request and the last evaluation). */
export async function listRequestCandidates(db: Db, actor: Actor, input: { q?: string | undefined }, now: Date) {
  const ref = await getPreparedReference(db);
  const rows = await requestCandidates(db, actor.practiceId, input.q, isoDate(now));
  return rows.map((r) => ({ ...r, indicationName: ref.indicationsById.get(r.indicationId)?.row.name ?? r.indicationId }));
}
