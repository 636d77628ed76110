import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/**
 * Starting the built app (`next start`) on loopback for the load scripts, and reading its memory.
 */

/** A free TCP port on 127.0.0.1 (asked of the kernel). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the app when there is no production build (.next/BUILD_ID); `next build` takes minutes. */
export function ensureBuilt(log: (s: string) => void): void {
  if (existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return;
  log("no production build (.next/BUILD_ID): running `next build` first (several minutes)…");
  const r = spawnSync(process.execPath, [nextBin(), "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv });
  if (r.status !== 0) throw new Error("next build failed");
}

function nextBin(): string {
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

/** The fields of /proc/PID/stat after the command name (its 3rd field is the first one); null when gone. */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // gone between readdir and read
  }
}

/** Every process of the machine with its stat fields, and each one's children. */
function processTable(): { stats: Map<number, string[]>; children: Map<number, number[]> } {
  const stats = new Map<number, string[]>();
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const f = statFields(d);
    if (!f) continue;
    stats.set(Number(d), f);
    const ppid = Number(f[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(d));
    children.set(ppid, list);
  }
  return { stats, children };
}

/** The pids of processes and all their descendants. */
function descendants(roots: readonly number[], children: Map<number, number[]>): number[] {
  const out: number[] = [];
  const todo = [...roots];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** RSS in MB of a process and all its descendants (from /proc; 0 when it is gone). */
export function treeRssMb(rootPid: number): number {
  let kb = 0;
  for (const pid of descendants([rootPid], processTable().children)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time in ms (user + system, with reaped children's) used so far by a process tree and by every
 * PostgreSQL process of the machine (command name `postgres`: the server, its backends and workers).
 * Taken before and after a run, the differences say where each request's CPU went.
 */
export function cpuMs(rootPids: readonly number[]): { appMs: number; postgresMs: number } {
  const { stats, children } = processTable();
  // fields (1-based in proc(5)): 14 utime, 15 stime, 16 cutime, 17 cstime
  const ticks = (f: string[] | undefined) => (f ? Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) : 0);
  let postgresTicks = 0;
  for (const [pid, f] of stats) {
    let comm = "";
    try {
      comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (comm === "postgres") postgresTicks += ticks(f);
  }
  const appTicks = descendants(rootPids, children).reduce((sum, pid) => sum + ticks(stats.get(pid)), 0);
  const ms = (t: number) => (t * 1000) / TICKS_PER_SECOND;
  return { appMs: ms(appTicks), postgresMs: ms(postgresTicks) };
}

export interface RunningApp {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
  /** what the server printed last (shown when it fails) */
  tail(): string;
}

async function waitHealthy(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
}

/**
 * `next start` on 127.0.0.1:port with the given environment (DATABASE_URL or PGLITE_DIR …), run by
 * this Node directly (no npx wrapper), so `pid` is the server process. Waits for /api/health.
 */
export async function startApp(opts: { port: number; env: Record<string, string>; log: (s: string) => void; timeoutMs?: number }): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const lines: string[] = [];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    AUTH_SECRET: process.env.AUTH_SECRET ?? `load-${randomBytes(24).toString("hex")}`,
    ...opts.env,
  };
  if (!opts.env.DATABASE_URL) delete env.DATABASE_URL;
  // through scripts/next-start.sh (the app's heap size), which execs next: the pid is next's
  const child = spawn("bash", [path.join("scripts", "next-start.sh"), "-p", String(opts.port), "-H", "127.0.0.1"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (b: Buffer) => {
    lines.push(...b.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = () => stopChild(child);
  try {
    await waitHealthy(baseUrl, child, opts.timeoutMs ?? 300_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${lines.join("\n")}`);
  }
  opts.log(`app started: ${baseUrl} (pid ${child.pid})`);
  return { baseUrl, pid: child.pid!, stop, tail: () => lines.join("\n") };
}

/** A helper process (the job worker) with the same environment handling; stopped with SIGTERM. */
export function startProcess(command: string, args: string[], env: Record<string, string>): { pid: number; stop(): Promise<void> } {
  const child = spawn(command, args, { env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "inherit"] });
  return { pid: child.pid!, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}

/** Samples the RSS of a process tree every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs: number): { samples: { t: number; rssMb: number }[]; max(): number; stop(): void } {
  const t0 = Date.now();
  const samples: { t: number; rssMb: number }[] = [];
  const take = () => {
    const mb = treeRssMb(pid);
    if (mb > 0) samples.push({ t: Date.now() - t0, rssMb: mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, max: () => samples.reduce((m, s) => Math.max(m, s.rssMb), 0), stop: () => clearInterval(timer) };
}

/** The process listening on a local TCP port (from /proc/net/tcp{,6} and the processes' sockets), or null. */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(f, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue; // 0A = LISTEN
      if (parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${d}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${d}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(d);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}
