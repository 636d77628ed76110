import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { textArrayLiteral } from "@/db/bulk";
import type { DbOrTx } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { coverages, patients, payers } from "@/db/schema";
import { coverageOn, compareCoverages } from "@/server/domain/patients/coverage";
import type { CoveragePriority, SubscriberRelationship } from "@/server/domain/patients/codes";
import { likeContains, likePrefix, parsePatientSearch, parseQuickSearch } from "@/server/domain/patients/search";
import { countCapped } from "./list-count";

export type PatientSort = "name" | "mrn" | "dob" | "created";

export interface PatientListParams {
  page: number;
  pageSize: number;
  sort: PatientSort;
  dir: "asc" | "desc";
  q?: string | undefined;
}

/** The search box's meaning as a WHERE clause (see parsePatientSearch). */
export function patientSearchWhere(q: string | undefined): SQL | undefined {
  const s = parsePatientSearch(q);
  switch (s.kind) {
    case "none":
      return undefined;
    case "dob":
      return eq(patients.dateOfBirth, s.dateOfBirth);
    case "lastFirst":
      return and(
        s.last ? ilike(patients.lastName, likeContains(s.last)) : undefined,
        s.first ? ilike(patients.firstName, likeContains(s.first)) : undefined,
      );
    case "terms":
      // Each word is in the last name, the first name or the MRN: one LIKE over the stored key
      // lower(last) || ' ' || lower(first) || ' ' || lower(mrn) (migration 0042). The same answer as
      // an ILIKE per column: on a UTF-8 database ILIKE is lower(text) LIKE lower(pattern), and a word
      // holds no space, so it cannot match across the separators. One stored column instead of three
      // case-folded per row and word: about 7 times less work for a search that reads every patient.
      return and(...s.terms.map((t) => sql`${patients.searchKey} like lower(${likeContains(t)})`));
  }
}

/**
 * The header's patient search: at most `limit` patients of the practice whose name or MRN starts with
 * what was typed, or born on the date typed, by name. Prefix matches on lower(...) use the
 * text_pattern_ops indexes (migration fixes-patient-search), so the answer does not scan the table.
 */
export async function quickSearchPatients(db: DbOrTx, practiceId: string, q: string, limit: number) {
  const s = parseQuickSearch(q);
  if (!s) return [];
  const starts = (c: AnyPgColumn, text: string) => sql`lower(${c}) like ${likePrefix(text)}`;
  const match =
    s.kind === "dob"
      ? eq(patients.dateOfBirth, s.dateOfBirth)
      : s.kind === "lastFirst"
        ? and(s.last ? starts(patients.lastName, s.last) : undefined, s.first ? starts(patients.firstName, s.first) : undefined)
        : and(...s.words.map((w) => or(starts(patients.lastName, w), starts(patients.firstName, w), starts(patients.mrn, w))));
  return db
    .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName, mrn: patients.mrn, dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(and(eq(patients.practiceId, practiceId), match))
    .orderBy(asc(sql`lower(${patients.lastName})`), asc(sql`lower(${patients.firstName})`), asc(patients.id))
    .limit(limit);
}

function orderBy(sort: PatientSort, dir: "asc" | "desc"): SQL[] {
  const d = dir === "asc" ? asc : desc;
  const byName = [d(sql`lower(${patients.lastName})`), d(sql`lower(${patients.firstName})`)];
  const keys: Record<PatientSort, SQL[]> = {
    name: byName,
    mrn: [d(patients.mrn)],
    dob: [d(patients.dateOfBirth), ...byName],
    created: [d(patients.createdAt)],
  };
  // The id makes the order total, so offset pages never repeat or skip a row.
  return [...keys[sort], d(patients.id)];
}

/** One page of the practice's patients, with the primary payer in force on `today`. */
export async function listPatients(db: DbOrTx, practiceId: string, p: PatientListParams, today: string) {
  const where = and(eq(patients.practiceId, practiceId), patientSearchWhere(p.q));
  // counted up to LIST_COUNT_CAP patients (a practice's whole list is "10,000+" above that)
  const total = await countCapped(db, db.select({ id: patients.id }).from(patients).where(where).$dynamic());
  const rows = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      city: patients.city,
      state: patients.state,
      phone: patients.phone,
      createdAt: patients.createdAt,
    })
    .from(patients)
    .where(where)
    .orderBy(...orderBy(p.sort, p.dir))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  // One statement for every page (the patients as one array): prepared, planned once per connection and
  // built once (db/prepared.ts).
  const covs = rows.length
    ? await preparedOnce(db, "patient_list_coverages", () =>
        db
          .select({
            patientId: coverages.patientId,
            priority: coverages.priority,
            effectiveDate: coverages.effectiveDate,
            endDate: coverages.endDate,
            payerName: payers.name,
          })
          .from(coverages)
          .innerJoin(payers, eq(payers.id, coverages.payerId))
          .where(and(eq(coverages.practiceId, sql.placeholder("practiceId")), sql`${coverages.patientId} = any(${sql.placeholder("ids")}::uuid[])`))
          .prepare("patient_list_coverages"),
      ).execute({ practiceId, ids: textArrayLiteral(rows.map((r) => r.id)) })
    : [];
  const items = rows.map((r) => {
    const inForce = coverageOn(
      covs.filter((c) => c.patientId === r.id),
      today,
    );
    return { ...r, primaryPayerName: inForce.primary?.payerName ?? null };
  });
  return { items, total: total.total, totalCapped: total.totalCapped, page: p.page, pageSize: p.pageSize };
}

export type PatientRow = typeof patients.$inferSelect;

export interface CoverageView {
  id: string;
  patientId: string;
  payerId: string;
  payerName: string;
  payerKind: string;
  payerActive: boolean;
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
  createdAt: Date;
  updatedAt: Date;
}

/** The patient's coverages with their payer, primary first and the most recent first within a priority. */
export async function listCoverages(
  db: DbOrTx,
  practiceId: string,
  patientId: string,
): Promise<CoverageView[]> {
  const rows = await db
    .select({
      id: coverages.id,
      patientId: coverages.patientId,
      payerId: coverages.payerId,
      payerName: payers.name,
      payerKind: payers.kind,
      payerActive: payers.isActive,
      memberId: coverages.memberId,
      groupNumber: coverages.groupNumber,
      planName: coverages.planName,
      priority: coverages.priority,
      relationship: coverages.relationship,
      subscriberFirstName: coverages.subscriberFirstName,
      subscriberLastName: coverages.subscriberLastName,
      subscriberDateOfBirth: coverages.subscriberDateOfBirth,
      effectiveDate: coverages.effectiveDate,
      endDate: coverages.endDate,
      createdAt: coverages.createdAt,
      updatedAt: coverages.updatedAt,
    })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId)));
  return rows.sort(compareCoverages);
}

/** A patient of the practice with their coverages, or null (another practice's patient is "not found"). */
export async function getPatient(db: DbOrTx, practiceId: string, patientId: string) {
  const [p] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, practiceId)));
  if (!p) return null;
  return { ...p, coverages: await listCoverages(db, practiceId, patientId) };
}

/** Active payers of the practice, for the coverage form's picker. */
export async function listPayerOptions(db: DbOrTx, practiceId: string) {
  return db
    .select({ id: payers.id, name: payers.name, kind: payers.kind })
    .from(payers)
    .where(and(eq(payers.practiceId, practiceId), eq(payers.isActive, true)))
    .orderBy(asc(payers.name));
}
