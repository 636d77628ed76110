/**
 * Applies migrations and seeds the demo data, then exits. For a PostgreSQL server (DATABASE_URL)
 * or an embedded directory (PGLITE_DIR, default .data/pglite) that no running app has open:
 * the lock file in the directory refuses a second process.
 */
import { defaultPgliteDir, openDb } from "../db/client";
import { seedDemoIfEmpty } from "../db/seed/demo";
import { loadReferenceSeedIfEmpty } from "../db/seed/reference-loader";

async function main() {
  const url = process.env.DATABASE_URL || undefined;
  const h = await openDb({ url, dataDir: url ? undefined : defaultPgliteDir(), migrate: true });
  try {
    const { loaded } = await loadReferenceSeedIfEmpty(h.db);
    const { seeded } = await seedDemoIfEmpty(h.db);
    console.log(
      `[db:setup] ${h.kind}: migrations applied; reference tables loaded: ${loaded.length ? loaded.join(", ") : "none (already present)"}; demo data ${seeded ? "seeded" : "already present"}.`,
    );
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(`[db:setup] failed: ${(e as Error).message}`);
  process.exit(1);
});
