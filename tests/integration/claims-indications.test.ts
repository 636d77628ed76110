import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { createDemoTestDb } from "../helpers/test-db";

/**
 * claims.indication_ids (migration 0044): the indications of the orders of the infusions a claim bills,
 * kept by triggers on claim_administrations, administrations and orders. The dashboard's indication
 * filter on claims reads it instead of joining three tables per claim, so it must always equal that join.
 */
let h: DbHandle;
/** postgres.js returns the rows, PGlite an object holding them */
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(q));

/** Every claim whose stored indications differ from the join they stand for. */
async function drifted() {
  return query<{ id: string; stored: string[]; joined: string[] }>(sql`
    select x.id, x.stored, x.joined from (
      select c.id, c.indication_ids as stored, coalesce((
          select array_agg(distinct o.indication_id order by o.indication_id)
          from claim_administrations ca join administrations a on a.id = ca.administration_id join orders o on o.id = a.order_id
          where ca.claim_id = c.id), '{}') as joined
      from claims c
    ) x
    where x.stored is distinct from x.joined`);
}
async function indicationsOf(claimId: string) {
  const [r] = await query<{ indication_ids: string[] }>(sql`select indication_ids from claims where id = ${claimId}`);
  return r!.indication_ids;
}

beforeAll(async () => {
  h = await createDemoTestDb();
}, 600_000);
afterAll(() => h?.close());

describe("a claim's indications", () => {
  it("are those of its infusions' orders for every claim the demo built", async () => {
    const [n] = await query<{ all: number; with: number }>(sql`select count(*)::int as all, (count(*) filter (where cardinality(indication_ids) > 0))::int as with from claims`);
    expect(n!.all).toBeGreaterThan(50);
    // every claim billed from the app's infusions has its indications; the imported history has no infusion records
    const [billed] = await query<{ n: number }>(sql`select count(distinct claim_id)::int as n from claim_administrations`);
    expect(billed!.n).toBeGreaterThan(10);
    expect(n!.with).toBe(billed!.n);
    expect(await drifted()).toEqual([]);
  });

  it("follow an order whose indication is corrected, and only the claims of that order", async () => {
    const [pick] = await query<{ order_id: string; claim_id: string; indication_id: string; other: string; practice_id: string }>(sql`
      select o.id as order_id, ca.claim_id, o.indication_id, o.practice_id,
        (select min(i.key) from indications i where i.key <> o.indication_id) as other
      from claim_administrations ca join administrations a on a.id = ca.administration_id join orders o on o.id = a.order_id
      order by ca.claim_id limit 1`);
    expect(await indicationsOf(pick!.claim_id)).toEqual([pick!.indication_id]);
    const [before] = await query<{ n: number }>(sql`select count(*)::int as n from claims where ${pick!.other} = any(indication_ids)`);
    await h.db.execute(sql`update orders set indication_id = ${pick!.other} where id = ${pick!.order_id}`);
    expect(await indicationsOf(pick!.claim_id)).toEqual([pick!.other]);
    const [after] = await query<{ n: number }>(sql`select count(*)::int as n from claims c where ${pick!.other} = any(c.indication_ids)`);
    const [ofOrder] = await query<{ n: number }>(sql`
      select count(distinct ca.claim_id)::int as n from claim_administrations ca join administrations a on a.id = ca.administration_id
      where a.order_id = ${pick!.order_id}`);
    expect(after!.n - before!.n).toBe(ofOrder!.n);
    expect(await drifted()).toEqual([]);
    // another change to the order (not its indication) rewrites no claim
    const [xmin] = await query<{ x: string }>(sql`select xmin::text as x from claims where id = ${pick!.claim_id}`);
    await h.db.execute(sql`update orders set updated_at = now() where id = ${pick!.order_id}`);
    const [xmin2] = await query<{ x: string }>(sql`select xmin::text as x from claims where id = ${pick!.claim_id}`);
    expect(xmin2!.x).toBe(xmin!.x);
    await h.db.execute(sql`update orders set indication_id = ${pick!.indication_id} where id = ${pick!.order_id}`);
    expect(await indicationsOf(pick!.claim_id)).toEqual([pick!.indication_id]);
  });

  it("gain an infusion of another indication when the claim bills it, sorted, and lose it when the link goes", async () => {
    const [pick] = await query<{ claim_id: string; coverage_id: string; practice_id: string; indication_id: string; administration_id: string; other: string }>(sql`
      select ca.claim_id, ca.coverage_id, ca.practice_id, o.indication_id, a2.id as administration_id, o2.indication_id as other
      from claim_administrations ca join administrations a on a.id = ca.administration_id join orders o on o.id = a.order_id
        join administrations a2 on a2.practice_id = ca.practice_id join orders o2 on o2.id = a2.order_id and o2.indication_id <> o.indication_id
      where not exists (select 1 from claim_administrations x where x.claim_id = ca.claim_id and x.administration_id = a2.id)
      order by ca.claim_id, a2.id limit 1`);
    await h.db.execute(sql`insert into claim_administrations (claim_id, administration_id, coverage_id, practice_id, active)
      values (${pick!.claim_id}, ${pick!.administration_id}, ${pick!.coverage_id}, ${pick!.practice_id}, false)`);
    expect(await indicationsOf(pick!.claim_id)).toEqual([pick!.indication_id, pick!.other].sort());
    await h.db.execute(sql`delete from claim_administrations where claim_id = ${pick!.claim_id} and administration_id = ${pick!.administration_id}`);
    expect(await indicationsOf(pick!.claim_id)).toEqual([pick!.indication_id]);
    expect(await drifted()).toEqual([]);
  });
});
