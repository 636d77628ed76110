import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays } from "@/server/domain/kpis/period";
import { KPI_QUERIES, KPI_RAW_QUERIES, type KpiQueryName } from "@/server/queries/kpis";
import { arAggregate, arAgingRows } from "@/server/queries/kpis-ar";
import { arBase, arRawBase } from "@/server/queries/kpis-base";
import { oneRow, rowsOf, type KpiFilter } from "@/server/queries/kpis-sql";

/**
 * Compares the maintained A/R history (kpi_ar_intervals, through arBase) with the A/R computed from
 * the source rows (arRawBase), claim by claim (balance and age), as of the day before, of and after
 * every date on which a claim of the practice was sent, closed, paid, reversed or written off —
 * unfiltered, and on the last of those dates by each payer, provider, location and indication.
 * Returns the differences in words (empty when both agree) and how many dates were compared.
 */
export async function arHistoryMismatches(db: DbOrTx, practiceId: string): Promise<{ mismatches: string[]; dates: number; rows: number }> {
  const days = await rowsOf<{ d: string }>(
    db,
    sql`select distinct to_char(t at time zone 'UTC', 'YYYY-MM-DD') as d from (
      select submitted_at as t from claims where practice_id = ${practiceId}
      union all select closed_at from claims where practice_id = ${practiceId}
      union all select coalesce(posted_at, created_at) from claim_payments where practice_id = ${practiceId}
      union all select resolved_at from denial_work_items where practice_id = ${practiceId}
    ) x where t is not null order by 1`,
  );
  const dates = [...new Set(days.flatMap((r) => [addDays(r.d, -1), r.d, addDays(r.d, 1)]))].sort();
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) => `${String(r.claim_id)} ${Number(r.balance)} ${Number(r.age)}`).sort();
  const mismatches: string[] = [];
  let compared = 0;
  const compare = async (f: KpiFilter, label: string) => {
    const [kept, raw] = await Promise.all([rowsOf(db, arBase(practiceId, f)), rowsOf(db, arRawBase(practiceId, f))]);
    const a = norm(kept);
    const b = norm(raw);
    compared += b.length;
    if (a.join("|") !== b.join("|")) mismatches.push(`${label} as of ${f.to}: kept [${a.join(", ")}] raw [${b.join(", ")}]`);
  };
  for (const d of dates) await compare({ from: d, to: d }, "all");
  const last = days.at(-1)?.d;
  if (last) {
    const dims = await rowsOf<{ payer_id: string; rendering_provider_id: string; location_id: string }>(
      db,
      sql`select distinct payer_id, rendering_provider_id, location_id from claims where practice_id = ${practiceId}`,
    );
    const inds = await rowsOf<{ id: string }>(db, sql`select distinct indication_id as id from orders where practice_id = ${practiceId}`);
    for (const r of dims) {
      await compare({ from: last, to: last, payerId: r.payer_id }, `payer ${r.payer_id}`);
      await compare({ from: last, to: last, providerId: r.rendering_provider_id }, `provider ${r.rendering_provider_id}`);
      await compare({ from: last, to: last, locationId: r.location_id }, `location ${r.location_id}`);
    }
    for (const r of inds) await compare({ from: last, to: last, indicationId: r.id }, `indication ${r.id}`);
  }
  return { mismatches, dates: dates.length, rows: compared };
}

/**
 * Compares every figure the dashboard reads from maintained aggregates (KPI_QUERIES: kpi_daily,
 * kpi_ar_intervals) with the same figure computed from the source rows (KPI_RAW_QUERIES), over
 * periods that are whole months, cross months or lie inside one, unfiltered and by every payer,
 * provider, location and indication of the practice (or only the figures named). Returns the differences in words.
 */
export async function kpiFigureMismatches(
  db: DbOrTx,
  practiceId: string,
  periods: KpiFilter[],
  names: KpiQueryName[] = Object.keys(KPI_QUERIES) as KpiQueryName[],
): Promise<{ mismatches: string[]; compared: number }> {
  const dims = await rowsOf<{ payer_id: string; rendering_provider_id: string; location_id: string }>(
    db,
    sql`select distinct payer_id, rendering_provider_id, location_id from claims where practice_id = ${practiceId}`,
  );
  const inds = await rowsOf<{ id: string }>(db, sql`select distinct indication_id as id from orders where practice_id = ${practiceId}`);
  const filters: KpiFilter[] = [];
  for (const p of periods) {
    filters.push(p);
    for (const r of dims) filters.push({ ...p, payerId: r.payer_id }, { ...p, providerId: r.rendering_provider_id }, { ...p, locationId: r.location_id });
    for (const r of inds) filters.push({ ...p, indicationId: r.id });
    // two filters at once read the rows that keep every dimension
    for (const r of dims) filters.push({ ...p, payerId: r.payer_id, locationId: r.location_id }, ...inds.map((i) => ({ ...p, providerId: r.rendering_provider_id, indicationId: i.id })));
  }
  const mismatches: string[] = [];
  let compared = 0;
  const same = (a: unknown, b: unknown) => {
    if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
    const x = Number(a);
    const y = Number(b);
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  };
  for (const f of filters) {
    for (const name of names) {
      const [kept, raw] = await Promise.all([KPI_QUERIES[name](db, practiceId, f), KPI_RAW_QUERIES[name](db, practiceId, f)]);
      compared++;
      const keys = new Set([...Object.keys(kept), ...Object.keys(raw)]);
      const diff = [...keys].filter((k) => !same(kept[k], raw[k]));
      if (diff.length) mismatches.push(`${name} ${JSON.stringify(f)}: ${diff.map((k) => `${k} kept ${String(kept[k])} raw ${String(raw[k])}`).join(", ")}`);
    }
  }
  return { mismatches, compared };
}

/**
 * Compares the A/R read from kpi_daily kind 15 (KPI_QUERIES.ar, arAgingRows: migration 0040) with the same figure
 * from the open intervals (arBase) and from the source rows (arRawBase), as of each of `days`: unfiltered, by
 * every payer, provider, location and indication of the practice, and by pairs (which read the intervals).
 * The aging rows (payer, bucket, cents) are compared with the intervals' for the unfiltered and payer filters.
 * Returns the differences in words and how many figures were compared.
 */
export async function arDailyMismatches(db: DbOrTx, practiceId: string, days: string[]): Promise<{ mismatches: string[]; compared: number }> {
  const dims = await rowsOf<{ payer_id: string; rendering_provider_id: string; location_id: string }>(
    db,
    sql`select distinct payer_id, rendering_provider_id, location_id from claims where practice_id = ${practiceId}`,
  );
  const inds = await rowsOf<{ id: string }>(db, sql`select distinct indication_id as id from orders where practice_id = ${practiceId}`);
  const mismatches: string[] = [];
  let compared = 0;
  const fig = (r: Record<string, unknown>) => `n ${Number(r.n)} cents ${Number(r.cents)} over90 ${Number(r.over90)}`;
  const agingOf = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r.payer_id)} ${String(r.payer_name)} ${String(r.bucket)} ${Number(r.cents)}`).sort().join("|");
  for (const day of days) {
    const filters: KpiFilter[] = [{ from: day, to: day }];
    for (const r of dims) filters.push({ from: day, to: day, payerId: r.payer_id }, { from: day, to: day, providerId: r.rendering_provider_id }, { from: day, to: day, locationId: r.location_id });
    for (const r of inds) filters.push({ from: day, to: day, indicationId: r.id });
    for (const r of dims) filters.push({ from: day, to: day, payerId: r.payer_id, locationId: r.location_id });
    for (const f of filters) {
      const [kept, intervals, raw] = await Promise.all([KPI_QUERIES.ar(db, practiceId, f), oneRow(db, arAggregate(arBase(practiceId, f))), KPI_RAW_QUERIES.ar(db, practiceId, f)]);
      compared++;
      if (fig(kept) !== fig(intervals) || fig(kept) !== fig(raw)) mismatches.push(`ar ${JSON.stringify(f)}: kept ${fig(kept)}, intervals ${fig(intervals)}, raw ${fig(raw)}`);
      if (!f.providerId && !f.locationId && !f.indicationId) {
        const [keptAging, intervalAging] = await Promise.all([
          arAgingRows(db, practiceId, f),
          rowsOf(
            db,
            sql`select b.payer_id, (select name from payers where id = b.payer_id) as payer_name,
                case when age <= 30 then '0-30' when age <= 60 then '31-60' when age <= 90 then '61-90' when age <= 120 then '91-120' else '120+' end as bucket,
                sum(balance)::float8 as cents
              from (${arBase(practiceId, f)}) b group by 1, 2, 3`,
          ),
        ]);
        compared++;
        if (agingOf(keptAging) !== agingOf(intervalAging)) mismatches.push(`aging ${JSON.stringify(f)}: kept [${agingOf(keptAging)}] intervals [${agingOf(intervalAging)}]`);
      }
    }
  }
  return { mismatches, compared };
}
