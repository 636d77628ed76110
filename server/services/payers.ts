import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { payers } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import type { PayerSettings } from "@/server/domain/practice-setup/payer-profile";
import { changedFields, isUniqueViolation, nextUpdatedAt, sameVersion } from "@/server/domain/practice-setup/versioning";
import { refreshOrRecheckReadiness, sendReadinessRechecks, type RecheckSender } from "./readiness-recheck";
import { preparedReferenceIn } from "./reference-data";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

export type PayerRow = typeof payers.$inferSelect;

/** What an admin enters for a payer (validated at the boundary by ZPayerCreate). */
export type PayerInput = Pick<PayerSettings, "kind" | "wasteModifiers" | "ndc" | "priorAuthRequired" | "freeDrug" | "claimFilingIndicator"> &
  Partial<Pick<PayerSettings, "institutionalClaimFilingIndicator" | "modifier340b" | "charge340b" | "ndcUnPartialVial">> & {
  name: string;
  ediPayerId: string;
  templateId?: string | null;
  timelyFilingDays?: number | null;
  appealDays?: number | null;
  doseRoundingPercent?: number | null;
  unitCaps?: Record<string, number>;
};

const EDITABLE = [
  "name",
  "ediPayerId",
  "kind",
  "templateId",
  "wasteModifiers",
  "ndc",
  "priorAuthRequired",
  "timelyFilingDays",
  "appealDays",
  "freeDrug",
  "doseRoundingPercent",
  "unitCaps",
  "claimFilingIndicator",
  "institutionalClaimFilingIndicator",
  "modifier340b",
  "charge340b",
  "ndcUnPartialVial",
] as const satisfies readonly (keyof PayerRow)[];

const DUPLICATE = "Another payer of this practice already has this EDI payer id.";

function columns(input: PayerInput) {
  const v = {
    name: input.name.trim(),
    ediPayerId: input.ediPayerId.trim().toUpperCase(),
    kind: input.kind,
    templateId: input.templateId ?? null,
    wasteModifiers: input.wasteModifiers,
    ndc: input.ndc,
    priorAuthRequired: input.priorAuthRequired,
    timelyFilingDays: input.timelyFilingDays ?? null,
    appealDays: input.appealDays ?? null,
    freeDrug: input.freeDrug,
    doseRoundingPercent: input.doseRoundingPercent ?? null,
    unitCaps: input.unitCaps ?? {},
    claimFilingIndicator: input.claimFilingIndicator,
    institutionalClaimFilingIndicator: input.institutionalClaimFilingIndicator ?? null,
    modifier340b: input.modifier340b ?? "none",
    charge340b: input.charge340b ?? "usual_charge",
    ndcUnPartialVial: input.ndcUnPartialVial ?? "administered_line",
  };
  if (v.timelyFilingDays === null && v.kind !== "medicare") {
    throw new DomainError("VALIDATION", "Enter the timely-filing limit in days (only Medicare uses the 12-month rule).", { field: "timelyFilingDays" });
  }
  return v;
}

async function loadPayer(tx: DbOrTx, actor: Actor, payerId: string): Promise<PayerRow> {
  const [p] = await tx
    .select()
    .from(payers)
    .where(and(eq(payers.id, payerId), eq(payers.practiceId, actor.practiceId)));
  // Another practice's payer is reported exactly like a missing one.
  if (!p) throw new DomainError("NOT_FOUND", "Payer not found.");
  return p;
}

async function assertEdiIdFree(tx: DbOrTx, actor: Actor, ediPayerId: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: payers.id })
    .from(payers)
    .where(and(eq(payers.practiceId, actor.practiceId), eq(payers.ediPayerId, ediPayerId), exceptId ? ne(payers.id, exceptId) : undefined));
  if (dup) throw new DomainError("CONFLICT", DUPLICATE, { field: "ediPayerId" });
}

function rethrowDuplicate(e: unknown): never {
  if (isUniqueViolation(e, "payers_practice_edi_uq")) throw new DomainError("CONFLICT", DUPLICATE, { field: "ediPayerId" });
  throw e;
}

export async function getPayer(db: Db, actor: Actor, payerId: string): Promise<PayerRow> {
  return loadPayer(db, actor, payerId);
}

export async function createPayer(db: Db, actor: Actor, input: PayerInput, now: Date): Promise<PayerRow> {
  const values = columns(input);
  return db
    .transaction(async (tx) => {
      await assertEdiIdFree(tx, actor, values.ediPayerId);
      const [row] = await tx
        .insert(payers)
        .values({ ...values, practiceId: actor.practiceId, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, actor, { action: "payer.created", entityType: "payer", entityId: row!.id, after: row });
      return row!;
    })
    .catch(rethrowDuplicate);
}

export async function updatePayer(
  db: Db,
  actor: Actor,
  input: PayerInput & { payerId: string; updatedAt: Date },
  now: Date,
  /** sends the practice's background readiness recheck after the commit, when the change touches more infusions than are rechecked at once */
  sendRecheck?: RecheckSender,
): Promise<PayerRow> {
  const values = columns(input);
  const result = await db
    .transaction(async (tx) => {
      const before = await loadPayer(tx, actor, input.payerId);
      if (!sameVersion(input.updatedAt, before.updatedAt)) throw stale();
      const diff = changedFields(before, { ...before, ...values }, EDITABLE);
      if (!diff.changed) return { after: before, recheck: null };
      if (values.ediPayerId !== before.ediPayerId) await assertEdiIdFree(tx, actor, values.ediPayerId, before.id);
      const [after] = await tx
        .update(payers)
        .set({ ...values, updatedAt: nextUpdatedAt(before.updatedAt, now) })
        .where(
          and(
            eq(payers.id, before.id),
            eq(payers.practiceId, actor.practiceId),
            sql`date_trunc('milliseconds', ${payers.updatedAt}) = ${input.updatedAt.toISOString()}::timestamptz`,
          ),
        )
        .returning();
      if (!after) throw stale();
      await recordAudit(tx, actor, { action: "payer.updated", entityType: "payer", entityId: before.id, before: diff.before, after: diff.after });
      const recheck = await refreshOrRecheckReadiness(tx, actor.practiceId, { payerId: before.id }, await preparedReferenceIn(db, tx), `Payer changed: ${after.name}`);
      return { after, recheck };
    })
    .catch(rethrowDuplicate);
  await sendReadinessRechecks(sendRecheck, result.recheck ? [result.recheck] : []);
  return result.after;
}

/** Deactivation hides the payer from pickers; the row stays because coverages and claims point at it. */
export async function setPayerActive(db: Db, actor: Actor, input: { payerId: string; active: boolean }, now: Date): Promise<PayerRow> {
  return db.transaction(async (tx) => {
    const before = await loadPayer(tx, actor, input.payerId);
    if (before.isActive === input.active) return before;
    const [after] = await tx
      .update(payers)
      .set({ isActive: input.active, updatedAt: nextUpdatedAt(before.updatedAt, now) })
      .where(and(eq(payers.id, before.id), eq(payers.practiceId, actor.practiceId), eq(payers.isActive, before.isActive)))
      .returning();
    if (!after) throw stale();
    await recordAudit(tx, actor, {
      action: input.active ? "payer.reactivated" : "payer.deactivated",
      entityType: "payer",
      entityId: before.id,
      before: { isActive: before.isActive },
      after: { isActive: after.isActive },
    });
    return after;
  });
}

function stale() {
  return new DomainError("CONFLICT", "This payer was changed by someone else since you opened it. Reload to see the current settings, then make your change again.");
}
