import "server-only";
import type { DbOrTx } from "@/db/client";
import { phiAccessLog } from "@/db/schema";

/** Who is reading: a signed-in user of a practice. */
export interface PhiReader {
  userId: string;
  practiceId: string;
  requestId: string | null;
}

export type PhiAction = "view" | "export";
export type PhiRefusalReason = "role" | "not_found";

export interface PhiAccess {
  patientId: string;
  /** what was read: patient, order, administration, episode, prior_auth, claim, export:patients … */
  entityType: string;
  entityId: string;
}

const HOUR_MS = 3_600_000;
const CHUNK = 500;

function hourOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Records that `reader` saw these patients' records (one row per user, patient, action and hour:
 * repeats within the hour are free no-ops). Call it from every procedure or route that returns PHI
 * of identified patients, after the read succeeded; `phiProcedure` (server/api/phi.ts) does it for you.
 */
export async function recordPhiAccess(db: DbOrTx, reader: PhiReader, entries: readonly PhiAccess[], now: Date, action: PhiAction = "view"): Promise<void> {
  if (entries.length === 0) return;
  const hour = hourOf(now);
  const seen = new Set<string>();
  const rows = [];
  for (const e of entries) {
    const dedupKey = `${reader.userId}|${e.patientId}|${action}|${hour.toISOString()}`;
    if (seen.has(dedupKey)) continue;
    seen.add(dedupKey);
    rows.push({
      practiceId: reader.practiceId,
      userId: reader.userId,
      patientId: e.patientId,
      action,
      entityType: e.entityType,
      entityId: e.entityId,
      hourStart: hour,
      firstAt: now,
      requestId: reader.requestId,
      dedupKey,
    });
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(phiAccessLog).values(rows.slice(i, i + CHUNK)).onConflictDoNothing({ target: [phiAccessLog.dedupKey, phiAccessLog.practiceId] });
  }
}

/** Records a refused attempt to read a record (the role lacks the permission, or the id is not in the practice). */
export async function recordPhiRefusal(
  db: DbOrTx,
  reader: PhiReader,
  attempt: { entityType: string; entityId: string; reason: PhiRefusalReason },
  now: Date,
): Promise<void> {
  const hour = hourOf(now);
  const entityId = attempt.entityId.slice(0, 100);
  await db
    .insert(phiAccessLog)
    .values({
      practiceId: reader.practiceId,
      userId: reader.userId,
      patientId: null,
      action: "refused",
      entityType: attempt.entityType,
      entityId,
      reason: attempt.reason,
      hourStart: hour,
      firstAt: now,
      requestId: reader.requestId,
      dedupKey: `${reader.userId}|refused|${attempt.entityType}|${entityId}|${attempt.reason}|${hour.toISOString()}`,
    })
    .onConflictDoNothing({ target: [phiAccessLog.dedupKey, phiAccessLog.practiceId] });
}
