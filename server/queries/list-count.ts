import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";

/**
 * List totals are counted up to LIST_COUNT_CAP rows (issue 13). A filter that holds more answers
 * `total: LIST_COUNT_CAP, totalCapped: true` ("10,000+" on screen): counting a million matching rows
 * exactly on every page is what kept the lists from answering in 50 ms. Below the cap the total is
 * exact. The cap equals the CSV export's limit, so an export that is refused is one whose total is
 * capped, and one that runs knows its exact row count.
 */
export const LIST_COUNT_CAP = 10_000;

export interface CappedTotal {
  total: number;
  /** true: `total` is a lower bound (the filter holds more than LIST_COUNT_CAP rows) */
  totalCapped: boolean;
}

export function cappedTotal(n: number, cap = LIST_COUNT_CAP): CappedTotal {
  return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
}

/**
 * Counts the rows of `rows` (a select of the list's FROM and WHERE) up to the cap: the database stops
 * reading after cap + 1 rows. `sumOf` names columns of that select (aliased with `sql\`…\`.as(name)`, so
 * the subquery exposes them under that name) to sum over the same rows; the sums
 * are returned only when the total is exact (null when capped: a sum of cap + 1 arbitrary rows means
 * nothing).
 */
export async function countCapped<K extends string = never>(
  db: DbOrTx,
  rows: PgSelect,
  sumOf: readonly K[] = [],
  cap = LIST_COUNT_CAP,
): Promise<CappedTotal & { sums: Record<K, number> | null }> {
  const limited = rows.limit(cap + 1).as("capped");
  const fields: Record<string, SQL> = { n: sql<number>`count(*)::int` };
  for (const k of sumOf) fields[k] = sql`coalesce(sum(${sql.identifier("capped")}.${sql.identifier(k)}), 0)::bigint`;
  const [r] = (await db.select(fields as never).from(limited)) as Record<string, unknown>[];
  const t = cappedTotal(Number(r?.n ?? 0), cap);
  const sums = t.totalCapped ? null : (Object.fromEntries(sumOf.map((k) => [k, Number(r?.[k] ?? 0)])) as Record<K, number>);
  return { ...t, sums };
}

/**
 * A page's ids and the capped total in one statement: `page` selects the page's rows (one column, the
 * id, in the list's sort, with its LIMIT and OFFSET), `rows` the list's FROM and WHERE for the count.
 * drizzle sends every statement unnamed and postgres.js takes two round trips for each one with
 * parameters (db/prepared.ts), so the two reads of a list page cost one statement instead of two:
 * two round trips, one parse and one plan fewer per request, each part still planned with the
 * request's own values. `array(select … order by … limit …)` keeps the page's order.
 */
export async function pageIdsAndCount(db: DbOrTx, page: PgSelect, rows: PgSelect, cap = LIST_COUNT_CAP): Promise<CappedTotal & { ids: string[] }> {
  const limited = rows.limit(cap + 1).as("capped");
  const [r] = await db
    .select({
      n: sql<number>`(select count(*)::int from ${limited})`,
      ids: sql<string[]>`array(${page})::text[]`,
    })
    .from(sql`(select 1) one`);
  return { ...cappedTotal(Number(r?.n ?? 0), cap), ids: (r?.ids ?? []).map(String) };
}
