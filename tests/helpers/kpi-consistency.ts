import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addDays } from "@/server/domain/kpis/period";
import { KPI_QUERIES, KPI_RAW_QUERIES, type KpiQueryName } from "@/server/queries/kpis";
import { arBase, arRawBase } from "@/server/queries/kpis-base";
import { rowsOf, type KpiFilter } from "@/server/queries/kpis-sql";

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
