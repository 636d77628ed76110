import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { daysBetween } from "@/server/domain/kpis/period";
import { arBase } from "./kpis-base";
import { KPI_KIND, ROLLUP } from "./kpis-daily";
import { oneRow, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * Payer A/R as of the period's last day from kpi_daily kind 15 (migration 0040,
 * docs/decisions/0004-dashboard-aggregates.md): kpi_ar_rebuild records each balance interval of
 * kpi_ar_intervals as +1/+balance on the day it starts counting and −1/−balance on the day it stops,
 * with v = the claim's first billing date (days since 1970-01-01), so the A/R as of day A is the sum of
 * the rows up to A (the whole months before A's month, then A's month's days). Rows read follow the
 * months of history and the billing days, not the open claims. Two or more filters at once have no
 * rollup: those read the intervals open at the instant (arBase), as before. Same rows, same figures:
 * tests compare both on every day and filter.
 */

/** count, balance and balance aged over 90 days of an A/R relation (arBase, arRawBase). */
export const arAggregate = (base: SQL) =>
  sql`select count(*)::int as n, coalesce(sum(balance), 0)::float8 as cents, coalesce(sum(balance) filter (where age > 90), 0)::float8 as over90 from (${base}) b`;

/** The day as days since 1970-01-01: what kind 15 keeps in v for the billing date. */
const epochDay = (day: string) => daysBetween("1970-01-01", day);

/** The kpi_daily rollup that answers the filter, or null when none does (two or more dimensions filtered). */
function arRollup(f: KpiFilter): number | null {
  const set = [f.payerId, f.providerId, f.locationId, f.indicationId].filter(Boolean).length;
  if (set >= 2) return null;
  return f.payerId ? ROLLUP.payer : f.providerId ? ROLLUP.provider : f.locationId ? ROLLUP.location : f.indicationId ? ROLLUP.indication : ROLLUP.none;
}

/** The kind-15 rows (aliased d) of one rollup that sum to the A/R as of f.to, filtered by the dimensions asked. */
function arDailyRows(pid: string, f: KpiFilter, rollup: number): SQL {
  const monthStart = `${f.to.slice(0, 7)}-01`;
  const parts: SQL[] = [
    sql`d.practice_id = ${pid}`,
    sql`d.kind = ${KPI_KIND.ar}`,
    sql`d.rollup = ${rollup}`,
    sql`((d.grain = 'm' and d.day < ${monthStart}::date) or (d.grain = 'd' and d.day between ${monthStart}::date and ${f.to}::date))`,
  ];
  if (f.payerId) parts.push(sql`d.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`d.provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`d.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`${f.indicationId} = any(d.indication_ids)`);
  return sql`kpi_daily d where ${sql.join(parts, sql` and `)}`;
}

/** The A/R figure (n, cents, over90) as arAggregate(arBase) computes it, from kind 15 where a rollup answers the filter. */
export async function arFigure(db: DbOrTx, pid: string, f: KpiFilter): Promise<Record<string, unknown>> {
  const rollup = arRollup(f);
  if (rollup === null) return oneRow(db, arAggregate(arBase(pid, f)));
  // age > 90 ⇔ A − billed_on > 90 ⇔ v < (A − 1970-01-01) − 90
  return oneRow(
    db,
    sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n2), 0)::float8 as cents,
        coalesce(sum(d.n2) filter (where d.v < ${epochDay(f.to) - 90}::int), 0)::float8 as over90
      from ${arDailyRows(pid, f, rollup)}`,
  );
}

/** The aging bucket of a claim of age `age` days (AGING_BUCKETS, agingBucket in server/domain/kpis/math.ts). */
const bucketOf = (age: SQL) =>
  sql`case when ${age} <= 30 then '0-30' when ${age} <= 60 then '31-60' when ${age} <= 90 then '61-90' when ${age} <= 120 then '91-120' else '120+' end`;

/**
 * The A/R as of f.to by payer and aging bucket (payer_id, payer_name, bucket, cents; one row per payer and
 * bucket holding an open claim): kind 15's payer rows when at most the payer is filtered, else the open intervals.
 */
export async function arAgingRows(db: DbOrTx, pid: string, f: KpiFilter): Promise<Record<string, unknown>[]> {
  if (f.providerId || f.locationId || f.indicationId) {
    return rowsOf(
      db,
      sql`select b.payer_id, (select name from payers where id = b.payer_id) as payer_name, ${bucketOf(sql`age`)} as bucket, sum(balance)::float8 as cents
        from (${arBase(pid, f)}) b group by 1, 2, 3`,
    );
  }
  return rowsOf(
    db,
    sql`select g.payer_id, (select name from payers where id = g.payer_id) as payer_name, g.bucket, g.cents
      from (
        select d.payer_id, ${bucketOf(sql`(${epochDay(f.to)}::int - d.v)`)} as bucket, sum(d.n2)::float8 as cents
        from ${arDailyRows(pid, f, ROLLUP.payer)}
        group by 1, 2 having sum(d.n1) <> 0
      ) g`,
  );
}
