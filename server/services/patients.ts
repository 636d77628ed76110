import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { coverages, patients, payers } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import {
  COVERAGE_PRIORITY_LABELS,
  type CoveragePriority,
  type Sex,
  type SubscriberRelationship,
} from "@/server/domain/patients/codes";
import { findOverlappingCoverage } from "@/server/domain/patients/coverage";
import { dateOfBirthProblem, isoDateOf } from "@/server/domain/patients/demographics";
import { mbiProblem, normalizeMbi } from "@/server/domain/patients/mbi";
import { refreshReadiness } from "./readiness";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { evaluatePatientOrders } from "./prior-auths";
import { getPreparedReference } from "./reference-data";

/**
 * A change to the primary coverage (a new primary, its payer or dates, its end) judges the
 * patient's signed and active orders for prior authorization again, in the same transaction:
 * "required" opens the order's request for the new coverage (never a second), "not required" is
 * recorded with the rule or setting that decided.
 */
async function reevaluatePriorAuth(tx: Tx, actor: Actor, ref: PreparedReference, patientId: string, now: Date) {
  await evaluatePatientOrders(tx, actor, ref, patientId, "coverage_changed", now);
}

/*
 * Patients and their coverages. PHI rule: nothing here logs; error messages never quote a name, date of
 * birth or member id (the audit trail, inside the database, is the only place those values are copied).
 */

export type PatientRow = typeof patients.$inferSelect;
export type CoverageRow = typeof coverages.$inferSelect;

export interface PatientFields {
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  zip: string;
  phone: string | null;
}

export interface CoverageFields {
  payerId: string;
  memberId: string;
  groupNumber: string | null;
  planName: string | null;
  priority: CoveragePriority;
  relationship: SubscriberRelationship;
  subscriberFirstName: string | null;
  subscriberLastName: string | null;
  subscriberDateOfBirth: string | null;
  effectiveDate: string;
  endDate: string | null;
}

const STALE =
  "This record was changed by someone else since you opened it. Reload to see their changes, then edit again.";

/** A unique-index violation anywhere in the driver's error chain (postgres.js and PGlite both set code). */
function isUniqueViolation(e: unknown, constraint: string): boolean {
  for (
    let c = e as
      | {
          code?: unknown;
          constraint_name?: unknown;
          constraint?: unknown;
          message?: unknown;
          cause?: unknown;
        }
      | undefined;
    c;
    c = c.cause as typeof c
  ) {
    if (c.code === "23505") {
      const name = c.constraint_name ?? c.constraint;
      return typeof name !== "string" || name === constraint || String(c.message ?? "").includes(constraint);
    }
  }
  return false;
}

/** The new updatedAt: the request clock, but always later than the version it replaces. */
function nextVersion(previous: Date, now: Date): Date {
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}

function changedFields<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (k === "updatedAt") continue;
    const bv = before[k];
    const av = after[k];
    const same = bv instanceof Date && av instanceof Date ? bv.getTime() === av.getTime() : bv === av;
    if (!same) {
      b[k] = bv;
      a[k] = av;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

function checkDateOfBirth(dob: string, now: Date, field: string) {
  const problem = dateOfBirthProblem(dob, isoDateOf(now));
  if (problem) throw new DomainError("VALIDATION", problem, { field });
}

async function loadPatient(
  tx: Tx,
  actor: Actor,
  patientId: string,
  opts: { lock?: boolean } = {},
): Promise<PatientRow> {
  const q = tx
    .select()
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)));
  // Locking the patient row serialises coverage writes of one patient, so two concurrent adds cannot
  // both pass the overlap check.
  const [p] = opts.lock ? await q.for("update") : await q;
  if (!p) throw new DomainError("NOT_FOUND", "Patient not found.");
  return p;
}

async function loadCoverage(tx: Tx, actor: Actor, coverageId: string): Promise<CoverageRow> {
  const [c] = await tx
    .select()
    .from(coverages)
    .where(and(eq(coverages.id, coverageId), eq(coverages.practiceId, actor.practiceId)));
  if (!c) throw new DomainError("NOT_FOUND", "Coverage not found.");
  return c;
}

async function assertMrnFree(tx: Tx, actor: Actor, mrn: string, exceptPatientId?: string) {
  const [dup] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.practiceId, actor.practiceId),
        eq(patients.mrn, mrn),
        exceptPatientId ? ne(patients.id, exceptPatientId) : undefined,
      ),
    );
  if (dup)
    throw new DomainError("CONFLICT", "Another patient of the practice already has this MRN.", {
      field: "mrn",
    });
}

const MRN_TAKEN = () =>
  new DomainError("CONFLICT", "Another patient of the practice already has this MRN.", { field: "mrn" });

export async function createPatient(
  db: Db,
  actor: Actor,
  input: PatientFields,
  now: Date,
): Promise<PatientRow> {
  checkDateOfBirth(input.dateOfBirth, now, "dateOfBirth");
  return db.transaction(async (tx) => {
    await assertMrnFree(tx, actor, input.mrn);
    const [created] = await tx
      .insert(patients)
      .values({ ...input, practiceId: actor.practiceId, createdAt: now, updatedAt: now })
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e, "patients_practice_mrn_uq") ? MRN_TAKEN() : e;
      });
    // the search key is PostgreSQL's copy of the names and MRN (migration 0042), not a fact to audit
    const { searchKey: _searchKey, ...audited } = created!;
    await recordAudit(tx, actor, {
      action: "patient.created",
      entityType: "patient",
      entityId: created!.id,
      after: audited,
    });
    return created!;
  });
}

export async function updatePatient(
  db: Db,
  actor: Actor,
  input: PatientFields & { patientId: string; expectedUpdatedAt: Date },
  now: Date,
): Promise<PatientRow> {
  const { patientId, expectedUpdatedAt, ...fields } = input;
  checkDateOfBirth(fields.dateOfBirth, now, "dateOfBirth");
  return db.transaction(async (tx) => {
    const before = await loadPatient(tx, actor, patientId);
    if (before.updatedAt.getTime() !== expectedUpdatedAt.getTime()) throw new DomainError("CONFLICT", STALE);
    const diff = changedFields<PatientFields>(pickPatientFields(before), fields);
    if (!diff) return before;
    if (diff.after.mrn !== undefined) await assertMrnFree(tx, actor, fields.mrn, patientId);
    const [after] = await tx
      .update(patients)
      .set({ ...fields, updatedAt: nextVersion(before.updatedAt, now) })
      .where(
        and(
          eq(patients.id, patientId),
          eq(patients.practiceId, actor.practiceId),
          eq(patients.updatedAt, before.updatedAt),
        ),
      )
      .returning()
      .catch((e: unknown) => {
        throw isUniqueViolation(e, "patients_practice_mrn_uq") ? MRN_TAKEN() : e;
      });
    if (!after) throw new DomainError("CONFLICT", STALE);
    await recordAudit(tx, actor, {
      action: "patient.updated",
      entityType: "patient",
      entityId: patientId,
      before: diff.before,
      after: diff.after,
    });
    return after;
  });
}

function pickPatientFields(p: PatientRow): PatientFields {
  return {
    mrn: p.mrn,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    addressLine1: p.addressLine1,
    addressLine2: p.addressLine2,
    city: p.city,
    state: p.state,
    zip: p.zip,
    phone: p.phone,
  };
}

function pickCoverageFields(c: CoverageRow): CoverageFields {
  return {
    payerId: c.payerId,
    memberId: c.memberId,
    groupNumber: c.groupNumber,
    planName: c.planName,
    priority: c.priority,
    relationship: c.relationship,
    subscriberFirstName: c.subscriberFirstName,
    subscriberLastName: c.subscriberLastName,
    subscriberDateOfBirth: c.subscriberDateOfBirth,
    effectiveDate: c.effectiveDate,
    endDate: c.endDate,
  };
}

/** The payer must be the practice's own and active (an unchanged inactive payer may stay on an old coverage). */
async function assertPayerUsable(tx: Tx, actor: Actor, payerId: string, opts: { keptFrom?: string } = {}) {
  const [payer] = await tx
    .select({ id: payers.id, isActive: payers.isActive, kind: payers.kind })
    .from(payers)
    .where(and(eq(payers.id, payerId), eq(payers.practiceId, actor.practiceId)));
  if (!payer)
    throw new DomainError("VALIDATION", "Choose one of the practice's payers.", { field: "payerId" });
  if (!payer.isActive && opts.keptFrom !== payerId) {
    throw new DomainError(
      "VALIDATION",
      "This payer is inactive. Choose an active payer, or reactivate it in Admin.",
      {
        field: "payerId",
      },
    );
  }
  return payer;
}

/**
 * Original Medicare identifies its members by the MBI, whose format CMS fixes (server/domain/patients/mbi.ts);
 * every other payer keeps the general member-id check of the schema. Medicare Advantage plans issue
 * their own ids, so only kind "medicare" is held to the MBI.
 */
function checkMemberIdForPayer(payerKind: string, memberId: string): string {
  if (payerKind !== "medicare") return memberId;
  const problem = mbiProblem(memberId);
  if (problem) throw new DomainError("VALIDATION", problem, { field: "memberId" });
  return normalizeMbi(memberId);
}

/** Refuses dates that put two coverages of the same priority in force on the same day. */
async function assertNoOverlap(
  tx: Tx,
  actor: Actor,
  patientId: string,
  candidate: { id?: string; priority: CoveragePriority; effectiveDate: string; endDate: string | null },
) {
  const existing = await tx
    .select({
      id: coverages.id,
      priority: coverages.priority,
      effectiveDate: coverages.effectiveDate,
      endDate: coverages.endDate,
      payerName: payers.name,
    })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.practiceId, actor.practiceId), eq(coverages.patientId, patientId)));
  const clash = findOverlappingCoverage(existing, candidate);
  if (clash) {
    const label = COVERAGE_PRIORITY_LABELS[clash.priority].toLowerCase();
    const until = clash.endDate ? `through ${formatDate(clash.endDate)}` : "with no end date";
    throw new DomainError(
      "CONFLICT",
      `These dates overlap the patient's ${label} coverage with ${clash.payerName} (from ${formatDate(clash.effectiveDate)} ${until}). ` +
        `Only one ${label} coverage can be in force on a day: end that coverage first, or change the dates or the priority.`,
      { field: "effectiveDate" },
    );
  }
}

function checkCoverageDates(input: CoverageFields, now: Date) {
  if (input.endDate && input.endDate < input.effectiveDate) {
    throw new DomainError("VALIDATION", "The end date cannot be before the effective date.", {
      field: "endDate",
    });
  }
  if (input.relationship !== "self" && input.subscriberDateOfBirth) {
    checkDateOfBirth(input.subscriberDateOfBirth, now, "subscriberDateOfBirth");
  }
}

export async function addCoverage(
  db: Db,
  actor: Actor,
  input: CoverageFields & { patientId: string },
  now: Date,
): Promise<CoverageRow> {
  const { patientId, ...fields } = input;
  checkCoverageDates(fields, now);
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    await loadPatient(tx, actor, patientId, { lock: true });
    const payer = await assertPayerUsable(tx, actor, fields.payerId);
    fields.memberId = checkMemberIdForPayer(payer.kind, fields.memberId);
    await assertNoOverlap(tx, actor, patientId, fields);
    const [created] = await tx
      .insert(coverages)
      .values({ ...fields, patientId, practiceId: actor.practiceId, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, {
      action: "coverage.added",
      entityType: "coverage",
      entityId: created!.id,
      after: created,
    });
    if (created!.priority === "primary") await reevaluatePriorAuth(tx, actor, ref, patientId, now);
    await refreshReadiness(tx, actor.practiceId, { patientIds: [patientId] }, ref);
    return created!;
  });
}

export async function updateCoverage(
  db: Db,
  actor: Actor,
  input: CoverageFields & { coverageId: string; expectedUpdatedAt: Date },
  now: Date,
): Promise<CoverageRow> {
  const { coverageId, expectedUpdatedAt, ...fields } = input;
  checkCoverageDates(fields, now);
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    const current = await loadCoverage(tx, actor, coverageId);
    await loadPatient(tx, actor, current.patientId, { lock: true });
    const before = await loadCoverage(tx, actor, coverageId); // re-read under the patient lock
    if (before.updatedAt.getTime() !== expectedUpdatedAt.getTime()) throw new DomainError("CONFLICT", STALE);
    const payer = await assertPayerUsable(tx, actor, fields.payerId, { keptFrom: before.payerId });
    fields.memberId = checkMemberIdForPayer(payer.kind, fields.memberId);
    const diff = changedFields<CoverageFields>(pickCoverageFields(before), fields);
    if (!diff) return before;
    await assertNoOverlap(tx, actor, before.patientId, { ...fields, id: coverageId });
    const [after] = await tx
      .update(coverages)
      .set({ ...fields, updatedAt: nextVersion(before.updatedAt, now) })
      .where(
        and(
          eq(coverages.id, coverageId),
          eq(coverages.practiceId, actor.practiceId),
          eq(coverages.updatedAt, before.updatedAt),
        ),
      )
      .returning();
    if (!after) throw new DomainError("CONFLICT", STALE);
    await recordAudit(tx, actor, {
      action: "coverage.updated",
      entityType: "coverage",
      entityId: coverageId,
      before: diff.before,
      after: diff.after,
    });
    if (before.priority === "primary" || after.priority === "primary") await reevaluatePriorAuth(tx, actor, ref, before.patientId, now);
    await refreshReadiness(tx, actor.practiceId, { patientIds: [before.patientId] }, ref);
    return after;
  });
}

/** Sets (or moves) the last day the coverage is in force. */
export async function endCoverage(
  db: Db,
  actor: Actor,
  input: { coverageId: string; endDate: string; expectedUpdatedAt: Date },
  now: Date,
): Promise<CoverageRow> {
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    const current = await loadCoverage(tx, actor, input.coverageId);
    await loadPatient(tx, actor, current.patientId, { lock: true });
    const before = await loadCoverage(tx, actor, input.coverageId);
    if (before.updatedAt.getTime() !== input.expectedUpdatedAt.getTime())
      throw new DomainError("CONFLICT", STALE);
    if (input.endDate < before.effectiveDate) {
      throw new DomainError(
        "VALIDATION",
        `The end date cannot be before the effective date (${formatDate(before.effectiveDate)}).`,
        {
          field: "endDate",
        },
      );
    }
    if (before.endDate === input.endDate) return before;
    // Moving the end later can run into a coverage that starts after the old end.
    await assertNoOverlap(tx, actor, before.patientId, {
      ...pickCoverageFields(before),
      id: before.id,
      endDate: input.endDate,
    });
    const [after] = await tx
      .update(coverages)
      .set({ endDate: input.endDate, updatedAt: nextVersion(before.updatedAt, now) })
      .where(
        and(
          eq(coverages.id, input.coverageId),
          eq(coverages.practiceId, actor.practiceId),
          eq(coverages.updatedAt, before.updatedAt),
        ),
      )
      .returning();
    if (!after) throw new DomainError("CONFLICT", STALE);
    await recordAudit(tx, actor, {
      action: "coverage.ended",
      entityType: "coverage",
      entityId: input.coverageId,
      before: { endDate: before.endDate },
      after: { endDate: after.endDate },
    });
    if (before.priority === "primary") await reevaluatePriorAuth(tx, actor, ref, before.patientId, now);
    await refreshReadiness(tx, actor.practiceId, { patientIds: [before.patientId] }, ref);
    return after;
  });
}
