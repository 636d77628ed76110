/**
 * `npm run worker`: a job worker on PostgreSQL (DATABASE_URL). Run as many as you like: pg-boss
 * hands each job to one of them, a worker that dies mid-job has its job expired and retried by
 * another, and every handler is idempotent. On the embedded database the app runs jobs itself.
 * Env: REMIT_MAINTENANCE_SECONDS (how often dead workers' jobs are expired, default 60).
 */
import { openDb } from "@/db/client";
import { startWorkers } from "@/server/jobs/runtime";
import { describeForLog, log as rootLog } from "@/server/log";

const log = rootLog.child({ component: "worker" });

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    log.fatal("DATABASE_URL is not set. On the embedded database (PGlite) the app runs the jobs itself; a worker process is only for PostgreSQL.");
    process.exit(1);
  }
  const h = await openDb({ url, migrate: true });
  const runtime = await startWorkers(h, {
    maintenanceIntervalSeconds: Number(process.env.REMIT_MAINTENANCE_SECONDS ?? 60),
    log,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "finishing the current job, then stopping");
    await runtime.stop().catch(() => undefined);
    await h.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  log.fatal({ err: describeForLog(e) }, "worker failed");
  process.exit(1);
});
