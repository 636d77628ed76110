/**
 * `tsx --conditions=react-server tests/e2e/demo-dir.ts <dir>`: fills a new embedded-database directory
 * with the demo, for an e2e server (playwright.config.ts). The demo is the one `npm run demo` seeds
 * today, from the PGlite template the integration tests build (tests/helpers/test-db.ts, keyed by the
 * day and by every file of db/ and server/, so it is always today's code): the vitest step of
 * `npm test` has usually built it already, and copying it takes seconds where seeding at the server's
 * first start takes most of a minute. Seeding from an empty database is tested on its own
 * (demo-seed.test.ts) and `npm run demo` still starts that way.
 */
import { restorePglite } from "@/db/backup";
import { demoPgliteTemplateFile } from "../helpers/test-db";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: tests/e2e/demo-dir.ts <new directory>");
  process.exit(2);
}
const started = Date.now();
const file = await demoPgliteTemplateFile();
await restorePglite(file, dir);
console.log(`demo database in ${dir} (from ${file}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
