import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { claimLines, claimPayments, claims } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { write835 } from "@/db/seed/remit-835";
import { addDays } from "@/server/domain/kpis/period";
import { rowsOf } from "@/server/queries/kpis-sql";
import type { Actor } from "@/server/services/context";
import { dismissClaimPayment, matchClaimPayment, postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, type TestLine } from "../factories/remittance";
import { kpiFigureMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";

/**
 * Migration 0039: claim payments inserted as posted add their contribution to the claim facts (kinds 2, 3, 4, 6)
 * instead of having their claims' facts recomputed. After postings in lanes and chunks, reversals with
 * corrections in the same file and in later files, a repeat payment held, a crashed chunk and its retry, a denial for
 * authorization, waste, a secondary coverage, a manual match and a dismissal, a full rebuild of every claim
 * (kpi_facts_rebuild, kinds null) must change neither the claim facts (summed per claim and key) nor kpi_daily:
 * what the deltas added is what a rebuild computes.
 */

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let biller: Actor;
const enqueue = async () => undefined;
const DOS = "2026-09-14";

const WASTE_LINES: TestLine[] = [
  { code: "J9173", units: 140, chargeCents: 2100000, kind: "drug", ndc11: "00310461150" },
  { code: "J9173", modifiers: ["JW"], units: 10, chargeCents: 150000, kind: "waste", ndc11: "00310461150" },
  { code: "96413", units: 1, chargeCents: 30000, kind: "admin" },
];

interface Svc {
  code: string;
  modifiers?: string[];
  charge: number;
  paid: number;
  units: number;
  /** the reason of the difference (default CO-45) */
  carc?: string;
}
const DURVA = (drugPaid: number, carc?: string): Svc[] => [
  { code: "J9173", modifiers: ["JZ"], charge: 2250000, paid: drugPaid, units: 150, carc },
  { code: "96413", charge: 30000, paid: 16000, units: 1 },
];
const WASTE = (drugPaid: number): Svc[] => [
  { code: "J9173", charge: 2100000, paid: drugPaid, units: 140 },
  { code: "J9173", modifiers: ["JW"], charge: 150000, paid: Math.round(drugPaid / 14), units: 10 },
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

async function receive(name: string, bytes: Uint8Array, at: Date) {
  const r = await receiveRemittanceFile(h.db, biller, { name, bytes }, at, enqueue);
  expect(r.outcome).toBe("queued");
  return r.fileId;
}

async function claimId(n: string): Promise<string> {
  const [c] = await h.db.select({ id: claims.id }).from(claims).where(and(eq(claims.practiceId, w.practice.id), eq(claims.claimNumber, n)));
  return c!.id;
}

/** Every claim's facts summed per claim and key, and kpi_daily summed per key (keys that sum to zero left out). */
async function kept() {
  const facts = await rowsOf<{ k: string }>(
    h.db,
    sql`select concat_ws(' ', practice_id, claim_id, kind, day, v::text, payer_id, provider_id, location_id, indication_ids::text,
        sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12)) as k
      from kpi_claim_facts group by practice_id, claim_id, kind, day, v, payer_id, provider_id, location_id, indication_ids
      having (sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12)) is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      order by 1`,
  );
  const daily = await rowsOf<{ k: string }>(
    h.db,
    sql`select concat_ws(' ', practice_id, kind, grain, rollup, day, v::text, payer_id, provider_id, location_id, indication_ids::text,
        sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12)) as k
      from kpi_daily where kind between 1 and 10 group by practice_id, kind, grain, rollup, day, v, payer_id, provider_id, location_id, indication_ids
      having (sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9), sum(n10), sum(n11), sum(n12)) is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      order by 1`,
  );
  return { facts: facts.map((r) => r.k), daily: daily.map((r) => r.k) };
}

/** The claim facts and daily sums as kept, then after recomputing every claim of both practices: the same. */
async function expectRebuildChangesNothing() {
  const before = await kept();
  await h.db.execute(sql`select kpi_facts_rebuild(array(select id from claims))`);
  const after = await kept();
  expect(before.facts.length).toBeGreaterThan(0);
  expect(before.facts).toEqual(after.facts);
  expect(before.daily).toEqual(after.daily);
}

async function factRows(id: string, kind: number) {
  return rowsOf<{ n1: string; n4: string; n5: string; practice_id: string }>(
    h.db,
    sql`select n1::text, n4::text, n5::text, practice_id::text from kpi_claim_facts where claim_id = ${id} and kind = ${kind} order by n4`,
  );
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller, CLAIM_NOW);
  biller = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "test" };
  for (const n of ["FD1001", "FD1002", "FD1003", "FD1004", "FD1006", "FD1007", "FD1008"]) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "FD1005", lastName: "PtFD1005", lines: WASTE_LINES });
  // a claim sent to the patient's secondary coverage (zero-pay figures count primary remittances only)
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare, { lastName: "PtFD1009", secondaryPayerId: setup.payers.commercial });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "FD1009", lastName: "PtFD1009", patient: { patientId: p.patientId, coverageId: p.secondaryCoverageId! } });
  // the same claim number in the other practice: its facts never move
  await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "FD1001", other: true });
}, 240_000);
afterAll(() => h?.close());

describe("claim facts added by posting equal a full rebuild", () => {
  const day1 = new Date("2026-10-15T15:00:00Z");
  const day2 = new Date("2026-10-19T09:30:00Z");
  const day3 = new Date("2026-11-02T23:45:00Z");

  it("a file posted in two lanes of small chunks: paid, reversed and corrected in the same file, denied for authorization, waste, secondary, unmatched", async () => {
    const otherBefore = await rowsOf<{ k: string }>(h.db, sql`select concat_ws(' ', kind, n1, n4) as k from kpi_claim_facts where practice_id = ${w.other.id} order by 1`);
    const bytes = file835("EFT-FD-1", 9401, day1, [
      clp("FD1001", "1", DURVA(1600000)),
      clp("FD1002", "1", DURVA(1600000)),
      clp("FD1003", "1", DURVA(1600000)),
      clp("FD1003", "22", DURVA(1600000)),
      clp("FD1003", "1", DURVA(1640000)),
      clp("FD1004", "1", DURVA(1500000)),
      clp("FD1005", "1", WASTE(1400000)),
      clp("FD1006", "4", DURVA(0, "197")),
      clp("FD1009", "2", DURVA(1600000)),
      clp("FD9999", "1", DURVA(1600000)),
      // the payer coded the administration 96415: unmatched until a biller matches it
      clp("FD1007", "1", [{ code: "J9173", modifiers: ["JZ"], charge: 2250000, paid: 1600000, units: 150 }, { code: "96415", charge: 30000, paid: 16000, units: 1 }]),
    ]);
    const fileId = await receive("fd-1.835", bytes, day1);
    const r = await postRemittanceFile(h.db, fileId, { workerId: "fd", lanes: 2, chunkSize: 2, now: () => day1 });
    expect(r).toMatchObject({ status: "posted", posted: 9, unmatched: 2 });

    // the delta path was taken: FD1001's live-claim fact (kind 3) is its row from the claim's creation plus the
    // payment's row (a rebuild would have left one row)
    const live = await factRows(await claimId("FD1001"), 3);
    expect(live.map((x) => [x.n1, x.n4])).toEqual([
      ["1", "0"],
      ["0", "1616000"],
    ]);
    // nothing of the other practice moved, and every fact is its claim's practice's
    expect(await rowsOf<{ k: string }>(h.db, sql`select concat_ws(' ', kind, n1, n4) as k from kpi_claim_facts where practice_id = ${w.other.id} order by 1`)).toEqual(otherBefore);
    expect(await rowsOf(h.db, sql`select 1 from kpi_claim_facts f join claims c on c.id = f.claim_id where c.practice_id <> f.practice_id`)).toEqual([]);
    await expectRebuildChangesNothing();
  });

  it("later files: reversals, a crashed chunk and its retry, then the corrections of claims that have a first remittance", async () => {
    const second = file835("EFT-FD-2", 9402, day2, [
      clp("FD1002", "1", DURVA(20000)),
      clp("FD1004", "22", DURVA(1500000)),
      clp("FD1005", "22", WASTE(1400000)),
      clp("FD1008", "1", DURVA(1600000)),
    ]);
    const fileId = await receive("fd-2.835", second, day2);
    let calls = 0;
    await expect(
      postRemittanceFile(h.db, fileId, {
        workerId: "fd-crash",
        chunkSize: 2,
        now: () => day2,
        onChunkWritten: () => {
          calls += 1;
          if (calls === 2) throw new Error("worker died");
        },
      }),
    ).rejects.toThrow("worker died");
    await expectRebuildChangesNothing();
    const done = await postRemittanceFile(h.db, fileId, { workerId: "fd", chunkSize: 2, now: () => day2 });
    // FD1002's second payment of lines already paid is held for a biller (posting's rule), the rest posts
    expect(done).toMatchObject({ status: "posted", posted: 3, held: 1, written: 2 });
    await expectRebuildChangesNothing();

    const third = file835("EFT-FD-3", 9403, day3, [clp("FD1004", "1", DURVA(1550000)), clp("FD1005", "1", WASTE(1450000))]);
    const thirdId = await receive("fd-3.835", third, day3);
    expect(await postRemittanceFile(h.db, thirdId, { workerId: "fd", lanes: 2, chunkSize: 1, now: () => day3 })).toMatchObject({ status: "posted", posted: 2 });
    // posting a posted file again writes nothing
    expect(await postRemittanceFile(h.db, thirdId, { workerId: "fd", now: () => day3 })).toMatchObject({ status: "posted", written: 0 });
    await expectRebuildChangesNothing();
  });

  it("a manual match and a dismissal", async () => {
    const queued = await h.db.select().from(claimPayments).where(and(eq(claimPayments.practiceId, w.practice.id), eq(claimPayments.status, "unmatched"))).orderBy(asc(claimPayments.patientControlNumber));
    expect(queued.map((q) => q.patientControlNumber)).toEqual(["FD1007", "FD9999"]);
    const c7 = await claimId("FD1007");
    const lines = await h.db.select({ id: claimLines.id }).from(claimLines).where(eq(claimLines.claimId, c7)).orderBy(asc(claimLines.position));
    await matchClaimPayment(h.db, biller, { claimPaymentId: queued[0]!.id, claimId: c7, lines: [{ position: 0, claimLineId: lines[0]!.id }, { position: 1, claimLineId: lines[1]!.id }], allowRepeatPayment: false }, day3);
    await dismissClaimPayment(h.db, biller, { claimPaymentId: queued[1]!.id, reason: "Not our patient." }, day3);
    await expectRebuildChangesNothing();
  });

  it("every figure kept in the daily aggregates equals the same figure from the source rows", async () => {
    const r = await kpiFigureMismatches(h.db, w.practice.id, [
      { from: addDays("2026-10-15", -60), to: "2026-11-30" },
      { from: "2026-10-15", to: "2026-10-19" },
    ]);
    expect(r.mismatches).toEqual([]);
    expect(r.compared).toBeGreaterThan(0);
  }, 180_000);
});
