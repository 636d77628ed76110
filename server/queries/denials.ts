import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { claims, denialWorkItems, patients, payers, users } from "@/db/schema";
import type { DenialSort, WorklistView } from "@/server/domain/remittance/lists";
import type { DenialState } from "@/server/domain/workflow/denial";

/** The denial worklist: one row per work item, filtered and paged on the server. */

export const VIEW_STATES: Record<WorklistView, DenialState[] | null> = {
  todo: ["open", "in_progress"],
  waiting: ["retro_auth", "corrected", "appealed"],
  approval: ["write_off_pending"],
  done: ["written_off", "resolved"],
  all: null,
};

export interface DenialListFilter {
  page: number;
  pageSize: number;
  sort: DenialSort;
  dir: "asc" | "desc";
  q?: string | undefined;
  view?: WorklistView | undefined;
  category?: string | undefined;
  kind?: "denial" | "underpayment" | undefined;
  assignee?: string | undefined;
  payerId?: string | undefined;
}

/** The work item's claim and the claim's patient, within the practice (their keys start with the id). */
const claimJoin = and(eq(claims.id, denialWorkItems.claimId), eq(claims.practiceId, denialWorkItems.practiceId));
const patientJoin = and(eq(patients.id, claims.patientId), eq(patients.practiceId, claims.practiceId));

export async function listWorkItems(db: Db, practiceId: string, userId: string, p: DenialListFilter, today: string) {
  const conds: SQL[] = [eq(denialWorkItems.practiceId, practiceId)];
  const states = VIEW_STATES[p.view ?? "todo"];
  if (states) conds.push(inArray(denialWorkItems.status, states));
  if (p.category) conds.push(eq(denialWorkItems.category, p.category as never));
  if (p.kind) conds.push(eq(denialWorkItems.kind, p.kind));
  if (p.assignee === "me") conds.push(eq(denialWorkItems.assigneeUserId, userId));
  else if (p.assignee === "none") conds.push(isNull(denialWorkItems.assigneeUserId));
  else if (p.assignee) conds.push(eq(denialWorkItems.assigneeUserId, p.assignee));
  if (p.payerId) conds.push(eq(claims.payerId, p.payerId));
  if (p.q) {
    const like = `%${p.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(claims.claimNumber, like), ilike(patients.lastName, like), ilike(sql`${patients.lastName} || ', ' || ${patients.firstName}`, like), sql`${denialWorkItems.codes}::text ilike ${like}`)!);
  }
  const where = and(...conds);
  const dir = p.dir === "asc" ? asc : desc;
  const key = {
    due: denialWorkItems.dueDate,
    amount: denialWorkItems.amountCents,
    age: denialWorkItems.createdAt,
    claim: claims.claimNumber,
    payer: payers.name,
    category: denialWorkItems.category,
    status: denialWorkItems.status,
  }[p.sort];
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: denialWorkItems.id,
        kind: denialWorkItems.kind,
        status: denialWorkItems.status,
        category: denialWorkItems.category,
        action: denialWorkItems.action,
        codes: denialWorkItems.codes,
        amountCents: denialWorkItems.amountCents,
        dueDate: denialWorkItems.dueDate,
        createdAt: denialWorkItems.createdAt,
        claimId: denialWorkItems.claimId,
        claimNumber: claims.claimNumber,
        dateOfService: claims.dateOfService,
        patientId: claims.patientId,
        patientName: sql<string>`${patients.lastName} || ', ' || ${patients.firstName}`,
        payerName: payers.name,
        assigneeName: users.name,
        cause: denialWorkItems.cause,
        explanation: denialWorkItems.explanation,
      })
      .from(denialWorkItems)
      .innerJoin(claims, claimJoin)
      .innerJoin(patients, patientJoin)
      .innerJoin(payers, eq(payers.id, claims.payerId))
      .leftJoin(users, eq(users.id, denialWorkItems.assigneeUserId))
      .where(where)
      .orderBy(sql`${dir(key)} nulls last`, asc(denialWorkItems.createdAt), asc(denialWorkItems.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    // The count joins the claim and the patient only when the search or the payer filter reads them
    // (every work item has its claim, every claim its patient: the joins would not drop a row).
    (p.q || p.payerId
      ? db.select({ n: count() }).from(denialWorkItems).innerJoin(claims, claimJoin).innerJoin(patients, patientJoin)
      : db.select({ n: count() }).from(denialWorkItems)
    ).where(where),
  ]);
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return {
    items: items.map((r) => ({
      ...r,
      dueInDays: r.dueDate ? Math.round(day(r.dueDate) - day(today)) : null,
      ageDays: Math.max(0, Math.floor(day(today) - r.createdAt.getTime() / 86_400_000)),
      summary: r.cause ?? r.explanation,
    })),
    total: total?.n ?? 0,
    page: p.page,
    pageSize: p.pageSize,
  };
}

export async function workItemCounts(db: Db, practiceId: string, userId: string, today: string) {
  const [r] = await db
    .select({
      todo: sql<number>`(count(*) filter (where ${denialWorkItems.status} in ('open', 'in_progress')))::int`,
      waiting: sql<number>`(count(*) filter (where ${denialWorkItems.status} in ('retro_auth', 'corrected', 'appealed')))::int`,
      approval: sql<number>`(count(*) filter (where ${denialWorkItems.status} = 'write_off_pending'))::int`,
      overdue: sql<number>`(count(*) filter (where ${denialWorkItems.status} not in ('written_off', 'resolved') and ${denialWorkItems.dueDate} < ${today}))::int`,
      mine: sql<number>`(count(*) filter (where ${denialWorkItems.status} not in ('written_off', 'resolved') and ${denialWorkItems.assigneeUserId} = ${userId}))::int`,
    })
    .from(denialWorkItems)
    .where(eq(denialWorkItems.practiceId, practiceId));
  return r ?? { todo: 0, waiting: 0, approval: 0, overdue: 0, mine: 0 };
}
