import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { schema, type Db, type DbHandle } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { LAG_TOLERANT_QUERIES } from "@/server/api/lag-tolerant";
import { KPI_KEYS } from "@/server/domain/kpis/definitions";
import { makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

/**
 * The procedures that may read from the replica (LAG_TOLERANT_QUERIES) are called with a read-only
 * connection as their replica: a procedure that wrote anything would fail there, as it would on a
 * real standby. Other procedures never ask for the replica. (PostgreSQL only: it takes a second
 * connection to the same database.)
 */
const filter = { from: "2026-01-01", to: "2026-12-31" };
const INPUTS: Record<string, unknown> = {
  "worklists.list": { list: "not_ready" },
  "dashboards.figures": filter,
  "dashboards.trend": filter,
  "dashboards.breakdown": { filter, dimension: "payer" },
  "dashboards.aging": filter,
  "dashboards.denialCategories": filter,
  "dashboards.rows": { filter, kpi: KPI_KEYS[0] },
  "dashboards.authTurnaround": filter,
};
const NO_INPUT = new Set(["worklists.counts", "worklists.filterOptions", "claims.filterOptions", "denials.counts", "priorAuths.counts", "priorAuths.alerts", "dashboards.filterOptions"]);

describe.runIf(!!process.env.TEST_DATABASE_URL)("lag-tolerant reads (PostgreSQL)", () => {
  let h: DbHandle & { url?: string };
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let readOnly: postgres.Sql;
  let replica: Db;

  beforeAll(async () => {
    h = await createTestDb();
    w = await makeWorld(h.db);
    readOnly = postgres(h.url!, { max: 2, onnotice: () => {}, connection: { default_transaction_read_only: true } });
    replica = drizzle(readOnly, { schema }) as unknown as Db;
  }, 120_000);
  afterAll(async () => {
    await readOnly?.end({ timeout: 1 });
    await h?.close();
  });

  function callerWithReplica(asked: string[]) {
    return createCaller({
      db: h.db,
      session: w.as.admin.session,
      requestId: `test-${randomUUID()}`,
      now: () => new Date("2026-06-15T12:00:00Z"),
      readDb: async () => {
        asked.push("replica");
        return replica;
      },
    });
  }

  it("the read-only connection refuses writes (the check below would catch a writing procedure)", async () => {
    await expect(readOnly`create temporary table t_probe (x int)`).rejects.toThrow(/read-only transaction/);
  });

  it.each([...LAG_TOLERANT_QUERIES])("%s reads from the replica and writes nothing", async (path) => {
    const asked: string[] = [];
    const caller = callerWithReplica(asked);
    const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (input?: unknown) => Promise<unknown>;
    expect(typeof fn).toBe("function");
    await expect(NO_INPUT.has(path) ? fn() : fn(INPUTS[path] ?? {})).resolves.toBeDefined();
    expect(asked).toEqual(["replica"]);
  });

  it("detail reads, searches and writes never ask for the replica", async () => {
    const asked: string[] = [];
    const caller = callerWithReplica(asked);
    await caller.patients.search({ q: "Olson" });
    await caller.auth.me();
    await caller.practice.get();
    expect(asked).toEqual([]);
  });
});
