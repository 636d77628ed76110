import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/**
 * The suite runs in E2E_WORKERS browsers at once (default 1: on this machine's two cores, two
 * browsers measured no faster — chromium alone keeps a core busy), each against its own server and its
 * own database on ports PORT, PORT+1, …: tests in different workers never see each other's data, and
 * within one worker the files run one after the other as on a single server. A worker finds its
 * server through `baseURL` (tests/e2e/fixtures.ts): e2eBaseURL(its parallel index).
 *
 * The engine: "pglite" (default) starts each server on a brand-new embedded database directory holding
 * a copy of today's demo (tests/e2e/demo-dir.ts; jobs in the app process, as on a newcomer's machine); "postgres" gives
 * each server a database created afresh on the local server (or E2E_PG_URL's) and a job worker process
 * beside it, as in production.
 */
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 1));
const ENGINE = process.env.E2E_ENGINE === "postgres" ? "postgres" : "pglite";
// The specs read them (the health check names the engine; fixtures find each worker's server).
process.env.E2E_ENGINE = ENGINE;
process.env.E2E_PORT = String(PORT);

function pgUrl(port: number): string {
  const u = new URL(process.env.E2E_PG_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  u.pathname = `/durva_e2e_${port}`;
  return u.toString();
}

function server(port: number) {
  const start = `bash scripts/next-start.sh -p ${port} -H 127.0.0.1`;
  const dir = `.data/e2e-${port}`;
  return {
    command:
      ENGINE === "postgres"
        ? // the worker runs in the server command's process group, so it stops with the server
          `node scripts/e2e-db.mjs ${pgUrl(port)} && (npx tsx --conditions=react-server scripts/worker.ts & ${start})`
        : // a copy of today's demo database (tests/e2e/demo-dir.ts), not a seed at the first start
          `rm -rf ${dir} && node_modules/.bin/tsx --conditions=react-server tests/e2e/demo-dir.ts ${dir} && ${start}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe" as const,
    env: {
      ...(ENGINE === "postgres" ? { DATABASE_URL: pgUrl(port) } : { PGLITE_DIR: dir }),
      SEED_DEMO_ON_EMPTY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // one line per request is for production logs; the e2e output keeps warnings and errors
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdef0123456789",
      // The demo's 200-odd documented and ready infusions: a practice-wide change rechecks them in the
      // background, slowly enough for tests/e2e/readiness-recheck.spec.ts to watch the worklists' notice.
      READINESS_INLINE_LIMIT: "100",
      READINESS_RECHECK_ORDERS_PER_STEP: "5",
      READINESS_TEST_STEP_PAUSE_MS: "600",
    },
  };
}

/**
 * Traces: a full Playwright trace (DOM snapshots and a screencast of every action) is recorded for
 * every test even when only a failure keeps it, and cost the suite about a third of its CPU on the
 * 2-core machine (documentation + claims specs: 169 against 105 CPU-seconds). By default a failing
 * test keeps a light trace (its actions, their timing, console and network, no snapshots) beside
 * its screenshot; E2E_TRACE=full records the whole trace to debug a failure.
 */
const TRACE =
  process.env.E2E_TRACE === "full"
    ? ("retain-on-failure" as const)
    : { mode: "retain-on-failure" as const, snapshots: false, screenshots: false, sources: false };

/** E2E runs against a production build (`next build` first). */
export default defineConfig({
  testDir: "tests/e2e",
  // generous: a test that waits on a busy machine (CI shares its cores) should pass, not time out
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: WORKERS,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    // Animations reduced to nothing (app/globals.css honours the setting): no test or accessibility
    // scan sees a dialog half faded in.
    reducedMotion: "reduce",
    trace: TRACE,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: Array.from({ length: WORKERS }, (_, i) => server(PORT + i)),
});
