import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrations, auditEvents, claims, orders, patients, users } from "@/db/schema";

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
      // what the record is called and whose it is, so a row reads "Infusion C2D1 · Doe, Jane", not an id
      patientName: sql<string | null>`case when ${patients.id} is null then null else ${patients.lastName} || ', ' || ${patients.firstName} end`,
      administrationCycle: administrations.cycle,
      administrationDay: administrations.day,
      administrationDate: administrations.plannedDate,
      orderStartDate: orders.startDate,
      claimNumber: claims.claimNumber,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    // one query: each join matches only events about its own kind of record (ids are uuids stored as text)
    .leftJoin(
      administrations,
      and(eq(auditEvents.entityType, "administration"), sql`${administrations.id}::text = ${auditEvents.entityId}`),
    )
    .leftJoin(orders, and(eq(auditEvents.entityType, "order"), sql`${orders.id}::text = ${auditEvents.entityId}`))
    .leftJoin(claims, and(eq(auditEvents.entityType, "claim"), sql`${claims.id}::text = ${auditEvents.entityId}`))
    .leftJoin(
      patients,
      and(
        eq(patients.practiceId, auditEvents.practiceId),
        sql`${patients.id} = coalesce(${administrations.patientId}, ${orders.patientId}, ${claims.patientId}, case when ${auditEvents.entityType} = 'patient' and ${auditEvents.entityId} ~ '^[0-9a-f-]{36}$' then ${auditEvents.entityId}::uuid end)`,
      ),
    )
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
