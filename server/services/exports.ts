import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

/**
 * Records that a user downloaded a list as a file (it may hold PHI): what, with which filters,
 * how many rows. The export itself reads through the list procedures; this is its audit trail.
 */
export async function recordExport(
  db: Db,
  actor: Actor,
  input: { kind: string; filters: Record<string, unknown>; rows: number },
): Promise<{ exportId: string }> {
  const exportId = randomUUID();
  await db.transaction(async (tx) => {
    await recordAudit(tx, actor, {
      action: "export.downloaded",
      entityType: "export",
      entityId: exportId,
      after: { kind: input.kind, filters: input.filters, rows: input.rows },
    });
  });
  return { exportId };
}
