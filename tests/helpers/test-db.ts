import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { MIGRATIONS_DIR, openDb, type DbHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { loadReferenceSeedIfEmpty } from "@/db/seed/reference-loader";

/**
 * A fresh, migrated database for one test file, holding the reference data like a fresh installation:
 * a throwaway database on the PostgreSQL server when TEST_DATABASE_URL is set (dropped in close),
 * otherwise an in-memory PGlite.
 *
 * Migrating and loading the reference data takes seconds per database, and every integration file
 * needs one on each engine, so both engines start from a template built once per content of the
 * migrations and the reference seed (the key changes whenever either changes):
 *  - PostgreSQL: `create database … template durva_tmpl_<key>` (the template is built under an
 *    advisory lock by whichever test process needs it first);
 *  - PGlite: a data-directory tarball in the OS temp folder, loaded with `loadDataDir`.
 * Each copy is then opened with `migrate: true` exactly like a fresh database, which finds nothing
 * to apply: a template that were missing a migration would still end up complete.
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  const base = process.env.TEST_DATABASE_URL;
  const h = base ? await openPostgresCopy(base, REFERENCE) : await openDb({ migrate: true, loadDataDir: await pgliteTemplate(REFERENCE) });
  await loadReferenceSeedIfEmpty(h.db);
  return h;
}

/**
 * A fresh database holding the demo practices as `npm run demo` seeds them today, for the tests that
 * read the whole demo (readiness on every kind of infusion, backup and restore). Seeding the demo
 * through the services takes most of a minute per engine, so it is done once into a template too,
 * keyed by the day and by every file under db/ and server/ (the seed runs through the services).
 * Building the template is the demo seed's own test of a first start (it fails unless the seed answers
 * `{ seeded: true }` on the empty database); demo-seed.test.ts then checks what it made.
 */
export async function createDemoTestDb(): Promise<DbHandle & { url?: string }> {
  const base = process.env.TEST_DATABASE_URL;
  return base ? await openPostgresCopy(base, DEMO) : await openDb({ migrate: true, loadDataDir: await pgliteTemplate(DEMO) });
}

interface TemplateKind {
  /** database-name and file-name prefix */
  prefix: string;
  key: () => string;
  /** fills a migrated database */
  fill: (h: DbHandle) => Promise<void>;
}

const REFERENCE: TemplateKind = {
  prefix: "durva_tmpl_",
  key: () => templateKey(),
  fill: async (h) => {
    await loadReferenceSeedIfEmpty(h.db);
  },
};

let demoKey: string | undefined;
const DEMO: TemplateKind = {
  prefix: "durva_demo_",
  key: () => {
    if (demoKey) return demoKey;
    const hash = createHash("sha256").update(templateKey()).update(new Date().toISOString().slice(0, 10));
    for (const dir of ["db", "server"]) {
      for (const file of filesUnder(path.join(process.cwd(), dir))) {
        hash.update(path.relative(process.cwd(), file)).update("\0").update(readFileSync(file)).update("\0");
      }
    }
    demoKey = hash.digest("hex").slice(0, 16);
    return demoKey;
  },
  fill: async (h) => {
    await loadReferenceSeedIfEmpty(h.db);
    const r = await seedDemoIfEmpty(h.db);
    if (!r.seeded) throw new Error("the demo template's database was not empty");
  },
};

const SEED_DIR = path.join(process.cwd(), "db", "seed", "reference");
/** Template build lock (pg_advisory_lock key), distinct from the app's migration lock. */
const TEMPLATE_LOCK_KEY = 727_174;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

let key: string | undefined;
/** A short hash of every migration and reference-seed file, names and contents. */
function templateKey(): string {
  if (key) return key;
  const hash = createHash("sha256");
  for (const file of [...filesUnder(MIGRATIONS_DIR), ...filesUnder(SEED_DIR)]) {
    hash.update(path.relative(process.cwd(), file)).update("\0").update(readFileSync(file)).update("\0");
  }
  key = hash.digest("hex").slice(0, 16);
  return key;
}

/**
 * The file of the demo's PGlite template (built when missing): the e2e servers start from a copy
 * of it (tests/e2e/demo-dir.ts) instead of seeding the demo at start.
 */
export async function demoPgliteTemplateFile(): Promise<string> {
  await pgliteTemplate(DEMO);
  return pgliteTemplatePath(DEMO);
}

function pgliteTemplatePath(kind: TemplateKind): string {
  return path.join(tmpdir(), `${kind.prefix.replace(/_/g, "-")}pglite-${kind.key()}.tar`);
}

async function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const file = pgliteTemplatePath(kind);
  if (!existsSync(file)) {
    const h = await openDb({ migrate: true });
    try {
      await kind.fill(h);
      const dump = await h.pglite!.dumpDataDir("none");
      // Several test processes may build it at once: each writes its own file and renames it into
      // place, so a reader never sees a half-written tarball.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
    } finally {
      await h.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

async function openPostgresCopy(base: string, kind: TemplateKind): Promise<DbHandle & { url: string }> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const template = `${kind.prefix}${kind.key()}`;
  const name = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const urlOf = (db: string) => {
    const u = new URL(base);
    u.pathname = `/${db}`;
    return u.toString();
  };
  try {
    await admin`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
    try {
      const [found] = await admin`select 1 as one from pg_database where datname = ${template}`;
      if (!found) {
        // Built under another name and renamed when complete: a crash midway leaves no usable template.
        const building = `${template}_b${randomBytes(3).toString("hex")}`;
        await admin.unsafe(`create database "${building}"`);
        const h = await openDb({ url: urlOf(building), migrate: true });
        try {
          await kind.fill(h);
        } finally {
          await h.close();
        }
        // Templates of earlier code or days are of no further use (copies are made under this lock).
        const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${kind.prefix}%`} and datname <> ${building}`;
        for (const d of stale) await admin.unsafe(`drop database if exists "${d.datname}" with (force)`);
        await admin.unsafe(`alter database "${building}" rename to "${template}"`);
      }
      await admin.unsafe(`create database "${name}" template "${template}"`);
    } finally {
      await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
    }
  } catch (e) {
    await admin.end();
    throw e;
  }
  const url = urlOf(name);
  const h = await openDb({ url, migrate: true });
  return {
    ...h,
    /** the throwaway database's URL, for tests that start other processes on it */
    url,
    close: async () => {
      await h.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
