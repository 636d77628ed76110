import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { weightedPercentile } from "@/server/domain/kpis/math";
import { monthsAndDays, type Period } from "@/server/domain/kpis/period";
import { AUTH_DRUG } from "./kpis-auth";
import { lastFourWeeks, oneRow, priorWindow, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * The additive figures read from kpi_daily (migration 0033, docs/decisions/0004-dashboard-aggregates.md):
 * per claim contributions summed by day and by month, kept by triggers in the same transaction as the
 * source rows. Each kind reproduces a relation of kpis-base.ts (tests/helpers/kpi-consistency.ts
 * compares every figure with its raw query); the drill-down still lists that relation's rows.
 *
 * Kinds and columns (n1 … n12; v is the value percentiles are taken over):
 *  1 claims sent, by submission day: n1 sent (voids excluded), n2 clean, n3 original claims, n4 their charges
 *  2 first remittances, by their day: n1 adjudicated, n2 first pass, n3 initial denials, n4 their denied cents,
 *    n5 authorization denials (the payer's prior_auth_required is read when asking)
 *  3 live claims by date of service: n1 claims, n2 charges, n3 J9173 units, n4 paid, n5 contractual;
 *    waste: n6 claims with drug lines, n7 JW units, n8 drug lines, n9 JW/JZ-compliant lines,
 *    n10 waste cents, n11 claims priced, n12 claims with waste
 *  4 claim payments posted, by day: n1 count, n2 paid (signed), n3 primary remittances, n4 zero-paid denials
 *  5 days to submit (v) of original claims, by submission day: n1 count
 *  6 days to post (v) of claim payments, by posting day: n1 count
 *  7 denial write-offs, by resolution day: n1 items, n2 written off
 *  8 appeals, by the day sent: n1 items, n2 overturned, n3 denied cents, n4 recovered; v = days to appeal
 *  9 denials resolved or written off, by that day: n1 items; v = days to resolution
 * 10 underpayments, by the day found: n1 lines, n2 cents
 * Kept per infusion and per authorization instead (migration 0035: kpi_infusion_facts, kpi_auth_facts):
 * 11 infusions given (documented or ready for billing), by the documented (else planned) date, with the
 *    order's provider, location and indication and no payer: n1 infusions
 * 12 the same once per payer of a live claim billing the infusion (read when a payer is chosen): n1
 * 13 live primary claims with a J9173 drug line, by date of service: n1 claims, n2 authorized by the end of
 *    that day, n3 authorized only later (retro); whether the payer requires authorization is read when asking
 * Kept per payer determination (migration 0036: kpi_turnaround_facts, read by kpis-turnaround.ts):
 * 14 authorization determinations, by decision date, v = whole hours to determination (the bucket): n1 all,
 *    n2 portal, n3 fax, n4 phone, n5 electronic (no channel recorded: n1 less the others)
 * Kept from the A/R history (migration 0040: kpi_ar_rebuild adds the change of kpi_ar_intervals, read by kpis-ar.ts):
 * 15 A/R events: per balance interval, n1 = +1 and n2 = +balance on the day it starts counting, −1/−balance on the
 *    day it stops; v = the claim's first billing date as days since 1970-01-01. No rollup 0 (every dimension).
 */
export const KPI_KIND = {
  submitted: 1,
  firstRemit: 2,
  service: 3,
  payments: 4,
  submitDays: 5,
  postDays: 6,
  writeOff: 7,
  appeal: 8,
  resolution: 9,
  underpayment: 10,
  infusions: 11,
  infusionsByPayer: 12,
  serviceAuth: 13,
  turnaround: 14,
  ar: 15,
} as const;

/**
 * The kpi_daily rows (aliased d) of one kind for the period and filter: its whole months, and single
 * days at the edges; the rows that keep only the dimension filtered on (or none), all of them when
 * two or more are filtered. `byPayer`: rows that keep the payer (the query reads the payer's settings).
 */
export function daily(pid: string, kind: number, f: KpiFilter, p: Period = f, byPayer = false): SQL {
  const parts: SQL[] = [sql`d.practice_id = ${pid}`, sql`d.kind = ${kind}`, periodRows(p)];
  const set = [f.payerId, f.providerId, f.locationId, f.indicationId].filter(Boolean).length;
  const rollup =
    set >= 2 || (byPayer && set === 1 && !f.payerId) ? ROLLUP.all : byPayer || f.payerId ? ROLLUP.payer : f.providerId ? ROLLUP.provider : f.locationId ? ROLLUP.location : f.indicationId ? ROLLUP.indication : ROLLUP.none;
  parts.push(sql`d.rollup = ${rollup}`, ...dimensionsOf(f));
  return sql`kpi_daily d where ${sql.join(parts, sql` and `)}`;
}

/** The filter on kpi_daily rows aliased d that keep the dimensions filtered on. */
function dimensionsOf(f: KpiFilter): SQL[] {
  const parts: SQL[] = [];
  if (f.payerId) parts.push(sql`d.payer_id = ${f.payerId}`);
  if (f.providerId) parts.push(sql`d.provider_id = ${f.providerId}`);
  if (f.locationId) parts.push(sql`d.location_id = ${f.locationId}`);
  if (f.indicationId) parts.push(sql`${f.indicationId} = any(d.indication_ids)`);
  return parts;
}

/** The kpi_daily rows (aliased d) of a period: its whole months, and single days at the edges. */
function periodRows(p: Period): SQL {
  const { months, days } = monthsAndDays(p);
  const ranges: SQL[] = days.map((r) => sql`(d.grain = 'd' and d.day between ${r.from}::date and ${r.to}::date)`);
  if (months) ranges.push(sql`(d.grain = 'm' and d.day between ${months.from}::date and ${months.to}::date)`);
  return sql`(${sql.join(ranges, sql` or `)})`;
}

/** kpi_daily.rollup: which dimensions a row keeps. */
export const ROLLUP = { all: 0, none: 1, payer: 2, provider: 3, location: 4, indication: 5, payerIndications: 6 } as const;

const requiresAuth = sql`exists (select 1 from payers py where py.id = d.payer_id and py.prior_auth_required)`;

/**
 * Whether payer `x.payer_id` requires authorization for J9173 on day `x.day` for a claim of indications
 * `x.indication_ids`: the most specific active rule in force that day, else the payer's setting — the
 * order of requiresAuthorization in kpis-auth.ts (which judges the claim itself).
 */
const requiredOn = (pid: string) => sql`coalesce((select r.required from prior_auth_rules r
    where r.practice_id = ${pid} and r.payer_id = x.payer_id and r.hcpcs = ${AUTH_DRUG} and r.is_active and r.request_kind in ('any', 'initial')
      and r.effective_date <= x.day and (r.end_date is null or r.end_date >= x.day)
      and (r.indication_id is null or r.indication_id = any(x.indication_ids))
    order by (r.indication_id is not null) desc, (r.request_kind <> 'any') desc, r.effective_date desc limit 1),
  (select py.prior_auth_required from payers py where py.id = x.payer_id))`;

/**
 * Service authorization rate from kind 13: the rows that keep the payer and the indications (the requirement
 * depends on them and the day; every dimension when a provider or location is asked), per month and per edge
 * day. In a month in which none of the payer's J9173 rules starts or ends, the requirement is the same every
 * day, so the month's rows and its edge days are summed and judged once, on the month's first day; in a month
 * in which one does, day by day (a whole month's row is replaced by its day rows).
 */
function serviceAuthQuery(pid: string, f: KpiFilter): SQL {
  const rollup = f.providerId || f.locationId ? ROLLUP.all : ROLLUP.payerIndications;
  const rows = (extra: SQL) => sql`kpi_daily d where d.practice_id = ${pid} and d.kind = ${KPI_KIND.serviceAuth} and d.rollup = ${rollup} and ${sql.join([extra, ...dimensionsOf(f)], sql` and `)}`;
  return sql`with g as (
      select d.grain, d.day, date_trunc('month', d.day)::date as m0, d.payer_id, d.indication_ids, sum(d.n1) as n1, sum(d.n2) as n2, sum(d.n3) as n3
      from ${rows(periodRows(f))} group by 1, 2, 3, 4, 5
    ), s as (
      select p.payer_id, p.m0, (p.m0 + interval '1 month')::date - 1 as m1,
        exists (select 1 from prior_auth_rules r where r.practice_id = ${pid} and r.payer_id = p.payer_id and r.hcpcs = ${AUTH_DRUG}
          and ((r.effective_date > p.m0 and r.effective_date <= (p.m0 + interval '1 month')::date - 1)
            or (r.end_date >= p.m0 and r.end_date < (p.m0 + interval '1 month')::date - 1))) as split
      from (select distinct g.payer_id, g.m0 from g) p
    ), y as (
      select case when s.split then g.day else g.m0 end as day, g.payer_id, g.indication_ids, g.n1, g.n2, g.n3
      from g join s on s.payer_id = g.payer_id and s.m0 = g.m0 where g.grain = 'd' or not s.split
      union all
      select d.day, d.payer_id, d.indication_ids, d.n1, d.n2, d.n3
      from g join s on s.payer_id = g.payer_id and s.m0 = g.m0 cross join lateral (
        select d.* from ${rows(sql`d.grain = 'd' and d.day between s.m0 and s.m1 and d.payer_id = g.payer_id and d.indication_ids = g.indication_ids`)} offset 0
      ) d
      where g.grain = 'm' and s.split
    ), x as (
      select y.day, y.payer_id, y.indication_ids, sum(y.n1) as n1, sum(y.n2) as n2, sum(y.n3) as n3 from y group by 1, 2, 3
    )
    select coalesce(sum(x.n1), 0)::int as d, coalesce(sum(x.n2), 0)::int as n, coalesce(sum(x.n3), 0)::int as retro
    from x where ${requiredOn(pid)}`;
}

/** Median (and p90) and mean of a kind's `v`, weighted by n1, in the shape of the raw queries. */
async function distribution(db: DbOrTx, q: SQL, p90 = false): Promise<Record<string, unknown>> {
  const rows = await rowsOf<{ v: number; n: number }>(db, sql`select d.v::float8 as v, sum(d.n1)::float8 as n from ${q} group by d.v`);
  const hist = rows.map((r) => ({ value: Number(r.v), count: Number(r.n) }));
  const n = hist.reduce((t, r) => t + r.count, 0);
  const sum = hist.reduce((t, r) => t + r.value * r.count, 0);
  return { n, median: weightedPercentile(hist, 50), mean: n === 0 ? null : sum / n, ...(p90 ? { p90: weightedPercentile(hist, 90) } : {}) };
}

/** The figures of KPI_QUERIES that kpi_daily answers (same names and columns as the raw queries). */
export const DAILY_KPI_QUERIES = {
  cleanClaim: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as d, coalesce(sum(d.n2), 0)::int as n from ${daily(pid, KPI_KIND.submitted, f)}`),
  submittedBefore: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n3), 0)::int as n, coalesce(sum(d.n4), 0)::float8 as cents from ${daily(pid, KPI_KIND.submitted, f, priorWindow(f))}`,
    ),
  // the denominator of the initial denial rates when the window before the period holds partial history
  submittedIn: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n3), 0)::int as n, coalesce(sum(d.n4), 0)::float8 as cents from ${daily(pid, KPI_KIND.submitted, f)}`),
  firstPass: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as d, coalesce(sum(d.n2), 0)::int as n from ${daily(pid, KPI_KIND.firstRemit, f)}`),
  initialDenial: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n3), 0)::int as n, coalesce(sum(d.n4), 0)::float8 as cents from ${daily(pid, KPI_KIND.firstRemit, f)}`),
  authDenial: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n1), 0)::int as d, coalesce(sum(d.n5), 0)::int as n from ${daily(pid, KPI_KIND.firstRemit, f, f, true)} and ${requiresAuth}`,
    ),
  charges: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n2), 0)::float8 as cents, coalesce(sum(d.n3), 0)::float8 as units from ${daily(pid, KPI_KIND.service, f)}`,
    ),
  collection: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n4), 0)::float8 as paid, coalesce(sum(d.n2), 0)::float8 as charge, coalesce(sum(d.n5), 0)::float8 as contractual
        from ${daily(pid, KPI_KIND.service, f)}`,
    ),
  waste: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n6), 0)::int as claims, coalesce(sum(d.n7), 0)::float8 as waste, coalesce(sum(d.n3), 0)::float8 as drug,
        coalesce(sum(d.n8), 0)::int as lines, coalesce(sum(d.n9), 0)::int as compliant, coalesce(sum(d.n10), 0)::float8 as waste_cents,
        coalesce(sum(d.n11), 0)::int as priced, coalesce(sum(d.n12), 0)::int as with_waste
        from ${daily(pid, KPI_KIND.service, f)}`,
    ),
  payments: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n2), 0)::float8 as cents from ${daily(pid, KPI_KIND.payments, f)}`),
  zeroPay: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(
      db,
      sql`select coalesce(sum(d.n3), 0)::int as d, coalesce(sum(d.n4), 0)::int as n from ${daily(pid, KPI_KIND.payments, f, lastFourWeeks(f))}`,
    ),
  writeOff: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n2), 0)::float8 as cents from ${daily(pid, KPI_KIND.writeOff, f)}`),
  underpayment: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as n, coalesce(sum(d.n2), 0)::float8 as cents from ${daily(pid, KPI_KIND.underpayment, f)}`),
  // One statement for the sums and the distribution (they read the same rows: two would read them twice, on two
  // connections, for each dashboard).
  appeal: async (db: DbOrTx, pid: string, f: KpiFilter): Promise<Record<string, unknown>> => {
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql`select d.v::float8 as v, sum(d.n1)::float8 as n, sum(d.n2)::float8 as overturned, sum(d.n3)::float8 as cents, sum(d.n4)::float8 as recovered
        from ${daily(pid, KPI_KIND.appeal, f)} group by d.v`,
    );
    const total = (k: string) => rows.reduce((t, r) => t + Number(r[k]), 0);
    return {
      n: total("n"),
      overturned: total("overturned"),
      cents: total("cents"),
      recovered: total("recovered"),
      median: weightedPercentile(rows.map((r) => ({ value: Number(r.v), count: Number(r.n) })), 50),
    };
  },
  resolution: async (db: DbOrTx, pid: string, f: KpiFilter): Promise<Record<string, unknown>> => {
    const r = await distribution(db, daily(pid, KPI_KIND.resolution, f), true);
    return { n: r.n, median: r.median, p90: r.p90 };
  },
  daysToSubmit: (db: DbOrTx, pid: string, f: KpiFilter) => distribution(db, daily(pid, KPI_KIND.submitDays, f)),
  administrations: (db: DbOrTx, pid: string, f: KpiFilter) =>
    oneRow<Record<string, unknown>>(db, sql`select coalesce(sum(d.n1), 0)::int as n from ${daily(pid, f.payerId ? KPI_KIND.infusionsByPayer : KPI_KIND.infusions, f)}`),
  serviceAuth: (db: DbOrTx, pid: string, f: KpiFilter) => oneRow<Record<string, unknown>>(db, serviceAuthQuery(pid, f)),
  daysToPost: (db: DbOrTx, pid: string, f: KpiFilter) => distribution(db, daily(pid, KPI_KIND.postDays, f)),
};
