import "server-only";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { administrations, readinessRechecks } from "@/db/schema";
import type { PreparedReference } from "@/server/domain/billing";
import { describeForLog, log } from "@/server/log";
import { EVALUATED_STATUSES, refreshReadiness, refreshReadinessEverywhere, scopeCondition, type ReadinessScope } from "./readiness";
import { preparedReferenceIn } from "./reference-data";

/**
 * Wide changes to what readiness depends on, rechecked in the background (migration 0047).
 *
 * An infusion's stored readiness costs 15–20 ms to recompute (the infusion page's whole evaluation).
 * A change that touches a few hundred infusions is recomputed in the request's own transaction, as
 * before; a wider one (a quarterly ASP file shared by every practice, a new fee schedule price, a
 * payer's filing limit at a large practice) would hold its transaction, and the locks on every stored
 * row it rewrote, for minutes. Those changes commit at once and record a recheck of each practice
 * they touch; the `readiness-recheck` job walks the practice's orders in short transactions, each
 * locking the infusions it recomputes, so a biller's save in between is never lost or overwritten by
 * a stale evaluation. Claims never read the stored readiness (a claim is built and scrubbed against
 * the reference in force), so what lags is only a worklist's column, and the worklists say so.
 */

/** Sends one practice's recheck job (the routers pass pg-boss; tests run the walk at once). */
export type RecheckSender = (practiceId: string) => Promise<void>;

/** A whole number of 0 or more from the environment, else `fallback` (unset, empty or junk). */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** How many infusions a change may re-evaluate inside its own transaction (env READINESS_INLINE_LIMIT, default 250: about 4–5 s). */
export function readinessInlineLimit(): number {
  return envCount("READINESS_INLINE_LIMIT", 250);
}

/** Orders a background step recomputes in one transaction (env READINESS_RECHECK_ORDERS_PER_STEP, default 25: about 25–75 infusions, 1–2 s). */
export function recheckOrdersPerStep(): number {
  return Math.max(1, envCount("READINESS_RECHECK_ORDERS_PER_STEP", 25));
}

function evaluatedIn(practiceId: string) {
  return and(eq(administrations.practiceId, practiceId), inArray(administrations.status, [...EVALUATED_STATUSES]));
}

async function evaluatedCount(tx: DbOrTx, practiceId: string, scope: ReadinessScope | null): Promise<number> {
  const within = scope ? scopeCondition(practiceId, scope) : null;
  const [r] = await tx
    .select({ n: count() })
    .from(administrations)
    .where(and(evaluatedIn(practiceId), within ?? undefined));
  return r?.n ?? 0;
}

/**
 * Records (or starts over) the background recheck of one practice's stored readiness, in the
 * caller's transaction. The caller sends the job once it has committed.
 */
export async function requestReadinessRecheck(tx: DbOrTx, practiceId: string, reason: string): Promise<void> {
  const total = await evaluatedCount(tx, practiceId, null);
  await tx
    .insert(readinessRechecks)
    .values({ practiceId, reason, total })
    .onConflictDoUpdate({
      target: readinessRechecks.practiceId,
      set: { reason, total, requestedAt: sql`now()`, afterOrderId: null, done: 0, updatedAt: sql`now()` },
    });
}

/**
 * A change's readiness refresh: in the caller's transaction when the scope holds at most
 * `readinessInlineLimit()` documented or ready infusions, otherwise a background recheck of the whole
 * practice. Returns the practice to send the job for (after commit), or null.
 */
export async function refreshOrRecheckReadiness(
  tx: DbOrTx,
  practiceId: string,
  scope: ReadinessScope,
  ref: PreparedReference,
  reason: string,
): Promise<string | null> {
  if ((await evaluatedCount(tx, practiceId, "practice" in scope ? null : scope)) <= readinessInlineLimit()) {
    await refreshReadiness(tx, practiceId, scope, ref);
    return null;
  }
  await requestReadinessRecheck(tx, practiceId, reason);
  return practiceId;
}

/**
 * A change to shared reference data: every practice's readiness, in the uploading transaction when
 * all practices together hold at most the inline limit, otherwise one background recheck per
 * practice that has documented or ready infusions. Returns the practices to send jobs for.
 */
export async function refreshOrRecheckEverywhere(tx: DbOrTx, reason: string): Promise<string[]> {
  const perPractice = await tx
    .select({ practiceId: administrations.practiceId, n: count() })
    .from(administrations)
    .where(inArray(administrations.status, [...EVALUATED_STATUSES]))
    .groupBy(administrations.practiceId);
  if (perPractice.reduce((s, p) => s + p.n, 0) <= readinessInlineLimit()) {
    await refreshReadinessEverywhere(tx);
    return [];
  }
  for (const p of perPractice) await requestReadinessRecheck(tx, p.practiceId, reason);
  return perPractice.map((p) => p.practiceId);
}

/** Sends the jobs of committed rechecks. A send that fails is logged, not thrown: the change is saved and the job sweep sends it again. */
export async function sendReadinessRechecks(send: RecheckSender | undefined, practiceIds: readonly string[]): Promise<void> {
  if (!send) return;
  for (const practiceId of practiceIds) {
    try {
      await send(practiceId);
    } catch (e) {
      log.warn({ component: "jobs", practiceId, err: describeForLog(e) }, "readiness recheck not sent: the sweep sends it again");
    }
  }
}

/**
 * One step of a practice's recheck, in one transaction: the next orders (in id order) that hold
 * documented or ready infusions, their infusions locked, recomputed against the reference in force,
 * and the walk's position saved. The step that reaches the last orders (fewer than a step's worth, or
 * none) removes the recheck.
 */
export async function recheckReadinessStep(db: Db, practiceId: string, ordersPerStep = recheckOrdersPerStep()): Promise<{ finished: boolean; rechecked: number }> {
  return db.transaction(async (tx) => {
    const [walk] = await tx.select().from(readinessRechecks).where(eq(readinessRechecks.practiceId, practiceId)).for("update");
    if (!walk) return { finished: true, rechecked: 0 };
    const next = await tx
      .selectDistinct({ orderId: administrations.orderId })
      .from(administrations)
      .where(and(evaluatedIn(practiceId), walk.afterOrderId ? gt(administrations.orderId, walk.afterOrderId) : undefined))
      .orderBy(asc(administrations.orderId))
      .limit(ordersPerStep);
    if (next.length === 0) {
      await tx.delete(readinessRechecks).where(eq(readinessRechecks.practiceId, practiceId));
      return { finished: true, rechecked: 0 };
    }
    const orderIds = next.map((o) => o.orderId);
    // A documentation save, a close-out or a claim build on one of these infusions either committed
    // before this lock (and is read) or waits for this step (and then writes its own, newer row).
    await tx
      .select({ id: administrations.id })
      .from(administrations)
      .where(and(eq(administrations.practiceId, practiceId), inArray(administrations.orderId, orderIds)))
      .orderBy(asc(administrations.id))
      .for("update");
    const rechecked = await refreshReadiness(tx, practiceId, { orderIds }, await preparedReferenceIn(db, tx));
    if (next.length < ordersPerStep) {
      // The last orders: the walk ends with this step (a change waiting on the row then starts a new one).
      await tx.delete(readinessRechecks).where(eq(readinessRechecks.practiceId, practiceId));
      return { finished: true, rechecked };
    }
    await tx
      .update(readinessRechecks)
      .set({ afterOrderId: orderIds[orderIds.length - 1]!, done: walk.done + rechecked, updatedAt: sql`now()` })
      .where(eq(readinessRechecks.practiceId, practiceId));
    return { finished: false, rechecked };
  });
}

/**
 * A practice's whole recheck, step by step (the job's body; idempotent: a second runner shares the
 * walk). `pauseMs` waits between steps (the e2e servers slow the walk so a test can watch it).
 */
export async function runReadinessRecheck(db: Db, practiceId: string, ordersPerStep = recheckOrdersPerStep(), pauseMs = 0): Promise<{ rechecked: number; steps: number }> {
  let rechecked = 0;
  let steps = 0;
  for (;;) {
    const s = await recheckReadinessStep(db, practiceId, ordersPerStep);
    steps += 1;
    rechecked += s.rechecked;
    if (s.finished) return { rechecked, steps };
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** Rechecks whose walk has not moved for `olderThanSeconds` (their job was lost): the sweep sends them again. */
export async function stalledReadinessRechecks(db: Db, olderThanSeconds: number): Promise<string[]> {
  const rows = await db
    .select({ practiceId: readinessRechecks.practiceId })
    .from(readinessRechecks)
    .where(sql`${readinessRechecks.updatedAt} < now() - make_interval(secs => ${olderThanSeconds})`)
    .limit(100);
  return rows.map((r) => r.practiceId);
}

export interface ReadinessRecheckStatus {
  reason: string;
  requestedAt: Date;
  done: number;
  total: number;
}

/** The practice's recheck in progress, or null (what the worklists' notice reads). */
export async function readinessRecheckStatus(db: DbOrTx, practiceId: string): Promise<ReadinessRecheckStatus | null> {
  const [r] = await db
    .select({ reason: readinessRechecks.reason, requestedAt: readinessRechecks.requestedAt, done: readinessRechecks.done, total: readinessRechecks.total })
    .from(readinessRechecks)
    .where(eq(readinessRechecks.practiceId, practiceId));
  return r ? { ...r, done: Math.min(r.done, r.total) } : null;
}
