/**
 * `npm run bench:posting [-- --claims 10000] [--engine pglite|postgresql] [--lanes 2] [--json] [--phases] [--explain MS]
 * [--cpu-prof FILE] [--no-analyze]`: posts one generated
 * 835 of N durvalumab claims (default 10,000; every 10th drug line denied CO-197, so denial work items
 * open too) through the real services, on the embedded database (PGlite, in memory) and on PostgreSQL
 * when BENCH_DATABASE_URL or DATABASE_URL names a server (a throwaway database is created and dropped);
 * `--engine` runs only one of them.
 * Prints claims per second of the posting job (`postRemittanceFile`: plan, write claim payments and
 * lines, adjudicate claims, open work items, progress) and, separately, of receiving the file
 * (store byte for byte, parse, payments). Target: posting 10,000 claims in under 5 s on PostgreSQL.
 * `--lanes N`: chunks written at once on PostgreSQL (default REMIT_POSTING_LANES or 2, as the worker; PGlite always 1).
 * `--phases` prints the wall and CPU time of each phase of the job; `--explain MS` logs the plan of every
 * statement of the PostgreSQL bench database slower than MS milliseconds (auto_explain, nested
 * statements included) to the server's log (`--explain-plain`: plans without per-node timing, so the logged
 * durations are those of the statements as they run uninstrumented); `--cpu-prof FILE` writes a V8 CPU profile of the job;
 * `--no-analyze` skips the `analyze` after loading the claims (a database without statistics); `--sql FILE` runs
 * FILE's SQL on the PostgreSQL bench database after the claims are loaded (A/B of a trigger or index variant
 * without a migration).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";
import { practices, users } from "@/db/schema";
import { DEMO_PRACTICE } from "@/db/seed/demo-logins";
import { seedPracticeSetup } from "@/db/seed/demo-practice-setup";
import { loadReferenceSeedIfEmpty } from "@/db/seed/reference-loader";
import type { Actor } from "@/server/services/context";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { generate835 } from "./bench/remittance-835";
import { insertSentClaims } from "./bench/remittance-claims";

interface EngineResult {
  engine: "pglite" | "postgresql";
  /** chunks written at once (PostgreSQL: --lanes, default as the worker; PGlite: 1) */
  lanes: number;
  claims: number;
  fileMB: number;
  receiveSeconds: number;
  postSeconds: number;
  claimsPerSecond: number;
  posted: number;
  denialItems: number;
  /** CPU seconds spent posting: this process (with PGlite, the database too) and, for a PostgreSQL
   * server on this machine, its backends serving the bench database (null when they cannot be read) */
  postCpuSeconds: { process: number; server: number | null };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU ticks (user + system) of each backend of the bench database, read from /proc (a local server only). */
async function backendTicks(h: DbHandle): Promise<Map<number, number> | null> {
  if (h.kind !== "postgres") return null;
  const rows = (await h.db.execute(sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)) as unknown as { pid: number }[];
  const out = new Map<number, number>();
  try {
    for (const r of rows) {
      const stat = readFileSync(`/proc/${r.pid}/stat`, "utf8");
      if (!stat.includes("(postgres")) return null; // not a server on this machine
      // after the command name "(…)" the fields start at the 3rd (state); utime is the 14th, stime the 15th
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(r.pid, Number(f[11]) + Number(f[12]));
    }
  } catch {
    return null;
  }
  return out;
}

async function throwawayPostgres(base: string, explainMs: number | null): Promise<DbHandle> {
  const name = `bench_posting_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  if (explainMs !== null) {
    // every statement of this database slower than explainMs goes to the server's log with its plan
    // (nested ones too: the trigger functions' statements), before any connection opens
    for (const [k, v] of Object.entries({
      session_preload_libraries: "auto_explain",
      "auto_explain.log_min_duration": `${explainMs}ms`,
      // --explain-plain: the plan and the duration only, without running the statements under the
      // instrumentation that timing every node costs (durations comparable with an uninstrumented run)
      "auto_explain.log_analyze": process.argv.includes("--explain-plain") ? "off" : "on",
      "auto_explain.log_buffers": process.argv.includes("--explain-plain") ? "off" : "on",
      "auto_explain.log_timing": process.argv.includes("--explain-plain") ? "off" : "on",
      "auto_explain.log_nested_statements": "on",
    })) {
      await admin.unsafe(`alter database "${name}" set ${k} = '${v}'`);
    }
    console.log(`  postgresql: auto_explain on in database ${name} (statements ≥ ${explainMs} ms, see the server's log)`);
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = await openDb({ url: url.toString(), migrate: true });
  return {
    ...h,
    close: async () => {
      await h.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Starts the V8 CPU profiler of this process; the returned function stops it and writes the profile (`--cpu-prof FILE`). */
async function startCpuProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return async (file) => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile of the posting job written to ${file}`);
  };
}

/** CPU ticks of every server process serving database `name` on this machine (by its process title). */
function serverTicksOf(name: string): number {
  let sum = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "latin1").includes(` ${name} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return sum;
}

/**
 * Wall, process CPU and (PostgreSQL on this machine) server CPU milliseconds per posting phase,
 * summed over the chunks (`--phases`).
 */
class Phases {
  private lastWall = performance.now();
  private lastCpu = process.cpuUsage();
  private lastServer: number;
  readonly totals = new Map<string, { wallMs: number; cpuMs: number; serverMs: number; count: number }>();
  constructor(private readonly database: string | null) {
    this.lastServer = database ? serverTicksOf(database) : 0;
  }
  mark = (name: string) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const server = this.database ? serverTicksOf(this.database) : 0;
    const t = this.totals.get(name) ?? { wallMs: 0, cpuMs: 0, serverMs: 0, count: 0 };
    t.wallMs += wall - this.lastWall;
    t.cpuMs += (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / 1000;
    t.serverMs += ((server - this.lastServer) * 1000) / ticksPerSecond;
    t.count += 1;
    this.totals.set(name, t);
    this.lastWall = wall;
    this.lastCpu = cpu;
    this.lastServer = server;
  };
  print(engine: string) {
    console.log(`\n  ${engine}: phases of the posting job, ms summed over the chunks: wall / this process's CPU / server CPU`);
    for (const [name, t] of this.totals) {
      console.log(
        `    ${name.padEnd(32)} ${t.wallMs.toFixed(0).padStart(7)}  ${t.cpuMs.toFixed(0).padStart(7)}  ${this.database ? t.serverMs.toFixed(0).padStart(7) : "      —"}${t.count > 1 ? `  ×${t.count}` : ""}`,
      );
    }
  }
}

async function run(engine: EngineResult["engine"], h: DbHandle, n: number, log: (s: string) => void, phases: Phases | null, lanes: number): Promise<EngineResult> {
  const db = h.db;
  await loadReferenceSeedIfEmpty(db);
  const [practice] = await db.insert(practices).values({ ...DEMO_PRACTICE, name: `Bench ${engine}` }).returning();
  const [other] = await db.insert(practices).values({ ...DEMO_PRACTICE, name: `Bench other ${engine}` }).returning();
  const [user] = await db
    .insert(users)
    .values({ practiceId: practice!.id, email: `bench-${engine}@example.test`, name: "Bench Biller", role: "biller", passwordHash: "not-a-login", passwordChangedAt: new Date() })
    .returning();
  const setup = await db.transaction((tx) => seedPracticeSetup(tx, { practiceId: practice!.id, otherPracticeId: other!.id, now: new Date() }));
  log(`${engine}: inserting ${n.toLocaleString("en-US")} sent claims…`);
  const list = await insertSentClaims(db, practice!.id, setup, n, "B");
  // a practice's database has statistics on its claims (autovacuum keeps them); a fresh one just
  // bulk-loaded has none, and since the composite keys of migration 0029 the A/R rebuild then scans
  // every claim for each chunk (docs/benchmarks.md)
  if (!process.argv.includes("--no-analyze")) await db.execute(sql`analyze`);
  const extra = arg("sql");
  if (extra && h.kind === "postgres") {
    await db.execute(sql.raw(readFileSync(extra, "utf8")));
    log(`${engine}: ran ${extra}`);
  }
  const text = generate835(list, { trace: `BENCH-${engine}-${Date.now()}`, denyEvery: 10 });
  const bytes = new TextEncoder().encode(text);
  const actor: Actor = { userId: user!.id, practiceId: practice!.id, role: "biller", requestId: "bench" };
  log(`${engine}: receiving a ${(bytes.length / 1e6).toFixed(1)} MB 835…`);
  const t0 = performance.now();
  const received = await receiveRemittanceFile(db, actor, { name: "bench.835", bytes }, new Date(), async () => undefined);
  log(`${engine}: posting…`);
  const serverBefore = await backendTicks(h);
  const cpuBefore = process.cpuUsage();
  const profile = arg("cpu-prof") ? await startCpuProfile() : null;
  const t1 = performance.now();
  phases?.mark("(before the job)");
  const r = await postRemittanceFile(db, received.fileId, { workerId: "bench", onPhase: phases?.mark, lanes });
  if (profile) await profile(`${arg("cpu-prof")}.${engine}.cpuprofile`);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await backendTicks(h);
  phases?.mark("(after the job)");
  phases?.print(engine);
  const postSeconds = (t2 - t1) / 1000;
  const serverTicks = serverBefore && serverAfter ? [...serverAfter].reduce((s, [pid, t]) => s + t - (serverBefore.get(pid) ?? 0), 0) : null;
  return {
    engine,
    lanes,
    claims: n,
    fileMB: Number((bytes.length / 1e6).toFixed(2)),
    receiveSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
    postSeconds: Number(postSeconds.toFixed(2)),
    claimsPerSecond: Math.round(n / postSeconds),
    posted: r.posted,
    denialItems: r.denials,
    postCpuSeconds: {
      process: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      server: serverTicks === null ? null : Number((serverTicks / ticksPerSecond).toFixed(2)),
    },
  };
}

async function main() {
  const n = Number(arg("claims") ?? 10_000);
  const json = process.argv.includes("--json");
  const log = (s: string) => {
    if (!json) console.log(`  ${s}`);
  };
  if (!json) console.log(`bench:posting — node ${process.version}, ${n.toLocaleString("en-US")} claims per 835\n`);
  const only = arg("engine");
  const explain = arg("explain");
  const explainMs = explain === undefined ? null : Number(explain);
  if (explainMs !== null && !(explainMs >= 0)) throw new Error(`--explain takes a number of milliseconds, not ${explain}`);
  const withPhases = process.argv.includes("--phases");
  // as the worker posts: two lanes unless REMIT_POSTING_LANES says otherwise (PostgreSQL only)
  const lanes = Number(arg("lanes") ?? process.env.REMIT_POSTING_LANES ?? 2);
  if (only !== undefined && only !== "pglite" && only !== "postgresql") throw new Error(`--engine must be pglite or postgresql, not ${only}`);
  const results: EngineResult[] = [];
  if (only !== "postgresql") {
    const pglite = await openDb({ migrate: true });
    try {
      results.push(await run("pglite", pglite, n, log, withPhases ? new Phases(null) : null, 1));
    } finally {
      await pglite.close();
    }
  }
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (only === "pglite") {
    // PostgreSQL not asked for
  } else if (pgUrl) {
    const pg = await throwawayPostgres(pgUrl, explainMs);
    try {
      results.push(await run("postgresql", pg, n, log, withPhases ? new Phases(new URL(pg.url!).pathname.slice(1)) : null, lanes));
    } finally {
      await pg.close();
    }
  } else if (!json) console.log("  postgresql: skipped (set BENCH_DATABASE_URL or DATABASE_URL)");
  if (json) {
    console.log(JSON.stringify({ claims: n, results }, null, 2));
    return;
  }
  console.log("");
  console.log("engine      lanes  claims   file MB  receive s  post s  claims/s  target    post CPU s (process + server)");
  for (const r of results) {
    const target = r.engine === "postgresql" ? (r.postSeconds < 5 ? "< 5 s ✓" : "< 5 s ✗") : "—";
    console.log(
      `${r.engine.padEnd(10)}  ${String(r.lanes).padStart(5)}  ${String(r.claims).padStart(6)}  ${r.fileMB.toFixed(1).padStart(7)}  ${r.receiveSeconds.toFixed(2).padStart(9)}  ${r.postSeconds.toFixed(2).padStart(6)}  ${String(r.claimsPerSecond).padStart(8)}  ${target.padEnd(8)}  ${r.postCpuSeconds.process.toFixed(2)} + ${r.postCpuSeconds.server === null ? "—" : r.postCpuSeconds.server.toFixed(2)}`,
    );
  }
}

main().catch((e) => {
  console.error(`bench:posting failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
