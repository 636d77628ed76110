import "server-only";
import { and, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { DomainError } from "@/server/domain/errors";
import { nextState, type Machine } from "@/server/domain/workflow/machine";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

/** A table that carries a workflow: an id, the practice it belongs to and a status column. */
export type WorkflowTable = PgTable & { id: PgColumn; practiceId: PgColumn; status: PgColumn };

/**
 * Applies one state-machine transition: checks it is allowed from the state the caller saw, updates
 * `WHERE id AND practice_id AND status = from` (so a concurrent change makes it update nothing and
 * fail as a conflict instead of overwriting), and writes the audit row in the same transaction.
 */
export async function applyTransition<S extends string, E extends string>(
  tx: DbOrTx,
  actor: Actor,
  args: {
    machine: Machine<S, E>;
    table: WorkflowTable;
    entityType: string;
    id: string;
    from: S;
    event: E;
    /** Other columns to set with the status (reason, timestamps …). */
    set?: Record<string, unknown>;
    /** Extra facts for the audit row's `after`. */
    note?: Record<string, unknown>;
  },
): Promise<S> {
  const to = nextState(args.machine, args.from, args.event);
  const t = args.table;
  const rows = await tx
    .update(t)
    .set({ ...(args.set ?? {}), status: to } as never)
    .where(and(eq(t.id, args.id), eq(t.practiceId, actor.practiceId), eq(t.status, args.from)))
    .returning({ id: t.id });
  if (rows.length === 0) {
    throw new DomainError(
      "CONFLICT",
      `This ${args.machine.name} was changed by someone else (it is no longer ${args.from.replace(/_/g, " ")}). Reload to see the current state.`,
    );
  }
  await recordAudit(tx, actor, {
    action: `${args.entityType}.${args.event}`,
    entityType: args.entityType,
    entityId: args.id,
    before: { status: args.from },
    after: { status: to, ...(args.set ?? {}), ...(args.note ?? {}) },
  });
  return to;
}
