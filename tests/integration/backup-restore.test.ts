import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { backupPglite, backupPostgres, fingerprint, restorePglite, restorePostgres, type DatabaseFingerprint } from "@/db/backup";
import { openDb } from "@/db/client";
import { createDemoTestDb } from "../helpers/test-db";

/** Seeding the demo, dumping and restoring take minutes, not seconds, on a loaded two-core machine. */
const ROOM = 600_000;
const work = mkdtempSync(path.join(tmpdir(), "backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The demo practices plus reference data: every area's tables have rows, the audit trail too. */
function expectMeaningful(fp: DatabaseFingerprint): void {
  expect(fp.auditRows).toBeGreaterThan(10);
  expect(fp.auditChecksum).toMatch(/^[0-9a-f]{32}$/);
  const filled = Object.entries(fp.rows).filter(([, n]) => n > 0).map(([t]) => t);
  expect(filled).toEqual(expect.arrayContaining(["public.practices", "public.patients", "public.users", "public.audit_events"]));
  expect(Object.keys(fp.rows).some((t) => t.startsWith("drizzle."))).toBe(true); // the migration journal comes along
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("db:backup / db:restore on PostgreSQL", () => {
  it("a restored database has every table's rows and the same audit trail; restore refuses a database that has tables", async () => {
    const h = await createDemoTestDb();
    const base = process.env.TEST_DATABASE_URL!;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const fresh = `t_restore_${randomBytes(4).toString("hex")}`;
    const freshUrl = new URL(base);
    freshUrl.pathname = `/${fresh}`;
    try {
      const file = path.join(work, "pg.dump");
      await backupPostgres(h.url!, file);
      await admin.unsafe(`create database "${fresh}"`);
      await restorePostgres(file, freshUrl.toString());

      const source = postgres(h.url!, { max: 1, onnotice: () => {} });
      const target = postgres(freshUrl.toString(), { max: 1, onnotice: () => {} });
      try {
        const before = await fingerprint((q) => source.unsafe(q));
        const after = await fingerprint((q) => target.unsafe(q));
        expectMeaningful(before);
        expect(after).toEqual(before);
        // the append-only trigger came back with the data
        await expect(target.unsafe("update audit_events set action = action")).rejects.toThrow();
      } finally {
        await source.end();
        await target.end();
      }
      await expect(restorePostgres(file, freshUrl.toString())).rejects.toThrow(/already has \d+ tables/);
    } finally {
      await admin.unsafe(`drop database if exists "${fresh}" with (force)`);
      await admin.end();
      await h.close();
    }
  }, ROOM);
});

describe.runIf(!process.env.TEST_DATABASE_URL)("db:backup / db:restore of the embedded directory", () => {
  it("a restored directory has every table's rows and the same audit trail; restore refuses a directory that is not empty", async () => {
    const dir = path.join(work, "source");
    const restored = path.join(work, "restored");
    const file = path.join(work, "pglite.tar.gz");
    // the demo in memory (a file-backed directory syncs every transaction: minutes to seed on a loaded
    // machine), laid down as a directory with the restore under test; then that directory round-trips
    const mem = await createDemoTestDb();
    try {
      writeFileSync(path.join(work, "seeded.tar.gz"), Buffer.from(await (await mem.pglite!.dumpDataDir("gzip")).arrayBuffer()));
    } finally {
      await mem.close();
    }
    await restorePglite(path.join(work, "seeded.tar.gz"), dir);
    await backupPglite(dir, file);
    await restorePglite(file, restored);

    const read = async (d: string) => {
      const x = await openDb({ dataDir: d });
      try {
        return await fingerprint(async (q) => (await x.pglite!.query<Record<string, unknown>>(q)).rows);
      } finally {
        await x.close();
      }
    };
    const before = await read(dir);
    const after = await read(restored);
    expectMeaningful(before);
    expect(after).toEqual(before);
    await expect(restorePglite(file, dir)).rejects.toThrow(/not empty/);
  }, ROOM);
});
