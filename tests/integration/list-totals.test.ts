import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { claims, claimStatusCounts, denialWorkItems } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { MAX_EXPORT_ROWS } from "@/server/api/list-params";
import { VIEW_STATES } from "@/server/queries/denials";
import { countCapped, LIST_COUNT_CAP } from "@/server/queries/list-count";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { postRemit, workItem } from "../factories/kpis";
import { makeSentClaim } from "../factories/remittance";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue 13: list totals counted up to LIST_COUNT_CAP (exact below it, `totalCapped` above), the claims'
 * status-tab counts kept by triggers (migration 0038), and the denial work items' stored view, claim
 * number and payer.
 */

// csv-export's route context imports Auth.js (next/server), which these tests do not run
vi.mock("@/server/auth/auth", () => ({ currentUser: async () => null, currentSessionId: async () => null, currentIdentity: async () => ({ user: null, operator: null }) }));
const { csvExportResponse } = await import("@/server/api/csv-export");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let other: Caller;
const line = { code: "96413", units: 1, chargeCents: 100_000, kind: "admin" as const };
const line2 = { code: "96413", units: 1, chargeCents: 250_000, kind: "admin" as const };

/** The claims per status of a practice, from the claims themselves. */
async function sourceCounts(practiceId: string) {
  const rows = await h.db
    .select({ status: claims.status, n: sql<number>`count(*)::int`, cents: sql<number>`sum(${claims.totalChargeCents})::bigint` })
    .from(claims)
    .where(eq(claims.practiceId, practiceId))
    .groupBy(claims.status);
  return Object.fromEntries(rows.map((r) => [r.status, { n: Number(r.n), cents: Number(r.cents) }]));
}
/** The kept counts of a practice (summed by status, zero rows left out), as the list reads them. */
async function keptCounts(practiceId: string) {
  const rows = await h.db
    .select({ status: claimStatusCounts.status, n: sql<number>`sum(${claimStatusCounts.n})::bigint`, cents: sql<number>`sum(${claimStatusCounts.cents})::bigint` })
    .from(claimStatusCounts)
    .where(eq(claimStatusCounts.practiceId, practiceId))
    .groupBy(claimStatusCounts.status)
    .having(sql`sum(${claimStatusCounts.n}) <> 0`);
  return Object.fromEntries(rows.map((r) => [r.status, { n: Number(r.n), cents: Number(r.cents) }]));
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  biller = callerFor(h.db, w.as.biller.session, () => CLAIM_NOW);
  other = callerFor(h.db, w.otherAdmin.session, () => CLAIM_NOW);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller);
}, 120_000);
afterAll(() => h?.close());

describe("claims: status-tab counts kept by triggers", () => {
  it("stay equal to the claims at every step (insert, one status change, many in one statement, delete), per practice", async () => {
    const made: string[] = [];
    for (const [i, status] of (["submitted", "submitted", "adjudicated", "rejected", "draft"] as const).entries()) {
      const c = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: `LT-${i}`, status, lines: i % 2 ? [line2] : [line], payer: i % 2 ? "medicare" : "commercial", dos: `2026-08-0${i + 1}` });
      made.push(c.claim.id);
    }
    await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "LT-OTHER", status: "submitted", other: true, lines: [line] });
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    expect(await keptCounts(w.other.id)).toEqual(await sourceCounts(w.other.id));
    expect((await keptCounts(w.practice.id)).submitted).toEqual({ n: 2, cents: 350_000 });

    await h.db.update(claims).set({ status: "adjudicated" }).where(eq(claims.id, made[0]!));
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    // many claims, several statuses, one statement
    await h.db.update(claims).set({ status: "closed", closeReason: "Test" }).where(inArray(claims.id, made.slice(1, 4)));
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    expect((await keptCounts(w.practice.id)).closed).toEqual({ n: 3, cents: 100_000 + 250_000 + 250_000 });
    // an update that changes neither status nor charge writes nothing
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(claimStatusCounts);
    await h.db.update(claims).set({ updatedAt: new Date() }).where(eq(claims.practiceId, w.practice.id));
    expect(await h.db.select({ n: sql<number>`count(*)::int` }).from(claimStatusCounts)).toEqual(before);
    // a rolled-back change leaves the counts as they were
    await expect(
      h.db.transaction(async (tx) => {
        await tx.update(claims).set({ status: "voided" }).where(eq(claims.id, made[4]!));
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    // a delete (its dependent rows first; the app never deletes claims, a clean-up might)
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`delete from claim_lines where claim_id = ${made[4]!}`);
      await tx.execute(sql`delete from claim_administrations where claim_id = ${made[4]!}`);
      await tx.delete(claims).where(and(eq(claims.id, made[4]!), eq(claims.practiceId, w.practice.id)));
    });
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    expect((await keptCounts(w.practice.id)).draft).toBeUndefined();
    expect(await keptCounts(w.other.id)).toEqual(await sourceCounts(w.other.id));
  });

  it("stay right when two transactions change claims of the practice at the same time", async () => {
    const a = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "LT-CA", status: "submitted", lines: [line] });
    const b = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "LT-CB", status: "submitted", lines: [line2] });
    await Promise.all(
      [a, b].map((c, i) =>
        h.db.transaction(async (tx) => {
          await tx.update(claims).set({ status: "adjudicated" }).where(eq(claims.id, c.claim.id));
          await tx.execute(sql`select pg_sleep(${0.05 * (i + 1)})`);
          await tx.update(claims).set({ status: "closed", closeReason: "Test" }).where(eq(claims.id, c.claim.id));
        }),
      ),
    );
    expect(await keptCounts(w.practice.id)).toEqual(await sourceCounts(w.practice.id));
    // merged: one row per status once a transaction could take the merge lock
    await h.db.update(claims).set({ status: "accepted" }).where(eq(claims.id, a.claim.id));
    const rows = await h.db.select({ status: claimStatusCounts.status }).from(claimStatusCounts).where(eq(claimStatusCounts.practiceId, w.practice.id));
    expect(new Set(rows.map((r) => r.status)).size).toBe(rows.length);
  });

  it("give the list its tabs and, for a tab alone, its exact total and charges; other practices' claims never count", async () => {
    const src = await sourceCounts(w.practice.id);
    const all = await biller.claims.list({});
    expect(all.counts).toEqual(Object.fromEntries(Object.entries(src).map(([s, v]) => [s, v.n])));
    expect(all.total).toBe(Object.values(src).reduce((a, v) => a + v.n, 0));
    expect(all.totalChargeCents).toBe(Object.values(src).reduce((a, v) => a + v.cents, 0));
    expect(all.totalCapped).toBe(false);
    expect(all.items.map((i) => i.claimNumber)).not.toContain("LT-OTHER");
    const closed = await biller.claims.list({ status: "closed" });
    expect([closed.total, closed.totalChargeCents, closed.totalCapped]).toEqual([src.closed!.n, src.closed!.cents, false]);
    // a filter beyond the tab is counted (exact under the cap), charges summed over the same claims
    const medicare = await biller.claims.list({ payer: setup.payers.medicare });
    const [m] = await h.db
      .select({ n: sql<number>`count(*)::int`, cents: sql<number>`sum(${claims.totalChargeCents})::bigint` })
      .from(claims)
      .where(and(eq(claims.practiceId, w.practice.id), eq(claims.payerId, setup.payers.medicare)));
    expect([medicare.total, medicare.totalChargeCents, medicare.totalCapped]).toEqual([m!.n, Number(m!.cents), false]);
    const theirs = await other.claims.list({});
    expect(theirs.counts).toEqual({ submitted: 1 });
    expect([theirs.total, theirs.totalChargeCents]).toEqual([1, 100_000]);
  });

  it("sort by age (oldest first) and by date of service, ties broken by the claim number in the same direction", async () => {
    const age = await biller.claims.list({ sort: "age", dir: "desc", pageSize: 100 });
    const dos = await biller.claims.list({ sort: "dos", dir: "desc", pageSize: 100 });
    const key = (i: { dateOfService: string; claimNumber: string }) => `${i.dateOfService}|${i.claimNumber}`;
    expect(age.items.map(key)).toEqual(age.items.map(key).sort());
    expect(dos.items.map(key)).toEqual(dos.items.map(key).sort().reverse());
  });
});

describe("capped totals", () => {
  it("count exactly up to the cap, then say the total is a lower bound and drop the sums", async () => {
    const rows = () => h.db.select({ cents: sql<number>`${claims.totalChargeCents}`.as("cents") }).from(claims).where(eq(claims.practiceId, w.practice.id)).$dynamic();
    const n = (await sourceCounts(w.practice.id)) as Record<string, { n: number; cents: number }>;
    const total = Object.values(n).reduce((a, v) => a + v.n, 0);
    const cents = Object.values(n).reduce((a, v) => a + v.cents, 0);
    expect(await countCapped(h.db, rows(), ["cents"], total)).toEqual({ total, totalCapped: false, sums: { cents } });
    expect(await countCapped(h.db, rows(), ["cents"], total - 1)).toEqual({ total: total - 1, totalCapped: true, sums: null });
    expect(LIST_COUNT_CAP).toBe(MAX_EXPORT_ROWS);
  });

  it("cap the patient list of a practice with more patients than the cap; a search below it is exact; other practices unaffected", async () => {
    await h.db.execute(sql`insert into patients (practice_id, mrn, first_name, last_name, date_of_birth, sex, address_line1, city, state, zip)
      select ${w.practice.id}, 'CAP' || g, 'Capped', 'Many' || g, date '1950-01-01', 'female', '1 Main St', 'Springfield', 'IL', '62701'
      from generate_series(1, ${LIST_COUNT_CAP}) g`);
    const page = await biller.patients.list({ pageSize: 10 });
    expect([page.total, page.totalCapped, page.items.length]).toEqual([LIST_COUNT_CAP, true, 10]);
    const few = await biller.patients.list({ q: "Many999" });
    expect(few.totalCapped).toBe(false);
    expect(few.total).toBe(few.items.length);
    expect(few.items.map((p) => p.lastName).sort()).toEqual(["Many999", ...Array.from({ length: 10 }, (_, i) => `Many999${i}`)].sort());
    const theirs = await other.patients.list({});
    expect(theirs.totalCapped).toBe(false);
    expect(theirs.total).toBeLessThan(50);
  });

  it("make a CSV export refuse a capped total before it writes anything", async () => {
    const fetchPage = async () => ({ items: [], total: LIST_COUNT_CAP, totalCapped: true });
    await expect(csvExportResponse({} as never, { kind: "patients", filters: {}, fetchPage, columns: [], filename: "x.csv", narrowHint: "Narrow it." })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringContaining("10,000+ match"),
    });
  });
});

describe("denial queue: stored view, claim number and payer", () => {
  it("fills them from the claim when an item is made, and lists by view, payer and claim number exactly", async () => {
    const c1 = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "LT-D2", status: "adjudicated", payer: "medicare", lines: [line] });
    const c2 = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "LT-D1", status: "adjudicated", payer: "commercial", lines: [line] });
    const cx = await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "LT-DX", status: "adjudicated", other: true, lines: [line] });
    const p1 = await postRemit(h.db, w.practice.id, c1.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    const p2 = await postRemit(h.db, w.practice.id, c2.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    const px = await postRemit(h.db, w.other.id, cx.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    await workItem(h.db, w.practice.id, c1.claim.id, p1, { amount: 100, opened: "2026-09-02", category: "authorization" });
    await workItem(h.db, w.practice.id, c1.claim.id, p1, { amount: 200, opened: "2026-09-03", category: "modifier", status: "appealed" });
    await workItem(h.db, w.practice.id, c2.claim.id, p2, { amount: 300, opened: "2026-09-04", category: "other" });
    await workItem(h.db, w.practice.id, c2.claim.id, p2, { amount: 400, opened: "2026-09-05", category: "eligibility", status: "resolved", resolved: "2026-09-06", outcome: "not_needed" });
    await workItem(h.db, w.other.id, cx.claim.id, px, { amount: 500, opened: "2026-09-05" });

    const items = await h.db
      .select({ status: denialWorkItems.status, listView: denialWorkItems.listView, claimNumber: denialWorkItems.claimNumber, payerId: denialWorkItems.payerId, claimId: denialWorkItems.claimId })
      .from(denialWorkItems);
    const claimRows = await h.db.select({ id: claims.id, claimNumber: claims.claimNumber, payerId: claims.payerId }).from(claims);
    for (const i of items) {
      const c = claimRows.find((x) => x.id === i.claimId)!;
      expect([i.claimNumber, i.payerId]).toEqual([c.claimNumber, c.payerId]);
      const view = (Object.entries(VIEW_STATES).find(([v, s]) => v !== "all" && s!.includes(i.status)) ?? ["done"])[0];
      expect(i.listView).toBe(view);
    }

    const todo = await biller.denials.list({ view: "todo", sort: "amount", dir: "desc" });
    expect(todo.items.map((i) => i.amountCents)).toEqual([300, 100]);
    expect([todo.total, todo.totalCapped]).toEqual([2, false]);
    expect((await biller.denials.list({ view: "waiting" })).items.map((i) => i.amountCents)).toEqual([200]);
    const byPayer = await biller.denials.list({ view: "all", payerId: setup.payers.medicare, sort: "age", dir: "desc" });
    expect(byPayer.items.map((i) => i.amountCents)).toEqual([200, 100]);
    expect(byPayer.total).toBe(2);
    const byClaim = await biller.denials.list({ view: "all", sort: "claim", dir: "asc" });
    expect(byClaim.items.map((i) => `${i.claimNumber}:${i.amountCents}`)).toEqual(["LT-D1:300", "LT-D1:400", "LT-D2:100", "LT-D2:200"]);
    const search = await biller.denials.list({ view: "all", q: "LT-D2" });
    expect(search.items.map((i) => i.amountCents).sort()).toEqual([100, 200]);
    const theirs = await other.denials.list({ view: "all" });
    expect(theirs.items.map((i) => i.amountCents)).toEqual([500]);
    expect(theirs.total).toBe(1);
  });
});
