import "server-only";
import PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";

/**
 * pg-boss on either database. On PostgreSQL it opens its own small pool with the connection string;
 * on the embedded database it runs in the process that owns the PGlite instance, through pg-boss's
 * `executeSql` adapter (../shared/STACK.md §7): parameterless multi-statement SQL (its schema
 * install) goes through `exec`, everything else through `query`.
 */
export function createBoss(h: DbHandle, opts: { worker: boolean; maintenanceIntervalSeconds?: number }): PgBoss {
  const common = {
    schedule: false,
    // the worker process expires jobs of a worker that died (retry), and keeps the tables small
    supervise: opts.worker,
    ...(opts.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}),
  };
  if (h.kind === "postgres") {
    if (!h.url) throw new Error("createBoss: the PostgreSQL handle has no connection string");
    return new PgBoss({ connectionString: h.url, max: opts.worker ? 3 : 2, application_name: opts.worker ? "durva-worker" : "durva-app", ...common });
  }
  const pg = h.pglite;
  if (!pg) throw new Error("createBoss: the embedded database handle has no PGlite instance");
  const executeSql = async (text: string, values: unknown[]) =>
    values?.length ? pg.query(text, values) : ((await pg.exec(text)).at(-1) ?? { rows: [] });
  return new PgBoss({ db: { executeSql: executeSql as PgBoss.Db["executeSql"] }, ...common });
}

export { PgBoss };
