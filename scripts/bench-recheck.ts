/**
 * `npm run bench:recheck [-- --administrations 100000] [--evaluated 3000] [--json] [--keep] [--database NAME --reuse]`
 *
 * A practice-wide change to what readiness depends on (a new fee schedule price), made twice on the
 * synthetic practice of bench:dashboard (scripts/bench/bench-practice.ts):
 *   inline:      READINESS_INLINE_LIMIT above the practice's documented and ready infusions, so the
 *                price's own transaction re-evaluates all of them (what every wide change did before
 *                migration 0047);
 *   background:  the default limit, so the price commits at once and the readiness-recheck walk
 *                (runReadinessRecheck, 25 orders per transaction) re-evaluates them afterwards.
 * Throughout each, a "biller's save" runs every 250 ms: one order's readiness refresh in a transaction
 * of its own (the tail of every documentation save, which writes the same stored rows), and its wait is
 * measured. Prints the request's time, the walk's time and the saves' p50 / max wait of each.
 * `--json`: { "administrations", "evaluated", "inline": {...}, "background": {...} }.
 *
 * The synthetic seed leaves every documented infusion older than its last week "ready for billing"
 * (billed, never closed: 97 % of them), which no practice carries; `--evaluated N` (default 3,000, a
 * large practice's backlog of documented and billed-but-open infusions) closes the others first, so
 * the change re-evaluates N infusions.
 */
import { performance } from "node:perf_hooks";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrations, feeSchedule, users } from "@/db/schema";
import type { Actor } from "@/server/services/context";
import { setFee } from "@/server/services/fee-schedule";
import { EVALUATED_STATUSES, refreshReadiness } from "@/server/services/readiness";
import { runReadinessRecheck } from "@/server/services/readiness-recheck";
import { preparedReferenceIn } from "@/server/services/reference-data";
import { seedApiExtras } from "./bench/api-seed";
import { openBenchDatabase } from "./bench/bench-practice";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/** A biller's save every 250 ms until `stop()`: one order's readiness refreshed in its own transaction; returns each one's time. */
function saves(db: Db, practiceId: string, orderIds: string[]) {
  const times: number[] = [];
  let running = true;
  let i = 0;
  const loop = (async () => {
    while (running) {
      const orderId = orderIds[i++ % orderIds.length]!;
      const t = performance.now();
      await db.transaction(async (tx) => refreshReadiness(tx, practiceId, { orderIds: [orderId] }, await preparedReferenceIn(db, tx)));
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { count: times.length, p50Ms: r1(pct(times, 50)), p95Ms: r1(pct(times, 95)), maxMs: r1(Math.max(0, ...times)) };
    },
  };
}

async function main() {
  const n = Number(arg("administrations") ?? 100_000);
  const json = process.argv.includes("--json");
  const keep = process.argv.includes("--keep");
  const reuse = process.argv.includes("--reuse");
  const log = (s: string) => (json ? console.error(s) : console.log(s));
  const bench = await openBenchDatabase({ prefix: "recheckbench", administrations: n, name: arg("database"), reuse, log });
  try {
    if (!reuse) await seedApiExtras(bench.sql, bench.handle.db, bench.practiceId, log);
    const db = bench.handle.db;
    const practiceId = bench.practiceId;
    const keepN = Number(arg("evaluated") ?? 3000);
    const t0 = performance.now();
    const closed = await bench.sql`
      with kept as (select id from administrations where practice_id = ${practiceId} and status in ('documented', 'ready_for_billing') order by id limit ${keepN})
      update administrations set status = 'closed', close_outcome = 'billed_elsewhere', close_reason = 'bench: narrowed to the kept backlog', closed_at = now(), updated_at = now()
       where practice_id = ${practiceId} and status in ('documented', 'ready_for_billing') and id not in (select id from kept)`;
    if (closed.count > 0) {
      await bench.sql`delete from administration_billing_status s where s.practice_id = ${practiceId}
        and not exists (select 1 from administrations a where a.practice_id = s.practice_id and a.id = s.administration_id and a.status in ('documented', 'ready_for_billing'))`;
      await bench.sql`vacuum (analyze) administrations, administration_billing_status`;
      log(`closed ${closed.count.toLocaleString("en-US")} infusions to keep ${keepN.toLocaleString("en-US")} documented or ready (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const [u] = await db.select().from(users).where(eq(users.practiceId, practiceId)).limit(1);
    const actor: Actor = { userId: u!.id, practiceId, role: "admin", requestId: "bench-recheck" };
    const evaluated = await db
      .select({ id: administrations.id, orderId: administrations.orderId })
      .from(administrations)
      .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.status, [...EVALUATED_STATUSES])));
    const orderIds = [...new Set(evaluated.map((e) => e.orderId))];
    // the saves' orders: spread over the walk's order (ids), so some are walked early and some late
    const probeOrders = orderIds.filter((_, i) => i % Math.max(1, Math.floor(orderIds.length / 40)) === 0);
    const [counted] = await bench.sql`select count(*)::int as total from administrations where practice_id = ${practiceId}`;
    const total = counted!.total as number;
    log(`${total.toLocaleString("en-US")} administrations, ${evaluated.length.toLocaleString("en-US")} documented or ready in ${orderIds.length.toLocaleString("en-US")} orders`);

    const nextPrice = async (add: number) => {
      const [open] = await db
        .select()
        .from(feeSchedule)
        .where(and(eq(feeSchedule.practiceId, practiceId), eq(feeSchedule.code, "J9173"), isNull(feeSchedule.effectiveTo)))
        .orderBy(desc(feeSchedule.effectiveFrom))
        .limit(1);
      const from = open ? new Date(Date.parse(`${open.effectiveFrom}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : "2020-01-01";
      return { code: "J9173", unitPriceCents: (open?.unitPriceCents ?? 15_000) + add, effectiveFrom: from };
    };

    // inline: the price's transaction re-evaluates every documented and ready infusion
    process.env.READINESS_INLINE_LIMIT = String(evaluated.length + 1);
    let probe = saves(db, practiceId, probeOrders);
    let t = performance.now();
    await setFee(db, actor, await nextPrice(100), new Date());
    const inlineMs = performance.now() - t;
    const inlineSaves = await probe.stop();
    const inline = { requestMs: Math.round(inlineMs), msPerInfusion: r1(inlineMs / evaluated.length), saves: inlineSaves };
    log(`inline:     the price took ${(inlineMs / 1000).toFixed(1)} s (${inline.msPerInfusion} ms per infusion); saves meanwhile p50 ${inlineSaves.p50Ms} ms, p95 ${inlineSaves.p95Ms} ms, max ${inlineSaves.maxMs} ms (${inlineSaves.count})`);

    // background: the price commits at once, the walk follows
    delete process.env.READINESS_INLINE_LIMIT;
    probe = saves(db, practiceId, probeOrders);
    t = performance.now();
    let sent = 0;
    await setFee(db, actor, await nextPrice(-100), new Date(), async () => void (sent += 1));
    const requestMs = performance.now() - t;
    t = performance.now();
    const walk = await runReadinessRecheck(db, practiceId);
    const walkMs = performance.now() - t;
    const bgSaves = await probe.stop();
    const background = { requestMs: Math.round(requestMs), jobsSent: sent, walkMs: Math.round(walkMs), steps: walk.steps, rechecked: walk.rechecked, msPerInfusion: r1(walkMs / Math.max(1, walk.rechecked)), saves: bgSaves };
    log(
      `background: the price took ${Math.round(requestMs)} ms (${sent} job sent); the walk ${(walkMs / 1000).toFixed(1)} s in ${walk.steps} steps (${background.msPerInfusion} ms per infusion); saves meanwhile p50 ${bgSaves.p50Ms} ms, p95 ${bgSaves.p95Ms} ms, max ${bgSaves.maxMs} ms (${bgSaves.count})`,
    );
    if (json) console.log(JSON.stringify({ administrations: total, evaluated: evaluated.length, inline, background }));
  } finally {
    await bench.close(keep);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
