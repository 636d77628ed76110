import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { users, userSessions } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { checkPassword } from "@/server/domain/auth/password-policy";
import type { Role } from "@/server/domain/auth/roles";
import type { AuthSettings } from "@/server/auth/config";
import { burnVerifyTime, hashPassword, verifyPassword } from "@/server/auth/password";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { signInOperator } from "./operators";
import { recordFailedSignIn, throttledMinutes } from "./sign-in-throttle";

export type SignInResult =
  | { ok: true; sessionId: string; userId: string; kind: "user" | "operator" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; minutesLeft: number }
  | { ok: false; reason: "throttled"; minutesLeft: number };

/**
 * What the client is told about a failed sign-in. A locked account answers exactly like a wrong
 * password, an unknown email or a deactivated account ("invalid"), so neither the lock nor the
 * account's existence can be learned by guessing; only a throttled address is told to wait, which
 * says nothing about any account.
 */
export function publicSignInAnswer(result: SignInResult): "ok" | "invalid" | "throttled" {
  if (result.ok) return "ok";
  return result.reason === "throttled" ? "throttled" : "invalid";
}

/**
 * What audit rows keep of a session: a one-way hash, enough to tell the events of one session apart
 * and to match a row against a session an administrator investigates, never the id itself (which,
 * with the secret, is what a cookie carries).
 */
export function sessionRef(sessionId: string): string {
  return createHash("sha256").update(`session:${sessionId}`).digest("hex").slice(0, 16);
}

/** Email addresses are compared and stored lower-case and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password and opens a server-side session. First the client address: one that has failed
 * too often in the window must wait, whichever accounts it tried (kept in the database, so every
 * process sees it). Then the account: wrong passwords count towards its lockout. Unknown emails,
 * deactivated and locked accounts all answer like a wrong password to the client (see auth.ts), so
 * the form reveals neither which accounts exist nor which are locked. Every failure counts against
 * the address.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; clientAddress?: string | null },
  now: Date,
  settings: AuthSettings,
): Promise<SignInResult> {
  const address = input.clientAddress ?? null;
  if (address) {
    const wait = await throttledMinutes(db, address, now, settings);
    if (wait > 0) {
      await burnVerifyTime(input.password);
      return { ok: false, reason: "throttled", minutesLeft: wait };
    }
  }
  const result = await checkPasswordAndOpenSession(db, input, now, settings);
  if (!result.ok && address) await recordFailedSignIn(db, address, now, settings);
  return result;
}

async function checkPasswordAndOpenSession(
  db: Db,
  input: { email: string; password: string },
  now: Date,
  settings: AuthSettings,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) {
    // Not a practice user: perhaps a platform operator (same page, same lockout, own sessions).
    const op = await signInOperator(db, { email, password: input.password }, now, settings);
    if (op?.ok) return { ok: true, sessionId: op.sessionId, userId: op.operatorId, kind: "operator" };
    if (op?.reason === "locked") return { ok: false, reason: "locked", minutesLeft: settings.lockoutMinutes };
    if (!op) await burnVerifyTime(input.password);
    return { ok: false, reason: "invalid" };
  }
  const system: Actor = { userId: user.id, practiceId: user.practiceId, role: user.role, requestId: null };
  if (user.lockedUntil && user.lockedUntil > now) {
    await burnVerifyTime(input.password);
    return { ok: false, reason: "locked", minutesLeft: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) };
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || !user.isActive) {
    if (!passwordOk) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ failedLoginCount: sql`${users.failedLoginCount} + 1`, updatedAt: now })
          .where(eq(users.id, user.id))
          .returning({ failed: users.failedLoginCount });
        const failed = row?.failed ?? 0;
        if (failed >= settings.maxFailedAttempts) {
          const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
          await tx.update(users).set({ lockedUntil, failedLoginCount: 0 }).where(eq(users.id, user.id));
          await recordAudit(tx, system, {
            action: "user.locked",
            entityType: "user",
            entityId: user.id,
            before: { failedLoginCount: failed - 1, lockedUntil: null },
            after: { failedLoginCount: 0, lockedUntil },
          });
          return { ok: false, reason: "locked", minutesLeft: settings.lockoutMinutes } as const;
        }
        await recordAudit(tx, system, {
          action: "auth.sign_in_failed",
          entityType: "user",
          entityId: user.id,
          after: { failedLoginCount: failed },
        });
        return { ok: false, reason: "invalid" } as const;
      });
    }
    return { ok: false, reason: "invalid" };
  }
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastSignInAt: now })
      .where(eq(users.id, user.id));
    const [session] = await tx
      .insert(userSessions)
      .values({ userId: user.id, createdAt: now, lastSeenAt: now })
      .returning({ id: userSessions.id });
    await recordAudit(tx, system, { action: "auth.sign_in", entityType: "user", entityId: user.id, after: { sessionRef: sessionRef(session!.id) } });
    return { ok: true, sessionId: session!.id, userId: user.id, kind: "user" } as const;
  });
}

export interface SessionUser {
  sessionId: string;
  userId: string;
  practiceId: string;
  role: Role;
  email: string;
  name: string;
  mustChangePassword: boolean;
}

/** Writes to last_seen_at at most this often, to keep reads cheap. */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * Turns a session id from the cookie into the signed-in user, or null when the session is revoked,
 * idle for too long, too old, or its user has been deactivated.
 */
export async function resolveSession(
  db: Db,
  sessionId: string,
  now: Date,
  settings: AuthSettings,
): Promise<SessionUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  // Every request resolves its session: prepared and built once (db/prepared.ts), one round trip and no planning.
  const [row] = await preparedOnce(db, "session_user", () =>
    db
      .select({
        sessionId: userSessions.id,
        lastSeenAt: userSessions.lastSeenAt,
        createdAt: userSessions.createdAt,
        revokedAt: userSessions.revokedAt,
        userId: users.id,
        practiceId: users.practiceId,
        role: users.role,
        email: users.email,
        name: users.name,
        isActive: users.isActive,
        mustChangePassword: users.mustChangePassword,
      })
      .from(userSessions)
      .innerJoin(users, eq(users.id, userSessions.userId))
      .where(eq(userSessions.id, sql.placeholder("sessionId")))
      .prepare("session_user"),
  ).execute({ sessionId });
  if (!row || row.revokedAt || !row.isActive) return null;
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  const ageMs = now.getTime() - row.createdAt.getTime();
  if (idleMs > settings.idleMinutes * 60_000 || ageMs > settings.maxHours * 3_600_000) {
    await db
      .update(userSessions)
      .set({ revokedAt: now, revokedReason: idleMs > settings.idleMinutes * 60_000 ? "idle" : "expired" })
      .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
    return null;
  }
  if (idleMs > TOUCH_INTERVAL_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
  }
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    practiceId: row.practiceId,
    role: row.role,
    email: row.email,
    name: row.name,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function signOut(db: Db, sessionId: string, now: Date): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: "sign_out" })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every open session of a user (inside the caller's transaction). Returns how many. */
export async function revokeAllSessions(
  tx: Pick<Db, "update">,
  userId: string,
  now: Date,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        exceptSessionId ? ne(userSessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return rows.length;
}

export async function signOutEverywhere(db: Db, actor: Actor & { userId: string }, now: Date): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    const ended = await revokeAllSessions(tx, actor.userId, now, "sign_out_everywhere");
    await recordAudit(tx, actor, {
      action: "auth.sign_out_everywhere",
      entityType: "user",
      entityId: actor.userId,
      after: { sessionsEnded: ended },
    });
    return { ended };
  });
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor & { userId: string },
  input: { currentPassword: string; newPassword: string; sessionId: string },
  now: Date,
  settings: Pick<AuthSettings, "maxFailedAttempts" | "lockoutMinutes">,
): Promise<void> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.practiceId, actor.practiceId)));
  if (!user) throw new DomainError("NOT_FOUND", "Your account was not found.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    // A wrong current password is a guess like a wrong sign-in password (a borrowed or stolen
    // session could otherwise guess without limit): it counts toward the lockout and is audited, and
    // the lockout also ends the account's sessions.
    const locked = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLoginCount: sql`${users.failedLoginCount} + 1`, updatedAt: now })
        .where(eq(users.id, user.id))
        .returning({ failed: users.failedLoginCount });
      const failed = row?.failed ?? 0;
      if (failed >= settings.maxFailedAttempts) {
        const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
        await tx.update(users).set({ lockedUntil, failedLoginCount: 0 }).where(eq(users.id, user.id));
        const ended = await revokeAllSessions(tx, user.id, now, "locked");
        await recordAudit(tx, actor, {
          action: "user.locked",
          entityType: "user",
          entityId: user.id,
          before: { failedLoginCount: failed - 1, lockedUntil: null },
          after: { failedLoginCount: 0, lockedUntil, via: "change_password", sessionsEnded: ended },
        });
        return true;
      }
      await recordAudit(tx, actor, {
        action: "auth.password_check_failed",
        entityType: "user",
        entityId: user.id,
        after: { failedLoginCount: failed, via: "change_password" },
      });
      return false;
    });
    if (locked) {
      throw new DomainError(
        "UNAUTHORIZED",
        `Too many wrong passwords: the account is locked for ${settings.lockoutMinutes} minutes and you have been signed out.`,
      );
    }
    throw new DomainError("VALIDATION", "The current password is not correct.", { field: "currentPassword" });
  }
  if (input.currentPassword === input.newPassword) {
    throw new DomainError("PASSWORD_POLICY", "Choose a password different from the current one.", { field: "newPassword" });
  }
  const problems = checkPassword(input.newPassword, { email: user.email, name: user.name });
  if (problems.length > 0) throw new DomainError("PASSWORD_POLICY", problems.join(" "), { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, failedLoginCount: 0, updatedAt: now })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new DomainError("CONFLICT", "Your password was changed elsewhere meanwhile. Sign in again.");
    // Other devices must sign in again with the new password.
    const ended = await revokeAllSessions(tx, user.id, now, "password_changed", input.sessionId);
    await recordAudit(tx, actor, {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, otherSessionsEnded: ended },
    });
  });
}

/** Sessions still open for a user (for the admin screen). */
export async function countOpenSessions(db: Db, userId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.lastSeenAt, since)));
  return r?.n ?? 0;
}
