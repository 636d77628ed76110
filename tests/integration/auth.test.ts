import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, platformAuditEvents, signInThrottle, users } from "@/db/schema";
import type { AuthSettings } from "@/server/auth/config";
import { publicSignInAnswer, resolveSession, sessionRef, signInWithPassword, signOut } from "@/server/services/auth";
import { createOperator, resolveOperatorSession, signOutOperator } from "@/server/services/operators";
import { callerFor, makePractice, makeSession, makeUser, makeWorld, TEST_PASSWORD } from "../factories";
import { createTestDb } from "../helpers/test-db";

const settings: AuthSettings = { idleMinutes: 15, maxHours: 12, maxFailedAttempts: 5, lockoutMinutes: 15, addressMaxFailures: 10, addressWindowMinutes: 15, trustedProxyHops: 1 };
const T0 = new Date("2026-09-14T14:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h?.close());

describe("sign-in and lockout", () => {
  it("locks the account after 5 wrong passwords for 15 minutes, even for the right password", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    for (let i = 1; i <= 4; i++) {
      expect(await signInWithPassword(h.db, { email: u.email, password: "wrong-password-x" }, at(0), settings)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInWithPassword(h.db, { email: u.email, password: "wrong-password-x" }, at(0), settings)).toEqual({
      ok: false,
      reason: "locked",
      minutesLeft: 15,
    });
    expect(await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, at(5), settings)).toEqual({
      ok: false,
      reason: "locked",
      minutesLeft: 10,
    });
    const ok = await signInWithPassword(h.db, { email: u.email.toUpperCase(), password: TEST_PASSWORD }, at(15.1), settings);
    expect(ok.ok).toBe(true);
    const [row] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    const actions = (await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id)).orderBy(auditEvents.seq)).map((e) => e.action);
    expect(actions).toEqual([...Array(4).fill("auth.sign_in_failed"), "user.locked", "auth.sign_in"]);
  });

  it("a success before the fifth failure resets the count", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    for (let i = 0; i < 4; i++) await signInWithPassword(h.db, { email: u.email, password: "nope-nope-nope" }, at(0), settings);
    expect((await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, at(1), settings)).ok).toBe(true);
    expect(await signInWithPassword(h.db, { email: u.email, password: "nope-nope-nope" }, at(2), settings)).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers unknown emails and deactivated users exactly like a wrong password", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "manager", { isActive: false });
    expect(await signInWithPassword(h.db, { email: "nobody@nowhere.example", password: TEST_PASSWORD }, at(0), settings)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, at(0), settings)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("issue 7: guessing throttled per client address (in the database), lockout not revealed", () => {
  const tight: AuthSettings = { ...settings, addressMaxFailures: 3, addressWindowMinutes: 10 };
  it("an address that failed too often waits, whichever account it tries; other addresses are unaffected", async () => {
    const p = await makePractice(h.db);
    const a = await makeUser(h.db, p.id, "biller");
    const b = await makeUser(h.db, p.id, "manager");
    const guesser = "203.0.113.7";
    await signInWithPassword(h.db, { email: a.email, password: "guess-1-guess", clientAddress: guesser }, at(0), tight);
    await signInWithPassword(h.db, { email: "nobody@x.example", password: "guess-2-guess", clientAddress: guesser }, at(1), tight);
    await signInWithPassword(h.db, { email: b.email, password: "guess-3-guess", clientAddress: guesser }, at(2), tight);
    // Even the right password of an untouched account waits, and no account was locked by the guesser.
    expect(await signInWithPassword(h.db, { email: b.email, password: TEST_PASSWORD, clientAddress: guesser }, at(3), tight)).toEqual({
      ok: false,
      reason: "throttled",
      minutesLeft: 7,
    });
    const [bRow] = await h.db.select().from(users).where(eq(users.id, b.id));
    expect(bRow).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
    expect((await signInWithPassword(h.db, { email: b.email, password: TEST_PASSWORD, clientAddress: "198.51.100.4" }, at(3), tight)).ok).toBe(true);
    // The window passes: the address may try again (and starts a new count).
    expect((await signInWithPassword(h.db, { email: a.email, password: TEST_PASSWORD, clientAddress: guesser }, at(10.5), tight)).ok).toBe(true);
  });

  it("the count is shared by every process (it lives in the database), and the table holds no addresses", async () => {
    const p = await makePractice(h.db);
    const a = await makeUser(h.db, p.id, "biller");
    const address = "192.0.2.55";
    // Concurrent failures (as from several app processes) are all counted.
    await Promise.all([1, 2, 3].map((i) => signInWithPassword(h.db, { email: a.email, password: `wrong-${i}-wrong`, clientAddress: address }, at(0), tight)));
    expect((await signInWithPassword(h.db, { email: a.email, password: TEST_PASSWORD, clientAddress: address }, at(1), tight)).ok).toBe(false);
    const rows = await h.db.select().from(signInThrottle);
    expect(JSON.stringify(rows)).not.toContain(address);
  });

  it("a locked account answers the client exactly like a wrong password", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(publicSignInAnswer(await signInWithPassword(h.db, { email: u.email, password: "wrong-password-x" }, at(0), settings)));
    const locked = await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, at(1), settings);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(new Set([...answers, publicSignInAnswer(locked)])).toEqual(new Set(["invalid"]));
    const unknown = await signInWithPassword(h.db, { email: "no.one@x.example", password: TEST_PASSWORD }, at(1), settings);
    expect(publicSignInAnswer(unknown)).toBe("invalid");
  });
});

describe("sessions", () => {
  it("expire after the idle period, and activity keeps them alive", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    const s = await makeSession(h.db, u, at(0));
    expect(await resolveSession(h.db, s.sessionId, at(14), settings)).toMatchObject({ userId: u.id, role: "biller", practiceId: p.id });
    expect(await resolveSession(h.db, s.sessionId, at(28), settings)).not.toBeNull(); // 14 min after last activity
    expect(await resolveSession(h.db, s.sessionId, at(43.5), settings)).toBeNull(); // 15.5 min idle
    expect(await resolveSession(h.db, s.sessionId, at(44), settings)).toBeNull(); // stays ended
  });

  it("end on sign-out, and garbage ids resolve to nothing", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    const s = await makeSession(h.db, u);
    await signOut(h.db, s.sessionId, new Date());
    expect(await resolveSession(h.db, s.sessionId, new Date(), settings)).toBeNull();
    expect(await resolveSession(h.db, "'; drop table users; --", new Date(), settings)).toBeNull();
  });
});

describe("auth router", () => {
  it("me returns the role's navigation and permissions; anonymous is unauthorised", async () => {
    const w = await makeWorld(h.db);
    const me = await w.as.manager.caller.auth.me();
    expect(me.nav.map((n) => n.label)).toEqual(["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials", "Audit log"]);
    expect(me.permissions).not.toContain("claim.submit");
    const admin = await w.as.admin.caller.auth.me();
    expect(admin.nav.map((n) => n.label)).toContain("Admin");
    const biller = await w.as.biller.caller.auth.me();
    expect(biller.nav.map((n) => n.label)).not.toContain("Audit log");
    await expect(w.anonymous.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("changePassword enforces the policy, clears the forced change, ends other sessions and audits", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller", { mustChangePassword: true, name: "Jordan Smith", email: "jordan.smith@t.example" });
    const s = await makeSession(h.db, u);
    const other = await makeSession(h.db, u);
    const caller = callerFor(h.db, s);
    await expect(caller.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.auth.changePassword({ currentPassword: "wrong", newPassword: "Brand-New-Passphrase-1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The current password is not correct.",
    });
    await expect(caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("at least 12 characters"),
    });
    await expect(caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "jordan.smith-2026!" })).rejects.toMatchObject({
      message: expect.stringContaining("email"),
    });
    await caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Brand-New-Passphrase-1" });
    expect(await resolveSession(h.db, s.sessionId, new Date(), settings)).toMatchObject({ mustChangePassword: false });
    expect(await resolveSession(h.db, other.sessionId, new Date(), settings)).toBeNull();
    expect((await signInWithPassword(h.db, { email: u.email, password: "Brand-New-Passphrase-1" }, new Date(), settings)).ok).toBe(true);
    const [ev] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "user.password_changed"));
    expect(ev).toMatchObject({ entityId: u.id, before: { mustChangePassword: true }, after: { mustChangePassword: false, otherSessionsEnded: 1 } });
  });

  it("signOutEverywhere ends every session of the caller only", async () => {
    const w = await makeWorld(h.db);
    const second = await makeSession(h.db, w.as.biller.user);
    const res = await w.as.biller.caller.auth.signOutEverywhere();
    expect(res.ended).toBe(2);
    expect(await resolveSession(h.db, second.sessionId, new Date(), settings)).toBeNull();
    expect(await resolveSession(h.db, w.as.biller.session.sessionId, new Date(), settings)).toBeNull();
    expect(await resolveSession(h.db, w.as.manager.session.sessionId, new Date(), settings)).not.toBeNull();
    await expect(w.anonymous.auth.signOutEverywhere()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("issue 7: guessing through change-password, session ids kept server-side", () => {
  it("wrong current passwords count toward the lockout, are audited, and the lockout ends every session", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "biller");
    const s = await makeSession(h.db, u);
    const other = await makeSession(h.db, u);
    const caller = callerFor(h.db, s);
    for (let i = 1; i <= 4; i++) {
      await expect(caller.auth.changePassword({ currentPassword: `guess-number-${i}`, newPassword: "Brand-New-Passphrase-1" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "The current password is not correct.",
      });
    }
    const [mid] = await h.db.select().from(users).where(eq(users.id, u.id));
    expect(mid!.failedLoginCount).toBe(4);
    await expect(caller.auth.changePassword({ currentPassword: "guess-number-5", newPassword: "Brand-New-Passphrase-1" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("locked"),
    });
    expect(await resolveSession(h.db, s.sessionId, new Date(), settings)).toBeNull();
    expect(await resolveSession(h.db, other.sessionId, new Date(), settings)).toBeNull();
    // Locked for sign-in too, even with the right password.
    expect(await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, new Date(), settings)).toMatchObject({ ok: false });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id)).orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual([...Array(4).fill("auth.password_check_failed"), "user.locked"]);
    expect(events[4]!.after).toMatchObject({ via: "change_password", sessionsEnded: 2 });
    expect(events.every((e) => e.actorUserId === u.id && e.practiceId === p.id)).toBe(true);
  });

  it("audit rows of a sign-in carry a hash of the session id, never the id", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "manager");
    const r = await signInWithPassword(h.db, { email: u.email, password: TEST_PASSWORD }, new Date(), settings);
    if (!r.ok) throw new Error("sign-in failed");
    const [ev] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, u.id), eq(auditEvents.action, "auth.sign_in")));
    expect(JSON.stringify(ev)).not.toContain(r.sessionId);
    expect(ev!.after).toEqual({ sessionRef: sessionRef(r.sessionId) });
    expect(sessionRef(r.sessionId)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("issue 7: platform operators sign in on the same page, outside every practice", () => {
  it("an operator created from the command line signs in with the same lockout; practice emails are refused", async () => {
    const p = await makePractice(h.db);
    const u = await makeUser(h.db, p.id, "admin");
    await expect(createOperator(h.db, { email: u.email, name: "Olive Operator", password: "Shared-Reference-Keeper-26" }, new Date())).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const email = `olive-${Date.now()}@platform.example`;
    const op = await createOperator(h.db, { email: email.toUpperCase(), name: "Olive Operator", password: "Shared-Reference-Keeper-26" }, new Date());
    expect(op.email).toBe(email);
    await expect(createOperator(h.db, { email, name: "Again", password: "Shared-Reference-Keeper-26" }, new Date())).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createOperator(h.db, { email: "x@y.example", name: "Weak", password: "short" }, new Date())).rejects.toMatchObject({ code: "PASSWORD_POLICY" });

    const ok = await signInWithPassword(h.db, { email, password: "Shared-Reference-Keeper-26" }, at(0), settings);
    expect(ok).toMatchObject({ ok: true, kind: "operator", userId: op.id });
    if (!ok.ok) throw new Error("unreachable");
    // An operator's session is not a practice session.
    expect(await resolveSession(h.db, ok.sessionId, at(1), settings)).toBeNull();
    expect(await resolveOperatorSession(h.db, ok.sessionId, at(1), settings)).toMatchObject({ operatorId: op.id, email });
    await signOutOperator(h.db, ok.sessionId, at(2));
    expect(await resolveOperatorSession(h.db, ok.sessionId, at(3), settings)).toBeNull();

    for (let i = 0; i < 4; i++) expect(await signInWithPassword(h.db, { email, password: "not-the-password" }, at(5), settings)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(h.db, { email, password: "not-the-password" }, at(5), settings)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInWithPassword(h.db, { email, password: "Shared-Reference-Keeper-26" }, at(6), settings)).toMatchObject({ ok: false, reason: "locked" });
    const trail = await h.db.select().from(platformAuditEvents).where(eq(platformAuditEvents.entityId, op.id)).orderBy(platformAuditEvents.seq);
    expect(trail.map((e) => e.action)).toEqual(["operator.created", "auth.sign_in", ...Array(4).fill("auth.sign_in_failed"), "operator.locked"]);
  });
});
