import "server-only";
import { auditEvents } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "./context";

const SECRET_KEYS = new Set(["passwordHash", "password", "password_hash", "temporaryPassword", "newPassword", "currentPassword"]);

/** Copies a row into plain JSON for the audit trail, dropping secrets and turning dates into ISO strings. */
export function auditSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditSnapshot);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.has(k)) continue;
      out[k] = auditSnapshot(v);
    }
    return out;
  }
  return value;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The one way to write the audit trail. Call it with the transaction that makes the change, so the
 * change and its audit row commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    practiceId: actor.practiceId,
    actorUserId: actor.userId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: auditSnapshot(event.before),
    after: auditSnapshot(event.after),
    requestId: actor.requestId,
  });
}
