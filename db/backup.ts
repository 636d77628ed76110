/**
 * Backup and restore of the whole database, for both engines:
 *  - PostgreSQL: pg_dump in its custom format (every schema: the app's tables, the audit trail,
 *    drizzle's migration journal), restored with pg_restore in one transaction into an EMPTY database.
 *  - PGlite: the embedded directory's own dump (`dumpDataDir`, a gzipped tar of the data directory),
 *    restored with `loadDataDir` into a new, empty directory.
 * Restores never overwrite: the target must be empty, so a mistyped target cannot destroy data.
 * The embedded directory must not be open in another process (the app): the directory lock refuses it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { acquireDirLock } from "./client";

export type BackupEngine = "postgres" | "pglite";

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) =>
      reject(new Error(`${cmd} could not be started (${e.message}): install the PostgreSQL client tools (apt-get install postgresql-client).`)),
    );
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** Writes a pg_dump custom-format archive of the database at `url` to `file`. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`]);
}

/** Restores a pg_dump archive into the database at `url`, which must have no tables yet. */
export async function restorePostgres(file: string, url: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    if ((row?.n ?? 0) > 0) {
      throw new Error(`The target database already has ${row!.n} tables: restore only into a new, empty database (createdb, then restore).`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file]);
}

/** Writes the embedded directory's own dump (gzipped tar) to `file`. */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`${dataDir} is not an embedded database directory.`);
  const release = acquireDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = new PGlite(dataDir);
    await pg.waitReady;
    try {
      const dump = await pg.dumpDataDir("gzip");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await pg.close();
    }
  } finally {
    release();
  }
}

/** Unpacks an embedded-directory dump into `dataDir`, which must not exist or be empty. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}.`);
  if (existsSync(dataDir) && (!statSync(dataDir).isDirectory() || readdirSync(dataDir).length > 0)) {
    throw new Error(`${dataDir} is not empty: restore only into a new directory (set PGLITE_DIR to it).`);
  }
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await pg.waitReady;
    await pg.close();
  } finally {
    release();
  }
}

/** What a backup must preserve, for comparing a database before and after a round trip. */
export interface DatabaseFingerprint {
  /** "schema.table" → row count, every table of every non-system schema */
  rows: Record<string, number>;
  /** rows in the audit trail and an md5 over all of them in sequence order */
  auditRows: number;
  auditChecksum: string;
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

export async function fingerprint(query: Query): Promise<DatabaseFingerprint> {
  const tables = await query(`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`);
  const rows: Record<string, number> = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const ident = `"${s.replaceAll('"', '""')}"."${t.replaceAll('"', '""')}"`;
    const [r] = await query(`select count(*)::int as n from ${ident}`);
    rows[`${s}.${t}`] = Number(r?.n ?? 0);
  }
  const [audit] = await query(
    `select count(*)::int as n, coalesce(md5(string_agg(a::text, E'\\n' order by a.seq)), '') as sum from audit_events a`,
  );
  return { rows, auditRows: Number(audit?.n ?? 0), auditChecksum: String(audit?.sum ?? "") };
}
