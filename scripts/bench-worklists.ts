/**
 * The not-ready worklist, before and after stored readiness, on the demo data.
 *
 *   before: one page of the list, then the documentation module's evaluation of every row
 *           (what worklists.list did until the readiness was stored: the engine per row);
 *   after:  worklists.list's query as it is now (one page with the stored readiness joined).
 *
 * Usage: npm run bench:worklists [-- --json]   (DATABASE_URL = a database to seed the demo into,
 * or an embedded directory in PGLITE_DIR; the demo is seeded when the database is empty).
 * Prints the median of 7 runs per page size.
 */
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { defaultPgliteDir, openDb } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { DEMO_PRACTICE } from "@/db/seed/demo-logins";
import { loadReferenceSeedIfEmpty } from "@/db/seed/reference-loader";
import { practices, users } from "@/db/schema";
import { getWorklistPage, listWorklist, type WorklistParams } from "@/server/queries/worklists";
import type { Actor } from "@/server/services/context";
import { previewAdministration } from "@/server/services/documentation";

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const json = process.argv.includes("--json");
  const url = process.env.DATABASE_URL || undefined;
  const h = await openDb({ url, dataDir: url ? undefined : (process.env.PGLITE_DIR ?? defaultPgliteDir()), migrate: true });
  try {
    await loadReferenceSeedIfEmpty(h.db);
    await seedDemoIfEmpty(h.db);
    const [p] = await h.db.select({ id: practices.id }).from(practices).where(eq(practices.name, DEMO_PRACTICE.name));
    const [u] = await h.db.select().from(users).where(and(eq(users.practiceId, p!.id), eq(users.role, "biller")));
    const actor: Actor = { userId: u!.id, practiceId: p!.id, role: "biller", requestId: "bench" };
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const results: { pageSize: number; rows: number; beforeMs: number; afterMs: number }[] = [];
    for (const pageSize of [25, 100]) {
      const params: WorklistParams = { list: "not_ready", page: 1, pageSize, sort: "date", dir: "asc" };
      const before: number[] = [];
      const after: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        const page = await listWorklist(h.db, p!.id, params, today);
        await Promise.all(page.rows.map((r) => previewAdministration(h.db, actor, r.id, now)));
        before.push(performance.now() - t);
        t = performance.now();
        const stored = await getWorklistPage(h.db, p!.id, params, today);
        after.push(performance.now() - t);
        rows = stored.items.length;
      }
      results.push({ pageSize, rows, beforeMs: Math.round(median(before)), afterMs: Math.round(median(after)) });
    }
    const out = { benchmark: "worklist-not-ready", engine: h.kind, runs: RUNS, results };
    if (json) console.log(JSON.stringify(out));
    else for (const r of results) console.log(`not-ready list, ${r.rows} rows (page of ${r.pageSize}) on ${h.kind}: engine per row ${r.beforeMs} ms → stored readiness ${r.afterMs} ms (median of ${RUNS})`);
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
