import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { phiAccessLog } from "@/db/schema";
import { phiProcedure } from "@/server/api/phi";
import { createCallerFactory, router } from "@/server/api/trpc";
import { callerFor, makePatient, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

const T0 = new Date("2026-09-14T14:05:00Z");
const at = (minutes: number) => () => new Date(T0.getTime() + minutes * 60_000);
const rowsOf = (userId: string) => h.db.select().from(phiAccessLog).where(eq(phiAccessLog.userId, userId)).orderBy(phiAccessLog.seq);

describe("access to patients' records is logged (item 12)", () => {
  it("one row per user, patient and hour, whatever the number of reads", async () => {
    const p = await makePatient(h.db, w.practice.id);
    const early = callerFor(h.db, w.as.biller.session, at(0));
    await early.patients.get({ patientId: p.id });
    await early.patients.get({ patientId: p.id });
    await callerFor(h.db, w.as.biller.session, at(40)).patients.get({ patientId: p.id });
    let rows = await rowsOf(w.as.biller.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ practiceId: w.practice.id, patientId: p.id, action: "view", entityType: "patient", entityId: p.id });
    expect(rows[0]!.hourStart.toISOString()).toBe("2026-09-14T14:00:00.000Z");
    await callerFor(h.db, w.as.biller.session, at(60)).patients.get({ patientId: p.id });
    rows = await rowsOf(w.as.biller.user.id);
    expect(rows.map((r) => r.hourStart.toISOString())).toEqual(["2026-09-14T14:00:00.000Z", "2026-09-14T15:00:00.000Z"]);
  });

  it("records another practice's id as a refused attempt, and shows nothing", async () => {
    const theirs = await makePatient(h.db, w.other.id);
    const caller = callerFor(h.db, w.as.manager.session, at(0));
    await expect(caller.patients.get({ patientId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.orders.get({ orderId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const rows = await rowsOf(w.as.manager.user.id);
    expect(rows.map((r) => [r.action, r.entityType, r.entityId, r.reason, r.patientId])).toEqual([
      ["refused", "patient", theirs.id, "not_found", null],
      ["refused", "order", expect.any(String), "not_found", null],
    ]);
    // The refusal is in the reader's practice (where its admins look), never in the other one.
    expect(rows.every((r) => r.practiceId === w.practice.id)).toBe(true);
  });

  it("records a role's refused attempt through phiProcedure", async () => {
    const p = await makePatient(h.db, w.practice.id);
    // A PHI read only administrators may make, to exercise the role check (every role reads patients today).
    const test = router({
      secret: phiProcedure("phiAccess.read", { entity: "test_record", idKey: "patientId", patientIdOf: (d: { id: string }) => d.id })
        .input(z.object({ patientId: z.string() }))
        .query(({ input }) => ({ id: input.patientId })),
    });
    const make = createCallerFactory(test);
    const ctx = (s: typeof w.as.biller.session) => ({ db: h.db, session: s, requestId: randomUUID(), now: at(0) });
    await expect(make(ctx(w.as.pa_coordinator.session)).secret({ patientId: p.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await make(ctx(w.as.admin.session)).secret({ patientId: p.id });
    expect((await rowsOf(w.as.pa_coordinator.user.id)).map((r) => [r.action, r.reason, r.entityId])).toEqual([["refused", "role", p.id]]);
    expect((await rowsOf(w.as.admin.user.id)).filter((r) => r.entityType === "test_record").map((r) => r.action)).toEqual(["view"]);
  });

  it("administrators browse it with names; managers and billers cannot; other practices see none of it", async () => {
    const p = await makePatient(h.db, w.practice.id, { lastName: "Browsable", mrn: "MRN-BROWSE-1" });
    await callerFor(h.db, w.as.pa_coordinator.session, at(0)).patients.get({ patientId: p.id });
    const page = await w.as.admin.caller.audit.access({ q: "browsable" });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ userName: w.as.pa_coordinator.user.name, patientLastName: "Browsable", patientMrn: "MRN-BROWSE-1", action: "view" });
    const refused = await w.as.admin.caller.audit.access({ action: "refused" });
    expect(refused.items.length).toBeGreaterThan(0);
    expect(refused.items.every((r) => r.action === "refused")).toBe(true);
    await expect(w.as.manager.caller.audit.access({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.biller.caller.audit.access({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.otherAdmin.caller.audit.access({})).items).toHaveLength(0);
    await expect(w.as.admin.caller.audit.access({ q: "a\u0000b" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("cannot be changed or erased", async () => {
    const chain = (e: unknown) => {
      const parts: string[] = [];
      for (let c = e as { message?: string; cause?: unknown } | undefined; c; c = c.cause as typeof c) parts.push(String(c.message));
      return parts.join(" <- ");
    };
    expect(chain(await h.db.execute(sql`update phi_access_log set action = 'view'`).catch((e) => e))).toMatch(/phi_access_log is append-only: UPDATE/);
    expect(chain(await h.db.execute(sql`delete from phi_access_log`).catch((e) => e))).toMatch(/phi_access_log is append-only: DELETE/);
    const [n] = await h.db.select({ n: sql<number>`count(*)::int` }).from(phiAccessLog).where(and(eq(phiAccessLog.practiceId, w.practice.id)));
    expect(n!.n).toBeGreaterThan(0);
  });
});
