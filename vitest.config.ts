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
  const projects: TestProjectConfiguration[] = [
    { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
    {
      extends: true,
      test: { name: "integration-pglite", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE_URL: "" } },
    },
  ];
  if (pgUp) {
    projects.push({
      extends: true,
      test: { name: "integration-pg", include: ["tests/integration/**/*.test.ts"], env: { TEST_DATABASE_URL: pgUrl } },
    });
  }
  return {
    resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") } },
    test: { environment: "node", testTimeout: 30_000, hookTimeout: 60_000, projects, env: { TZ: "UTC" } },
  };
});
