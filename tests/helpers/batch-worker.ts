/**
 * A second app process for the control-number test: opens the PostgreSQL database given on the
 * command line and creates one batch per claim id, all at once, as a biller of the practice would.
 * Prints the created batches as JSON on stdout. Run with:
 *   node --conditions=react-server --import tsx tests/helpers/batch-worker.ts <url> <practiceId> <userId> <claimId>...
 */
import { openDb } from "@/db/client";
import { createBatches } from "@/server/services/batches";

const [url, practiceId, userId, ...claimIds] = process.argv.slice(2);
if (!url || !practiceId || !userId) {
  console.error("usage: batch-worker <url> <practiceId> <userId> <claimId>...");
  process.exit(2);
}
const h = await openDb({ url });
try {
  const actor = { practiceId, userId, role: "biller" as const, requestId: `worker-${process.pid}` };
  const now = new Date("2026-09-15T12:00:00Z");
  const results = await Promise.all(claimIds.map((id) => createBatches(h.db, actor, { claimIds: [id] }, now)));
  process.stdout.write(JSON.stringify({ pid: process.pid, batches: results.flatMap((r) => r.batches.map((b) => ({ id: b.id, icn: b.interchangeControlNumber }))) }));
} finally {
  await h.close();
}
