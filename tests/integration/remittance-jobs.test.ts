import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { claimPaymentLines, claimPayments, claims, remittanceAdjustments, remittanceFiles } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { createBoss } from "@/server/jobs/boss";
import { JOB_HANDLERS } from "@/server/jobs/handlers";
import { startWorkers } from "@/server/jobs/runtime";
import type { Actor } from "@/server/services/context";
import { receiveRemittanceFile } from "@/server/services/remittance-posting";
import { insertSentClaims } from "@/scripts/bench/remittance-claims";
import { generate835 } from "@/scripts/bench/remittance-835";
import { makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { createTestDb } from "../helpers/test-db";

const root = path.resolve(import.meta.dirname, "../..");
let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let biller: Actor;

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller, CLAIM_NOW);
  biller = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "test" };
}, 240_000);
afterAll(() => h?.close());

async function fileRow(id: string) {
  const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, id));
  return f!;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 150_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("835 posting as a pg-boss job", () => {
  it("an upload is posted by a worker through pg-boss, and the file's progress shows it", async () => {
    const list = await insertSentClaims(h.db, w.practice.id, setup, 30, "JB");
    const runtime = await startWorkers(h, { pollingIntervalSeconds: 0.5 });
    try {
      const r = await receiveRemittanceFile(h.db, biller, { name: "jobs.835", bytes: new TextEncoder().encode(generate835(list, { trace: "JOBS-1", denyEvery: 10 })) }, new Date(), async (fileId) => {
        await runtime.boss.send("remittance-posting", { fileId });
      });
      expect(r.outcome).toBe("queued");
      const done = await waitFor("the job", async () => {
        const f = await fileRow(r.fileId);
        return f.status === "posted" ? f : null;
      });
      expect(done).toMatchObject({ claimCount: 30, claimsDone: 30, postedCount: 30, denialCount: 3, attempts: 1 });
    } finally {
      await runtime.stop();
    }
  }, 180_000);

  it("a worker takes queued files one after the other without idling a polling interval between them", async () => {
    // Four files wait in the queue before the worker starts; it polls only every 60 s, so if it
    // idled an interval after each file the last would be posted three minutes later.
    const sender = createBoss(h, { worker: false });
    await sender.start();
    const ids: string[] = [];
    try {
      await sender.createQueue("remittance-posting", { name: "remittance-posting", ...JOB_HANDLERS["remittance-posting"].queue });
      for (let i = 1; i <= 4; i++) {
        const list = await insertSentClaims(h.db, w.practice.id, setup, 3, `Q${i}`);
        const r = await receiveRemittanceFile(h.db, biller, { name: `queued-${i}.835`, bytes: new TextEncoder().encode(generate835(list, { trace: `QUEUED-${i}` })) }, new Date(), async (fileId) => {
          await sender.send("remittance-posting", { fileId });
        });
        ids.push(r.fileId);
      }
    } finally {
      await sender.stop({ graceful: false });
    }
    const runtime = await startWorkers(h, { pollingIntervalSeconds: 60 });
    try {
      const files = await waitFor(
        "the four queued files",
        async () => {
          const rows = await Promise.all(ids.map(fileRow));
          return rows.every((f) => f.status === "posted") ? rows : null;
        },
        45_000,
      );
      expect(files.map((f) => f.postedCount)).toEqual([3, 3, 3, 3]);
    } finally {
      await runtime.stop();
    }
  }, 120_000);
});

// A worker process and the test share the database: only a PostgreSQL server allows that (an
// embedded PGlite database belongs to one process).
describe.runIf(!!process.env.TEST_DATABASE_URL)("a worker killed mid-file (PostgreSQL)", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) stop(c, "SIGKILL");
  });
  // tsx runs the worker in a child node process: signal the whole process group, or that child
  // outlives the test
  function stop(c: ChildProcess, signal: NodeJS.Signals) {
    if (c.exitCode !== null || c.signalCode !== null || !c.pid) return;
    try {
      process.kill(-c.pid, signal);
    } catch {
      // already gone
    }
  }
  function worker(env: Record<string, string>): ChildProcess {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
      cwd: root,
      detached: true,
      env: { ...process.env, DATABASE_URL: h.url!, REMIT_MAINTENANCE_SECONDS: "1", REMIT_LEASE_SECONDS: "2", REMIT_CHUNK_SIZE: "25", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    return child;
  }
  const exited = (c: ChildProcess) => new Promise<NodeJS.Signals | number | null>((resolve) => c.once("exit", (code, signal) => resolve(signal ?? code)));

  it("leaves no claim payment half-written, and a second worker finishes the file exactly once", async () => {
    const list = await insertSentClaims(h.db, w.practice.id, setup, 120, "KW");
    const boss = createBoss(h, { worker: false });
    await boss.start();
    try {
      await boss.createQueue("remittance-posting", { name: "remittance-posting", retryLimit: 5, retryDelay: 1, expireInSeconds: 3 });
      const r = await receiveRemittanceFile(h.db, biller, { name: "kill.835", bytes: new TextEncoder().encode(generate835(list, { trace: "KILL-1", denyEvery: 4 })) }, new Date(), async (fileId) => {
        await boss.send("remittance-posting", { fileId }, { expireInSeconds: 3, retryLimit: 5, retryDelay: 1 });
      });

      // worker A kills itself inside the transaction of the chunk that reaches 60 claim payments
      // (one lane: the counts below assume its chunks are written one after the other; worker B uses two)
      const a = worker({ REMIT_TEST_KILL_AT_CLAIMS: "60", REMIT_POSTING_LANES: "1" });
      // tsx reports its child's SIGKILL as exit code 137
      expect([137, "SIGKILL"]).toContain(await exited(a));
      const mid = await fileRow(r.fileId);
      const written = await h.db.select({ id: claimPayments.id, claimId: claimPayments.claimId }).from(claimPayments).where(eq(claimPayments.fileId, r.fileId));
      expect(mid).toMatchObject({ status: "posting", claimsDone: 50, postedCount: 50 });
      expect(written).toHaveLength(50);
      // every written claim payment is whole: its two lines, its adjustments, its claim adjudicated
      const [linesRow] = await h.db.select({ lines: sql<number>`count(*)::int` }).from(claimPaymentLines).innerJoin(claimPayments, eq(claimPayments.id, claimPaymentLines.claimPaymentId)).where(eq(claimPayments.fileId, r.fileId));
      const [adjsRow] = await h.db.select({ adjs: sql<number>`count(*)::int` }).from(remittanceAdjustments).innerJoin(claimPayments, eq(claimPayments.id, remittanceAdjustments.claimPaymentId)).where(eq(claimPayments.fileId, r.fileId));
      expect(linesRow!.lines).toBe(100);
      expect(adjsRow!.adjs).toBe(100);
      const adjudicated = await h.db.select({ n: sql<number>`count(*)::int` }).from(claims).where(and(eq(claims.practiceId, w.practice.id), sql`${claims.claimNumber} like 'KW%'`, eq(claims.status, "adjudicated")));
      expect(adjudicated[0]!.n).toBe(50);

      // worker B: pg-boss expires A's job, retries it, B takes over the lease and posts the rest
      const b = worker({ REMIT_POSTING_LANES: "2" });
      const done = await waitFor("worker B", async () => {
        const f = await fileRow(r.fileId);
        return f.status === "posted" ? f : null;
      });
      stop(b, "SIGTERM");
      // attempts: A's, then B's (a third when a very busy machine lets B's lease lapse; what matters is
      // that every claim is posted once, checked below)
      expect(done).toMatchObject({ claimsDone: 120, postedCount: 120, denialCount: 30 });
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      const all = await h.db.select({ position: claimPayments.position, claimId: claimPayments.claimId }).from(claimPayments).where(eq(claimPayments.fileId, r.fileId));
      expect(all).toHaveLength(120);
      expect(new Set(all.map((x) => x.claimId)).size).toBe(120);
      const paid = await h.db
        .select({ n: sql<number>`count(*)::int`, total: sql<string>`sum(${claims.paidCents})` })
        .from(claims)
        .where(and(eq(claims.practiceId, w.practice.id), sql`${claims.claimNumber} like 'KW%'`, eq(claims.status, "adjudicated")));
      // 90 paid in full (1,820,000) + 30 with the drug denied (20,000)
      expect(paid[0]).toMatchObject({ n: 120, total: String(90 * 1820000 + 30 * 20000) });
    } finally {
      await boss.stop({ graceful: false, wait: true, timeout: 5000 });
    }
  }, 300_000);
});
