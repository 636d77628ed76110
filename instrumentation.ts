/**
 * Next.js calls `register` once when the server starts. On the embedded database the app process
 * owns the database, so it also runs the job workers (835 posting …); on PostgreSQL the workers are
 * separate `npm run worker` processes. JOBS_IN_PROCESS=0 turns the in-process workers off.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.DATABASE_URL || process.env.JOBS_IN_PROCESS === "0") return;
  const { ensureInProcessJobs } = await import("./server/jobs/send");
  const { describeForLog, log } = await import("./server/log");
  ensureInProcessJobs().catch((e: Error) => log.error({ component: "jobs", err: describeForLog(e) }, "could not start the in-process workers"));
}
