import { randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { openDb, type DbHandle } from "@/db/client";
import { practices } from "@/db/schema";
import { DEMO_PRACTICE } from "@/db/seed/demo-logins";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { loadReferenceSeedIfEmpty } from "@/db/seed/reference-loader";
import { SEED_START, seedDashboardPractice } from "./dashboard-seed";

/**
 * A fresh PostgreSQL database with the synthetic practice of `npm run bench:dashboard`, shared by the
 * benchmarks that need volume (bench:dashboard, bench:api). The database is `<prefix>_<pid>_<hex>` on
 * BENCH_DATABASE_URL, DATABASE_URL or the local server; `--database NAME --reuse` in the scripts
 * reopens one kept with --keep (the practice and its setup are read back from `dashbench_meta`).
 */
export interface BenchDatabase {
  name: string;
  /** the database's URL */
  url: string;
  handle: DbHandle;
  /** a one-connection client on the bench database (set-based seeding) */
  sql: Sql;
  practiceId: string;
  setup: PracticeSetupIds;
  /** drops the database unless `keep` (closes every connection first) */
  close(keep: boolean): Promise<void>;
}

export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export async function openBenchDatabase(opts: { prefix: string; administrations: number; name?: string; reuse?: boolean; log: (s: string) => void }): Promise<BenchDatabase> {
  const base = benchServerUrl();
  const name = opts.name ?? `${opts.prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  if (!opts.reuse) await admin.unsafe(`create database "${name}"`);
  opts.log(`database ${name}`);
  const handle = await openDb({ url: url.toString(), migrate: true });
  // One connection for the whole seed, never recycled: the seed's staging tables are temporary (they
  // live as long as the connection), and postgres.js otherwise closes a connection after 30–60 minutes,
  // which a 1M seed on a busy machine outlasts (one run lost its staging table after 70 minutes).
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, max_lifetime: null, idle_timeout: 0 });
  const close = async (keep: boolean) => {
    await sql.end();
    await handle.close();
    if (!keep && !opts.reuse) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    else opts.log(`kept database ${name}`);
    await admin.end();
  };
  try {
    if (opts.reuse) {
      const [m] = await sql`select practice_id, setup from dashbench_meta`;
      return { name, url: url.toString(), handle, sql, practiceId: m!.practice_id as string, setup: m!.setup as PracticeSetupIds, close };
    }
    const db = handle.db;
    await loadReferenceSeedIfEmpty(db);
    const [practice] = await db.insert(practices).values({ ...DEMO_PRACTICE, name: "Bench practice" }).returning();
    const [other] = await db.insert(practices).values({ ...DEMO_PRACTICE, name: "Bench other practice" }).returning();
    const setup = await db.transaction((tx) => seedPracticeSetup(tx, { practiceId: practice!.id, otherPracticeId: other!.id, now: new Date(`${SEED_START}T00:00:00Z`) }));
    await sql.unsafe(`create table if not exists dashbench_meta (practice_id uuid, setup jsonb)`);
    await sql`insert into dashbench_meta values (${practice!.id}, ${sql.json(setup as never)})`;
    const t = performance.now();
    opts.log(`seeding (set-based SQL)…`);
    const counts = await seedDashboardPractice(sql, practice!.id, setup, opts.administrations, opts.log);
    opts.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`);
    return { name, url: url.toString(), handle, sql, practiceId: practice!.id, setup, close };
  } catch (e) {
    await close(false).catch(() => undefined);
    throw e;
  }
}
