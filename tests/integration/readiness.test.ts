import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { DEMO_PRACTICE } from "@/db/seed/demo-logins";
import { administrationBillingStatus, administrations, coverages, feeSchedule, locations, orders, payers, practices, users } from "@/db/schema";
import type { Actor } from "@/server/services/context";
import { closeAdministration, reopenAdministration } from "@/server/services/close-out";
import { acknowledgeWarning, amendDocumentation, getAdministrationDetail, markReady } from "@/server/services/documentation";
import { setFee } from "@/server/services/fee-schedule";
import { updateLocation } from "@/server/services/locations";
import { discontinueOrder } from "@/server/services/orders";
import { endCoverage } from "@/server/services/patients";
import { updatePayer } from "@/server/services/payers";
import { backfillReadiness, computeReadiness, EVALUATED_STATUSES, referenceIn, type StoredReadiness } from "@/server/services/readiness";
import { createDemoTestDb } from "../helpers/test-db";

/**
 * The stored readiness of every documented and ready infusion equals a fresh run of the
 * documentation module's evaluation, on the demo practice as seeded and after each kind of change
 * that readiness depends on (documentation, acknowledgement, ready/amend, close-out and reopen,
 * coverage, payer, location, fee schedule, order), each made through its service on an infusion,
 * patient or record chosen at random (fast-check, fixed seed so a failure replays).
 */
const NOW = new Date();
let h: DbHandle;
let practiceId: string;
let admin: Actor;
const pick = <T,>(xs: readonly T[], salt: number): T => {
  const [i] = fc.sample(fc.nat({ max: xs.length - 1 }), { seed: 20261202 + salt, numRuns: 1 });
  return xs[i!]!;
};

/** The stored rows (of the given infusions' orders, or all of the practice). */
async function stored(orderIds?: string[]): Promise<StoredReadiness[]> {
  const rows = await h.db
    .select(getTableColumns(administrationBillingStatus))
    .from(administrationBillingStatus)
    .innerJoin(administrations, eq(administrations.id, administrationBillingStatus.administrationId))
    .where(and(eq(administrationBillingStatus.practiceId, practiceId), orderIds ? inArray(administrations.orderId, orderIds) : undefined))
    .orderBy(asc(administrationBillingStatus.administrationId));
  return rows.map((r) => ({
    administrationId: r.administrationId,
    status: r.status,
    ready: r.ready,
    blockers: r.blockers,
    findings: r.findings,
    dateOfService: r.dateOfService,
    primaryPayerId: r.primaryPayerId,
    chargeCents: r.chargeCents,
    filingDeadline: r.filingDeadline,
    patientId: r.patientId,
    locationId: r.locationId,
    orderingProviderId: r.orderingProviderId,
    indicationId: r.indicationId,
    assigneeUserId: r.assigneeUserId,
  }));
}

async function fresh(orderIds?: string[]): Promise<StoredReadiness[]> {
  const ref = await referenceIn(h.db);
  const ids = await h.db
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.status, [...EVALUATED_STATUSES]), orderIds ? inArray(administrations.orderId, orderIds) : undefined))
    .orderBy(asc(administrations.id));
  const out: StoredReadiness[] = [];
  for (const { id } of ids) out.push(await computeReadiness(h.db, practiceId, id, ref));
  return out;
}

/**
 * Stored = fresh for the orders a change touched (every infusion of the practice when none are
 * given); the last test compares the whole practice again, so a change whose refresh missed a row
 * outside what it touched directly still fails.
 */
async function expectStoredEqualsFresh(orderIds?: string[]) {
  const [s, f] = [await stored(orderIds), await fresh(orderIds)];
  expect(s.length).toBe(f.length);
  expect(s).toEqual(f);
}

async function ordersWhere(cond: SQL) {
  const rows = await h.db.selectDistinct({ id: administrations.orderId }).from(administrations).innerJoin(orders, eq(orders.id, administrations.orderId)).where(and(eq(administrations.practiceId, practiceId), cond));
  return rows.map((r) => r.id);
}

async function documentedIds(status: (typeof EVALUATED_STATUSES)[number] = "documented") {
  const rows = await h.db
    .select({ id: administrations.id, orderId: administrations.orderId, patientId: administrations.patientId })
    .from(administrations)
    .where(and(eq(administrations.practiceId, practiceId), eq(administrations.status, status)))
    .orderBy(asc(administrations.id));
  return rows;
}

beforeAll(async () => {
  h = await createDemoTestDb();
  const [p] = await h.db.select({ id: practices.id }).from(practices).where(eq(practices.name, DEMO_PRACTICE.name));
  practiceId = p!.id;
  const [u] = await h.db.select().from(users).where(and(eq(users.practiceId, practiceId), eq(users.role, "admin")));
  admin = { userId: u!.id, practiceId, role: "admin", requestId: "readiness-test" };
}, 600_000);
afterAll(() => h?.close());

describe("stored readiness", () => {
  it("is filled by the demo seed for every documented and ready infusion, equal to a fresh evaluation", async () => {
    const s = await stored();
    expect(s.length).toBeGreaterThan(50);
    expect(s.some((r) => !r.ready && r.findings.some((f) => f.severity === "error"))).toBe(true);
    expect(s.some((r) => r.chargeCents !== null && r.filingDeadline !== null)).toBe(true);
    await expectStoredEqualsFresh();
  }, 300_000);

  it("follows a warning's acknowledgement, marking ready and an amendment", async () => {
    // A documented infusion whose only blockers are warnings: acknowledge them, then mark it ready.
    const candidates: string[] = [];
    for (const r of await stored()) if (r.status === "documented" && r.findings.length > 0 && r.findings.every((f) => f.severity === "warning")) candidates.push(r.administrationId);
    if (candidates.length) {
      const id = pick(candidates, 1);
      const d = await getAdministrationDetail(h.db, admin, id, NOW);
      for (const f of d.findings.filter((x) => x.severity === "warning" && !x.acknowledged)) {
        await acknowledgeWarning(h.db, admin, { administrationId: id, rule: f.rule, fingerprint: f.fingerprint, reason: "Checked with the payer's policy" }, NOW);
      }
      await expectStoredEqualsFresh([d.order.id]);
    }
    // Ready as of its date of service and far from the filing limit today (closer, the page asks to acknowledge it first).
    const soon = new Date(NOW.getTime() + 31 * 86_400_000).toISOString().slice(0, 10);
    const ready = (await stored()).filter((r) => r.status === "documented" && r.ready && r.filingDeadline !== null && r.filingDeadline > soon).map((r) => r.administrationId);
    expect(ready.length).toBeGreaterThan(0);
    const id = pick(ready, 2);
    const orderIds = await ordersWhere(eq(administrations.id, id));
    await markReady(h.db, admin, { administrationId: id }, NOW);
    expect((await stored(orderIds)).find((r) => r.administrationId === id)?.status).toBe("ready_for_billing");
    await expectStoredEqualsFresh(orderIds);
    const d = await getAdministrationDetail(h.db, admin, id, NOW);
    await amendDocumentation(h.db, admin, { administrationId: id, baseRevision: d.revision, reason: "Correcting the waste time" }, NOW);
    await expectStoredEqualsFresh(orderIds);
  }, 300_000);

  it("follows a close-out (the row goes) and a reopening (it comes back)", async () => {
    const { id, orderId, patientId } = pick(await documentedIds(), 3);
    const [twin] = await h.db
      .select({ id: administrations.id })
      .from(administrations)
      .where(and(eq(administrations.patientId, patientId), sql`${administrations.id} <> ${id}`, sql`${administrations.status} <> 'closed'`))
      .limit(1);
    await closeAdministration(h.db, admin, { administrationId: id, outcome: "duplicate", duplicateOfId: twin!.id, reason: "Entered twice by the infusion room" }, NOW);
    expect((await stored([orderId])).some((r) => r.administrationId === id)).toBe(false);
    await expectStoredEqualsFresh([orderId]);
    await reopenAdministration(h.db, admin, { administrationId: id, reason: "Closed by mistake" }, NOW);
    expect((await stored([orderId])).some((r) => r.administrationId === id)).toBe(true);
    await expectStoredEqualsFresh([orderId]);
  }, 300_000);

  it("follows the end of a patient's coverage", async () => {
    const a = pick(await documentedIds(), 4);
    const st = (await stored()).find((r) => r.administrationId === a.id)!;
    const [c] = await h.db
      .select()
      .from(coverages)
      .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, a.patientId), eq(coverages.priority, "primary"), isNull(coverages.endDate)));
    if (!c || c.effectiveDate > st.dateOfService) return;
    // The coverage ends the day before the infusion: no primary payer on the date of service.
    const dayBefore = new Date(Date.parse(`${st.dateOfService}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await endCoverage(h.db, admin, { coverageId: c.id, endDate: dayBefore < c.effectiveDate ? c.effectiveDate : dayBefore, expectedUpdatedAt: c.updatedAt }, NOW);
    await expectStoredEqualsFresh(await ordersWhere(eq(administrations.patientId, a.patientId)));
  }, 300_000);

  it("follows a payer's filing limit, a location's biller and the fee schedule", async () => {
    const ps = await h.db.select().from(payers).where(eq(payers.practiceId, practiceId)).orderBy(asc(payers.id));
    const payer = pick(ps, 5);
    await updatePayer(h.db, admin, { ...payer, payerId: payer.id, timelyFilingDays: (payer.timelyFilingDays ?? 365) - 30, updatedAt: payer.updatedAt }, NOW);
    await expectStoredEqualsFresh(await ordersWhere(sql`${administrations.patientId} in (select ${coverages.patientId} from ${coverages} where ${coverages.payerId} = ${payer.id})`));

    const ls = await h.db.select().from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.id));
    const loc = pick(ls, 6);
    await updateLocation(h.db, admin, { ...loc, locationId: loc.id, billedBy: loc.billedBy === "other_entity" ? null : "other_entity", updatedAt: loc.updatedAt }, NOW);
    await expectStoredEqualsFresh(await ordersWhere(eq(orders.locationId, loc.id)));

    const [fee] = await h.db
      .select()
      .from(feeSchedule)
      .where(and(eq(feeSchedule.practiceId, practiceId), eq(feeSchedule.code, "J9173"), isNull(feeSchedule.effectiveTo)));
    const from = new Date(Date.parse(`${fee!.effectiveFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await setFee(h.db, admin, { code: "J9173", unitPriceCents: fee!.unitPriceCents + 111, effectiveFrom: from }, NOW);
  }, 600_000);

  it("follows an order's discontinuation", async () => {
    const active = await ordersWhere(and(eq(orders.status, "active"), eq(administrations.status, "documented"))!);
    expect(active.length).toBeGreaterThan(0);
    const orderId = pick(active, 7);
    await discontinueOrder(h.db, admin, { orderId, reason: "Progression on imaging" }, NOW);
    await expectStoredEqualsFresh([orderId]);
  }, 300_000);

  it("after all of these changes, equals a fresh evaluation for every infusion of the practice", async () => {
    await expectStoredEqualsFresh();
  }, 600_000);

  it("keeps every infusion's stored payer (the due and closed tabs' filter) equal to the coverage in force on its date of service", async () => {
    // Migration 0041's triggers, after the seed and the coverage, documentation and close-out changes above.
    const r: unknown = await h.db.execute(sql`
      select a.id, a.status, a.primary_payer_id::text as stored,
        (select c.payer_id::text from coverages c
          where c.practice_id = a.practice_id and c.patient_id = a.patient_id and c.priority = 'primary'
            and c.effective_date <= coalesce(d.actual_date, a.planned_date)
            and (c.end_date is null or c.end_date >= coalesce(d.actual_date, a.planned_date))
          order by c.effective_date desc limit 1) as raw
      from administrations a
      left join administration_documentation d on d.administration_id = a.id and d.practice_id = a.practice_id and d.is_current
      where a.practice_id = ${practiceId}`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: string; status: string; stored: string | null; raw: string | null }[];
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((x) => x.status)).size).toBeGreaterThan(3);
    expect(rows.some((x) => x.raw !== null)).toBe(true);
    expect(rows.filter((x) => x.stored !== x.raw)).toEqual([]);
  }, 120_000);

  it("is recomputed once when the app opens a database whose rows were written in an older wording, then left alone", async () => {
    // The demo seed records the wording it wrote: opening the database changes nothing.
    expect(await h.db.transaction((tx) => backfillReadiness(tx))).toBe(0);
    // A database of the previous version: rule ids and ISO dates in the sentences, no version recorded.
    await h.db.execute(sql`comment on table administration_billing_status is null`);
    await h.db
      .update(administrationBillingStatus)
      .set({ blockers: sql`'["1 error finding (R-DX)", "Past the filing limit (last day 2027-09-10)"]'::jsonb` })
      .where(and(eq(administrationBillingStatus.practiceId, practiceId), eq(administrationBillingStatus.ready, false)));
    expect(await h.db.transaction((tx) => backfillReadiness(tx))).toBeGreaterThan(50);
    const s = await stored();
    for (const b of s.flatMap((r) => r.blockers)) {
      expect(b).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      expect(b).not.toMatch(/\bR-[A-Z0-9-]+\b/);
    }
    expect(s.flatMap((r) => r.blockers).some((b) => /^\d+ errors? to fix: /.test(b))).toBe(true);
    await expectStoredEqualsFresh();
    // Recorded: the next start recomputes nothing.
    expect(await h.db.transaction((tx) => backfillReadiness(tx))).toBe(0);
  }, 600_000);
});
