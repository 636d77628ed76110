import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { providers } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { isValidNpi } from "@/server/domain/identifiers";
import { changedFields, isUniqueViolation, nextUpdatedAt, sameVersion } from "@/server/domain/practice-setup/versioning";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

export type ProviderRow = typeof providers.$inferSelect;

export interface ProviderInput {
  entityType?: ProviderRow["entityType"];
  firstName?: string | null;
  lastName: string;
  credential?: string | null;
  npi: string;
  taxonomyCode: string;
  canRender?: boolean;
  canOrder?: boolean;
}

const EDITABLE = ["entityType", "firstName", "lastName", "credential", "npi", "taxonomyCode", "canRender", "canOrder"] as const satisfies readonly (keyof ProviderRow)[];
const DUPLICATE = "Another provider of this practice already has this NPI.";

function columns(input: ProviderInput) {
  const entityType = input.entityType ?? "person";
  const v = {
    entityType,
    firstName: entityType === "organization" ? null : (input.firstName?.trim() || null),
    lastName: input.lastName.trim(),
    credential: input.credential?.trim() || null,
    npi: input.npi.trim(),
    taxonomyCode: input.taxonomyCode.trim().toUpperCase(),
    canRender: input.canRender ?? true,
    canOrder: input.canOrder ?? true,
  };
  // The boundary already checks these; repeated so seeds and other services cannot skip them.
  if (!isValidNpi(v.npi)) throw new DomainError("VALIDATION", "This NPI's check digit is wrong: check it for a typo.", { field: "npi" });
  if (entityType === "person" && !v.firstName) throw new DomainError("VALIDATION", "Enter the first name.", { field: "firstName" });
  return v;
}

async function loadProvider(tx: DbOrTx, actor: Actor, providerId: string): Promise<ProviderRow> {
  const [p] = await tx
    .select()
    .from(providers)
    .where(and(eq(providers.id, providerId), eq(providers.practiceId, actor.practiceId)));
  if (!p) throw new DomainError("NOT_FOUND", "Provider not found.");
  return p;
}

async function assertNpiFree(tx: DbOrTx, actor: Actor, npi: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.practiceId, actor.practiceId), eq(providers.npi, npi), exceptId ? ne(providers.id, exceptId) : undefined));
  if (dup) throw new DomainError("CONFLICT", DUPLICATE, { field: "npi" });
}

function rethrowDuplicate(e: unknown): never {
  if (isUniqueViolation(e, "providers_practice_npi_uq")) throw new DomainError("CONFLICT", DUPLICATE, { field: "npi" });
  throw e;
}

function stale() {
  return new DomainError("CONFLICT", "This provider was changed by someone else since you opened it. Reload and make your change again.");
}

export async function getProvider(db: Db, actor: Actor, providerId: string): Promise<ProviderRow> {
  return loadProvider(db, actor, providerId);
}

export async function createProvider(db: Db, actor: Actor, input: ProviderInput, now: Date): Promise<ProviderRow> {
  const values = columns(input);
  return db
    .transaction(async (tx) => {
      await assertNpiFree(tx, actor, values.npi);
      const [row] = await tx
        .insert(providers)
        .values({ ...values, practiceId: actor.practiceId, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, actor, { action: "provider.created", entityType: "provider", entityId: row!.id, after: row });
      return row!;
    })
    .catch(rethrowDuplicate);
}

export async function updateProvider(
  db: Db,
  actor: Actor,
  input: ProviderInput & { providerId: string; updatedAt: Date },
  now: Date,
): Promise<ProviderRow> {
  const values = columns(input);
  return db
    .transaction(async (tx) => {
      const before = await loadProvider(tx, actor, input.providerId);
      if (!sameVersion(input.updatedAt, before.updatedAt)) throw stale();
      const diff = changedFields(before, { ...before, ...values }, EDITABLE);
      if (!diff.changed) return before;
      if (values.npi !== before.npi) await assertNpiFree(tx, actor, values.npi, before.id);
      const [after] = await tx
        .update(providers)
        .set({ ...values, updatedAt: nextUpdatedAt(before.updatedAt, now) })
        .where(
          and(
            eq(providers.id, before.id),
            eq(providers.practiceId, actor.practiceId),
            sql`date_trunc('milliseconds', ${providers.updatedAt}) = ${input.updatedAt.toISOString()}::timestamptz`,
          ),
        )
        .returning();
      if (!after) throw stale();
      await recordAudit(tx, actor, { action: "provider.updated", entityType: "provider", entityId: before.id, before: diff.before, after: diff.after });
      return after;
    })
    .catch(rethrowDuplicate);
}

/** Deactivated providers disappear from order and documentation pickers; their history stays. */
export async function setProviderActive(db: Db, actor: Actor, input: { providerId: string; active: boolean }, now: Date): Promise<ProviderRow> {
  return db.transaction(async (tx) => {
    const before = await loadProvider(tx, actor, input.providerId);
    if (before.isActive === input.active) return before;
    const [after] = await tx
      .update(providers)
      .set({ isActive: input.active, updatedAt: nextUpdatedAt(before.updatedAt, now) })
      .where(and(eq(providers.id, before.id), eq(providers.practiceId, actor.practiceId), eq(providers.isActive, before.isActive)))
      .returning();
    if (!after) throw stale();
    await recordAudit(tx, actor, {
      action: input.active ? "provider.reactivated" : "provider.deactivated",
      entityType: "provider",
      entityId: before.id,
      before: { isActive: before.isActive },
      after: { isActive: after.isActive },
    });
    return after;
  });
}
