import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { administrations, locations, orders, patients, providers } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { generateCalendar } from "@/server/domain/orders/calendar";
import { checkOrder, diagnosisErrors, type OrderCheckInput, type OrderCheckResult } from "@/server/domain/orders/checks";
import { decimalToMilli, describeDose } from "@/server/domain/orders/dose";
import { combinationDrugOf, labelRegimen } from "@/server/domain/orders/regimen";
import type { OrderCombination, OrderPhase, OrderPlan } from "@/server/domain/orders/types";
import { administrationMachine } from "@/server/domain/workflow/administration";
import { canTransition, nextState } from "@/server/domain/workflow/machine";
import { orderMachine } from "@/server/domain/workflow/order";
import { getOrderRow, listAdministrationsOfOrder, listOrders, orderFormOptions, providerDisplayName, type OrderListParams } from "@/server/queries/orders";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { evaluateOrderPriorAuth } from "./prior-auths";
import { refreshReadiness } from "./readiness";
import { getPreparedReference, preparedReferenceIn } from "./reference-data";
import { applyTransition } from "./transition";

export type OrderRow = typeof orders.$inferSelect;
export type AdministrationRow = typeof administrations.$inferSelect;

/** What an order consists of (the create/update form without patient and version). */
export interface OrderFieldsInput {
  indicationId: string;
  diagnoses: string[];
  phases: OrderPhase[];
  durationMonths: number | null;
  combination: OrderCombination | null;
  startDate: string;
  orderingProviderId: string;
  locationId: string;
  weightKg: string;
  notes: string | null;
}

const ORDER_FIELDS = [
  "indicationId",
  "diagnoses",
  "phases",
  "durationMonths",
  "combination",
  "startDate",
  "orderingProviderId",
  "locationId",
  "weightKg",
  "notes",
] as const satisfies readonly (keyof OrderFieldsInput)[];

/** JSON with object keys sorted: jsonb does not keep key order, so compare values this way. */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** numeric(5,1) comes back as "67.3" / "30.0"; keep one canonical form for comparisons and audit. */
function canonicalWeight(w: string): string {
  const m = decimalToMilli(w);
  if (m === null) return w;
  const tenths = Math.round(m / 100);
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function planOf(o: Pick<OrderRow, "startDate" | "phases" | "durationMonths" | "combination">): OrderPlan {
  return { startDate: o.startDate, phases: o.phases, durationMonths: o.durationMonths, combination: o.combination ?? null };
}

function checkInputOf(o: OrderRow): OrderCheckInput {
  return {
    weightDoseOverrideReason: o.weightDoseOverrideReason,
    indicationId: o.indicationId,
    diagnoses: o.diagnoses,
    weightKg: o.weightKg,
    startDate: o.startDate,
    phases: o.phases,
    durationMonths: o.durationMonths,
    combination: o.combination ?? null,
  };
}

async function loadOrder(tx: DbOrTx, actor: Actor, orderId: string, lock = false): Promise<OrderRow> {
  const q = tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.practiceId, actor.practiceId)));
  // FOR UPDATE: a concurrent sign/edit/discontinue of the same order waits, then sees the new state.
  const [o] = lock ? await q.for("update") : await q;
  // Another practice's order is reported exactly like a missing one.
  if (!o) throw new DomainError("NOT_FOUND", "Order not found.");
  return o;
}

/**
 * Everything an order points at must exist in the caller's practice and be usable: the patient,
 * an active provider who may order, an active location, a known indication, billable ICD-10-CM codes
 * and a plan that yields a calendar.
 */
async function assertOrderReferences(tx: DbOrTx, actor: Actor, ref: PreparedReference, f: OrderFieldsInput & { patientId: string }): Promise<void> {
  const [p] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, f.patientId), eq(patients.practiceId, actor.practiceId)));
  if (!p) throw new DomainError("NOT_FOUND", "Patient not found.", { field: "patientId" });

  const ind = ref.indicationsById.get(f.indicationId);
  if (!ind) throw new DomainError("VALIDATION", `Unknown indication "${f.indicationId}".`, { field: "indicationId" });
  if (f.combination && !ind.row.drugs.includes(f.combination.drug)) {
    throw new DomainError("VALIDATION", `${f.combination.drug} is not part of the regimen for "${ind.row.name}".`, { field: "combination.drug" });
  }
  const dx = diagnosisErrors(ref, f.diagnoses, f.startDate).find((x) => x.severity === "error");
  if (dx) throw new DomainError("VALIDATION", dx.message, { field: dx.field });

  const [prov] = await tx
    .select()
    .from(providers)
    .where(and(eq(providers.id, f.orderingProviderId), eq(providers.practiceId, actor.practiceId)));
  if (!prov) throw new DomainError("VALIDATION", "Choose an ordering provider of this practice.", { field: "orderingProviderId" });
  if (!prov.isActive) throw new DomainError("VALIDATION", `${providerDisplayName(prov)} is inactive and cannot order.`, { field: "orderingProviderId" });
  if (!prov.canOrder) throw new DomainError("VALIDATION", `${providerDisplayName(prov)} is not set up as an ordering provider.`, { field: "orderingProviderId" });

  const [loc] = await tx
    .select()
    .from(locations)
    .where(and(eq(locations.id, f.locationId), eq(locations.practiceId, actor.practiceId)));
  if (!loc) throw new DomainError("VALIDATION", "Choose a location of this practice.", { field: "locationId" });
  if (!loc.isActive) throw new DomainError("VALIDATION", `${loc.name} is inactive.`, { field: "locationId" });

  const calendar = generateCalendar({ startDate: f.startDate, phases: f.phases, durationMonths: f.durationMonths, combination: f.combination });
  const beyond = (f.combination?.withAdministrations ?? []).filter((n) => n > calendar.length);
  if (beyond.length > 0) {
    throw new DomainError("VALIDATION", `The calendar has ${calendar.length} infusions; the combination is planned with infusion ${beyond.join(", ")}.`, {
      field: "combination.withAdministrations",
    });
  }
}

function fieldsOf(input: OrderFieldsInput) {
  return {
    indicationId: input.indicationId,
    diagnoses: input.diagnoses,
    phases: input.phases.map((p) => ({ name: p.name, doseKind: p.doseKind, doseAmount: p.doseAmount, frequency: p.frequency, cycles: p.cycles })),
    durationMonths: input.durationMonths,
    combination: input.combination,
    startDate: input.startDate,
    orderingProviderId: input.orderingProviderId,
    locationId: input.locationId,
    weightKg: canonicalWeight(input.weightKg),
    notes: input.notes,
  };
}

function publicOrder(o: OrderRow) {
  return { ...o, weightKg: canonicalWeight(o.weightKg), combination: o.combination ?? null };
}
export type PublicOrder = ReturnType<typeof publicOrder>;

export async function createOrder(db: Db, actor: Actor, input: OrderFieldsInput & { patientId: string }, now: Date): Promise<PublicOrder> {
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    await assertOrderReferences(tx, actor, ref, input);
    const [o] = await tx
      .insert(orders)
      .values({
        practiceId: actor.practiceId,
        patientId: input.patientId,
        ...fieldsOf(input),
        status: "draft",
        version: 1,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, { action: "order.created", entityType: "order", entityId: o!.id, after: publicOrder(o!) });
    return publicOrder(o!);
  });
}

/** Edits a draft. `version` is the one the user saw: a concurrent edit or a sign makes this a conflict. */
export async function updateOrder(db: Db, actor: Actor, input: OrderFieldsInput & { orderId: string; version: number }, now: Date): Promise<PublicOrder> {
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    const before = await loadOrder(tx, actor, input.orderId, true);
    if (before.status !== "draft") {
      throw new DomainError("CONFLICT", `Only a draft order can be edited; this order is ${before.status}.`);
    }
    if (before.version !== input.version) {
      throw new DomainError("CONFLICT", "This order was changed by someone else since you opened it. Reload to see the current version.");
    }
    await assertOrderReferences(tx, actor, ref, { ...input, patientId: before.patientId });
    const next = fieldsOf(input);
    const changedBefore: Record<string, unknown> = {};
    const changedAfter: Record<string, unknown> = {};
    for (const k of ORDER_FIELDS) {
      const a = k === "weightKg" ? canonicalWeight(before.weightKg) : (before[k] ?? null);
      if (stableJson(a) !== stableJson(next[k] ?? null)) {
        changedBefore[k] = a;
        changedAfter[k] = next[k];
      }
    }
    if (Object.keys(changedAfter).length === 0) return publicOrder(before);
    // The clinician's reason for a fixed dose under the weight threshold was given for this weight,
    // dose and clinician: a change to any of them withdraws it (the check is an error again).
    const clearOverride = before.weightDoseOverrideReason !== null && OVERRIDE_JUDGED_FIELDS.some((k) => k in changedAfter);
    if (clearOverride) {
      changedBefore.weightDoseOverrideReason = before.weightDoseOverrideReason;
      changedAfter.weightDoseOverrideReason = null;
    }
    const [after] = await tx
      .update(orders)
      .set({ ...next, ...(clearOverride ? NO_OVERRIDE : {}), version: before.version + 1, updatedAt: now })
      .where(and(eq(orders.id, before.id), eq(orders.practiceId, actor.practiceId), eq(orders.status, "draft"), eq(orders.version, before.version)))
      .returning();
    if (!after) throw new DomainError("CONFLICT", "This order was changed by someone else since you opened it. Reload to see the current version.");
    await recordAudit(tx, actor, {
      action: "order.updated",
      entityType: "order",
      entityId: before.id,
      before: { ...changedBefore, version: before.version },
      after: { ...changedAfter, version: after.version },
    });
    await refreshReadiness(tx, actor.practiceId, { orderIds: [after.id] }, ref);
    return publicOrder(after);
  });
}

/** The fields the weight-dose override was given for; changing one withdraws it. */
const OVERRIDE_JUDGED_FIELDS = ["weightKg", "phases", "orderingProviderId"] as const;
const NO_OVERRIDE = { weightDoseOverrideReason: null, weightDoseOverrideProviderId: null, weightDoseOverrideByUserId: null, weightDoseOverrideAt: null };
/** While an order can still be given, the clinician's reason can be recorded on it. */
const OVERRIDE_STATES: readonly OrderRow["status"][] = ["draft", "signed", "active"];

function canOverrideWeightDose(o: Pick<OrderRow, "status" | "phases">): boolean {
  return OVERRIDE_STATES.includes(o.status) && o.phases.some((p) => p.doseKind === "fixed");
}

/**
 * R-WEIGHT override: records the clinician's documented reason for a fixed dose below the label's
 * weight threshold on the order (attributed to the ordering provider; who recorded it and when,
 * audited). The order's check and the claim's R-WEIGHT finding become warnings quoting the reason.
 * Recording it again replaces the reason (the audit row keeps the old one).
 */
export async function recordWeightDoseOverride(
  db: Db,
  actor: Actor,
  input: { orderId: string; version?: number | undefined; reason: string },
  now: Date,
): Promise<PublicOrder> {
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor, input.orderId, true);
    if (input.version !== undefined && input.version !== o.version) {
      throw new DomainError("CONFLICT", "This order was changed by someone else since you opened it. Reload and review it first.");
    }
    if (!OVERRIDE_STATES.includes(o.status)) {
      throw new DomainError("INVALID_TRANSITION", `This order is ${o.status}: a reason for its dose can no longer be recorded.`);
    }
    if (!canOverrideWeightDose(o)) {
      throw new DomainError("VALIDATION", "The order doses by weight: there is no fixed dose to give a reason for.", { field: "reason" });
    }
    const [after] = await tx
      .update(orders)
      .set({
        weightDoseOverrideReason: input.reason,
        weightDoseOverrideProviderId: o.orderingProviderId,
        weightDoseOverrideByUserId: actor.userId,
        weightDoseOverrideAt: now,
        version: o.version + 1,
        updatedAt: now,
      })
      .where(and(eq(orders.id, o.id), eq(orders.practiceId, actor.practiceId), eq(orders.version, o.version)))
      .returning();
    if (!after) throw new DomainError("CONFLICT", "This order was changed by someone else since you opened it. Reload and review it first.");
    await recordAudit(tx, actor, {
      action: "order.weight_dose_override_recorded",
      entityType: "order",
      entityId: o.id,
      before: { weightDoseOverrideReason: o.weightDoseOverrideReason, version: o.version },
      after: { weightDoseOverrideReason: after.weightDoseOverrideReason, clinicianProviderId: o.orderingProviderId, weightKg: canonicalWeight(o.weightKg), version: after.version },
    });
    return publicOrder(after);
  });
}

/** The order checks on what the form holds so far (nothing is written). */
export async function runOrderChecks(db: Db, input: OrderCheckInput, now: Date): Promise<OrderCheckResult> {
  const ref = await getPreparedReference(db);
  const clean: OrderCheckInput = {
    ...input,
    startDate: input.startDate && isValidIsoDate(input.startDate) ? input.startDate : undefined,
    weightKg: input.weightKg && /^\d{1,3}(\.\d)?$/.test(input.weightKg.trim()) ? input.weightKg.trim() : undefined,
    diagnoses: (input.diagnoses ?? []).map((d) => d.trim().toUpperCase()).filter((d) => d.length > 0),
  };
  return checkOrder(ref, clean, isoDate(now));
}

/**
 * Signs a draft: the checks must show no error, then the status changes (guarded, audited) and the
 * planned administrations of the calendar are written in the same transaction.
 */
export async function signOrder(db: Db, actor: Actor, input: { orderId: string; version?: number | undefined }, now: Date): Promise<PublicOrder> {
  const ref = await getPreparedReference(db);
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor, input.orderId, true);
    // An order that is no longer a draft fails as INVALID_TRANSITION (→ CONFLICT) before any check runs.
    nextState(orderMachine, o.status, "sign");
    if (input.version !== undefined && input.version !== o.version) {
      throw new DomainError("CONFLICT", "This order was changed by someone else since you opened it. Reload and review it before signing.");
    }
    await assertOrderReferences(tx, actor, ref, { ...o, combination: o.combination ?? null });
    const checks = checkOrder(ref, checkInputOf(o), isoDate(now));
    const blocking = checks.findings.find((f) => f.severity === "error");
    if (blocking) throw new DomainError("CHECKS_FAILED", `The order cannot be signed: ${blocking.message}`, { field: blocking.field });
    const calendar = generateCalendar(planOf(o));
    await applyTransition(tx, actor, {
      machine: orderMachine,
      table: orders,
      entityType: "order",
      id: o.id,
      from: o.status,
      event: "sign",
      set: { signedAt: now, signedByUserId: actor.userId, updatedAt: now },
      note: {
        administrationsPlanned: calendar.length,
        firstPlannedDate: calendar[0]?.plannedDate ?? null,
        lastPlannedDate: calendar.at(-1)?.plannedDate ?? null,
        warnings: checks.findings.filter((f) => f.severity === "warning").map((f) => f.message),
      },
    });
    if (calendar.length > 0) {
      await tx.insert(administrations).values(
        calendar.map((c) => ({
          practiceId: actor.practiceId,
          orderId: o.id,
          patientId: o.patientId,
          sequence: c.sequence,
          cycle: c.cycle,
          day: c.day,
          phaseIndex: c.phaseIndex,
          includesCombination: c.includesCombination,
          plannedDate: c.plannedDate,
          originalPlannedDate: c.plannedDate,
          status: "scheduled" as const,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    // Prior authorization: judged on signing; "required" opens the request in the coordinator's queue.
    await evaluateOrderPriorAuth(tx, actor, ref, { orderId: o.id, trigger: "order_signed" }, now);
    await refreshReadiness(tx, actor.practiceId, { orderIds: [o.id] }, ref);
    return publicOrder(await loadOrder(tx, actor, o.id));
  });
}

/**
 * For the administration documentation: the first infusion that starts or is documented makes a
 * signed order active (guarded and audited in the caller's transaction). Does nothing when the order
 * is already active or in any other state. Returns whether it activated the order.
 */
export async function activateOrderIfSigned(tx: Tx, actor: Actor, orderId: string, now: Date = new Date()): Promise<boolean> {
  const o = await loadOrder(tx, actor, orderId, true);
  if (o.status !== "signed") return false;
  await applyTransition(tx, actor, {
    machine: orderMachine,
    table: orders,
    entityType: "order",
    id: o.id,
    from: "signed",
    event: "activate",
    set: { activatedAt: now, updatedAt: now },
  });
  return true;
}

/** Completes an active order once no infusion is still scheduled or under way. */
export async function completeOrder(db: Db, actor: Actor, input: { orderId: string }, now: Date): Promise<PublicOrder> {
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor, input.orderId, true);
    if (canTransition(orderMachine, o.status, "complete")) {
      const [open] = await tx
        .select({ n: count() })
        .from(administrations)
        .where(and(eq(administrations.orderId, o.id), eq(administrations.practiceId, actor.practiceId), inArray(administrations.status, ["scheduled", "in_progress"])));
      if ((open?.n ?? 0) > 0) {
        throw new DomainError(
          "CONFLICT",
          `${open!.n} infusion${open!.n === 1 ? " is" : "s are"} still scheduled or in progress; document them or mark them not given, or discontinue the order.`,
        );
      }
    }
    await applyTransition(tx, actor, {
      machine: orderMachine,
      table: orders,
      entityType: "order",
      id: o.id,
      from: o.status,
      event: "complete",
      set: { completedAt: now, updatedAt: now },
    });
    await refreshReadiness(tx, actor.practiceId, { orderIds: [o.id] }, await preparedReferenceIn(db, tx));
    return publicOrder(await loadOrder(tx, actor, o.id));
  });
}

/**
 * Discontinues a draft, signed or active order with a reason. Every infusion still scheduled is
 * marked not given (reason "other" with the discontinuation note), each with its own audit row.
 */
export async function discontinueOrder(db: Db, actor: Actor, input: { orderId: string; reason: string }, now: Date): Promise<PublicOrder> {
  return db.transaction(async (tx) => {
    const o = await loadOrder(tx, actor, input.orderId, true);
    await applyTransition(tx, actor, {
      machine: orderMachine,
      table: orders,
      entityType: "order",
      id: o.id,
      from: o.status,
      event: "discontinue",
      set: { discontinuedAt: now, discontinuedByUserId: actor.userId, discontinueReason: input.reason, updatedAt: now },
    });
    const remaining = await tx
      .select({ id: administrations.id })
      .from(administrations)
      .where(and(eq(administrations.orderId, o.id), eq(administrations.practiceId, actor.practiceId), eq(administrations.status, "scheduled")))
      .orderBy(asc(administrations.sequence));
    for (const a of remaining) {
      await applyTransition(tx, actor, {
        machine: administrationMachine,
        table: administrations,
        entityType: "administration",
        id: a.id,
        from: "scheduled",
        event: "mark_not_given",
        set: { notGivenReason: "other", notGivenNote: `Order discontinued: ${input.reason}`, updatedAt: now },
        note: { orderId: o.id },
      });
    }
    await refreshReadiness(tx, actor.practiceId, { orderIds: [o.id] }, await preparedReferenceIn(db, tx));
    return publicOrder(await loadOrder(tx, actor, o.id));
  });
}

/**
 * Moves one scheduled infusion to another date. It stays between its neighbours in the calendar
 * (the infusions before and after it that are not cancelled), so cycle numbers keep their order.
 */
export async function rescheduleAdministration(
  db: Db,
  actor: Actor,
  input: { administrationId: string; plannedDate: string; reason: string },
  now: Date,
): Promise<AdministrationRow> {
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(administrations)
      .where(and(eq(administrations.id, input.administrationId), eq(administrations.practiceId, actor.practiceId)))
      .for("update");
    if (!a) throw new DomainError("NOT_FOUND", "Administration not found.");
    if (a.status !== "scheduled") {
      throw new DomainError("INVALID_TRANSITION", `Only a scheduled infusion can be rescheduled; this one is ${a.status.replace(/_/g, " ")}.`);
    }
    if (input.plannedDate === a.plannedDate) {
      throw new DomainError("VALIDATION", `The infusion is already planned on ${formatDate(a.plannedDate)}.`, { field: "plannedDate" });
    }
    const siblings = await tx
      .select({ sequence: administrations.sequence, plannedDate: administrations.plannedDate, status: administrations.status })
      .from(administrations)
      .where(and(eq(administrations.orderId, a.orderId), eq(administrations.practiceId, actor.practiceId)))
      .orderBy(asc(administrations.sequence));
    const live = siblings.filter((s) => s.status !== "not_given" && s.sequence !== a.sequence);
    const prev = live.filter((s) => s.sequence < a.sequence).at(-1);
    const next = live.find((s) => s.sequence > a.sequence);
    if (prev && input.plannedDate <= prev.plannedDate) {
      throw new DomainError("VALIDATION", `Infusion ${a.sequence} must come after infusion ${prev.sequence} (${formatDate(prev.plannedDate)}).`, { field: "plannedDate" });
    }
    if (next && input.plannedDate >= next.plannedDate) {
      throw new DomainError("VALIDATION", `Infusion ${a.sequence} must come before infusion ${next.sequence} (${formatDate(next.plannedDate)}); reschedule that one first.`, {
        field: "plannedDate",
      });
    }
    const [after] = await tx
      .update(administrations)
      .set({ plannedDate: input.plannedDate, updatedAt: now })
      .where(
        and(
          eq(administrations.id, a.id),
          eq(administrations.practiceId, actor.practiceId),
          eq(administrations.status, "scheduled"),
          eq(administrations.plannedDate, a.plannedDate),
        ),
      )
      .returning();
    if (!after) throw new DomainError("CONFLICT", "This infusion was changed by someone else meanwhile. Reload and try again.");
    await recordAudit(tx, actor, {
      action: "administration.rescheduled",
      entityType: "administration",
      entityId: a.id,
      before: { plannedDate: a.plannedDate },
      after: { plannedDate: after.plannedDate, reason: input.reason, orderId: a.orderId, sequence: a.sequence },
    });
    return after;
  });
}

/** The order page: the order, names, calendar, its checks and what the caller may do now. */
export async function getOrderDetail(db: Db, actor: Actor, orderId: string, now: Date) {
  const ref = await getPreparedReference(db);
  const row = await getOrderRow(db, actor.practiceId, orderId);
  if (!row) throw new DomainError("NOT_FOUND", "Order not found.");
  const o = row.order;
  const admins = await listAdministrationsOfOrder(db, actor.practiceId, orderId);
  const checks = checkOrder(ref, checkInputOf(o), isoDate(now));
  const actions: ("edit" | "sign" | "complete" | "discontinue" | "reschedule" | "weight_dose_override")[] = [];
  if (actor.role && can(actor.role, "order.write")) {
    if (o.status === "draft") actions.push("edit");
    if (canTransition(orderMachine, o.status, "sign")) actions.push("sign");
    if (canTransition(orderMachine, o.status, "complete")) actions.push("complete");
    if (canTransition(orderMachine, o.status, "discontinue")) actions.push("discontinue");
    if (admins.some((a) => a.status === "scheduled")) actions.push("reschedule");
  }
  if (actor.role && can(actor.role, "order.doseOverride") && canOverrideWeightDose(o)) actions.push("weight_dose_override");
  return {
    ...publicOrder(o),
    patient: row.patient,
    indicationName: ref.indicationsById.get(o.indicationId)?.row.name ?? o.indicationId,
    orderingProviderName: providerDisplayName(row.provider),
    locationName: row.locationName,
    signedByName: row.signedByName,
    discontinuedByName: row.discontinuedByName,
    weightDoseOverride:
      o.weightDoseOverrideReason !== null
        ? { reason: o.weightDoseOverrideReason, clinicianName: row.overrideClinician ? providerDisplayName(row.overrideClinician) : null, recordedByName: row.overrideByName, recordedAt: o.weightDoseOverrideAt! }
        : null,
    administrations: admins,
    checks,
    actions,
  };
}

/** "10 mg/kg q2w"; "1500 mg q3w ×4 → 1500 mg q4w". */
export function regimenSummary(phases: readonly OrderPhase[]): string {
  return phases.map((p) => `${describeDose(p.doseKind, p.doseAmount)} ${p.frequency}${p.cycles !== null ? ` ×${p.cycles}` : ""}`).join(" → ");
}

export async function listOrderPage(db: Db, actor: Actor, params: OrderListParams) {
  const ref = await getPreparedReference(db);
  const { rows, total } = await listOrders(db, actor.practiceId, params);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      patientId: r.patientId,
      patientName: `${r.patientLastName}, ${r.patientFirstName}`,
      patientMrn: r.patientMrn,
      indicationId: r.indicationId,
      indicationName: ref.indicationsById.get(r.indicationId)?.row.name ?? r.indicationId,
      regimen: regimenSummary(r.phases),
      startDate: r.startDate,
      orderingProviderName: providerDisplayName({ firstName: r.providerFirstName, lastName: r.providerLastName, credential: r.providerCredential }),
      administrationsTotal: r.progress?.total ?? 0,
      administrationsGiven: r.progress?.given ?? 0,
      nextPlannedDate: r.progress?.next ?? null,
      createdAt: r.createdAt,
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/**
 * What the order form needs: the indications with their label names, status, limits and the label's
 * regimen for each weight band (offered as the default), billable ICD-10-CM codes, and the practice's
 * active ordering providers and locations.
 */
export async function orderReference(db: Db, actor: Actor, now: Date) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  const options = await orderFormOptions(db, actor.practiceId);
  const indications = [...ref.indicationsById.values()].map(({ row }) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    labelDate: row.labelDate,
    withdrawnDate: row.withdrawnDate ?? null,
    icd10Prefixes: row.icd10Prefixes,
    weightThresholdKg: row.weightThresholdKg,
    maxDurationMonths: row.maxDurationMonths,
    maxCycles: row.maxCycles,
    combinationDrug: combinationDrugOf(row),
    regimens: { at_or_above: labelRegimen(row, "at_or_above"), below: labelRegimen(row, "below") },
  }));
  const icd10 = ref.raw.icd10Codes
    .filter((c) => c.billable && (c.effectiveFrom == null || c.effectiveFrom <= today) && (c.effectiveTo == null || today <= c.effectiveTo))
    .map((c) => ({ code: c.code, description: c.description }));
  return { indications, icd10, ...options };
}
