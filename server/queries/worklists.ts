import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import { textArrayLiteral } from "@/db/bulk";
import type { DbOrTx } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { administrationBillingStatus, administrationDocumentation, administrations, indications, locations, orders, patients, payers, providers, users, worklistAssignments } from "@/db/schema";
import { addDays, dayNumber } from "@/server/domain/billing/dates";
import { describeDaysLeft } from "@/server/domain/claims/filing";
import { formatDate } from "@/server/domain/format";
import { CLOSE_OUTCOME_LABELS, type AdministrationState, type CloseOutcome } from "@/server/domain/workflow/administration";
import type { OrderState } from "@/server/domain/workflow/order";
import { likeContains } from "@/server/domain/patients/search";
import { LIST_COUNT_CAP, pageIdsAndCount, type CappedTotal } from "./list-count";
import { providerDisplayName } from "./orders";

/**
 * The billing worklists: infusions due (scheduled or under way), documented but not ready for
 * billing, and ready for billing. Read-only; every query is scoped to the practice.
 */
export const WORKLIST_KINDS = ["due", "not_ready", "ready", "closed"] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];
export type WorklistSort = "date" | "patient" | "cycle" | "indication" | "payer" | "status" | "charge" | "daysLeft" | "assignee" | "age";
export type DatePreset = "today" | "week" | "overdue" | "custom";

export const WORKLIST_STATUSES: Record<WorklistKind, readonly AdministrationState[]> = {
  due: ["scheduled", "in_progress"],
  not_ready: ["documented"],
  ready: ["ready_for_billing"],
  // Left the queue without a claim of this practice, or a write-off awaiting a manager.
  closed: ["close_pending_approval", "closed"],
};

export interface WorklistParams {
  list: WorklistKind;
  page: number;
  pageSize: number;
  sort: WorklistSort;
  dir: "asc" | "desc";
  q?: string | undefined;
  /** due list only: today, the next 7 days (default), overdue, or custom from/to */
  preset?: DatePreset | undefined;
  from?: string | undefined;
  to?: string | undefined;
  location?: string | undefined;
  provider?: string | undefined;
  payer?: string | undefined;
  indication?: string | undefined;
  /** a user id, or "none" for the items nobody is assigned */
  assignee?: string | undefined;
}

/**
 * The planned-date window of a list: inclusive bounds, either may be open. "week" is today and the
 * six days after it (what is coming up, whatever the weekday); "overdue" is before today.
 */
export function worklistWindow(p: Pick<WorklistParams, "list" | "preset" | "from" | "to">, today: string): { from: string | null; to: string | null } {
  const preset = p.list === "due" ? (p.preset ?? "week") : "custom";
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "week":
      return { from: today, to: addDays(today, 6) };
    case "overdue":
      return { from: null, to: addDays(today, -1) };
    case "custom":
      return { from: p.from ?? null, to: p.to ?? null };
  }
}

/** The current documentation version of the administration (joined on is_current). */
const doc = administrationDocumentation;
const currentDocJoin = and(eq(doc.administrationId, administrations.id), eq(doc.practiceId, administrations.practiceId), eq(doc.isCurrent, true));

/** The stored readiness (server/services/readiness.ts) and the assignment of each infusion. */
const abs = administrationBillingStatus;
const absJoin = and(eq(abs.administrationId, administrations.id), eq(abs.practiceId, administrations.practiceId));
const assign = worklistAssignments;
const assignJoin = and(eq(assign.administrationId, administrations.id), eq(assign.practiceId, administrations.practiceId));
const assignee = alias(users, "assignee");
/** Since when the item waits on its list: its status (stored), its closing, or its planned date. */
const waitingSince = sql<string>`coalesce((${abs.statusSince} at time zone 'UTC')::date, (${administrations.closedAt} at time zone 'UTC')::date, ${administrations.plannedDate})`;

/** The date of service: the date documented as given, else the planned date. */
const dateOfService = sql<string>`coalesce(${doc.actualDate}, ${administrations.plannedDate})`;

/**
 * The tabs of documented infusions (not ready, ready) are exactly the stored readiness rows of their
 * status (refreshReadiness keeps one row per documented or ready infusion, in the transaction of
 * every change it depends on; tests/integration/readiness.test.ts compares them with a fresh
 * evaluation after each kind of change). Those tabs page through administration_billing_status
 * itself: its date of service, primary payer, charge, filing deadline and status date are the
 * filter and sort keys, each sort with its index (migration 0037), so the first pages are an index
 * scan stopped by the LIMIT instead of a sort of every row of the tab (974,049 ready at 1M). The row
 * also carries the patient, the order's location, provider and indication and the assignee (migration
 * 0041), each filter with its index: a filtered page or count joins no order or assignment per row,
 * and the patient sort walks the patients in name order into each one's rows. The patient's names,
 * lower-cased, are on the row too (0046): the date sort's ties within a day are in its index.
 */
function isStored(list: WorklistKind): boolean {
  return list === "not_ready" || list === "ready";
}
/** The stored age key of the documented tabs: the expression of administration_billing_status_age_idx. */
const storedWaitingSince = sql<string>`(${abs.statusSince} at time zone 'UTC')::date`;

/**
 * Totals are counted up to this many rows, the cap of every list (./list-count.ts); above it the total
 * is a lower bound (`totalCapped`) and the table says "10,000+". An exact count of a 974,049-row tab
 * cannot stay under 50 ms.
 */
export const WORKLIST_COUNT_CAP = LIST_COUNT_CAP;

/**
 * The primary coverage's payer on the date of service (the coverage in force that started last, like
 * coverageOn in server/domain/patients/coverage.ts) is stored on the infusion itself, kept by triggers
 * on administrations, their documentation and coverages (migration 0041): the due and closed tabs
 * filter and sort by a column instead of looking up each row's coverages.
 */
const primaryPayerId = administrations.primaryPayerId;

/**
 * `status in ('scheduled', 'in_progress')` with the statuses as literals, not parameters: the planner
 * then matches the partial index of the due tab (administrations_due_idx, migration 0041) whatever
 * plan a prepared statement settles on. The values are this module's constants.
 */
function statusLiterals(statuses: readonly AdministrationState[]): SQL {
  return sql`${administrations.status} in (${sql.raw(statuses.map((st) => `'${st.replace(/'/g, "''")}'`).join(", "))})`;
}

function whereOf(practiceId: string, p: WorklistParams, today: string): SQL {
  const stored = isStored(p.list);
  const statuses = WORKLIST_STATUSES[p.list];
  const where: (SQL | undefined)[] = stored
    ? [eq(abs.practiceId, practiceId), statuses.length === 1 ? eq(abs.status, statuses[0]!) : inArray(abs.status, [...statuses])]
    : [eq(administrations.practiceId, practiceId), statusLiterals(statuses)];
  const w = worklistWindow(p, today);
  // The due list goes by the planned date; documented infusions by the date they were given.
  const date: SQL = p.list === "due" ? sql`${administrations.plannedDate}` : stored ? sql`${abs.dateOfService}` : dateOfService;
  if (w.from) where.push(sql`${date} >= ${w.from}`);
  if (w.to) where.push(sql`${date} <= ${w.to}`);
  // The order's keys are on the listed row itself: the documented tabs' readiness row (migration 0041),
  // the infusion for the others (0045); the documented tabs hold the assignee too.
  if (p.location) where.push(eq(stored ? abs.locationId : administrations.locationId, p.location));
  if (p.provider) where.push(eq(stored ? abs.orderingProviderId : administrations.orderingProviderId, p.provider));
  if (p.indication) where.push(eq(stored ? abs.indicationId : administrations.indicationId, p.indication));
  if (p.payer) where.push(eq(stored ? abs.primaryPayerId : primaryPayerId, p.payer));
  const assigneeId = stored ? abs.assigneeUserId : assign.assigneeUserId;
  if (p.assignee === "none") where.push(sql`${assigneeId} is null`);
  else if (p.assignee) where.push(eq(assigneeId, p.assignee));
  if (p.q) {
    for (const term of p.q.split(/[\s,]+/).filter(Boolean).slice(0, 4)) {
      const like = likeContains(term);
      where.push(sql`(${patients.lastName} ilike ${like} or ${patients.firstName} ilike ${like} or ${patients.mrn} ilike ${like})`);
    }
  }
  return and(...where)!;
}

function orderByOf(p: WorklistParams): SQL[] {
  const d = p.dir === "asc" ? asc : desc;
  const stored = isStored(p.list);
  // The patient's names as stored on the listed row (migration 0046): the date sort's order within a
  // day is its index's. The documented tabs' patient sort walks the patients in name order instead
  // (joined: their readiness rows have no index by name).
  const sortNames = stored ? [d(abs.patientSortLast), d(abs.patientSortFirst)] : [d(administrations.patientSortLast), d(administrations.patientSortFirst)];
  const byPatient = stored ? [d(sql`lower(${patients.lastName})`), d(sql`lower(${patients.firstName})`)] : sortNames;
  const byDate = [d(p.list === "due" ? administrations.plannedDate : stored ? abs.dateOfService : dateOfService)];
  const since = stored ? storedWaitingSince : waitingSince;
  const keys: Record<WorklistSort, SQL[]> = {
    date: [...byDate, ...sortNames],
    patient: [...byPatient, ...byDate],
    cycle: [d(administrations.cycle), d(administrations.day), ...byDate],
    indication: [d(sql`coalesce(${indications.name}, ${stored ? abs.indicationId : administrations.indicationId})`), ...byDate],
    // No primary payer sorts after every payer going up, first going down.
    payer: [p.dir === "asc" ? sql`${payers.name} asc nulls last` : sql`${payers.name} desc nulls first`, ...byDate],
    status: [d(stored ? abs.status : administrations.status), ...byDate],
    // Unknown amounts and deadlines sort last going up (what matters most first), first going down.
    charge: [p.dir === "asc" ? sql`${abs.chargeCents} asc nulls last` : sql`${abs.chargeCents} desc nulls first`, ...byDate],
    daysLeft: [p.dir === "asc" ? sql`${abs.filingDeadline} asc nulls last` : sql`${abs.filingDeadline} desc nulls first`, ...byDate],
    assignee: [p.dir === "asc" ? sql`lower(${assignee.name}) asc nulls last` : sql`lower(${assignee.name}) desc nulls first`, ...byDate],
    // Oldest first going down: the age grows as the date it waits since goes back.
    age: [p.dir === "asc" ? desc(since) : asc(since), ...byDate],
  };
  // The id makes the order total, so offset pages never repeat or skip a row.
  return [...keys[p.sort], asc(stored ? abs.administrationId : administrations.id)];
}

export interface WorklistRow {
  id: string;
  orderId: string;
  patientId: string;
  patientFirstName: string;
  patientLastName: string;
  patientMrn: string;
  sequence: number;
  cycle: number;
  day: number;
  plannedDate: string;
  originalPlannedDate: string;
  /** the date documented as given (current documentation version), if any */
  actualDate: string | null;
  status: AdministrationState;
  orderStatus: OrderState;
  indicationId: string;
  indicationName: string | null;
  primaryPayerId: string | null;
  primaryPayerName: string | null;
  locationName: string;
  providerName: string;
  closeOutcome: CloseOutcome | null;
  closeReason: string | null;
  /** stored readiness (documented and ready infusions only) */
  ready: boolean | null;
  blockers: string[] | null;
  chargeCents: number | null;
  filingDeadline: string | null;
  waitingSince: string;
  assigneeUserId: string | null;
  assigneeName: string | null;
}

/**
 * The tables a list query joins besides administrations: only those its filter or sort reads. A page
 * is found in two steps (the ids in the sort with these joins, then the details of those ids), and
 * the count takes the filter's joins alone, so no row of a long list computes its payer, its
 * location or its assignee unless the filter or the sort asks for it.
 */
interface Joins {
  /** the documented tabs start from administration_billing_status and join administrations only for what it lacks */
  stored: boolean;
  administrations: boolean;
  indications: boolean;
  patients: boolean;
  doc: boolean;
  payers: boolean;
  abs: boolean;
  assign: boolean;
  assignee: boolean;
}

function joinsOf(p: WorklistParams, forSort: boolean): Joins {
  const sort = forSort ? p.sort : null;
  const stored = isStored(p.list);
  const hasWindow = p.list !== "due" && (p.from !== undefined || p.to !== undefined);
  // the search reads the patient; the documented tabs' patient sort walks the patients in name order
  // (every other sort by name reads the names stored on the row)
  const patientsJoin = Boolean(p.q) || (stored && sort === "patient");
  return {
    stored,
    // the documented tabs' rows carry the patient: administrations only for the cycle sort
    administrations: !stored || sort === "cycle",
    indications: sort === "indication",
    patients: patientsJoin,
    // the date of service of the closed tab (every sort ends with the date) reads the current
    // documentation; the due tab goes by the planned date, and the payer is stored on the infusion
    doc: !stored && p.list !== "due" && (sort !== null || hasWindow),
    payers: sort === "payer",
    abs: stored || sort === "charge" || sort === "daysLeft" || sort === "age",
    // the documented tabs hold the assignee on their own row
    assign: !stored && (Boolean(p.assignee) || sort === "assignee"),
    assignee: sort === "assignee",
  };
}

/** The first table of a list query: administrations, or the stored readiness for the documented tabs. */
function fromOf<T extends Record<string, unknown>>(db: DbOrTx, fields: T, j: Joins) {
  const q = db.select(fields as never).from(j.stored ? abs : administrations).$dynamic();
  return q as unknown as PgSelect;
}

function withJoins(q: PgSelect, j: Joins): PgSelect {
  // The stored tabs' own keys: the infusion's id and practice on its readiness row.
  const id = j.stored ? abs.administrationId : administrations.id;
  const practice = j.stored ? abs.practiceId : administrations.practiceId;
  if (j.stored && j.administrations) q = q.innerJoin(administrations, and(eq(administrations.id, abs.administrationId), eq(administrations.practiceId, abs.practiceId)));
  if (j.indications) q = q.leftJoin(indications, eq(indications.key, j.stored ? abs.indicationId : administrations.indicationId));
  if (j.patients) q = q.innerJoin(patients, j.stored ? and(eq(patients.id, abs.patientId), eq(patients.practiceId, abs.practiceId)) : and(eq(patients.id, administrations.patientId), eq(patients.practiceId, administrations.practiceId)));
  if (j.doc) q = q.leftJoin(doc, currentDocJoin);
  if (j.payers) q = q.leftJoin(payers, j.stored ? and(eq(payers.id, abs.primaryPayerId), eq(payers.practiceId, abs.practiceId)) : and(eq(payers.id, primaryPayerId), eq(payers.practiceId, administrations.practiceId)));
  if (j.abs && !j.stored) q = q.leftJoin(abs, absJoin);
  if (j.assign) q = q.leftJoin(assign, and(eq(assign.administrationId, id), eq(assign.practiceId, practice)));
  if (j.assignee) q = q.leftJoin(assignee, eq(assignee.id, j.stored ? abs.assigneeUserId : assign.assigneeUserId));
  return q;
}

/** The select of a list's ids in its sort, from `offset` (pages, and the item after one). */
function pageIdsQuery(db: DbOrTx, where: SQL, p: WorklistParams, offset: number, limit: number): PgSelect {
  const j = joinsOf(p, true);
  return withJoins(fromOf(db, { id: j.stored ? abs.administrationId : administrations.id }, j), j)
    .where(where)
    .orderBy(...orderByOf(p))
    .limit(limit)
    .offset(offset);
}

/** The ids of a list's rows in its sort, from `offset`. */
async function pageIds(db: DbOrTx, where: SQL, p: WorklistParams, offset: number, limit: number): Promise<string[]> {
  const rows = (await pageIdsQuery(db, where, p, offset, limit)) as { id: string }[];
  return rows.map((r) => String(r.id));
}

/**
 * A page's ids, and how many rows match counted up to `cap` + 1 (the filter's joins only: an index
 * range stopped by the LIMIT, whatever the size of the tab), in one statement (./list-count.ts).
 */
function pageAndCount(db: DbOrTx, where: SQL, p: WorklistParams, offset: number, limit: number, cap: number): Promise<CappedTotal & { ids: string[] }> {
  const j = joinsOf(p, false);
  return pageIdsAndCount(db, pageIdsQuery(db, where, p, offset, limit), withJoins(fromOf(db, { one: sql`1` }, j), j).where(where), cap);
}

/** The details of the page's ids, in the order of `ids`. */
async function selectRows(db: DbOrTx, practiceId: string, ids: string[]) {
  if (!ids.length) return [];
  // One statement for every page and list (the ids as one array): prepared, so its eleven joins are
  // planned once per connection instead of at every request, and built once (db/prepared.ts).
  const details = preparedOnce(db, "worklist_details", () =>
    db
      .select({
        id: administrations.id,
        orderId: administrations.orderId,
        patientId: administrations.patientId,
        patientFirstName: patients.firstName,
        patientLastName: patients.lastName,
        patientMrn: patients.mrn,
        sequence: administrations.sequence,
        cycle: administrations.cycle,
        day: administrations.day,
        plannedDate: administrations.plannedDate,
        originalPlannedDate: administrations.originalPlannedDate,
        actualDate: doc.actualDate,
        status: administrations.status,
        orderStatus: orders.status,
        indicationId: orders.indicationId,
        indicationName: indications.name,
        primaryPayerId: payers.id,
        primaryPayerName: payers.name,
        locationName: locations.name,
        closeOutcome: administrations.closeOutcome,
        closeReason: administrations.closeReason,
        ready: abs.ready,
        blockers: abs.blockers,
        chargeCents: abs.chargeCents,
        filingDeadline: abs.filingDeadline,
        waitingSince,
        assigneeUserId: assign.assigneeUserId,
        assigneeName: assignee.name,
        providerFirstName: providers.firstName,
        providerLastName: providers.lastName,
        providerCredential: providers.credential,
      })
      .from(administrations)
      .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, administrations.practiceId)))
      .innerJoin(patients, and(eq(patients.id, administrations.patientId), eq(patients.practiceId, administrations.practiceId)))
      .innerJoin(locations, eq(locations.id, orders.locationId))
      .innerJoin(providers, eq(providers.id, orders.orderingProviderId))
      .leftJoin(indications, eq(indications.key, orders.indicationId))
      .leftJoin(doc, currentDocJoin)
      .leftJoin(payers, and(eq(payers.id, primaryPayerId), eq(payers.practiceId, administrations.practiceId)))
      .leftJoin(abs, absJoin)
      .leftJoin(assign, assignJoin)
      .leftJoin(assignee, eq(assignee.id, assign.assigneeUserId))
      .where(and(eq(administrations.practiceId, sql.placeholder("practiceId")), sql`${administrations.id} = any(${sql.placeholder("ids")}::uuid[])`))
      .prepare("worklist_details"),
  );
  const rows = await details.execute({ practiceId, ids: textArrayLiteral(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One page of a worklist (rows as stored; the reason column is added by the caller). The total is
 * exact up to `cap` rows (WORKLIST_COUNT_CAP); above it `totalCapped` is true and `total` is the cap.
 */
export async function listWorklist(db: DbOrTx, practiceId: string, p: WorklistParams, today: string, cap = WORKLIST_COUNT_CAP): Promise<{ rows: WorklistRow[]; total: number; totalCapped: boolean }> {
  const { ids, total, totalCapped } = await pageAndCount(db, whereOf(practiceId, p, today), p, (p.page - 1) * p.pageSize, p.pageSize, cap);
  const rows = await selectRows(db, practiceId, ids);
  return {
    rows: rows.map(({ providerFirstName, providerLastName, providerCredential, ...r }) => ({
      ...r,
      providerName: providerDisplayName({ firstName: providerFirstName, lastName: providerLastName, credential: providerCredential }),
    })),
    total,
    totalCapped,
  };
}

/**
 * The item after the one at `position` (0-based) of a worklist, in its filter and sort: when the
 * current item is still there, the one after it; when finishing it took it off the list, the one
 * that moved up into its place. Null at the end of the list.
 */
export async function nextWorklistItem(db: DbOrTx, practiceId: string, p: WorklistParams, today: string, currentId: string, position: number): Promise<{ id: string; position: number } | null> {
  const ids = await pageIds(db, whereOf(practiceId, p, today), p, position, 2);
  const next = ids[0] === currentId ? ids[1] : ids.find((id) => id !== currentId);
  if (!next) return null;
  return { id: next, position: ids[0] === currentId ? position + 1 : position };
}

/**
 * How many items each worklist holds (the due list over its default window, the next 7 days), in one
 * query: each tab counted up to WORKLIST_COUNT_CAP + 1 rows through its index (the documented tabs
 * on their stored readiness rows, as their lists read them), so the tabs cost the same at 1,000,000
 * infusions as at 100. A tab above the cap reports the cap, with `capped` saying so.
 */
export async function worklistCounts(db: DbOrTx, practiceId: string, today: string, cap = WORKLIST_COUNT_CAP): Promise<Record<WorklistKind, number> & { capped: Record<WorklistKind, boolean> }> {
  const w = worklistWindow({ list: "due" }, today);
  const limit = cap + 1;
  const inList = (k: WorklistKind) => sql`${administrations.status} in (${sql.join(WORKLIST_STATUSES[k].map((st) => sql`${st}`), sql`, `)})`;
  const ofAdministrations = (k: WorklistKind, extra: SQL = sql`true`) =>
    sql`(select count(*) from (select 1 from ${administrations} where ${administrations.practiceId} = ${practiceId} and ${inList(k)} and ${extra} limit ${limit}) s)`;
  const ofStored = (k: WorklistKind) =>
    sql`(select count(*) from (select 1 from ${abs} where ${abs.practiceId} = ${practiceId} and ${abs.status} = ${WORKLIST_STATUSES[k][0]!} limit ${limit}) s)`;
  const [row] = await db
    .select({
      due: ofAdministrations("due", sql`${administrations.plannedDate} between ${w.from} and ${w.to}`).mapWith(Number),
      not_ready: ofStored("not_ready").mapWith(Number),
      ready: ofStored("ready").mapWith(Number),
      closed: ofAdministrations("closed").mapWith(Number),
    })
    .from(sql`(select 1) one`);
  const raw: Record<WorklistKind, number> = { due: row?.due ?? 0, not_ready: row?.not_ready ?? 0, ready: row?.ready ?? 0, closed: row?.closed ?? 0 };
  const capped = Object.fromEntries(WORKLIST_KINDS.map((k) => [k, raw[k] > cap])) as Record<WorklistKind, boolean>;
  const counts = Object.fromEntries(WORKLIST_KINDS.map((k) => [k, Math.min(raw[k], cap)])) as Record<WorklistKind, number>;
  return { ...counts, capped };
}

/** Every administration of a patient with its order's indication, by planned date; null when the patient is not the practice's. */
export async function listPatientAdministrations(db: DbOrTx, practiceId: string, patientId: string) {
  const [p] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, practiceId)));
  if (!p) return null;
  const rows = await db
    .select({
      id: administrations.id,
      orderId: administrations.orderId,
      sequence: administrations.sequence,
      cycle: administrations.cycle,
      day: administrations.day,
      plannedDate: administrations.plannedDate,
      originalPlannedDate: administrations.originalPlannedDate,
      actualDate: doc.actualDate,
      status: administrations.status,
      orderStatus: orders.status,
      indicationId: orders.indicationId,
      indicationName: indications.name,
    })
    .from(administrations)
    .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, administrations.practiceId)))
    .leftJoin(indications, eq(indications.key, orders.indicationId))
    .leftJoin(doc, currentDocJoin)
    .where(and(eq(administrations.practiceId, practiceId), eq(administrations.patientId, patientId)))
    .orderBy(asc(administrations.plannedDate), asc(administrations.sequence), asc(administrations.id));
  return rows.map((r) => ({ ...r, cycleLabel: `C${r.cycle}D${r.day}`, indicationName: r.indicationName ?? r.indicationId }));
}

/** Choices of the worklist filters: the practice's locations, ordering providers, payers and the indications. */
export async function worklistFilterOptions(db: DbOrTx, practiceId: string) {
  const [locs, provs, pays, inds] = await Promise.all([
    db
      .select({ id: locations.id, name: locations.name, isActive: locations.isActive })
      .from(locations)
      .where(eq(locations.practiceId, practiceId))
      .orderBy(asc(locations.name), asc(locations.id)),
    db
      .select({ id: providers.id, firstName: providers.firstName, lastName: providers.lastName, credential: providers.credential, isActive: providers.isActive })
      .from(providers)
      .where(and(eq(providers.practiceId, practiceId), eq(providers.canOrder, true)))
      .orderBy(asc(providers.lastName), asc(providers.firstName), asc(providers.id)),
    db
      .select({ id: payers.id, name: payers.name, isActive: payers.isActive })
      .from(payers)
      .where(eq(payers.practiceId, practiceId))
      .orderBy(asc(payers.name), asc(payers.id)),
    db.select({ id: indications.key, name: indications.name }).from(indications).orderBy(asc(indications.name)),
  ]);
  return {
    locations: locs,
    providers: provs.map((p) => ({ id: p.id, name: providerDisplayName(p), isActive: p.isActive })),
    payers: pays,
    indications: inds,
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why an infusion is on its list, from its status and dates alone (the documentation readiness,
 * when available, replaces this for documented infusions).
 */
export function statusReasons(row: Pick<WorklistRow, "status" | "plannedDate" | "originalPlannedDate" | "closeOutcome" | "closeReason">, today: string): string[] {
  const out: string[] = [];
  switch (row.status) {
    case "scheduled": {
      const d = daysBetween(today, row.plannedDate);
      out.push(d < 0 ? `Overdue by ${-d} day${d === -1 ? "" : "s"}: document it or mark it not given` : d === 0 ? "Due today" : `Due in ${d} day${d === 1 ? "" : "s"}`);
      break;
    }
    case "in_progress":
      out.push("Infusion under way: finish the documentation");
      break;
    case "documented":
      out.push("Documented; not marked ready for billing yet");
      break;
    case "ready_for_billing":
      out.push("Every required item present, no error finding");
      break;
    case "not_given":
      out.push("Not given");
      break;
    case "close_pending_approval":
    case "closed": {
      const outcome = row.closeOutcome ? CLOSE_OUTCOME_LABELS[row.closeOutcome] : "Closed";
      out.push(`${row.status === "close_pending_approval" ? "Awaiting a manager's approval: " : ""}${outcome}${row.closeReason ? ` — ${row.closeReason}` : ""}`);
      break;
    }
  }
  if (row.plannedDate !== row.originalPlannedDate) out.push(`Rescheduled from ${formatDate(row.originalPlannedDate)}`);
  return out;
}

/**
 * Why a documented infusion is not ready, from its stored readiness: what the infusion page says
 * blocks it, with the filing limit read against today (the stored evaluation leaves the clock out).
 */
export function readinessReasons(row: Pick<WorklistRow, "ready" | "blockers" | "filingDeadline">, today: string): string[] | null {
  if (row.ready === null || row.blockers === null) return null;
  const out: string[] = [];
  const late = row.filingDeadline !== null && row.filingDeadline < today;
  if (late) out.push(`Past the filing limit (last day ${formatDate(row.filingDeadline!)}): close it, or file with proof of timely filing`);
  // Late and otherwise clean: the limit is the one thing left to settle.
  if (late && row.ready) return out;
  const left = daysLeftToFile(row.filingDeadline, today);
  // Within 30 days of the limit the infusion page warns, and the warning needs an acknowledgement.
  const nearLimit = left !== null && left >= 0 && left < 30;
  out.push(...(row.ready ? [nearLimit ? `${describeDaysLeft(left)}: acknowledge the filing-limit warning, then mark it ready for billing` : "Every check passes: mark it ready for billing"] : row.blockers));
  return out;
}

/** Documented, every check passes and the filing limit is not past: nothing blocks it but marking it ready. */
export function isReadyToMark(row: Pick<WorklistRow, "status" | "ready" | "filingDeadline">, today: string): boolean {
  return row.status === "documented" && row.ready === true && (row.filingDeadline === null || row.filingDeadline >= today);
}

/** Days from today to the filing deadline (0 = the last day, negative = late). */
export function daysLeftToFile(deadline: string | null, today: string): number | null {
  return deadline === null ? null : dayNumber(deadline) - dayNumber(today);
}

/**
 * A worklist page as the table shows it: names, "C3D1", the charge, days left to file, assignee and
 * age, and the reason column. Everything comes from one query: documented infusions carry their
 * stored readiness, so no row runs the billing engine.
 */
export async function getWorklistPage(db: DbOrTx, practiceId: string, p: WorklistParams, today: string) {
  const { rows, total, totalCapped } = await listWorklist(db, practiceId, p, today);
  return {
    items: rows.map((r) => {
      const reasons = (r.status === "documented" ? readinessReasons(r, today) : null) ?? statusReasons(r, today);
      const daysLeft = r.status === "documented" || r.status === "ready_for_billing" ? daysLeftToFile(r.filingDeadline, today) : null;
      const age = daysBetween(r.waitingSince, today);
      return {
        id: r.id,
        orderId: r.orderId,
        patientId: r.patientId,
        patientName: `${r.patientLastName}, ${r.patientFirstName}`,
        patientMrn: r.patientMrn,
        sequence: r.sequence,
        cycle: r.cycle,
        day: r.day,
        cycleLabel: `C${r.cycle}D${r.day}`,
        plannedDate: r.plannedDate,
        originalPlannedDate: r.originalPlannedDate,
        actualDate: r.actualDate,
        status: r.status,
        orderStatus: r.orderStatus,
        indicationId: r.indicationId,
        indicationName: r.indicationName ?? r.indicationId,
        primaryPayerId: r.primaryPayerId,
        primaryPayerName: r.primaryPayerName,
        locationName: r.locationName,
        providerName: r.providerName,
        chargeCents: r.chargeCents,
        filingDeadline: r.filingDeadline,
        daysLeftToFile: daysLeft,
        daysLeftLabel: daysLeft === null ? null : describeDaysLeft(daysLeft),
        ageDays: age >= 0 ? age : null,
        assigneeUserId: r.assigneeUserId,
        assigneeName: r.assigneeName,
        reason: reasons.length ? reasons.join("; ") : null,
        /** documented, every check passes and the filing limit is not past: the next step is to mark it ready */
        readyToMark: isReadyToMark(r, today),
        reasons,
      };
    }),
    total,
    totalCapped,
    page: p.page,
    pageSize: p.pageSize,
  };
}
