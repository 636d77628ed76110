import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { administrationDocumentation, administrations, claimAdministrations, claims, orders, payers } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { allKpis, type KpiFigures } from "@/server/queries/kpis";
import type { KpiFilter } from "@/server/queries/kpis-sql";
import { makeWorld } from "../factories";
import { setUpClaimsPractice } from "../factories/claims";
import { billInfusion, infusions, kpiClaim, overrideWarning, postRemit, workItem } from "../factories/kpis";
import { arHistoryMismatches, kpiFigureMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";
import { TRPCError } from "@trpc/server";

/**
 * Every KPI on a small practice whose figures are worked out by hand below (the quarter Q3 2026,
 * 92 days; the task force's prior window is 2026-04-01 … 2026-06-30, 91 days).
 *
 * Claims (commercial unless said; C = charge in cents):
 *   P0 DOS 03-18 sent 03-20  C 100,000  remit 03-31 paid 80,000 + CO 20,000: the practice's first submission,
 *                             before the prior window of Q3 (complete history: the task force's average holds)
 *   P1 DOS 05-10 sent 05-12  C 100,000  remit 05-30 paid 80,000 + CO 20,000 (before the quarter)
 *   P2 DOS 06-01 sent 06-03  C 200,000  no remittance (A/R 119 days old on 09-30)
 *   P3 DOS 06-20 sent 06-22  C 300,000  remit 07-10 denied 300,000 (first remit in Q3; A/R, 100 days)
 *   A  DOS 07-01 sent 07-03  C 2,280,000 clean; remit 07-20 paid 1,800,000, CO 400,000, PR 80,000
 *   B  DOS 07-05 sent 07-08  C 2,280,000 edited (revision 2); J9173 140 u + JW 10 u; remit 07-25 paid 1,500,000,
 *                             CO 330,000, PR 300,000, denied 150,000; drug line allowed 1,960,000 for 140 u;
 *                             underpayment 20,000 found 07-25
 *   C  DOS 07-10 sent 07-12  C 1,000,000 warning overridden; remit 08-01 denied all (CO-197 authorization);
 *                             appeal 08-11; overturned 09-10 recovering 900,000; remit 09-10 paid 900,000 + CO 100,000
 *   D1 DOS 07-15 sent 07-16  C 500,000 rejected 07-17, replaced by
 *   D2 DOS 07-15 sent 07-20  C 500,000 re-bill; remit 08-05 paid 400,000 + CO 100,000 (J9173 30 u, no JW/JZ)
 *   E  DOS 08-01 sent 08-03  C 800,000 clean; remit 08-20 paid 600,000 + CO 200,000, reversed 09-05 and
 *                             re-paid 09-05: 500,000 + CO 200,000 + PR 100,000
 *   F  DOS 2025-10-15 draft  C 300,000 (filing limit 365 days → 2026-10-15, 15 days after the quarter)
 *   G  DOS 09-01 sent 09-02  C 200,000 rejected 09-03 (still open)
 *   H  DOS 09-10 sent 09-12  C 1,200,000 Medicare (no authorization needed); remit 09-20 paid 0, denied all;
 *                             written off 09-28
 *   X  another practice's claim in Q3 (must never count)
 */

let h: DbHandle;
let pid: string;
let setup: PracticeSetupIds;
const Q3: KpiFilter = { from: "2026-07-01", to: "2026-09-30" };
/** Periods on which the aggregates are compared with the source rows: a quarter, a month, across months, inside a month, a day, a year. */
const FIGURE_PERIODS: KpiFilter[] = [
  Q3,
  { from: "2026-08-01", to: "2026-08-31" },
  { from: "2026-07-15", to: "2026-09-10" },
  { from: "2026-09-03", to: "2026-09-25" },
  { from: "2026-07-20", to: "2026-07-20" },
  { from: "2025-10-01", to: "2026-09-30" },
];
let figures: KpiFigures;
let w: Awaited<ReturnType<typeof makeWorld>>;
const ids: Record<string, string> = {};

const drug = (units: number, mods: string[] = ["JZ"]) => ({ code: "J9173", modifiers: mods, units, chargeCents: units * 15000, kind: "drug" as const, ndc11: "00310461150" });
const waste = (units: number) => ({ code: "J9173", modifiers: ["JW"], units, chargeCents: units * 15000, kind: "waste" as const, ndc11: "00310461150" });
const admin = (cents: number) => ({ code: "96413", units: 1, chargeCents: cents, kind: "admin" as const });

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  pid = w.practice.id;
  setup = await setUpClaimsPractice(h.db, pid, w.other.id, w.as.admin.caller);
  await h.db.update(payers).set({ priorAuthRequired: true, timelyFilingDays: 365 }).where(inArray(payers.id, [setup.payers.commercial]));
  await h.db.update(payers).set({ priorAuthRequired: false, timelyFilingDays: 365 }).where(inArray(payers.id, [setup.payers.medicare]));
  const db = h.db;

  const p0 = await kpiClaim(db, pid, setup, { number: "P0", dos: "2026-03-18", submitted: "2026-03-20", lines: [admin(100_000)] });
  await postRemit(db, pid, p0.id, { posted: "2026-03-31", paid: 80_000, contractual: 20_000 });
  const p1 = await kpiClaim(db, pid, setup, { number: "P1", dos: "2026-05-10", submitted: "2026-05-12", lines: [admin(100_000)] });
  await postRemit(db, pid, p1.id, { posted: "2026-05-30", paid: 80_000, contractual: 20_000 });
  await kpiClaim(db, pid, setup, { number: "P2", dos: "2026-06-01", submitted: "2026-06-03", lines: [admin(200_000)] });
  const p3 = await kpiClaim(db, pid, setup, { number: "P3", dos: "2026-06-20", submitted: "2026-06-22", lines: [admin(300_000)] });
  const p3r = await postRemit(db, pid, p3.id, { posted: "2026-07-10", paid: 0, denied: 300_000 });
  await workItem(db, pid, p3.id, p3r, { amount: 300_000, opened: "2026-07-10" });

  const a = await kpiClaim(db, pid, setup, { number: "A", dos: "2026-07-01", submitted: "2026-07-03", lines: [drug(150), admin(30_000)] });
  await postRemit(db, pid, a.id, { posted: "2026-07-20", paid: 1_800_000, contractual: 400_000, patient: 80_000, lines: [{ claimLineId: a.lines[0]!.id, units: 150, allowed: 2_100_000, paid: 1_800_000 }] });

  const b = await kpiClaim(db, pid, setup, { number: "B", dos: "2026-07-05", submitted: "2026-07-08", revision: 2, lines: [drug(140, []), waste(10), admin(30_000)] });
  ids.B = b.id;
  const br = await postRemit(db, pid, b.id, {
    posted: "2026-07-25",
    paid: 1_500_000,
    contractual: 330_000,
    patient: 300_000,
    denied: 150_000,
    lines: [{ claimLineId: b.lines[0]!.id, units: 140, allowed: 1_960_000, paid: 1_500_000 }],
    adjustments: [{ group: "CO", carc: "4", amount: 150_000, kind: "denial", category: "modifier" }],
  });
  await workItem(db, pid, b.id, br, { kind: "underpayment", amount: 20_000, opened: "2026-07-25" });

  const c = await kpiClaim(db, pid, setup, { number: "C", dos: "2026-07-10", submitted: "2026-07-12", lines: [drug(60), admin(100_000)] });
  await overrideWarning(db, pid, c.id);
  const cr = await postRemit(db, pid, c.id, { posted: "2026-08-01", paid: 0, denied: 1_000_000, adjustments: [{ group: "CO", carc: "197", amount: 1_000_000, kind: "denial", category: "authorization" }] });
  await workItem(db, pid, c.id, cr, { category: "authorization", amount: 1_000_000, opened: "2026-08-01", appealed: "2026-08-11", resolved: "2026-09-10", status: "resolved", outcome: "overturned", recovered: 900_000 });
  await postRemit(db, pid, c.id, { posted: "2026-09-10", paid: 900_000, contractual: 100_000 });

  const d1 = await kpiClaim(db, pid, setup, { number: "D1", dos: "2026-07-15", submitted: "2026-07-16", rejected: "2026-07-17", status: "replaced", lines: [drug(30, []), admin(50_000)] });
  const d2 = await kpiClaim(db, pid, setup, { number: "D2", dos: "2026-07-15", submitted: "2026-07-20", originalClaimId: d1.id, lines: [drug(30, []), admin(50_000)] });
  await postRemit(db, pid, d2.id, { posted: "2026-08-05", paid: 400_000, contractual: 100_000 });

  const e = await kpiClaim(db, pid, setup, { number: "E", dos: "2026-08-01", submitted: "2026-08-03", lines: [drug(50), admin(50_000)] });
  ids.E = e.id;
  const e1 = await postRemit(db, pid, e.id, { posted: "2026-08-20", paid: 600_000, contractual: 200_000 });
  await postRemit(db, pid, e.id, { posted: "2026-09-05", paid: -600_000, contractual: -200_000, reversalOf: e1 });
  await postRemit(db, pid, e.id, { posted: "2026-09-05", paid: 500_000, contractual: 200_000, patient: 100_000 });

  await kpiClaim(db, pid, setup, { number: "F", dos: "2025-10-15", submitted: null, status: "draft", createdAt: "2025-10-20", lines: [admin(300_000)] });
  await kpiClaim(db, pid, setup, { number: "G", dos: "2026-09-01", submitted: "2026-09-02", rejected: "2026-09-03", status: "rejected", lines: [admin(200_000)] });

  const hc = await kpiClaim(db, pid, setup, { number: "H", dos: "2026-09-10", submitted: "2026-09-12", payer: "medicare", lines: [drug(80)] });
  const hr = await postRemit(db, pid, hc.id, { posted: "2026-09-20", receivedDaysBefore: 3, paid: 0, denied: 1_200_000, adjustments: [{ group: "CO", carc: "50", amount: 1_200_000, kind: "denial", category: "medical-necessity" }] });
  await workItem(db, pid, hc.id, hr, { category: "medical-necessity", amount: 1_200_000, opened: "2026-09-20", resolved: "2026-09-28", status: "written_off", writeOff: 1_200_000 });

  // Infusions: two given in Q3 (one documented on another day than planned), one scheduled, one given in June.
  const lung = await infusions(db, pid, b.patientId, setup, "nsclc-stage3-consolidation", [
    { planned: "2026-07-05", actual: "2026-07-05", status: "ready_for_billing" },
    { planned: "2026-08-01", actual: "2026-08-02", status: "documented" },
    { planned: "2026-09-15", status: "scheduled" },
  ]);
  await billInfusion(db, pid, b.id, lung.administrationIds[0]!, b.coverageId);
  ids.lungOrder = lung.orderId;
  ids.infusion1 = lung.administrationIds[0]!;
  ids.infusion2 = lung.administrationIds[1]!;
  ids.H = hc.id;
  ids.Hcoverage = hc.coverageId;
  await infusions(db, pid, e.patientId, setup, "btc-gemcis", [{ planned: "2026-06-30", actual: "2026-06-30", status: "ready_for_billing" }]);

  // Another practice's claim, paid and denied in Q3: must never count.
  const x = await kpiClaim(db, w.other.id, setup, { number: "X", dos: "2026-07-02", submitted: "2026-07-03", other: true, lines: [drug(100)] });
  await postRemit(db, w.other.id, x.id, { posted: "2026-07-20", paid: 0, denied: 1_500_000 });

  figures = await allKpis(h.db, pid, Q3);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

const v = (k: keyof KpiFigures) => figures[k]!;

describe("KPIs on a hand-worked quarter", () => {
  it("clean claim rate: A, E and H of the 8 claims sent in Q3 (B edited, C overridden, D1 and G rejected, D2 a re-bill)", () => {
    expect(v("cleanClaimRate")).toMatchObject({ numerator: 3, denominator: 8 });
    expect(v("cleanClaimRate").value).toBeCloseTo(3 / 8, 10);
  });

  it("first-pass yield: A and E (E's first remittance counts although reversed later) of 7 first adjudicated in Q3", () => {
    expect(v("firstPassYield")).toMatchObject({ numerator: 2, denominator: 7 });
  });

  it("initial denial rate: B, C, H and P3 against the 3 claims ($6,000) sent in the 91 days before, scaled to 92 days", () => {
    const den = (3 / 91) * 92;
    expect(v("initialDenialRate").numerator).toBe(4);
    expect(v("initialDenialRate").denominator).toBeCloseTo(den, 10);
    expect(v("initialDenialRate").value).toBeCloseTo(4 / den, 10);
    const dollars = (600_000 / 91) * 92;
    expect(v("initialDenialRateDollars").numerator).toBe(150_000 + 1_000_000 + 1_200_000 + 300_000);
    expect(v("initialDenialRateDollars").value).toBeCloseTo(2_650_000 / dollars, 10);
  });

  it("zero-pay denial rate: H of the 3 primary remittances in the 4 weeks to 09-30 (E's reversal left out)", () => {
    expect(v("zeroPayDenialRate")).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it("denial write-offs: H's $12,000 against $51,000 of net payments posted in Q3 (E's reversal subtracted)", () => {
    expect(v("denialWriteOffRate")).toMatchObject({ numerator: 1_200_000, denominator: 5_100_000 });
    expect(v("denialWriteOffRate").value).toBeCloseTo(12 / 51, 10);
  });

  it("appeals: C appealed after 10 days and overturned; 90 % of its dollars recovered; resolutions after 40 and 8 days", () => {
    expect(v("timeToAppeal")).toMatchObject({ value: 10, count: 1 });
    expect(v("overturnRate")).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(v("overturnRateDollars").value).toBeCloseTo(0.9, 10);
    expect(v("timeToResolution")).toMatchObject({ value: 24, count: 2 });
    expect(v("timeToResolution").extra!.p90).toBeCloseTo(36.8, 10);
  });

  it("A/R on 09-30: P2 200,000 (119 d), P3 300,000 (100 d), B's open 150,000 (84 d), G 200,000 (28 d); D1 replaced, H written off", () => {
    expect(v("arOver90")).toMatchObject({ numerator: 500_000, denominator: 850_000, count: 4 });
    expect(v("daysInAr").numerator).toBe(850_000);
    expect(v("daysInAr").value).toBeCloseTo((850_000 * 92) / 8_260_000, 10);
  });

  it("net collection rate: $51,000 paid on Q3's live claims against $82,600 charged less $11,300 contractual", () => {
    expect(v("netCollectionRate")).toMatchObject({ numerator: 5_100_000, denominator: 8_260_000 - 1_130_000, count: 7 });
  });

  it("waste: 10 JW units of 520 opened, priced at B's allowed $140 a unit; 6 of 7 drug lines compliant (D2's has no JW/JZ)", () => {
    expect(v("wasteUnits").value).toBe(10);
    expect(v("wasteRate")).toMatchObject({ numerator: 10, denominator: 520 });
    expect(v("wasteDollars")).toMatchObject({ value: 140_000, count: 1 });
    expect(v("jwJzCompliance")).toMatchObject({ numerator: 6, denominator: 7 });
  });

  it("underpayment variance: B's line, $200", () => {
    expect(v("underpaymentVariance")).toMatchObject({ value: 20_000, count: 1 });
  });

  it("days to submit (median 2 of 1,1,2,2,2,2,3) and days to post (median 1, H's 835 waited 3 days)", () => {
    expect(v("daysToSubmit")).toMatchObject({ value: 2, count: 7 });
    expect(v("daysToSubmit").extra!.mean).toBeCloseTo(13 / 7, 10);
    expect(v("daysToPost")).toMatchObject({ value: 1, count: 10 });
    expect(v("daysToPost").extra!.mean).toBeCloseTo(1.2, 10);
  });

  it("timely-filing exposure: draft F's limit ends 15 days after the quarter; rejected G has a year left", () => {
    expect(v("timelyFilingExposure")).toMatchObject({ value: 300_000, count: 1, extra: { claims: 1, pastLimit: 0 } });
  });

  it("authorization-related denial rate: C of the 6 commercial claims first adjudicated in Q3 (H's payer needs no authorization)", () => {
    expect(v("authDenialRate")).toMatchObject({ numerator: 1, denominator: 6 });
  });

  it("volume: 2 infusions given, 510 J9173 units, $82,600 charged, $51,000 paid", () => {
    expect(v("administrations").value).toBe(2);
    expect(v("j9173Units").value).toBe(150 + 140 + 60 + 30 + 50 + 80);
    expect(v("charges")).toMatchObject({ value: 8_260_000, count: 7 });
    expect(v("payments")).toMatchObject({ value: 5_100_000, count: 10 });
  });
});

describe("initial denial rate: the 3-month average only over complete history", () => {
  it("Q3: the practice's history starts 03-20, before the window (04-01 … 06-30): the task force's figure, flagged as such", () => {
    for (const k of ["initialDenialRate", "initialDenialRateDollars"] as const) {
      expect(v(k).basis).toEqual({ kind: "hfma_prior_3_months", windowFrom: "2026-04-01", windowTo: "2026-06-30", historyFrom: "2026-03-20", historyDays: 91 });
    }
    // the hand-worked figures above are unchanged: 4 ÷ (3 ÷ 91 × 92) = 132 % is the task force's figure over
    // complete history (few claims before the quarter), so it stays, uncapped, with a data note
    expect(v("initialDenialRate").value).toBeCloseTo(4 / ((3 / 91) * 92), 10);
    expect(v("initialDenialRate").note).toMatch(/^Above 100 %: more claims were first denied in the period than the 3-month average/);
    expect(v("initialDenialRateDollars").value).toBeCloseTo(2_650_000 / ((600_000 / 91) * 92), 10);
  });

  it("June–July: history starts 03-20, inside the window (03-02 … 05-31, 73 of 91 days): P3 and B against the 6 original claims ($65,600) sent in the period", async () => {
    const f = await allKpis(h.db, pid, { from: "2026-06-01", to: "2026-07-31" });
    const rate = f.initialDenialRate!;
    // the average would have been P0 and P1 over 91 days × 61: 2 ÷ 1.34 = 149 %
    expect(rate.extra).toMatchObject({ submittedBefore: 2, submittedInPeriod: 6 });
    expect(rate).toMatchObject({ numerator: 2, denominator: 6, basis: { kind: "period_submissions", windowFrom: "2026-03-02", windowTo: "2026-05-31", historyFrom: "2026-03-20", historyDays: 73 } });
    expect(rate.value).toBeCloseTo(2 / 6, 10);
    expect(rate.note).toBeUndefined();
    // P2 2,000 + P3 3,000 + A 22,800 + B 22,800 + C 10,000 + D1 5,000 (D2 is a re-bill)
    const dollars = f.initialDenialRateDollars!;
    expect(dollars).toMatchObject({ numerator: 450_000, denominator: 6_560_000, basis: { kind: "period_submissions" } });
    expect(dollars.value).toBeCloseTo(450_000 / 6_560_000, 10);
  });

  it("another practice whose first claim (X, 07-03) is inside Q3's window: X denied of the 1 claim sent in Q3, 100 %", async () => {
    const f = await allKpis(h.db, w.other.id, Q3);
    expect(f.initialDenialRate).toMatchObject({ value: 1, numerator: 1, denominator: 1, basis: { kind: "period_submissions", historyFrom: "2026-07-03", historyDays: 0 } });
    expect(f.initialDenialRateDollars).toMatchObject({ value: 1, numerator: 1_500_000, denominator: 1_500_000 });
  });

  it("a rate above 100 % is shown, not capped, with a data note (07-10 alone: P3 against 5 claims ÷ 91 × 1 day)", async () => {
    const f = await allKpis(h.db, pid, { from: "2026-07-10", to: "2026-07-10" });
    expect(f.initialDenialRate!.basis!.kind).toBe("hfma_prior_3_months");
    expect(f.initialDenialRate!.value).toBeCloseTo(91 / 5, 10);
    expect(f.initialDenialRate!.note).toMatch(/^Above 100 %/);
  });

  it("the trend applies the rule per month; the rows and the figures say which basis was used", async () => {
    const t = await w.as.manager.caller.dashboards.trend({ from: "2026-05-01", to: "2026-07-31" });
    expect(t.map((p) => [p.month, p.initialDenialBasis])).toEqual([
      ["2026-05", "period_submissions"],
      ["2026-06", "period_submissions"],
      ["2026-07", "hfma_prior_3_months"],
    ]);
    expect(t.map((p) => p.initialDenialRate)).toEqual([0, 0, expect.closeTo(2 / ((3 / 91) * 31), 10)]);
    const partial = await w.as.manager.caller.dashboards.rows({ filter: { from: "2026-06-01", to: "2026-07-31" }, kpi: "initialDenialRate" });
    expect(partial.basis).toMatchObject({ kind: "period_submissions", historyDays: 73 });
    expect(partial.items.map((i) => i.claimNumber).sort()).toEqual(["B", "P3"]);
    const full = await w.as.manager.caller.dashboards.rows({ filter: { from: Q3.from, to: Q3.to }, kpi: "initialDenialRateDollars" });
    expect(full.basis?.kind).toBe("hfma_prior_3_months");
    expect((await w.as.manager.caller.dashboards.rows({ filter: { from: Q3.from, to: Q3.to }, kpi: "cleanClaimRate" })).basis).toBeUndefined();
    const r = await w.as.manager.caller.dashboards.figures({ from: Q3.from, to: Q3.to });
    expect(r.figures.initialDenialRate!.current.basis!.kind).toBe("hfma_prior_3_months");
    // Q2's window (2025-12-31 … 2026-03-31) holds 12 days of history (03-20 …)
    expect(r.figures.initialDenialRate!.previous.basis).toMatchObject({ kind: "period_submissions", historyDays: 12 });
  });
});

describe("filters and edge cases", () => {
  it("a quarter with no claims gives no figures, not zeros", async () => {
    const f = await allKpis(h.db, pid, { from: "2025-01-01", to: "2025-03-31" });
    for (const k of ["cleanClaimRate", "firstPassYield", "initialDenialRate", "zeroPayDenialRate", "netCollectionRate", "wasteRate", "jwJzCompliance", "daysToSubmit", "timeToAppeal"] as const) {
      expect(f[k]!.value, k).toBeNull();
    }
    // volumes are facts: nothing was charged
    expect(f.charges).toMatchObject({ value: 0, count: 0 });
    expect(f.daysInAr!.value).toBeNull();
  });

  it("payer filter: only Medicare's claim H", async () => {
    const f = await allKpis(h.db, pid, { ...Q3, payerId: setup.payers.medicare });
    expect(f.cleanClaimRate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(f.charges!.value).toBe(1_200_000);
    expect(f.zeroPayDenialRate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(f.initialDenialRate!.numerator).toBe(1);
    expect(f.initialDenialRate!.value).toBeNull(); // no Medicare claim sent in the 91 days before
    expect(f.administrations!.value).toBe(0); // B's infusion was billed to the commercial plan
  });

  it("indication filter: only claims billing an infusion of that indication (B) and that order's infusions", async () => {
    const f = await allKpis(h.db, pid, { ...Q3, indicationId: "nsclc-stage3-consolidation" });
    expect(f.charges!.value).toBe(2_280_000);
    expect(f.administrations!.value).toBe(2);
    expect(f.wasteUnits!.value).toBe(10);
  });

  it("provider and location filters keep the claims rendered there", async () => {
    const f = await allKpis(h.db, pid, { ...Q3, providerId: setup.providers.oncologistB });
    expect(f.charges).toMatchObject({ value: 0, count: 0 });
    const g = await allKpis(h.db, pid, { ...Q3, locationId: setup.locations.office });
    expect(g.charges!.value).toBe(8_260_000);
  });
});

describe("dashboards procedures", () => {
  const filter = { from: Q3.from, to: Q3.to };

  it("managers and admins read the figures with the previous period beside them", async () => {
    for (const role of ["manager", "admin"] as const) {
      const r = await w.as[role].caller.dashboards.figures(filter);
      // Q3 is three whole months: it compares with Q2 (April … June), not with the 92 days before it
      expect(r.previous).toEqual({ from: "2026-04-01", to: "2026-06-30" });
      expect(r.figures.cleanClaimRate!.current).toMatchObject({ numerator: 3, denominator: 8 });
      // the previous period (04-01 … 06-30) holds P1, P2, P3 sent, nothing adjudicated in Q3
      expect(r.figures.cleanClaimRate!.previous).toMatchObject({ numerator: 3, denominator: 3 });
      expect(r.figures.charges!.previous.value).toBe(600_000);
    }
  });

  it("billers and PA coordinators get no dashboard procedure; signed-out users none at all", async () => {
    for (const role of ["biller", "pa_coordinator"] as const) {
      await expect(w.as[role].caller.dashboards.figures(filter)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.as[role].caller.dashboards.rows({ filter, kpi: "initialDenialRate" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(w.anonymous.dashboards.figures(filter)).rejects.toBeInstanceOf(TRPCError);
    await expect(w.anonymous.dashboards.figures(filter)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("another practice sees only its own claim, never this practice's rows", async () => {
    const r = await w.otherAdmin.caller.dashboards.figures(filter);
    expect(r.figures.charges!.current.value).toBe(1_500_000);
    const rows = await w.otherAdmin.caller.dashboards.rows({ filter, kpi: "charges" });
    expect(rows.items.map((i) => i.claimNumber)).toEqual(["X"]);
    const opts = await w.otherAdmin.caller.dashboards.filterOptions();
    expect(opts.payers.map((p) => p.id)).not.toContain(setup.payers.medicare);
    // this practice's payer id in the other practice's filter matches nothing
    const f2 = await w.otherAdmin.caller.dashboards.figures({ ...filter, payerId: setup.payers.commercial });
    expect(f2.figures.charges!.current.value).toBe(0);
  });

  it("the rows behind the denial rate are the 4 initially denied claims, with the same filters", async () => {
    const r = await w.as.manager.caller.dashboards.rows({ filter, kpi: "initialDenialRate" });
    expect(r.total).toBe(4);
    expect(r.items.map((i) => i.claimNumber).sort()).toEqual(["B", "C", "H", "P3"]);
    expect(r.items.find((i) => i.claimNumber === "H")).toMatchObject({ amountCents: 1_200_000, payerName: expect.any(String), statusLabel: "Submitted" });
    const med = await w.as.manager.caller.dashboards.rows({ filter: { ...filter, payerId: setup.payers.medicare }, kpi: "initialDenialRate" });
    expect(med.items.map((i) => i.claimNumber)).toEqual(["H"]);
  });

  it("the rows of a ratio mark the numerator; counted-only keeps just those", async () => {
    const all = await w.as.manager.caller.dashboards.rows({ filter, kpi: "cleanClaimRate", pageSize: 10 });
    expect(all.total).toBe(8);
    expect(all.items.filter((i) => i.counted).map((i) => i.claimNumber).sort()).toEqual(["A", "E", "H"]);
    const hits = await w.as.manager.caller.dashboards.rows({ filter, kpi: "cleanClaimRate", countedOnly: true });
    expect(hits.total).toBe(3);
    const ar = await w.as.manager.caller.dashboards.rows({ filter, kpi: "arOver90" });
    expect(ar.items.map((i) => [i.claimNumber, i.amountCents, i.value, i.counted])).toEqual([
      ["P3", 300_000, 100, true],
      ["P2", 200_000, 119, true],
      ["G", 200_000, 28, false],
      ["B", 150_000, 84, false],
    ]);
    const appeals = await w.as.manager.caller.dashboards.rows({ filter, kpi: "timeToAppeal" });
    expect(appeals.items).toMatchObject([{ claimNumber: "C", value: 10, statusLabel: "Resolved" }]);
    const adm = await w.as.manager.caller.dashboards.rows({ filter, kpi: "administrations" });
    expect(adm.items.map((i) => [i.date, i.statusLabel])).toEqual([
      ["2026-08-02", "Documented"],
      ["2026-07-05", "Ready for billing"],
    ]);
  });

  it("trend, breakdowns, aging and denial categories agree with the figures", async () => {
    const t = await w.as.manager.caller.dashboards.trend(filter);
    expect(t.map((p) => p.month)).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(t.reduce((s, p) => s + p.charges, 0)).toBe(8_260_000);
    expect(t.reduce((s, p) => s + p.payments, 0)).toBe(5_100_000);
    // July: A clean of A, B, C, D1, D2 sent
    expect(t[0]!.cleanClaimRate).toBeCloseTo(1 / 5, 10);
    const byPayer = await w.as.manager.caller.dashboards.breakdown({ filter, dimension: "payer" });
    expect(byPayer.reduce((s, r) => s + r.chargesCents, 0)).toBe(8_260_000);
    expect(byPayer.find((r) => r.key === setup.payers.medicare)).toMatchObject({ claims: 1, chargesCents: 1_200_000, units: 80 });
    const byInd = await w.as.manager.caller.dashboards.breakdown({ filter, dimension: "indication" });
    expect(byInd.find((r) => r.key === "nsclc-stage3-consolidation")).toMatchObject({ claims: 1, chargesCents: 2_280_000 });
    const aging = await w.as.manager.caller.dashboards.aging(filter);
    expect(aging).toHaveLength(1);
    expect(aging[0]).toMatchObject({ totalCents: 850_000, over90Cents: 500_000, buckets: { "0-30": 200_000, "61-90": 150_000, "91-120": 500_000 } });
    const cats = await w.as.manager.caller.dashboards.denialCategories(filter);
    expect(cats.map((c) => [c.label, c.items, c.amountCents])).toEqual([
      ["Diagnosis / medical necessity", 1, 1_200_000],
      ["Authorization", 1, 1_000_000],
      ["Other", 1, 300_000],
    ]);
  });

  it("every figure read from the daily aggregates equals the same figure from the source rows, for whole, cross-month and inner periods and every filter", async () => {
    const r = await kpiFigureMismatches(h.db, pid, FIGURE_PERIODS);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(100);
  }, 180_000);

  it("the maintained A/R history agrees with the source rows at every date, and after closing, cancelling and deleting", async () => {
    const before = await arHistoryMismatches(h.db, pid);
    expect(before.mismatches).toEqual([]);
    expect(before.rows).toBeGreaterThan(0);
    // writes the services make, straight on the rows: a claim closed, a re-bill cancelled (its original counts again), a payment unposted
    await h.db.execute(sql`update claims set status = 'closed', close_reason = 'paid', closed_at = '2026-08-10T00:00:00Z' where id = ${ids.B}`);
    await h.db.execute(sql`update claims set status = 'cancelled', cancel_reason = 'Entered in error' where original_claim_id is not null and practice_id = ${pid}`);
    await h.db.execute(sql`update claim_payments set status = 'dismissed' where id = (select id from claim_payments where practice_id = ${pid} and not is_reversal order by created_at limit 1)`);
    const after = await arHistoryMismatches(h.db, pid);
    expect(after.mismatches).toEqual([]);
    expect(after.rows).not.toBe(before.rows);
    const figures = await kpiFigureMismatches(h.db, pid, FIGURE_PERIODS);
    expect(figures.mismatches).toEqual([]);
  }, 180_000);

  it("a bad filter is refused with the reason", async () => {
    await expect(w.as.manager.caller.dashboards.figures({ from: "2026-09-30", to: "2026-07-01" })).rejects.toThrow(/end date is before the start/);
    await expect(w.as.manager.caller.dashboards.figures({ from: "2020-01-01", to: "2026-07-01" })).rejects.toThrow(/at most/);
    await expect(w.as.manager.caller.dashboards.figures({ from: "2026-07-01", to: "2026-09-31" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.manager.caller.dashboards.rows({ filter, kpi: "nope" as never })).rejects.toThrow(/Not a dashboard figure/);
  });
});

describe("the maintained infusion facts (kpi_infusion_facts, migration 0035)", () => {
  // after the writes above (B closed, D2 cancelled, a payment dismissed): infusion 1 (07-05, billed on B to the
  // commercial plan) and infusion 2 (documented 08-02, not billed) in Q3
  const AUG: KpiFilter = { from: "2026-08-01", to: "2026-08-31" };
  const SEP: KpiFilter = { from: "2026-09-01", to: "2026-09-30" };
  const given = async (f: KpiFilter) => (await allKpis(h.db, pid, f)).administrations!.value;
  const agree = async () => {
    const r = await kpiFigureMismatches(h.db, pid, FIGURE_PERIODS, ["administrations", "serviceAuth"]);
    expect(r.mismatches).toEqual([]);
  };

  it("follow each write, in the same transaction: re-documentation, billing to a second payer, a payer change, an order's change, an unbilled claim, a cancelled infusion, documentation removed", async () => {
    const db = h.db;
    const P = setup.payers;
    expect([await given(Q3), await given(AUG), await given({ ...Q3, payerId: P.commercial }), await given({ ...Q3, payerId: P.medicare })]).toEqual([2, 1, 1, 0]);
    await agree();
    // infusion 2 re-documented (an amendment: a new current version) as given on 09-02
    await db.update(administrationDocumentation).set({ isCurrent: false }).where(eq(administrationDocumentation.administrationId, ids.infusion2!));
    await db.insert(administrationDocumentation).values({ practiceId: pid, administrationId: ids.infusion2!, version: 2, revision: 2, isCurrent: true, actualDate: "2026-09-02", amendmentReason: "Wrong date" });
    expect([await given(Q3), await given(AUG), await given(SEP)]).toEqual([2, 0, 1]);
    await agree();
    // infusion 2 billed on Medicare's claim H too: it counts under Medicare, and once unfiltered
    await db.insert(claimAdministrations).values({ practiceId: pid, claimId: ids.H!, administrationId: ids.infusion2!, coverageId: ids.Hcoverage!, active: true });
    expect([await given(Q3), await given({ ...Q3, payerId: P.medicare }), await given({ ...Q3, payerId: P.commercial })]).toEqual([2, 1, 1]);
    await agree();
    // claim B moved to Medicare: infusion 1 follows its claim's payer
    await db.update(claims).set({ payerId: P.medicare }).where(eq(claims.id, ids.B!));
    expect([await given({ ...Q3, payerId: P.medicare }), await given({ ...Q3, payerId: P.commercial })]).toEqual([2, 0]);
    await agree();
    // the lung order changes indication and provider: its infusions (and the claims billing them) follow
    await db.update(orders).set({ indicationId: "btc-gemcis", orderingProviderId: setup.providers.oncologistB }).where(eq(orders.id, ids.lungOrder!));
    expect([await given({ ...Q3, indicationId: "nsclc-stage3-consolidation" }), await given({ ...Q3, indicationId: "btc-gemcis" }), await given({ ...Q3, providerId: setup.providers.oncologistB })]).toEqual([0, 2, 2]);
    await agree();
    // H no longer bills infusion 2 (its link made inactive, as when a claim is cancelled)
    await db.update(claimAdministrations).set({ active: false }).where(and(eq(claimAdministrations.claimId, ids.H!), eq(claimAdministrations.administrationId, ids.infusion2!)));
    expect(await given({ ...Q3, payerId: P.medicare })).toBe(1);
    await agree();
    // infusion 1 cancelled (not given): it leaves every figure
    await db.update(administrations).set({ status: "not_given", notGivenReason: "patient_declined" }).where(eq(administrations.id, ids.infusion1!));
    expect([await given(Q3), await given({ ...Q3, payerId: P.medicare })]).toEqual([1, 0]);
    await agree();
    // infusion 2's documentation removed: it counts on its planned date (08-01) again
    await db.delete(administrationDocumentation).where(eq(administrationDocumentation.administrationId, ids.infusion2!));
    expect([await given(AUG), await given(SEP)]).toEqual([1, 0]);
    await agree();
  }, 240_000);
});
