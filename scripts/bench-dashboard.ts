/**
 * `npm run bench:dashboard [-- --administrations 1000000] [--runs 20] [--naive-runs 5] [--naive-limit-ms 15000] [--json] [--keep]`
 * (`--database NAME --reuse` times again on a database kept with --keep, without seeding; `--only a,b` picks queries)
 *
 * Creates a fresh PostgreSQL database (dashbench_<pid>_<hex> on BENCH_DATABASE_URL, DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres), runs the migrations, seeds a synthetic practice of N
 * administrations over three years with set-based SQL (scripts/bench/dashboard-seed.ts), then times
 * every KPI query of the dashboard (server/queries/kpis.ts, KPI_QUERIES) over varied filter sets
 * (month, quarter or year; payer, provider, location or indication), and next to each the same query
 * with index scans switched off (a plain scan-and-GROUP-BY over the raw tables), in the same run. The
 * whole dashboard is `allKpis` for one filter set (what `dashboards.figures` runs per period).
 * Drops the database at the end unless --keep. Targets: every KPI p95 < 100 ms, dashboard < 300 ms.
 */
import { sql as dsql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { allKpis, KPI_QUERIES, KPI_RAW_QUERIES, type KpiQueryName } from "@/server/queries/kpis";
import type { KpiFilter } from "@/server/queries/kpis-sql";
import { openBenchDatabase } from "./bench/bench-practice";
import { BENCH_INDICATIONS, SEED_END, SEED_START } from "./bench/dashboard-seed";
import { percentile } from "./load/stats";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Deterministic filter sets: a month, quarter or year inside the seeded years, half of them narrowed by one dimension. */
function filterSets(count: number, setup: PracticeSetupIds): KpiFilter[] {
  let s = 0x9e3779b9;
  const rnd = (m: number) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % m) as number;
  };
  const months: string[] = [];
  for (let d = SEED_START.slice(0, 7); d <= SEED_END.slice(0, 7); ) {
    months.push(d);
    const [y, m] = d.split("-").map(Number) as [number, number];
    d = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const out: KpiFilter[] = [];
  const dims: ((f: KpiFilter) => KpiFilter)[] = [
    (f) => ({ ...f, payerId: Object.values(setup.payers)[rnd(5)]! }),
    (f) => ({ ...f, providerId: Object.values(setup.providers)[rnd(3)]! }),
    (f) => ({ ...f, locationId: Object.values(setup.locations)[rnd(2)]! }),
    (f) => ({ ...f, indicationId: BENCH_INDICATIONS[rnd(BENCH_INDICATIONS.length)]! }),
  ];
  for (let i = 0; i < count; i++) {
    const span = [1, 3, 12][i % 3]!;
    const start = rnd(months.length - span + 1);
    const f: KpiFilter = { from: `${months[start]}-01`, to: lastDay(months[start + span - 1]!) };
    out.push(i % 2 === 1 ? dims[rnd(dims.length)]!(f) : f);
  }
  return out;
}

function lastDay(ym: string): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const pct = percentile;

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * The same figure from the raw tables (KPI_RAW_QUERIES where the dashboard reads a maintained
 * aggregate), with index scans switched off: what scanning the raw tables and grouping costs.
 * Stopped after `limitMs` (a correlated lookup without an index rescans a table per row and would
 * run for hours at 1M): the figure is then the limit, a lower bound, and `capped` says so.
 */
async function naive(db: Db, name: KpiQueryName, pid: string, f: KpiFilter, limitMs: number): Promise<{ ms: number; capped: boolean }> {
  try {
    let ms = 0;
    await db.transaction(async (tx) => {
      await tx.execute(dsql`set local enable_indexscan = off`);
      await tx.execute(dsql`set local enable_bitmapscan = off`);
      await tx.execute(dsql`set local enable_indexonlyscan = off`);
      await tx.execute(dsql.raw(`set local statement_timeout = ${Math.round(limitMs)}`));
      ms = await timed(() => KPI_RAW_QUERIES[name](tx, pid, f));
    });
    return { ms, capped: false };
  } catch (e) {
    if (!/statement timeout/i.test(String((e as Error).message) + String((e as { cause?: Error }).cause?.message))) throw e;
    return { ms: limitMs, capped: true };
  }
}

async function main() {
  const n = Number(arg("administrations") ?? 1_000_000);
  const runs = Number(arg("runs") ?? 20);
  const naiveRuns = Number(arg("naive-runs") ?? 5);
  const naiveLimitMs = Number(arg("naive-limit-ms") ?? 15_000);
  const json = process.argv.includes("--json");
  const keep = process.argv.includes("--keep");
  const only = arg("only")?.split(",") as KpiQueryName[] | undefined;
  const log = (s: string) => {
    if (!json) console.log(s);
    else console.error(s);
  };
  const reuse = process.argv.includes("--reuse");
  log(`bench:dashboard — ${n.toLocaleString("en-US")} administrations`);
  const bench = await openBenchDatabase({ prefix: "dashbench", administrations: n, name: arg("database"), reuse, log });
  try {
    const db = bench.handle.db;
    const pid = bench.practiceId;
    const setup = bench.setup;

    const sets = filterSets(runs, setup);
    const names = (only ?? Object.keys(KPI_QUERIES)) as KpiQueryName[];
    // warm-up: each query once
    for (const q of names) await KPI_QUERIES[q](db, pid, sets[0]!);
    const kpis: { name: string; p50Ms: number; p95Ms: number; naiveP95Ms: number }[] = [];
    for (const q of names) {
      const ms: number[] = [];
      for (const f of sets) ms.push(await timed(() => KPI_QUERIES[q](db, pid, f)));
      const nms: number[] = [];
      let capped = false;
      for (const f of sets.slice(0, naiveRuns)) {
        const r = await naive(db, q, pid, f, naiveLimitMs);
        nms.push(r.ms);
        capped ||= r.capped;
      }
      const row = { name: q, p50Ms: round(pct(ms, 50)), p95Ms: round(pct(ms, 95)), naiveP95Ms: round(pct(nms, 95)) };
      kpis.push(row);
      log(
        `  ${q.padEnd(16)} p50 ${fmt(row.p50Ms)}  p95 ${fmt(row.p95Ms)}  naive p95 ${capped && row.naiveP95Ms >= naiveLimitMs ? "≥" : " "}${fmt(row.naiveP95Ms)}${row.p95Ms < 100 ? "" : "  ✗ (target p95 < 100 ms)"}`,
      );
    }
    const page: number[] = [];
    for (const f of sets) page.push(await timed(() => allKpis(db, pid, f)));
    const pageMs = round(pct(page, 95));
    log(`  whole dashboard (allKpis, one filter set) p50 ${fmt(round(pct(page, 50)))}  p95 ${fmt(pageMs)}${pageMs < 300 ? "" : "  ✗ (target < 300 ms)"}`);
    if (json) console.log(JSON.stringify({ administrations: n, kpis, pageMs }));
  } finally {
    await bench.close(keep);
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
const fmt = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

main().catch((e) => {
  console.error(`bench:dashboard failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
