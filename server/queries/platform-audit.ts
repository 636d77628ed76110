import "server-only";
import { desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { platformAuditEvents, platformOperators } from "@/db/schema";

/** The platform audit trail, newest first, keyset-paged by seq. */
export async function listPlatformAudit(db: Db, input: { cursor?: number | null; limit: number }) {
  const rows = await db
    .select({
      seq: platformAuditEvents.seq,
      action: platformAuditEvents.action,
      entityType: platformAuditEvents.entityType,
      entityId: platformAuditEvents.entityId,
      before: platformAuditEvents.before,
      after: platformAuditEvents.after,
      createdAt: platformAuditEvents.createdAt,
      operatorName: platformOperators.name,
    })
    .from(platformAuditEvents)
    .leftJoin(platformOperators, eq(platformOperators.id, platformAuditEvents.operatorId))
    .where(input.cursor ? lt(platformAuditEvents.seq, input.cursor) : undefined)
    .orderBy(desc(platformAuditEvents.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, operatorName: r.operatorName ?? "Command line" }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.seq : null };
}
