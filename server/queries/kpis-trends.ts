import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { denialBasis, denialDenominator, type DenialBasisKind } from "@/server/domain/kpis/denial-basis";
import { AGING_BUCKETS, ratio, type AgingBucket } from "@/server/domain/kpis/math";
import { addDays, monthsOf, periodDays } from "@/server/domain/kpis/period";
import { arAgingRows } from "./kpis-ar";
import { chargeBase, cleanClaimBase, firstPassBase, initialDenialBase, paymentsBase, wasteBase } from "./kpis-base";
import { firstSubmissionDate } from "./kpis";
import { claimWhere, inPeriod, rowsOf, type KpiFilter } from "./kpis-sql";

/**
 * Monthly series and breakdowns for the dashboard charts. Each month uses the same definitions as
 * the figures (the same relations of kpis-base.ts, grouped by month), so a chart's last point and
 * a one-month figure agree.
 */

export interface TrendPoint {
  month: string;
  from: string;
  to: string;
  charges: number;
  payments: number;
  cleanClaimRate: number | null;
  firstPassYield: number | null;
  initialDenialRate: number | null;
  /** the month's denominator: the task force's 3-month average, or the month's own submissions (partial history before it) */
  initialDenialBasis: DenialBasisKind;
  wasteRate: number | null;
}

const MONTH = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM')`);

export async function kpiTrend(db: DbOrTx, pid: string, f: KpiFilter): Promise<TrendPoint[]> {
  const months = monthsOf(f);
  const [charges, payments, clean, fpy, denied, waste, submitted, firstSubmission] = await Promise.all([
    rowsOf<{ m: string; v: number }>(db, sql`select ${MONTH("b.dos")} as m, sum(b.amount)::float8 as v from (${chargeBase(pid, f)}) b group by 1`),
    rowsOf<{ m: string; v: number }>(db, sql`select ${MONTH("b.at at time zone 'UTC'")} as m, sum(b.amount)::float8 as v from (${paymentsBase(pid, f)}) b group by 1`),
    rowsOf<{ m: string; n: number; d: number }>(db, sql`select ${MONTH("b.at at time zone 'UTC'")} as m, count(*) filter (where hit)::int as n, count(*)::int as d from (${cleanClaimBase(pid, f)}) b group by 1`),
    rowsOf<{ m: string; n: number; d: number }>(db, sql`select ${MONTH("b.at at time zone 'UTC'")} as m, count(*) filter (where hit)::int as n, count(*)::int as d from (${firstPassBase(pid, f)}) b group by 1`),
    rowsOf<{ m: string; n: number }>(db, sql`select ${MONTH("b.at at time zone 'UTC'")} as m, count(*)::int as n from (${initialDenialBase(pid, f)}) b group by 1`),
    rowsOf<{ m: string; w: number; d: number }>(db, sql`select ${MONTH("b.dos")} as m, sum(b.waste_units)::float8 as w, sum(b.drug_units)::float8 as d from (${wasteBase(pid, f)}) b group by 1`),
    // original claims submitted per day from 91 days before the first month: each month's task-force denominator
    rowsOf<{ d: string; n: number }>(
      db,
      sql`select to_char(c.submitted_at at time zone 'UTC', 'YYYY-MM-DD') as d, count(*)::int as n from claims c
        where ${claimWhere(pid, f)} and c.original_claim_id is null and c.frequency = 'original' and c.submitted_at is not null
          and ${inPeriod(sql`c.submitted_at`, { from: addDays(f.from, -91), to: f.to })} group by 1`,
    ),
    firstSubmissionDate(db, pid),
  ]);
  const by = <T extends { m: string }>(rows: T[]) => new Map(rows.map((r) => [r.m, r]));
  const [ch, pay, cl, fp, dn, ws] = [by(charges), by(payments), by(clean), by(fpy), by(denied), by(waste)];
  const perDay = new Map(submitted.map((r) => [r.d, Number(r.n)]));
  const sumDays = (from: string, to: string) => {
    let t = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) t += perDay.get(d) ?? 0;
    return t;
  };
  return months.map((p) => {
    const m = p.from.slice(0, 7);
    // the same rule per month as the figure: the 3-month average only over complete history
    const basis = denialBasis(p, firstSubmission);
    const den = denialDenominator(basis, sumDays(basis.windowFrom, basis.windowTo), sumDays(p.from, p.to), periodDays(p));
    const w = ws.get(m);
    return {
      month: m,
      from: p.from,
      to: p.to,
      charges: Number(ch.get(m)?.v ?? 0),
      payments: Number(pay.get(m)?.v ?? 0),
      cleanClaimRate: ratio(Number(cl.get(m)?.n ?? 0), Number(cl.get(m)?.d ?? 0)),
      firstPassYield: ratio(Number(fp.get(m)?.n ?? 0), Number(fp.get(m)?.d ?? 0)),
      initialDenialRate: ratio(Number(dn.get(m)?.n ?? 0), den),
      initialDenialBasis: basis.kind,
      wasteRate: w ? ratio(Number(w.w), Number(w.w) + Number(w.d)) : null,
    };
  });
}

export const BREAKDOWN_DIMENSIONS = ["payer", "provider", "location", "indication"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface VolumeBreakdownRow {
  key: string;
  label: string;
  claims: number;
  units: number;
  chargesCents: number;
  paidCents: number;
}

/** Volume of the period's live claims by payer, rendering provider, location or indication. */
export async function volumeBreakdown(db: DbOrTx, pid: string, f: KpiFilter, dim: BreakdownDimension): Promise<VolumeBreakdownRow[]> {
  const key = {
    payer: sql`c.payer_id::text`,
    provider: sql`c.rendering_provider_id::text`,
    location: sql`c.location_id::text`,
    indication: sql`coalesce((select o.indication_id from claim_administrations ca join administrations a on a.id = ca.administration_id join orders o on o.id = a.order_id where ca.claim_id = c.id limit 1), 'none')`,
  }[dim];
  const label = {
    payer: sql`(select name from payers where id = c.payer_id)`,
    provider: sql`(select concat_ws(' ', first_name, last_name, credential) from providers where id = c.rendering_provider_id)`,
    location: sql`(select name from locations where id = c.location_id)`,
    indication: sql`coalesce((select i.name from indications i where i.key = ${key} limit 1), 'No infusion linked')`,
  }[dim];
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${key} as key, min(${label}) as label, count(*)::int as claims, sum(b.units)::float8 as units, sum(b.amount)::float8 as charges,
        coalesce(sum((select sum(cp.paid_cents) from claim_payments cp where cp.claim_id = c.id and cp.status = 'posted')), 0)::float8 as paid
      from (${chargeBase(pid, f)}) b join claims c on c.id = b.claim_id group by 1 order by 5 desc`,
  );
  return rows.map((r) => ({ key: String(r.key), label: String(r.label ?? r.key), claims: Number(r.claims), units: Number(r.units), chargesCents: Number(r.charges), paidCents: Number(r.paid) }));
}

export interface AgingRow {
  payerId: string;
  payerName: string;
  buckets: Record<AgingBucket, number>;
  totalCents: number;
  over90Cents: number;
}

/** A/R on the period's last day by payer and age bucket (kpis-ar.ts: from kpi_daily, or the open intervals when filtered by more than the payer). */
export async function arAging(db: DbOrTx, pid: string, f: KpiFilter): Promise<AgingRow[]> {
  const rows = await arAgingRows(db, pid, f);
  const byPayer = new Map<string, AgingRow>();
  for (const r of rows) {
    const id = String(r.payer_id);
    const row = byPayer.get(id) ?? { payerId: id, payerName: String(r.payer_name), buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>, totalCents: 0, over90Cents: 0 };
    const b = r.bucket as AgingBucket;
    const cents = Number(r.cents);
    row.buckets[b] += cents;
    row.totalCents += cents;
    if (b === "91-120" || b === "120+") row.over90Cents += cents;
    byPayer.set(id, row);
  }
  return [...byPayer.values()].sort((a, b) => b.totalCents - a.totalCents);
}

export interface DenialCategoryRow {
  category: string;
  items: number;
  amountCents: number;
  open: number;
}

/** Denials opened in the period by category: where money is lost and why. */
export async function denialsByCategory(db: DbOrTx, pid: string, f: KpiFilter): Promise<DenialCategoryRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select w.category::text as category, count(*)::int as items, sum(w.amount_cents)::float8 as cents,
        count(*) filter (where w.status not in ('resolved', 'written_off'))::int as open
      from denial_work_items w join claims c on c.id = w.claim_id
      where w.practice_id = ${pid} and w.kind = 'denial' and ${claimWhere(pid, f)} and ${inPeriod(sql`w.created_at`, f)}
      group by 1 order by 3 desc`,
  );
  return rows.map((r) => ({ category: String(r.category), items: Number(r.items), amountCents: Number(r.cents), open: Number(r.open) }));
}
