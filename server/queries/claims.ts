import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import {
  acknowledgmentFiles,
  acknowledgmentResults,
  administrationDocumentation,
  administrations,
  auditEvents,
  claimAdministrations,
  claimBatches,
  claimBatchItems,
  claimLines,
  claimOverrides,
  claims,
  claimStatusCounts,
  coverages,
  locations,
  orders,
  patients,
  payers,
  providers,
  users,
} from "@/db/schema";
import { likeContains } from "@/server/domain/patients/search";
import type { ClaimState } from "@/server/domain/workflow/claim";
import type { ClaimType } from "@/server/domain/claims/types";
import { AGE_BUCKETS, type AgeBucket } from "@/server/domain/claims/filing";
import { countCapped } from "./list-count";

/**
 * Read-only claim queries: the claims worklist (URL filters, CSV), a claim with everything its page
 * shows, the filing-deadline worklist, unbilled infusions by age, batches and acknowledgments.
 * Every query is scoped to the practice.
 */

/** Days between two ISO dates as SQL integers (date - date). */
const today = (d: string) => sql`${d}::date`;

/** Last day to file: the payer's day limit after the DOS, else one calendar year (Medicare's rule). */
export function deadlineSql(dos: SQL | unknown, p: typeof payers = payers): SQL<string> {
  return sql<string>`to_char(case when ${p.timelyFilingDays} is not null then (${dos})::date + ${p.timelyFilingDays} else ((${dos})::date + interval '12 months')::date end, 'YYYY-MM-DD')`;
}

export const CLAIM_LIST_SORTS = ["number", "patient", "dos", "payer", "status", "amount", "age", "updated"] as const;
export type ClaimListSort = (typeof CLAIM_LIST_SORTS)[number];

export interface ClaimListParams {
  page: number;
  pageSize: number;
  sort: ClaimListSort;
  dir: "asc" | "desc";
  q?: string | undefined;
  status?: ClaimState | undefined;
  payer?: string | undefined;
  type?: ClaimType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  age?: AgeBucket | undefined;
  /** whole dollars */
  minCharge?: number | undefined;
}

function claimWhere(practiceId: string, p: ClaimListParams, asOf: string): SQL {
  const where: (SQL | undefined)[] = [eq(claims.practiceId, practiceId)];
  if (p.status) where.push(eq(claims.status, p.status));
  if (p.payer) where.push(eq(claims.payerId, p.payer));
  if (p.type) where.push(eq(claims.claimType, p.type));
  if (p.from) where.push(sql`${claims.dateOfService} >= ${p.from}`);
  if (p.to) where.push(sql`${claims.dateOfService} <= ${p.to}`);
  if (p.minCharge !== undefined) where.push(sql`${claims.totalChargeCents} >= ${p.minCharge * 100}`);
  if (p.age) {
    // age = today - date of service, as a range of dates of service (an index range, not a per-row expression)
    const b = AGE_BUCKETS.find((x) => x.key === p.age)!;
    where.push(sql`${claims.dateOfService} <= ${today(asOf)} - ${b.min}::int`);
    if (b.max !== null) where.push(sql`${claims.dateOfService} >= ${today(asOf)} - ${b.max}::int`);
  }
  if (p.q) {
    for (const term of p.q.split(/[\s,]+/).filter(Boolean).slice(0, 4)) {
      const like = likeContains(term);
      where.push(sql`(${patients.lastName} ilike ${like} or ${patients.firstName} ilike ${like} or ${patients.mrn} ilike ${like} or ${claims.claimNumber} ilike ${like} or ${claims.payerClaimControlNumber} ilike ${like})`);
    }
  }
  return and(...where)!;
}

function claimOrder(p: ClaimListParams): SQL[] {
  const d = p.dir === "asc" ? asc : desc;
  // older date of service = greater age
  const o = p.dir === "asc" ? desc : asc;
  // Every order ends with the claim number (unique in the practice) in the same direction as its
  // first key, so the order is total and an index (practice_id, keys..., claim_number) gives it
  // read forward or backward (migration 0038): the page is the first rows of an index scan.
  const keys: Record<ClaimListSort, SQL[]> = {
    number: [d(claims.claimNumber)],
    patient: [d(sql`lower(${patients.lastName})`), d(sql`lower(${patients.firstName})`), d(claims.dateOfService), d(claims.claimNumber)],
    dos: [d(claims.dateOfService), d(claims.claimNumber)],
    payer: [d(payers.name), d(claims.dateOfService), d(claims.claimNumber)],
    status: [d(claims.status), d(claims.dateOfService), d(claims.claimNumber)],
    amount: [d(claims.totalChargeCents), d(claims.dateOfService), d(claims.claimNumber)],
    age: [o(claims.dateOfService), o(claims.claimNumber)],
    updated: [d(claims.updatedAt), d(claims.claimNumber)],
  };
  return keys[p.sort];
}

/** The latest batch each claim went into (cancelled batches excluded), as a lateral-free subquery. */
const latestBatchIcn = sql<number | null>`(
  select b.interchange_control_number from ${claimBatchItems} i join ${claimBatches} b on b.id = i.batch_id
  where i.claim_id = ${claims.id} and b.status <> 'cancelled' order by b.created_at desc limit 1)`;

/**
 * The latest claim correcting this one (its resubmission, replacement or void), cancelled ones left
 * out: "number|frequency|status", or null. The list names what happened to a rejected or denied
 * claim from its family, not from its own status alone (the original stays rejected or adjudicated
 * until the correction goes out, and only then becomes replaced).
 */
const latestCorrection = sql<string | null>`(
  select k.claim_number || '|' || k.frequency || '|' || k.status from ${claims} k
  where k.original_claim_id = ${claims.id} and k.practice_id = ${claims.practiceId} and k.status <> 'cancelled'
  order by k.created_at desc limit 1)`;

/** One page of the claims list in its sort. */
function claimRows(db: DbOrTx, where: SQL, p: ClaimListParams, asOf: string) {
  return db
    .select({
      id: claims.id,
      claimNumber: claims.claimNumber,
      patientId: claims.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
      dateOfService: claims.dateOfService,
      payerId: claims.payerId,
      payerName: payers.name,
      claimType: claims.claimType,
      frequency: claims.frequency,
      status: claims.status,
      totalChargeCents: claims.totalChargeCents,
      paidCents: claims.paidCents,
      adjudicationOutcome: claims.adjudicationOutcome,
      blocked: claims.blocked,
      findings: claims.findings,
      rejection: claims.rejection,
      submittedAt: claims.submittedAt,
      updatedAt: claims.updatedAt,
      ageDays: sql<number>`(${today(asOf)} - ${claims.dateOfService})::int`,
      filingDeadline: deadlineSql(claims.dateOfService),
      batchIcn: latestBatchIcn,
      correction: latestCorrection,
    })
    .from(claims)
    .innerJoin(patients, and(eq(patients.id, claims.patientId), eq(patients.practiceId, claims.practiceId)))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .where(where)
    .orderBy(...claimOrder(p))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
}

/**
 * How many claims the filter holds and what they charge, counted up to LIST_COUNT_CAP claims (above
 * it the total is a lower bound and the charges are not summed: null).
 */
async function claimTotals(db: DbOrTx, where: SQL, p: ClaimListParams) {
  // The total reads the claims alone unless the search needs the patient (every claim has its
  // patient and payer: the joins would not drop a row).
  const rows = db.select({ cents: sql<number>`${claims.totalChargeCents}`.as("cents") }).from(claims).$dynamic();
  const filtered = (p.q ? rows.innerJoin(patients, and(eq(patients.id, claims.patientId), eq(patients.practiceId, claims.practiceId))) : rows).where(where);
  const t = await countCapped(db, filtered, ["cents"]);
  return { total: t.total, totalCapped: t.totalCapped, totalChargeCents: t.sums?.cents ?? null };
}

/**
 * Claims and their charges per status, over the practice (the worklist's tabs): the sums kept in
 * claim_status_counts by the claims table's triggers (migration 0038), in the transaction of every
 * claim written, so they are exact at every commit without reading the claims.
 */
export async function claimStatusTotals(db: DbOrTx, practiceId: string) {
  // Every claims page reads them: prepared, planned once per connection and built once (db/prepared.ts).
  const rows = await preparedOnce(db, "claim_status_totals", () =>
    db
      .select({ status: claimStatusCounts.status, n: sql<number>`sum(${claimStatusCounts.n})::bigint`, cents: sql<number>`sum(${claimStatusCounts.cents})::bigint` })
      .from(claimStatusCounts)
      .where(eq(claimStatusCounts.practiceId, sql.placeholder("practiceId")))
      .groupBy(claimStatusCounts.status)
      .having(sql`sum(${claimStatusCounts.n}) <> 0`)
      .prepare("claim_status_totals"),
  ).execute({ practiceId });
  return rows.map((r) => ({ status: r.status, n: Number(r.n), cents: Number(r.cents) }));
}

/**
 * A page of the claims list with the counts of its status tabs. When the filter is a status tab
 * alone (the list as it opens), its total and charges are the tab's kept sums (exact, never
 * capped); any other filter is counted up to the cap.
 */
export async function listClaimsWithCounts(db: DbOrTx, practiceId: string, p: ClaimListParams, asOf: string) {
  const tabOnly = !p.q && !p.payer && !p.type && !p.from && !p.to && !p.age && p.minCharge === undefined;
  const where = claimWhere(practiceId, p, asOf);
  const [rows, byStatus, filtered] = await Promise.all([claimRows(db, where, p, asOf), claimStatusTotals(db, practiceId), tabOnly ? null : claimTotals(db, where, p)]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<ClaimState, number>>;
  const inTab = byStatus.filter((r) => !p.status || r.status === p.status);
  const totals = filtered ?? { total: inTab.reduce((a, r) => a + r.n, 0), totalCapped: false, totalChargeCents: inTab.reduce((a, r) => a + r.cents, 0) as number | null };
  return { rows, ...totals, counts };
}

/* ------------------------------------------------------------------ one claim */

export async function getClaimRow(db: DbOrTx, practiceId: string, claimId: string) {
  const [row] = await db
    .select({ claim: claims, patient: patients, payer: payers, coverage: coverages, location: locations, provider: providers, createdByName: users.name })
    .from(claims)
    .innerJoin(patients, and(eq(patients.id, claims.patientId), eq(patients.practiceId, practiceId)))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .innerJoin(coverages, eq(coverages.id, claims.coverageId))
    .innerJoin(locations, eq(locations.id, claims.locationId))
    .innerJoin(providers, eq(providers.id, claims.renderingProviderId))
    .leftJoin(users, eq(users.id, claims.createdByUserId))
    .where(and(eq(claims.id, claimId), eq(claims.practiceId, practiceId)));
  return row ?? null;
}

export async function getClaimLines(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select()
    .from(claimLines)
    .where(and(eq(claimLines.claimId, claimId), eq(claimLines.practiceId, practiceId)))
    .orderBy(asc(claimLines.position));
}

export async function getClaimOverrides(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select({ id: claimOverrides.id, rule: claimOverrides.rule, fingerprint: claimOverrides.fingerprint, message: claimOverrides.message, reason: claimOverrides.reason, source: claimOverrides.source, userName: users.name, createdAt: claimOverrides.createdAt })
    .from(claimOverrides)
    .leftJoin(users, eq(users.id, claimOverrides.userId))
    .where(and(eq(claimOverrides.claimId, claimId), eq(claimOverrides.practiceId, practiceId)))
    .orderBy(asc(claimOverrides.createdAt));
}

/** The infusions a claim bills (active = the claim holds them now). */
export async function getClaimAdministrations(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select({
      id: administrations.id,
      sequence: administrations.sequence,
      cycle: administrations.cycle,
      day: administrations.day,
      status: administrations.status,
      orderId: administrations.orderId,
      actualDate: administrationDocumentation.actualDate,
      active: claimAdministrations.active,
    })
    .from(claimAdministrations)
    .innerJoin(administrations, eq(administrations.id, claimAdministrations.administrationId))
    .leftJoin(
      administrationDocumentation,
      and(eq(administrationDocumentation.administrationId, administrations.id), eq(administrationDocumentation.isCurrent, true)),
    )
    .where(and(eq(claimAdministrations.claimId, claimId), eq(claimAdministrations.practiceId, practiceId)))
    .orderBy(asc(administrations.sequence));
}

/** The 837 batches a claim went into, newest first. */
export async function getClaimBatches(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select({
      id: claimBatches.id,
      status: claimBatches.status,
      interchangeControlNumber: claimBatches.interchangeControlNumber,
      groupControlNumber: claimBatches.groupControlNumber,
      transactionSetControlNumber: claimBatches.transactionSetControlNumber,
      fileName: claimBatches.fileName,
      createdAt: claimBatches.createdAt,
      submittedAt: claimBatches.submittedAt,
      submissionChannel: claimBatches.submissionChannel,
      ackStatus: claimBatches.ackStatus,
      position: claimBatchItems.position,
    })
    .from(claimBatchItems)
    .innerJoin(claimBatches, eq(claimBatches.id, claimBatchItems.batchId))
    .where(and(eq(claimBatchItems.claimId, claimId), eq(claimBatchItems.practiceId, practiceId)))
    .orderBy(desc(claimBatches.createdAt), desc(claimBatches.interchangeControlNumber));
}

/** Acknowledgment answers about a claim: its own 277CA results and the 999 results of its batches. */
export async function getClaimAcknowledgments(db: DbOrTx, practiceId: string, claimId: string) {
  const batchIds = (await db.select({ id: claimBatchItems.batchId }).from(claimBatchItems).where(and(eq(claimBatchItems.claimId, claimId), eq(claimBatchItems.practiceId, practiceId)))).map((b) => b.id);
  const cond = batchIds.length ? sql`(${acknowledgmentResults.claimId} = ${claimId} or ${inArray(acknowledgmentResults.batchId, batchIds)})` : eq(acknowledgmentResults.claimId, claimId);
  return db
    .select({
      id: acknowledgmentResults.id,
      kind: acknowledgmentResults.kind,
      status: acknowledgmentResults.status,
      reference: acknowledgmentResults.reference,
      payerClaimNumber: acknowledgmentResults.payerClaimNumber,
      detail: acknowledgmentResults.detail,
      segment: acknowledgmentResults.segment,
      outcome: acknowledgmentResults.outcome,
      createdAt: acknowledgmentResults.createdAt,
      fileId: acknowledgmentFiles.id,
      fileName: acknowledgmentFiles.fileName,
    })
    .from(acknowledgmentResults)
    .innerJoin(acknowledgmentFiles, eq(acknowledgmentFiles.id, acknowledgmentResults.fileId))
    .where(and(eq(acknowledgmentResults.practiceId, practiceId), cond))
    .orderBy(desc(acknowledgmentResults.createdAt));
}

/** The claim's audit trail, oldest first (who, when, what). */
export async function getClaimHistory(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select({ id: auditEvents.id, action: auditEvents.action, before: auditEvents.before, after: auditEvents.after, createdAt: auditEvents.createdAt, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claimId)))
    .orderBy(asc(auditEvents.seq));
}

/** The claim this one corrects and the claims that correct it. */
export async function getClaimFamily(db: DbOrTx, practiceId: string, claim: { id: string; originalClaimId: string | null }) {
  const cols = { id: claims.id, claimNumber: claims.claimNumber, status: claims.status, frequency: claims.frequency, createdAt: claims.createdAt };
  const original = claim.originalClaimId
    ? ((await db.select(cols).from(claims).where(and(eq(claims.id, claim.originalClaimId), eq(claims.practiceId, practiceId))))[0] ?? null)
    : null;
  const corrections = await db.select(cols).from(claims).where(and(eq(claims.originalClaimId, claim.id), eq(claims.practiceId, practiceId))).orderBy(asc(claims.createdAt));
  return { original, corrections };
}

/* ------------------------------------------------------------------ infusions to bill and deadlines */

/** Infusions ready for billing that no live claim holds, at locations where this practice bills (not another entity). */
const unbilled = and(
  eq(administrations.status, "ready_for_billing"),
  sql`not exists (select 1 from ${claimAdministrations} ca where ca.administration_id = ${administrations.id} and ca.active)`,
  sql`not exists (select 1 from ${orders} o join ${locations} l on l.id = o.location_id where o.id = ${administrations.orderId} and l.billed_by = 'other_entity')`,
);
const docJoin = and(eq(administrationDocumentation.administrationId, administrations.id), eq(administrationDocumentation.isCurrent, true));
const dosSql = sql<string>`coalesce(${administrationDocumentation.actualDate}, ${administrations.plannedDate})`;
/** The date of service as 'YYYY-MM-DD' text (both drivers return it the same way). */
const dosText = sql<string>`to_char(coalesce(${administrationDocumentation.actualDate}, ${administrations.plannedDate}), 'YYYY-MM-DD')`;
const primaryPayerIdSql = sql<string | null>`(
  select ${coverages.payerId} from ${coverages}
  where ${coverages.practiceId} = ${administrations.practiceId}
    and ${coverages.patientId} = ${administrations.patientId}
    and ${coverages.priority} = 'primary'
    and ${coverages.effectiveDate} <= ${dosSql}
    and (${coverages.endDate} is null or ${coverages.endDate} >= ${dosSql})
  order by ${coverages.effectiveDate} desc limit 1)`;

export interface UnbilledParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  payer?: string | undefined;
  age?: AgeBucket | undefined;
}

/** Ready, unbilled infusions with their primary payer, age and days left to file, oldest first. */
export async function listUnbilled(db: DbOrTx, practiceId: string, p: UnbilledParams, asOf: string) {
  const where: (SQL | undefined)[] = [eq(administrations.practiceId, practiceId), unbilled];
  if (p.payer) where.push(eq(payers.id, p.payer));
  if (p.age) {
    const b = AGE_BUCKETS.find((x) => x.key === p.age)!;
    where.push(sql`${today(asOf)} - ${dosSql}::date >= ${b.min}`);
    if (b.max !== null) where.push(sql`${today(asOf)} - ${dosSql}::date <= ${b.max}`);
  }
  if (p.q) {
    for (const term of p.q.split(/[\s,]+/).filter(Boolean).slice(0, 4)) {
      const like = likeContains(term);
      where.push(sql`(${patients.lastName} ilike ${like} or ${patients.firstName} ilike ${like} or ${patients.mrn} ilike ${like})`);
    }
  }
  const w = and(...where)!;
  const base = db
    .select({
      id: administrations.id,
      patientId: administrations.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
      cycle: administrations.cycle,
      day: administrations.day,
      dateOfService: dosText,
      payerId: payers.id,
      payerName: payers.name,
      locationName: locations.name,
      placeOfService: locations.placeOfService,
      billedBy: locations.billedBy,
      ageDays: sql<number>`(${today(asOf)} - ${dosSql}::date)::int`,
      filingDeadline: sql<string | null>`case when ${payers.id} is null then null else ${deadlineSql(dosSql)} end`,
    })
    .from(administrations)
    .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, administrations.practiceId)))
    .innerJoin(patients, and(eq(patients.id, administrations.patientId), eq(patients.practiceId, administrations.practiceId)))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .leftJoin(administrationDocumentation, docJoin)
    .leftJoin(payers, eq(payers.id, primaryPayerIdSql));
  const rows = await base
    .where(w)
    .orderBy(asc(dosSql), asc(patients.lastName), asc(administrations.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [t] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(administrations)
    .innerJoin(patients, and(eq(patients.id, administrations.patientId), eq(patients.practiceId, administrations.practiceId)))
    .leftJoin(administrationDocumentation, docJoin)
    .leftJoin(payers, eq(payers.id, primaryPayerIdSql))
    .where(w);
  return { rows, total: Number(t?.n ?? 0) };
}

/** Unbilled ready infusions counted by age bucket (days since the date of service). */
export async function unbilledByAge(db: DbOrTx, practiceId: string, asOf: string) {
  const rows = await db
    .select({ age: sql<number>`(${today(asOf)} - ${dosSql}::date)::int` })
    .from(administrations)
    .leftJoin(administrationDocumentation, docJoin)
    .where(and(eq(administrations.practiceId, practiceId), unbilled));
  return AGE_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: rows.filter((r) => r.age >= b.min && (b.max === null || r.age <= b.max)).length }));
}

/**
 * What is closest to its filing limit: unsent claims (draft, ready, in a batch, rejected) and
 * unbilled ready infusions, by days left (late first).
 */
export async function listFilingDeadlines(db: DbOrTx, practiceId: string, p: { page: number; pageSize: number }, asOf: string) {
  const claimRows = await db
    .select({
      kind: sql<"claim">`'claim'`,
      id: claims.id,
      claimNumber: claims.claimNumber,
      status: claims.status,
      patientId: claims.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
      dateOfService: claims.dateOfService,
      payerName: payers.name,
      deadline: deadlineSql(claims.dateOfService),
      amountCents: claims.totalChargeCents,
    })
    .from(claims)
    .innerJoin(patients, eq(patients.id, claims.patientId))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .where(and(eq(claims.practiceId, practiceId), inArray(claims.status, ["draft", "ready", "batched", "rejected"])));
  const infusionRows = await db
    .select({
      id: administrations.id,
      patientId: administrations.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
      dateOfService: dosText,
      payerName: payers.name,
      deadline: sql<string | null>`case when ${payers.id} is null then null else ${deadlineSql(dosSql)} end`,
      cycle: administrations.cycle,
      day: administrations.day,
    })
    .from(administrations)
    .innerJoin(patients, eq(patients.id, administrations.patientId))
    .leftJoin(administrationDocumentation, docJoin)
    .leftJoin(payers, eq(payers.id, primaryPayerIdSql))
    .where(and(eq(administrations.practiceId, practiceId), unbilled));
  const items = [
    ...claimRows.map((r) => ({ ...r, kind: "claim" as const, cycleLabel: null as string | null })),
    ...infusionRows.map((r) => ({ ...r, kind: "infusion" as const, claimNumber: null, status: null, amountCents: null, cycleLabel: `C${r.cycle}D${r.day}` })),
  ]
    .map((r) => ({ ...r, daysLeft: r.deadline ? dayDiff(asOf, r.deadline) : null }))
    .sort((a, b) => (a.daysLeft ?? Number.MAX_SAFE_INTEGER) - (b.daysLeft ?? Number.MAX_SAFE_INTEGER) || a.dateOfService.localeCompare(b.dateOfService) || a.id.localeCompare(b.id));
  return { rows: items.slice((p.page - 1) * p.pageSize, p.page * p.pageSize), total: items.length };
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/* ------------------------------------------------------------------ overrides report */

export async function listOverrides(db: DbOrTx, practiceId: string, p: { page: number; pageSize: number }) {
  const where = eq(claimOverrides.practiceId, practiceId);
  const rows = await db
    .select({
      id: claimOverrides.id,
      claimId: claims.id,
      claimNumber: claims.claimNumber,
      claimStatus: claims.status,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      dateOfService: claims.dateOfService,
      payerName: payers.name,
      rule: claimOverrides.rule,
      message: claimOverrides.message,
      reason: claimOverrides.reason,
      source: claimOverrides.source,
      userName: users.name,
      createdAt: claimOverrides.createdAt,
    })
    .from(claimOverrides)
    .innerJoin(claims, eq(claims.id, claimOverrides.claimId))
    .innerJoin(patients, eq(patients.id, claims.patientId))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .leftJoin(users, eq(users.id, claimOverrides.userId))
    .where(where)
    .orderBy(desc(claimOverrides.createdAt), asc(claimOverrides.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(claimOverrides).where(where);
  return { rows, total: Number(t?.n ?? 0) };
}

/** Payers of the practice for the filters. */
export async function claimFilterOptions(db: DbOrTx, practiceId: string) {
  const rows = await db.select({ id: payers.id, name: payers.name, isActive: payers.isActive }).from(payers).where(eq(payers.practiceId, practiceId)).orderBy(asc(payers.name), asc(payers.id));
  return { payers: rows };
}

/** Every claim that billed (or bills) an infusion, newest first: live ones hold it, the others are its past. */
export async function claimsOfAdministration(db: DbOrTx, practiceId: string, administrationId: string) {
  return db
    .select({
      id: claims.id,
      claimNumber: claims.claimNumber,
      status: claims.status,
      frequency: claims.frequency,
      claimType: claims.claimType,
      totalChargeCents: claims.totalChargeCents,
      payerName: payers.name,
      submittedAt: claims.submittedAt,
      rejection: claims.rejection,
      active: claimAdministrations.active,
      createdAt: claims.createdAt,
    })
    .from(claimAdministrations)
    .innerJoin(claims, and(eq(claims.id, claimAdministrations.claimId), eq(claims.practiceId, practiceId)))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .where(and(eq(claimAdministrations.administrationId, administrationId), eq(claimAdministrations.practiceId, practiceId)))
    .orderBy(desc(claims.createdAt), desc(claims.claimNumber));
}
