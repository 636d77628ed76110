import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { practices } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

export type PracticeRow = typeof practices.$inferSelect;
export type PracticeUpdate = Pick<PracticeRow, "name" | "npi" | "taxId" | "addressLine1" | "city" | "state" | "zip"> & {
  addressLine2?: string | null;
};

export async function getPractice(db: Db, practiceId: string): Promise<PracticeRow> {
  const [p] = await db.select().from(practices).where(eq(practices.id, practiceId));
  if (!p) throw new DomainError("NOT_FOUND", "Practice not found.");
  return p;
}

export async function updatePractice(db: Db, actor: Actor, input: PracticeUpdate, now: Date): Promise<PracticeRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(practices).where(eq(practices.id, actor.practiceId));
    if (!before) throw new DomainError("NOT_FOUND", "Practice not found.");
    const [after] = await tx
      .update(practices)
      .set({ ...input, addressLine2: input.addressLine2 ?? null, updatedAt: now })
      .where(eq(practices.id, actor.practiceId))
      .returning();
    await recordAudit(tx, actor, { action: "practice.updated", entityType: "practice", entityId: before.id, before, after });
    return after!;
  });
}
