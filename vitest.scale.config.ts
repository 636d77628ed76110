import path from "node:path";
import { defineConfig } from "vitest/config";

// The scale-out tests (tests/scale): they start the whole set-up of `npm run scale:demo` (two app
// processes on the production build, HAProxy, two workers, a streaming replica of the local
// PostgreSQL), so they need `next build` first and run apart from the unit and integration projects:
//   npx next build && npm run test:scale
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") } },
  test: {
    name: "scale",
    include: ["tests/scale/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 420_000,
    env: { TZ: "UTC", LOG_LEVEL: "warn" },
  },
});
