import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * E2E runs against a production build (`next build` first) on a brand-new embedded database
 * directory: the server migrates and seeds it itself at start, which is what a newcomer's first
 * run does. With DATABASE_URL set, the same suite runs against that PostgreSQL database instead.
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
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
    trace: "retain-on-failure",
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
  webServer: {
    command: `rm -rf .data/e2e && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: {
      PGLITE_DIR: ".data/e2e",
      SEED_DEMO_ON_EMPTY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // one line per request is for production logs; the e2e output keeps warnings and errors
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdef0123456789",
    },
  },
});
