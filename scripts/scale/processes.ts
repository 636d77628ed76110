import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Say } from "./postgres";

/**
 * The processes of the scale set-up: `next start` (the production build), job workers
 * (scripts/worker.ts) and HAProxy. Each writes its output to a log file of its own; each is started in
 * its own process group so that stopping it stops its children too (next start runs a worker process).
 */

export interface Proc {
  name: string;
  pid: number;
  log: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the group at once (a crash). */
  kill(): Promise<void>;
}

export function spawnLogged(name: string, command: string, args: string[], opts: { env: NodeJS.ProcessEnv; logFile: string; cwd?: string }): Proc {
  const fd = openSync(opts.logFile, "a");
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd ?? process.cwd(), stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid!,
    log: opts.logFile,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (!running()) return;
      signal("SIGTERM");
      const t = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(t);
      signal("SIGKILL"); // anything the group left behind
    },
    async kill() {
      signal("SIGKILL");
      await exited;
    },
  };
}

export function tailOf(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function nextBin(): string {
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

/** Builds the production app when there is none, or when a source file is newer than it (like scripts/demo.sh). */
export function ensureBuilt(say: Say): void {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  let stale = !existsSync(buildId);
  // SCALE_NO_BUILD=1: use the build that is there (CI builds once, before every step that needs it)
  if (!stale && process.env.SCALE_NO_BUILD !== "1") {
    const r = spawnSync("sh", ["-c", "find app components server db next.config.js package.json -newer .next/BUILD_ID -type f -print -quit 2>/dev/null"], { encoding: "utf8" });
    stale = r.stdout.trim().length > 0;
  }
  if (!stale) return;
  say("building the app (`next build`, a few minutes on 2 cores)…");
  const r = spawnSync("nice", ["-n", "10", process.execPath, nextBin(), "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("next build failed");
}

export function startApp(name: string, port: number, env: NodeJS.ProcessEnv, logDir: string): Proc {
  // through scripts/next-start.sh (the app's heap size), which execs next: the pid is next's
  return spawnLogged(name, "bash", [path.join("scripts", "next-start.sh"), "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    logFile: path.join(logDir, `${name}.log`),
  });
}

export function startWorker(name: string, env: NodeJS.ProcessEnv, logDir: string): Proc {
  // --max-semi-space-size=64: as `npm run worker` (a larger young generation: less garbage collection while posting, docs/benchmarks.md)
  return spawnLogged(name, process.execPath, ["--max-semi-space-size=64", "--conditions=react-server", "--import", "tsx", path.join("scripts", "worker.ts")], {
    env,
    logFile: path.join(logDir, `${name}.log`),
  });
}

/** Waits for GET url to answer 200; fails early when the process exits. */
export async function waitHealthy(url: string, proc: Proc | null, timeoutMs: number): Promise<unknown> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}); its log ${proc.log} ends with:\n${tailOf(proc.log)}`);
    }
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (r.ok) return await r.json().catch(() => null);
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${proc ? `; ${proc.log} ends with:\n${tailOf(proc.log)}` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Debian's HAProxy, installed with apt-get when missing (as the test script installs chromium). */
export function ensureHaproxy(say: Say): string {
  for (const p of ["/usr/sbin/haproxy", "/usr/bin/haproxy"]) if (existsSync(p)) return p;
  const which = spawnSync("sh", ["-c", "command -v haproxy"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  if (process.getuid?.() !== 0) throw new Error("HAProxy is missing and this user cannot apt-get. Run: sudo apt-get install -y haproxy");
  say("installing Debian's haproxy (apt-get)…");
  const r = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null"], { stdio: "inherit" });
  if (r.status !== 0 || !existsSync("/usr/sbin/haproxy")) throw new Error("apt-get install haproxy failed. Install it by hand: apt-get install -y haproxy");
  // Debian starts its own service on port 80 with the packaged configuration; this set-up runs its own.
  spawnSync("sh", ["-c", "(systemctl stop haproxy || service haproxy stop) >/dev/null 2>&1"], { stdio: "ignore" });
  return "/usr/sbin/haproxy";
}

/**
 * HAProxy in front of the app processes: round robin per request (no stickiness: a session is a
 * cookie resolved against the database by any process), health checks on /api/health, the client's
 * address in X-Forwarded-For (the app's sign-in throttling reads the last entry) and the serving
 * process's name in `x-served-by` (for the tests and for anyone curious).
 */
export function haproxyConfig(opts: { port: number; backends: { name: string; port: number }[] }): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  option forwardfor",
    "frontend app",
    `  bind 127.0.0.1:${opts.port}`,
    "  http-request set-header X-Forwarded-Proto http",
    "  default_backend apps",
    "backend apps",
    "  balance roundrobin",
    "  option httpchk GET /api/health",
    "  http-check expect status 200",
    "  http-response set-header x-served-by %s",
    ...opts.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 2s fall 2 rise 1`),
    "",
  ].join("\n");
}

export function startHaproxy(bin: string, config: string, dir: string): Proc {
  const cfg = path.join(dir, "haproxy.cfg");
  writeFileSync(cfg, config);
  const check = spawnSync(bin, ["-c", "-q", "-f", cfg], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy refused its configuration: ${check.stdout}${check.stderr}`);
  // -db: stay in the foreground, so the process is ours to stop
  return spawnLogged("haproxy", bin, ["-db", "-f", cfg], { env: process.env, logFile: path.join(dir, "haproxy.log") });
}
