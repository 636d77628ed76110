import "server-only";
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  administrationDocumentation,
  administrations,
  administrationVials,
  authorizations,
  coverages,
  orders,
  patients,
  payers,
  priorAuthAttachments,
  priorAuthDecisions,
  priorAuthEvaluations,
  priorAuthRequests,
  priorAuthRules,
  users,
} from "@/db/schema";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { doseForDay, openedTotals, suggestVials, type VialEntry } from "@/server/domain/documentation";
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { PaSort, PaView } from "@/server/domain/prior-auth/codes";
import { computeLedger, type AuthorizationLedger, type LedgerDose } from "@/server/domain/prior-auth/ledger";
import { plannedUnits } from "@/server/domain/prior-auth/units";
import { OPEN_PRIOR_AUTH_STATES, type PriorAuthState } from "@/server/domain/workflow/prior-auth";
import { countCapped } from "./list-count";

/* ------------------------------------------------------------------ units per infusion */

export type AuthorizationRow = typeof authorizations.$inferSelect;

/** Administrations that count against an authorization once given, and those still planned. */
const USED_STATES = ["documented", "ready_for_billing"] as const;
const PLANNED_STATES = ["scheduled", "in_progress"] as const;

/** The drug codes of an order: durvalumab, plus its combination drug when the regimen has one. */
export function orderDrugCodes(ref: PreparedReference, order: { combination: { drug: string } | null }): { drug: string; hcpcs: string }[] {
  const out: { drug: string; hcpcs: string }[] = [];
  for (const drug of ["durvalumab", ...(order.combination ? [order.combination.drug] : [])]) {
    const hcpcs = ref.drugsByName.get(drug)?.[0]?.row.hcpcs;
    if (hcpcs) out.push({ drug, hcpcs });
  }
  return out;
}

/**
 * Every infusion of an order as ledger doses per drug code: documented ones with the units their
 * claim bills (administered, plus the discarded remainder when the payer is billed for waste;
 * nothing for free drug), planned ones with the dose at the latest weight (last documented weight,
 * else the order's). `billsWaste` is the payer's JW policy.
 */
export async function orderLedgerDoses(db: DbOrTx, practiceId: string, ref: PreparedReference, orderId: string, billsWaste: boolean): Promise<Map<string, LedgerDose[]>> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.practiceId, practiceId)));
  const out = new Map<string, LedgerDose[]>();
  if (!order) return out;
  const rows = await db
    .select({ a: administrations, doc: administrationDocumentation })
    .from(administrations)
    .leftJoin(administrationDocumentation, and(eq(administrationDocumentation.administrationId, administrations.id), eq(administrationDocumentation.isCurrent, true)))
    .where(and(eq(administrations.orderId, orderId), eq(administrations.practiceId, practiceId)))
    .orderBy(asc(administrations.sequence));
  const docIds = rows.map((r) => r.doc?.id).filter((x): x is string => !!x);
  const vials = docIds.length
    ? await db.select().from(administrationVials).where(and(inArray(administrationVials.documentationId, docIds), eq(administrationVials.practiceId, practiceId)))
    : [];
  const vialsOf = (docId: string): VialEntry[] =>
    vials.filter((v) => v.documentationId === docId).map((v) => ({ drug: v.drug, ndc11: v.ndc11, lotNumber: v.lotNumber, expiryDate: v.expiryDate, count: v.count }));
  const lastWeight =
    [...rows]
      .filter((r) => r.doc?.weightKg && r.doc.actualDate)
      .sort((x, y) => (x.doc!.actualDate! < y.doc!.actualDate! ? -1 : 1))
      .at(-1)?.doc?.weightKg ?? order.weightKg;
  const indication = ref.indicationsById.get(order.indicationId) ?? null;
  const combo = order.combination ?? null;
  for (const { drug, hcpcs } of orderDrugCodes(ref, { combination: combo })) {
    const unitMilli = decimalToMilli(ref.drugsByName.get(drug)?.[0]?.row.unitAmount ?? "") ?? 0;
    if (unitMilli <= 0) continue;
    const doses: LedgerDose[] = [];
    for (const { a, doc } of rows) {
      const isCombo = drug !== "durvalumab";
      if (isCombo && !a.includesCombination) continue;
      if ((USED_STATES as readonly string[]).includes(a.status) && doc) {
        const mg = isCombo ? doc.combinationMgAdministered : doc.mgAdministered;
        const milli = mg === null ? 0 : (decimalToMilli(mg) ?? 0);
        const opened = openedTotals(ref, vialsOf(doc.id), drug as never);
        const units = doc.acquisition === "purchased" ? plannedUnits({ doseMilli: milli, unitMilli, openedUnits: opened.vialCount > 0 && opened.complete ? opened.units : null, billsWaste }) : 0;
        doses.push({ administrationId: a.id, date: doc.actualDate ?? a.plannedDate, units, kind: "used" });
      } else if ((PLANNED_STATES as readonly string[]).includes(a.status)) {
        const phase = order.phases[a.phaseIndex] ?? order.phases[0];
        if (!phase) continue;
        const dosePhase = isCombo && combo ? { name: phase.name, doseKind: combo.doseKind, doseAmount: combo.doseAmount } : phase;
        const dose = doseForDay(dosePhase, indication, lastWeight, drug);
        const milli = dose.mgMilli ?? 0;
        const vialsFor = milli > 0 ? suggestVials(ref, drug as never, milli, a.plannedDate) : null;
        doses.push({ administrationId: a.id, date: a.plannedDate, units: plannedUnits({ doseMilli: milli, unitMilli, openedUnits: vialsFor?.totalUnits ?? null, billsWaste }), kind: "scheduled" });
      }
    }
    out.set(hcpcs, doses);
  }
  return out;
}

/** Authorizations in force (not voided) of an order, oldest first. */
export async function activeAuthorizationsOfOrder(db: DbOrTx, practiceId: string, orderId: string) {
  return db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.practiceId, practiceId), eq(authorizations.orderId, orderId), isNull(authorizations.voidedAt)))
    .orderBy(asc(authorizations.startDate), asc(authorizations.createdAt));
}

export interface OrderLedger {
  authorization: AuthorizationRow;
  ledger: AuthorizationLedger;
  doses: LedgerDose[];
}

/** The ledger of every authorization in force of an order, with the doses it was computed from. */
export async function orderLedgers(db: DbOrTx, practiceId: string, ref: PreparedReference, orderId: string): Promise<OrderLedger[]> {
  const auths = await activeAuthorizationsOfOrder(db, practiceId, orderId);
  if (auths.length === 0) return [];
  const payerIds = [...new Set(auths.map((a) => a.payerId))];
  const payerRows = await db.select({ id: payers.id, wasteModifiers: payers.wasteModifiers }).from(payers).where(inArray(payers.id, payerIds));
  const dosesByPolicy = new Map<boolean, Map<string, LedgerDose[]>>();
  const out: OrderLedger[] = [];
  for (const a of auths) {
    const billsWaste = (payerRows.find((p) => p.id === a.payerId)?.wasteModifiers ?? "jw_jz") !== "none";
    let doses = dosesByPolicy.get(billsWaste);
    if (!doses) {
      doses = await orderLedgerDoses(db, practiceId, ref, orderId, billsWaste);
      dosesByPolicy.set(billsWaste, doses);
    }
    const list = doses.get(a.hcpcs) ?? [];
    out.push({
      authorization: a,
      ledger: computeLedger({ id: a.id, number: a.authorizationNumber, hcpcs: a.hcpcs, approvedUnits: a.approvedUnits, startDate: a.startDate, endDate: a.endDate }, list),
      doses: list,
    });
  }
  return out;
}

/* ------------------------------------------------------------------ rules */

export async function payerRules(db: DbOrTx, practiceId: string, payerId: string) {
  return db
    .select()
    .from(priorAuthRules)
    .where(and(eq(priorAuthRules.practiceId, practiceId), eq(priorAuthRules.payerId, payerId)))
    .orderBy(asc(priorAuthRules.hcpcs), asc(priorAuthRules.effectiveDate));
}

export async function listRules(db: DbOrTx, practiceId: string) {
  return db
    .select({ rule: priorAuthRules, payerName: payers.name })
    .from(priorAuthRules)
    .innerJoin(payers, eq(payers.id, priorAuthRules.payerId))
    .where(eq(priorAuthRules.practiceId, practiceId))
    .orderBy(asc(payers.name), asc(priorAuthRules.hcpcs), asc(priorAuthRules.effectiveDate));
}

/* ------------------------------------------------------------------ the coordinator's worklist */


export const PA_VIEW_STATES: Record<PaView, PriorAuthState[] | null> = {
  open: [...OPEN_PRIOR_AUTH_STATES],
  awaiting: ["submitted", "pending_info", "peer_to_peer", "appeal_submitted"],
  decided: ["approved", "partially_approved", "denied", "withdrawn", "expired"],
  all: null,
};

export interface PaListFilter {
  page: number;
  pageSize: number;
  sort: PaSort;
  dir: "asc" | "desc";
  q?: string | undefined;
  view?: PaView | undefined;
  status?: PriorAuthState | undefined;
  payerId?: string | undefined;
  assignee?: string | undefined;
  overdue?: boolean | undefined;
}

/**
 * When the request needs the next step: the information the payer asked for; the decision
 * (submission + the payer's turnaround days); before that, the submission (first dose − turnaround).
 */
const dueDateSql = sql<string | null>`(case
  when ${priorAuthRequests.status} = 'pending_info' then ${priorAuthRequests.infoDueDate}
  when ${priorAuthRequests.status} in ('submitted', 'peer_to_peer', 'appeal_submitted') then (${priorAuthRequests.submittedAt}::date + ${priorAuthRequests.turnaroundDays})
  when ${priorAuthRequests.status} in ('needed', 'drafting') then (${priorAuthRequests.firstDoseDate} - ${priorAuthRequests.turnaroundDays})
  else null end)::text`;

export async function listRequests(db: DbOrTx, practiceId: string, userId: string, p: PaListFilter, today: string) {
  const nextInfusion = sql<string | null>`(select min(${administrations.plannedDate})::text from ${administrations} where ${administrations.orderId} = ${priorAuthRequests.orderId} and ${administrations.status} in ('scheduled', 'in_progress') and ${administrations.plannedDate} >= ${today})`;
  const conds: SQL[] = [eq(priorAuthRequests.practiceId, practiceId)];
  const states = p.status ? [p.status] : PA_VIEW_STATES[p.view ?? "open"];
  if (states) conds.push(inArray(priorAuthRequests.status, states));
  if (p.payerId) conds.push(eq(priorAuthRequests.payerId, p.payerId));
  if (p.assignee === "me") conds.push(eq(priorAuthRequests.assigneeUserId, userId));
  else if (p.assignee === "none") conds.push(isNull(priorAuthRequests.assigneeUserId));
  else if (p.assignee) conds.push(eq(priorAuthRequests.assigneeUserId, p.assignee));
  if (p.overdue) conds.push(sql`${dueDateSql} < ${today}`);
  if (p.q) {
    const like = `%${p.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(priorAuthRequests.requestNumber, like),
        ilike(priorAuthRequests.payerReference, like),
        ilike(patients.lastName, like),
        ilike(sql`${patients.lastName} || ', ' || ${patients.firstName}`, like),
        ilike(patients.mrn, like),
      )!,
    );
  }
  const where = and(...conds);
  const key = {
    due: dueDateSql,
    status: priorAuthRequests.status,
    payer: payers.name,
    patient: patients.lastName,
    pending: priorAuthRequests.submittedAt,
    next: nextInfusion,
    updated: priorAuthRequests.updatedAt,
  }[p.sort];
  // "pending" sorts by days pending: the earliest submission has waited longest.
  const dir = p.sort === "pending" ? (p.dir === "asc" ? desc : asc) : p.dir === "asc" ? asc : desc;
  // Keys that are never null (status, payer, patient, updated) end with the request number in their own
  // direction, so an index (practice_id, key, request_number) gives the order read either way (0038);
  // nullable ones (due, pending, next) sort nulls last, then by request number.
  const nullable = p.sort === "due" || p.sort === "pending" || p.sort === "next";
  const order = nullable ? [sql`${dir(key as never)} nulls last`, asc(priorAuthRequests.requestNumber)] : [dir(key as never), dir(priorAuthRequests.requestNumber)];
  // The count reads the requests alone unless the search needs the patient (every request has its patient).
  const counted = db.select({ id: priorAuthRequests.id }).from(priorAuthRequests).$dynamic();
  const [items, total] = await Promise.all([
    db
      .select({
        id: priorAuthRequests.id,
        requestNumber: priorAuthRequests.requestNumber,
        status: priorAuthRequests.status,
        kind: priorAuthRequests.kind,
        patientId: priorAuthRequests.patientId,
        patientName: sql<string>`${patients.lastName} || ', ' || ${patients.firstName}`,
        mrn: patients.mrn,
        orderId: priorAuthRequests.orderId,
        payerId: priorAuthRequests.payerId,
        payerName: payers.name,
        requestedLines: priorAuthRequests.requestedLines,
        startDate: priorAuthRequests.startDate,
        endDate: priorAuthRequests.endDate,
        dueDate: dueDateSql,
        submittedAt: priorAuthRequests.submittedAt,
        turnaroundDays: priorAuthRequests.turnaroundDays,
        infoDueDate: priorAuthRequests.infoDueDate,
        nextInfusion,
        assigneeUserId: priorAuthRequests.assigneeUserId,
        assigneeName: users.name,
        payerReference: priorAuthRequests.payerReference,
        revision: priorAuthRequests.revision,
        updatedAt: priorAuthRequests.updatedAt,
      })
      .from(priorAuthRequests)
      .innerJoin(patients, eq(patients.id, priorAuthRequests.patientId))
      .innerJoin(payers, eq(payers.id, priorAuthRequests.payerId))
      .leftJoin(users, eq(users.id, priorAuthRequests.assigneeUserId))
      .where(where)
      .orderBy(...order)
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    countCapped(db, (p.q ? counted.innerJoin(patients, eq(patients.id, priorAuthRequests.patientId)) : counted).where(where)),
  ]);
  return { items, total: total.total, totalCapped: total.totalCapped };
}
export type PaListRow = Awaited<ReturnType<typeof listRequests>>["items"][number];

export async function requestCounts(db: DbOrTx, practiceId: string, userId: string, today: string) {
  const rows = await db
    .select({ status: priorAuthRequests.status, due: dueDateSql, assignee: priorAuthRequests.assigneeUserId })
    .from(priorAuthRequests)
    .where(and(eq(priorAuthRequests.practiceId, practiceId), inArray(priorAuthRequests.status, [...OPEN_PRIOR_AUTH_STATES])));
  return {
    toStart: rows.filter((r) => r.status === "needed" || r.status === "drafting").length,
    awaiting: rows.filter((r) => r.status !== "needed" && r.status !== "drafting").length,
    overdue: rows.filter((r) => r.due !== null && r.due < today).length,
    mine: rows.filter((r) => r.assignee === userId).length,
  };
}

/* ------------------------------------------------------------------ one request */

export async function getRequestRow(db: DbOrTx, practiceId: string, id: string) {
  const [r] = await db
    .select({ request: priorAuthRequests, patient: patients, payer: payers, coverage: coverages, order: orders, assigneeName: users.name })
    .from(priorAuthRequests)
    .innerJoin(patients, eq(patients.id, priorAuthRequests.patientId))
    .innerJoin(payers, eq(payers.id, priorAuthRequests.payerId))
    .innerJoin(coverages, eq(coverages.id, priorAuthRequests.coverageId))
    .innerJoin(orders, eq(orders.id, priorAuthRequests.orderId))
    .leftJoin(users, eq(users.id, priorAuthRequests.assigneeUserId))
    .where(and(eq(priorAuthRequests.id, id), eq(priorAuthRequests.practiceId, practiceId)));
  return r ?? null;
}

export async function decisionsOf(db: DbOrTx, practiceId: string, requestId: string) {
  return db
    .select({ decision: priorAuthDecisions, recordedBy: users.name })
    .from(priorAuthDecisions)
    .leftJoin(users, eq(users.id, priorAuthDecisions.recordedByUserId))
    .where(and(eq(priorAuthDecisions.requestId, requestId), eq(priorAuthDecisions.practiceId, practiceId)))
    .orderBy(asc(priorAuthDecisions.createdAt));
}

export async function attachmentsOf(db: DbOrTx, practiceId: string, requestId: string) {
  return db
    .select({
      id: priorAuthAttachments.id,
      fileName: priorAuthAttachments.fileName,
      contentType: priorAuthAttachments.contentType,
      sizeBytes: priorAuthAttachments.sizeBytes,
      sha256: priorAuthAttachments.sha256,
      description: priorAuthAttachments.description,
      uploadedBy: users.name,
      createdAt: priorAuthAttachments.createdAt,
    })
    .from(priorAuthAttachments)
    .leftJoin(users, eq(users.id, priorAuthAttachments.uploadedByUserId))
    .where(and(eq(priorAuthAttachments.requestId, requestId), eq(priorAuthAttachments.practiceId, practiceId)))
    .orderBy(asc(priorAuthAttachments.createdAt));
}

export async function evaluationsOfOrder(db: DbOrTx, practiceId: string, orderId: string) {
  return db
    .select({ evaluation: priorAuthEvaluations, payerName: payers.name })
    .from(priorAuthEvaluations)
    .innerJoin(coverages, eq(coverages.id, priorAuthEvaluations.coverageId))
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(priorAuthEvaluations.practiceId, practiceId), eq(priorAuthEvaluations.orderId, orderId)))
    .orderBy(asc(priorAuthEvaluations.hcpcs));
}

/** A patient's requests and authorizations, newest first (patient page and episode timeline). */
export async function patientAuthorizationHistory(db: DbOrTx, practiceId: string, patientId: string) {
  const [requests, auths] = await Promise.all([
    db
      .select({
        id: priorAuthRequests.id,
        requestNumber: priorAuthRequests.requestNumber,
        status: priorAuthRequests.status,
        kind: priorAuthRequests.kind,
        orderId: priorAuthRequests.orderId,
        payerName: payers.name,
        startDate: priorAuthRequests.startDate,
        endDate: priorAuthRequests.endDate,
        submittedAt: priorAuthRequests.submittedAt,
        decidedAt: priorAuthRequests.decidedAt,
        createdAt: priorAuthRequests.createdAt,
      })
      .from(priorAuthRequests)
      .innerJoin(payers, eq(payers.id, priorAuthRequests.payerId))
      .where(and(eq(priorAuthRequests.practiceId, practiceId), eq(priorAuthRequests.patientId, patientId)))
      .orderBy(desc(priorAuthRequests.createdAt)),
    db
      .select()
      .from(authorizations)
      .where(and(eq(authorizations.practiceId, practiceId), eq(authorizations.patientId, patientId)))
      .orderBy(desc(authorizations.startDate)),
  ]);
  return { requests, authorizations: auths };
}

/** Authorizations whose end date has passed while their request is still approved (for the expiry sweep). */
export async function lapsedRequests(db: DbOrTx, practiceId: string, today: string) {
  return db
    .selectDistinct({ id: priorAuthRequests.id, revision: priorAuthRequests.revision, status: priorAuthRequests.status })
    .from(priorAuthRequests)
    .where(
      and(
        eq(priorAuthRequests.practiceId, practiceId),
        inArray(priorAuthRequests.status, ["approved", "partially_approved"]),
        sql`not exists (select 1 from ${authorizations} where ${authorizations.requestId} = ${priorAuthRequests.id} and ${authorizations.voidedAt} is null and ${authorizations.endDate} >= ${today})`,
      ),
    );
}


/* ------------------------------------------------------------------ the queue's side panels */

/** Active users of the practice (the service keeps those whose role works prior authorizations). */
export async function activeUsers(db: DbOrTx, practiceId: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.isActive, true)))
    .orderBy(asc(users.name));
}

/** Signed or active orders that have an authorization in force or ended in the last 60 days (the alert sweep). */
export async function ordersWithAuthorizations(db: DbOrTx, practiceId: string, since: string) {
  return db
    .selectDistinct({
      orderId: orders.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.lastName} || ', ' || ${patients.firstName}`,
      mrn: patients.mrn,
    })
    .from(authorizations)
    .innerJoin(orders, eq(orders.id, authorizations.orderId))
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .where(
      and(
        eq(authorizations.practiceId, practiceId),
        isNull(authorizations.voidedAt),
        sql`${authorizations.endDate} >= ${since}`,
        inArray(orders.status, ["signed", "active"]),
      ),
    );
}

/**
 * Orders a coordinator may open a request for (signed or active), matching a patient name or MRN,
 * with the open request of the order if there is one and the last requirement evaluation.
 */
export async function requestCandidates(db: DbOrTx, practiceId: string, q: string | undefined, today: string, limit = 20) {
  const conds: SQL[] = [eq(orders.practiceId, practiceId), inArray(orders.status, ["signed", "active"])];
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(patients.lastName, like), ilike(patients.firstName, like), ilike(sql`${patients.lastName} || ', ' || ${patients.firstName}`, like), ilike(patients.mrn, like))!);
  }
  const nextInfusion = sql<string | null>`(select min(${administrations.plannedDate})::text from ${administrations} where ${administrations.orderId} = ${orders.id} and ${administrations.status} in ('scheduled', 'in_progress') and ${administrations.plannedDate} >= ${today})`;
  const openRequest = sql<{ id: string; requestNumber: string; status: PriorAuthState } | null>`(select json_build_object('id', r.id, 'requestNumber', r.request_number, 'status', r.status) from ${priorAuthRequests} r where r.order_id = ${orders.id} and r.status in ('needed', 'drafting', 'submitted', 'pending_info', 'peer_to_peer', 'appeal_submitted') limit 1)`;
  const evaluation = sql<{ required: boolean; reason: string } | null>`(select json_build_object('required', e.required, 'reason', e.reason) from ${priorAuthEvaluations} e where e.order_id = ${orders.id} order by e.required desc, e.evaluated_at desc limit 1)`;
  return db
    .select({
      orderId: orders.id,
      orderStatus: orders.status,
      startDate: orders.startDate,
      indicationId: orders.indicationId,
      patientId: patients.id,
      patientName: sql<string>`${patients.lastName} || ', ' || ${patients.firstName}`,
      mrn: patients.mrn,
      nextInfusion,
      openRequest,
      evaluation,
    })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .where(and(...conds))
    .orderBy(asc(patients.lastName), asc(patients.firstName), desc(orders.startDate), asc(orders.id))
    .limit(limit);
}
