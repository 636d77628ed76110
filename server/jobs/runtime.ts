import "server-only";
import type { DbHandle } from "@/db/client";
import { createBoss, type PgBoss } from "./boss";
import { JOB_HANDLERS, type JobName } from "./handlers";

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
  log?: (message: string) => void;
}

export async function startWorkers(h: DbHandle, opts: WorkerOptions = {}): Promise<JobRuntime> {
  const log = opts.log ?? ((m: string) => console.log(`[jobs] ${m}`));
  const boss = createBoss(h, { worker: true, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds });
  boss.on("error", (e: Error) => log(`pg-boss error: ${e.message}`));
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  for (const [name, def] of Object.entries(JOB_HANDLERS) as [JobName, (typeof JOB_HANDLERS)[JobName]][]) {
    await boss.createQueue(name, { name, ...def.queue });
    await boss.work<Record<string, unknown>>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (jobs) => {
      for (const job of jobs) await def.handle(h.db, job.data, { jobId: job.id, lastAttempt: job.retryCount >= job.retryLimit, log });
    });
    if (def.sweep) {
      const sweep = def.sweep;
      const run = () => sweep(h.db, (data) => boss.send(name, data, def.queue).then(() => undefined), log).catch((e: Error) => log(`${name} sweep failed: ${e.message}`));
      void run();
      timers.push(setInterval(run, 60_000));
    }
  }
  log(`workers started on ${h.kind} for ${Object.keys(JOB_HANDLERS).join(", ")}`);
  return {
    boss,
    async stop() {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
