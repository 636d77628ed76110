import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { administrations, locations, orders, patients, providers, users } from "@/db/schema";

export type OrderSort = "created" | "start" | "patient" | "status";

export interface OrderListParams {
  page: number;
  pageSize: number;
  sort: OrderSort;
  dir: "asc" | "desc";
  q?: string | undefined;
  status?: (typeof orders.$inferSelect)["status"] | undefined;
  indicationId?: string | undefined;
  patientId?: string | undefined;
}

export function providerDisplayName(p: { firstName: string | null; lastName: string; credential: string | null }): string {
  const name = p.firstName ? `${p.firstName} ${p.lastName}` : p.lastName;
  return p.credential ? `${name}, ${p.credential}` : name;
}

/** Given = the infusion happened (documented or ready for billing, or under way). */
const GIVEN_STATES = ["in_progress", "documented", "ready_for_billing"] as const;

/** One page of the practice's orders with patient, provider and calendar progress. */
export async function listOrders(db: DbOrTx, practiceId: string, p: OrderListParams) {
  const where: (SQL | undefined)[] = [eq(orders.practiceId, practiceId)];
  if (p.status) where.push(eq(orders.status, p.status));
  if (p.indicationId) where.push(eq(orders.indicationId, p.indicationId));
  if (p.patientId) where.push(eq(orders.patientId, p.patientId));
  if (p.q) {
    const like = `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(${patients.lastName} ilike ${like} or ${patients.firstName} ilike ${like} or ${patients.mrn} ilike ${like})`);
  }
  const dir = p.dir === "asc" ? asc : desc;
  const order =
    p.sort === "start"
      ? [dir(orders.startDate)]
      : p.sort === "patient"
        ? [dir(sql`lower(${patients.lastName})`), dir(sql`lower(${patients.firstName})`)]
        : p.sort === "status"
          ? [dir(orders.status)]
          : [dir(orders.createdAt)];
  const rows = await db
    .select({
      id: orders.id,
      status: orders.status,
      patientId: orders.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
      indicationId: orders.indicationId,
      phases: orders.phases,
      weightKg: orders.weightKg,
      startDate: orders.startDate,
      providerFirstName: providers.firstName,
      providerLastName: providers.lastName,
      providerCredential: providers.credential,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .innerJoin(providers, eq(providers.id, orders.orderingProviderId))
    .where(and(...where))
    // The id makes the order total, so offset pages never repeat or skip a row.
    .orderBy(...order, asc(orders.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const [totalRow] = await db
    .select({ n: count() })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .where(and(...where));
  const progress = rows.length
    ? await db
        .select({
          orderId: administrations.orderId,
          total: count(),
          given: sql<number>`count(*) filter (where ${inArray(administrations.status, [...GIVEN_STATES])})`.mapWith(Number),
          next: sql<string | null>`min(${administrations.plannedDate}) filter (where ${administrations.status} = 'scheduled')`,
        })
        .from(administrations)
        .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.orderId, rows.map((r) => r.id))))
        .groupBy(administrations.orderId)
    : [];
  const byOrder = new Map(progress.map((x) => [x.orderId, x]));
  return {
    rows: rows.map((r) => ({ ...r, progress: byOrder.get(r.id) ?? null })),
    total: totalRow?.n ?? 0,
  };
}

/** The order with names of everything it references, scoped to the practice; null when not found. */
export async function getOrderRow(db: DbOrTx, practiceId: string, orderId: string) {
  const signer = alias(users, "signer");
  const stopper = alias(users, "stopper");
  const overrider = alias(users, "overrider");
  const clinician = alias(providers, "override_clinician");
  const [row] = await db
    .select({
      order: orders,
      patient: { id: patients.id, mrn: patients.mrn, firstName: patients.firstName, lastName: patients.lastName, dateOfBirth: patients.dateOfBirth },
      provider: { firstName: providers.firstName, lastName: providers.lastName, credential: providers.credential },
      locationName: locations.name,
      signedByName: signer.name,
      discontinuedByName: stopper.name,
      overrideByName: overrider.name,
      overrideClinician: { firstName: clinician.firstName, lastName: clinician.lastName, credential: clinician.credential },
    })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .innerJoin(providers, eq(providers.id, orders.orderingProviderId))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .leftJoin(signer, eq(signer.id, orders.signedByUserId))
    .leftJoin(stopper, eq(stopper.id, orders.discontinuedByUserId))
    .leftJoin(overrider, eq(overrider.id, orders.weightDoseOverrideByUserId))
    .leftJoin(clinician, eq(clinician.id, orders.weightDoseOverrideProviderId))
    .where(and(eq(orders.id, orderId), eq(orders.practiceId, practiceId)));
  return row ?? null;
}

export async function listAdministrationsOfOrder(db: DbOrTx, practiceId: string, orderId: string) {
  return db
    .select({
      id: administrations.id,
      sequence: administrations.sequence,
      cycle: administrations.cycle,
      day: administrations.day,
      phaseIndex: administrations.phaseIndex,
      includesCombination: administrations.includesCombination,
      plannedDate: administrations.plannedDate,
      originalPlannedDate: administrations.originalPlannedDate,
      status: administrations.status,
      notGivenReason: administrations.notGivenReason,
      notGivenNote: administrations.notGivenNote,
    })
    .from(administrations)
    .where(and(eq(administrations.practiceId, practiceId), eq(administrations.orderId, orderId)))
    .orderBy(asc(administrations.sequence));
}

/** Pickers of the order form: active providers who can order, active locations. */
export async function orderFormOptions(db: DbOrTx, practiceId: string) {
  const [provs, locs] = await Promise.all([
    db
      .select({ id: providers.id, firstName: providers.firstName, lastName: providers.lastName, credential: providers.credential, npi: providers.npi })
      .from(providers)
      .where(and(eq(providers.practiceId, practiceId), eq(providers.isActive, true), eq(providers.canOrder, true)))
      .orderBy(asc(providers.lastName), asc(providers.firstName)),
    db
      .select({ id: locations.id, name: locations.name, placeOfService: locations.placeOfService })
      .from(locations)
      .where(and(eq(locations.practiceId, practiceId), eq(locations.isActive, true)))
      .orderBy(asc(locations.name)),
  ]);
  return {
    providers: provs.map((p) => ({ id: p.id, name: providerDisplayName(p), npi: p.npi })),
    locations: locs,
  };
}
