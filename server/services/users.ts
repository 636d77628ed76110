import "server-only";
import { randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { users } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { generateTemporaryPassword } from "@/server/domain/auth/password-policy";
import type { Role } from "@/server/domain/auth/roles";
import { hashPassword } from "@/server/auth/password";
import { recordAudit } from "./audit";
import { normalizeEmail, revokeAllSessions } from "./auth";
import type { Actor } from "./context";

export type UserRow = typeof users.$inferSelect;
export type PublicUser = Omit<UserRow, "passwordHash">;

export function toPublicUser(u: UserRow): PublicUser {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

async function loadUser(tx: Tx | Db, actor: Actor, userId: string): Promise<UserRow> {
  const [u] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId)));
  // Another practice's user is reported exactly like a missing one.
  if (!u) throw new DomainError("NOT_FOUND", "User not found.");
  return u;
}

async function assertAnotherActiveAdmin(tx: Tx, practiceId: string, exceptUserId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.role, "admin"), eq(users.isActive, true)));
  if (!rows.some((r) => r.id !== exceptUserId)) {
    throw new DomainError("CONFLICT", "A practice needs at least one active administrator.");
  }
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; role: Role },
  now: Date,
): Promise<{ user: PublicUser; temporaryPassword: string }> {
  const email = normalizeEmail(input.email);
  const temporaryPassword = generateTemporaryPassword(randomInt);
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ n: count() }).from(users).where(eq(users.email, email));
    if ((exists?.n ?? 0) > 0) {
      throw new DomainError("CONFLICT", "A user with this email already exists.", { field: "email" });
    }
    const [user] = await tx
      .insert(users)
      .values({
        practiceId: actor.practiceId,
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, { action: "user.created", entityType: "user", entityId: user!.id, after: user });
    return { user: toPublicUser(user!), temporaryPassword };
  });
}

export async function changeUserRole(db: Db, actor: Actor, input: { userId: string; role: Role }, now: Date): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, input.userId);
    if (before.role === input.role) return toPublicUser(before);
    if (before.role === "admin") await assertAnotherActiveAdmin(tx, actor.practiceId, before.id);
    const [after] = await tx
      .update(users)
      .set({ role: input.role, updatedAt: now })
      .where(and(eq(users.id, before.id), eq(users.role, before.role)))
      .returning();
    if (!after) throw new DomainError("CONFLICT", "The user's role was changed by someone else meanwhile. Reload and try again.");
    // Sessions carry the role; end them so the new role applies at the next sign-in.
    await revokeAllSessions(tx, before.id, now, "role_changed");
    await recordAudit(tx, actor, {
      action: "user.role_changed",
      entityType: "user",
      entityId: before.id,
      before: { role: before.role },
      after: { role: after.role },
    });
    return toPublicUser(after);
  });
}

export async function setUserActive(
  db: Db,
  actor: Actor,
  input: { userId: string; active: boolean },
  now: Date,
): Promise<PublicUser> {
  if (!input.active && input.userId === actor.userId) {
    throw new DomainError("CONFLICT", "You cannot deactivate your own account.");
  }
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, input.userId);
    if (before.isActive === input.active) return toPublicUser(before);
    if (!input.active && before.role === "admin") await assertAnotherActiveAdmin(tx, actor.practiceId, before.id);
    const [after] = await tx
      .update(users)
      .set({ isActive: input.active, updatedAt: now })
      .where(and(eq(users.id, before.id), eq(users.isActive, before.isActive)))
      .returning();
    if (!after) throw new DomainError("CONFLICT", "This user was changed by someone else meanwhile. Reload and try again.");
    const ended = input.active ? 0 : await revokeAllSessions(tx, before.id, now, "deactivated");
    await recordAudit(tx, actor, {
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: before.id,
      before: { isActive: before.isActive },
      after: { isActive: after.isActive, sessionsEnded: ended },
    });
    return toPublicUser(after);
  });
}

/** Issues a new temporary password (shown once), forces a change and clears any lockout. */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  input: { userId: string },
  now: Date,
): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword(randomInt);
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, input.userId);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, before.id));
    const ended = await revokeAllSessions(tx, before.id, now, "password_reset");
    await recordAudit(tx, actor, {
      action: "user.password_reset",
      entityType: "user",
      entityId: before.id,
      before: { mustChangePassword: before.mustChangePassword, lockedUntil: before.lockedUntil },
      after: { mustChangePassword: true, lockedUntil: null, sessionsEnded: ended },
    });
    return { temporaryPassword };
  });
}

/**
 * Lifts a lockout (after too many wrong passwords) without touching the password: the user signs in
 * with the password they have. Refused when the account is not locked, so the audit trail only shows
 * unlocks that did something.
 */
export async function unlockUser(db: Db, actor: Actor, input: { userId: string }, now: Date): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, actor, input.userId);
    if (!before.lockedUntil || before.lockedUntil <= now) {
      throw new DomainError("CONFLICT", "This account is not locked.");
    }
    const [after] = await tx
      .update(users)
      .set({ lockedUntil: null, failedLoginCount: 0, updatedAt: now })
      .where(and(eq(users.id, before.id), eq(users.practiceId, actor.practiceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: "user.unlocked",
      entityType: "user",
      entityId: before.id,
      before: { lockedUntil: before.lockedUntil, failedLoginCount: before.failedLoginCount },
      after: { lockedUntil: null, failedLoginCount: 0 },
    });
    return toPublicUser(after!);
  });
}
