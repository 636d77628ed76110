import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";
import { auditEvents, claimBatches, claimLines, claimPayments, claims, remittanceFiles } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { REFERENCE_TABLES } from "@/db/seed/reference-loader";
import { referenceSeed } from "@/db/seed/reference";
import { generate835 } from "@/scripts/bench/remittance-835";
import { insertSentClaims } from "@/scripts/bench/remittance-claims";
import { cleanupFromState, defaultWorkDir, startScale, type ScaleCluster } from "@/scripts/scale/cluster";
import { waitReplicaCaughtUp } from "@/scripts/scale/postgres";
import { makeWorld, TEST_PASSWORD } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { Browser } from "./http";
import journal from "@/db/migrations/meta/_journal.json";

/**
 * The app scaled out on this machine (scripts/scale/cluster.ts, as `npm run scale:demo` runs it): two
 * `next start` processes behind HAProxy, two pg-boss workers, the local PostgreSQL as primary and a
 * streaming replica made by pg_basebackup as DATABASE_READ_URL. Everything here goes over HTTP, through
 * the load balancer or to one process directly; the test reads the database only to check.
 */
const primaryUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const workDir = defaultWorkDir();
const say = (line: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${line}`);

let cluster: ScaleCluster;
let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let app1: string;
let app2: string;
let lb: string;

/** The one row of a query (postgres.js answers with an array of rows). */
async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return ((await h.db.execute(query)) as unknown as T[])[0]!;
}

// Whatever happens to this test process short of SIGKILL, nothing it started outlives it.
process.once("exit", () => cleanupFromState(workDir));

beforeAll(async () => {
  const started = Date.now();
  cluster = await startScale({
    primaryUrl,
    database: `scale_t_${process.pid}_${randomBytes(3).toString("hex")}`,
    throwaway: true,
    appPorts: [3401, 3402],
    lbPort: 3480,
    replicaPort: 5433,
    workers: 2,
    workDir,
    env: {
      // a worker that dies holds its job for 6 s, then pg-boss retries it on a live worker
      REMIT_POSTING_EXPIRE_SECONDS: "6",
      REMIT_LEASE_SECONDS: "3",
      REMIT_MAINTENANCE_SECONDS: "1",
      REMIT_CHUNK_SIZE: "5",
      // the read-your-writes test freezes the replica for a few seconds: reads without a write of
      // their own must still be allowed to go there, so the lag bound is long here (1 s by default)
      DATABASE_READ_MAX_LAG_MS: "60000",
    },
    say,
  });
  app1 = cluster.apps[0]!.url;
  app2 = cluster.apps[1]!.url;
  lb = cluster.lbUrl;
  h = await openDb({ url: cluster.databaseUrl });
  w = await makeWorld(h.db);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller, CLAIM_NOW);
  say(`set-up ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 420_000);

afterAll(async () => {
  await h?.close();
  await cluster?.stop();
}, 120_000);

describe("scale-out: two app processes, HAProxy, two workers, a streaming replica", () => {
  it("both processes migrated the new database together: every migration once, the reference data once", async () => {
    const m = await one<{ n: number; hashes: number }>(sql`select count(*)::int as n, count(distinct hash)::int as hashes from drizzle.__drizzle_migrations`);
    expect(m).toMatchObject({ n: journal.entries.length, hashes: journal.entries.length });
    for (const [key, table] of Object.entries(REFERENCE_TABLES)) {
      const c = await one<{ n: number }>(sql`select count(*)::int as n from ${table}`);
      expect({ table: key, rows: c!.n }).toEqual({ table: key, rows: (referenceSeed[key as keyof typeof referenceSeed] as readonly unknown[]).length });
    }
    for (const url of [app1, app2, lb]) {
      const health = (await (await fetch(`${url}/api/health`)).json()) as { ok: boolean; migrations: number };
      expect(health).toMatchObject({ ok: true, migrations: journal.entries.length });
    }
  });

  it("a user signed in through one process works through the other, and signing out there ends it everywhere", async () => {
    const b = new Browser();
    await b.signIn(app1, w.as.biller.user.email, TEST_PASSWORD);
    const me = await b.query<{ email: string }>(app2, "auth.me");
    expect(me.status).toBe(200);
    expect(me.data?.email).toBe(w.as.biller.user.email);
    // through the load balancer: round robin, so both processes answer in turn
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await b.query<{ email: string }>(lb, "auth.me");
      expect(r.status).toBe(200);
      served.add(r.servedBy ?? "?");
    }
    expect([...served].sort()).toEqual(["app1", "app2"]);
    const saved = b.cookieHeader();
    expect(await b.signOut(app2)).toBeLessThan(400);
    const after = await fetch(`${app1}/api/trpc/auth.me?batch=1`, { headers: { cookie: saved } });
    expect(after.status).toBe(401);
  });

  it("20 concurrent batch creations spread over both processes get unique, increasing control numbers", async () => {
    const biller = w.as.biller.caller;
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    const built = await biller.claims.build({ administrationIds: [inf.administrationId] });
    expect((await biller.claims.markReady({ claimId: built.id })).blockers).toEqual([]);
    // 19 copies of the ready claim (claim numbers of their own), so 20 batches can be made at once
    const [c] = await h.db.select().from(claims).where(eq(claims.id, built.id));
    const lines = await h.db.select().from(claimLines).where(eq(claimLines.claimId, built.id)).orderBy(asc(claimLines.position));
    const ids = [built.id];
    for (let i = 0; i < 19; i++) {
      const { id: _id, ...rest } = c!;
      await h.db.transaction(async (tx) => {
        const [copy] = await tx.insert(claims).values({ ...rest, claimNumber: `S${randomBytes(5).toString("hex").toUpperCase()}` }).returning({ id: claims.id });
        await tx.insert(claimLines).values(lines.map(({ id: _l, ...l }) => ({ ...l, claimId: copy!.id })));
        ids.push(copy!.id);
      });
    }
    const before = await one<{ last: number | null }>(sql`select max(interchange_control_number)::int as last from claim_batches where practice_id = ${w.practice.id}`);
    const b = new Browser();
    await b.signIn(lb, w.as.biller.user.email, TEST_PASSWORD);
    const answers = await Promise.all(ids.map((id) => b.mutate<{ batches: { id: string; interchangeControlNumber: number }[] }>(lb, "claims.batches.create", { claimIds: [id] })));
    for (const a of answers) expect(a.error ?? null).toBeNull();
    const byProcess = new Map<string, number>();
    for (const a of answers) byProcess.set(a.servedBy ?? "?", (byProcess.get(a.servedBy ?? "?") ?? 0) + 1);
    expect([...byProcess.keys()].sort()).toEqual(["app1", "app2"]);
    const icns = answers.map((a) => a.data!.batches[0]!.interchangeControlNumber);
    const first = (before?.last ?? 0) + 1;
    // unique and without a gap: exactly the next 20 numbers
    expect([...icns].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
    // increasing in the order the batches were committed (each batch's audit row follows its numbers)
    const rows = await h.db
      .select({ icn: claimBatches.interchangeControlNumber, gcn: claimBatches.groupControlNumber, stcn: claimBatches.transactionSetControlNumber, seq: auditEvents.seq })
      .from(claimBatches)
      .innerJoin(auditEvents, and(eq(auditEvents.entityId, sql`${claimBatches.id}::text`), eq(auditEvents.practiceId, claimBatches.practiceId), eq(auditEvents.action, "batch.created")))
      .where(inArray(claimBatches.id, answers.map((a) => a.data!.batches[0]!.id)))
      .orderBy(asc(auditEvents.seq));
    expect(rows).toHaveLength(20);
    for (const key of ["icn", "gcn", "stcn"] as const) {
      const seq = rows.map((r) => r[key]);
      expect(new Set(seq).size).toBe(20);
      expect(seq).toEqual([...seq].sort((x, y) => x - y));
    }
  });

  it("a write followed by the writer's own read is never stale, while other readers are served by the replica", async () => {
    const writer = new Browser();
    await writer.signIn(lb, w.as.biller.user.email, TEST_PASSWORD);
    const reader = new Browser();
    await reader.signIn(lb, w.as.manager.user.email, TEST_PASSWORD);
    const listed = async (b: Browser, url: string, lastName: string) => {
      const r = await b.query<{ items: { lastName: string }[] }>(url, "patients.list", { q: lastName });
      expect(r.error ?? null).toBeNull();
      return r.data!.items.some((p) => p.lastName === lastName);
    };
    const newPatient = (lastName: string) => ({
      mrn: `RYW-${randomBytes(4).toString("hex")}`,
      firstName: "Rita",
      lastName,
      dateOfBirth: "1952-03-04",
      sex: "female",
      addressLine1: "1 Replica Road",
      addressLine2: "",
      city: "Madison",
      state: "WI",
      zip: "53703",
      phone: "(608) 555-0150",
    });

    // Streaming as usual: each write is read back at once, through either process.
    for (let i = 0; i < 10; i++) {
      const lastName = `Streamwrite${String.fromCharCode(97 + i)}`;
      const created = await writer.mutate(lb, "patients.create", newPatient(lastName));
      expect(created.error ?? null).toBeNull();
      expect(writer.cookies.get("durva-wlsn")).toMatch(/^[0-9A-F]+%2F[0-9A-F]+$/);
      expect(await listed(writer, i % 2 ? app1 : app2, lastName)).toBe(true);
    }

    // The replica frozen (replay paused): the writer still reads its write (from the primary), while a
    // reader who wrote nothing since is answered by the replica, which does not have it yet.
    await waitReplicaCaughtUp(cluster.databaseUrl, cluster.readUrl);
    const replica = postgres(cluster.readUrl, { max: 1, onnotice: () => {} });
    try {
      await replica`select pg_wal_replay_pause()`;
      const lastName = "Frozenreplica";
      const created = await writer.mutate(lb, "patients.create", newPatient(lastName));
      expect(created.error ?? null).toBeNull();
      for (const url of [app1, app2, lb, lb]) expect(await listed(writer, url, lastName)).toBe(true);
      for (const url of [app1, app2]) expect(await listed(reader, url, lastName)).toBe(false);
      await replica`select pg_wal_replay_resume()`;
      await waitReplicaCaughtUp(cluster.databaseUrl, cluster.readUrl);
      for (const url of [app1, app2]) expect(await listed(reader, url, lastName)).toBe(true);
    } finally {
      await replica`select pg_wal_replay_resume()`.catch(() => undefined);
      await replica.end({ timeout: 1 });
    }
  });

  it("835 files uploaded through both processes are each posted exactly once, although a worker is killed mid-file", async () => {
    const files = 8;
    const perFile = 40;
    const prefix = `SC${randomBytes(2).toString("hex").toUpperCase()}`;
    const list = await insertSentClaims(h.db, w.practice.id, setup, files * perFile, prefix);
    const b = new Browser();
    await b.signIn(lb, w.as.biller.user.email, TEST_PASSWORD);
    const uploads = [];
    for (let i = 0; i < files; i++) {
      const text = generate835(list.slice(i * perFile, (i + 1) * perFile), { trace: `${prefix}-${i}`, icn: 9100 + i, denyEvery: 5 });
      uploads.push(await b.upload835<{ fileId: string; outcome: string }>(lb, `${prefix}-${i}.835`, text));
    }
    for (const u of uploads) expect(u.data?.outcome, u.error).toBe("queued");
    expect(new Set(uploads.map((u) => u.servedBy))).toEqual(new Set(["app1", "app2"]));
    const fileIds = uploads.map((u) => u.data!.fileId);

    // Kill worker 1 (SIGKILL, no goodbye) while it is inside a file: part of the file committed, the rest not.
    const victim = cluster.workers[0]!;
    const deadline = Date.now() + 60_000;
    let caught: { id: string; claimsDone: number } | undefined;
    while (!caught && Date.now() < deadline) {
      const [f] = await h.db
        .select({ id: remittanceFiles.id, claimsDone: remittanceFiles.claimsDone })
        .from(remittanceFiles)
        .where(and(inArray(remittanceFiles.id, fileIds), eq(remittanceFiles.status, "posting"), sql`${remittanceFiles.leaseOwner} like ${`${victim.pid}-%`}`, sql`${remittanceFiles.claimsDone} between 1 and ${perFile - 10}`));
      if (f) caught = f;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(caught, "worker 1 was never seen inside a file").toBeDefined();
    await victim.kill();
    say(`killed worker 1 (pid ${victim.pid}) with ${caught!.claimsDone} of ${perFile} claims of a file committed`);

    const done = async () => {
      const rows = await h.db.select({ status: remittanceFiles.status }).from(remittanceFiles).where(inArray(remittanceFiles.id, fileIds));
      return rows.every((r) => r.status === "posted");
    };
    const until = Date.now() + 90_000;
    while (!(await done())) {
      if (Date.now() > until) throw new Error("the files were not all posted within 90 s of the kill");
      await new Promise((r) => setTimeout(r, 250));
    }
    cluster.workers[0] = cluster.startWorker("worker1b");

    const rows = await h.db.select().from(remittanceFiles).where(inArray(remittanceFiles.id, fileIds));
    for (const f of rows) expect(f).toMatchObject({ status: "posted", claimCount: perFile, claimsDone: perFile, postedCount: perFile, denialCount: perFile / 5 });
    expect(rows.find((f) => f.id === caught!.id)!.attempts).toBeGreaterThanOrEqual(2);
    const payments = await h.db.select({ claimId: claimPayments.claimId, fileId: claimPayments.fileId }).from(claimPayments).where(inArray(claimPayments.fileId, fileIds));
    expect(payments).toHaveLength(files * perFile);
    expect(new Set(payments.map((p) => p.claimId)).size).toBe(files * perFile);
    const [adjudicated] = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(eq(claims.practiceId, w.practice.id), sql`${claims.claimNumber} like ${`${prefix}%`}`, eq(claims.status, "adjudicated")));
    expect(adjudicated!.n).toBe(files * perFile);
  });
});
