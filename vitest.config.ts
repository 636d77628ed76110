import { availableParallelism } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { defineConfig, type TestProjectConfiguration, type ViteUserConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * The files that take longest (seconds on the slower engine, 2-core machine, clean run of 2026-12-03), started first on either engine. Vitest's own order runs the projects one after the
 * other, each in file-size order when it has no timings cached (a clean clone never has): the
 * longest files then started last, and for minutes one worker ran the last of them while the other
 * idled. Longest first over both projects keeps both workers busy to the end (a worker runs files of
 * either project; the order only decides which file goes next). Unlisted files keep vitest's order
 * after these. A stale figure only changes the order, never what runs.
 */
const LONGEST: Record<string, number> = {
  "tests/integration/readiness.test.ts": 64,
  "tests/integration/claims.test.ts": 31,
  "tests/integration/administrations.test.ts": 27,
  "tests/integration/kpis.test.ts": 22,
  "tests/integration/claim-batches.test.ts": 20,
  "tests/integration/claim-acknowledgments.test.ts": 19,
  "tests/integration/backup-restore.test.ts": 17,
  "tests/integration/kpis-auth.test.ts": 14,
  "tests/integration/remittance-posting.test.ts": 14,
  "tests/integration/kpis-ar-daily.test.ts": 13,
  "tests/unit/billing/cli.test.ts": 13,
  "tests/integration/remittance-jobs.test.ts": 11,
  "tests/integration/worklists.test.ts": 10,
  "tests/integration/claim-routes.test.ts": 10,
  "tests/integration/orders.test.ts": 9,
};
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const weight = (f: TestSpecification) => LONGEST[path.relative(import.meta.dirname, f.moduleId).split(path.sep).join("/")] ?? 0;
    // Array.prototype.sort is stable: files of equal weight keep vitest's order
    return [...sorted].sort((a, b) => weight(b) - weight(a));
  }
}

// Three projects:
//  unit               pure code (server/domain, permissions, codecs), no database
//  integration-pglite tRPC callers on an in-memory PGlite per test file
//  integration-pg     the same files on a real PostgreSQL, one throwaway database per file
// TEST_PG=auto (default) runs the postgres project when a server answers; TEST_PG=required fails
// loudly when none does; TEST_PG=off skips it.
export default defineConfig(async (): Promise<ViteUserConfig> => {
  const mode = process.env.TEST_PG ?? "auto";
  const pgUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const pgUp = mode !== "off" && (await canConnect(pgUrl));
  if (mode === "required" && !pgUp) {
    throw new Error(`TEST_PG=required but no PostgreSQL answers at ${pgUrl}. Start it or set TEST_DATABASE_URL.`);
  }
  if (!pgUp && mode !== "off") console.log(`[vitest] no PostgreSQL at ${pgUrl}: integration runs on PGlite only`);
  // Most files leave no state behind, so their project runs them one after another in reused
  // workers (isolate: false): each file's imports of the app (tRPC, services, engine, PGlite) are then
  // done once per worker instead of once per file, which was most of the run's time. The files that
  // mock modules (vi.mock of the database client or the session) need a module registry of their own
  // and run isolated, in projects of their own.
  const MOCKING = ["claim-routes", "dashboard-export", "exports", "prior-auth-packet-routes", "prior-auth-worklist"].map((f) => `tests/integration/${f}.test.ts`);
  // Four files check whole-practice figures against an independent recomputation (stored readiness of
  // every infusion; the KPI tables against the raw rows, day by day and filter by filter). On PGlite they
  // took 212 s of the suite's 460 s there, twice their PostgreSQL time, and what they check is SQL and
  // TypeScript that both engines run alike; what differs between the engines (one connection, the jobs
  // in the app's process, the dump format, migrations, locking) has files of its own that run on both,
  // and PGlite runs these four's code paths whole when it builds its demo template (the seed maintains
  // readiness and the KPI tables) and under the e2e suite, whose servers are PGlite. So when PostgreSQL
  // answers they run there only; without it (or with TEST_PGLITE=all) they run on PGlite.
  // The background readiness recheck's file (whole-practice comparisons too) joins them: on PGlite its
  // walk runs whole in the e2e suite (tests/e2e/readiness-recheck.spec.ts, the app's in-process job).
  const PG_ONLY = ["readiness", "readiness-recheck", "kpis", "kpis-auth", "kpis-ar-daily"].map((f) => `tests/integration/${f}.test.ts`);
  const pgliteSkips = pgUp && process.env.TEST_PGLITE !== "all" ? PG_ONLY : [];
  // The same holds for the mocking files (HTTP route handlers: downloads, exports, the packet), which on
  // top import the whole app afresh for each file: they run on PGlite only when PostgreSQL does not answer.
  const integration = (name: string, env: Record<string, string>, skip: string[] = []): TestProjectConfiguration[] => [
    { extends: true, test: { name, include: ["tests/integration/**/*.test.ts"], exclude: [...MOCKING, ...skip], env, isolate: false } },
    ...(skip.length > 0 ? [] : [{ extends: true as const, test: { name: `${name}-mocked`, include: MOCKING, env } }]),
  ];
  const projects: TestProjectConfiguration[] = [
    { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], isolate: false } },
    ...integration("integration-pglite", { TEST_DATABASE_URL: "" }, pgliteSkips),
  ];
  if (pgUp) projects.push(...integration("integration-pg", { TEST_DATABASE_URL: pgUrl }));
  // One worker per core. Vitest's default is one fewer, which on a 2-core machine is a single worker:
  // every file then waits for the one before it while the second core idles (vitest 4 also hands a
  // whole non-isolated project to one worker when it may only use one).
  const maxWorkers = Math.max(2, availableParallelism());
  return {
    resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") } },
    test: { environment: "node", maxWorkers, sequence: { sequencer: LongestFirst }, testTimeout: 30_000, hookTimeout: 60_000, projects, env: { TZ: "UTC" } },
  };
});
