import "server-only";
import { and, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { patients, phiAccessLog, users } from "@/db/schema";

export interface PhiAccessFilter {
  patientId?: string;
  userId?: string;
  action?: "view" | "export" | "refused";
  /** patient name or MRN, contains */
  q?: string;
  from?: string; // ISO date, inclusive
  to?: string; // ISO date, inclusive
  cursor?: number;
  limit: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The practice's access log, newest first, keyset-paginated on seq. */
export async function listPhiAccess(db: Db, practiceId: string, f: PhiAccessFilter) {
  const where: (SQL | undefined)[] = [eq(phiAccessLog.practiceId, practiceId)];
  if (f.patientId) where.push(eq(phiAccessLog.patientId, f.patientId));
  if (f.userId) where.push(eq(phiAccessLog.userId, f.userId));
  if (f.action) where.push(eq(phiAccessLog.action, f.action));
  if (f.from) where.push(gte(phiAccessLog.firstAt, new Date(`${f.from}T00:00:00.000Z`)));
  if (f.to) where.push(lt(phiAccessLog.firstAt, new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 86_400_000)));
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    where.push(or(ilike(patients.lastName, like), ilike(patients.firstName, like), ilike(patients.mrn, like)));
  }
  if (f.cursor) where.push(lt(phiAccessLog.seq, f.cursor));
  const rows = await db
    .select({
      id: phiAccessLog.id,
      seq: phiAccessLog.seq,
      action: phiAccessLog.action,
      entityType: phiAccessLog.entityType,
      entityId: phiAccessLog.entityId,
      reason: phiAccessLog.reason,
      firstAt: phiAccessLog.firstAt,
      hourStart: phiAccessLog.hourStart,
      userId: phiAccessLog.userId,
      userName: users.name,
      patientId: phiAccessLog.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientMrn: patients.mrn,
    })
    .from(phiAccessLog)
    .innerJoin(users, eq(users.id, phiAccessLog.userId))
    .leftJoin(patients, and(eq(patients.id, phiAccessLog.patientId), eq(patients.practiceId, phiAccessLog.practiceId)))
    .where(and(...where))
    .orderBy(desc(phiAccessLog.seq))
    .limit(f.limit + 1);
  const hasMore = rows.length > f.limit;
  const items = hasMore ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.seq ?? null) : null };
}
