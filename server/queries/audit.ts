import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive (whole day)
  cursor?: number; // seq of the last row of the previous page
  limit: number;
}

/** Newest first, keyset-paginated on seq so pages stay stable while rows are added. */
export async function listAuditEvents(db: Db, practiceId: string, f: AuditFilter) {
  const where: (SQL | undefined)[] = [eq(auditEvents.practiceId, practiceId)];
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.actorUserId) where.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.from) where.push(gte(auditEvents.createdAt, new Date(`${f.from}T00:00:00.000Z`)));
  if (f.to) where.push(lt(auditEvents.createdAt, new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 86_400_000)));
  if (f.cursor) {
    where.push(lt(auditEvents.seq, f.cursor));
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      createdAt: auditEvents.createdAt,
      actorUserId: auditEvents.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit + 1);
  const hasMore = rows.length > f.limit;
  const items = hasMore ? rows.slice(0, f.limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? last.seq : null };
}

/** The kinds of entity that have audit events in this practice, for the filter. */
export async function listAuditEntityTypes(db: Db, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ t: auditEvents.entityType })
    .from(auditEvents)
    .where(eq(auditEvents.practiceId, practiceId))
    .orderBy(auditEvents.entityType);
  return rows.map((r) => r.t);
}
