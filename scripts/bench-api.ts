/**
 * `npm run bench:api [-- --administrations 1000000] [--seconds 60] [--rate 200] [--connections 20] [--warmup 5] [--json] [--keep]`
 * (`--port N` for the app, default a free one; `--only a,b` picks endpoints; `--database NAME --reuse`
 * drives a database kept with --keep again, without seeding; `--processes N` runs N `next start`
 * processes behind Debian's HAProxy, round robin, as `npm run scale:demo` does, and drives HAProxy)
 *
 * Seeds a fresh PostgreSQL database with the dashboard benchmark's synthetic practice of N
 * administrations (scripts/bench/bench-practice.ts) plus the demo biller and the stored readiness
 * (scripts/bench/api-seed.ts), starts the production build (`next start`; runs `next build` first when
 * there is no .next/BUILD_ID) on 127.0.0.1 against it, signs in as the biller through Auth.js, then
 * drives each list endpoint — every worklist tab, the patient list, the claims list, the denial queue
 * and the prior-auth worklist, the tRPC GET queries the pages send, cycling through filters and sorts —
 * with autocannon at `--rate` requests/s for `--seconds` each, after a warm-up (each variant three
 * times, then `--warmup` seconds, default 5, at the measured rate, not counted). Prints p50/p95/p99
 * (from every response's own time), the rate reached, errors (non-2xx, timeouts, socket errors) and
 * the server's peak RSS (VmRSS of the `next start` process and its children, sampled every 500 ms; with
 * several processes, the largest peak of any one of them: the target is per process).
 * `--json` prints only `{ "rows", "endpoints": [{ "name", "rps", "p50Ms", "p95Ms", "p99Ms", "errors" }], "rssMb" }`.
 * The database is dropped at the end unless --keep. Targets (issue 13, at 1,000,000): p95 < 50 ms,
 * p99 < 250 ms at 200 requests/s, no errors, RSS < 400 MB.
 */
import autocannon from "autocannon";
import { openBenchDatabase } from "./bench/bench-practice";
import { BENCH_LOGIN, seedApiExtras } from "./bench/api-seed";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cpuMs, ensureBuilt, freePort, sampleRss, startApp, type RunningApp } from "./load/app";
import { ensureHaproxy, haproxyConfig, startHaproxy, waitHealthy, type Proc } from "./scale/processes";
import { signIn, trpcQuery } from "./load/client";
import { listEndpoints, type ListEndpoint } from "./load/lists";
import { benchApiReport, latencySummary, trpcGetPath, type EndpointResult } from "./load/stats";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function drive(baseUrl: string, cookie: string, e: ListEndpoint, opts: { rate: number; seconds: number; connections: number }): Promise<EndpointResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: opts.connections,
        overallRate: opts.rate,
        duration: opts.seconds,
        timeout: 10,
        headers: { cookie },
        requests: e.variants.map((v) => ({ method: "GET", path: trpcGetPath(e.procedure, v) })),
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({ name: e.name, rps: r.requests.total / (r.duration || opts.seconds), ...latencySummary(latencies), errors: r.non2xx + r.errors + r.timeouts });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

async function main() {
  const n = Number(arg("administrations") ?? 1_000_000);
  const seconds = Number(arg("seconds") ?? 60);
  const rate = Number(arg("rate") ?? 200);
  const connections = Number(arg("connections") ?? 20);
  // seconds of load before each measured run, not counted (--warmup 0 to skip)
  const warmup = Number(arg("warmup") ?? 5);
  const json = process.argv.includes("--json");
  const keep = process.argv.includes("--keep");
  const reuse = process.argv.includes("--reuse");
  const only = arg("only")?.split(",");
  const log = (s: string) => (json ? console.error(s) : console.log(s));

  ensureBuilt(log);
  log(`bench:api — ${reuse ? "a kept database" : `${n.toLocaleString("en-US")} administrations`}, ${rate} requests/s for ${seconds} s per endpoint`);
  const bench = await openBenchDatabase({ prefix: "apibench", administrations: n, name: arg("database"), reuse, log });
  const processes = Math.max(1, Number(arg("processes") ?? 1));
  const apps: RunningApp[] = [];
  let haproxy: Proc | undefined;
  let haproxyDir: string | undefined;
  let rss: ReturnType<typeof sampleRss>[] = [];
  const rssMax = () => rss.reduce((m, r) => Math.max(m, r.max()), 0);
  try {
    if (!reuse) await seedApiExtras(bench.sql, bench.handle.db, bench.practiceId, log);
    const port = arg("port") ? Number(arg("port")) : await freePort();
    let baseUrl: string;
    if (processes === 1) {
      apps.push(await startApp({ port, env: { DATABASE_URL: bench.url }, log }));
      baseUrl = apps[0]!.baseUrl;
    } else {
      // Every process gets the same AUTH_SECRET, so a cookie from one is read by the others.
      const env = { DATABASE_URL: bench.url, AUTH_SECRET: process.env.AUTH_SECRET ?? `bench-${process.pid}-${Date.now()}-shared-secret` };
      const backends: { name: string; port: number }[] = [];
      for (let i = 0; i < processes; i++) {
        const p = await freePort();
        apps.push(await startApp({ port: p, env, log }));
        backends.push({ name: `app${i + 1}`, port: p });
      }
      haproxyDir = mkdtempSync(path.join(tmpdir(), "bench-api-haproxy-"));
      haproxy = startHaproxy(ensureHaproxy(log), haproxyConfig({ port, backends }), haproxyDir);
      baseUrl = `http://127.0.0.1:${port}`;
      await waitHealthy(`${baseUrl}/api/health`, haproxy, 30_000);
      log(`HAProxy on ${baseUrl} in front of ${processes} app processes (round robin)`);
    }
    rss = apps.map((a) => sampleRss(a.pid, 500));
    const app = { baseUrl };
    const { cookie } = await signIn(app.baseUrl, BENCH_LOGIN.email, BENCH_LOGIN.password);
    const s = bench.setup;
    const endpoints = listEndpoints({
      payerIds: Object.values(s.payers),
      providerIds: Object.values(s.providers),
      locationIds: Object.values(s.locations),
    }).filter((e) => !only || only.includes(e.name));

    const results: EndpointResult[] = [];
    for (const e of endpoints) {
      // warm-up: every variant three times, one after the other (compiles, plans, caches); a variant
      // the server refuses is reported here with its message
      for (let i = 0; i < 3; i++) {
        for (const v of e.variants) {
          const r = await trpcQuery<{ total?: number }>(app.baseUrl, cookie, e.procedure, v);
          if (r.status !== 200) log(`  ${e.name} ${JSON.stringify(v)}: HTTP ${r.status} ${r.error ?? ""}`);
          else if (i === 2 && !json) log(`  ${e.name.padEnd(20)} ${JSON.stringify(v).slice(0, 110).padEnd(110)} ${String(r.data?.total ?? "?").padStart(9)} rows  ${r.ms.toFixed(0).padStart(5)} ms`);
        }
      }
      // then a few seconds at the measured rate, not counted: the first load on a process grows its heap
      // and compiles the hot paths, and autocannon's per-second quota loses what a stalled second misses
      // (the first endpoint measured 197 requests/s where it made 199.9 after another had run)
      if (warmup > 0) await drive(app.baseUrl, cookie, e, { rate, seconds: warmup, connections });
      const cpu0 = cpuMs(apps.map((a) => a.pid));
      const load0 = process.cpuUsage();
      const r = await drive(app.baseUrl, cookie, e, { rate, seconds, connections });
      const cpu1 = cpuMs(apps.map((a) => a.pid));
      const load1 = process.cpuUsage(load0);
      results.push(r);
      const done = Math.max(1, Math.round(r.rps * seconds));
      const per = (ms: number) => (ms / done).toFixed(1);
      const cpuLine =
        `${"".padEnd(20)} CPU per request: app ${per(cpu1.appMs - cpu0.appMs)} ms, PostgreSQL ${per(cpu1.postgresMs - cpu0.postgresMs)} ms, load generator ${per((load1.user + load1.system) / 1000)} ms`;
      log(
        `${r.name.padEnd(20)} ${r.rps.toFixed(1).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(1).padStart(7)} ms  p95 ${r.p95Ms.toFixed(1).padStart(7)} ms  p99 ${r.p99Ms.toFixed(1).padStart(7)} ms  errors ${r.errors}  RSS max so far ${rssMax().toFixed(0)} MB` +
          `${r.p95Ms < 50 ? "" : "  ✗ p95 ≥ 50 ms"}${r.p99Ms < 250 ? "" : "  ✗ p99 ≥ 250 ms"}`,
      );
      log(cpuLine);
    }
    for (const r of rss) r.stop();
    // the administrations in the database (n, or what a reused database holds)
    const [count] = await bench.sql`select count(*)::int as n from administrations where practice_id = ${bench.practiceId}`;
    const report = benchApiReport(Number(count!.n), results, rssMax());
    log(`server RSS max ${report.rssMb} MB${processes > 1 ? ` (the largest of ${processes} processes: ${rss.map((r) => r.max().toFixed(0)).join(", ")} MB)` : ""}${report.rssMb < 400 ? "" : "  ✗ (target < 400 MB)"}`);
    if (json) console.log(JSON.stringify(report));
  } finally {
    for (const r of rss) r.stop();
    await haproxy?.stop();
    if (haproxyDir) rmSync(haproxyDir, { recursive: true, force: true });
    await Promise.all(apps.map((a) => a.stop()));
    await bench.close(keep);
  }
}

main().catch((e) => {
  console.error(`bench:api failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
