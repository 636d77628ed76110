import "server-only";
import { and, asc, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { feeSchedule } from "@/db/schema";
import { addDays } from "@/server/domain/billing/dates";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { recordAudit } from "./audit";
import { refreshOrRecheckReadiness, sendReadinessRechecks, type RecheckSender } from "./readiness-recheck";
import { preparedReferenceIn } from "./reference-data";
import type { Actor } from "./context";

export type FeeScheduleRow = typeof feeSchedule.$inferSelect;

/** Price per billing unit in cents by code, for the rows in force on `date`. */
export async function feeScheduleOn(db: DbOrTx, practiceId: string, date: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ code: feeSchedule.code, cents: feeSchedule.unitPriceCents, from: feeSchedule.effectiveFrom })
    .from(feeSchedule)
    .where(and(eq(feeSchedule.practiceId, practiceId), lte(feeSchedule.effectiveFrom, date), or(isNull(feeSchedule.effectiveTo), gte(feeSchedule.effectiveTo, date))))
    .orderBy(asc(feeSchedule.effectiveFrom));
  const out: Record<string, number> = {};
  // The latest start wins should two periods ever overlap.
  for (const r of rows) out[r.code] = r.cents;
  return out;
}

export async function listFeeSchedule(db: DbOrTx, practiceId: string): Promise<FeeScheduleRow[]> {
  return db.select().from(feeSchedule).where(eq(feeSchedule.practiceId, practiceId)).orderBy(asc(feeSchedule.code), asc(feeSchedule.effectiveFrom));
}

/**
 * Sets the price of a code from a date on: the open period of that code ends the day before and a
 * new period starts (prices are never overwritten, so earlier previews and claims keep their price).
 */
export async function setFee(
  db: Db,
  actor: Actor,
  input: { code: string; unitPriceCents: number; effectiveFrom: string },
  now: Date,
  /** sends the practice's background readiness recheck after the commit, when the price touches more infusions than are rechecked at once */
  sendRecheck?: RecheckSender,
): Promise<FeeScheduleRow> {
  const code = input.code.trim().toUpperCase();
  const { row, recheck } = await db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(feeSchedule)
      .where(and(eq(feeSchedule.practiceId, actor.practiceId), eq(feeSchedule.code, code), isNull(feeSchedule.effectiveTo)))
      .for("update");
    for (const o of open) {
      if (o.effectiveFrom >= input.effectiveFrom) {
        throw new DomainError("CONFLICT", `${code} already has a price from ${formatDate(o.effectiveFrom)}; a new price must start after it.`, { field: "effectiveFrom" });
      }
      await tx
        .update(feeSchedule)
        .set({ effectiveTo: addDays(input.effectiveFrom, -1), updatedAt: now })
        .where(and(eq(feeSchedule.id, o.id), eq(feeSchedule.practiceId, actor.practiceId)));
    }
    const [row] = await tx
      .insert(feeSchedule)
      .values({ practiceId: actor.practiceId, code, unitPriceCents: input.unitPriceCents, effectiveFrom: input.effectiveFrom, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, {
      action: "fee_schedule.price_set",
      entityType: "fee_schedule",
      entityId: row!.id,
      before: open.length ? { code, unitPriceCents: open[0]!.unitPriceCents, effectiveFrom: open[0]!.effectiveFrom } : null,
      after: { code, unitPriceCents: row!.unitPriceCents, effectiveFrom: row!.effectiveFrom },
    });
    const recheck = await refreshOrRecheckReadiness(tx, actor.practiceId, { practice: true }, await preparedReferenceIn(db, tx), `Fee schedule: ${code} price from ${formatDate(row!.effectiveFrom)}`);
    return { row: row!, recheck };
  });
  await sendReadinessRechecks(sendRecheck, recheck ? [recheck] : []);
  return row;
}
