import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabaseSync, ensureReplicationAllowed, removeReplica, serverBinDir, startReplica, urlWithDatabase, type Replica, type Say } from "./postgres";
import { ensureBuilt, ensureHaproxy, haproxyConfig, startApp, startHaproxy, startWorker, tailOf, waitHealthy, type Proc } from "./processes";

/**
 * The scale-out set-up on one machine: the local PostgreSQL (primary) with a streaming replica made by
 * pg_basebackup, two `next start` processes behind HAProxy, two job workers. Used by
 * `npm run scale:demo` and by the scale tests (tests/scale). Everything it starts is written to a state
 * file as it goes, so `stopScale`/`cleanupFromState` can stop it from another process, or after a crash.
 */

export interface ScaleOptions {
  /** the primary server, any database (default: the local server's `postgres` database) */
  primaryUrl: string;
  /** the app's database on the primary (and, by replication, on the replica) */
  database: string;
  /** drop and create the database at start, and drop it at stop (tests); else keep it (the demo) */
  throwaway: boolean;
  appPorts: number[];
  lbPort: number;
  replicaPort: number;
  workers: number;
  /** replica data, HAProxy's configuration, logs and the state file */
  workDir: string;
  /** extra environment for the app processes and the workers */
  env?: Record<string, string>;
  say: Say;
}

export interface ScaleCluster {
  lbUrl: string;
  apps: { name: string; url: string; proc: Proc }[];
  workers: Proc[];
  /** the app's database on the primary and on the replica */
  databaseUrl: string;
  readUrl: string;
  replica: Replica;
  env: NodeJS.ProcessEnv;
  /** starts one more worker (e.g. after one was killed) */
  startWorker(name: string): Proc;
  stop(): Promise<void>;
}

interface State {
  owner: number;
  pids: number[];
  replicaDir?: string;
  binDir?: string;
  primaryUrl: string;
  dropDatabase?: string;
}

export function defaultWorkDir(): string {
  return path.join(tmpdir(), "durva-scale");
}

const stateFile = (workDir: string) => path.join(workDir, "state.json");

/**
 * `--stop` from another terminal: asks the process that started the set-up to stop it (SIGTERM, it
 * stops everything gracefully), then cleans up whatever is left (that process was killed, say).
 */
export async function stopScale(workDir: string): Promise<string[]> {
  const s = readState(workDir);
  if (!s) return [];
  const done: string[] = [];
  if (s.owner !== process.pid && alive(s.owner)) {
    process.kill(s.owner, "SIGTERM");
    for (let i = 0; i < 600 && alive(s.owner); i++) await new Promise((r) => setTimeout(r, 100));
    done.push(`stopped the set-up started by process ${s.owner}`);
  }
  return [...done, ...cleanupFromState(workDir)];
}

function readState(workDir: string): State | null {
  try {
    return JSON.parse(readFileSync(stateFile(workDir), "utf8")) as State;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops whatever a state file records (synchronous, so it also works while a process exits): the process
 * groups, the replica cluster and its directory, a throwaway database. Returns what it did.
 */
export function cleanupFromState(workDir: string): string[] {
  const s = readState(workDir);
  if (!s) return [];
  const done: string[] = [];
  for (const pid of s.pids) {
    if (!alive(pid)) continue;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    done.push(`killed process ${pid}`);
  }
  if (s.replicaDir && existsSync(s.replicaDir)) {
    removeReplica(s.replicaDir, s.binDir ?? null);
    done.push(`stopped and removed the replica in ${s.replicaDir}`);
  }
  if (s.dropDatabase) {
    dropDatabaseSync(s.primaryUrl, s.dropDatabase);
    done.push(`dropped database ${s.dropDatabase}`);
  }
  rmSync(stateFile(workDir), { force: true });
  return done;
}

async function portFree(port: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

export async function startScale(o: ScaleOptions): Promise<ScaleCluster> {
  const { say } = o;
  mkdirSync(o.workDir, { recursive: true });
  const previous = readState(o.workDir);
  if (previous && previous.owner !== process.pid && alive(previous.owner)) {
    throw new Error(`A scale set-up started by process ${previous.owner} is running (${o.workDir}). Stop it first: npm run scale:demo -- --stop`);
  }
  for (const line of cleanupFromState(o.workDir)) say(`left over from an earlier run: ${line}`);
  for (const port of [...o.appPorts, o.lbPort, o.replicaPort]) {
    if (!(await portFree(port))) throw new Error(`Port ${port} on 127.0.0.1 is in use; the scale set-up needs ${[...o.appPorts, o.lbPort, o.replicaPort].join(", ")}.`);
  }
  const logDir = path.join(o.workDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const state: State = { owner: process.pid, pids: [], primaryUrl: o.primaryUrl };
  const save = () => writeFileSync(stateFile(o.workDir), JSON.stringify(state, null, 2));
  save();
  const procs: Proc[] = [];
  const track = (p: Proc) => {
    procs.push(p);
    state.pids.push(p.pid);
    save();
    return p;
  };

  let replica: Replica | undefined;
  const stop = async () => {
    await Promise.all(procs.map((p) => p.stop()));
    state.pids = [];
    save();
    cleanupFromState(o.workDir);
  };
  try {
    ensureBuilt(say);
    const haproxyBin = ensureHaproxy(say);
    await ensureReplicationAllowed(o.primaryUrl, say);
    const binDir = await serverBinDir(o.primaryUrl);
    await createDatabase(o.primaryUrl, o.database, { fresh: o.throwaway });
    if (o.throwaway) state.dropDatabase = o.database;
    state.replicaDir = path.join(o.workDir, `replica-${o.replicaPort}`);
    state.binDir = binDir;
    save();
    const replicaDir = state.replicaDir;

    const databaseUrl = urlWithDatabase(o.primaryUrl, o.database);
    const readUrl = urlWithDatabase(o.primaryUrl, o.database, o.replicaPort);
    const lbUrl = `http://127.0.0.1:${o.lbPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_READ_URL: readUrl,
      // every process signs and checks session cookies with the same secret
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      AUTH_URL: lbUrl,
      AUTH_TRUST_HOST: "true",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // 2 app processes × (8 + 2 for pg-boss) + 2 workers × (8 + 3): well inside max_connections = 100
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "8",
      ...o.env,
    };
    delete env.PGLITE_DIR;

    // The replica is copied while the processes start: the app reads from it only once it answers (until
    // then its lag-tolerant reads go to the primary), and whatever they write meanwhile streams to it.
    const replicaReady = startReplica({ primaryUrl: o.primaryUrl, port: o.replicaPort, dataDir: replicaDir, binDir, say });
    replicaReady.catch(() => undefined);

    // All app processes and workers start together on the database: they migrate it (a new database:
    // every migration) and load the reference data at the same moment, as a rolling deploy would.
    say(`starting ${o.appPorts.length} app processes on ${o.appPorts.join(", ")} and ${o.workers} workers (they migrate the database together)`);
    const apps = o.appPorts.map((port, i) => {
      const name = `app${i + 1}`;
      return { name, url: `http://127.0.0.1:${port}`, proc: track(startApp(name, port, env, logDir)) };
    });
    const newWorker = (name: string) => track(startWorker(name, { ...env, PORT: "" }, logDir));
    const workers = Array.from({ length: o.workers }, (_, i) => newWorker(`worker${i + 1}`));
    const healthTimeout = Number(process.env.SCALE_START_TIMEOUT_MS ?? 300_000);
    await Promise.all(apps.map((a) => waitHealthy(`${a.url}/api/health`, a.proc, healthTimeout)));
    say("app processes healthy");

    const lb = track(startHaproxy(haproxyBin, haproxyConfig({ port: o.lbPort, backends: apps.map((a) => ({ name: a.name, port: Number(new URL(a.url).port) })) }), o.workDir));
    await waitHealthy(`${lbUrl}/api/health`, lb, 30_000);
    say(`HAProxy on ${lbUrl}`);
    replica = await replicaReady;
    for (const wk of workers) {
      if (wk.child.exitCode !== null || wk.child.signalCode !== null) throw new Error(`${wk.name} exited; its log ${wk.log} ends with:\n${tailOf(wk.log)}`);
    }
    return { lbUrl, apps, workers, databaseUrl, readUrl, replica, env, startWorker: newWorker, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
