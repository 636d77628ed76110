import "server-only";
import { and, asc, eq, inArray, min } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  administrationDocumentation,
  administrations,
  administrationVials,
  coverages,
  findingAcknowledgments,
  locations,
  orders,
  patients,
  payers,
  users,
} from "@/db/schema";
import { formatMilli } from "@/server/domain/billing/exact";
import type { DocumentationValues } from "@/server/domain/documentation/types";
import { decimalToMilli } from "@/server/domain/orders/dose";
import { coverageOn } from "@/server/domain/patients/coverage";

export type DocumentationRow = typeof administrationDocumentation.$inferSelect;
export type VialRow = typeof administrationVials.$inferSelect;

/** The administration with its order, patient and location, scoped to the practice; null when not found. */
export async function getAdministrationRow(db: DbOrTx, practiceId: string, administrationId: string) {
  const [row] = await db
    .select({ administration: administrations, order: orders, patient: patients, location: locations })
    .from(administrations)
    .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, practiceId)))
    .innerJoin(patients, and(eq(patients.id, administrations.patientId), eq(patients.practiceId, practiceId)))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .where(and(eq(administrations.id, administrationId), eq(administrations.practiceId, practiceId)));
  return row ?? null;
}

/** Every documentation version of an administration (oldest first) with its vials and the author's name. */
export async function listDocumentationVersions(db: DbOrTx, practiceId: string, administrationId: string) {
  const docs = await db
    .select({ doc: administrationDocumentation, createdByName: users.name })
    .from(administrationDocumentation)
    .leftJoin(users, eq(users.id, administrationDocumentation.createdByUserId))
    .where(and(eq(administrationDocumentation.administrationId, administrationId), eq(administrationDocumentation.practiceId, practiceId)))
    .orderBy(asc(administrationDocumentation.version));
  const ids = docs.map((d) => d.doc.id);
  const vials = ids.length
    ? await db
        .select()
        .from(administrationVials)
        .where(and(inArray(administrationVials.documentationId, ids), eq(administrationVials.practiceId, practiceId)))
        .orderBy(asc(administrationVials.position))
    : [];
  return docs.map((d) => ({ ...d.doc, createdByName: d.createdByName, vials: vials.filter((v) => v.documentationId === d.doc.id) }));
}
export type DocumentationVersion = Awaited<ReturnType<typeof listDocumentationVersions>>[number];

/** numeric columns come back padded ("673.000", "67.3"): one canonical exact form. */
export function canonicalDecimal(d: string | null): string | null {
  if (d === null) return null;
  const m = decimalToMilli(d);
  return m === null ? d : formatMilli(m);
}

/** One documentation row and its vials as the values the engine and the form read (empty when none yet). */
export function documentationValuesOf(doc: DocumentationRow | null, vials: readonly VialRow[]): DocumentationValues {
  if (!doc) {
    return {
      actualDate: null,
      weightKg: null,
      infusionStart: null,
      infusionStop: null,
      nurseName: null,
      mgAdministered: null,
      mgDiscarded: null,
      wasteTime: null,
      wasteWitness: null,
      acquisition: "purchased",
      acquisitionCostPerUnit: null,
      vialChoiceReason: null,
      notes: null,
      combination: null,
      vials: [],
      otherDrugs: [],
    };
  }
  const hasCombo = [doc.combinationMgAdministered, doc.combinationMgDiscarded, doc.combinationInfusionStart, doc.combinationInfusionStop].some((v) => v !== null);
  return {
    actualDate: doc.actualDate,
    weightKg: canonicalDecimal(doc.weightKg),
    infusionStart: doc.infusionStart,
    infusionStop: doc.infusionStop,
    nurseName: doc.nurseName,
    mgAdministered: canonicalDecimal(doc.mgAdministered),
    mgDiscarded: canonicalDecimal(doc.mgDiscarded),
    wasteTime: doc.wasteTime,
    wasteWitness: doc.wasteWitness,
    acquisition: doc.acquisition,
    acquisitionCostPerUnit: canonicalDecimal(doc.acquisitionCostPerUnit),
    vialChoiceReason: doc.vialChoiceReason,
    notes: doc.notes,
    combination: hasCombo
      ? {
          mgAdministered: canonicalDecimal(doc.combinationMgAdministered),
          mgDiscarded: canonicalDecimal(doc.combinationMgDiscarded),
          infusionStart: doc.combinationInfusionStart,
          infusionStop: doc.combinationInfusionStop,
        }
      : null,
    vials: vials.map((v) => ({ drug: v.drug, ndc11: v.ndc11, lotNumber: v.lotNumber, expiryDate: v.expiryDate, count: v.count })),
    otherDrugs: doc.otherDrugs.map((o) => ({ ...o })),
  };
}

export async function listAcknowledgments(db: DbOrTx, practiceId: string, administrationId: string) {
  return db
    .select({
      id: findingAcknowledgments.id,
      documentationVersion: findingAcknowledgments.documentationVersion,
      rule: findingAcknowledgments.rule,
      fingerprint: findingAcknowledgments.fingerprint,
      message: findingAcknowledgments.message,
      reason: findingAcknowledgments.reason,
      userName: users.name,
      createdAt: findingAcknowledgments.createdAt,
    })
    .from(findingAcknowledgments)
    .leftJoin(users, eq(users.id, findingAcknowledgments.userId))
    .where(and(eq(findingAcknowledgments.administrationId, administrationId), eq(findingAcknowledgments.practiceId, practiceId)))
    .orderBy(asc(findingAcknowledgments.createdAt));
}

/** The primary coverage in force on `date` with its payer row, or null. */
export async function primaryCoverageOn(db: DbOrTx, practiceId: string, patientId: string, date: string) {
  const rows = await db
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, and(eq(payers.id, coverages.payerId), eq(payers.practiceId, practiceId)))
    .where(and(eq(coverages.patientId, patientId), eq(coverages.practiceId, practiceId)));
  const inForce = coverageOn(
    rows.map((r) => ({ ...r, priority: r.coverage.priority, effectiveDate: r.coverage.effectiveDate, endDate: r.coverage.endDate })),
    date,
  );
  return inForce.primary ?? null;
}

/** The earliest date any infusion of the order was given (current documentation), or null. */
export async function firstDoseDateOfOrder(db: DbOrTx, practiceId: string, orderId: string): Promise<string | null> {
  const [row] = await db
    .select({ first: min(administrationDocumentation.actualDate) })
    .from(administrationDocumentation)
    .innerJoin(administrations, eq(administrations.id, administrationDocumentation.administrationId))
    .where(
      and(
        eq(administrations.orderId, orderId),
        eq(administrations.practiceId, practiceId),
        eq(administrationDocumentation.isCurrent, true),
        inArray(administrations.status, ["in_progress", "documented", "ready_for_billing"]),
      ),
    );
  return row?.first ?? null;
}
