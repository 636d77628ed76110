import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { primaryWalPosition, formatLsn, ReplicaRouter } from "./replica";
import * as schema from "./schema";

export { schema };
/** Both drivers (postgres.js and PGlite) produce a database assignable to this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services pass it to the audit helper so both writes commit together. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** the connection string (postgres), for clients that open their own pool (pg-boss workers) */
  url?: string;
  /** the embedded database itself (pglite), for pg-boss's executeSql adapter in the same process */
  pglite?: import("@electric-sql/pglite").PGlite;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");
const LOCK_FILE = "app.lock";

/** Arbitrary constant key for pg_advisory_lock so that two app instances never migrate at once. */
const MIGRATION_LOCK_KEY = 727_173;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite gives one process exclusive use of a data directory but does not enforce it: a second
 * process would silently corrupt it. We enforce it with a lock file holding the owner's pid.
 */
export function acquireDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
      if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database directory ${dataDir} is in use by another process (pid ${owner}). ` +
            `Only one process may open it at a time: stop that process (the app server or a script) ` +
            `first, or point PGLITE_DIR at another directory.`,
        );
      }
      // Stale lock left by a process that died: take it over.
      unlinkSync(file);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export async function openDb(
  opts: {
    url?: string;
    dataDir?: string;
    migrate?: boolean;
    lock?: boolean;
    /** PGlite only: start from this dumped data directory (a tarball from `dumpDataDir`) instead of an empty one */
    loadDataDir?: Blob;
  } = {},
): Promise<DbHandle> {
  const migrationsFolder = MIGRATIONS_DIR;
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, { max: poolSize(), onnotice: () => {} });
    const db = drizzle(client, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      const reserved = await client.reserve();
      try {
        await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migrate(db, { migrationsFolder });
      } finally {
        await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
        reserved.release();
      }
    }
    return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }), url: opts.url };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release: (() => void) | undefined;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true }); // PGlite only creates the last path segment
    if (opts.lock !== false) release = acquireDirLock(opts.dataDir);
  }
  try {
    const client = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
    await client.waitReady;
    const db = drizzle(client, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db, { migrationsFolder });
    }
    return {
      db: db as unknown as Db,
      kind: "pglite",
      pglite: client,
      close: async () => {
        await client.close();
        release?.();
      },
    };
  } catch (e) {
    release?.();
    throw e;
  }
}

/** Connections of a process's postgres.js pool (DATABASE_POOL_SIZE, default 10); see docs/architecture.md, PostgreSQL sizing. */
function poolSize(): number {
  const n = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), ".data", "pglite");
}

export function databaseKind(): "postgres" | "pglite" {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

const g = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

/**
 * The app's database, opened once per process (survives dev hot reload). Migrations run here, in
 * the process that owns the database, never from a second process against the embedded directory.
 */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__dbHandle) {
    const url = process.env.DATABASE_URL || undefined;
    g.__dbHandle = openDb({ url, dataDir: url ? undefined : defaultPgliteDir(), migrate: true }).then(async (h) => {
      if (h.kind === "pglite") {
        // Flush and release the embedded database when the server is stopped (Ctrl+C, kill).
        const shutdown = (signal: NodeJS.Signals) => {
          void h.close().finally(() => process.kill(process.pid, signal));
        };
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
      }
      // A fresh database gets the reference data (codes, NDCs, indications, payer templates …).
      const { loadReferenceSeedIfEmpty } = await import("./seed/reference-loader");
      await loadReferenceSeedIfEmpty(h.db);
      if (process.env.SEED_DEMO_ON_EMPTY === "1") {
        const { seedDemoIfEmpty } = await import("./seed/demo");
        await seedDemoIfEmpty(h.db);
      }
      // Documented infusions without their stored readiness (a database older than the table, a restore) get it.
      const { backfillReadiness } = await import("@/server/services/readiness");
      await h.db.transaction((tx) => backfillReadiness(tx));
      // PGlite runs no autovacuum: its planner statistics are refreshed at each start (a fraction of a
      // second at the embedded database's sizes), or it would plan on none at all.
      if (h.kind === "pglite") await h.pglite?.exec("analyze");
      return h;
    });
    g.__dbHandle.catch(() => {
      g.__dbHandle = undefined; // let the next request retry and report the error again
    });
  }
  return g.__dbHandle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

const gr = globalThis as unknown as { __readRouter?: Promise<ReplicaRouter | null> };

/** A read replica is configured: DATABASE_READ_URL with DATABASE_URL (the embedded database has none). */
export function readReplicaConfigured(): boolean {
  return !!process.env.DATABASE_READ_URL && !!process.env.DATABASE_URL;
}

/**
 * Reads that tolerate a second of lag go to a streaming replica when DATABASE_READ_URL is set (with
 * DATABASE_URL; the embedded database has no replica). Opened once per process; null without a replica.
 * The rules that keep a writer from reading stale data are in ./replica.ts.
 */
export function getReadRouter(): Promise<ReplicaRouter | null> {
  if (!gr.__readRouter) {
    const readUrl = process.env.DATABASE_READ_URL || undefined;
    gr.__readRouter = (async () => {
      if (!readUrl || !readReplicaConfigured()) return null;
      const primary = await getDb();
      const { default: postgres } = await import("postgres");
      const { drizzle } = await import("drizzle-orm/postgres-js");
      // A replica that does not answer must not hold requests for long: they go to the primary instead.
      const client = postgres(readUrl, { max: poolSize(), connect_timeout: 2, idle_timeout: 60, onnotice: () => {} });
      const replica = drizzle(client, { schema }) as unknown as Db;
      const maxLagMs = Number(process.env.DATABASE_READ_MAX_LAG_MS ?? 1000);
      return new ReplicaRouter(primary, replica, {
        maxLagMs: Number.isFinite(maxLagMs) && maxLagMs >= 0 ? maxLagMs : 1000,
        onError: (e) => {
          void import("@/server/log").then(({ log, describeForLog }) =>
            log.warn({ component: "db", err: describeForLog(e) }, "read replica unavailable: reads go to the primary"),
          );
        },
      });
    })();
    gr.__readRouter.catch(() => {
      gr.__readRouter = undefined;
    });
  }
  return gr.__readRouter;
}

/**
 * The database for one lag-tolerant read: the replica when it has replayed `writtenAt` (the reader's
 * last write, from the request) and is within the lag bound, else the primary. Without a replica: the
 * one database.
 */
export async function getLagTolerantDb(writtenAt: bigint | null): Promise<Db> {
  const router = await getReadRouter();
  return router ? router.db(writtenAt) : getDb();
}

/** After a write: the primary's WAL position to hand the writer (as text), or null when there is no replica. */
export async function currentWriteMark(): Promise<string | null> {
  const router = await getReadRouter();
  return router ? formatLsn(await primaryWalPosition(router.primary)) : null;
}
