import "server-only";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { describeForLog } from "@/server/log";
import { runReadinessRecheck, stalledReadinessRechecks } from "@/server/services/readiness-recheck";
import { FileBusyError, filesToResend, markPostingFailed, newWorkerId, postRemittanceFile } from "@/server/services/remittance-posting";

/**
 * The app's job queues. Each handler is a thin call into an idempotent service: a retry, or a second
 * worker picking the same job, changes nothing that is already done.
 */
export interface JobContext {
  jobId: string;
  /** pg-boss will not retry after this attempt */
  lastAttempt: boolean;
  /** the worker's logger, bound to the queue and the job id */
  log: Logger;
  /** the database the worker runs on (absent: treated as the embedded one) */
  database?: "postgres" | "pglite";
}

export interface JobDefinition {
  /** pg-boss queue options (retries, expiry) */
  queue: { retryLimit: number; retryDelay: number; retryBackoff?: boolean; expireInSeconds: number };
  handle: (db: Db, data: Record<string, unknown>, ctx: JobContext) => Promise<void>;
  /** re-sends work whose job was lost (sent after a crash between commit and send) */
  sweep?: (db: Db, send: (data: Record<string, unknown>) => Promise<void>, log: Logger) => Promise<void>;
}

const workerId = newWorkerId();
/** Test hook (worker tests only): the worker kills itself inside the chunk that reaches this many claim payments, before it commits. */
const killAtClaims = Number(process.env.REMIT_TEST_KILL_AT_CLAIMS ?? 0);
/** Test hook (e2e servers only): a pause between a recheck's steps, so a test can watch the worklists' notice. */
const recheckPauseMs = Math.max(0, Number(process.env.READINESS_TEST_STEP_PAUSE_MS ?? 0) || 0);

export const JOB_HANDLERS = {
  "remittance-posting": {
    queue: {
      retryLimit: 5,
      retryDelay: 5,
      // a worker that dies mid-file: pg-boss expires its job and retries it on a live worker
      expireInSeconds: Number(process.env.REMIT_POSTING_EXPIRE_SECONDS ?? 600),
    },
    async handle(db, data, ctx) {
      const fileId = String(data.fileId);
      try {
        const r = await postRemittanceFile(db, fileId, {
          workerId,
          jobId: ctx.jobId,
          leaseSeconds: Number(process.env.REMIT_LEASE_SECONDS ?? 120),
          ...(process.env.REMIT_CHUNK_SIZE ? { chunkSize: Number(process.env.REMIT_CHUNK_SIZE) } : {}),
          // two chunks at once on PostgreSQL by default (two connections, two server processes): on this
          // 2-core machine, once other work left it, 10,000 claims posted in 4.25-6.11 s with two lanes
          // against 6.07-9.55 s with one (docs/benchmarks.md); under heavy load two are no faster.
          // REMIT_POSTING_LANES=1 writes one chunk at a time. The embedded database runs one statement
          // at a time: one lane.
          lanes: ctx.database === "postgres" ? Number(process.env.REMIT_POSTING_LANES ?? 2) : 1,
          ...(killAtClaims > 0
            ? {
                onChunkWritten: (n: number) => {
                  if (n >= killAtClaims) process.kill(process.pid, "SIGKILL");
                },
              }
            : {}),
        });
        ctx.log.info({ fileId, status: r.status, written: r.written, posted: r.posted, unmatched: r.unmatched, held: r.held }, "remittance posted");
      } catch (e) {
        if (!(e instanceof FileBusyError)) {
          ctx.log.error({ fileId, lastAttempt: ctx.lastAttempt, err: describeForLog(e) }, "remittance posting failed");
          if (ctx.lastAttempt) await markPostingFailed(db, fileId, (e as Error).message);
        }
        throw e;
      }
    },
    async sweep(db, send, log) {
      for (const fileId of await filesToResend(db, 300)) {
        log.warn({ fileId }, "remittance job lost: sending it again");
        await send({ fileId });
      }
    },
  },
  "readiness-recheck": {
    queue: {
      retryLimit: 5,
      retryDelay: 10,
      // a practice's walk takes minutes at a large practice; one that outlives this is retried, and
      // a second runner only shares the walk (each step locks the practice's recheck row)
      expireInSeconds: 3600,
    },
    async handle(db, data, ctx) {
      const practiceId = String(data.practiceId);
      const r = await runReadinessRecheck(db, practiceId, undefined, recheckPauseMs);
      ctx.log.info({ practiceId, rechecked: r.rechecked, steps: r.steps }, "readiness rechecked");
    },
    async sweep(db, send, log) {
      // a walk that has not moved for ten minutes lost its job (sent after a crash between commit and send)
      for (const practiceId of await stalledReadinessRechecks(db, 600)) {
        log.warn({ practiceId }, "readiness recheck stalled: sending it again");
        await send({ practiceId });
      }
    },
  },
} satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOB_HANDLERS;
