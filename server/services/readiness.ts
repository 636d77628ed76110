import "server-only";
import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { administrationBillingStatus, administrations, coverages, orders, practices, worklistAssignments, type StoredBlockingFinding } from "@/db/schema";
import { prepareReference, type PreparedReference } from "@/server/domain/billing";
import { filingDeadline } from "@/server/domain/claims/filing";
import type { AdministrationState } from "@/server/domain/workflow/administration";
import type { Actor } from "./context";
import { evaluate, loadAdministration } from "./documentation";
import { loadReferenceData } from "./reference-data";

/**
 * The stored readiness of infusions (`administration_billing_status`): what the documentation
 * module's evaluation says (ready or what blocks it, the error findings and open warnings, the
 * claim's charge, the filing deadline), written by the service that changed one of its inputs, in
 * that service's transaction, so worklists read it with one query instead of running the engine per row.
 *
 * The evaluation is that of the infusion page, judged as of the date of service: the clock only
 * moves the filing deadline closer, and the lists read that against today themselves.
 */

/** The statuses whose readiness is kept: documented (the not-ready list) and ready for billing. */
export const EVALUATED_STATUSES = ["documented", "ready_for_billing"] as const satisfies readonly AdministrationState[];

/**
 * Which infusions a change can affect. An infusion's readiness reads its order's other infusions
 * (first dose date, units used against the authorization), so a scope always widens to whole orders.
 */
export type ReadinessScope =
  | { administrationIds: readonly string[] }
  | { orderIds: readonly string[] }
  | { patientIds: readonly string[] }
  /** patients with a coverage of this payer */
  | { payerId: string }
  /** orders given at this location */
  | { locationId: string }
  /** every infusion of the practice (fee schedule, prior-auth rules) */
  | { practice: true };

/** A date before any date of service: the scenario then takes the date of service as "today". */
const AS_OF_DATE_OF_SERVICE = "0001-01-01";

function sentenceCase(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}

/** The administrations the scope covers, as a condition on `administrations` (null: the whole practice). */
export function scopeCondition(practiceId: string, scope: ReadinessScope): SQL | null {
  if ("practice" in scope) return null;
  if ("orderIds" in scope) return scope.orderIds.length ? inArray(administrations.orderId, [...scope.orderIds]) : sql`false`;
  if ("administrationIds" in scope) {
    if (!scope.administrationIds.length) return sql`false`;
    return sql`${administrations.orderId} in (select ${administrations.orderId} from ${administrations} where ${administrations.practiceId} = ${practiceId} and ${inArray(administrations.id, [...scope.administrationIds])})`;
  }
  if ("patientIds" in scope) return scope.patientIds.length ? inArray(administrations.patientId, [...scope.patientIds]) : sql`false`;
  if ("payerId" in scope) {
    return sql`${administrations.patientId} in (select ${coverages.patientId} from ${coverages} where ${coverages.practiceId} = ${practiceId} and ${coverages.payerId} = ${scope.payerId})`;
  }
  return sql`${administrations.orderId} in (select ${orders.id} from ${orders} where ${orders.practiceId} = ${practiceId} and ${orders.locationId} = ${scope.locationId})`;
}

/** The reference data as the transaction sees it (a reference upload refreshes inside its own transaction). */
export async function referenceIn(tx: DbOrTx): Promise<PreparedReference> {
  return prepareReference(await loadReferenceData(tx));
}

export interface StoredReadiness {
  administrationId: string;
  status: AdministrationState;
  ready: boolean;
  blockers: string[];
  findings: StoredBlockingFinding[];
  dateOfService: string;
  /** the primary coverage's payer on the date of service (the worklists' payer filter) */
  primaryPayerId: string | null;
  chargeCents: number | null;
  filingDeadline: string | null;
  /** the worklists' filter keys: the infusion's patient, its order's location, provider and indication, its assignee */
  patientId: string;
  locationId: string;
  orderingProviderId: string;
  indicationId: string;
  assigneeUserId: string | null;
}

/** The documentation module's evaluation of one infusion, in the stored shape. */
export async function computeReadiness(
  tx: DbOrTx,
  practiceId: string,
  administrationId: string,
  ref: PreparedReference,
  /** the assignees of a batch, read once by the caller (an infusion missing from it has none) */
  assignees?: ReadonlyMap<string, string>,
): Promise<StoredReadiness> {
  const actor: Actor = { userId: null, practiceId, role: null, requestId: null };
  const row = await loadAdministration(tx, actor, administrationId);
  const ev = await evaluate(tx, actor, ref, row, AS_OF_DATE_OF_SERVICE);
  const payer = ev.ctx.payerRow?.payer ?? null;
  const assigned = assignees
    ? { userId: assignees.get(administrationId) ?? null }
    : (
        await tx
          .select({ userId: worklistAssignments.assigneeUserId })
          .from(worklistAssignments)
          .where(and(eq(worklistAssignments.practiceId, practiceId), eq(worklistAssignments.administrationId, administrationId)))
      )[0];
  return {
    administrationId,
    status: row.administration.status,
    ready: ev.evaluation.blockers.length === 0,
    blockers: ev.evaluation.blockers.map(sentenceCase),
    findings: ev.evaluation.findings
      .filter((f) => f.severity === "error" || (f.severity === "warning" && !f.acknowledged))
      .map((f) => ({ rule: f.rule, severity: f.severity as "error" | "warning", message: f.message })),
    dateOfService: ev.date,
    primaryPayerId: payer?.id ?? null,
    chargeCents: ev.evaluation.preview?.totalChargeCents ?? null,
    filingDeadline: payer ? filingDeadline(ev.date, { kind: payer.kind, timelyFilingDays: payer.timelyFilingDays }).deadline : null,
    patientId: row.administration.patientId,
    locationId: row.order.locationId,
    orderingProviderId: row.order.orderingProviderId,
    indicationId: row.order.indicationId,
    assigneeUserId: assigned?.userId ?? null,
  };
}

/**
 * Recomputes the stored readiness of every infusion in `scope` (widened to whole orders), inside the
 * caller's transaction: documented and ready infusions get their row, others lose it. Returns how
 * many rows were written.
 */
export async function refreshReadiness(tx: DbOrTx, practiceId: string, scope: ReadinessScope, refGiven?: PreparedReference): Promise<number> {
  const inScope = scopeCondition(practiceId, scope);
  const base = and(eq(administrations.practiceId, practiceId), inScope ?? undefined);
  const targets = await tx
    .select({ id: administrations.id, updatedAt: administrations.updatedAt })
    .from(administrations)
    .where(and(base, inArray(administrations.status, [...EVALUATED_STATUSES])));
  // Rows of infusions that left documented / ready (closed, billed, amended back …) go.
  const leaving = tx
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(base, notInArray(administrations.status, [...EVALUATED_STATUSES])));
  await tx.delete(administrationBillingStatus).where(and(eq(administrationBillingStatus.practiceId, practiceId), inArray(administrationBillingStatus.administrationId, leaving)));
  if (targets.length === 0) return 0;
  const ref = refGiven ?? (await referenceIn(tx));
  // The assignees of the whole scope in one read (a practice-wide refresh covers every infusion).
  const assignees = new Map(
    (
      await tx
        .select({ administrationId: worklistAssignments.administrationId, userId: worklistAssignments.assigneeUserId })
        .from(worklistAssignments)
        .innerJoin(administrations, and(eq(administrations.id, worklistAssignments.administrationId), eq(administrations.practiceId, worklistAssignments.practiceId)))
        .where(and(eq(worklistAssignments.practiceId, practiceId), base))
    ).map((a) => [a.administrationId, a.userId] as const),
  );
  for (const t of targets) {
    const r = await computeReadiness(tx, practiceId, t.id, ref, assignees);
    const values = { practiceId, ...r, statusSince: t.updatedAt, updatedAt: new Date() };
    await tx
      .insert(administrationBillingStatus)
      .values(values)
      .onConflictDoUpdate({
        target: [administrationBillingStatus.practiceId, administrationBillingStatus.administrationId],
        set: {
          // The age counts from when the infusion entered its status, not from its last edit.
          statusSince: sql`case when ${administrationBillingStatus.status} = excluded.status then ${administrationBillingStatus.statusSince} else excluded.status_since end`,
          status: sql`excluded.status`,
          ready: sql`excluded.ready`,
          blockers: sql`excluded.blockers`,
          findings: sql`excluded.findings`,
          dateOfService: sql`excluded.date_of_service`,
          primaryPayerId: sql`excluded.primary_payer_id`,
          chargeCents: sql`excluded.charge_cents`,
          filingDeadline: sql`excluded.filing_deadline`,
          patientId: sql`excluded.patient_id`,
          locationId: sql`excluded.location_id`,
          orderingProviderId: sql`excluded.ordering_provider_id`,
          indicationId: sql`excluded.indication_id`,
          assigneeUserId: sql`excluded.assignee_user_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return targets.length;
}

/** A change to shared reference data: every practice's stored readiness, in the uploading transaction. */
export async function refreshReadinessEverywhere(tx: DbOrTx): Promise<number> {
  const ref = await referenceIn(tx);
  let n = 0;
  for (const p of await tx.select({ id: practices.id }).from(practices)) n += await refreshReadiness(tx, p.id, { practice: true }, ref);
  return n;
}

/**
 * The wording version of the stored sentences (blockers, finding messages). Bump it whenever the
 * evaluation says things differently (version 2: dates as MM/DD/YYYY, rules by their billing label):
 * the next start of the app recomputes every stored row once. The version in force is recorded in
 * the database as the comment of `administration_billing_status` (no migration, no extra table; a
 * restore or a recreated table without it simply gets recomputed once).
 */
export const READINESS_FORMAT = 2;

const TABLE = "administration_billing_status";

async function storedReadinessFormat(tx: DbOrTx): Promise<number | null> {
  const r = await tx.execute(sql`select obj_description(${TABLE}::regclass, 'pg_class') as c`);
  const rows = (Array.isArray(r) ? r : (r as unknown as { rows: { c: string | null }[] }).rows) as { c: string | null }[];
  const m = /readiness format (\d+)/.exec(rows[0]?.c ?? "");
  return m ? Number(m[1]) : null;
}

/** Records that the stored rows are in the current wording (the demo seed after filling the table, the backfill after a recompute). */
export async function markReadinessFormatCurrent(tx: DbOrTx): Promise<void> {
  // COMMENT takes no bind parameters; the text is a constant of this module.
  await tx.execute(sql.raw(`comment on table ${TABLE} is 'readiness format ${READINESS_FORMAT}: wording of the stored blockers and findings (server/services/readiness.ts)'`));
}

/**
 * Run when the app opens its database. When the stored rows were written in an older wording (or
 * the version was never recorded), recomputes every practice's rows once and records the version;
 * otherwise fills only the rows missing for documented or ready infusions (a database created before
 * the table, or restored from a backup), at the cost of one query when nothing is missing.
 * Returns how many rows were written.
 */
export async function backfillReadiness(tx: DbOrTx): Promise<number> {
  // App processes starting together: one recomputes, the others then find the version current.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`readiness-format`}))`);
  if ((await storedReadinessFormat(tx)) !== READINESS_FORMAT) {
    const n = await refreshReadinessEverywhere(tx);
    await markReadinessFormatCurrent(tx);
    return n;
  }
  const missing = await tx
    .selectDistinct({ practiceId: administrations.practiceId, orderId: administrations.orderId })
    .from(administrations)
    .leftJoin(
      administrationBillingStatus,
      and(eq(administrationBillingStatus.administrationId, administrations.id), eq(administrationBillingStatus.practiceId, administrations.practiceId)),
    )
    .where(and(inArray(administrations.status, [...EVALUATED_STATUSES]), sql`${administrationBillingStatus.administrationId} is null`));
  if (missing.length === 0) return 0;
  const ref = await referenceIn(tx);
  const byPractice = new Map<string, string[]>();
  for (const m of missing) byPractice.set(m.practiceId, [...(byPractice.get(m.practiceId) ?? []), m.orderId]);
  let n = 0;
  for (const [practiceId, orderIds] of byPractice) n += await refreshReadiness(tx, practiceId, { orderIds }, ref);
  return n;
}
