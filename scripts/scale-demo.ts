/**
 * `npm run scale:demo` — the app scaled out on this machine, against the local PostgreSQL:
 *   - a streaming read replica of the local server on 127.0.0.1:5433 (pg_basebackup into a second
 *     cluster; replication from loopback is allowed on the primary when it is not yet),
 *   - two `next start` processes (127.0.0.1:3401 and :3402) on the database `durva_scale`, with
 *     DATABASE_READ_URL on the replica, seeded with the demo on first start,
 *   - HAProxy on http://127.0.0.1:3480 in front of them (installed with apt-get when missing),
 *   - two job workers (`npm run worker`, pg-boss).
 * Builds the app first when there is no production build or the sources are newer. Prints the URL and
 * the logins, then runs until Ctrl+C, which stops everything and removes the replica (the database stays,
 * so the next start is quick).
 *
 *   npm run scale:demo -- --stop     stop a set-up left running (another terminal, a killed script)
 *   npm run scale:demo -- --reset    the same, and drop the demo database
 * Options: --database NAME (durva_scale), --primary URL (postgres://postgres@127.0.0.1:5432/postgres).
 * Logs: /tmp/durva-scale/logs/{app1,app2,worker1,worker2}.log, haproxy.log; replica: replica-5433/server.log.
 */
import { DEMO_LOGINS, DEMO_OPERATOR, DEMO_PRACTICE, OTHER_PRACTICE_LOGIN } from "@/db/seed/demo-logins";
import { ROLE_LABELS } from "@/server/domain/auth/roles";
import { defaultWorkDir, startScale, stopScale } from "./scale/cluster";
import { dropDatabaseSync } from "./scale/postgres";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const say = (line: string) => console.log(`[scale] ${line}`);
const workDir = defaultWorkDir();
const primaryUrl = arg("primary") ?? process.env.SCALE_PRIMARY_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = arg("database") ?? "durva_scale";

async function main() {
  if (process.argv.includes("--stop") || process.argv.includes("--reset")) {
    const done = await stopScale(workDir);
    for (const line of done) say(line);
    if (done.length === 0) say("nothing was running");
    if (process.argv.includes("--reset")) {
      dropDatabaseSync(primaryUrl, database);
      say(`dropped database ${database}`);
    }
    return;
  }
  const started = Date.now();
  const cluster = await startScale({
    primaryUrl,
    database,
    throwaway: false,
    appPorts: [3401, 3402],
    lbPort: 3480,
    replicaPort: 5433,
    workers: 2,
    workDir,
    env: { SEED_DEMO_ON_EMPTY: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "info" },
    say,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the app processes, the workers, HAProxy and the replica…`);
    await cluster.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("Ctrl+C"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    [
      "",
      `Durvalumab Billing, scaled out, is running at ${cluster.lbUrl}  (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
      "",
      `  HAProxy        ${cluster.lbUrl} (round robin, health checks on /api/health; x-served-by names the process)`,
      ...cluster.apps.map((a) => `  ${pad(a.name, 14)} ${a.url} (pid ${a.proc.pid}, log ${a.proc.log})`),
      ...cluster.workers.map((w) => `  ${pad(w.name, 14)} pid ${w.pid}, log ${w.log}`),
      `  primary        ${cluster.databaseUrl}`,
      `  replica        ${cluster.readUrl} (streaming; DATABASE_READ_URL of the app processes)`,
      "",
      `Demo logins for ${DEMO_PRACTICE.name}:`,
      ...DEMO_LOGINS.map((l) => `  ${pad(ROLE_LABELS[l.role], 24)} ${pad(l.email, 28)} ${l.password}`),
      `  ${pad("Other practice admin", 24)} ${pad(OTHER_PRACTICE_LOGIN.email, 28)} ${OTHER_PRACTICE_LOGIN.password}`,
      `  ${pad("Platform operator", 24)} ${pad(DEMO_OPERATOR.email, 28)} ${DEMO_OPERATOR.password}`,
      "",
      "Press Ctrl+C to stop everything (or, from another terminal: npm run scale:demo -- --stop).",
      "",
    ].join("\n"),
  );
  // Stay up; a process that dies is reported (HAProxy keeps serving through the other one).
  for (const p of [...cluster.apps.map((a) => a.proc), ...cluster.workers]) {
    void p.exited.then(() => {
      if (!stopping) say(`${p.name} (pid ${p.pid}) exited; see ${p.log}`);
    });
  }
}

main().catch((e) => {
  console.error(`[scale] ${(e as Error).message}`);
  process.exit(1);
});
