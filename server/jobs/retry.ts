import type { Logger } from "pino";

/**
 * pg-boss creates a queue's table and row without a lock of its own, so two workers starting together
 * on a new database can deadlock each other there (PostgreSQL 40P01: one of them is chosen and fails;
 * a clean-clone scale-out run lost a worker that way). The creation is idempotent: try again after a
 * short random pause.
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, log: Pick<Logger, "warn">, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if ((e as { code?: unknown }).code !== "40P01" || attempt >= attempts) throw e;
      log.warn({ attempt }, "deadlock while creating a job queue; trying again");
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 250 * attempt));
    }
  }
}
