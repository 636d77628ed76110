/**
 * `npm run soak -- --minutes N` (default 1) [--users 4] [--think-ms 100] [--warmup-seconds S]
 * [--max-growth 0.15] [--pglite] [--database-url URL] [--url http://127.0.0.1:PORT [--pid PID]] [--port N]
 * [--keep] [--json]
 *
 * A mixed workload on loopback for N minutes, through the app's real HTTP surface as its pages use it:
 * sign-ins (Auth.js credentials, the four demo users), list pages (the tRPC queries of the worklists,
 * patients, claims, denials and prior-auth lists, with filters and sorts), documentation saves
 * (administrations.saveDocumentation on scheduled infusions), claim builds (claims.build on ready
 * infusions, then claims.cancel so the infusion can be built again) and 835 uploads (the upload route;
 * generated remittances, posted by the job worker). `--users` virtual users work in parallel, each
 * pausing up to `--think-ms` between actions.
 *
 * Needs the demo data. By default it starts its own app (the production build, `next start`; built
 * first when .next/BUILD_ID is missing) on a fresh PostgreSQL database seeded with the demo
 * (SEED_DEMO_ON_EMPTY=1; `soak_<pid>_<hex>` on BENCH_DATABASE_URL, DATABASE_URL or the local server)
 * with one job worker (`npm run worker`); `--pglite` uses a fresh embedded directory instead (the app
 * runs the jobs itself); `--database-url` starts the app and its worker on a PostgreSQL database that
 * already holds the demo, which the soak neither creates nor drops (`npm test` soaks on a copy of the
 * tests' demo template: tests/soak/ci-soak.ts); `--url` drives an app already running on this machine
 * (its process is found by the port, or `--pid`).
 *
 * Fails (exit 1, with the reasons) on any 5xx, on any write not read back as written at the end
 * (every documentation save, claim and 835 file it made), and on memory growth over `--max-growth`
 * (the mean RSS of the server's process tree over the last window — a third of the run, at most 60 s —
 * against the same window right after the warm-up, or the highest RSS of the warm-up's second half
 * when that was more: memory already held during the warm-up is not growth). The warm-up runs the same workload before the N
 * minutes: a quarter of them, 30–120 s (`--warmup-seconds`); its requests count like the others.
 * Prints requests by kind with p50/p95/p99, RSS after the warm-up and at the end. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DEMO_LOGINS } from "@/db/seed/demo-logins";
import { generate835 } from "./bench/remittance-835";
import { benchServerUrl } from "./bench/bench-practice";
import { ensureBuilt, freePort, pidListeningOn, sampleRss, startApp, startProcess } from "./load/app";
import { signIn, trpcMutation, trpcQuery, upload835, type Answer } from "./load/client";
import { listEndpoints, type ListEndpoint } from "./load/lists";
import { latencySummary, memoryGrowthBeyondWarmup, soakFailures } from "./load/stats";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const KINDS = ["sign-in", "list", "documentation", "claim-build", "claim-cancel", "835-upload"] as const;
type Kind = (typeof KINDS)[number];
const BILLER = DEMO_LOGINS.find((l) => l.role === "biller")!;

interface KindStats {
  ms: number[];
  ok: number;
  refused: number;
  serverErrors: number;
}

interface VirtualUser {
  cookie: string;
  docs: { id: string; revision: number }[];
  claims: { administrationId: string; claimId: string | null; dead: boolean }[];
}

class Soak {
  readonly stats = new Map<Kind, KindStats>(KINDS.map((k) => [k, { ms: [], ok: 0, refused: 0, serverErrors: 0 }]));
  readonly problems: string[] = [];
  readonly refusals: string[] = [];
  /** the last value each write left, to read back at the end */
  readonly docs = new Map<string, { notes: string; revision: number }>();
  readonly claims = new Map<string, { claimNumber: string; status: string }>();
  readonly files = new Map<string, { name: string; bytes: number }>();
  readonly run = randomBytes(3).toString("hex").toUpperCase();
  private seq = 0;

  constructor(
    readonly baseUrl: string,
    readonly endpoints: ListEndpoint[],
  ) {}

  next(): number {
    return ++this.seq;
  }

  /** Counts one answer; true when it is a 2xx. A 5xx or a failed request is a problem; a 4xx on a write is a refusal. */
  record(kind: Kind, a: { status: number; ms: number; error?: string }, refusalAllowed: boolean): boolean {
    const s = this.stats.get(kind)!;
    s.ms.push(a.ms);
    if (a.status >= 200 && a.status < 300 && !a.error) {
      s.ok++;
      return true;
    }
    if (a.status >= 500 || a.status === 0) {
      s.serverErrors++;
      this.problems.push(`${kind}: HTTP ${a.status || "request failed"} ${a.error ?? ""}`.trim());
    } else if (refusalAllowed) {
      s.refused++;
      if (this.refusals.length < 20) this.refusals.push(`${kind}: HTTP ${a.status} ${a.error ?? ""}`.trim());
    } else {
      s.refused++;
      this.problems.push(`${kind}: HTTP ${a.status} ${a.error ?? ""}`.trim());
    }
    return false;
  }
}

async function guarded<T>(p: Promise<Answer<T>>): Promise<Answer<T>> {
  try {
    return await p;
  } catch (e) {
    return { status: 0, ms: 0, error: (e as Error).message };
  }
}

async function actList(s: Soak, u: VirtualUser) {
  const e = s.endpoints[Math.floor(Math.random() * s.endpoints.length)]!;
  const v = e.variants[Math.floor(Math.random() * e.variants.length)]!;
  s.record("list", await guarded(trpcQuery(s.baseUrl, u.cookie, e.procedure, v)), false);
}

async function actSignIn(s: Soak) {
  const login = DEMO_LOGINS[Math.floor(Math.random() * DEMO_LOGINS.length)]!;
  let a: Answer<unknown>;
  try {
    const r = await signIn(s.baseUrl, login.email, login.password);
    a = { status: r.cookie ? 200 : r.status, ms: r.ms, error: r.cookie ? undefined : "no session" };
    if (r.cookie) {
      // the new session works: the page the sign-in lands on
      const check = await guarded(trpcQuery(s.baseUrl, r.cookie, "worklists.counts", undefined));
      if (check.status !== 200) a = { ...check, ms: r.ms + check.ms };
    }
  } catch (e) {
    a = { status: 0, ms: 0, error: (e as Error).message };
  }
  s.record("sign-in", a, false);
}

async function actDocument(s: Soak, u: VirtualUser) {
  const d = u.docs[Math.floor(Math.random() * u.docs.length)];
  if (!d) return actList(s, u);
  const notes = `Soak ${s.run} note ${s.next()}`;
  const a = await guarded(trpcMutation<{ revision?: number }>(s.baseUrl, u.cookie, "administrations.saveDocumentation", { administrationId: d.id, baseRevision: d.revision, notes }));
  if (s.record("documentation", a, true) && a.data?.revision !== undefined) {
    d.revision = a.data.revision;
    s.docs.set(d.id, { notes, revision: a.data.revision });
  }
}

async function actClaim(s: Soak, u: VirtualUser) {
  const live = u.claims.filter((c) => !c.dead);
  const c = live[Math.floor(Math.random() * live.length)];
  if (!c) return actList(s, u);
  if (c.claimId === null) {
    const a = await guarded(trpcMutation<{ id: string; status: string; claimNumber: string }>(s.baseUrl, u.cookie, "claims.build", { administrationIds: [c.administrationId] }));
    if (s.record("claim-build", a, true) && a.data) {
      c.claimId = a.data.id;
      s.claims.set(a.data.id, { claimNumber: a.data.claimNumber, status: a.data.status });
    } else c.dead = true;
  } else {
    const a = await guarded(trpcMutation<{ id: string; status: string }>(s.baseUrl, u.cookie, "claims.cancel", { claimId: c.claimId, reason: `Soak ${s.run}: cancelled to build again` }));
    if (s.record("claim-cancel", a, true) && a.data) {
      s.claims.set(c.claimId, { ...s.claims.get(c.claimId)!, status: a.data.status });
      c.claimId = null;
    } else c.dead = true;
  }
}

async function actUpload(s: Soak, u: VirtualUser) {
  const k = s.next();
  const text = generate835(
    [1, 2, 3].map((i) => ({ claimNumber: `SOAK${s.run}${k}X${i}`, dos: "2026-09-14" })),
    { trace: `SOAK${s.run}${k}`, icn: 100000 + k },
  );
  const name = `soak-${s.run}-${k}.835`;
  const a = await guarded(upload835<{ fileId?: string; outcome?: string }>(s.baseUrl, u.cookie, name, text));
  if (s.record("835-upload", a, true) && a.data?.fileId) s.files.set(a.data.fileId, { name, bytes: Buffer.byteLength(text, "latin1") });
}

/** Every write read back as this run left it; returns what differs. */
async function readBack(s: Soak, cookie: string, log: (m: string) => void): Promise<string[]> {
  const lost: string[] = [];
  const q = <T>(proc: string, input: unknown) => guarded(trpcQuery<T>(s.baseUrl, cookie, proc, input));
  // 835 files: wait until the worker has finished them (posted, not posted, duplicate or failed)
  const until = Date.now() + 180_000;
  const pending = new Set(s.files.keys());
  while (pending.size > 0 && Date.now() < until) {
    for (const id of [...pending]) {
      const r = await q<{ status: string }>("remittances.file", { fileId: id });
      if (r.data && !["received", "queued", "posting"].includes(r.data.status)) pending.delete(id);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 2000));
  }
  if (pending.size > 0) s.problems.push(`${pending.size} uploaded 835 file(s) still not posted 3 minutes after the run`);
  for (const [id, f] of s.files) {
    const r = await q<{ fileName: string; bytes: number; status: string; lastError: string | null }>("remittances.file", { fileId: id });
    if (!r.data) lost.push(`835 file ${f.name}: ${r.status} ${r.error ?? ""}`);
    else if (r.data.fileName !== f.name || r.data.bytes !== f.bytes) lost.push(`835 file ${f.name}: stored as ${r.data.fileName}, ${r.data.bytes} bytes (sent ${f.bytes})`);
    else if (r.data.status === "failed") s.problems.push(`835 file ${f.name}: posting failed (${r.data.lastError ?? "no reason"})`);
  }
  for (const [id, d] of s.docs) {
    const r = await q<{ revision: number; documentation: { values: { notes: string | null } } | null }>("administrations.get", { administrationId: id });
    if (!r.data) lost.push(`documentation of ${id}: ${r.status} ${r.error ?? ""}`);
    else if (r.data.revision !== d.revision || r.data.documentation?.values.notes !== d.notes) {
      lost.push(`documentation of ${id}: revision ${r.data.revision}, notes "${r.data.documentation?.values.notes}" (wrote revision ${d.revision}, "${d.notes}")`);
    }
  }
  for (const [id, c] of s.claims) {
    const r = await q<{ claim: { claimNumber: string; status: string } }>("claims.get", { claimId: id });
    if (!r.data) lost.push(`claim ${c.claimNumber}: ${r.status} ${r.error ?? ""}`);
    else if (r.data.claim.claimNumber !== c.claimNumber || r.data.claim.status !== c.status) lost.push(`claim ${c.claimNumber}: ${r.data.claim.claimNumber} ${r.data.claim.status} (expected ${c.status})`);
  }
  log(`read back ${s.files.size} 835 files, ${s.docs.size} documentation records, ${s.claims.size} claims: ${lost.length} differ`);
  return lost;
}

/** Scheduled infusions without documentation (to document) and ready ones no claim holds (to build), split over the users. */
async function targets(baseUrl: string, cookie: string, users: VirtualUser[]) {
  const due = await trpcQuery<{ items: { id: string; status: string }[] }>(baseUrl, cookie, "worklists.list", { list: "due", page: 1, pageSize: 100, sort: "date", dir: "asc" });
  let n = 0;
  for (const item of due.data?.items ?? []) {
    if (item.status !== "scheduled" || n >= users.length * 3) continue;
    const d = await trpcQuery<{ revision: number; documentation: unknown }>(baseUrl, cookie, "administrations.get", { administrationId: item.id });
    if (d.data && d.data.documentation === null) users[n++ % users.length]!.docs.push({ id: item.id, revision: d.data.revision });
  }
  const unbilled = await trpcQuery<{ items: { id: string }[] }>(baseUrl, cookie, "claims.unbilled", { page: 1, pageSize: 100, sort: "dos", dir: "asc" });
  (unbilled.data?.items ?? []).slice(0, users.length * 3).forEach((item, i) => users[i % users.length]!.claims.push({ administrationId: item.id, claimId: null, dead: false }));
}

async function main() {
  const minutes = Number(arg("minutes") ?? 1);
  const userCount = Number(arg("users") ?? 4);
  const thinkMs = Number(arg("think-ms") ?? 100);
  const maxGrowth = Number(arg("max-growth") ?? 0.15);
  const json = process.argv.includes("--json");
  const keep = process.argv.includes("--keep");
  const pglite = process.argv.includes("--pglite");
  const url = arg("url");
  const durationMs = minutes * 60_000;
  // the warm-up runs the same workload before the N minutes (JIT, caches, pools, the heap's first growth)
  const warmupMs = arg("warmup-seconds") ? Number(arg("warmup-seconds")) * 1000 : Math.min(120_000, Math.max(30_000, durationMs / 4));
  const windowMs = Math.min(60_000, durationMs / 3);
  const log = (m: string) => (json ? console.error(m) : console.log(m));

  const cleanups: (() => Promise<void>)[] = [];
  let baseUrl: string;
  let serverPid: number | null;
  let appTail: (() => string) | null = null;
  let workerPid: number | null = null;
  let mode: string;
  try {
    if (url) {
      baseUrl = url.replace(/\/$/, "");
      serverPid = arg("pid") ? Number(arg("pid")) : pidListeningOn(Number(new URL(baseUrl).port || 80));
      if (serverPid === null) throw new Error(`no process of this machine listens on ${baseUrl}: give its --pid`);
      mode = `running app ${baseUrl} (pid ${serverPid})`;
    } else {
      ensureBuilt(log);
      const port = arg("port") ? Number(arg("port")) : await freePort();
      const env: Record<string, string> = { SEED_DEMO_ON_EMPTY: "1" };
      const databaseUrl = arg("database-url");
      if (databaseUrl) {
        env.DATABASE_URL = databaseUrl;
        mode = `own app on the given PostgreSQL database ${new URL(databaseUrl).pathname.slice(1)} with one job worker`;
      } else if (pglite) {
        const dir = mkdtempSync(path.join(tmpdir(), "soak-pglite-"));
        cleanups.push(async () => (keep ? log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
        env.PGLITE_DIR = dir;
        mode = `own app on a fresh embedded database ${dir}`;
      } else {
        const base = benchServerUrl();
        const name = `soak_${process.pid}_${randomBytes(3).toString("hex")}`;
        const admin = postgres(base, { max: 1, onnotice: () => {} });
        await admin.unsafe(`create database "${name}"`);
        cleanups.push(async () => {
          if (keep) log(`kept database ${name}`);
          else await admin.unsafe(`drop database if exists "${name}" with (force)`);
          await admin.end();
        });
        const dbUrl = new URL(base);
        dbUrl.pathname = `/${name}`;
        env.DATABASE_URL = dbUrl.toString();
        mode = `own app on a fresh PostgreSQL database ${name} with one job worker`;
      }
      log(`soak: starting the app (migrations and the demo seed run at its start)…`);
      const app = await startApp({ port, env, log });
      cleanups.push(() => app.stop());
      appTail = app.tail;
      baseUrl = app.baseUrl;
      serverPid = app.pid;
      if (env.DATABASE_URL) {
        // after the app is up: the migrations have run and the demo is seeded
        const worker = startProcess(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/worker.ts"], { DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
        cleanups.push(() => worker.stop());
        workerPid = worker.pid;
      }
    }
    log(`soak: ${minutes} min after a warm-up of ${(warmupMs / 1000).toFixed(0)} s, ${userCount} users — ${mode}`);

    const first = await signIn(baseUrl, BILLER.email, BILLER.password);
    const options = await trpcQuery<{ payers: { id: string }[]; providers: { id: string }[]; locations: { id: string }[] }>(baseUrl, first.cookie, "worklists.filterOptions", undefined);
    const s = new Soak(
      baseUrl,
      listEndpoints({ payerIds: options.data?.payers.map((p) => p.id) ?? [], providerIds: options.data?.providers.map((p) => p.id) ?? [], locationIds: options.data?.locations.map((p) => p.id) ?? [] }),
    );
    const users: VirtualUser[] = [];
    for (let i = 0; i < userCount; i++) users.push({ cookie: (await signIn(baseUrl, BILLER.email, BILLER.password)).cookie, docs: [], claims: [] });
    await targets(baseUrl, first.cookie, users);
    log(`targets: ${users.reduce((n, u) => n + u.docs.length, 0)} scheduled infusions to document, ${users.reduce((n, u) => n + u.claims.length, 0)} ready infusions to build claims for`);

    const rss = sampleRss(serverPid, 1000);
    const workerRss = workerPid ? sampleRss(workerPid, 5000) : null;
    const start = Date.now();
    const deadline = start + warmupMs + durationMs;
    const actions: [number, (u: VirtualUser) => Promise<void>][] = [
      [55, (u) => actList(s, u)],
      [12, () => actSignIn(s)],
      [15, (u) => actDocument(s, u)],
      [12, (u) => actClaim(s, u)],
      [6, (u) => actUpload(s, u)],
    ];
    const total = actions.reduce((n, [w]) => n + w, 0);
    let lastReport = start;
    await Promise.all(
      users.map(async (u) => {
        while (Date.now() < deadline) {
          let r = Math.random() * total;
          const act = actions.find(([w]) => (r -= w) < 0)?.[1] ?? actions[0]![1];
          await act(u);
          if (Date.now() - lastReport > 15_000) {
            lastReport = Date.now();
            const n = [...s.stats.values()].reduce((x, k) => x + k.ms.length, 0);
            log(`  ${((Date.now() - start) / 1000).toFixed(0)} s: ${n} requests, server RSS ${rss.samples.at(-1)?.rssMb.toFixed(0) ?? "?"} MB, ${s.problems.length} problems`);
          }
          await new Promise((res) => setTimeout(res, Math.random() * thinkMs));
        }
      }),
    );
    rss.stop();
    workerRss?.stop();
    const elapsed = Date.now() - start;
    const memory = memoryGrowthBeyondWarmup(rss.samples, warmupMs, windowMs);

    const reader = await signIn(baseUrl, BILLER.email, BILLER.password);
    const lost = await readBack(s, reader.cookie, log);
    const writeKinds: Kind[] = ["documentation", "claim-build", "835-upload"];
    const other = [...s.problems.filter((p) => !/HTTP 5\d\d|request failed/.test(p)).slice(0, 10)];
    for (const k of writeKinds) if (s.stats.get(k)!.ok === 0) other.push(`no ${k} succeeded: the workload did not exercise it`);
    const serverErrors = [...s.stats.values()].reduce((n, k) => n + k.serverErrors, 0);
    // what the server errors were, and what the app logged about them (its last lines, warnings and errors)
    other.push(...s.problems.filter((p) => /HTTP 5\d\d|request failed/.test(p)).slice(0, 3).map((p) => `server error: ${p}`));
    if (serverErrors > 0 && appTail) log(`the app's last log lines:\n${appTail()}`);
    const failures = soakFailures({ serverErrors, lostWrites: lost, memory, maxGrowth, other });

    const requests = Object.fromEntries(
      KINDS.map((k) => {
        const st = s.stats.get(k)!;
        return [k, { count: st.ms.length, ok: st.ok, refused: st.refused, serverErrors: st.serverErrors, ...latencySummary(st.ms) }];
      }),
    );
    const summary = {
      passed: failures.length === 0,
      minutes: Math.round(((elapsed - warmupMs) / 60_000) * 100) / 100,
      warmupSeconds: Math.round(warmupMs / 1000),
      users: userCount,
      requests,
      rss: { warmMb: memory?.warmMb ?? null, warmupPeakMb: memory?.peakMb ?? null, endMb: memory?.endMb ?? null, growthPct: memory ? Math.round(memory.growth * 1000) / 10 : null, maxMb: Math.round(rss.max()), workerMaxMb: workerRss ? Math.round(workerRss.max()) : null },
      writes: { documentation: s.docs.size, claims: s.claims.size, files: s.files.size, lost: lost.length },
      failures,
    };
    if (json) console.log(JSON.stringify(summary));
    else {
      log(`\nsoak ${summary.passed ? "PASSED" : "FAILED"} after ${summary.minutes} min and ${summary.warmupSeconds} s of warm-up (${mode})`);
      for (const [k, r] of Object.entries(requests)) {
        log(`  ${k.padEnd(14)} ${String(r.count).padStart(6)} requests  ${String(r.ok).padStart(6)} ok  ${String(r.refused).padStart(4)} refused  ${String(r.serverErrors).padStart(3)} 5xx   p50 ${r.p50Ms.toFixed(1).padStart(7)} ms  p95 ${r.p95Ms.toFixed(1).padStart(7)} ms  p99 ${r.p99Ms.toFixed(1).padStart(7)} ms`);
      }
      log(`  server RSS: ${summary.rss.warmMb ?? "?"} MB after the warm-up, ${summary.rss.endMb ?? "?"} MB at the end (${summary.rss.growthPct ?? "?"} %), max ${summary.rss.maxMb} MB${summary.rss.workerMaxMb ? `; job worker max ${summary.rss.workerMaxMb} MB` : ""}`);
      log(`  writes read back: ${s.docs.size} documentation records, ${s.claims.size} claims, ${s.files.size} 835 files; ${lost.length} lost`);
      if (s.refusals.length > 0) log(`  refused writes (conflicts the app answered in words; not failures):\n    ${s.refusals.slice(0, 5).join("\n    ")}`);
      for (const f of failures) log(`  ✗ ${f}`);
    }
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e: Error) => log(`cleanup: ${e.message}`));
  }
}

main().catch((e) => {
  console.error(`soak failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
