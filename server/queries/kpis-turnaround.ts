import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { AWAITING_PAYER } from "@/server/domain/workflow/prior-auth";
import { daily, KPI_KIND } from "./kpis-daily";
import { oneRow, periodEnd, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * Authorization turnaround (median and p90 hours from submission to the payer's determination) from
 * maintained aggregates (migration 0036, docs/decisions/0004-dashboard-aggregates.md): the same figures as
 * turnaroundBase in kpis-auth.ts, which the drill-down lists and tests compare with.
 *
 * Hours are continuous (one value per determination), so a histogram of values would not compress them.
 * kpi_daily kind 14 counts determinations per whole-hour bucket instead (by day, month and rollup, like
 * every daily figure; per channel in n2–n5). A percentile_cont needs the values at two ranks (floor and
 * ceil of p × (n − 1)); the cumulative bucket counts say which bucket holds each rank and at which offset,
 * and only those buckets' exact hours are read from kpi_turnaround_facts (index on practice, bucket, day).
 * The interpolation is percentile_cont's own (lo + (hi − lo) × (rank − floor(rank)) in float8), so the
 * figures are exactly the raw query's. All in one statement: one snapshot for counts and values.
 */

/** kpi_daily kind 14's channel columns, in the enum's order (n1 less their sum: no channel recorded). */
const CHANNEL_COLUMNS = sql`(values ('portal', d.n2), ('fax', d.n3), ('phone', d.n4), ('electronic', d.n5), (null, d.n1 - d.n2 - d.n3 - d.n4 - d.n5))`;

/** The filter on kpi_turnaround_facts rows aliased t (the period and the dashboard's dimensions). */
function factsWhere(pid: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`t.practice_id = ${pid}`, sql`t.day between ${f.from}::date and ${f.to}::date`];
  if (f.payerId) parts.push(sql`t.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`t.provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`t.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`${f.indicationId} = any(t.indication_ids)`);
  return sql.join(parts, sql` and `);
}

/**
 * Median and p90 per group. `hist` is a relation (by, key, bucket, n): the determinations per bucket of each
 * group ('all' with a null key; 'payer' keyed by payer id; 'channel' keyed by channel, null when none was
 * recorded). Columns: by, key, n, p (0.5 or 0.9), value.
 */
function percentilesOf(pid: string, f: KpiFilter, hist: SQL): SQL {
  return sql`with h as (${hist}),
    c as (
      select s.by, s.key, s.bucket, s.upto - s.n as before, s.upto
      from (
        -- counts summed as float8 (exact for integers below 2^53, and much cheaper than numeric in a running sum)
        select h.by, h.key, h.bucket, h.n, (sum(h.n::float8) over (partition by h.by, h.key order by h.bucket rows unbounded preceding))::bigint as upto
        from (select by, key, bucket, sum(n)::bigint as n from h group by 1, 2, 3) h where h.n > 0
      ) s
    ),
    g as (
      select r.*, floor(r.r50)::bigint as i1, ceil(r.r50)::bigint as i2, floor(r.r90)::bigint as i3, ceil(r.r90)::bigint as i4
      from (
        select by, key, max(upto) as total, 0.5::float8 * (max(upto) - 1)::float8 as r50, 0.9::float8 * (max(upto) - 1)::float8 as r90
        from c group by by, key
      ) r
    ),
    l as (
      select distinct c.by, c.key, c.bucket, x.i, x.i - c.before as off
      from c join g on g.by = c.by and g.key is not distinct from c.key
        cross join lateral (values (g.i1), (g.i2), (g.i3), (g.i4)) x(i)
      where ((g.i1 >= c.before and g.i1 < c.upto) or (g.i2 >= c.before and g.i2 < c.upto) or (g.i3 >= c.before and g.i3 < c.upto) or (g.i4 >= c.before and g.i4 < c.upto))
        and x.i >= c.before and x.i < c.upto
    ),
    v as (
      select l.by, l.key, l.i, (select t.hours from kpi_turnaround_facts t
          where ${factsWhere(pid, f)} and t.bucket = l.bucket
            and (l.by = 'all' or (l.by = 'payer' and t.payer_id::text = l.key) or (l.by = 'channel' and t.channel is not distinct from l.key))
          order by t.hours offset l.off limit 1) as hours
      from l
    ),
    a as (
      select g.*, y.*
      from g cross join lateral (
        select min(v.hours) filter (where v.i = g.i1) as lo50, min(v.hours) filter (where v.i = g.i2) as hi50,
          min(v.hours) filter (where v.i = g.i3) as lo90, min(v.hours) filter (where v.i = g.i4) as hi90
        from v where v.by = g.by and v.key is not distinct from g.key
      ) y
    )
    select a.by, a.key, a.total::int as n, 0.5::float8 as p, (a.lo50 + (a.r50 - floor(a.r50)) * (a.hi50 - a.lo50))::float8 as value from a
    union all
    select a.by, a.key, a.total::int, 0.9::float8, (a.lo90 + (a.r90 - floor(a.r90)) * (a.hi90 - a.lo90))::float8 from a`;
}

const AWAITING = sql.join(
  AWAITING_PAYER.map((s) => sql`${s}`),
  sql`, `,
);

/** Requests still with the payer that went out before the period ended (the figure's "waiting"), as in kpis-auth.ts. */
function waiting(pid: string, f: KpiFilter): SQL {
  const parts: SQL[] = [sql`r.practice_id = ${pid}`];
  if (f.payerId) parts.push(sql`r.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`r.ordering_provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`r.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`r.indication_id = ${f.indicationId}`);
  return sql`select count(*)::int from prior_auth_requests r where ${sql.join(parts, sql` and `)} and r.status in (${AWAITING})
    and r.submitted_at < ${periodEnd(f)}::timestamptz`;
}

export const TURNAROUND_KPI_QUERIES = {
  authTurnaround: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(max(x.n), 0)::int as n, max(x.value) filter (where x.p = 0.5) as median, max(x.value) filter (where x.p = 0.9) as p90,
          (${waiting(pid, f)}) as waiting
        from (${percentilesOf(pid, f, sql`select 'all'::text as by, null::text as key, d.v::int as bucket, d.n1 as n from ${daily(pid, KPI_KIND.turnaround, f)}`)}) x`,
    ),
};

export type TurnaroundRow = { by: "payer" | "channel"; payerId: string | null; payerName: string | null; channel: string | null; n: number; median: number | null; p90: number | null };

/**
 * Authorization turnaround by payer and by channel (the dashboard's table; the same determinations as the
 * figure), in the order of turnaroundBreakdownRaw (kpis-auth.ts): payers by name, then channels in the
 * enum's order, none recorded last.
 */
export async function turnaroundBreakdown(db: DbOrTx, pid: string, f: KpiFilter): Promise<TurnaroundRow[]> {
  const hist = sql`select 'payer'::text as by, d.payer_id::text as key, d.v::int as bucket, d.n1 as n from ${daily(pid, KPI_KIND.turnaround, f, f, true)}
    union all
    select 'channel', ch.key, d.v::int, ch.n from (select d.v, d.n1, d.n2, d.n3, d.n4, d.n5 from ${daily(pid, KPI_KIND.turnaround, f)}) d cross join lateral ${CHANNEL_COLUMNS} ch(key, n)`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select x.by, x.key, x.n, py.name as payer_name, max(x.value) filter (where x.p = 0.5) as median, max(x.value) filter (where x.p = 0.9) as p90
      from (${percentilesOf(pid, f, hist)}) x left join payers py on x.by = 'payer' and py.id::text = x.key
      group by x.by, x.key, x.n, py.name
      order by x.by desc, py.name, case when x.by = 'channel' then x.key::prior_auth_channel end nulls last`,
  );
  const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    by: r.by === "payer" ? ("payer" as const) : ("channel" as const),
    payerId: r.by === "payer" ? (r.key as string) : null,
    payerName: r.by === "payer" ? ((r.payer_name as string | null) ?? null) : null,
    channel: r.by === "channel" ? ((r.key as string | null) ?? null) : null,
    n: Number(r.n),
    median: nn(r.median),
    p90: nn(r.p90),
  }));
}
