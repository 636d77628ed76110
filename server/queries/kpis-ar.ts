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

const NIL = "00000000-0000-0000-0000-000000000000";

/**
 * The kind-15 rows (v, n1, n2) of one rollup and payer that sum to the A/R as of f.to: the whole months before
 * f.to's month, then that month's days up to f.to. Two ranges of kpi_daily_ar_idx (rollup, payer, provider,
 * location, indication set, grain, day), read from the index alone; the dimensions a rollup does not keep are the
 * nil uuid and '{}'. With an indication filter, the rollup's distinct indication sets are found first by a skip
 * scan of the same index (one probe per set), then the ranges of each set that holds the indication are read.
 */
function arDailyRows(pid: string, f: KpiFilter, rollup: number, payerId: SQL | string): SQL {
  const monthStart = `${f.to.slice(0, 7)}-01`;
  const key = (ids: SQL | null) => [
    sql`d.practice_id = ${pid}`,
    sql`d.kind = ${KPI_KIND.ar}`,
    sql`d.rollup = ${rollup}`,
    sql`d.payer_id = ${payerId}`,
    sql`d.provider_id = ${rollup === ROLLUP.provider ? f.providerId! : NIL}`,
    sql`d.location_id = ${rollup === ROLLUP.location ? f.locationId! : NIL}`,
    ...(ids ? [sql`d.indication_ids = ${ids}`] : []),
  ];
  const ranges = (ids: SQL) => {
    const range = (r: SQL) => sql`select d.v, d.n1, d.n2 from kpi_daily d where ${sql.join([...key(ids), r], sql` and `)}`;
    return sql`(${range(sql`d.grain = 'm' and d.day < ${monthStart}::date`)}
      union all ${range(sql`d.grain = 'd' and d.day between ${monthStart}::date and ${f.to}::date`)})`;
  };
  if (rollup !== ROLLUP.indication) return ranges(sql`'{}'::text[]`);
  const first = (after: SQL) =>
    sql`(select d.indication_ids from kpi_daily d where ${sql.join([...key(null), after], sql` and `)} order by d.indication_ids limit 1)`;
  return sql`(with recursive sets(ids) as (
      ${first(sql`true`)}
      union all
      select ${first(sql`d.indication_ids > sets.ids`)} from sets where sets.ids is not null
    )
    select r.v, r.n1, r.n2 from sets cross join lateral ${ranges(sql`sets.ids`)} r
    where ${f.indicationId!} = any(sets.ids))`;
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
      from ${arDailyRows(pid, f, rollup, rollup === ROLLUP.payer ? f.payerId! : NIL)} d`,
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
  // one index range per payer of the practice (the payer comes before the day in kpi_daily_ar_idx)
  return rowsOf(
    db,
    sql`select p.id as payer_id, p.name as payer_name, g.bucket, g.cents
      from payers p cross join lateral (
        select ${bucketOf(sql`(${epochDay(f.to)}::int - d.v)`)} as bucket, sum(d.n2)::float8 as cents
        from ${arDailyRows(pid, f, ROLLUP.payer, sql`p.id`)} d
        group by 1 having sum(d.n1) <> 0
      ) g
      where p.practice_id = ${pid}${f.payerId ? sql` and p.id = ${f.payerId}` : sql``}`,
  );
}
