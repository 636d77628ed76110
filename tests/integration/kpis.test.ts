import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { payers } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { allKpis, type KpiFigures } from "@/server/queries/kpis";
import type { KpiFilter } from "@/server/queries/kpis-sql";
import { makeWorld } from "../factories";
import { setUpClaimsPractice } from "../factories/claims";
import { billInfusion, infusions, kpiClaim, overrideWarning, postRemit, workItem } from "../factories/kpis";
import { createTestDb } from "../helpers/test-db";

/**
 * Every KPI on a small practice whose figures are worked out by hand below (the quarter Q3 2026,
 * 92 days; the task force's prior window is 2026-04-01 … 2026-06-30, 91 days).
 *
 * Claims (commercial unless said; C = charge in cents):
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
let figures: KpiFigures;
const ids: Record<string, string> = {};

const drug = (units: number, mods: string[] = ["JZ"]) => ({ code: "J9173", modifiers: mods, units, chargeCents: units * 15000, kind: "drug" as const, ndc11: "00310461150" });
const waste = (units: number) => ({ code: "J9173", modifiers: ["JW"], units, chargeCents: units * 15000, kind: "waste" as const, ndc11: "00310461150" });
const admin = (cents: number) => ({ code: "96413", units: 1, chargeCents: cents, kind: "admin" as const });

beforeAll(async () => {
  h = await createTestDb();
  const w = await makeWorld(h.db);
  pid = w.practice.id;
  setup = await setUpClaimsPractice(h.db, pid, w.other.id, w.as.admin.caller);
  await h.db.update(payers).set({ priorAuthRequired: true, timelyFilingDays: 365 }).where(inArray(payers.id, [setup.payers.commercial]));
  await h.db.update(payers).set({ priorAuthRequired: false, timelyFilingDays: 365 }).where(inArray(payers.id, [setup.payers.medicare]));
  const db = h.db;

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

  it("authorization turnaround and service authorization rate say what they need", () => {
    expect(v("authTurnaround").value).toBeNull();
    expect(v("authTurnaround").unavailable).toMatch(/authorization/);
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
