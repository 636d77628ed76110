import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import pino from "pino";
import type { DbHandle } from "@/db/client";
import { DEMO_PRACTICE } from "@/db/seed/demo-logins";
import { administrationBillingStatus, administrations, aspPrices, feeSchedule, payers, practices, readinessRechecks, users } from "@/db/schema";
import { JOB_HANDLERS } from "@/server/jobs/handlers";
import { setJobSender } from "@/server/jobs/send";
import { computeReadiness, EVALUATED_STATUSES, referenceIn } from "@/server/services/readiness";
import { readinessInlineLimit, recheckOrdersPerStep, recheckReadinessStep, runReadinessRecheck } from "@/server/services/readiness-recheck";
import { callerFor, makeOperator, makeSession, makeWorld } from "../factories";
import { createDemoTestDb } from "../helpers/test-db";

/**
 * Wide changes to what readiness depends on (a fee schedule price, a payer edit, a shared reference
 * upload) commit at once and recheck the practice in the background when they touch more infusions
 * than READINESS_INLINE_LIMIT; the worklists show the recheck's progress; when the walk ends, every
 * stored row equals a fresh evaluation, whatever ran meanwhile.
 */
let h: DbHandle;
let practiceId: string;
let w: Awaited<ReturnType<typeof makeWorld>>;
let admin: ReturnType<typeof callerFor>;
let biller: ReturnType<typeof callerFor>;
let sent: { name: string; data: Record<string, unknown> }[] = [];
const quiet = pino({ level: "silent" });

beforeAll(async () => {
  h = await createDemoTestDb();
  const [p] = await h.db.select({ id: practices.id }).from(practices).where(eq(practices.name, DEMO_PRACTICE.name));
  practiceId = p!.id;
  const sessionOf = async (role: "admin" | "biller") => {
    const [u] = await h.db.select().from(users).where(and(eq(users.practiceId, practiceId), eq(users.role, role)));
    return callerFor(h.db, await makeSession(h.db, u!));
  };
  admin = await sessionOf("admin");
  biller = await sessionOf("biller");
  w = await makeWorld(h.db);
  setJobSender(async (name, data) => {
    sent.push({ name, data });
  });
}, 600_000);
afterEach(() => {
  delete process.env.READINESS_INLINE_LIMIT;
  sent = [];
});
afterAll(async () => {
  setJobSender(undefined);
  await h?.close();
});

async function storedRows() {
  return h.db
    .select(getTableColumns(administrationBillingStatus))
    .from(administrationBillingStatus)
    .where(eq(administrationBillingStatus.practiceId, practiceId))
    .orderBy(asc(administrationBillingStatus.administrationId));
}

/** Every documented or ready infusion of the demo practice: its stored readiness equals a fresh evaluation. */
async function expectAllFresh() {
  const ref = await referenceIn(h.db);
  const ids = await h.db
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.status, [...EVALUATED_STATUSES])))
    .orderBy(asc(administrations.id));
  const stored = await storedRows();
  expect(stored.map((r) => r.administrationId)).toEqual(ids.map((r) => r.id));
  for (const [i, { id }] of ids.entries()) {
    const f = await computeReadiness(h.db, practiceId, id, ref);
    const s = stored[i]!;
    expect({ id, ready: s.ready, blockers: s.blockers, findings: s.findings, chargeCents: s.chargeCents, filingDeadline: s.filingDeadline, payer: s.primaryPayerId }).toEqual({
      id,
      ready: f.ready,
      blockers: f.blockers,
      findings: f.findings,
      chargeCents: f.chargeCents,
      filingDeadline: f.filingDeadline,
      payer: f.primaryPayerId,
    });
  }
}

/** The next price of J9173: a day after the one in force, so earlier dates keep theirs. */
async function nextJ9173Price(addCents: number) {
  const [fee] = await h.db
    .select()
    .from(feeSchedule)
    .where(and(eq(feeSchedule.practiceId, practiceId), eq(feeSchedule.code, "J9173"), isNull(feeSchedule.effectiveTo)));
  const from = new Date(Date.parse(`${fee!.effectiveFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { code: "J9173", unitPrice: (fee!.unitPriceCents + addCents) / 100, effectiveFrom: from };
}

describe("readiness recheck after a wide change", () => {
  it("reads the inline limit from READINESS_INLINE_LIMIT (default 250; junk falls back to it) and the step's orders (at least 1)", () => {
    expect(readinessInlineLimit()).toBe(250);
    process.env.READINESS_INLINE_LIMIT = "0";
    expect(readinessInlineLimit()).toBe(0);
    process.env.READINESS_INLINE_LIMIT = "many";
    expect(readinessInlineLimit()).toBe(250);
    process.env.READINESS_INLINE_LIMIT = "-3";
    expect(readinessInlineLimit()).toBe(250);
    expect(recheckOrdersPerStep()).toBe(25);
    process.env.READINESS_RECHECK_ORDERS_PER_STEP = "0";
    expect(recheckOrdersPerStep()).toBe(1);
    delete process.env.READINESS_RECHECK_ORDERS_PER_STEP;
  });

  it("a change within the limit is rechecked in its own transaction: no recheck, no job", async () => {
    const before = await storedRows();
    await admin.feeSchedule.set(await nextJ9173Price(7));
    expect(sent).toEqual([]);
    expect(await h.db.select().from(readinessRechecks)).toEqual([]);
    expect(await biller.worklists.recheck()).toBeNull();
    // Every stored row was rewritten by the request itself.
    const after = await storedRows();
    expect(after.every((r, i) => r.updatedAt > before[i]!.updatedAt)).toBe(true);
    await expectAllFresh();
  }, 300_000);

  it("a fee schedule price above the limit commits at once, sends one job after the commit and shows its progress until the walk ends", async () => {
    process.env.READINESS_INLINE_LIMIT = "50";
    const before = await storedRows();
    expect(before.length).toBeGreaterThan(50);
    const price = await nextJ9173Price(113);
    const row = await admin.feeSchedule.set(price);
    expect(row.unitPriceCents).toBe(Math.round(price.unitPrice * 100));
    // The price is saved; no stored row was touched by the request.
    expect((await storedRows()).map((r) => r.updatedAt)).toEqual(before.map((r) => r.updatedAt));
    expect(sent).toEqual([{ name: "readiness-recheck", data: { practiceId } }]);

    const status = await biller.worklists.recheck();
    expect(status).toMatchObject({ done: 0, total: before.length });
    expect(status!.reason).toMatch(/^Fee schedule: J9173 price from \d\d\/\d\d\/\d{4}$/);
    // Another practice has nothing being rechecked, and never sees this one's.
    expect(await w.otherAdmin.caller.worklists.recheck()).toBeNull();

    // One step moves the walk forward and the notice with it.
    const step = await recheckReadinessStep(h.db, practiceId, 10);
    expect(step.finished).toBe(false);
    expect(step.rechecked).toBeGreaterThan(0);
    expect((await biller.worklists.recheck())!.done).toBe(step.rechecked);

    // The job finishes the walk: the recheck is gone and every row is current.
    await JOB_HANDLERS["readiness-recheck"].handle(h.db, { practiceId }, { jobId: "t1", lastAttempt: false, log: quiet });
    expect(await biller.worklists.recheck()).toBeNull();
    await expectAllFresh();
  }, 300_000);

  it("a payer change above the limit rechecks the whole practice; a new request during a walk starts it over; two runners share one walk", async () => {
    process.env.READINESS_INLINE_LIMIT = "0";
    const [payer] = await h.db.select().from(payers).where(eq(payers.practiceId, practiceId)).orderBy(asc(payers.name)).limit(1);
    const current = await admin.payers.get({ payerId: payer!.id });
    const { id: _id, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = current;
    await admin.payers.update({ ...rest, payerId: payer!.id, updatedAt, timelyFilingDays: (current.timelyFilingDays ?? 365) - 20 });
    expect(sent).toEqual([{ name: "readiness-recheck", data: { practiceId } }]);
    expect((await biller.worklists.recheck())!.reason).toBe(`Payer changed: ${payer!.name}`);

    await recheckReadinessStep(h.db, practiceId, 5);
    const [moved] = await h.db.select().from(readinessRechecks).where(eq(readinessRechecks.practiceId, practiceId));
    expect(moved!.afterOrderId).not.toBeNull();
    // A fee schedule price while the walk runs: the walk starts over from the first order.
    await admin.feeSchedule.set(await nextJ9173Price(5));
    const [restarted] = await h.db.select().from(readinessRechecks).where(eq(readinessRechecks.practiceId, practiceId));
    expect(restarted).toMatchObject({ afterOrderId: null, done: 0 });
    expect(restarted!.reason).toMatch(/^Fee schedule: J9173/);

    // Two workers on the same practice (a retried job beside the first): each step locks the walk.
    const [a, b] = await Promise.all([runReadinessRecheck(h.db, practiceId, 3), runReadinessRecheck(h.db, practiceId, 3)]);
    expect(a.rechecked + b.rechecked).toBeGreaterThanOrEqual(restarted!.total);
    expect(await h.db.select().from(readinessRechecks)).toEqual([]);
    await expectAllFresh();
  }, 300_000);

  it("a shared reference upload above the limit sends one recheck per practice with documented infusions, after the upload committed", async () => {
    process.env.READINESS_INLINE_LIMIT = "10";
    const { caller: operator } = await makeOperator(h.db);
    const csv = await operator.referenceData.exportCsv({ table: "aspPrices" });
    const q1 = csv.split("\r\n").find((l) => l.startsWith("J9173,2026Q1"))!;
    const next = `${csv}${q1.replace("2026Q1", "2027Q4").replace("2026-01-01", "2027-10-01").replace("2026-03-31", "2027-12-31")}\r\n`;
    const preview = await operator.referenceData.previewUpload({ table: "aspPrices", csv: next });
    const applied = await operator.referenceData.applyUpload({ table: "aspPrices", csv: next, baseFingerprint: preview.baseFingerprint });
    // Only the demo practice has documented or ready infusions (the world's practices have none).
    expect(applied.practicesRechecking).toBe(1);
    expect(sent).toEqual([{ name: "readiness-recheck", data: { practiceId } }]);
    expect((await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2027Q4"))).length).toBe(1);
    expect((await biller.worklists.recheck())!.reason).toMatch(/^Shared reference data loaded: ASP payment limits, version \d+$/);
    await runReadinessRecheck(h.db, practiceId);
    expect(await biller.worklists.recheck()).toBeNull();
  }, 300_000);

  it("the job sweep sends again a recheck whose walk has not moved for ten minutes, and only that one", async () => {
    process.env.READINESS_INLINE_LIMIT = "0";
    await admin.feeSchedule.set(await nextJ9173Price(3));
    const resent: Record<string, unknown>[] = [];
    const sweep = JOB_HANDLERS["readiness-recheck"].sweep;
    await sweep(h.db, async (d) => void resent.push(d), quiet);
    expect(resent).toEqual([]);
    await h.db.update(readinessRechecks).set({ updatedAt: sql`now() - interval '11 minutes'` });
    await sweep(h.db, async (d) => void resent.push(d), quiet);
    expect(resent).toEqual([{ practiceId }]);
    await runReadinessRecheck(h.db, practiceId);
    expect(await h.db.select().from(readinessRechecks)).toEqual([]);
  }, 300_000);

  it("worklists.recheck: every role that reads infusions sees its own practice's; no session, no answer", async () => {
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) expect(await w.as[role].caller.worklists.recheck()).toBeNull();
    await expect(w.anonymous.worklists.recheck()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
