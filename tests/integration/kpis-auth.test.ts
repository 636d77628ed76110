import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { authorizations, claimLines, claims, payers, priorAuthRules } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { allKpis, type KpiFigures } from "@/server/queries/kpis";
import { turnaroundBreakdownRaw } from "@/server/queries/kpis-auth";
import { turnaroundBreakdown } from "@/server/queries/kpis-turnaround";
import type { KpiFilter } from "@/server/queries/kpis-sql";
import { makeWorld } from "../factories";
import { makeCoveredPatient, setUpClaimsPractice } from "../factories/claims";
import { kpiClaim } from "../factories/kpis";
import { paRequest } from "../factories/kpis-auth";
import { kpiFigureMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";

/**
 * Service authorization rate and authorization turnaround on a small practice worked out by hand
 * (Q3 2026: 2026-07-01 … 2026-09-30; previous period Q2).
 *
 * Payers: Northwoods (commercial) requires authorization (setting); Medicare does not; Badger State
 * Medicaid does not by its setting, but a J9173 rule requires it from 2026-08-01; Prairie Mutual
 * requires it by its setting, but a J9173 rule waives it.
 *
 * Authorizations (J9173):
 *   p1  R1  portal      sent 06-10 09:00, approved 06-20 (recorded 06-20 11:00: 242 h, Q2) → AUTH-1 06-01…12-31,
 *                       replaced 09-05 10:00 by
 *       R1b electronic  sent 09-01 10:00, approved 09-05 (recorded 09-05 10:00: 96 h) → AUTH-1b 09-05…12-31
 *   p2  R2  portal      sent 07-01 08:00, denied 07-08 (recorded 07-09 09:00: timed at the end of 07-08, 184 h);
 *                       appeal sent 07-15 12:00, approved 07-25 (recorded 07-25 18:00: 246 h) → 07-01…12-31
 *   p4  R4  fax         sent 08-01, still with the payer (pending: no determination)
 *   p5  R5  fax         retro-authorization sent 09-10 09:00, approved 09-20 (recorded 09-20 09:00: 240 h) → 08-25…09-30
 *   p8  R8  phone       Medicaid, sent 09-25 09:00, denied 09-26 (recorded 09-26 15:00: 30 h)
 *   another practice: a request decided in Q3 (never counted)
 *
 * Claims with a J9173 drug line (DOS):
 *   S1a 07-10 p1 replaced by S1 07-10 p1    AUTH-1 granted 06-20           authorized
 *   S2  07-20 p2                            only the appeal's authorization, granted 07-25: retro, not authorized
 *   S3  08-10 p2                            granted 07-25                  authorized
 *   S4  08-15 p4                            pending request                not authorized
 *   S5  09-01 p5                            retro-authorized 09-20         not authorized (retro)
 *   S8  08-20 Medicaid (rule in force)      none                           not authorized
 *   S12 09-10 p1                            AUTH-1 replaced 09-05, AUTH-1b granted 09-05: authorized
 *   left out: S6 Medicare 07-05, S7 Medicaid 07-20 (before its rule), S9 Prairie Mutual 07-12 (waived),
 *             S10 Northwoods 08-05 without J9173 lines, S13 Northwoods 06-25 (Q2), the other practice's claim.
 * Service authorization rate = 3 (S1, S3, S12) ÷ 7 (S1, S2, S3, S4, S5, S8, S12); 2 retro (S2, S5).
 * Turnaround in Q3: 30, 96, 184, 240, 246 h → median 184, p90 = 240 + 0.6 × 6 = 243.6; 1 waiting.
 */

let h: DbHandle;
let pid: string;
let setup: PracticeSetupIds;
let w: Awaited<ReturnType<typeof makeWorld>>;
let figures: KpiFigures;
const Q3: KpiFilter = { from: "2026-07-01", to: "2026-09-30" };
const req: Record<string, string> = {};
const claimId: Record<string, string> = {};
let p4: { patientId: string; coverageId: string };
/** Periods on which the maintained figure is compared with the source rows: the quarter, August (the Medicaid rule starts on its 1st), across months, inside a month, a day, a year. */
const PERIODS: KpiFilter[] = [
  Q3,
  { from: "2026-08-01", to: "2026-08-31" },
  { from: "2026-07-15", to: "2026-09-10" },
  { from: "2026-08-10", to: "2026-08-25" },
  { from: "2026-09-10", to: "2026-09-10" },
  { from: "2025-10-01", to: "2026-09-30" },
];

const drug = (units = 150) => ({ code: "J9173", modifiers: ["JZ"], units, chargeCents: units * 15000, kind: "drug" as const, ndc11: "00310461150" });
const admin = { code: "96413", units: 1, chargeCents: 30_000, kind: "admin" as const };

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  pid = w.practice.id;
  setup = await setUpClaimsPractice(h.db, pid, w.other.id, w.as.admin.caller);
  const db = h.db;
  const P = setup.payers;
  await db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, P.commercial));
  await db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, P.commercialNoJz));
  await db.update(payers).set({ priorAuthRequired: false }).where(eq(payers.id, P.medicare));
  await db.update(payers).set({ priorAuthRequired: false }).where(eq(payers.id, P.medicaidUn));
  await db.insert(priorAuthRules).values([
    { practiceId: pid, payerId: P.medicaidUn, hcpcs: "J9173", required: true, effectiveDate: "2026-08-01" },
    { practiceId: pid, payerId: P.commercialNoJz, hcpcs: "J9173", required: false, effectiveDate: "2026-01-01" },
  ]);

  const patient = (payerId: string) => makeCoveredPatient(db, pid, payerId);
  const p1 = await patient(P.commercial);
  const p2 = await patient(P.commercial);
  p4 = await patient(P.commercial);
  const p5 = await patient(P.commercial);
  const p8 = await patient(P.medicaidUn);

  const r1 = await paRequest(db, pid, setup, {
    patient: p1,
    payerId: P.commercial,
    status: "approved",
    channel: "portal",
    submittedAt: "2026-06-10T09:00:00Z",
    decisions: [{ outcome: "approved", submittedAt: "2026-06-10T09:00:00Z", decidedOn: "2026-06-20", recordedAt: "2026-06-20T11:00:00Z", authorization: { start: "2026-06-01", end: "2026-12-31", voidedAt: "2026-09-05T10:00:00Z" } }],
  });
  await paRequest(db, pid, setup, {
    patient: p1,
    orderId: r1.orderId,
    payerId: P.commercial,
    status: "approved",
    channel: "electronic",
    submittedAt: "2026-09-01T10:00:00Z",
    decisions: [{ outcome: "approved", submittedAt: "2026-09-01T10:00:00Z", decidedOn: "2026-09-05", recordedAt: "2026-09-05T10:00:00Z", authorization: { start: "2026-09-05", end: "2026-12-31" } }],
  });
  req.R2 = (
    await paRequest(db, pid, setup, {
      patient: p2,
      payerId: P.commercial,
      status: "approved",
      channel: "portal",
      submittedAt: "2026-07-15T12:00:00Z",
      decisions: [
        { outcome: "denied", submittedAt: "2026-07-01T08:00:00Z", decidedOn: "2026-07-08", recordedAt: "2026-07-09T09:00:00Z" },
        { outcome: "approved", submittedAt: "2026-07-15T12:00:00Z", decidedOn: "2026-07-25", recordedAt: "2026-07-25T18:00:00Z", authorization: { start: "2026-07-01", end: "2026-12-31" } },
      ],
    })
  ).id;
  await paRequest(db, pid, setup, { patient: p4, payerId: P.commercial, status: "submitted", channel: "fax", submittedAt: "2026-08-01T09:00:00Z" });
  await paRequest(db, pid, setup, {
    patient: p5,
    payerId: P.commercial,
    status: "approved",
    channel: "fax",
    submittedAt: "2026-09-10T09:00:00Z",
    decisions: [{ outcome: "approved", submittedAt: "2026-09-10T09:00:00Z", decidedOn: "2026-09-20", recordedAt: "2026-09-20T09:00:00Z", authorization: { start: "2026-08-25", end: "2026-09-30" } }],
  });
  await paRequest(db, pid, setup, {
    patient: p8,
    payerId: P.medicaidUn,
    status: "denied",
    channel: "phone",
    submittedAt: "2026-09-25T09:00:00Z",
    decisions: [{ outcome: "denied", submittedAt: "2026-09-25T09:00:00Z", decidedOn: "2026-09-26", recordedAt: "2026-09-26T15:00:00Z" }],
  });

  const claim = (number: string, dos: string, p: { patientId: string; coverageId: string } | null, payer: keyof PracticeSetupIds["payers"] = "commercial", o: { lines?: ReturnType<typeof drug>[] | (typeof admin)[]; status?: "replaced"; originalClaimId?: string } = {}) =>
    kpiClaim(db, pid, setup, { number, dos, payer, lines: o.lines ?? [drug(), admin], ...(p ? { patient: p } : {}), ...(o.status ? { status: o.status } : {}), ...(o.originalClaimId ? { originalClaimId: o.originalClaimId } : {}) });
  const s1a = await claim("S1a", "2026-07-10", p1, "commercial", { status: "replaced" });
  await claim("S1", "2026-07-10", p1, "commercial", { originalClaimId: s1a.id });
  await claim("S2", "2026-07-20", p2);
  claimId.S3 = (await claim("S3", "2026-08-10", p2)).id;
  await claim("S4", "2026-08-15", p4);
  claimId.S5 = (await claim("S5", "2026-09-01", p5)).id;
  await claim("S8", "2026-08-20", p8, "medicaidUn");
  await claim("S12", "2026-09-10", p1);
  await claim("S6", "2026-07-05", null, "medicare");
  await claim("S7", "2026-07-20", null, "medicaidUn");
  await claim("S9", "2026-07-12", null, "commercialNoJz");
  await claim("S10", "2026-08-05", null, "commercial", { lines: [admin] });
  await claim("S13", "2026-06-25", p1);

  // Another practice: a claim without authorization and a request decided in Q3.
  const op = await makeCoveredPatient(db, w.other.id, setup.other.payer);
  await db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, setup.other.payer));
  await kpiClaim(db, w.other.id, setup, { number: "X", dos: "2026-07-02", other: true, patient: op, lines: [drug()] });
  await paRequest(db, w.other.id, setup, {
    other: true,
    patient: op,
    payerId: setup.other.payer,
    status: "approved",
    channel: "fax",
    submittedAt: "2026-07-01T09:00:00Z",
    decisions: [{ outcome: "approved", submittedAt: "2026-07-01T09:00:00Z", decidedOn: "2026-07-02", recordedAt: "2026-07-02T09:00:00Z", authorization: { start: "2026-07-03", end: "2026-12-31" } }],
  });

  figures = await allKpis(h.db, pid, Q3);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe("prior-authorization KPIs on a hand-worked quarter", () => {
  it("service authorization rate: S1, S3 and S12 of the 7 infusions needing authorization; S2 and S5 authorized only afterwards", () => {
    expect(figures.serviceAuthorizationRate).toMatchObject({ numerator: 3, denominator: 7, count: 7, extra: { retroAuthorized: 2 } });
    expect(figures.serviceAuthorizationRate!.value).toBeCloseTo(3 / 7, 10);
    expect(figures.serviceAuthorizationRate!.unavailable).toBeUndefined();
  });

  it("authorization turnaround: median 184 h and p90 243.6 h of 5 determinations (the denial and the appeal's approval each count); 1 request waiting", () => {
    expect(figures.authTurnaround).toMatchObject({ value: 184, count: 5, extra: { waiting: 1 } });
    expect(figures.authTurnaround!.extra!.p90).toBeCloseTo(243.6, 10);
  });

  it("a period with no requests and no claims gives no figure, not zeros", async () => {
    const f = await allKpis(h.db, pid, { from: "2025-01-01", to: "2025-03-31" });
    expect(f.serviceAuthorizationRate).toMatchObject({ value: null, denominator: 0 });
    expect(f.authTurnaround).toMatchObject({ value: null, count: 0, extra: { p90: null, waiting: 0 } });
  });

  it("the payer filter keeps the payer's infusions and determinations", async () => {
    const f = await allKpis(h.db, pid, { ...Q3, payerId: setup.payers.commercial });
    expect(f.serviceAuthorizationRate).toMatchObject({ numerator: 3, denominator: 6 });
    // 96, 184, 240, 246 → median 212, p90 = 240 + 0.7 × 6
    expect(f.authTurnaround).toMatchObject({ value: 212, count: 4 });
    expect(f.authTurnaround!.extra!.p90).toBeCloseTo(244.2, 10);
    const m = await allKpis(h.db, pid, { ...Q3, payerId: setup.payers.medicaidUn });
    expect(m.serviceAuthorizationRate).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(m.authTurnaround).toMatchObject({ value: 30, count: 1, extra: { waiting: 0 } });
  });
});

describe("prior-authorization dashboard procedures", () => {
  const filter = { from: Q3.from, to: Q3.to };

  it("the figures compare with Q2: one determination (R1, 242 h) and S13 authorized", async () => {
    const r = await w.as.manager.caller.dashboards.figures(filter);
    expect(r.previous).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(r.figures.authTurnaround!.previous).toMatchObject({ value: 242, count: 1 });
    expect(r.figures.serviceAuthorizationRate!.previous).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("turnaround by payer and by channel", async () => {
    const t = await w.as.admin.caller.dashboards.authTurnaround(filter);
    const row = (by: string, label: string) => t.find((x) => x.by === by && x.label === label);
    expect(row("payer", "Northwoods Health PPO")).toMatchObject({ determinations: 4, medianHours: 212 });
    expect(row("payer", "Badger State Medicaid")).toMatchObject({ determinations: 1, medianHours: 30, p90Hours: 30 });
    expect(row("channel", "Payer portal")).toMatchObject({ determinations: 2, medianHours: 215 });
    expect(row("channel", "Payer portal")!.p90Hours).toBeCloseTo(184 + 0.9 * 62, 10);
    expect(row("channel", "Fax")).toMatchObject({ determinations: 1, medianHours: 240 });
    expect(row("channel", "Phone")).toMatchObject({ determinations: 1, medianHours: 30 });
    expect(row("channel", "Electronic (PAS)")).toMatchObject({ determinations: 1, medianHours: 96 });
    expect(t).toHaveLength(6);
  });

  it("the rows behind the figures: the 7 infusions (authorized marked) and the 5 determinations, each to its request", async () => {
    const sa = await w.as.manager.caller.dashboards.rows({ filter, kpi: "serviceAuthorizationRate" });
    expect(sa.total).toBe(7);
    expect(sa.items.filter((i) => i.counted).map((i) => i.claimNumber).sort()).toEqual(["S1", "S12", "S3"]);
    const ta = await w.as.manager.caller.dashboards.rows({ filter, kpi: "authTurnaround" });
    expect(ta.total).toBe(5);
    expect(ta.items.map((i) => [i.date, i.value])).toEqual([
      ["2026-09-26", 30],
      ["2026-09-20", 240],
      ["2026-09-05", 96],
      ["2026-07-25", 246],
      ["2026-07-08", 184],
    ]);
    expect(ta.items[3]).toMatchObject({ requestId: req.R2, statusLabel: "Approved on appeal · Payer portal", claimId: null });
    expect(ta.items[4]).toMatchObject({ requestId: req.R2, statusLabel: "Denied · Payer portal" });
  });

  it("billers and PA coordinators get no authorization figures; another practice sees only its own", async () => {
    for (const role of ["biller", "pa_coordinator"] as const) {
      await expect(w.as[role].caller.dashboards.authTurnaround(filter)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.as[role].caller.dashboards.rows({ filter, kpi: "authTurnaround" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const r = await w.otherAdmin.caller.dashboards.figures(filter);
    // its claim X (07-02) came before its authorization (from 07-03); its one determination took 24 h
    expect(r.figures.serviceAuthorizationRate!.current).toMatchObject({ numerator: 0, denominator: 1 });
    expect(r.figures.authTurnaround!.current).toMatchObject({ value: 24, count: 1 });
    const t = await w.otherAdmin.caller.dashboards.authTurnaround(filter);
    expect(t.filter((x) => x.by === "payer").map((x) => x.determinations)).toEqual([1]);
    const rows = await w.otherAdmin.caller.dashboards.rows({ filter, kpi: "authTurnaround" });
    expect(rows.items.map((i) => i.value)).toEqual([24]);
  });
});

describe("the maintained service authorization facts (kpi_auth_facts, migration 0035)", () => {
  const rate = async () => (await allKpis(h.db, pid, Q3)).serviceAuthorizationRate!;
  const agree = async () => {
    const r = await kpiFigureMismatches(h.db, pid, PERIODS, ["serviceAuth"]);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(30);
  };

  it("equal the source rows for every period and filter (a rule starting on a month's first day, a waiver)", agree, 120_000);

  it("follow each write, in the same transaction: approval, partial approval, a rule ending mid-month, a payer's setting, a cancelled claim, a replaced authorization, a re-coded drug line", async () => {
    const P = setup.payers;
    // S4's pending request approved on 08-10, covering 08-01 … 12-31: S4 (08-15) authorized
    await paRequest(h.db, pid, setup, {
      patient: p4,
      payerId: P.commercial,
      status: "approved",
      channel: "fax",
      submittedAt: "2026-08-01T09:00:00Z",
      decisions: [{ outcome: "approved", submittedAt: "2026-08-01T09:00:00Z", decidedOn: "2026-08-10", recordedAt: "2026-08-10T09:00:00Z", authorization: { start: "2026-08-01", end: "2026-12-31" } }],
    });
    expect(await rate()).toMatchObject({ numerator: 4, denominator: 7, extra: { retroAuthorized: 2 } });
    await agree();
    // then partially approved on 08-12: the first authorization replaced by one from 08-20 only; S4 (08-15) is covered by neither
    await h.db.update(authorizations).set({ voidedAt: new Date("2026-08-12T10:00:00Z"), voidReason: "Replaced" }).where(and(eq(authorizations.practiceId, pid), eq(authorizations.patientId, p4.patientId)));
    await paRequest(h.db, pid, setup, {
      patient: p4,
      payerId: P.commercial,
      status: "partially_approved",
      channel: "fax",
      submittedAt: "2026-08-01T09:00:00Z",
      decisions: [{ outcome: "partially_approved", submittedAt: "2026-08-01T09:00:00Z", decidedOn: "2026-08-12", recordedAt: "2026-08-12T10:00:00Z", authorization: { start: "2026-08-20", end: "2026-12-31" } }],
    });
    expect(await rate()).toMatchObject({ numerator: 3, denominator: 7, extra: { retroAuthorized: 2 } });
    await agree();
    // the Medicaid rule ends on 08-15 (mid-month: August is judged day by day): S8 (08-20) no longer needs authorization
    await h.db.update(priorAuthRules).set({ endDate: "2026-08-15" }).where(and(eq(priorAuthRules.practiceId, pid), eq(priorAuthRules.payerId, P.medicaidUn)));
    expect(await rate()).toMatchObject({ numerator: 3, denominator: 6 });
    await agree();
    // Medicare now requires authorization by its setting: S6 (07-05, none) counts, not authorized
    await h.db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, P.medicare));
    expect(await rate()).toMatchObject({ numerator: 3, denominator: 7 });
    await agree();
    // S3 cancelled (it was authorized)
    await h.db.update(claims).set({ status: "cancelled", cancelReason: "Entered in error" }).where(eq(claims.id, claimId.S3!));
    expect(await rate()).toMatchObject({ numerator: 2, denominator: 6, extra: { retroAuthorized: 2 } });
    // AUTH-1b replaced on 09-08, before S12 (09-10), with nothing after it
    await h.db.execute(sql`update authorizations set voided_at = '2026-09-08T10:00:00Z' where practice_id = ${pid} and start_date = '2026-09-05'`);
    expect(await rate()).toMatchObject({ numerator: 1, denominator: 6 });
    // S5's drug line re-coded (no J9173 line left): S5 (retro) leaves the figure
    await h.db.update(claimLines).set({ code: "J9999" }).where(and(eq(claimLines.claimId, claimId.S5!), eq(claimLines.kind, "drug")));
    expect(await rate()).toMatchObject({ numerator: 1, denominator: 5, extra: { retroAuthorized: 1 } });
    await agree();
  }, 240_000);
});

describe("the maintained authorization turnaround (kpi_turnaround_facts and kpi_daily's hour buckets, migration 0036)", () => {
  const OCT: KpiFilter = { from: "2026-10-01", to: "2026-10-31" };
  const agree = async () => {
    const r = await kpiFigureMismatches(h.db, pid, [...PERIODS, OCT, { from: "2026-10-05", to: "2026-10-05" }], ["authTurnaround"]);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(30);
    for (const f of [Q3, OCT, { ...OCT, payerId: setup.payers.commercial }, { from: "2025-10-01", to: "2026-12-31" }]) {
      expect(await turnaroundBreakdown(h.db, pid, f)).toEqual(await turnaroundBreakdownRaw(h.db, pid, f));
    }
  };
  /** a determination in October answering a submission `hours` before it was recorded on 10-05 */
  const decided = async (hours: number, channel: "portal" | "fax" | null = "portal") => {
    const recorded = new Date(Date.UTC(2026, 9, 5, 23, 0, 0));
    const sent = new Date(recorded.getTime() - hours * 3_600_000).toISOString();
    const p = await makeCoveredPatient(h.db, pid, setup.payers.commercial);
    return paRequest(h.db, pid, setup, {
      patient: p,
      payerId: setup.payers.commercial,
      status: "approved",
      channel,
      submittedAt: sent,
      decisions: [{ outcome: "approved", submittedAt: sent, decidedOn: "2026-10-05", recordedAt: recorded.toISOString(), authorization: { start: "2026-10-01", end: "2026-12-31" } }],
    });
  };
  const oct = async () => (await allKpis(h.db, pid, OCT)).authTurnaround!;

  it("equal the source rows for every period and filter, by payer and by channel too", agree, 120_000);

  it("are exact when the ranks fall inside one hour's bucket: an even count, ties, a re-dated determination and a changed channel", async () => {
    // 3, 10.25, 10.5, 10.6, 10.75, 50 h: four in the 10-hour bucket; median between the 3rd and 4th (10.5 and 10.6)
    for (const x of [10.6, 3, 10.25, 50, 10.75, 10.5]) await decided(x);
    let t = await oct();
    expect(t.count).toBe(6);
    expect(t.value).toBeCloseTo(10.55, 10);
    expect(t.extra!.p90).toBeCloseTo(10.75 + 0.5 * 39.25, 10);
    await agree();
    // a tie: another 10.5 h (by fax): median the 4th of 7 (10.5), p90 at rank 5.4
    const fax = await decided(10.5, "fax");
    t = await oct();
    expect(t).toMatchObject({ value: 10.5, count: 7 });
    expect(t.extra!.p90).toBeCloseTo(10.75 + 0.4 * 39.25, 10);
    await agree();
    // the 50 h determination re-dated into November: it leaves October (p90 inside the 10-hour bucket)
    await h.db.execute(sql`update prior_auth_decisions set decided_on = '2026-11-02', created_at = '2026-11-02T10:00:00Z'
      where practice_id = ${pid} and request_id in (select id from prior_auth_requests where practice_id = ${pid} and submitted_at = ${new Date(Date.UTC(2026, 9, 5, 23) - 50 * 3_600_000).toISOString()}::timestamptz)`);
    t = await oct();
    expect(t).toMatchObject({ value: 10.5, count: 6 });
    expect(t.extra!.p90).toBeCloseTo(10.6 + 0.5 * 0.15, 10);
    await agree();
    // the fax request's channel corrected to none recorded: the channel breakdown moves it, the figure stays
    await h.db.execute(sql`update prior_auth_requests set channel = null where id = ${fax.id}`);
    const rows = await turnaroundBreakdown(h.db, pid, OCT);
    expect(rows.filter((r) => r.by === "channel").map((r) => [r.channel, r.n])).toEqual([["portal", 5], [null, 1]]);
    expect((await oct()).count).toBe(6);
    await agree();
  }, 240_000);
});
