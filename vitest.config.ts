import { availableParallelism } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { defineConfig, type TestProjectConfiguration, type ViteUserConfig } from "vitest/config";

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
  const integration = (name: string, env: Record<string, string>): TestProjectConfiguration[] => [
    { extends: true, test: { name, include: ["tests/integration/**/*.test.ts"], exclude: MOCKING, env, isolate: false } },
    { extends: true, test: { name: `${name}-mocked`, include: MOCKING, env } },
  ];
  const projects: TestProjectConfiguration[] = [
    { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], isolate: false } },
    ...integration("integration-pglite", { TEST_DATABASE_URL: "" }),
  ];
  if (pgUp) projects.push(...integration("integration-pg", { TEST_DATABASE_URL: pgUrl }));
  // One worker per core. Vitest's default is one fewer, which on a 2-core machine is a single worker:
  // every file then waits for the one before it while the second core idles (vitest 4 also hands a
  // whole non-isolated project to one worker when it may only use one).
  const maxWorkers = Math.max(2, availableParallelism());
  return {
    resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") } },
    test: { environment: "node", maxWorkers, testTimeout: 30_000, hookTimeout: 60_000, projects, env: { TZ: "UTC" } },
  };
});
