import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";
import { loadReferenceSeedIfEmpty } from "@/db/seed/reference-loader";

/**
 * A fresh, migrated database for one test file: a throwaway database on the PostgreSQL server when
 * TEST_DATABASE_URL is set (dropped in close), otherwise an in-memory PGlite.
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  const h = await openTestDb();
  // Like a fresh installation: the reference data is there from the start.
  await loadReferenceSeedIfEmpty(h.db);
  return h;
}

async function openTestDb(): Promise<DbHandle & { url?: string }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return openDb({ migrate: true });
  const name = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = await openDb({ url: url.toString(), migrate: true });
  return {
    ...h,
    /** the throwaway database's URL, for tests that start other processes on it */
    url: url.toString(),
    close: async () => {
      await h.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
