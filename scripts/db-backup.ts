/**
 * npm run db:backup [-- --out FILE]
 *   DATABASE_URL set: pg_dump (custom format) of that database; default file backups/postgres-<time>.dump
 *   otherwise: the embedded directory (PGLITE_DIR, default .data/pglite) dumped by PGlite; backups/pglite-<time>.tar.gz
 *   Stop the app first for the embedded directory (one process at a time); PostgreSQL backs up live.
 * npm run db:restore -- FILE
 *   into DATABASE_URL (must be a new, empty database) or PGLITE_DIR (must be a new or empty directory).
 *   The engine follows the file: .dump → PostgreSQL, .tar.gz → embedded.
 */
import path from "node:path";
import { defaultPgliteDir } from "../db/client";
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from "../db/backup";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  const url = process.env.DATABASE_URL || undefined;
  const stamp = new Date().toISOString().replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  if (command === "backup") {
    if (url) {
      const file = option("--out") ?? path.join("backups", `postgres-${stamp}.dump`);
      await backupPostgres(url, file);
      console.log(`[db:backup] PostgreSQL database backed up to ${file}`);
    } else {
      const dir = defaultPgliteDir();
      const file = option("--out") ?? path.join("backups", `pglite-${stamp}.tar.gz`);
      await backupPglite(dir, file);
      console.log(`[db:backup] embedded database ${dir} backed up to ${file}`);
    }
    return;
  }
  if (command === "restore") {
    if (!target) throw new Error("name the backup file: npm run db:restore -- backups/<file>");
    if (target.endsWith(".dump")) {
      if (!url) throw new Error("a .dump file restores into PostgreSQL: set DATABASE_URL to a new, empty database");
      await restorePostgres(target, url);
      console.log(`[db:restore] ${target} restored into the PostgreSQL database`);
    } else if (target.endsWith(".tar.gz") || target.endsWith(".tgz")) {
      const dir = defaultPgliteDir();
      await restorePglite(target, dir);
      console.log(`[db:restore] ${target} restored into ${dir}`);
    } else {
      throw new Error("unknown backup file: .dump (PostgreSQL) or .tar.gz (embedded directory)");
    }
    return;
  }
  throw new Error("usage: db-backup.ts backup [--out FILE] | restore FILE");
}

main().catch((e: unknown) => {
  console.error(`[db] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
