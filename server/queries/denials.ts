import "server-only";
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { textArrayLiteral } from "@/db/bulk";
import type { Db } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { claims, denialWorkItems, patients, payers, users } from "@/db/schema";
import type { DenialSort, WorklistView } from "@/server/domain/remittance/lists";
import type { DenialState } from "@/server/domain/workflow/denial";
import { countCapped } from "./list-count";

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

/**
 * A page of the queue in two steps: the page's ids in its sort, read from the work items alone
 * (their stored view, claim number and payer, migration 0038, and the payer's name, migration 0042)
 * unless the search needs the claim and patient; then the 25 rows' details. With the view, the claim
 * number and the keys of each sort in an index, the first step is an index scan that stops after
 * the page. The total is counted up to LIST_COUNT_CAP items.
 */
export async function listWorkItems(db: Db, practiceId: string, userId: string, p: DenialListFilter, today: string) {
  const conds: SQL[] = [eq(denialWorkItems.practiceId, practiceId)];
  const view = p.view ?? "todo";
  if (VIEW_STATES[view]) conds.push(eq(denialWorkItems.listView, view));
  if (p.category) conds.push(eq(denialWorkItems.category, p.category as never));
  if (p.kind) conds.push(eq(denialWorkItems.kind, p.kind));
  if (p.assignee === "me") conds.push(eq(denialWorkItems.assigneeUserId, userId));
  else if (p.assignee === "none") conds.push(isNull(denialWorkItems.assigneeUserId));
  else if (p.assignee) conds.push(eq(denialWorkItems.assigneeUserId, p.assignee));
  if (p.payerId) conds.push(eq(denialWorkItems.payerId, p.payerId));
  if (p.q) {
    const like = `%${p.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(denialWorkItems.claimNumber, like), ilike(patients.lastName, like), ilike(sql`${patients.lastName} || ', ' || ${patients.firstName}`, like), sql`${denialWorkItems.codes}::text ilike ${like}`)!);
  }
  const where = and(...conds);
  const d = p.dir === "asc" ? asc : desc;
  // Nullable keys (due date, category) sort their nulls last in both directions; every order ends with
  // the creation time and the id in the key's own direction, so it is total and an index read forward
  // or backward gives it.
  const key: Record<DenialSort, SQL[]> = {
    due: [sql`${d(denialWorkItems.dueDate)} nulls last`],
    amount: [d(denialWorkItems.amountCents)],
    age: [],
    claim: [d(denialWorkItems.claimNumber)],
    payer: [d(denialWorkItems.payerName)],
    category: [sql`${d(denialWorkItems.category)} nulls last`],
    status: [d(denialWorkItems.status)],
  };
  const order = [...key[p.sort], d(denialWorkItems.createdAt), d(denialWorkItems.id)];
  const needsPatient = !!p.q;
  const base = db.select({ id: denialWorkItems.id }).from(denialWorkItems).$dynamic();
  const withPatient = needsPatient ? base.innerJoin(claims, claimJoin).innerJoin(patients, patientJoin) : base;
  const counted = db.select({ id: denialWorkItems.id }).from(denialWorkItems).$dynamic();
  const [pageIds, total] = await Promise.all([
    withPatient
      .where(where)
      .orderBy(...order)
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    countCapped(db, (needsPatient ? counted.innerJoin(claims, claimJoin).innerJoin(patients, patientJoin) : counted).where(where)),
  ]);
  const ids = pageIds.map((r) => r.id);
  // One statement for every page (the ids as one array): prepared, planned once per connection and
  // built once (db/prepared.ts).
  const details = ids.length
    ? await preparedOnce(db, "denial_details", () =>
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
          .where(and(eq(denialWorkItems.practiceId, sql.placeholder("practiceId")), sql`${denialWorkItems.id} = any(${sql.placeholder("ids")}::uuid[])`))
          .prepare("denial_details"),
      ).execute({ practiceId, ids: textArrayLiteral(ids) })
    : [];
  const byId = new Map(details.map((r) => [r.id, r]));
  const items = ids.map((id) => byId.get(id)!).filter(Boolean);
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return {
    items: items.map((r) => ({
      ...r,
      dueInDays: r.dueDate ? Math.round(day(r.dueDate) - day(today)) : null,
      ageDays: Math.max(0, Math.floor(day(today) - r.createdAt.getTime() / 86_400_000)),
      summary: r.cause ?? r.explanation,
    })),
    total: total.total,
    totalCapped: total.totalCapped,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** The queue's views that hold work still open (every one but "done" and "all"). */
const OPEN_VIEWS = (Object.keys(VIEW_STATES) as WorklistView[]).filter((v) => v !== "done" && VIEW_STATES[v] !== null);

/**
 * The queue's tab badges. Every count is of open items, so both reads are ranges of the open views in
 * indexes that lead with (practice, view): the age index (it includes the assignee) for the views and
 * "mine", the due index for "overdue". The closed items (most of a practice's history) are not read.
 */
export async function workItemCounts(db: Db, practiceId: string, userId: string, today: string) {
  const open = and(eq(denialWorkItems.practiceId, practiceId), inArray(denialWorkItems.listView, OPEN_VIEWS));
  const overdue = db
    .select({ n: sql<number>`count(*)::int` })
    .from(denialWorkItems)
    .where(and(open, sql`${denialWorkItems.dueDate} < ${today}`));
  const [r] = await db
    .select({
      todo: sql<number>`(count(*) filter (where ${denialWorkItems.listView} = 'todo'))::int`,
      waiting: sql<number>`(count(*) filter (where ${denialWorkItems.listView} = 'waiting'))::int`,
      approval: sql<number>`(count(*) filter (where ${denialWorkItems.listView} = 'approval'))::int`,
      overdue: sql<number>`(${overdue})`,
      mine: sql<number>`(count(*) filter (where ${denialWorkItems.assigneeUserId} = ${userId}))::int`,
    })
    .from(denialWorkItems)
    .where(open);
  return r ?? { todo: 0, waiting: 0, approval: 0, overdue: 0, mine: 0 };
}
