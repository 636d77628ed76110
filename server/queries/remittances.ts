import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  claimLines,
  claimPaymentLines,
  claimPayments,
  claims,
  denialWorkItems,
  patients,
  payers,
  providerAdjustments,
  remittanceAdjustments,
  remittanceFiles,
  remittancePayments,
  users,
} from "@/db/schema";
import type { PaymentSort, QueueSort } from "@/server/domain/remittance/lists";

/** Read-only queries of the remittance screens (files, payments, claim payments, the unmatched queue). */

const fileColumns = {
  id: remittanceFiles.id,
  fileName: remittanceFiles.fileName,
  status: remittanceFiles.status,
  statusReason: remittanceFiles.statusReason,
  bytes: remittanceFiles.bytes,
  paymentCount: remittanceFiles.paymentCount,
  claimCount: remittanceFiles.claimCount,
  claimsDone: remittanceFiles.claimsDone,
  postedCount: remittanceFiles.postedCount,
  unmatchedCount: remittanceFiles.unmatchedCount,
  heldCount: remittanceFiles.heldCount,
  denialCount: remittanceFiles.denialCount,
  findingCount: remittanceFiles.findingCount,
  attempts: remittanceFiles.attempts,
  lastError: remittanceFiles.lastError,
  uploadedAt: remittanceFiles.uploadedAt,
  uploadedBy: users.name,
  finishedAt: remittanceFiles.finishedAt,
  leaseUntil: remittanceFiles.leaseUntil,
};

export async function listFiles(db: Db, practiceId: string, p: { page: number; pageSize: number }) {
  const where = eq(remittanceFiles.practiceId, practiceId);
  const [items, [total]] = await Promise.all([
    db
      .select(fileColumns)
      .from(remittanceFiles)
      .leftJoin(users, eq(users.id, remittanceFiles.uploadedByUserId))
      .where(where)
      .orderBy(desc(remittanceFiles.uploadedAt), desc(remittanceFiles.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    db.select({ n: count() }).from(remittanceFiles).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: p.page, pageSize: p.pageSize };
}

export async function getFile(db: Db, practiceId: string, fileId: string) {
  const [f] = await db
    .select({ ...fileColumns, findings: remittanceFiles.findings })
    .from(remittanceFiles)
    .leftJoin(users, eq(users.id, remittanceFiles.uploadedByUserId))
    .where(and(eq(remittanceFiles.id, fileId), eq(remittanceFiles.practiceId, practiceId)));
  if (!f) return null;
  const payments = await db
    .select({ id: remittancePayments.id, traceNumber: remittancePayments.traceNumber, payerName: remittancePayments.payerName, amountCents: remittancePayments.amountCents, duplicateOf: remittancePayments.duplicateOfPaymentId })
    .from(remittancePayments)
    .where(and(eq(remittancePayments.fileId, fileId), eq(remittancePayments.practiceId, practiceId)))
    .orderBy(asc(remittancePayments.position));
  return { ...f, payments };
}

/** Counts of a payment's claim payments by how they ended. */
const perPayment = (db0: Db) =>
  db0
    .select({
      paymentId: claimPayments.paymentId,
      posted: sql<number>`(count(*) filter (where ${claimPayments.status} = 'posted'))::int`.as("posted"),
      exceptions: sql<number>`(count(*) filter (where ${claimPayments.status} in ('unmatched', 'held')))::int`.as("exceptions"),
      denied: sql<number>`(count(*) filter (where ${claimPayments.status} = 'posted' and ${claimPayments.outcome} in ('denied', 'partially_paid')))::int`.as("denied"),
    })
    .from(claimPayments)
    .groupBy(claimPayments.paymentId)
    .as("counts");

export async function listPayments(
  db: Db,
  practiceId: string,
  p: { page: number; pageSize: number; sort: PaymentSort; dir: "asc" | "desc"; q?: string | undefined; payerId?: string | undefined; state?: "posted" | "exceptions" | "duplicate" | undefined },
) {
  const counts = perPayment(db);
  const conds: SQL[] = [eq(remittancePayments.practiceId, practiceId)];
  if (p.q) {
    const like = `%${p.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(remittancePayments.traceNumber, like), ilike(remittancePayments.payerName, like), ilike(remittanceFiles.fileName, like))!);
  }
  if (p.payerId) conds.push(eq(remittancePayments.payerId, p.payerId));
  if (p.state === "duplicate") conds.push(sql`${remittancePayments.duplicateOfPaymentId} is not null`);
  if (p.state === "exceptions") conds.push(sql`coalesce(${counts.exceptions}, 0) > 0`);
  if (p.state === "posted") conds.push(sql`${remittancePayments.duplicateOfPaymentId} is null and coalesce(${counts.exceptions}, 0) = 0`);
  const where = and(...conds);
  const dir = p.dir === "asc" ? asc : desc;
  const key = { date: remittancePayments.paymentDate, payer: remittancePayments.payerName, amount: remittancePayments.amountCents, trace: remittancePayments.traceNumber }[p.sort];
  const base = db
    .select({
      id: remittancePayments.id,
      fileId: remittancePayments.fileId,
      fileName: remittanceFiles.fileName,
      fileStatus: remittanceFiles.status,
      paymentDate: remittancePayments.paymentDate,
      payerName: remittancePayments.payerName,
      traceNumber: remittancePayments.traceNumber,
      method: remittancePayments.method,
      amountCents: remittancePayments.amountCents,
      providerAdjustmentCents: remittancePayments.providerAdjustmentCents,
      claimCount: remittancePayments.claimCount,
      duplicateOf: remittancePayments.duplicateOfPaymentId,
      postedCount: sql<number>`coalesce(${counts.posted}, 0)`,
      exceptionCount: sql<number>`coalesce(${counts.exceptions}, 0)`,
      deniedCount: sql<number>`coalesce(${counts.denied}, 0)`,
    })
    .from(remittancePayments)
    .innerJoin(remittanceFiles, eq(remittanceFiles.id, remittancePayments.fileId))
    .leftJoin(counts, eq(counts.paymentId, remittancePayments.id))
    .where(where);
  const [items, [total]] = await Promise.all([
    base
      .orderBy(sql`${dir(key)} nulls last`, desc(remittancePayments.createdAt), asc(remittancePayments.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    db
      .select({ n: count() })
      .from(remittancePayments)
      .innerJoin(remittanceFiles, eq(remittanceFiles.id, remittancePayments.fileId))
      .leftJoin(counts, eq(counts.paymentId, remittancePayments.id))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0, page: p.page, pageSize: p.pageSize };
}

const claimPaymentColumns = {
  id: claimPayments.id,
  position: claimPayments.position,
  status: claimPayments.status,
  claimId: claimPayments.claimId,
  claimNumber: claims.claimNumber,
  patientControlNumber: claimPayments.patientControlNumber,
  patientName: claimPayments.patientName,
  statusCode: claimPayments.statusCode,
  payerClaimNumber: claimPayments.payerClaimNumber,
  outcome: claimPayments.outcome,
  chargeCents: claimPayments.chargeCents,
  paidCents: claimPayments.paidCents,
  patientCents: claimPayments.patientCents,
  contractualCents: claimPayments.contractualCents,
  deniedCents: claimPayments.deniedCents,
  reason: claimPayments.reason,
  forwardedToName: claimPayments.forwardedToName,
  reversedBy: claimPayments.reversedByClaimPaymentId,
};

export async function getPayment(db: Db, practiceId: string, paymentId: string) {
  const [pay] = await db
    .select({ p: remittancePayments, fileName: remittanceFiles.fileName, fileStatus: remittanceFiles.status })
    .from(remittancePayments)
    .innerJoin(remittanceFiles, eq(remittanceFiles.id, remittancePayments.fileId))
    .where(and(eq(remittancePayments.id, paymentId), eq(remittancePayments.practiceId, practiceId)));
  if (!pay) return null;
  const [rows, plb] = await Promise.all([
    db
      .select(claimPaymentColumns)
      .from(claimPayments)
      .leftJoin(claims, eq(claims.id, claimPayments.claimId))
      .where(and(eq(claimPayments.paymentId, paymentId), eq(claimPayments.practiceId, practiceId)))
      .orderBy(asc(claimPayments.position)),
    db
      .select({ reason: providerAdjustments.reason, reference: providerAdjustments.reference, amountCents: providerAdjustments.amountCents, claimId: providerAdjustments.claimId, claimNumber: claims.claimNumber })
      .from(providerAdjustments)
      .leftJoin(claims, eq(claims.id, providerAdjustments.claimId))
      .where(and(eq(providerAdjustments.paymentId, paymentId), eq(providerAdjustments.practiceId, practiceId)))
      .orderBy(asc(providerAdjustments.position)),
  ]);
  return { ...pay, claimPayments: rows, providerAdjustments: plb };
}

export async function getClaimPayment(db: Db, practiceId: string, claimPaymentId: string) {
  const [row] = await db
    .select({
      ...claimPaymentColumns,
      paymentId: claimPayments.paymentId,
      fileId: claimPayments.fileId,
      paymentDate: remittancePayments.paymentDate,
      payerName: remittancePayments.payerName,
      traceNumber: remittancePayments.traceNumber,
      memberId: claimPayments.memberId,
      originalPayerClaimNumber: claimPayments.originalPayerClaimNumber,
      allowedCents: claimPayments.allowedCents,
      deductibleCents: claimPayments.deductibleCents,
      coinsuranceCents: claimPayments.coinsuranceCents,
      copayCents: claimPayments.copayCents,
      interestCents: claimPayments.interestCents,
      matchedBy: claimPayments.matchedBy,
      postedAt: claimPayments.postedAt,
      postedBy: users.name,
      remarks: claimPayments.remarks,
      notes: claimPayments.notes,
      patientId: claims.patientId,
    })
    .from(claimPayments)
    .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
    .leftJoin(claims, eq(claims.id, claimPayments.claimId))
    .leftJoin(users, eq(users.id, claimPayments.postedByUserId))
    .where(and(eq(claimPayments.id, claimPaymentId), eq(claimPayments.practiceId, practiceId)));
  if (!row) return null;
  const [lines, adjustments, items] = await Promise.all([
    db
      .select({ l: claimPaymentLines, claimLinePosition: claimLines.position })
      .from(claimPaymentLines)
      .leftJoin(claimLines, eq(claimLines.id, claimPaymentLines.claimLineId))
      .where(eq(claimPaymentLines.claimPaymentId, claimPaymentId))
      .orderBy(asc(claimPaymentLines.position)),
    db.select().from(remittanceAdjustments).where(eq(remittanceAdjustments.claimPaymentId, claimPaymentId)).orderBy(asc(remittanceAdjustments.id)),
    db
      .select({ id: denialWorkItems.id, kind: denialWorkItems.kind, category: denialWorkItems.category, status: denialWorkItems.status, amountCents: denialWorkItems.amountCents })
      .from(denialWorkItems)
      .where(and(eq(denialWorkItems.claimPaymentId, claimPaymentId), eq(denialWorkItems.practiceId, practiceId))),
  ]);
  return { ...row, lines, adjustments, workItems: items };
}

export async function listQueue(
  db: Db,
  practiceId: string,
  p: { page: number; pageSize: number; sort: QueueSort; dir: "asc" | "desc"; q?: string | undefined; status?: "unmatched" | "held" | undefined },
) {
  const conds: SQL[] = [eq(claimPayments.practiceId, practiceId), p.status ? eq(claimPayments.status, p.status) : inArray(claimPayments.status, ["unmatched", "held"])];
  if (p.q) {
    const like = `%${p.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(claimPayments.patientControlNumber, like), ilike(claimPayments.patientName, like), ilike(claimPayments.payerClaimNumber, like), ilike(remittancePayments.traceNumber, like))!);
  }
  const where = and(...conds);
  const dir = p.dir === "asc" ? asc : desc;
  const key = { date: remittancePayments.paymentDate, amount: claimPayments.paidCents, claim: claimPayments.patientControlNumber }[p.sort];
  const [items, [total]] = await Promise.all([
    db
      .select({ ...claimPaymentColumns, paymentId: claimPayments.paymentId, paymentDate: remittancePayments.paymentDate, payerName: remittancePayments.payerName, traceNumber: remittancePayments.traceNumber, createdAt: claimPayments.createdAt })
      .from(claimPayments)
      .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
      .leftJoin(claims, eq(claims.id, claimPayments.claimId))
      .where(where)
      .orderBy(sql`${dir(key)} nulls last`, asc(claimPayments.createdAt), asc(claimPayments.paymentId), asc(claimPayments.position), asc(claimPayments.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    db
      .select({ n: count() })
      .from(claimPayments)
      .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0, page: p.page, pageSize: p.pageSize };
}

/** Claims a biller may match a claim payment to: by claim number, patient name or member id. */
export async function candidateClaims(db: Db, practiceId: string, q: string) {
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({
      id: claims.id,
      claimNumber: claims.claimNumber,
      status: claims.status,
      patientName: sql<string>`${patients.lastName} || ', ' || ${patients.firstName}`,
      payerName: payers.name,
      dateOfService: claims.dateOfService,
      totalChargeCents: claims.totalChargeCents,
    })
    .from(claims)
    .innerJoin(patients, eq(patients.id, claims.patientId))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .where(
      and(
        eq(claims.practiceId, practiceId),
        inArray(claims.status, ["submitted", "accepted", "rejected", "adjudicated", "closed", "replaced", "voided"]),
        or(ilike(claims.claimNumber, like), ilike(patients.lastName, like), ilike(sql`${patients.lastName} || ', ' || ${patients.firstName}`, like)),
      ),
    )
    .orderBy(desc(claims.dateOfService), asc(claims.claimNumber))
    .limit(10);
  const lines = rows.length
    ? await db
        .select({ id: claimLines.id, claimId: claimLines.claimId, position: claimLines.position, code: claimLines.code, modifiers: claimLines.modifiers, units: claimLines.units, chargeCents: claimLines.chargeCents, dateOfService: claimLines.dateOfService })
        .from(claimLines)
        .where(and(eq(claimLines.practiceId, practiceId), inArray(claimLines.claimId, rows.map((r) => r.id))))
        .orderBy(asc(claimLines.position))
    : [];
  return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.claimId === r.id) }));
}
