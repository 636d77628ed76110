import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import { authSettings } from "@/server/auth/config";
import { resolveSession, signInWithPassword } from "@/server/services/auth";
import { callerFor, makeSession, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

function causeChain(e: unknown): string {
  const parts: string[] = [];
  for (let c = e as { message?: string; cause?: unknown } | undefined; c; c = c.cause as typeof c) parts.push(String(c.message));
  return parts.join(" <- ");
}

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.seq);
}

describe("users.list", () => {
  it("lists only the caller's practice, never password hashes", async () => {
    const list = await w.as.admin.caller.users.list();
    expect(list.map((u) => u.id).sort()).toEqual(Object.values(w.as).map((x) => x.user.id).sort());
    expect(JSON.stringify(list)).not.toContain("argon2");
    const other = await w.otherAdmin.caller.users.list();
    expect(other.map((u) => u.id)).toEqual([w.otherAdmin.user.id]);
  });
  it("is readable by a manager, not by a biller or a PA coordinator", async () => {
    await expect(w.as.manager.caller.users.list()).resolves.toHaveLength(4);
    await expect(w.as.biller.caller.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.pa_coordinator.caller.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
  it("rejects anonymous callers", async () => {
    await expect(w.anonymous.users.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("users.create", () => {
  it("creates a user with a one-time temporary password that must be changed, and audits it", async () => {
    const res = await w.as.admin.caller.users.create({ email: "New.Biller@Test.example", name: "New Biller", role: "biller" });
    expect(res.user.email).toBe("new.biller@test.example");
    expect(res.user.mustChangePassword).toBe(true);
    expect(res.temporaryPassword).toMatch(/^[\w]{4}(-[\w]{4}){3}$/);
    expect(JSON.stringify(res.user)).not.toContain("passwordHash");
    const signIn = await signInWithPassword(h.db, { email: "new.biller@test.example", password: res.temporaryPassword }, new Date(), authSettings());
    expect(signIn.ok).toBe(true);
    const [audit] = await auditFor(res.user.id);
    expect(audit).toMatchObject({ action: "user.created", actorUserId: w.as.admin.user.id, practiceId: w.practice.id, before: null });
    expect(audit!.after).toMatchObject({ email: "new.biller@test.example", role: "biller", mustChangePassword: true });
    expect(JSON.stringify(audit!.after)).not.toMatch(/passwordHash|argon2/);
    expect(audit!.requestId).toMatch(/^test-/);
  });
  it("refuses a duplicate email with a field error", async () => {
    await expect(
      w.as.admin.caller.users.create({ email: w.as.biller.user.email.toUpperCase(), name: "Dup", role: "biller" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "A user with this email already exists." });
  });
  it("rejects bad input at the boundary with the field named", async () => {
    const err = await w.as.admin.caller.users.create({ email: "not-an-email", name: "", role: "owner" as never }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    // What the client receives goes through the one error formatter.
    const shown = formatError(err, "req-1");
    expect(shown.message).toContain("email: Enter a valid email address.");
    expect(shown.message).toContain("role: Role must be one of");
    expect(shown.data.zodError?.fieldErrors.name).toBeDefined();
    expect(shown.data.field).toBe("email");
  });
  it("is forbidden to non-admins and scoped to the caller's practice", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.users.create({ email: `x-${role}@t.example`, name: "X", role: "biller" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const res = await w.otherAdmin.caller.users.create({ email: "other-new@t.example", name: "Other New", role: "biller" });
    expect(res.user.practiceId).toBe(w.other.id);
    const mine = await w.as.admin.caller.users.list();
    expect(mine.map((u) => u.id)).not.toContain(res.user.id);
  });
});

describe("users.changeRole", () => {
  it("changes the role, ends the user's sessions and audits before/after", async () => {
    const { user } = await w.as.admin.caller.users.create({ email: "role-change@t.example", name: "Role Change", role: "biller" });
    const s = await makeSession(h.db, { ...user, mustChangePassword: false });
    const updated = await w.as.admin.caller.users.changeRole({ userId: user.id, role: "manager" });
    expect(updated.role).toBe("manager");
    expect(await resolveSession(h.db, s.sessionId, new Date(), authSettings())).toBeNull();
    const events = await auditFor(user.id);
    expect(events.at(-1)).toMatchObject({ action: "user.role_changed", before: { role: "biller" }, after: { role: "manager" } });
  });
  it("cannot touch a user of another practice (reported as not found)", async () => {
    await expect(w.otherAdmin.caller.users.changeRole({ userId: w.as.biller.user.id, role: "admin" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [b] = await h.db.select().from(users).where(eq(users.id, w.as.biller.user.id));
    expect(b!.role).toBe("biller");
  });
  it("is forbidden to a manager", async () => {
    await expect(w.as.manager.caller.users.changeRole({ userId: w.as.biller.user.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
  it("keeps at least one active admin", async () => {
    await expect(w.otherAdmin.caller.users.changeRole({ userId: w.otherAdmin.user.id, role: "biller" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A practice needs at least one active administrator.",
    });
  });
});

describe("users.setActive", () => {
  it("deactivation stops existing sessions and new sign-ins; reactivation restores sign-in", async () => {
    const { user, temporaryPassword } = await w.as.admin.caller.users.create({ email: "leaver@t.example", name: "Leaver", role: "biller" });
    const s = await makeSession(h.db, { ...user, mustChangePassword: false });
    expect(await resolveSession(h.db, s.sessionId, new Date(), authSettings())).not.toBeNull();
    const after = await w.as.admin.caller.users.setActive({ userId: user.id, active: false });
    expect(after.isActive).toBe(false);
    expect(await resolveSession(h.db, s.sessionId, new Date(), authSettings())).toBeNull();
    // The ended session cannot call anything either: the request context would carry no session.
    const res = await signInWithPassword(h.db, { email: "leaver@t.example", password: temporaryPassword }, new Date(), authSettings());
    expect(res).toEqual({ ok: false, reason: "invalid" });
    const events = await auditFor(user.id);
    expect(events.at(-1)).toMatchObject({ action: "user.deactivated", before: { isActive: true }, after: { isActive: false, sessionsEnded: 1 } });
    await w.as.admin.caller.users.setActive({ userId: user.id, active: true });
    const again = await signInWithPassword(h.db, { email: "leaver@t.example", password: temporaryPassword }, new Date(), authSettings());
    expect(again.ok).toBe(true);
  });
  it("does not let admins deactivate themselves", async () => {
    await expect(w.as.admin.caller.users.setActive({ userId: w.as.admin.user.id, active: false })).rejects.toMatchObject({ code: "CONFLICT" });
  });
  it("is forbidden to non-admins and blind to other practices", async () => {
    await expect(w.as.biller.caller.users.setActive({ userId: w.as.manager.user.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.users.setActive({ userId: w.as.manager.user.id, active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("users.resetPassword", () => {
  it("issues a new temporary password, clears a lockout, forces a change and audits without the secret", async () => {
    const { user } = await w.as.admin.caller.users.create({ email: "locked@t.example", name: "Locked Out", role: "biller" });
    await h.db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000) }).where(eq(users.id, user.id));
    const { temporaryPassword } = await w.as.admin.caller.users.resetPassword({ userId: user.id });
    const res = await signInWithPassword(h.db, { email: "locked@t.example", password: temporaryPassword }, new Date(), authSettings());
    expect(res.ok).toBe(true);
    const events = await auditFor(user.id);
    const reset = events.find((e) => e.action === "user.password_reset")!;
    expect(reset.after).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect(JSON.stringify(reset)).not.toContain(temporaryPassword);
  });
  it("is forbidden to a manager and to another practice", async () => {
    await expect(w.as.manager.caller.users.resetPassword({ userId: w.as.biller.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.users.resetPassword({ userId: w.as.biller.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("users.unlock", () => {
  it("lifts a lockout without touching the password, audited; refuses an account that is not locked", async () => {
    const { user, temporaryPassword } = await w.as.admin.caller.users.create({ email: "unlock.me@t.example", name: "Unlock Me", role: "biller" });
    const settings = authSettings();
    for (let i = 0; i < settings.maxFailedAttempts; i++) {
      await signInWithPassword(h.db, { email: "unlock.me@t.example", password: "wrong-guess-123" }, new Date(), settings);
    }
    expect(await signInWithPassword(h.db, { email: "unlock.me@t.example", password: temporaryPassword }, new Date(), settings)).toMatchObject({ ok: false, reason: "locked" });
    const listed = (await w.as.admin.caller.users.list()).find((u) => u.id === user.id)!;
    expect(listed.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const after = await w.as.admin.caller.users.unlock({ userId: user.id });
    expect(after.lockedUntil).toBeNull();
    expect((await signInWithPassword(h.db, { email: "unlock.me@t.example", password: temporaryPassword }, new Date(), settings)).ok).toBe(true);
    const unlocked = (await auditFor(user.id)).find((e) => e.action === "user.unlocked")!;
    expect(unlocked).toMatchObject({ actorUserId: w.as.admin.user.id, after: { lockedUntil: null, failedLoginCount: 0 } });
    await expect(w.as.admin.caller.users.unlock({ userId: user.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
  it("is forbidden to a manager and blind to another practice", async () => {
    await h.db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000) }).where(eq(users.id, w.as.biller.user.id));
    await expect(w.as.manager.caller.users.unlock({ userId: w.as.biller.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.users.unlock({ userId: w.as.biller.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await h.db.select().from(users).where(eq(users.id, w.as.biller.user.id));
    expect(row!.lockedUntil).not.toBeNull();
    await h.db.update(users).set({ lockedUntil: null }).where(eq(users.id, w.as.biller.user.id));
  });
});

describe("audit trail", () => {
  it("cannot be updated or deleted, even directly", async () => {
    const [row] = await h.db.select().from(auditEvents).limit(1);
    const update = await h.db.update(auditEvents).set({ action: "tampered" }).where(eq(auditEvents.id, row!.id)).catch((e) => e);
    expect(causeChain(update)).toMatch(/append-only: UPDATE/);
    const del = await h.db.delete(auditEvents).where(eq(auditEvents.id, row!.id)).catch((e) => e);
    expect(causeChain(del)).toMatch(/append-only: DELETE/);
    const [still] = await h.db.select().from(auditEvents).where(eq(auditEvents.id, row!.id));
    expect(still!.action).toBe(row!.action);
  });
  it("a failed write leaves no audit row behind (same transaction)", async () => {
    const before = await h.db.select().from(auditEvents);
    await expect(w.as.admin.caller.users.create({ email: w.as.manager.user.email, name: "Dup", role: "biller" })).rejects.toThrow();
    const after = await h.db.select().from(auditEvents);
    expect(after.length).toBe(before.length);
  });
  it("a session still on a temporary password can do nothing but change it", async () => {
    const s = { ...w.as.biller.session, mustChangePassword: true };
    await expect(callerFor(h.db, s).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
