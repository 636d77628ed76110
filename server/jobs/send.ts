import "server-only";
import { getDbHandle } from "@/db/client";
import { createBoss, type PgBoss } from "./boss";
import { JOB_HANDLERS, type JobName } from "./handlers";
import { startWorkers, type JobRuntime } from "./runtime";
import { describeForLog, log } from "@/server/log";

/**
 * Sending jobs from the app. On the embedded database the app itself runs the workers (started once
 * per process, on first use or at server start); on PostgreSQL it only sends, and `npm run worker`
 * processes work the queues.
 */
const g = globalThis as unknown as { __jobs?: { inProcess?: Promise<JobRuntime>; sender?: Promise<PgBoss>; override?: Sender } };
type Sender = (name: JobName, data: Record<string, unknown>) => Promise<void>;

function state() {
  return (g.__jobs ??= {});
}

/** Starts the in-process workers on the embedded database (idempotent). */
export function ensureInProcessJobs(): Promise<JobRuntime> {
  const s = state();
  s.inProcess ??= getDbHandle().then((h) => {
    if (h.kind !== "pglite") throw new Error("In-process jobs run on the embedded database only; on PostgreSQL start `npm run worker`.");
    return startWorkers(h);
  });
  s.inProcess.catch(() => {
    s.inProcess = undefined;
  });
  return s.inProcess;
}

async function senderBoss(): Promise<PgBoss> {
  const s = state();
  s.sender ??= (async () => {
    const h = await getDbHandle();
    if (h.kind === "pglite") return (await ensureInProcessJobs()).boss;
    const boss = createBoss(h, { worker: false });
    boss.on("error", (e: Error) => log.error({ component: "jobs", err: describeForLog(e) }, "pg-boss error"));
    await boss.start();
    for (const [name, def] of Object.entries(JOB_HANDLERS)) await boss.createQueue(name, { name, ...def.queue });
    return boss;
  })();
  s.sender.catch(() => {
    s.sender = undefined;
  });
  return s.sender;
}

export async function sendJob(name: JobName, data: Record<string, unknown>): Promise<void> {
  const s = state();
  if (s.override) return s.override(name, data);
  const boss = await senderBoss();
  await boss.send(name, data, JOB_HANDLERS[name].queue);
}

/** Tests: route jobs to a function (e.g. run the handler at once) instead of pg-boss. */
export function setJobSender(fn: Sender | undefined): void {
  state().override = fn;
}

/** The readiness recheck of one practice, after a wide change (server/services/readiness-recheck.ts). */
export function sendReadinessRecheck(practiceId: string): Promise<void> {
  return sendJob("readiness-recheck", { practiceId });
}
