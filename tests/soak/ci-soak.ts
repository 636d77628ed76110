/**
 * `tsx --conditions=react-server tests/soak/ci-soak.ts [soak arguments]`: the soak as `npm test` runs
 * it. The app under soak starts on a throwaway PostgreSQL copy of the demo template the integration
 * tests build (tests/helpers/test-db.ts: today's demo, keyed by the code that seeds it), which takes a
 * second where seeding at the app's first start takes most of a minute (its own lines go to stderr: stdout
 * is the soak's, `--json` included); the soak itself is
 * `npm run soak` unchanged (`--database-url`), and the copy is dropped afterwards. Exits with the
 * soak's code. Needs TEST_DATABASE_URL (the server's maintenance database, as for the tests).
 */
import { spawn } from "node:child_process";
import { createDemoTestDb } from "../helpers/test-db";

if (!process.env.TEST_DATABASE_URL) {
  console.error("ci-soak: TEST_DATABASE_URL is not set (the PostgreSQL server the copy is made on)");
  process.exit(2);
}
const started = Date.now();
const h = await createDemoTestDb();
console.error(`ci-soak: demo database ${new URL(h.url!).pathname.slice(1)} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
let code = 1;
try {
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/soak.ts", "--database-url", h.url!, ...process.argv.slice(2)], { stdio: "inherit" });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
} finally {
  await h.close().catch((e: Error) => console.error(`ci-soak: dropping the copy: ${e.message}`));
}
process.exit(code);
