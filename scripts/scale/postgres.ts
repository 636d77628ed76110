import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

/**
 * The PostgreSQL side of the scale set-up: replication allowed on the local (primary) server, a
 * streaming replica made with pg_basebackup as a second cluster in a directory of its own, and the
 * throwaway databases. The server runs as the `postgres` OS user; when this script runs as root the
 * replica's commands run as that user too (PostgreSQL refuses to run as root).
 */

export type Say = (line: string) => void;

export function urlWithDatabase(base: string, database: string, port?: number): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  if (port) u.port = String(port);
  return u.toString();
}

function admin(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
}

/** The directory of the server's binaries (pg_basebackup, pg_ctl) for its major version. */
export async function serverBinDir(primaryUrl: string): Promise<string> {
  const sql = admin(primaryUrl);
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    const major = Math.floor(Number(row!.v) / 10000);
    const debian = `/usr/lib/postgresql/${major}/bin`;
    if (existsSync(path.join(debian, "pg_basebackup"))) return debian;
    const which = spawnSync("sh", ["-c", "dirname \"$(command -v pg_basebackup)\""], { encoding: "utf8" });
    const dir = which.stdout.trim();
    if (which.status === 0 && dir && existsSync(path.join(dir, "pg_ctl"))) return dir;
    throw new Error(`pg_basebackup and pg_ctl of PostgreSQL ${major} not found (looked in ${debian} and on the PATH)`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Makes sure the primary accepts a streaming replica from 127.0.0.1: wal_level replica or logical (the
 * default), free WAL senders, and a pg_hba rule for replication connections. A missing rule is added
 * (`host replication all 127.0.0.1/32 trust`, the trust the local server already gives every database
 * on loopback) and the configuration reloaded; the other two need a restart, so they are only reported.
 */
export async function ensureReplicationAllowed(primaryUrl: string, say: Say): Promise<void> {
  const sql = admin(primaryUrl);
  try {
    const [s] = await sql<{ wal_level: string; senders: number; hba: string }[]>`
      select current_setting('wal_level') as wal_level, current_setting('max_wal_senders')::int as senders, current_setting('hba_file') as hba`;
    if (!["replica", "logical"].includes(s!.wal_level)) {
      throw new Error(`The primary has wal_level = ${s!.wal_level}; a streaming replica needs 'replica' (the default). Set it in postgresql.conf and restart PostgreSQL.`);
    }
    if (s!.senders < 2) throw new Error(`The primary has max_wal_senders = ${s!.senders}; set it to 10 (the default) and restart PostgreSQL.`);
    const allows = async () =>
      (await sql<{ n: number }[]>`
        select count(*)::int as n from pg_hba_file_rules
        where error is null and 'replication' = any(database) and type in ('host', 'hostnossl')
          and (address in ('127.0.0.1', 'all', 'samehost', 'samenet') or netmask = '0.0.0.0')`)[0]!.n > 0;
    if (await allows()) return;
    say(`allowing replication connections from 127.0.0.1 in ${s!.hba} (trust, like the server's other loopback connections)`);
    try {
      appendFileSync(s!.hba, "\n# added by `npm run scale:demo` (durva-billing): a streaming replica on this machine\nhost    replication     all             127.0.0.1/32            trust\n");
    } catch (e) {
      throw new Error(`Could not add a replication rule to ${s!.hba} (${(e as Error).message}). Add "host replication all 127.0.0.1/32 trust" there and run: select pg_reload_conf();`);
    }
    await sql`select pg_reload_conf()`;
    for (let i = 0; i < 20 && !(await allows()); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Runs a server binary as the `postgres` OS user when we are root (PostgreSQL refuses root). */
function runAsServerUser(bin: string, args: string[], opts: { timeoutMs?: number } = {}): { ok: boolean; output: string } {
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", bin, ...args], { encoding: "utf8", timeout: opts.timeoutMs ?? 120_000 })
    : spawnSync(bin, args, { encoding: "utf8", timeout: opts.timeoutMs ?? 120_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim() };
}

/** The same, without blocking this process (the app processes start meanwhile). */
function runAsServerUserAsync(bin: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  const asRoot = process.getuid?.() === 0;
  const child = asRoot ? spawn("runuser", ["-u", "postgres", "--", bin, ...args]) : spawn(bin, args);
  let output = "";
  child.stdout.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr.on("data", (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => {
    child.once("error", (e) => resolve({ ok: false, output: `${output}${String(e)}` }));
    child.once("close", (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}

function chownToServerUser(dir: string): void {
  if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", dir]);
}

export interface Replica {
  port: number;
  dataDir: string;
  /** the replica's URL for a database name */
  url(database: string): string;
}

/**
 * A streaming replica of the primary: `pg_basebackup -R` into `dataDir` (wiped first), a small
 * configuration of its own (Debian keeps the primary's in /etc, which the copy does not include), then
 * `pg_ctl start` on 127.0.0.1:port with its socket in its own directory. Resolves when it answers as a
 * standby.
 */
export async function startReplica(opts: { primaryUrl: string; port: number; dataDir: string; binDir: string; say: Say }): Promise<Replica> {
  const { primaryUrl, port, dataDir, binDir, say } = opts;
  const primary = new URL(primaryUrl);
  const sql = admin(primaryUrl);
  let limits: Record<string, string>;
  try {
    const rows = await sql<{ name: string; setting: string }[]>`
      select name, setting from pg_settings
      where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`;
    limits = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await sql.end({ timeout: 1 });
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownToServerUser(path.dirname(dataDir));
  chownToServerUser(dataDir);
  say(`copying the primary with pg_basebackup into ${dataDir}`);
  const t = Date.now();
  const backup = await runAsServerUserAsync(path.join(binDir, "pg_basebackup"), [
    "-h", primary.hostname, "-p", primary.port || "5432", "-U", decodeURIComponent(primary.username || "postgres"),
    "-D", dataDir, "-X", "stream", "-R", "-c", "fast", "--no-password",
  ]);
  if (!backup.ok) throw new Error(`pg_basebackup failed: ${backup.output}`);
  say(`base backup done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // The standby needs at least the primary's limits; the rest is small on purpose.
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dataDir}'`,
    `hot_standby = on`,
    // the primary keeps rows a long dashboard query on the replica still reads, instead of cancelling it
    `hot_standby_feedback = on`,
    `shared_buffers = '64MB'`,
    ...Object.entries(limits).map(([k, v]) => `${k} = ${v}`),
    `logging_collector = off`,
    "",
  ].join("\n");
  writeFileSync(path.join(dataDir, "postgresql.conf"), conf);
  writeFileSync(path.join(dataDir, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
  writeFileSync(path.join(dataDir, "pg_ident.conf"), "");
  chownToServerUser(dataDir);
  const started = await runAsServerUserAsync(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-l", path.join(dataDir, "server.log"), "-w", "-t", "60", "start"]);
  if (!started.ok) throw new Error(`the replica did not start: ${started.output}`);
  const replica: Replica = { port, dataDir, url: (db) => urlWithDatabase(primaryUrl, db, port) };
  const check = admin(replica.url("postgres"));
  try {
    for (let i = 0; ; i++) {
      try {
        const [r] = await check<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`;
        if (!r!.standby) throw new Error("the replica is not in recovery (standby.signal missing?)");
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await check.end({ timeout: 1 });
  }
  say(`replica streaming on 127.0.0.1:${port}`);
  return replica;
}

/** Stops a replica cluster (fast shutdown, immediate if that fails) and removes its directory. */
export function removeReplica(dataDir: string, binDir: string | null): void {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) {
    const pgCtl = binDir ? path.join(binDir, "pg_ctl") : "pg_ctl";
    if (existsSync(path.join(dataDir, "postmaster.pid"))) {
      const fast = runAsServerUser(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "20", "stop"], { timeoutMs: 30_000 });
      if (!fast.ok) runAsServerUser(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "-t", "10", "stop"], { timeoutMs: 20_000 });
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/** Waits until the replica has replayed everything the primary has written so far. */
export async function waitReplicaCaughtUp(primaryUrl: string, replicaUrl: string, timeoutMs = 30_000): Promise<void> {
  const p = admin(primaryUrl);
  const r = admin(replicaUrl);
  try {
    const [row0] = await p<{ lsn: string }[]>`select pg_current_wal_flush_lsn()::text as lsn`;
    const lsn = row0!.lsn;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await r<{ ok: boolean }[]>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`;
      if (row?.ok) return;
      if (Date.now() > until) throw new Error(`the replica did not replay ${lsn} within ${timeoutMs / 1000} s`);
      await new Promise((res) => setTimeout(res, 50));
    }
  } finally {
    await Promise.all([p.end({ timeout: 1 }), r.end({ timeout: 1 })]);
  }
}

export async function createDatabase(primaryUrl: string, name: string, opts: { fresh: boolean }): Promise<void> {
  const sql = admin(primaryUrl);
  try {
    if (opts.fresh) await sql.unsafe(`drop database if exists "${name}" with (force)`);
    const [found] = await sql`select 1 as one from pg_database where datname = ${name}`;
    if (!found) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Drops a database with psql (synchronous: usable while the process exits). */
export function dropDatabaseSync(primaryUrl: string, name: string): void {
  spawnSync("psql", [primaryUrl, "-v", "ON_ERROR_STOP=1", "-qc", `drop database if exists "${name}" with (force)`], { encoding: "utf8", timeout: 30_000 });
}
