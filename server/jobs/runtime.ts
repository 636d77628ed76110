import "server-only";
import type { Logger } from "pino";
import type { DbHandle } from "@/db/client";
import { describeForLog, log as rootLog } from "@/server/log";
import { createBoss, type PgBoss } from "./boss";
import { JOB_HANDLERS, type JobName } from "./handlers";
import { retryOnDeadlock } from "./retry";

/**
 * Job workers: every queue of `JOB_HANDLERS`, each handler a thin call into an idempotent service.
 * On PostgreSQL they run in `npm run worker` processes (any number); on the embedded database the
 * app runs them in its own process (the one that owns the PGlite directory).
 */
export interface JobRuntime {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** how often the supervisor expires the jobs of a worker that died (default pg-boss: 120 s) */
  maintenanceIntervalSeconds?: number;
  /** how often an idle worker looks for jobs */
  pollingIntervalSeconds?: number;
  /** default: the server logger with `component: "jobs"` */
  log?: Logger;
}

export async function startWorkers(h: DbHandle, opts: WorkerOptions = {}): Promise<JobRuntime> {
  const log = opts.log ?? rootLog.child({ component: "jobs" });
  const boss = createBoss(h, { worker: true, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds });
  boss.on("error", (e: Error) => log.error({ err: describeForLog(e) }, "pg-boss error"));
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  for (const [name, def] of Object.entries(JOB_HANDLERS) as [JobName, (typeof JOB_HANDLERS)[JobName]][]) {
    await retryOnDeadlock(() => boss.createQueue(name, { name, ...def.queue }), log);
    // pg-boss waits its polling interval after every fetch, even one that found a job: one job a
    // second per queue and worker. A worker that found work asks for the next job at once (a
    // soak's 835 uploads, two a second, queued faster than that); an idle one polls every interval.
    let workerId: string | undefined = undefined; // set once boss.work answers; a job fetched before that waits one interval
    workerId = await boss.work<Record<string, unknown>>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (jobs) => {
      if (jobs.length > 0 && workerId) boss.notifyWorker(workerId);
      for (const job of jobs) {
        const jobLog = log.child({ queue: name, jobId: job.id, attempt: job.retryCount + 1 });
        const started = performance.now();
        try {
          await def.handle(h.db, job.data, { jobId: job.id, lastAttempt: job.retryCount >= job.retryLimit, log: jobLog, database: h.kind });
          jobLog.info({ durationMs: Math.round(performance.now() - started) }, "job done");
        } catch (e) {
          jobLog.warn({ durationMs: Math.round(performance.now() - started), err: describeForLog(e) }, "job failed");
          throw e;
        }
      }
    });
    if (def.sweep) {
      const sweep = def.sweep;
      const sweepLog = log.child({ queue: name });
      const run = () => sweep(h.db, (data) => boss.send(name, data, def.queue).then(() => undefined), sweepLog).catch((e: Error) => sweepLog.error({ err: describeForLog(e) }, "sweep failed"));
      void run();
      timers.push(setInterval(run, 60_000));
    }
  }
  log.info({ database: h.kind, queues: Object.keys(JOB_HANDLERS) }, "workers started");
  return {
    boss,
    async stop() {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
