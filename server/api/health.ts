import "server-only";
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { describeForLog, log } from "@/server/log";

/** Used by the demo script and e2e: proves the database opened and migrations ran. */
export async function healthCheck(): Promise<{ ok: boolean; database: string; migrations?: number; error?: string }> {
  try {
    const h = await getDbHandle();
    const r = await h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (Array.isArray(r) ? r : (r as unknown as { rows: { n: number }[] }).rows) as { n: number }[];
    return { ok: true, database: h.kind, migrations: rows[0]?.n };
  } catch (e) {
    log.error({ component: "health", err: describeForLog(e) }, "health check failed");
    return { ok: false, database: process.env.DATABASE_URL ? "postgres" : "pglite", error: (e as Error).message };
  }
}
