import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { claims } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { write835 } from "@/db/seed/remit-835";
import { addDays } from "@/server/domain/kpis/period";
import { KPI_QUERIES } from "@/server/queries/kpis";
import { arAging } from "@/server/queries/kpis-trends";
import { rowsOf } from "@/server/queries/kpis-sql";
import type { Actor } from "@/server/services/context";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { billInfusion, infusions, kpiClaim, postRemit, workItem } from "../factories/kpis";
import { makeSentClaim } from "../factories/remittance";
import { arDailyMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";

/**
 * Migration 0040: the A/R as of a day read from kpi_daily kind 15, the start (+1, +balance) and stop (−1, −balance)
 * days of each balance interval of kpi_ar_intervals, netted and added by kpi_ar_rebuild.
 *
 * Hand-worked (the other practice's claim on the same days must never count; charges in cents, submissions at
 * 20:00 UTC, payments at 12:00, write-offs at 00:00):
 *   K1  commercial, sent 01-06, charge 100,000; paid 60,000 on 02-10; the 40,000 left written off on 03-01 00:00
 *       → (01-06 20:00, 02-10 12:00] 100,000 and (02-10 12:00, 03-01 00:00] 40,000
 *   K2  Medicare, sent 02-27, charge 250,000, never paid → (02-27 20:00, ∞) 250,000
 *   K3a commercial, sent 01-20, charge 50,000, replaced by K3b sent 03-03 → (01-20 20:00, 03-03 20:00] 50,000
 *   K3b its re-bill, charge 50,000, ages from 01-20 → (03-03 20:00, ∞) 50,000
 * Kind 15 without dimensions, by day (v = billing date): 01-06 (v 01-06) +1 +100,000; 01-20 (v 01-20) +1 +50,000;
 * 02-10 (v 01-06) 0 −60,000; 02-27 (v 02-27) +1 +250,000; 03-01 (v 01-06) −1 −40,000; on 03-03 K3a's stop and
 * K3b's start cancel out (same key), so no row.
 */

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let pid: string;
const admin = (cents: number) => ({ code: "96413", units: 1, chargeCents: cents, kind: "admin" as const });
const epoch = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse("1970-01-01T00:00:00Z")) / 86_400_000);

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  pid = w.practice.id;
  setup = await setUpClaimsPractice(h.db, pid, w.other.id, w.as.admin.caller, CLAIM_NOW);
}, 240_000);
afterAll(() => h?.close());

const ar = (to: string, f: Record<string, string> = {}) => KPI_QUERIES.ar(h.db, pid, { from: to, to, ...f });

describe("A/R from kpi_daily, worked by hand", () => {
  beforeAll(async () => {
    const db = h.db;
    const k1 = await kpiClaim(db, pid, setup, { number: "K1", dos: "2026-01-05", submitted: "2026-01-06", lines: [admin(100_000)] });
    const k1p = await postRemit(db, pid, k1.id, { posted: "2026-02-10", paid: 60_000 });
    await workItem(db, pid, k1.id, k1p, { amount: 40_000, opened: "2026-02-10", resolved: "2026-03-01", status: "written_off", writeOff: 40_000 });
    await kpiClaim(db, pid, setup, { number: "K2", dos: "2026-02-20", submitted: "2026-02-27", payer: "medicare", lines: [admin(250_000)] });
    const k3a = await kpiClaim(db, pid, setup, { number: "K3A", dos: "2026-01-19", submitted: "2026-01-20", status: "replaced", lines: [admin(50_000)] });
    await kpiClaim(db, pid, setup, { number: "K3B", dos: "2026-01-19", submitted: "2026-03-03", originalClaimId: k3a.id, patient: { patientId: k3a.patientId, coverageId: k3a.coverageId }, lines: [admin(50_000)] });
    // the other practice, same days: never counted
    await kpiClaim(db, w.other.id, setup, { number: "K1", dos: "2026-01-05", submitted: "2026-01-06", other: true, lines: [admin(900_000)] });
  }, 120_000);

  it("kind 15 holds the intervals' start and stop days, netted (rows without dimensions)", async () => {
    const rows = await rowsOf<{ grain: string; day: string; v: string; n1: string; n2: string }>(
      h.db,
      sql`select grain, to_char(day, 'YYYY-MM-DD') as day, v::text, sum(n1)::text as n1, sum(n2)::text as n2 from kpi_daily
        where practice_id = ${pid} and kind = 15 and rollup = 1 group by grain, day, v
        having (sum(n1), sum(n2)) <> (0, 0) order by grain, day, v`,
    );
    const v = (d: string) => String(epoch(d));
    expect(rows.map((r) => [r.grain, r.day, r.v, r.n1, r.n2])).toEqual([
      ["d", "2026-01-06", v("2026-01-06"), "1", "100000"],
      ["d", "2026-01-20", v("2026-01-20"), "1", "50000"],
      ["d", "2026-02-10", v("2026-01-06"), "0", "-60000"],
      ["d", "2026-02-27", v("2026-02-27"), "1", "250000"],
      ["d", "2026-03-01", v("2026-01-06"), "-1", "-40000"],
      ["m", "2026-01-01", v("2026-01-06"), "1", "100000"],
      ["m", "2026-01-01", v("2026-01-20"), "1", "50000"],
      ["m", "2026-02-01", v("2026-01-06"), "0", "-60000"],
      ["m", "2026-02-01", v("2026-02-27"), "1", "250000"],
      ["m", "2026-03-01", v("2026-01-06"), "-1", "-40000"],
    ]);
    // no row keeps every dimension: two filters read the intervals
    expect(await rowsOf(h.db, sql`select 1 from kpi_daily where kind = 15 and rollup = 0`)).toEqual([]);
  });

  it("the A/R as of each day: count, balance, over 90 days", async () => {
    expect(await ar("2026-01-05")).toEqual({ n: 0, cents: 0, over90: 0 });
    // K1 (25 days) and K3a (11 days)
    expect(await ar("2026-01-31")).toEqual({ n: 2, cents: 150_000, over90: 0 });
    // K1's 40,000 left (paid on 02-10 at noon), K3a
    expect(await ar("2026-02-10")).toEqual({ n: 2, cents: 90_000, over90: 0 });
    // K1 counts until its write-off at 03-01 00:00, i.e. as of 02-28 still; K2 sent 02-27
    expect(await ar("2026-02-28")).toEqual({ n: 3, cents: 340_000, over90: 0 });
    expect(await ar("2026-03-01")).toEqual({ n: 2, cents: 300_000, over90: 0 });
    // K3a replaced by K3b on 03-03: one claim either way
    expect(await ar("2026-03-03")).toEqual({ n: 2, cents: 300_000, over90: 0 });
    // 05-15: K2 77 days, K3b 115 days (from K3a's billing on 01-20)
    expect(await ar("2026-05-15")).toEqual({ n: 2, cents: 300_000, over90: 50_000 });
    // 06-30: K2 123 days, K3b 161 days
    expect(await ar("2026-06-30")).toEqual({ n: 2, cents: 300_000, over90: 300_000 });
    // filters with a rollup, and a pair (read from the intervals)
    expect(await ar("2026-02-28", { payerId: setup.payers.medicare })).toEqual({ n: 1, cents: 250_000, over90: 0 });
    expect(await ar("2026-02-28", { payerId: setup.payers.commercial })).toEqual({ n: 2, cents: 90_000, over90: 0 });
    expect(await ar("2026-02-28", { locationId: setup.locations.office })).toEqual({ n: 3, cents: 340_000, over90: 0 });
    expect(await ar("2026-05-15", { payerId: setup.payers.commercial, providerId: setup.providers.oncologistA })).toEqual({ n: 1, cents: 50_000, over90: 50_000 });
  });

  it("aging by payer: buckets from the billing date", async () => {
    const rows = await arAging(h.db, pid, { from: "2026-05-15", to: "2026-05-15" });
    expect(rows.map((r) => [r.payerId, r.totalCents, r.over90Cents, r.buckets])).toEqual([
      [setup.payers.medicare, 250_000, 0, { "0-30": 0, "31-60": 0, "61-90": 250_000, "91-120": 0, "120+": 0 }],
      [setup.payers.commercial, 50_000, 50_000, { "0-30": 0, "31-60": 0, "61-90": 0, "91-120": 50_000, "120+": 0 }],
    ]);
    // a payer whose claims are all settled by then has no row (its kind-15 rows sum to zero)
    const feb = await arAging(h.db, pid, { from: "2026-03-01", to: "2026-03-01" });
    expect(feb.map((r) => [r.payerId, r.totalCents])).toEqual([
      [setup.payers.medicare, 250_000],
      [setup.payers.commercial, 50_000],
    ]);
    expect(await arAging(h.db, pid, { from: "2026-01-05", to: "2026-01-05" })).toEqual([]);
  });

  it("equals the intervals and the source rows on every day, filter and aging", async () => {
    const days: string[] = [];
    for (let d = "2026-01-01"; d <= "2026-03-10"; d = addDays(d, 1)) days.push(d);
    const r = await arDailyMismatches(h.db, pid, [...days, "2026-05-15", "2026-06-30"]);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(500);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------------------------

interface Svc {
  code: string;
  modifiers?: string[];
  charge: number;
  paid: number;
  units: number;
  carc?: string;
}
const DOS = "2026-09-14";
const DURVA = (drugPaid: number, carc?: string): Svc[] => [
  { code: "J9173", modifiers: ["JZ"], charge: 2250000, paid: drugPaid, units: 150, carc },
  { code: "96413", charge: 30000, paid: 16000, units: 1 },
];

function clp(claimNumber: string, status: "1" | "2" | "4" | "22", svc: Svc[]) {
  return {
    claimNumber,
    status,
    payerClaimNumber: `SHP${claimNumber.slice(2)}`,
    patient: { lastName: `PT${claimNumber}`, firstName: "MARGARET", memberId: "1EG4TE5MK73" },
    lines: svc.map((l) => ({
      code: l.code,
      modifiers: l.modifiers,
      chargeCents: l.charge,
      paidCents: l.paid,
      units: l.units,
      serviceDate: DOS,
      adjustments: l.charge > l.paid ? [{ group: "CO" as const, carc: l.carc ?? "45", amountCents: l.charge - l.paid }] : [],
    })),
  };
}

function file835(trace: string, control: number, at: Date, list: ReturnType<typeof clp>[]): Uint8Array {
  const payee = { name: "GREENFIELD ONCOLOGY ASSOCIATES", npi: "1234567893", tin: "123456789" };
  const text = write835([{ payer: { name: "SUMMIT HEALTH PLAN", id: "SHP01" }, payee, traceNumber: trace, paymentDate: at.toISOString().slice(0, 10), method: "ACH", claims: list }], control, at);
  return new TextEncoder().encode(text);
}

/** Kind 15 summed per key (keys that sum to zero left out), every practice. */
async function keptAr(): Promise<string[]> {
  const rows = await rowsOf<{ k: string }>(
    h.db,
    sql`select concat_ws(' ', practice_id, grain, rollup, day, v::text, payer_id, provider_id, location_id, indication_ids::text, sum(n1), sum(n2),
        sum(n3) + sum(n4) + sum(n5) + sum(n6) + sum(n7) + sum(n8) + sum(n9) + sum(n10) + sum(n11) + sum(n12)) as k
      from kpi_daily where kind = 15 group by practice_id, grain, rollup, day, v, payer_id, provider_id, location_id, indication_ids
      having (sum(n1), sum(n2)) <> (0, 0) order by 1`,
  );
  return rows.map((r) => r.k);
}

/** What the triggers kept, then after rebuilding the A/R history and kind 15 from scratch (kpi_ar_build): the same. */
async function expectBuildChangesNothing() {
  const before = await keptAr();
  const other = await rowsOf(h.db, sql`select count(*)::int as n from kpi_daily where kind <> 15`);
  await h.db.execute(sql`select kpi_ar_build()`);
  expect(before.length).toBeGreaterThan(0);
  expect(await keptAr()).toEqual(before);
  expect(await rowsOf(h.db, sql`select count(*)::int as n from kpi_daily where kind <> 15`)).toEqual(other);
}

describe("kind 15 kept by kpi_ar_rebuild equals a build from scratch (drift)", () => {
  let biller: Actor;
  const enqueue = async () => undefined;
  const claimId = async (n: string) => {
    const [c] = await h.db.select({ id: claims.id }).from(claims).where(and(eq(claims.practiceId, pid), eq(claims.claimNumber, n)));
    return c!.id;
  };
  const post = async (name: string, bytes: Uint8Array, at: Date, opts: { lanes?: number; chunkSize?: number }) => {
    const r = await receiveRemittanceFile(h.db, biller, { name, bytes }, at, enqueue);
    expect(r.outcome).toBe("queued");
    return postRemittanceFile(h.db, r.fileId!, { workerId: "ar", now: () => at, ...opts });
  };

  beforeAll(async () => {
    biller = { userId: w.as.biller.user.id, practiceId: pid, role: "biller", requestId: "test" };
    for (const n of ["AR1001", "AR1002", "AR1003", "AR1004", "AR1005", "AR1006"]) await makeSentClaim(h.db, pid, setup, { claimNumber: n, lastName: `Pt${n}` });
    await makeSentClaim(h.db, pid, setup, { claimNumber: "AR1007", lastName: "PtAR1007", payer: "medicare" });
    await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "AR1001", other: true });
  }, 120_000);

  it("postings in lanes and chunks: paid, reversed and corrected in the same file, denied", async () => {
    const day1 = new Date("2026-10-15T15:00:00Z");
    const r = await post(
      "ar-1.835",
      file835("EFT-AR-1", 9501, day1, [
        clp("AR1001", "1", DURVA(1600000)),
        clp("AR1002", "1", DURVA(1600000)),
        clp("AR1003", "1", DURVA(1600000)),
        clp("AR1003", "22", DURVA(1600000)),
        clp("AR1003", "1", DURVA(1640000)),
        clp("AR1004", "4", DURVA(0, "197")),
        clp("AR1005", "1", DURVA(1500000)),
      ]),
      day1,
      { lanes: 2, chunkSize: 2 },
    );
    expect(r).toMatchObject({ status: "posted", posted: 7 });
    await expectBuildChangesNothing();
  });

  it("a later file near midnight: a reversal and a correction of claims paid before", async () => {
    const day2 = new Date("2026-11-02T23:45:00Z");
    const r = await post("ar-2.835", file835("EFT-AR-2", 9502, day2, [clp("AR1005", "22", DURVA(1500000)), clp("AR1005", "1", DURVA(1550000)), clp("AR1006", "1", DURVA(1200000))]), day2, {
      chunkSize: 1,
    });
    expect(r).toMatchObject({ status: "posted", posted: 3 });
    await expectBuildChangesNothing();
  });

  it("a re-bill and its payment, a payer change, write-offs, a claim closed, an infusion's indication changed", async () => {
    // AR1002 re-billed on 10-25 (ages from AR1002's billing), then paid in part on 11-12
    const original = await claimId("AR1002");
    await h.db.execute(sql`update claims set status = 'replaced' where id = ${original}`);
    const [o] = await rowsOf<{ patient_id: string; coverage_id: string }>(h.db, sql`select patient_id, coverage_id from claims where id = ${original}`);
    const rebill = await kpiClaim(h.db, pid, setup, { number: "AR1002R", dos: DOS, submitted: "2026-10-25", originalClaimId: original, patient: { patientId: o!.patient_id, coverageId: o!.coverage_id }, lines: [admin(400_000)] });
    await postRemit(h.db, pid, rebill.id, { posted: "2026-11-12", paid: 300_000 });
    // AR1003 moves to Medicare (its whole history changes payer)
    await h.db.execute(sql`update claims set payer_id = ${setup.payers.medicare} where id = ${await claimId("AR1003")}`);
    // AR1004's denial written off on 10-20 00:00; AR1006's balance written off by a new item on 11-20
    await h.db.execute(
      sql`update denial_work_items set status = 'written_off', write_off_cents = amount_cents, write_off_reason = 'Not recoverable', resolved_at = '2026-10-20T00:00:00Z'
        where claim_id = ${await claimId("AR1004")} and kind = 'denial'`,
    );
    const ar6 = await claimId("AR1006");
    const [cp6] = await rowsOf<{ id: string }>(h.db, sql`select id from claim_payments where claim_id = ${ar6} and status = 'posted' limit 1`);
    await workItem(h.db, pid, ar6, cp6!.id, { amount: 10_000, opened: "2026-11-03", resolved: "2026-11-20", status: "written_off", writeOff: 10_000 });
    // AR1007 closed on 11-10
    await h.db.execute(sql`update claims set status = 'closed', close_reason = 'paid', closed_at = '2026-11-10T08:00:00Z' where id = ${await claimId("AR1007")}`);
    // AR1001 bills an infusion of one indication, whose order then changes indication
    const ar1 = await claimId("AR1001");
    const [p1] = await rowsOf<{ patient_id: string; coverage_id: string }>(h.db, sql`select patient_id, coverage_id from claims where id = ${ar1}`);
    const inf = await infusions(h.db, pid, p1!.patient_id, setup, "nsclc-stage3-consolidation", [{ planned: DOS, actual: DOS, status: "ready_for_billing" }]);
    await billInfusion(h.db, pid, ar1, inf.administrationIds[0]!, p1!.coverage_id);
    await expectBuildChangesNothing();
    await h.db.execute(sql`update orders set indication_id = 'btc-gemcis' where id = ${inf.orderId}`);
    await expectBuildChangesNothing();
    // the re-bill cancelled: AR1002 counts again until ... its own stop (none)
    await h.db.execute(sql`update claims set status = 'cancelled', cancel_reason = 'Entered in error' where id = ${rebill.id}`);
    await expectBuildChangesNothing();
  });

  it("the maintained A/R equals the intervals and the source rows on every day, filter and aging", async () => {
    const days: string[] = [];
    for (let d = "2026-09-13"; d <= "2026-11-30"; d = addDays(d, 1)) days.push(d);
    const r = await arDailyMismatches(h.db, pid, days);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(1000);
    // and the figures are not trivially empty
    expect((await ar("2026-10-31")).n).toBeGreaterThan(3);
  }, 600_000);
});
