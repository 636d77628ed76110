import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { operatorSessions, platformAuditEvents, platformOperators, users } from "@/db/schema";
import type { AuthSettings } from "@/server/auth/config";
import { burnVerifyTime, hashPassword, verifyPassword } from "@/server/auth/password";
import { checkPassword } from "@/server/domain/auth/password-policy";
import { DomainError } from "@/server/domain/errors";
import { auditSnapshot } from "./audit";

/*
 * Platform operators: people outside every practice who alone load new versions of the shared
 * reference data. Created from the command line only (`npm run operator -- create <email>`); they
 * sign in through the same page as everyone, with the same lockout and server-side sessions.
 */

export interface OperatorSession {
  sessionId: string;
  operatorId: string;
  email: string;
  name: string;
}

/** Who wrote a platform audit row: an operator in a request, or the command line (operatorId null). */
export interface PlatformActor {
  operatorId: string | null;
  requestId: string | null;
}

export interface PlatformAuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** The one way to write the platform audit trail (inside the transaction that makes the change). */
export async function recordPlatformAudit(tx: DbOrTx, actor: PlatformActor, event: PlatformAuditInput): Promise<void> {
  await tx.insert(platformAuditEvents).values({
    operatorId: actor.operatorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: auditSnapshot(event.before),
    after: auditSnapshot(event.after),
    requestId: actor.requestId,
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an operator (command line only). The email must not belong to any practice's user. */
export async function createOperator(db: Db, input: { email: string; name: string; password: string }, now: Date) {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 254) throw new DomainError("VALIDATION", `"${input.email}" is not an email address.`, { field: "email" });
  if (!name || name.length > 200) throw new DomainError("VALIDATION", "Give the operator's name (up to 200 characters).", { field: "name" });
  const problems = checkPassword(input.password, { email, name });
  if (problems.length) throw new DomainError("PASSWORD_POLICY", problems.join(" "), { field: "password" });
  const [clash] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (clash) throw new DomainError("CONFLICT", `${email} is a practice user's email; an operator needs an address of its own.`, { field: "email" });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(platformOperators)
      .values({ email, name, passwordHash, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: platformOperators.id, email: platformOperators.email, name: platformOperators.name });
    if (!row) throw new DomainError("CONFLICT", `An operator with the email ${email} already exists.`, { field: "email" });
    await recordPlatformAudit(tx, { operatorId: null, requestId: null }, {
      action: "operator.created",
      entityType: "platform_operator",
      entityId: row.id,
      after: { email, name, via: "command line" },
    });
    return row;
  });
}

/** Deactivates an operator and ends their sessions (command line). */
export async function deactivateOperator(db: Db, email: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(platformOperators)
      .set({ isActive: false, updatedAt: now })
      .where(eq(platformOperators.email, email.trim().toLowerCase()))
      .returning({ id: platformOperators.id });
    if (!row) throw new DomainError("NOT_FOUND", `No operator with the email ${email}.`);
    await tx
      .update(operatorSessions)
      .set({ revokedAt: now, revokedReason: "deactivated" })
      .where(and(eq(operatorSessions.operatorId, row.id), isNull(operatorSessions.revokedAt)));
    await recordPlatformAudit(tx, { operatorId: null, requestId: null }, {
      action: "operator.deactivated",
      entityType: "platform_operator",
      entityId: row.id,
      after: { isActive: false, via: "command line" },
    });
  });
}

export async function listOperators(db: Db) {
  return db
    .select({ email: platformOperators.email, name: platformOperators.name, isActive: platformOperators.isActive, lastSignInAt: platformOperators.lastSignInAt })
    .from(platformOperators)
    .orderBy(platformOperators.email);
}

export type OperatorSignIn = { ok: true; sessionId: string; operatorId: string } | { ok: false; reason: "invalid" | "locked" };

/** Password sign-in of an operator: same lockout as practice users, audited on the platform trail. */
export async function signInOperator(
  db: Db,
  input: { email: string; password: string },
  now: Date,
  settings: AuthSettings,
): Promise<OperatorSignIn | null> {
  const [op] = await db.select().from(platformOperators).where(eq(platformOperators.email, input.email));
  if (!op) return null;
  const actor: PlatformActor = { operatorId: op.id, requestId: null };
  if (op.lockedUntil && op.lockedUntil > now) {
    await burnVerifyTime(input.password);
    return { ok: false, reason: "locked" };
  }
  const passwordOk = await verifyPassword(op.passwordHash, input.password);
  if (!passwordOk) {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(platformOperators)
        .set({ failedLoginCount: sql`${platformOperators.failedLoginCount} + 1`, updatedAt: now })
        .where(eq(platformOperators.id, op.id))
        .returning({ failed: platformOperators.failedLoginCount });
      const failed = row?.failed ?? 0;
      if (failed >= settings.maxFailedAttempts) {
        const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
        await tx.update(platformOperators).set({ lockedUntil, failedLoginCount: 0 }).where(eq(platformOperators.id, op.id));
        await recordPlatformAudit(tx, actor, { action: "operator.locked", entityType: "platform_operator", entityId: op.id, after: { lockedUntil } });
        return { ok: false, reason: "locked" } as const;
      }
      await recordPlatformAudit(tx, actor, { action: "auth.sign_in_failed", entityType: "platform_operator", entityId: op.id, after: { failedLoginCount: failed } });
      return { ok: false, reason: "invalid" } as const;
    });
  }
  if (!op.isActive) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx) => {
    await tx.update(platformOperators).set({ failedLoginCount: 0, lockedUntil: null, lastSignInAt: now }).where(eq(platformOperators.id, op.id));
    const [s] = await tx.insert(operatorSessions).values({ operatorId: op.id, createdAt: now, lastSeenAt: now }).returning({ id: operatorSessions.id });
    await recordPlatformAudit(tx, actor, { action: "auth.sign_in", entityType: "platform_operator", entityId: op.id });
    return { ok: true, sessionId: s!.id, operatorId: op.id } as const;
  });
}

const TOUCH_INTERVAL_MS = 30_000;

/** An operator's live session, or null (revoked, idle, too old, operator deactivated). */
export async function resolveOperatorSession(db: Db, sessionId: string, now: Date, settings: AuthSettings): Promise<OperatorSession | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await db
    .select({
      sessionId: operatorSessions.id,
      lastSeenAt: operatorSessions.lastSeenAt,
      createdAt: operatorSessions.createdAt,
      revokedAt: operatorSessions.revokedAt,
      operatorId: platformOperators.id,
      email: platformOperators.email,
      name: platformOperators.name,
      isActive: platformOperators.isActive,
    })
    .from(operatorSessions)
    .innerJoin(platformOperators, eq(platformOperators.id, operatorSessions.operatorId))
    .where(eq(operatorSessions.id, sessionId));
  if (!row || row.revokedAt || !row.isActive) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime() > settings.idleMinutes * 60_000;
  if (idle || now.getTime() - row.createdAt.getTime() > settings.maxHours * 3_600_000) {
    await db
      .update(operatorSessions)
      .set({ revokedAt: now, revokedReason: idle ? "idle" : "expired" })
      .where(and(eq(operatorSessions.id, sessionId), isNull(operatorSessions.revokedAt)));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(operatorSessions).set({ lastSeenAt: now }).where(eq(operatorSessions.id, sessionId));
  }
  return { sessionId: row.sessionId, operatorId: row.operatorId, email: row.email, name: row.name };
}

export async function signOutOperator(db: Db, sessionId: string, now: Date): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db
    .update(operatorSessions)
    .set({ revokedAt: now, revokedReason: "sign_out" })
    .where(and(eq(operatorSessions.id, sessionId), isNull(operatorSessions.revokedAt)));
}
