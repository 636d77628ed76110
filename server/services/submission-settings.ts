import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { practiceSubmissionSettings } from "@/db/schema";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

export type SubmissionSettingsRow = typeof practiceSubmissionSettings.$inferSelect;
export type SubmissionSettingsInput = Omit<SubmissionSettingsRow, "practiceId" | "updatedAt" | "updatedByUserId">;

/** The practice's 837 submission settings, or null when electronic submission is not set up yet. */
export async function getSubmissionSettings(db: DbOrTx, practiceId: string): Promise<SubmissionSettingsRow | null> {
  const [r] = await db.select().from(practiceSubmissionSettings).where(eq(practiceSubmissionSettings.practiceId, practiceId));
  return r ?? null;
}

/** Creates or replaces the settings, audited with before and after. */
export async function saveSubmissionSettings(db: DbOrTx, actor: Actor, input: SubmissionSettingsInput, now: Date): Promise<SubmissionSettingsRow> {
  return db.transaction(async (tx) => {
    const before = await getSubmissionSettings(tx, actor.practiceId);
    const values = { ...input, practiceId: actor.practiceId, updatedByUserId: actor.userId, updatedAt: now };
    const [after] = await tx
      .insert(practiceSubmissionSettings)
      .values(values)
      .onConflictDoUpdate({ target: practiceSubmissionSettings.practiceId, set: values })
      .returning();
    await recordAudit(tx, actor, { action: "submission_settings.saved", entityType: "practice", entityId: actor.practiceId, before, after });
    return after!;
  });
}
